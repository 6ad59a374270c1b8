"""What if, from the command palette: type ``W2[1,3] = 0.5``, ``b1[0] = -1``,
``learning_rate = 0.05`` (or ``lr``, ``eta``), ``l1 = 0.01``, ``l2 = 0.001``; the
palette offers "What if …" and the edit makes a new branch at the cursor."""

from __future__ import annotations

import re
from functools import partial

from textual.command import Hit

from ..branches import edit_name
from .commands import NUMBER, ListedCommands

CELL = re.compile(rf"^\s*([wb])(\d+)\s*\[\s*(\d+)\s*(?:,\s*(\d+)\s*)?\]\s*(?:=|:=|←|<-)\s*{NUMBER}\s*$", re.I)
SETTING = re.compile(rf"^\s*(learning[_ ]rate|lr|eta|η|l1|l2)\s*(?:=|:=|←|<-)\s*{NUMBER}\s*$", re.I)
SETTINGS = {"lr": "learning_rate", "eta": "learning_rate", "η": "learning_rate", "learning rate": "learning_rate"}


def parse(text: str) -> tuple[str, tuple[int, int] | None, float] | None:
    """(target, 0-based cell, value) of an edit a person typed, or None. A person
    counts cells from 1, as every panel does: 'W2[1,3] = 0.5' is the API's (0, 2)."""
    match = CELL.match(text)
    if match:
        kind, layer, row, col, value = match.groups()
        row, col = int(row), int(col or 1)
        if row < 1 or col < 1:
            return None
        return f"{kind.upper() if kind in 'wW' else 'b'}{layer}", (row - 1, col - 1), float(value)
    match = SETTING.match(text)
    if match:
        name = match[1].lower()
        return SETTINGS.get(name, name), None, float(match[2])
    return None


class WhatIfCommands(ListedCommands):
    """Edit a value at the cursor (a new branch), list the branches, check the gradients."""

    def _usable(self) -> bool:
        return hasattr(self.screen, "edit_value")

    def _commands(self):
        screen = self.screen
        return [("What if: a new value for the selected cell", screen.action_edit,
                 "or type it: W2[1,3] = 0.5, b1[1] = -1, learning_rate = 0.05, l2 = 0.001"),
                ("Branches: switch, compare, delete, save", screen.action_branches, "the what-if branches"),
                ("Gradient check of this batch", screen.action_gradcheck, "dW, db and the update against finite "
                                                                          "differences"),
                ("Inject a backprop mistake", screen.action_mistake, "from the cursor on, as a branch")]

    def _typed(self, query: str) -> Hit | None:
        edit = parse(query)
        if edit is None:
            return None
        target, cell, value = edit
        where = target if cell is None else edit_name(target, cell)
        return Hit(1.0, f"What if {where} = {value:g}", partial(self.screen.edit_value, *edit),
                   help="a new branch from the cursor")
