"""The debugger's state: a cursor in the step stream, moving both ways in time.

Stepping back is exact without keeping every step: the session keeps the
network at the start of some batches (checkpoints) and recomputes from the
nearest one, as reverse debuggers replay from snapshots. The arithmetic is
deterministic, so a recomputed step equals the first one bit for bit.

Memory: at most ``max_checkpoints`` copies of the parameters, the Steps of
the two most recent batches, and one float per batch of loss history. It
does not grow as steps × parameters.
Cost of one ``back()``: free within a batch (its Steps are cached); across a
batch boundary, at most ``interval`` batches of fast training plus one
recorded batch, where ``interval`` doubles each time the checkpoints fill up
(so it stays below 2 · batches / max_checkpoints).

What if: ``edit(...)`` changes a weight, an input or a setting at the cursor and
makes a new Branch (nnviz.branches). The checkpoints serve the active branch's
lineage only; each other branch keeps its root network and its batch losses, so
a branch costs one checkpoint, and switching to it recomputes from its root.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Callable

import numpy as np

from .arguments import StepOutOfRange, callable_or_none, flag, one_of, whole_number
from .branches import (Branch, Comparison, check_edit, differences, edit_name, edited_network, outcome,
                       scenario_text, toggled)
from .breakpoints import Breakpoint, Hit
from .engine.backprop import BatchPosition, BatchRun, batch_loss, run_batch
from .engine.batches import BatchPlan
from .engine.gradcheck import CheckReport, check_batch
from .engine.losses import get_loss
from .engine.mistakes import ShapeMistake
from .engine.network import Network
from .engine.step import PHASES, Step, batch_order
from .engine.trace import BatchTrace
from .engine.training import LossHistory, epoch_loss
from .scenario.model import Scenario


class Session:
    """Step through training forward and backward in time.

    A new session stands before the first step. ``step()`` takes the next
    step, ``back()`` undoes one, ``goto(i)`` jumps, ``run_until(...)`` runs
    until a condition or a breakpoint.
    """

    def __init__(self, scenario: Scenario, max_checkpoints: int = 64,
                 breakpoints: list[Breakpoint] | None = None) -> None:
        if not isinstance(scenario, Scenario):
            raise ValueError(f"Session takes a Scenario (nnviz.load_scenario), got {type(scenario).__name__}")
        whole_number("max_checkpoints", max_checkpoints, 1)
        for bp in breakpoints or []:
            if not isinstance(bp, Breakpoint):
                raise ValueError(f"breakpoints must be Breakpoint objects (Breakpoint.at(...), ...), got {bp!r}")
        self.scenario = scenario
        config = scenario.training
        self.plan = BatchPlan(scenario.m, config.batch_size, config.shuffle, config.seed)
        self._averaged = get_loss(config.loss).averaged  # how batch losses add up to an epoch's
        self.depth = scenario.network.depth
        self.order = batch_order(self.depth)  # (phase, layer) of each step of a batch
        self.steps_per_batch = len(self.order)
        self._offsets = {where: offset for offset, where in enumerate(self.order)}
        self._loss_offset = self._offsets["loss", None]
        self.total_batches = config.epochs * self.plan.per_epoch
        self.breakpoints: list[Breakpoint] = list(breakpoints or [])
        self.hit: Hit | None = None  # the breakpoint that stopped the last run, or fired on the last step
        self.max_checkpoints = max_checkpoints
        self.interval = 1
        self._checkpoints: dict[int, Network] = {0: scenario.network}
        self._runs: OrderedDict[int, BatchRun] = OrderedDict()  # recorded batches, newest last
        self._frontier: tuple[int, Network] | None = None  # network at the start of a batch
        self._batch_losses: list[float] = []
        self._test_losses: dict[int, float] = {}  # by epoch from 0, when the scenario has a test split
        self._converged_epoch: int | None = None
        self._cursor = 0  # steps taken; the current step is _cursor - 1
        self.branch = Branch(0, "main", None, 0, scenario.network, scenario.training)
        self._branches: list[Branch] = [self.branch]
        self._lineage: list[Branch] = [self.branch]  # the active branch's ancestors, main first
        self._roots: dict[int, Network] = {0: scenario.network}  # lineage roots by start batch

    @property
    def config(self):
        """The training settings of the active branch (a branch may edit them)."""
        return self.branch.config

    # ---- where we are -------------------------------------------------
    @property
    def index(self) -> int:
        """Index of the current step; -1 before the first."""
        return self._cursor - 1

    @property
    def total_steps(self) -> int:
        """Steps in the whole run as planned (fewer if it stops below ε)."""
        return self.total_batches * self.steps_per_batch

    @property
    def current(self) -> Step | None:
        """The step the session stands just after, or None at the start."""
        return self._step_at(self._cursor - 1) if self._cursor else None

    @property
    def batch_steps(self) -> tuple[Step, ...]:
        """The current batch's steps up to the cursor, the current step last."""
        if self._cursor == 0:
            return ()
        g, offset = divmod(self._cursor - 1, self.steps_per_batch)
        return self._record(g).steps[:offset + 1]

    @property
    def whole_batch(self) -> tuple[Step, ...]:
        """Every step of the current batch, those after the cursor too (the batch is
        computed at once); () before the first step."""
        if self._cursor == 0:
            return ()
        return self._record((self._cursor - 1) // self.steps_per_batch).steps

    @property
    def trace(self) -> BatchTrace | None:
        """The current batch as the engine computed it (its arrays, computed once),
        for the equation and the chain rule; None before the first step."""
        if self._cursor == 0:
            return None
        g = (self._cursor - 1) // self.steps_per_batch
        run = self._record(g)
        return BatchTrace(run.before, run.grads.A[0], run.steps[self._loss_offset]["Y"], self._config(g), run.grads)

    @property
    def at_end(self) -> bool:
        return not self._batch_exists(self._cursor // self.steps_per_batch)

    @property
    def network(self) -> Network:
        """The parameters as they are at the cursor: layers whose update step
        has been taken in the current batch already hold their new values."""
        if self._cursor == 0:
            return self._network_before(0)
        g, offset = divmod(self._cursor - 1, self.steps_per_batch)
        run = self._record(g)
        updated = {layer for phase, layer in self.order[:offset + 1] if phase == "update"}
        if not updated:
            return run.before
        return Network(tuple(after if l in updated else before for l, (before, after)
                             in enumerate(zip(run.before.layers, run.after.layers), start=1)))

    @property
    def loss_history(self) -> LossHistory:
        """Loss per batch whose loss step was taken, and per completed epoch."""
        taken = (self._cursor + self.steps_per_batch - 1 - self._loss_offset) // self.steps_per_batch
        batches = self._batch_losses[:taken]
        per = self.plan.per_epoch
        epochs = [epoch_loss(batches[e * per:(e + 1) * per], self.plan, self._averaged)
                  for e in range(self._cursor // self.steps_per_batch // per)]
        test = []
        while len(test) < len(epochs) and len(test) in self._test_losses:  # known from the first epoch on
            test.append(self._test_losses[len(test)])
        return LossHistory(list(batches), epochs, test)

    def position(self, index: int) -> tuple[int, int, str, int | None]:
        """(epoch, batch, phase, layer) of step ``index``, without computing it."""
        g, offset = divmod(whole_number("the step index", index, 0, self.total_steps - 1), self.steps_per_batch)
        return (*self.plan.locate(g), *self.order[offset])

    def index_of(self, epoch: int, batch: int, phase: str, layer: int | None = None) -> int:
        """The index of the step at (epoch, batch, phase, layer): the inverse of ``position``."""
        whole_number("epoch", epoch, 1, self.config.epochs)
        whole_number("batch", batch, 1, self.plan.per_epoch)
        one_of("phase", phase, PHASES)
        if phase != "loss":
            whole_number("layer", layer, 1, self.depth)
        g = (epoch - 1) * self.plan.per_epoch + (batch - 1)
        return g * self.steps_per_batch + self._offsets[phase, None if phase == "loss" else layer]

    def is_epoch_end(self, step: Step) -> bool:
        return self.is_batch_end(step) and step.batch == self.plan.per_epoch

    def is_batch_end(self, step: Step) -> bool:
        return (step.index + 1) % self.steps_per_batch == 0

    # ---- moving -------------------------------------------------------
    def step(self) -> Step | None:
        """Take the next step and return it; None at the end of training."""
        if not self._batch_exists(self._cursor // self.steps_per_batch):
            return None
        step = self._step_at(self._cursor)
        self._cursor += 1
        return step

    def back(self) -> Step | None:
        """Undo the last step exactly; return the step now current (None at the start)."""
        self.hit = None
        if self._cursor:
            self._cursor -= 1
        return self.current

    def goto(self, index: int) -> Step:
        """Stand just after step ``index`` (forward or back) and return it."""
        index = whole_number("goto's step", index)
        if index < 0 or not self._batch_exists(index // self.steps_per_batch):
            total = self._known_total()
            raise StepOutOfRange(f"no step {index}: training has {total} steps, 0 to {total - 1}")
        self.hit = None
        previous, self._cursor = self._cursor, index + 1
        try:
            return self.current
        except ShapeMistake:  # an injected mistake stops that batch: stay where we were
            self._cursor = previous
            raise

    def restart(self) -> None:
        """Back to before the first step (checkpoints are kept)."""
        self._cursor = 0
        self.hit = None

    def check(self, step: Step) -> Hit | None:
        """The first breakpoint that fires on ``step``, if any."""
        epoch_end = self.is_epoch_end(step)
        for bp in self.breakpoints:
            message = bp.check(step, epoch_end)
            if message:
                return Hit(bp, step, message)
        return None

    def run_until(
        self,
        phase: str | None = None,
        layer: int | None = None,
        epoch_end: bool = False,
        batch_end: bool = False,
        predicate: Callable[[Step], bool] | None = None,
        interrupt: Callable[[], bool] | None = None,
    ) -> Step | None:
        """Step until a step matches every condition given, a breakpoint fires
        (then ``self.hit`` says which), training ends, or ``interrupt()`` is true.
        With no condition it runs to the end. Returns the last step taken.

        Whole batches that can neither match nor fire are trained without
        recording their Steps, which is as fast as headless training."""
        if phase is not None:
            one_of("run_until's phase", phase, PHASES)
        if layer is not None:
            whole_number("run_until's layer", layer, 1, self.depth)
        flag("epoch_end", epoch_end)
        flag("batch_end", batch_end)
        callable_or_none("predicate", predicate)
        callable_or_none("interrupt", interrupt)
        self.hit = None
        conditions = [c for c in (phase, layer, predicate) if c is not None]
        last = None
        while True:
            if interrupt is not None and interrupt():
                return last or self.current
            g, offset = divmod(self._cursor, self.steps_per_batch)
            if offset == 0 and not conditions and self._batch_exists(g) and self._skip(g, epoch_end, batch_end):
                last = None
                continue
            step = self.step()
            if step is None:
                return last or self.current
            last = step
            self.hit = self.check(step)
            if self.hit is not None:
                return step
            if (conditions or epoch_end or batch_end) and self._matches(step, phase, layer, epoch_end,
                                                                      batch_end, predicate):
                return step

    def run(self, interrupt: Callable[[], bool] | None = None) -> Step | None:
        """Run to the end of training, or to the first breakpoint."""
        return self.run_until(interrupt=interrupt)

    def gradcheck(self, index: int | None = None, max_cells: int | None = None) -> CheckReport:
        """dW, db and the applied update of the batch of step ``index`` (default: the
        cursor's, or the first batch before the first step) against central
        differences, at the weights that batch starts from."""
        index = max(self.index if index is None else whole_number("gradcheck's step", index), 0)
        if max_cells is not None:
            whole_number("gradcheck's max_cells (None for every cell)", max_cells, 1)
        g = index // self.steps_per_batch
        if not self._batch_exists(g):
            total = self._known_total()
            raise StepOutOfRange(f"no step {index}: training has {total} steps, 0 to {total - 1}")
        _, _, Xb, Yb = self._inputs(g)
        return check_batch(self._network_before(g), Xb, Yb, self._config(g), max_cells=max_cells)

    # ---- what if: branches -------------------------------------------
    @property
    def branches(self) -> list[Branch]:
        """Every branch, the main run first, in the order they were made."""
        return list(self._branches)

    def edit(self, target: str, cell=None, value: float | None = None, name: str = "") -> Branch:
        """Set a cell of W_l or b_l ("W2", (1, 3)), an input ("X", (feature, example)),
        or a setting ("learning_rate", "l1", "l2") at the cursor, and switch to the
        new branch this makes; the run so far is kept unchanged on its branch.

        The edit takes effect at the start of the cursor's batch, or of the next one
        once this batch's updates have begun; the cursor stays where it is. Raises a
        one-line ValueError for a wrong name, a cell out of range, a non-finite value."""
        cell = check_edit(self.network, self.scenario.m, target, cell, value)
        start = self._edit_start()
        root, config, inputs = self._network_before(start), self.config, dict(self._segment(start).inputs)
        if target in ("learning_rate", "l1", "l2"):
            change = f"{target} {getattr(config, target):g} → {value:g}"
            config = replace(config, **{target: float(value)})
        elif target == "X":
            feature, example = cell
            old = inputs.get(cell, float(self.scenario.X[feature, example]))
            inputs[cell] = float(value)
            change = f"{edit_name(target, cell)} {old:.6g} → {value:.6g}"
        else:
            root, change = edited_network(root, target, cell, float(value))
        return self._new_branch(start, root, config, inputs, change, name)

    def toggle_mistake(self, mistake: str, name: str = "") -> Branch:
        """Switch an injected mistake (engine.mistakes) on or off at the cursor, as a new branch."""
        start = self._edit_start()
        mistakes, change = toggled(self.config, mistake)
        return self._new_branch(start, self._network_before(start), replace(self.config, mistakes=mistakes),
                                dict(self._segment(start).inputs), change, name)

    def switch(self, branch: Branch | int | str) -> Branch:
        """Make ``branch`` (itself, its id or its name) the active one, at the step where
        the session last stood on it."""
        target = self.find(branch)
        if target is self.branch:
            return target
        self._leave()
        old = set(map(id, self._lineage))
        new = target.lineage
        kept = set(map(id, new)) & old
        diverge = min((b.start for b in (*new, *self._lineage) if id(b) not in kept), default=self.total_batches)
        self._forget_after(diverge)
        self.branch, self._lineage = target, new
        self._enter()
        self._cursor = target.cursor
        while self._cursor and not self._batch_exists((self._cursor - 1) // self.steps_per_batch):
            self._cursor -= 1  # it converged earlier on this branch
        return target

    def rename(self, branch: Branch | int | str, name: str) -> Branch:
        """Name a branch; names are unique and not empty."""
        target = self.find(branch)
        if not isinstance(name, str):
            raise ValueError(f"a branch name must be a str, got {name!r}")
        name = name.strip()
        if not name or "\n" in name:
            raise ValueError("a branch name must be one non-empty line")
        if any(b.name == name and b is not target for b in self._branches):
            raise ValueError(f"there is already a branch named '{name}'")
        target.name = name
        return target

    def delete(self, branch: Branch | int | str) -> None:
        """Delete a branch and the branches made from it (never the main run); the
        session moves to its parent if it stood on one of them."""
        target = self.find(branch)
        if target.parent is None:
            raise ValueError("the main run cannot be deleted")
        if target in self.branch.lineage:
            self.switch(target.parent)
        self._branches = [b for b in self._branches if target not in b.lineage]

    def branch_losses(self, branch: Branch | int | str) -> list[float]:
        """The batch losses known on ``branch``'s run, from the first batch: its
        ancestors' up to where it branched, then its own."""
        target = self.find(branch)
        if target is self.branch:
            return list(self._batch_losses)
        self._leave()
        return self._lineage_losses(target.lineage)

    def describe(self, branch: Branch | int | str) -> str:
        """One line: the branch, what it changed, and where."""
        b = self.find(branch)
        if b.parent is None:
            return f"{b.name}: the scenario as written"
        epoch, batch = self.plan.locate(min(b.start, self.total_batches - 1))
        at = f"from epoch {epoch} batch {batch}" if b.start < self.total_batches else "after the last batch"
        return f"{b.name}: {b.change}, {at} (off {b.parent.name} {_made(b)})"

    def save_branch(self, branch: Branch | int | str, path) -> None:
        """Write ``branch`` as a scenario file: the scenario's own file with the branch's
        root weights in [weights], its settings, and a note on where it branched."""
        from pathlib import Path

        from .files import atomic_write

        target = self.find(branch)
        if self.scenario.path is None:
            raise ValueError("only a scenario read from a file can be saved with a branch's weights")
        epoch, batch = self.plan.locate(min(target.start, self.total_batches - 1))
        text = scenario_text(self.scenario.path, target, f"{_made(target)} (epoch {epoch} batch {batch})")
        with atomic_write(Path(path), text=True) as out:
            out.write(text)

    def find(self, branch: Branch | int | str) -> Branch:
        """The branch given itself, by id or by name; a one-line ValueError if there is none."""
        for b in self._branches:
            if b is branch or b.id == branch or b.name == branch:
                return b
        raise ValueError(f"no branch {branch!r}; the branches are {', '.join(b.name for b in self._branches)}")

    def _edit_start(self) -> int:
        """The batch an edit at the cursor changes: the cursor's, or the next once its updates began."""
        if self._cursor == 0:
            return 0
        g, offset = divmod(self._cursor - 1, self.steps_per_batch)
        start = g + 1 if any(phase == "update" for phase, _ in self.order[:offset + 1]) else g
        if start >= self.total_batches:
            raise ValueError("training ends here: go back to the step where the change should start")
        return start

    def _new_branch(self, start, root, config, inputs, change, name) -> Branch:
        self._leave()
        number = max(b.id for b in self._branches) + 1
        branch = Branch(number, "", self.branch, start, root, config, inputs, change, self.index,
                        cursor=self._cursor)
        self._branches.append(branch)
        self.rename(branch, name or f"b{number}")
        self._forget_after(start)
        self.branch, self._lineage = branch, branch.lineage
        self._enter()
        try:
            self.current
        except ShapeMistake:  # the batch cannot be computed now: stand before it, the next step shows why
            self._cursor = start * self.steps_per_batch
        return branch

    def final_network(self, branch: Branch | int | str) -> Network:
        """``branch``'s network after its last batch, trained to the end where need be;
        the session comes back to the branch and step it stood on."""
        here, cursor = self.branch, self._cursor
        self.switch(branch)
        try:
            end = self.total_batches
            network = self._network_before(end)
            if self._converged_epoch is not None:
                network = self._network_before(self._converged_epoch * self.plan.per_epoch)
            return network
        finally:
            self.switch(here)
            self._cursor = cursor

    def compare_branches(self, a: Branch | int | str, b: Branch | int | str, top: int = 5) -> Comparison:
        """Two branches run to their end: loss curves, final loss and accuracy on the
        training set, and the ``top`` parameters that differ most."""
        a, b = self.find(a), self.find(b)
        whole_number("compare_branches' top", top, 1)
        s = self.scenario
        nets = [self.final_network(x) for x in (a, b)]
        results = [outcome(x.name, net, self.branch_losses(x), s.X, s.Y, x.config, s.is_classification)
                   for x, net in zip((a, b), nets)]
        return Comparison(*results, differences(*nets, top=top))

    def _leave(self) -> None:
        """Keep the active lineage's batch losses and cursor on its branches."""
        self.branch.cursor = self._cursor
        for b, after in zip(self._lineage, [*self._lineage[1:], None]):
            known = self._batch_losses[b.start:len(self._batch_losses) if after is None else after.start]
            if len(known) > len(b.losses):
                b.losses = known

    def _lineage_losses(self, lineage: list[Branch]) -> list[float]:
        losses: list[float] = []
        for b in lineage:
            if len(losses) < b.start:
                break  # the parent never got this far (cannot happen: a branch starts where its parent stood)
            losses = losses[:b.start] + b.losses
        return losses

    def _forget_after(self, g: int) -> None:
        """Drop what was computed for batches past g (those the next lineage does not share)."""
        self._checkpoints = {k: v for k, v in self._checkpoints.items() if k <= g}
        for k in [k for k in self._runs if k >= g]:
            del self._runs[k]
        if self._frontier is not None and self._frontier[0] >= g:
            self._frontier = None
        self._batch_losses = self._batch_losses[:g]
        self._test_losses = {e: loss for e, loss in self._test_losses.items() if e < g // self.plan.per_epoch}

    def _enter(self) -> None:
        """Take up the active lineage: its roots, its known losses, where it converged."""
        self._roots = {b.start: b.root for b in self._lineage}  # a later branch at the same batch wins
        self._batch_losses = self._lineage_losses(self._lineage)
        self._converged_epoch = None
        per = self.plan.per_epoch
        for end in range(per, len(self._batch_losses) + 1, per):
            stop = self._config(end - 1).stop_below
            if stop is not None and epoch_loss(self._batch_losses[end - per:end], self.plan, self._averaged) < stop:
                self._converged_epoch = end // per
                break

    # ---- internals ----------------------------------------------------
    def _matches(self, step, phase, layer, epoch_end, batch_end, predicate) -> bool:
        return ((phase is None or step.phase == phase)
                and (layer is None or step.layer == layer)
                and (not epoch_end or self.is_epoch_end(step))
                and (not batch_end or self.is_batch_end(step))
                and (predicate is None or bool(predicate(step))))

    def _skip(self, g: int, epoch_end: bool, batch_end: bool) -> bool:
        """Train batch g unrecorded and step over it, unless something could
        stop inside it; then leave it to be stepped."""
        ends_epoch = (g + 1) % self.plan.per_epoch == 0
        if batch_end or (epoch_end and ends_epoch):
            return False
        run = self._fast(g, check_finite=True)
        if any(bp.may_fire(run, ends_epoch) for bp in self.breakpoints):
            return False
        self._frontier = (g + 1, run.after)
        self._cursor += self.steps_per_batch
        return True

    def _known_total(self) -> int:
        if self._converged_epoch is not None:
            return self._converged_epoch * self.plan.per_epoch * self.steps_per_batch
        return self.total_steps

    def _batch_exists(self, g: int) -> bool:
        if g >= self.total_batches:
            return False
        if self._config(g).stop_below is not None and g > len(self._batch_losses):
            self._network_before(g)  # learn whether an earlier epoch converged
        return self._converged_epoch is None or g < self._converged_epoch * self.plan.per_epoch

    def _step_at(self, index: int) -> Step:
        g, offset = divmod(index, self.steps_per_batch)
        return self._record(g).steps[offset]

    def _segment(self, g: int) -> Branch:
        """The branch of the active lineage that computes batch g."""
        return next(b for b in reversed(self._lineage) if b.start <= g)

    def _config(self, g: int):
        return self._segment(g).config

    def _inputs(self, g: int):
        epoch, batch = self.plan.locate(g)
        Xb, Yb = self.plan.take(self.scenario.X, self.scenario.Y, epoch, batch)
        edits = self._segment(g).inputs
        if edits:
            examples = list(self.plan.examples(epoch, batch))
            Xb = Xb.copy()
            for (feature, example), value in edits.items():
                if example in examples:
                    Xb[feature, examples.index(example)] = value
        return epoch, batch, Xb, Yb

    def _record(self, g: int) -> BatchRun:
        """Batch g with its Steps, from the cache or recomputed."""
        run = self._runs.get(g)
        if run is None:
            epoch, batch, Xb, Yb = self._inputs(g)
            where = BatchPosition(g * self.steps_per_batch, epoch, batch, self.plan.examples(epoch, batch))
            run = run_batch(self._network_before(g), Xb, Yb, self._config(g), where)
            self._learn(g, run)
            self._runs[g] = run
            while len(self._runs) > 2:
                self._runs.popitem(last=False)
        self._runs.move_to_end(g)
        return run

    def _fast(self, g: int, check_finite: bool = False) -> BatchRun:
        """Batch g trained without recording its Steps."""
        _, _, Xb, Yb = self._inputs(g)
        run = run_batch(self._network_before(g), Xb, Yb, self._config(g), check_finite=check_finite)
        self._learn(g, run)
        return run

    def _network_before(self, g: int) -> Network:
        """The network at the start of batch g, replayed from the nearest checkpoint."""
        if g in self._roots:
            return self._roots[g]
        if g in self._runs:
            return self._runs[g].before
        if g - 1 in self._runs:
            return self._runs[g - 1].after
        if self._frontier is not None and self._frontier[0] == g:
            return self._frontier[1]
        start = max(c for c in (*self._checkpoints, *self._roots) if c <= g)
        if self._frontier is not None and start < self._frontier[0] <= g:
            start, network = self._frontier
        else:
            network = self._roots.get(start, self._checkpoints.get(start))
        for k in range(start, g):  # no root lies in between: start is the nearest
            _, _, Xb, Yb = self._inputs(k)
            run = run_batch(network, Xb, Yb, self._config(k))
            self._learn(k, run)
            network = run.after
            self._checkpoint(k + 1, network)
        return network

    def _checkpoint(self, g: int, network: Network) -> None:
        if g % self.interval or g in self._checkpoints or g in self._roots:
            return
        self._checkpoints[g] = network
        if len(self._checkpoints) > self.max_checkpoints:
            self.interval *= 2
            self._checkpoints = {k: v for k, v in self._checkpoints.items() if k % self.interval == 0}

    def _learn(self, g: int, run: BatchRun) -> None:
        """Keep batch g's loss; note the epoch where training stops below ε."""
        self._checkpoint(g + 1, run.after)
        if g < len(self._batch_losses):
            return
        self._batch_losses.append(run.loss)
        per = self.plan.per_epoch
        X_test, Y_test = self.scenario.X_test, self.scenario.Y_test
        if (g + 1) % per == 0 and X_test is not None and Y_test is not None and X_test.shape[1]:
            with np.errstate(all="ignore"):  # a blown-up network's test loss is NaN or Inf, quietly
                self._test_losses[g // per] = float(batch_loss(run.after, X_test, Y_test, self._config(g))[0])
        stop = self._config(g).stop_below
        if stop is not None and (g + 1) % per == 0 and self._converged_epoch is None:
            if epoch_loss(self._batch_losses[g + 1 - per:g + 1], self.plan, self._averaged) < stop:
                self._converged_epoch = (g + 1) // per


def _made(branch: Branch) -> str:
    """Where a branch was made, counting steps from 1 as the app's status line does."""
    return "before the first step" if branch.where < 0 else f"after step {branch.where + 1}"
