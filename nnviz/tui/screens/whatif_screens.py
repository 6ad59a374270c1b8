"""The what-if dialogs: a new value for a cell, the branch list, two branches
compared, the gradient check, the mistakes to inject. Each shows what the
Session computed and hands the user's choice back through ``dismiss``."""

from __future__ import annotations

import math

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual_plotext import PlotextPlot

from ...branches import Comparison
from ...engine.gradcheck import CheckReport
from ...engine.mistakes import MISTAKES
from ...render.gradcheck_table import HEADERS, rows
from ...render.loss_chart import plottable
from ...textfmt import number, readout, table


class EditValueScreen(ModalScreen[float | None]):
    """Asks for the new value of one cell; dismisses with a finite float, or None."""

    BINDINGS = [Binding("escape", "dismiss", "Cancel")]

    def __init__(self, what: str, now: float) -> None:
        super().__init__()
        self.what, self.now = what, now

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-value", classes="dialog") as box:
            box.border_title = "What if? (a new branch)"
            yield Label(f"New value for {self.what} (now {readout(self.now)}); the run so far stays on its branch:")
            yield Input(placeholder=repr(self.now), type="number", id="edit-input")
            yield Label("", id="edit-error", classes="error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            value = float(event.value)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            self.query_one("#edit-error", Label).update("Expected a finite number, like 0.5 or -2e-3.")
            return
        self.dismiss(value)


class NameScreen(ModalScreen[str | None]):
    """Asks for a branch's new name; dismisses with it (stripped, not empty), or None."""

    BINDINGS = [Binding("escape", "dismiss", "Cancel")]

    def __init__(self, now: str) -> None:
        super().__init__()
        self.now = now

    def compose(self) -> ComposeResult:
        with Vertical(id="branch-name", classes="dialog") as box:
            box.border_title = "Name the branch"
            yield Label(f"New name for {self.now}:")
            yield Input(value=self.now, id="name-input")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)


class BranchesScreen(ModalScreen[tuple[str, int] | None]):
    """The branches, one line each; dismisses with (what, branch id): switch, compare, rename,
    delete, save."""

    BINDINGS = [Binding("escape,q", "dismiss", "Close"), Binding("c", "choose('compare')", "Compare"),
                Binding("r", "choose('rename')", "Rename"), Binding("delete,x", "choose('delete')", "Delete"),
                Binding("s", "choose('save')", "Save")]

    def __init__(self, lines: list[tuple[int, str]], active: int) -> None:
        super().__init__()
        self.lines, self.active = lines, active

    def compose(self) -> ComposeResult:
        with Vertical(id="branches", classes="dialog") as box:
            box.border_title = "Branches (what if?)"
            box.border_subtitle = "enter switches · c compares with the current · r renames · x deletes · s saves"
            options = [Option(("● " if id_ == self.active else "  ") + line, id=str(id_)) for id_, line in self.lines]
            yield OptionList(*options, id="branch-list")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = next(i for i, (id_, _) in enumerate(self.lines) if id_ == self.active)
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(("switch", int(event.option.id)))

    def action_choose(self, what: str) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is not None:
            self.dismiss((what, int(listing.get_option_at_index(listing.highlighted).id)))


class BranchCompareScreen(ModalScreen[None]):
    """Two branches side by side: their loss curves, final metrics, the parameters that differ most."""

    BINDINGS = [Binding("escape,q", "dismiss", "Close")]
    DEFAULT_CSS = """
    BranchCompareScreen > #branch-compare { width: 95%; height: 95%; border: round $primary;
                                            background: $surface; padding: 0 1; }
    BranchCompareScreen PlotextPlot { height: 1fr; }
    BranchCompareScreen #branch-compare-table { height: auto; }
    """

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison

    def compose(self) -> ComposeResult:
        a, b = self.comparison.a, self.comparison.b
        with Vertical(id="branch-compare") as box:
            box.border_title = f"{a.name} against {b.name}, each run to its end"
            box.border_subtitle = "esc closes"
            yield PlotextPlot()
            yield Static(self._table(), id="branch-compare-table")

    def on_mount(self) -> None:
        plt = self.query_one(PlotextPlot).plt
        plt.title("loss per batch")
        plt.xlabel("batch")
        for outcome in (self.comparison.a, self.comparison.b):
            points = [(i + 1, loss) for i, loss in enumerate(outcome.losses) if plottable(loss)]
            if points:
                plt.plot(*zip(*points), marker="braille", label=outcome.name)

    def _table(self) -> str:
        a, b = self.comparison.a, self.comparison.b
        lines = table(("", a.name, b.name), [
            ("final loss", number(a.loss, 6), number(b.loss, 6)),
            *([("accuracy", number(a.accuracy, 4), number(b.accuracy, 4))] if a.accuracy is not None else []),
        ])
        differ = self.comparison.differences
        lines += ["", "parameters that differ most" + ("" if differ else ": none, the networks are equal")]
        if differ:
            lines += table(("", a.name, b.name), [(d.name, number(d.a, 6), number(d.b, 6)) for d in differ])
        return "\n".join(lines)


class GradcheckScreen(ModalScreen[None]):
    """The gradient check of the cursor's batch: each layer's dW, db, ΔW, Δb, green or red."""

    BINDINGS = [Binding("escape,q,k", "dismiss", "Close")]

    def __init__(self, report: CheckReport, where: str) -> None:
        super().__init__()
        self.report, self.where = report, where

    def compose(self) -> ComposeResult:
        with Vertical(id="gradcheck", classes="dialog") as box:
            box.border_title = f"Gradient check · {self.where}"
            box.border_subtitle = "esc closes"
            yield Static(self.text(self.report), id="gradcheck-table")

    @staticmethod
    def text(report: CheckReport) -> Text:
        """The report's table with each row green (agrees) or red (does not), then its summary."""
        lines = table(HEADERS, rows(report))
        text = Text(lines[0] + "\n", style="bold")
        for line, row in zip(lines[1:], report.rows):
            text.append(line + "\n", style="green" if row.passed(report.tolerance) else "bold red")
        text.append("\n" + report.summary(), style="green" if report.passed else "bold red")
        return text


class MistakeScreen(ModalScreen[str | None]):
    """The mistakes to inject; the ones on are marked; dismisses with the one to toggle."""

    BINDINGS = [Binding("escape,q", "dismiss", "Cancel")]

    def __init__(self, on: frozenset[str]) -> None:
        super().__init__()
        self.on = on

    def compose(self) -> ComposeResult:
        with Vertical(id="mistakes", classes="dialog") as box:
            box.border_title = "Inject a backprop mistake (toggling one makes a branch)"
            box.border_subtitle = "enter toggles · esc cancels"
            yield OptionList(*[Option(f"{'[x]' if name in self.on else '[ ]'} {name}: {what}", id=name)
                               for name, what in MISTAKES.items()])

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
