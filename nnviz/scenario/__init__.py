"""Scenario files -> validated Scenario objects (data, never code)."""

from .bundled import DEFAULT, bundled_names, bundled_summaries
from .errors import ScenarioError
from .loader import load_scenario, scenario_from_dict
from .model import Expect, Scenario

__all__ = ["DEFAULT", "bundled_names", "bundled_summaries", "ScenarioError", "load_scenario",
           "scenario_from_dict", "Expect", "Scenario"]
