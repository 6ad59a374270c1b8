"""The help screen: every key, from the one table in keys.py, and what the panels show."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keys import KEYS, display

PANELS = """\
Status: scenario, epoch, batch, step, phase and layer, latest loss; ● BREAK when a breakpoint stopped the run.
Timeline: the batch's steps F1 … L … B1 … U1; the current one reversed.
Network: layers left to right; → marks the layer a forward step computes, ← one the gradients or updates reach.
Matrices: the arrays of the step (numbers when small, a heatmap when big); arrows or a click select a cell,
  whose value reads to 6 digits ('=' exact, '≈' rounded; y copies every digit). An update shows W before,
  η·dW and W after; ↑ or ↓ marks how each weight moved, shaded by how much. Where the arrays do not fit,
  heatmaps draw two rows a line (▀); scroll for the rest: move the cursor, pgup/pgdn, or the mouse wheel.
Equation: the step's formula, with the numbers of the selected neuron; longer than its panel, it scrolls:
  the mouse wheel, or tab to it and ↑ ↓ pgup pgdn.
Loss: the loss per batch and per epoch, the test split's per epoch when there is one, the current batch ◆;
  a log scale when the losses span more than two decades or blow up.
Boundary (two input features): the model's output over the plane, the training points on top; it follows the weights.
Evaluation: accuracy, per class, confusion counts (or the MSE) on the train and test sets, at each epoch end or a;
  the wrong examples below: enter on one steps that example alone, from those weights; x returns to all the data.
Histograms: W and dW of each layer, epoch by epoch, from a copy of the network trained in the background.
Small window: one panel at a time; medium: the tabs pick what the big cell shows; large: every panel at once."""


KEY_WIDTH = 9  # "pgup pgdn"


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help") as box:
            box.border_title = "nnviz keys"
            box.border_subtitle = "esc closes"
            yield Static(self._keys())
            yield Static(Text(PANELS), id="help-panels")

    @staticmethod
    def _keys() -> Group:
        parts = []
        for group, keys in KEYS.items():
            table = Table.grid(padding=(0, 2))
            table.add_column(style="bold", no_wrap=True, width=KEY_WIDTH)
            table.add_column()
            for key in keys:
                table.add_row(display(key.keys), key.help)
            parts += [Text(group, style="bold underline"), table]
        return Group(*parts)
