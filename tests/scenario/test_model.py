import numpy as np
import pytest

from nnviz import Session, load_scenario


def test_one_example_steps_that_example_from_the_given_network():
    scenario = load_scenario("gd-mini-batch")
    trained = Session(scenario)
    trained.run_until(epoch_end=True)
    focus = scenario.one_example(7, trained.network)
    s = Session(focus)
    first = s.step()
    np.testing.assert_array_equal(first["A_prev"][:, 0], scenario.X[:, 7])
    np.testing.assert_array_equal(first["W"], trained.network.layers[0].W)
    assert s.total_steps == s.steps_per_batch and "example 7" in focus.name
    with pytest.raises(IndexError):
        scenario.one_example(10_000, trained.network)
