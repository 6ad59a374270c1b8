"""Evaluation tables, and the wrong examples as a list to choose from.

Attributes down: the screen calls ``show(evaluations)`` at the end of each
epoch or on demand, and ``mark((split, index))`` while it steps one example.
Messages up: choosing a wrong example posts
``EvaluationPanel.ExampleChosen(index, split)`` so the screen can step it;
while one is marked, the list starts with "all the data again", which posts
``EvaluationPanel.AllDataChosen()``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static
from textual.widgets.option_list import Option

from ...engine.evaluation import Evaluation
from ...render.tables import grid, split_title, summary_lines, wrong_rows
from .lists import OptionList


class EvaluationPanel(Vertical):
    """Per split: accuracy, per-class accuracy, confusion counts (or the MSE);
    below, every wrong example of every split, selectable."""

    DEFAULT_CSS = """
    EvaluationPanel { height: 1fr; }
    EvaluationPanel > #evaluation-tables { height: 1fr; }
    EvaluationPanel > #evaluation-wrong-header { height: 1; padding: 0 2; text-style: bold; }  /* lines up with the options inside the border */
    EvaluationPanel > #evaluation-wrong { height: auto; max-height: 40%; min-height: 4; }  /* a short list, all of it */
    """

    @dataclass
    class ExampleChosen(Message):
        """The user chose a wrong example: column ``index`` of the ``split``'s X."""

        index: int
        split: str = "train"

    class AllDataChosen(Message):
        """The user chose to step all the data again (shown while an example is marked)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.evaluations: dict[str, Evaluation] = {}
        self.class_names: tuple[str, ...] = ()
        self.marked: tuple[str, int] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="evaluation-tables"):
            yield Static("no evaluation yet", id="evaluation-text")
        yield Static("", id="evaluation-wrong-header")
        yield OptionList(id="evaluation-wrong")

    def show(self, evaluations: dict[str, Evaluation], class_names: tuple[str, ...] = (),
             heading: str = "") -> None:
        """Show ``evaluations`` ({"train": ..., "test": ...} from engine.evaluation.evaluate_splits);
        ``heading`` says when, e.g. "after epoch 3"."""
        self.evaluations = evaluations
        blocks = [heading] if heading else []
        for split, ev in evaluations.items():
            blocks.append("\n".join([split_title(split, ev), *summary_lines(ev, class_names)]))
        # Text, not str: a class name like "[a]" must not read as markup
        self.query_one("#evaluation-text", Static).update(Text("\n\n".join(blocks) or "no evaluation yet"))
        self.class_names = class_names
        self._fill_wrong()

    def mark(self, example: tuple[str, int] | None) -> None:
        """Mark the (split, index) being stepped alone; None when all the data is stepped again."""
        self.marked = example
        self._fill_wrong()

    def _fill_wrong(self) -> None:
        wrong = self.query_one("#evaluation-wrong", OptionList)
        wrong.clear_options()
        header = ["split", "index", "true", "predicted", "ŷ (predicted)"]
        rows = [[split, *row] for split, ev in self.evaluations.items() if ev.is_classification
                for row in wrong_rows(ev, self.class_names, limit=None)]
        lines = grid([header, *rows], right={1, 4})  # one grid, so the header lines up with every split
        self.query_one("#evaluation-wrong-header", Static).update(Text(lines[0] if rows else ""))
        wrong.border_title = f"wrong examples ({len(rows)}): Enter steps one" if rows else "no wrong examples"
        marked = f"{self.marked[0]}:{self.marked[1]}" if self.marked else None
        options = [Option(Text("↩ all the data again (x)", style="bold"), id="all")] if marked else []
        for row, line in zip(rows, lines[1:]):
            key = f"{row[0]}:{row[1]}"
            options.append(Option(Text(line, style="reverse" if key == marked else ""), id=key))
        wrong.add_options(options)
        if options:  # enter steps the marked example again, or the first
            wrong.highlighted = next((i for i, option in enumerate(options) if option.id == marked), 0)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == "all":
            self.post_message(self.AllDataChosen())
            return
        split, index = event.option.id.split(":")
        self.post_message(self.ExampleChosen(int(index), split))
