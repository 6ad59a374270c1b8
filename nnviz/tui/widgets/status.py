"""The status line (where training stands) and the alert (why a run stopped)."""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from ...engine.step import label
from ...textfmt import clip_words, readout
from ..frame import Frame
from .drawing import TextLines

ARROWS = {"forward": "→", "loss": "→", "backward": "←", "update": "←"}


def phase_text(phase: str, layer: int | None) -> str:
    """'forward → layer 2', 'loss step', 'update ← layer 1'."""
    return f"{phase} step" if layer is None else f"{phase} {ARROWS[phase]} layer {layer}"


@lru_cache(maxsize=64)
def widest_phase_text(steps: tuple[tuple[str, int | None], ...], labels: bool) -> int:
    """The longest 'backward ← layer 1' (or 'B1', with ``labels``) of the (phase, layer) steps:
    what StatusLine keeps room for through a batch (worked out once per batch shape)."""
    texts = [label(*where) if labels else phase_text(*where) for where in steps]
    return max(map(len, texts), default=len("before the first step"))


class StatusLine(TextLines):
    """Scenario; epoch e/E; batch b/B; step i/N; phase and layer; latest loss;
    a marker when a breakpoint stopped the run; what is running or playing."""

    DEFAULT_CSS = "StatusLine { height: auto; }"

    frame: reactive[Frame | None] = reactive(None, repaint=False)
    activity: reactive[str] = reactive("", repaint=False)

    def drawn_for(self) -> object:
        return self.frame, self.activity

    def watch_frame(self) -> None:
        self.redraw()

    def watch_activity(self) -> None:
        self.redraw()

    def text_at(self, width: int) -> Text:
        frame = self.frame
        if frame is None:
            return Text("loading…")
        # Room for the loss the batch's loss step will add (a typical one: 6 digits, no exponent).
        loss_to_come = len(f"  L {readout(0.123456)}") if frame.latest_loss is None and frame.position else 0
        for name, short in ((frame.title, False), (frame.name, False), (frame.name, True), (frame.name, "label")):
            text = self._line(frame, name, short)
            # The form is chosen for the batch's widest step, so it stays put from step to step;
            # a blank column before the edge: nothing reads as cut.
            phase = len(self._phase(frame, short))
            widest = widest_phase_text(tuple((step.phase, step.layer) for step in frame.whole_batch), short == "label")
            if text.cell_len + max(widest, phase) - phase + loss_to_come < width:
                return text
        text = self._line(frame, frame.name, "label", activity=False)
        room = width - text.cell_len - 3
        if self.activity and room > 1:  # what is running gives way word by word
            text.append(f"  {clip_words(self.activity, room)}", style="italic")
        return text  # the shortest form folds onto a second line if it must

    @staticmethod
    def _phase(frame: Frame, short: bool | str) -> str:
        """Where the step is: 'backward ← layer 1', or 'B1' when ``short`` is "label"."""
        position = frame.position
        if position is None:
            return "before the first step"
        return label(position.phase, position.layer) if short == "label" else phase_text(position.phase, position.layer)

    def _line(self, frame: Frame, name: str, short: bool | str, activity: bool = True) -> Text:
        """The status; ``short`` abbreviates 'epoch' and 'batch', "label" also the step (B1)."""
        text = Text(no_wrap=False, overflow="fold")
        text.append(f" {name} ", style="bold reverse")
        position = frame.position
        epoch, batch = (position.epoch, position.batch) if position else ("–", "–")
        words = ("e", "b") if short else ("epoch", "batch")
        parts = [f"{words[0]} {epoch}/{frame.epochs}", f"{words[1]} {batch}/{frame.batches}",
                 f"step {frame.index + 1}/{frame.total}"]
        for part in parts:
            text.append("  ")
            text.append(part)
        text.append("  ")
        text.append(self._phase(frame, short), style="italic" if position is None else "bold")
        loss = frame.latest_loss
        if loss is not None:
            text.append(f"  L {readout(loss)}")
        if frame.at_end:
            text.append("  end of training", style="bold")
        if frame.hit is not None:
            style = "bold reverse red" if frame.hit.breakpoint.kind == "non_finite" else "bold reverse yellow"
            text.append("  ")
            text.append(" ● BREAK ", style=style)
        if self.activity and activity:
            text.append(f"  {self.activity}", style="italic")
        return text


class AlertBar(Static):
    """A highlighted line: the breakpoint that fired, or the first non-finite
    array of a blow-up. Hidden when there is nothing to say."""

    frame: reactive[Frame | None] = reactive(None)
    _message = ""

    def watch_frame(self, frame: Frame | None) -> None:
        hit = frame.hit if frame is not None else None
        blowup = hit is not None and hit.breakpoint.kind == "non_finite"
        self.set_class(hit is not None, "-shown")
        self.set_class(blowup, "-blowup")
        if hit is None:
            message = ""
        elif blowup:
            message = (f"⚠ Numerical blow-up at step {hit.step.index + 1}: {hit.message}. "
                       "A run stops at every such step; n steps on into it, p back; try a smaller learning rate.")
        else:
            message = f"● Stopped at step {hit.step.index + 1}: {hit.message}"
        if message != self._message:  # an update lays the screen out again: only when it changed
            self._message = message
            self.update(message)
