"""nnviz: a terminal visualizer and step debugger for training small dense networks.

The public API::

    import nnviz
    scenario = nnviz.load_scenario("binary-example")
    s = nnviz.Session(scenario)
    step = s.step()
"""

from .breakpoints import Breakpoint, Hit
from .engine import (Network, Step, TrainingConfig, build_network, gradcheck, train)
from .scenario import Expect, Scenario, ScenarioError, load_scenario, scenario_from_dict
from .session import Session

__version__ = "0.1.0"

__all__ = [
    "Breakpoint", "Hit", "Network", "Step", "TrainingConfig", "build_network", "gradcheck", "train",
    "Expect", "Scenario", "ScenarioError", "load_scenario", "scenario_from_dict", "Session",
]
