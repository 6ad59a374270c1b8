"""Which of the debugger's panels are on screen, at which window size.

Three layouts, by the window's size:

- compact (below 110×32): one panel at a time, every panel a tab;
- medium: network, loss and equation around a slot, the big cell on the
  right, that shows the matrices or one analysis panel (the tabs pick it);
- large (180×45 and above): every panel at once, the analysis panels in a
  column of their own beside the matrices.

Pure functions of the size and the chosen panel, so the screen and the
tests ask the same question: is this panel on screen?
"""

from __future__ import annotations

from dataclasses import dataclass

from ..widgets.panel_tabs import PanelTabs

COMPACT_WIDTH, COMPACT_HEIGHT = 110, 32  # below either: one panel at a time
LARGE_WIDTH, LARGE_HEIGHT = 180, 45  # from both: every panel at once

LABELS = {"matrices": "Matrices", "network": "Network", "equation": "Equation", "loss": "Loss",
          "input": "Input", "boundary": "Boundary", "evaluation": "Evaluation", "histograms": "Histograms"}


def layout_for(width: int, height: int) -> str:
    """'compact', 'medium' or 'large'."""
    if width < COMPACT_WIDTH or height < COMPACT_HEIGHT:
        return "compact"
    if width >= LARGE_WIDTH and height >= LARGE_HEIGHT:
        return "large"
    return "medium"


@dataclass(frozen=True)
class Panels:
    """The panels of one scenario: the stepping ones and the analysis ones."""

    step: tuple[str, ...]  # matrices first: it shares the slot with the analysis panels
    analysis: tuple[str, ...]

    @classmethod
    def of(cls, has_input: bool, has_boundary: bool) -> Panels:
        step = ("matrices", "network", "equation", "loss") + (("input",) if has_input else ())
        analysis = (("boundary",) if has_boundary else ()) + ("evaluation", "histograms")
        return cls(step, analysis)

    @property
    def names(self) -> tuple[str, ...]:
        return self.step + self.analysis

    @property
    def slot(self) -> tuple[str, ...]:
        """What the medium layout's big cell can show, one at a time."""
        return ("matrices",) + self.analysis

    def tabs(self, layout: str) -> tuple[str, ...]:
        """The tabs to offer: every panel when compact, the slot's when medium, none when large."""
        return {"compact": self.names, "medium": self.slot}.get(layout, ())

    def current(self, layout: str, chosen: str) -> str:
        """The ``chosen`` panel (the compact layout's choice, or the slot's) as the layout
        can show it: a panel it has no tab for falls back to its first tab."""
        tabs = self.tabs(layout)
        return chosen if chosen in tabs or not tabs else tabs[0]

    def shown(self, layout: str, chosen: str) -> frozenset[str]:
        """The panels on screen."""
        if layout == "large":
            return frozenset(self.names)
        current = self.current(layout, chosen)
        if layout == "compact":
            return frozenset({current})
        return frozenset(name for name in self.names if name not in self.slot) | {current}


class PanelLayout:
    """Mixin for DebuggerScreen: puts the panels on screen for the window's size.

    The screen has the reactives ``panel`` (the compact layout's choice) and
    ``slot`` (the medium layout's), ``arrangement`` (the current layout's
    name) and ``panels``; each of its panels is ``#name``, inside ``#work``
    and ``#analysis`` for the slot's."""

    def on_resize(self) -> None:
        layout = layout_for(*self.size)
        if layout != self.arrangement:
            self.arrangement = layout
            self._apply_layout()

    def watch_panel(self) -> None:
        self._apply_layout()

    def watch_slot(self) -> None:
        self._apply_layout()

    @property
    def chosen(self) -> str:
        """The panel chosen for the current layout: the compact one's, or the slot's."""
        return self.panel if self.arrangement == "compact" else self.slot

    def shows(self, name: str) -> bool:
        """True when panel ``name`` is on screen."""
        return name in self._shown

    def choose(self, name: str) -> None:
        """Make ``name`` the current layout's choice (the large layout has none to make)."""
        if self.arrangement == "compact":
            self.panel = name
        elif name in self.panels.slot:
            self.slot = name

    def show_panel(self, name: str) -> None:
        """Bring panel ``name`` on screen (it stays where it is when the layout shows it already)."""
        if not self.shows(name):
            self.choose(name)

    def _apply_layout(self) -> None:
        layout, panels = self.arrangement, self.panels
        for name in ("compact", "large"):
            self.set_class(layout == name, f"-{name}")
        shown = panels.shown(layout, self.chosen)
        for name in panels.names:
            self.query_one(f"#{name}").set_class(name not in shown, "-hidden")
        analysis = shown.intersection(panels.analysis)
        self.query_one("#analysis").set_class(not analysis, "-hidden")
        self.query_one("#work").set_class(not analysis and "matrices" not in shown, "-hidden")
        tabs, offered = self.query_one(PanelTabs), panels.tabs(layout)
        self.query_one("#tab-row").set_class(not offered, "-hidden")
        tabs.names, tabs.current = offered, panels.current(layout, self.chosen)
        focused = self.focused
        if focused is not None and any(node.has_class("-hidden") for node in focused.ancestors_with_self):
            self.set_focus(None)  # keys must not go to a panel off screen
        newly, self._shown = shown - self._shown, shown
        self.live_wanted = "boundary" in shown
        self.update_analysis(newly)

    def on_panel_tabs_chosen(self, event: PanelTabs.Chosen) -> None:
        self.choose(event.name)

    def action_panel(self) -> None:
        names = self.panels.tabs(self.arrangement)
        if not names:
            self.notify("Every panel is on screen.", timeout=1.5)
            return
        self.choose(names[(names.index(self.panels.current(self.arrangement, self.chosen)) + 1) % len(names)])
