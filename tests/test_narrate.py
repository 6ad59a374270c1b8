"""The plain sentence under the equation, on the document's binary example (its numbers)."""

import nnviz
from nnviz.narrate import sentence


def sentences(name="binary-example", row=0, col=0):
    scenario = nnviz.load_scenario(name)
    session = nnviz.Session(scenario)
    steps = [session.step() for _ in range(session.steps_per_batch)]
    return {step.label: sentence(step, session.trace, row, col) for step in steps}


def test_every_phase_says_what_the_documents_numbers_mean():
    said = sentences()
    assert "z¹₁ = 0.8; σ turns that into a¹₁ ≈ 0.69" in said["F1"]
    assert "a²₁ ≈ 0.72, the network's prediction ŷ" in said["F2"]
    assert said["L"].startswith("ŷ ≈ 0.72 but y = 1: this example's loss is 0.33")
    assert said["B2"] == "ŷ ≈ 0.72 but y = 1, so dz²₁ = ŷ − y ≈ −0.28; the update raises w²₁₁, which lowers the loss."
    assert "da ≈ −0.14, times the slope σ′ ≈ 0.21 gives dz¹₁ ≈ −0.03" in said["B1"]
    assert said["U2"] == "dw²₁₁ ≈ −0.19 is negative, so the update raises w²₁₁ by η·|dw²₁₁| ≈ 0.096 to 0.6, which lowers the loss."


def test_a_positive_gradient_lowers_the_weight():
    said = sentences(row=0, col=2)  # w¹₁₃ multiplies x₃ = −0.4: dz¹₁ < 0, so dw¹₁₃ > 0
    assert "the update lowers w¹₁₃" in said["B1"] and "is positive" in said["U1"]
