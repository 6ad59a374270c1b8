"""Random documents and random mutations of the bundled scenarios: the loader
either returns a Scenario or raises ScenarioError, never anything else."""

import copy
import tomllib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nnviz
from nnviz.scenario.bundled import bundled_dir, bundled_names

# TOML has no null: values are the scalars it has, drawn directly (a filter made Hypothesis's
# filter_too_much health check fail under load).
SCALARS = st.one_of(st.booleans(), st.integers(-3, 12), st.floats(allow_nan=True, allow_infinity=True),
                    st.text(max_size=8))
VALUES = st.recursive(SCALARS,
                      lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                      max_leaves=12)
KEYS = st.sampled_from(["name", "network", "data", "training", "weights", "expect", "sizes", "activations", "init",
                        "seed", "X", "Y", "loss", "learning_rate", "batch_size", "epochs", "W1", "b1", "W2", "b2",
                        "generate", "n", "csv", "dataset", "scale", "limit", "phase", "layer", "array", "value"])
BUNDLED = {name: tomllib.loads((bundled_dir() / f"{name}.toml").read_text()) for name in bundled_names()}
SMALL = [name for name, table in BUNDLED.items() if "dataset" not in table.get("data", {})]


def load(table):
    try:
        return nnviz.scenario_from_dict(table, file="fuzz.toml", base_dir=bundled_dir())
    except nnviz.ScenarioError as err:
        assert "\n" not in str(err) and str(err).startswith("fuzz.toml")
        return err


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEYS, VALUES, max_size=6))
def test_random_documents(table):
    load(table)


def paths(table, prefix=()):
    """Every (path, value) inside a nested table."""
    if isinstance(table, dict):
        for key, value in table.items():
            yield prefix + (key,), value
            yield from paths(value, prefix + (key,))
    elif isinstance(table, list):
        for i, value in enumerate(table):
            yield prefix + (i,), value
            yield from paths(value, prefix + (i,))


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SMALL), st.data())
def test_mutated_bundled_scenarios(name, data):
    table = copy.deepcopy(BUNDLED[name])
    for _ in range(data.draw(st.integers(1, 3))):
        candidates = list(paths(table))  # an index, not sampled_from: its label hashes every path
        where = candidates[data.draw(st.integers(0, len(candidates) - 1))][0]
        parent = table
        for part in where[:-1]:
            parent = parent[part]
        action = data.draw(st.sampled_from(["replace", "delete"]))
        if action == "delete" and isinstance(parent, dict):
            del parent[where[-1]]
        else:
            parent[where[-1]] = data.draw(VALUES)
    load(table)
