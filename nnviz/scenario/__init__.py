"""Scenario files -> validated Scenario objects (data, never code).

Names load their module on first use: the CLI needs DEFAULT and the bundled
names without NumPy."""

from importlib import import_module

_HOMES = {
    "DEFAULT": ".bundled", "bundled_names": ".bundled", "bundled_summaries": ".bundled",
    "ScenarioError": ".errors", "load_scenario": ".loader", "scenario_from_dict": ".loader",
    "Expect": ".model", "Scenario": ".model",
}
__all__ = list(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'nnviz.scenario' has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name], __name__), name)
    globals()[name] = value
    return value
