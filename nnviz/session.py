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
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Callable

import numpy as np

from .breakpoints import Breakpoint, Hit
from .engine.backprop import BatchPosition, BatchRun, run_batch
from .engine.batches import BatchPlan
from .engine.gradcheck import CheckReport, check_batch
from .engine.losses import get_loss
from .engine.network import Network
from .engine.step import Step, batch_order
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
        self.scenario = scenario
        self.config = scenario.training
        self.plan = BatchPlan(scenario.m, self.config.batch_size, self.config.shuffle, self.config.seed)
        self._averaged = get_loss(self.config.loss).averaged  # how batch losses add up to an epoch's
        self.depth = scenario.network.depth
        self.order = batch_order(self.depth)  # (phase, layer) of each step of a batch
        self.steps_per_batch = len(self.order)
        self._offsets = {where: offset for offset, where in enumerate(self.order)}
        self._loss_offset = self._offsets["loss", None]
        self.total_batches = self.config.epochs * self.plan.per_epoch
        self.breakpoints: list[Breakpoint] = list(breakpoints or [])
        self.hit: Hit | None = None  # the breakpoint that stopped the last run, or fired on the last step
        self.max_checkpoints = max_checkpoints
        self.interval = 1
        self._checkpoints: dict[int, Network] = {0: scenario.network}
        self._runs: OrderedDict[int, BatchRun] = OrderedDict()  # recorded batches, newest last
        self._frontier: tuple[int, Network] | None = None  # network at the start of a batch
        self._batch_losses: list[float] = []
        self._converged_epoch: int | None = None
        self._cursor = 0  # steps taken; the current step is _cursor - 1

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
    def trace(self) -> BatchTrace | None:
        """The current batch as the engine computed it (its arrays, computed once),
        for the equation and the chain rule; None before the first step."""
        if self._cursor == 0:
            return None
        run = self._record((self._cursor - 1) // self.steps_per_batch)
        return BatchTrace(run.before, run.grads.A[0], run.steps[self._loss_offset]["Y"], self.config, run.grads)

    @property
    def at_end(self) -> bool:
        return not self._batch_exists(self._cursor // self.steps_per_batch)

    @property
    def network(self) -> Network:
        """The parameters as they are at the cursor: layers whose update step
        has been taken in the current batch already hold their new values."""
        if self._cursor == 0:
            return self.scenario.network
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
        return LossHistory(list(batches), epochs)

    def position(self, index: int) -> tuple[int, int, str, int | None]:
        """(epoch, batch, phase, layer) of step ``index``, without computing it."""
        g, offset = divmod(index, self.steps_per_batch)
        return (*self.plan.locate(g), *self.order[offset])

    def index_of(self, epoch: int, batch: int, phase: str, layer: int | None = None) -> int:
        """The index of the step at (epoch, batch, phase, layer): the inverse of ``position``."""
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
        if index < 0 or not self._batch_exists(index // self.steps_per_batch):
            raise IndexError(f"no step {index}: training has {self._known_total()} steps")
        self.hit = None
        self._cursor = index + 1
        return self.current

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
        index = max(self.index if index is None else index, 0)
        g = index // self.steps_per_batch
        if not self._batch_exists(g):
            raise IndexError(f"no step {index}: training has {self._known_total()} steps")
        _, _, Xb, Yb = self._inputs(g)
        return check_batch(self._network_before(g), Xb, Yb, self.config, max_cells=max_cells)

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
        if self.config.stop_below is not None and g > len(self._batch_losses):
            self._network_before(g)  # learn whether an earlier epoch converged
        return self._converged_epoch is None or g < self._converged_epoch * self.plan.per_epoch

    def _step_at(self, index: int) -> Step:
        g, offset = divmod(index, self.steps_per_batch)
        return self._record(g).steps[offset]

    def _inputs(self, g: int):
        epoch, batch = self.plan.locate(g)
        Xb, Yb = self.plan.take(self.scenario.X, self.scenario.Y, epoch, batch)
        return epoch, batch, Xb, Yb

    def _record(self, g: int) -> BatchRun:
        """Batch g with its Steps, from the cache or recomputed."""
        run = self._runs.get(g)
        if run is None:
            epoch, batch, Xb, Yb = self._inputs(g)
            where = BatchPosition(g * self.steps_per_batch, epoch, batch, self.plan.examples(epoch, batch))
            run = run_batch(self._network_before(g), Xb, Yb, self.config, where)
            self._learn(g, run)
            self._runs[g] = run
            while len(self._runs) > 2:
                self._runs.popitem(last=False)
        self._runs.move_to_end(g)
        return run

    def _fast(self, g: int, check_finite: bool = False) -> BatchRun:
        """Batch g trained without recording its Steps."""
        _, _, Xb, Yb = self._inputs(g)
        run = run_batch(self._network_before(g), Xb, Yb, self.config, check_finite=check_finite)
        self._learn(g, run)
        return run

    def _network_before(self, g: int) -> Network:
        """The network at the start of batch g, replayed from the nearest checkpoint."""
        if g in self._runs:
            return self._runs[g].before
        if g - 1 in self._runs:
            return self._runs[g - 1].after
        if self._frontier is not None and self._frontier[0] == g:
            return self._frontier[1]
        start = max(c for c in self._checkpoints if c <= g)
        if self._frontier is not None and start < self._frontier[0] <= g:
            start, network = self._frontier
        else:
            network = self._checkpoints[start]
        for k in range(start, g):
            _, _, Xb, Yb = self._inputs(k)
            run = run_batch(network, Xb, Yb, self.config)
            self._learn(k, run)
            network = run.after
            self._checkpoint(k + 1, network)
        return network

    def _checkpoint(self, g: int, network: Network) -> None:
        if g % self.interval or g in self._checkpoints:
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
        stop = self.config.stop_below
        if stop is not None and (g + 1) % per == 0 and self._converged_epoch is None:
            if epoch_loss(self._batch_losses[g + 1 - per:g + 1], self.plan, self._averaged) < stop:
                self._converged_epoch = (g + 1) // per
