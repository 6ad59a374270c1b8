"""What the analysis panels show. Of one network on the opened scenario
(NetworkAnalysis): its evaluation on the train and test splits and its decision
boundary over the data's plane. Of the scenario as a whole (ScenarioAnalysis):
the W and dW histograms of a copy of its network trained to the end, in a
thread of the analysis's own, since that trains. Each is computed on first use
and kept, so a Frame can carry them for nothing and a panel that is not on
screen costs nothing."""

from __future__ import annotations

import threading
from functools import cached_property
from typing import Callable

from .engine.boundary import BoundaryGrid, boundary_grid, data_bounds
from .engine.evaluation import Evaluation, evaluate_splits
from .engine.histograms import Histograms, histograms
from .engine.network import Network
from .engine.training import Cancelled
from .scenario import Scenario


class NetworkAnalysis:
    def __init__(self, scenario: Scenario, network: Network) -> None:
        self.scenario = scenario
        self.network = network
        self._grids: dict[tuple[int, int], BoundaryGrid] = {}

    @cached_property
    def evaluation(self) -> dict[str, Evaluation]:
        """The network evaluated on the scenario's train and test splits."""
        s = self.scenario
        return evaluate_splits(self.network, s.X, s.Y, s.X_test, s.Y_test, s.is_classification)

    def boundary(self, cols: int, rows: int) -> BoundaryGrid:
        """The network's output on a rows × cols grid over the scenario's plane; the plane's
        bounds are its training data's, so the picture holds still as training runs."""
        if (cols, rows) not in self._grids:
            s = self.scenario
            self._grids[cols, rows] = boundary_grid(self.network, s.X, cols=cols, rows=rows,
                                                    bounds=data_bounds(s.X), classification=s.is_classification)
        return self._grids[cols, rows]


class ScenarioAnalysis:
    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._histograms: Histograms | None = None
        self.histograms_error: Exception | None = None  # why training the copy failed, if it did
        self._lock = threading.Lock()  # one training of the copy, however many ask
        self._stop = threading.Event()

    def histograms(self, cancelled: Callable[[], bool] | None = None) -> Histograms:
        """W and dW per layer after every epoch of a copy of the scenario's network trained
        to the end (it trains: ask from a thread, or ``in_background``); ``cancelled`` as for
        ``train``, and ``stop()`` cancels too."""
        with self._lock:
            if self._histograms is None:
                s = self.scenario
                self._histograms = histograms(s.network, s.X, s.Y, s.training, cancelled=lambda: (
                    self._stop.is_set() or (cancelled is not None and cancelled())))
            return self._histograms

    @property
    def ready_histograms(self) -> Histograms | None:
        """The histograms once trained, else None: what a Frame shows without waiting."""
        return self._histograms

    def histograms_in_background(self, done: Callable[[], None]) -> None:
        """Train the copy in a thread of its own (once), then call ``done()`` from that thread,
        with ``ready_histograms`` or ``histograms_error`` set; not after ``stop()``."""
        def run() -> None:
            try:
                self.histograms()
            except Cancelled:
                return
            except Exception as error:  # a panel says why; nothing is raised into the thread
                self.histograms_error = error
            done()

        threading.Thread(target=run, name="nnviz-histograms", daemon=True).start()

    def stop(self) -> None:
        """Stop training the copy, within a batch: whoever asked has gone."""
        self._stop.set()
