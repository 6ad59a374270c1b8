"""Breakpoints from the command palette.

Type what you want, as you would say it: ``loss > 0.5``, ``loss < 0.01``,
``grad norm > 100 layer 2``, ``backward 2``, ``nan``, ``epoch end``. The
palette offers "Break when …" for it; the empty palette lists the kinds and
the breakpoints already set, each with a "Remove" command.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..breakpoints import Breakpoint
from ..engine.step import PHASES

MAX_LENGTH = 120  # characters: longer is no breakpoint (and never a slow parse)
# Unambiguous pieces on text whose spaces are single, so each pattern matches in linear time.
NUMBER = r"([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)"
ABOVE, BELOW = ("above", "over", "greater than", "more than"), ("below", "under", "less than")
COMPARE = rf"(>|<|{'|'.join(ABOVE + BELOW)}) ?"


def _above(word: str) -> bool:
    return word == ">" or word in ABOVE


PATTERNS = [
    (re.compile(rf"loss ?{COMPARE}{NUMBER}$"),
     lambda m: (Breakpoint.loss_above if _above(m[1]) else Breakpoint.loss_below)(float(m[2]))),
    (re.compile(rf"(?:grad(?:ient)? norm|‖dw‖|dw|norm) ?{COMPARE}{NUMBER}(?: (?:in )?layer ?(\d+))?$"),
     lambda m: (Breakpoint.grad_norm_above if _above(m[1]) else Breakpoint.grad_norm_below)(
         float(m[2]), int(m[3]) if m[3] else None)),
    (re.compile(rf"({'|'.join(PHASES)})(?: (?:layer )?(\d+))?$"),
     lambda m: Breakpoint.at(m[1], int(m[2]) if m[2] else None)),
    (re.compile(r"(?:nan|inf|non-?finite|blow-?up)\b"), lambda m: Breakpoint.non_finite()),
    (re.compile(r"(?:end of (?:each |an )?)?epoch(?: end)?$"), lambda m: Breakpoint.epoch_end()),
]
LEADING = re.compile(r"(?:break(?:point)? |stop )?(?:when |at |on |if )?")
SYNTAX = "loss > 0.5 · loss below 0.01 · grad norm > 100 layer 2 · backward 2 · nan · epoch end"


def parse(text: str) -> Breakpoint | None:
    """The breakpoint a person typed, in the palette's words or the breakpoints panel's
    (``loss above 2``, ``‖dW‖ > 3 (layer 1)``), or None if the words say none."""
    if len(text) > MAX_LENGTH:
        return None
    words = " ".join(text.lower().replace("(", " ").replace(")", " ").replace(",", " ").split())
    words = LEADING.sub("", words, count=1)
    for pattern, make in PATTERNS:
        match = pattern.match(words)
        if match:
            return make(match)
    return None


class ListedCommands(Provider):
    """A palette provider of listed commands (``_commands``: text, callable, help) plus the one
    ``_typed(query)`` reads from what was typed, on screens where ``_usable``."""

    def _commands(self) -> list[tuple[str, object, str]]:
        raise NotImplementedError

    def _typed(self, query: str) -> Hit | None:
        return None

    def _usable(self) -> bool:
        raise NotImplementedError

    def _hint(self) -> Hit | None:
        """What to offer when nothing matched: the syntax, say."""
        return None

    async def discover(self) -> Hits:
        if not self._usable():
            return
        for text, command, help in self._commands():
            yield DiscoveryHit(text, command, help=help)

    async def search(self, query: str) -> Hits:
        if not self._usable():
            return
        typed = self._typed(query)
        if typed is not None:  # read exactly from what was typed: first, above any fuzzy score (unbounded)
            yield replace(typed, score=math.inf)
        matched = typed is not None
        matcher = self.matcher(query[:MAX_LENGTH])  # a fuzzy match costs more the longer the query
        for text, command, help in self._commands():
            if typed is not None and text == typed.text:
                continue  # the typed command already offers it
            score = matcher.match(text)
            if score > 0:
                matched = True
                yield Hit(score, matcher.highlight(text), command, text=text, help=help)
        if not matched:
            hint = self._hint()
            if hint is not None:
                yield hint


class BreakpointCommands(ListedCommands):
    """Add and remove the debugger screen's breakpoints from the palette."""

    def _commands(self) -> list[tuple[str, object, str]]:
        screen = self.screen
        commands = [
            (added(Breakpoint.non_finite()), partial(screen.add_breakpoint, Breakpoint.non_finite()),
             "stop at the first non-finite array"),
            (added(Breakpoint.epoch_end()), partial(screen.add_breakpoint, Breakpoint.epoch_end()),
             "stop after the last update of every epoch"),
            ("Break when loss > …", partial(screen.action_breakpoints, "loss_above"),
             "or type it with a number: loss > 0.5"),
            ("Break when loss < …", partial(screen.action_breakpoints, "loss_below"),
             "or type it with a number: loss < 0.01"),
            ("Break when ‖dW‖ > …", partial(screen.action_breakpoints, "grad_norm_above"),
             "or type it: grad norm > 100 layer 1"),
            ("Break at a phase and layer …", partial(screen.action_breakpoints, "step"),
             "or type it: backward 2"),
            ("Breakpoints: list, add, remove", screen.action_breakpoints, "open the breakpoints panel"),
        ]
        for breakpoint in screen.current_breakpoints():
            commands.append((f"Remove breakpoint: {breakpoint.describe()}",
                             partial(screen.remove_breakpoint, breakpoint), "stop breaking there"))
        return commands

    def _usable(self) -> bool:
        return hasattr(self.screen, "add_breakpoint")

    def _typed(self, query: str) -> Hit | None:
        typed = parse(query)
        if typed is None:
            return None
        text = added(typed)
        return Hit(1.0, text, partial(self.screen.add_breakpoint, typed), text=text, help="add this breakpoint")

    def _hint(self) -> Hit:
        text = f"Breakpoints read like: {SYNTAX}"
        return Hit(0.01, text, self.screen.action_breakpoints, text=text, help="or open the breakpoints panel")


def added(breakpoint: Breakpoint) -> str:
    """The palette's words for adding ``breakpoint``: 'Break when loss > 0.5'."""
    return f"Break when {breakpoint.describe()}"
