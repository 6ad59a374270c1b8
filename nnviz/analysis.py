"""What the analysis panels show of one network on the opened scenario: its
evaluation on the train and test splits and its decision boundary over the
data's plane. Each is computed on first use and kept, so a Frame can carry a
NetworkAnalysis for nothing and a panel that is not on screen costs nothing."""

from __future__ import annotations

from functools import cached_property

from .engine.boundary import BoundaryGrid, boundary_grid, data_bounds
from .engine.evaluation import Evaluation, evaluate_splits
from .engine.network import Network
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
