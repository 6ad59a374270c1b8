"""What if: edit the selected cell and branch, the branch list, the gradient check,
injected mistakes. A mixin of DebuggerScreen; the Session does every computation
(nnviz.branches, engine.gradcheck), this only asks and shows."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.worker import Worker, WorkerState

from ...branches import edit_name
from ...engine.mistakes import ShapeMistake
from .whatif_screens import (BranchCompareScreen, BranchesScreen, EditValueScreen, GradcheckScreen,
                             MistakeScreen, NameScreen)

WEIGHTS = ("W", "dW", "W_old", "eta_dW", "W_new")
BIASES = ("b", "db", "b_old", "eta_db", "b_new")


class WhatIf:
    """Keys: = edits the selected cell, W lists the branches (r renames one), [ ] switch,
    k checks the gradients, M injects a mistake."""

    def edit_target(self) -> tuple[str, tuple[int, int], float]:
        """(target, cell, value now) of the selected cell: a weight or bias of the
        selected layer, or an input where the cursor is in A0 of the first layer."""
        frame, sel = self.frame, self.selection
        step, layer = frame.view(self.selected_layer), sel.layer
        if step is not None and sel.array == "A_prev" and step.layer == 1 and step.phase == "forward":
            example = int(step.examples[sel.example])
            return "X", (sel.col, example), float(step["A_prev"][sel.col, sel.example])
        params = frame.network.layers[layer - 1]
        if sel.array in BIASES:
            return f"b{layer}", (sel.row, 0), float(params.b[sel.row, 0])
        return f"W{layer}", (sel.row, sel.col), float(params.W[sel.row, sel.col])

    def action_edit(self) -> None:
        if not self._idle() or self.frame is None:
            return
        target, cell, now = self.edit_target()
        what = edit_name(target, cell)
        self.app.push_screen(EditValueScreen(what, now), lambda value: self.edit_value(target, cell, value))

    def edit_value(self, target: str, cell, value: float | None) -> None:
        """Set ``target`` (W2, b1, X, learning_rate, l1, l2) at ``cell`` to ``value``: a new branch."""
        if value is None or not self._idle():
            return
        try:
            branch = self.session.edit(target, cell, value)
        except ValueError as err:
            self.notify(str(err), severity="error")
            return
        self._branched(branch)

    def _branched(self, branch) -> None:
        self.refresh_frame()
        self.notify(f"New branch {self.session.describe(branch)}", timeout=4)

    def action_branches(self) -> None:
        if self._idle():
            lines = [(b.id, self.session.describe(b)) for b in self.session.branches]
            self.app.push_screen(BranchesScreen(lines, self.session.branch.id), self._on_branch_choice)

    def _on_branch_choice(self, choice: tuple[str, int] | None) -> None:
        if choice is None or not self._idle():
            return
        what, branch = choice
        try:
            if what == "switch":
                self.switch_branch(branch)
            elif what == "compare":
                self._say("comparing the branches: each runs to its end…")
                self._compare_worker = self._compare(branch)
            elif what == "rename":
                self.app.push_screen(NameScreen(self.session.find(branch).name),
                                     lambda name: self._rename(branch, name))
            elif what == "delete":
                name = self.session.find(branch).name
                self.session.delete(branch)
                self.refresh_frame()
                self.notify(f"Deleted branch {name}", timeout=2)
            else:
                self._save(branch)
        except (ValueError, OSError) as err:
            self.notify(str(err), severity="error")

    @work(thread=True, exclusive=True, exit_on_error=False, group="run")
    def _compare(self, branch):
        """Off the UI thread, which meanwhile leaves the Session alone (``running``)."""
        return self.session.compare_branches(self.session.branch, branch)

    def compare_ended(self, worker: Worker) -> None:
        self._say()
        if worker.state == WorkerState.SUCCESS:
            self.app.push_screen(BranchCompareScreen(worker.result))
        elif worker.state == WorkerState.ERROR:
            self.notify(f"The comparison failed: {worker.error}", severity="error", timeout=10)

    def _rename(self, branch, name: str | None) -> None:
        if name is None:
            return
        try:
            self.session.rename(branch, name)
        except ValueError as err:
            self.notify(str(err), severity="error")
            return
        self.refresh_frame()  # the loss plot's legend names it

    def _save(self, branch) -> None:
        source = self.session.scenario.path
        if source is None:
            raise ValueError("only a scenario read from a file can be saved with a branch's weights")
        path = Path.cwd() / f"{source.stem}-{self.session.find(branch).name}.toml"
        self.session.save_branch(branch, path)
        self.notify(f"Saved {path.name}: nnviz replay {path.name}", timeout=5)

    def switch_branch(self, branch) -> None:
        self.stop_playing()
        target = self.session.switch(branch)
        self.refresh_frame()
        self.notify(f"On branch {target.name}, step {self.session.index + 1}", timeout=2)

    def action_branch(self, change: int) -> None:
        """The next (1) or previous (-1) branch in the list."""
        if not self._idle():
            return
        branches = self.session.branches
        if len(branches) == 1:
            self.notify("Only the main run: = on a cell makes a branch.", timeout=2)
            return
        self.switch_branch(branches[(branches.index(self.session.branch) + change) % len(branches)])

    def action_gradcheck(self) -> None:
        if not self._idle():
            return
        index = max(self.session.index, 0)
        epoch, batch, _, _ = self.session.position(index)
        try:
            report = self.session.gradcheck(index, max_cells=50)
        except IndexError as err:
            self.notify(str(err), severity="error")
            return
        mistakes = ", ".join(sorted(self.session.config.mistakes)) or "no mistakes"
        self.app.push_screen(GradcheckScreen(report, f"epoch {epoch} batch {batch} ({mistakes})"))

    def action_mistake(self) -> None:
        if self._idle():
            self.app.push_screen(MistakeScreen(self.session.config.mistakes), self._toggle)

    def _toggle(self, mistake: str | None) -> None:
        if mistake is None or not self._idle():
            return
        try:
            branch = self.session.toggle_mistake(mistake)
        except (ValueError, ShapeMistake) as err:
            self.notify(str(err), severity="error")
            return
        self._branched(branch)
