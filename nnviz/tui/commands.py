"""Breakpoints from the command palette.

Type what you want, as you would say it: ``loss > 0.5``, ``loss < 0.01``,
``grad norm > 100 layer 2``, ``backward 2``, ``nan``, ``epoch end``. The
palette offers "Break when …" for it; the empty palette lists the kinds and
the breakpoints already set, each with a "Remove" command.
"""

from __future__ import annotations

import re
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..breakpoints import Breakpoint
from ..engine.step import PHASES

NUMBER = r"([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)"
PATTERNS = [
    (re.compile(rf"loss\s*([<>])\s*{NUMBER}$"),
     lambda m: Breakpoint.loss_above(float(m[2])) if m[1] == ">" else Breakpoint.loss_below(float(m[2]))),
    (re.compile(rf"(?:grad(?:ient)?\s*norm|‖?dw‖?|norm)\s*([<>])\s*{NUMBER}(?:\s*(?:in\s*)?layer\s*(\d+))?$"),
     lambda m: (Breakpoint.grad_norm_above if m[1] == ">" else Breakpoint.grad_norm_below)(
         float(m[2]), int(m[3]) if m[3] else None)),
    (re.compile(rf"({'|'.join(PHASES)})(?:\s*,?\s*(?:layer\s*)?(\d+))?$"),
     lambda m: Breakpoint.at(m[1], int(m[2]) if m[2] else None)),
    (re.compile(r"(?:nan|inf|non-?finite|blow-?up).*$"), lambda m: Breakpoint.non_finite()),
    (re.compile(r"(?:end of (?:each |an )?)?epoch(?:\s*end)?$"), lambda m: Breakpoint.epoch_end()),
]
LEADING = re.compile(r"^(?:break(?:point)?|stop)?\s*(?:when|at|on|if)?\s*")


def parse(text: str) -> Breakpoint | None:
    """The breakpoint a person typed, or None if the words say none."""
    words = LEADING.sub("", text.strip().lower())
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

    async def discover(self) -> Hits:
        if not self._usable():
            return
        for text, command, help in self._commands():
            yield DiscoveryHit(text, command, help=help)

    async def search(self, query: str) -> Hits:
        if not self._usable():
            return
        typed = self._typed(query)
        if typed is not None:
            yield typed
        matcher = self.matcher(query)
        for text, command, help in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text, help=help)


class BreakpointCommands(ListedCommands):
    """Add and remove the debugger screen's breakpoints from the palette."""

    def _commands(self) -> list[tuple[str, object, str]]:
        screen = self.screen
        commands = [
            ("Break on NaN or Inf", partial(screen.add_breakpoint, Breakpoint.non_finite()),
             "stop at the first non-finite array"),
            ("Break at the end of each epoch", partial(screen.add_breakpoint, Breakpoint.epoch_end()),
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
        for breakpoint in [] if screen.running else screen.session.breakpoints:  # a run owns the Session
            commands.append((f"Remove breakpoint: {breakpoint.describe()}",
                             partial(screen.remove_breakpoint, breakpoint), "stop breaking there"))
        return commands

    def _usable(self) -> bool:
        return hasattr(self.screen, "add_breakpoint")

    def _typed(self, query: str) -> Hit | None:
        typed = parse(query)
        if typed is None:
            return None
        return Hit(1.0, f"Break when {typed.describe()}", partial(self.screen.add_breakpoint, typed),
                   help="add this breakpoint")
