"""Scenario files -> validated Scenario objects (data, never code).

Names load their module on first use: the CLI needs DEFAULT and the bundled
names without NumPy."""


from ..lazy import lazy_names

_HOMES = {
    "DEFAULT": ".bundled", "bundled_names": ".bundled", "bundled_summaries": ".bundled",
    "ScenarioError": ".errors", "load_scenario": ".loader", "scenario_from_dict": ".loader",
    "Expect": ".model", "Scenario": ".model",
}
__all__ = list(_HOMES)


__getattr__ = lazy_names(__name__, globals(), _HOMES)
