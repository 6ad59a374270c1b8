"""Which number predict mode asks for, and how answers are judged (no app needed)."""

from __future__ import annotations

import pytest

from nnviz.predict import Score, headline, parse_number, parse_tolerance
from nnviz.scenario import load_scenario
from nnviz.session import Session


@pytest.fixture(scope="module")
def steps():
    session = Session(load_scenario("binary-example"))
    return [session.step() for _ in range(session.steps_per_batch)]  # F1 F2 L B2 B1 U2 U1


def test_the_headline_of_each_phase_is_the_steps_own_number(steps):
    f1, f2, loss, b2, b1, u2, u1 = steps
    assert headline(f1, 0, 0, 0) .value == f1["A"][0, 0] and headline(f1, 0, 0, 0).symbol == "a¹₁"
    assert headline(f1, 2, 0, 0, "Z").value == f1["Z"][2, 0] == pytest.approx(0.68)
    assert headline(loss, 0, 0, 0).value == loss.loss and headline(loss, 0, 0, 0).symbol == "L"
    assert headline(b2, 0, 0, 0).value == b2["dZ"][0, 0] and headline(b2, 0, 0, 0).symbol == "dz²₁"
    assert headline(b1, 1, 2, 0, "dW").value == b1["dW"][1, 2] and headline(b1, 1, 2, 0, "dW").symbol == "dw¹₂₃"
    assert headline(u2, 0, 3, 0).value == u2["W_new"][0, 3] and headline(u2, 0, 3, 0).symbol == "w²₁₄"


def test_answers_within_the_relative_tolerance_count(steps):
    score, head = Score(), headline(steps[2], 0, 0, 0)  # L = 0.327258
    assert score.answer(0.3273, head).within and not score.answer(0.32, head).within
    score.tolerance = 0.05
    assert score.answer(0.32, head).within and not score.answer(-0.327258, head).within
    assert (score.right, score.asked) == (2, 4) and score.describe() == "predict: 2/4 right ±5%"
    assert score.answer(0.3, head).describe("L") == "L = 0.3273; you said 0.3, off by -0.02726: more than ±5%"


@pytest.mark.parametrize("text, value", [("0.69", 0.69), ("−0.28", -0.28), ("-2.8e-1", -0.28), ("0,5", 0.5)])
def test_typed_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "nan", "inf"])
def test_typed_non_numbers_are_refused(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_tolerances_are_relative_from_0_to_100_percent():
    assert parse_tolerance("1%") == 0.01 and parse_tolerance("0.05") == 0.05 and parse_tolerance(" 10 % ".replace(" ", "")) == 0.1
    for bad in ("150%", "-1%", "x"):
        with pytest.raises(ValueError):
            parse_tolerance(bad)
