"""Every key of the debugger, in one place.

To rebind a key, change its row in ``KEYS``: the bindings, the footer and
the help screen are all built from this table. Each binding also carries
its action as an id, so ``App.set_keymap({"next": "j"})`` rebinds at run time.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.binding import Binding


class Key(NamedTuple):
    keys: str  # comma-separated Textual key names
    action: str  # the screen's action, with arguments if any
    description: str  # short, for the footer
    help: str  # one line, for the help screen
    footer: bool = True  # shown in the footer (everything is on the help screen)
    bound: bool = True  # False: Textual binds it already; listed for the help screen

    @property
    def id(self) -> str:
        """The keymap id: 'next', 'run-batch', 'speed-up'."""
        name, _, arg = self.action.partition("(")
        arg = arg.strip("')").replace("-1", "down").replace("1", "up")
        return f"{name}-{arg}" if arg else name


# Grouped as the help screen shows them.
KEYS: dict[str, list[Key]] = {
    "Stepping": [
        Key("n,right", "next", "Next", "next step"),
        Key("p,left", "previous", "Prev", "previous step (exact, back to step 0)"),
        Key("b", "run('batch')", "Batch", "run to the end of the batch"),
        Key("e", "run('epoch')", "Epoch", "run to the end of the epoch"),
        Key("c", "run('end')", "Run", "run to the end of training, or to a breakpoint"),
        Key("escape", "interrupt", "Stop", "stop a run or the playback", footer=False),
        Key("space", "play", "Play", "play / pause auto-stepping"),
        Key("w", "play_wave", "Wave", "play only the backward wave, B_L..B_1 then U_L..U_1, slowly; "
            "the forward steps are jumped over", footer=False),
        Key("plus", "speed(1)", "Faster", "play faster", footer=False),
        Key("minus", "speed(-1)", "Slower", "play slower", footer=False),
        Key("g", "goto", "Go to", "go to a step number"),
        Key("r", "restart", "Restart", "back to before the first step", footer=False),
    ],
    "Viewing": [
        Key("l", "layer", "Layer", "view the next layer (then back to following the step)"),
        Key("m", "mode", "Heatmap", "matrices as numbers / heatmap / automatic"),
        Key("d", "precision", "Digits", "change the digits of the matrices' cells", footer=False),
        Key("i", "inspect", "Chain rule", "chain-rule inspector on the selected weight"),
        Key("P", "predict", "Predict", "predict mode: n asks for the next step's number before showing it",
            footer=False),
        Key("v", "panel", "Panel", "next panel of the tabs (a window of 180×45 or more shows them all)"),
        Key("tab", "app.focus_next", "Focus", "move the keyboard focus between panels, and from array to array "
            "in the matrices", False, False),
        Key("up,down", "move", "Cell", "move a matrix's cell cursor (← → too); one too big for its panel scrolls "
            "with it (or the wheel)", False, False),
        Key("pageup,pagedown", "move_page", "Page", "a page of rows up or down", False, False),
        Key("home,end", "move_to", "Ends", "the first or the last cell", False, False),
        Key("y", "copy", "Copy", "copy the selected cell's exact value (every digit) to the clipboard", False),
    ],
    "Training as a whole": [
        Key("a", "evaluate", "Evaluate", "evaluate now: accuracy, per class, confusion matrix, wrong examples"),
        Key("x", "all_data", "All data", "step all the data again (after enter on a wrong example stepped it alone)",
            footer=False),  # the status line says 'x returns' when it applies
        Key("C", "compare", "Compare", "compare batch, stochastic and mini-batch gradient descent"),
    ],
    "What if?": [
        Key("equals_sign", "edit", "Edit", "a new value for the selected weight, bias or input: a new branch"),
        Key("W", "branches", "Branches", "the branches: switch, compare two, delete, save one as a scenario"),
        Key("right_square_bracket", "branch(1)", "Next branch", "switch to the next branch", footer=False),
        Key("left_square_bracket", "branch(-1)", "Prev branch", "switch to the previous branch", footer=False),
        Key("k", "gradcheck", "Grad check", "check dW, db and the update of this batch against finite differences"),
        Key("M", "mistake", "Mistake", "inject a classic backprop mistake from here on (a new branch)",
            footer=False),
    ],
    "Breakpoints and files": [
        Key("B", "breakpoints", "Breaks", "add, list and remove breakpoints"),
        Key("o", "open", "Open", "open another scenario"),
        Key("s", "screenshot", "Shot", "save a screenshot (SVG)", footer=False),
        Key("ctrl+p", "app.command_palette", "Palette", "command palette: breakpoints, themes", False, False),
        Key("question_mark", "help", "Help", "this help"),
        Key("q", "app.quit", "Quit", "quit"),
    ],
}


# The footer shows its keys in this order, so that help and quit fit in 80 columns.
FOOTER_FIRST = ("next", "previous", "play", "run-end", "help", "app.quit")


def bindings() -> list[Binding]:
    """The debugger screen's bindings, built from ``KEYS``."""
    keys = [key for group in KEYS.values() for key in group if key.bound]
    keys.sort(key=lambda key: FOOTER_FIRST.index(key.id) if key.id in FOOTER_FIRST else len(FOOTER_FIRST))
    return [Binding(key.keys, key.action, key.description, show=key.footer, id=key.id) for key in keys]


def display(keys: str) -> str:
    """'n,right' -> 'n →' as the help screen prints it."""
    names = {"right": "→", "left": "←", "space": "space", "escape": "esc", "question_mark": "?",
             "plus": "+", "equals_sign": "=", "minus": "-", "ctrl+p": "ctrl+p", "tab": "tab",
             "left_square_bracket": "[", "right_square_bracket": "]",
             "up": "↑", "down": "↓", "pageup": "pgup", "pagedown": "pgdn"}
    return " ".join(names.get(key, key) for key in keys.split(","))
