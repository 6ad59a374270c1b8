"""nnviz: a terminal visualizer and step debugger for training small dense networks.

The public API::

    import nnviz
    scenario = nnviz.load_scenario("binary-example")
    s = nnviz.Session(scenario)
    step = s.step()

Each name loads its module (and NumPy) on first use, so that `nnviz --help`
starts as fast as click does.
"""


from .lazy import lazy_names

__version__ = "0.1.0"

# name -> the module that defines it
_HOMES = {
    "Breakpoint": ".breakpoints", "Hit": ".breakpoints",
    "Network": ".engine", "Step": ".engine", "TrainingConfig": ".engine", "build_network": ".engine",
    "gradcheck": ".engine", "train": ".engine",
    "Expect": ".scenario", "Scenario": ".scenario", "ScenarioError": ".scenario", "load_scenario": ".scenario",
    "scenario_from_dict": ".scenario",
    "Session": ".session",
}
__all__ = list(_HOMES)


__getattr__ = lazy_names(__name__, globals(), _HOMES)


def __dir__():
    return sorted([*globals(), *__all__])
