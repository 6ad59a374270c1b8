"""`nnviz explain`: a batch written out as the notes write their worked examples.
Every number printed is one the engine computed, at the stated precision."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from nnviz.cli import main
from nnviz.engine.explain import weight_gradient
from nnviz.render.worked import batch_blocks
from nnviz.render.worked_format import Unicode, render
from nnviz.scenario import load_scenario
from nnviz.session import Session
from nnviz.textfmt import number

NUMBER = re.compile(r"−?\d+(?:\.\d+)?(?:e[−+]\d+)?")
SUBTRACTED = re.compile(r"(?<=− )\d+(?:\.\d+)?(?:e[−+]\d+)?")  # a term of a sum whose sign is the operator


def explain(*args: str) -> str:
    result = CliRunner().invoke(main, ["explain", *args])
    assert result.exit_code == 0, result.output
    return result.output


def engine_numbers(name: str, batch: int, digits: int) -> set[str]:
    """Every number the engine holds for the batch, written at ``digits`` significant digits:
    the steps' arrays, the backward caches (g'(z)), each example's share of every dW, η and m."""
    session = Session(load_scenario(name))
    session.goto(batch * session.steps_per_batch - 1)
    steps = session.batch_steps
    trace = session.trace
    values = [array for step in steps for array in step.arrays.values()]
    values += [*trace.grads.A, *trace.grads.Z, *trace.grads.dZ, session.config.learning_rate, steps[0].examples.size]
    for l in range(1, trace.depth + 1):
        n_out, n_in = trace.network.layers[l - 1].W.shape
        values += [trace.g_prime(l, j) for j in range(n_out)]
        values += [weight_gradient(trace, l, j, i).per_example for j in range(n_out) for i in range(n_in)]
    numbers = {number(x, digits).replace("-", "−") for v in values for x in np.ravel(v)}
    return numbers | {"0", "1", "2"}  # the constants of the formulas: 1 − y, (1/m)


@pytest.mark.parametrize("name, digits", [("binary-example", 4), ("gd-mini-batch", 3), ("softmax-example", 5),
                                          ("housing-prices", 4), ("optimizers", 4)])
def test_every_number_written_is_the_engines_at_the_stated_precision(name, digits):
    text = explain(name, "--digits", str(digits))
    equations = [line for line in text.splitlines() if line.startswith("    ")]
    assert len(equations) > 10
    known = engine_numbers(name, 1, digits)
    for line in equations:
        subtracted = set(SUBTRACTED.findall(line))
        for found in NUMBER.findall(line):
            assert found in known or (found in subtracted and "−" + found in known), \
                f"{found} in {line!r} is no number of the engine's at {digits} digits"


def test_the_binary_example_reads_as_the_notes_write_it():
    text = explain("binary-example", "--format", "markdown")
    for line in ("z¹₁ = 0.9·0.3 + 0.2·0.5 + 0.4·(−0.4) + 0.3·0.3 + 0.5 = 0.8",
                 "a¹₁ = σ(0.8) = 0.69",
                 "a²₁ = σ(0.9489) = 0.7209",
                 "ℓ₁ = −[1·log(0.7209) + (1 − 1)·log(1 − 0.7209)] = 0.3273",
                 "dz²₁ = a²₁ − y₁ = 0.7209 − 1 = −0.2791",
                 "dz¹₁ = da¹₁·σ′(z¹₁) = (−0.1396)·0.2139 = −0.02985",
                 "w²₁₁ ← w²₁₁ − η·dw²₁₁ = 0.5 − 0.5·(−0.1926) = 0.5963"):
        assert line in text.splitlines()
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert [h.split(":")[0] for h in headings] == ["## Forward, layer 1", "## Forward, layer 2", "## Loss",
                                                  "## Backward, layer 2", "## Backward, layer 1",
                                                  "## Update, layer 2", "## Update, layer 1"]


def test_an_exercise_blanks_every_result_and_the_key_holds_them(tmp_path):
    key = tmp_path / "key.md"
    text = explain("binary-example", "--exercise", "--answers", str(key), "--format", "markdown")
    full = explain("binary-example", "--format", "markdown")
    blanks = [line for line in text.splitlines() if line.endswith("= ____")]
    answers = [line for line in full.splitlines() if " = " in line and not line.startswith(("#", "Network"))]
    assert len(blanks) == len(answers) > 50
    assert "a¹₁ = σ(z¹₁) = ____" in blanks  # σ(0.8) would give z¹₁ away
    assert "a¹₁ = 0.69" in key.read_text().splitlines() and "L = 0.3273" in key.read_text().splitlines()


def test_an_exercise_writes_a_blanked_result_by_its_symbol_wherever_it_is_used_again(tmp_path):
    key = tmp_path / "key.txt"
    text = explain("binary-example", "--exercise", "--answers", str(key))
    answers = {re.split(" [=←] ", line)[-1].lstrip("−") for line in key.read_text().splitlines()
               if line.startswith("    ")}
    s = load_scenario("binary-example")
    given = {Unicode().num(abs(v)) for v in np.concatenate(
        [a.ravel() for layer in s.network.layers for a in (layer.W, layer.b)]
        + [s.X[:, 0], s.Y[:, 0], [s.training.learning_rate]])}
    # an answer's number shows only where it is also a number the scenario gives (z¹₁ = 0.8 = w²₁₂)
    assert {n.lstrip("−") for n in NUMBER.findall(text)} & answers <= given
    assert "z²₁ = 0.5·a¹₁ + 0.8·a¹₂ + (−0.6)·a¹₃ + 0.3·a¹₄ + 0.3 = ____" in text
    assert "ℓ₁ = −[1·log(a²₁) + (1 − 1)·log(1 − a²₁)] = ____" in text
    assert "w²₁₁ ← w²₁₁ − η·dw²₁₁ = 0.5 − 0.5·dw²₁₁ = ____" in text
    assert "    a¹₁ = 0.69" in key.read_text().splitlines() and len(answers) > 30  # the key keeps the numbers


def test_one_step_alone(tmp_path):
    text = explain("binary-example", "--step", "3", "--format", "text")
    assert "Loss" in text and "Forward" not in text and "ℓ₁ = " in text


def test_a_large_network_is_written_as_matrices_with_the_chosen_neurons():
    text = explain("digits", "--neurons", "1,3")
    assert "Z1 (32×m) = W1 (32×64) · A0 (64×m) + b1 (32×1)" in text
    assert "z¹₁ = " in text and "z¹₃ = " in text and "z¹₂ = " not in text
    assert "dw¹₁₁ = " in text and "dw¹₁₂ = " not in text  # of a large layer, the first weight only


def latex_problems(source: str) -> list[str]:
    """What would stop LaTeX: unbalanced braces, environments or \\left/\\right; non-ASCII in math."""
    problems = []
    depth = 0
    for char in re.sub(r"\\[{}]", "", source):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            problems.append("a } closes nothing")
    if depth:
        problems.append(f"{depth} unclosed {{")
    stack = []
    for kind, name in re.findall(r"\\(begin|end)\{(\w+\*?)\}", source):
        if kind == "begin":
            stack.append(name)
        elif not stack or stack.pop() != name:
            problems.append(f"\\end{{{name}}} closes nothing open")
    problems += [f"\\begin{{{name}}} is never closed" for name in stack]
    if len(re.findall(r"\\left(?![a-z])", source)) != len(re.findall(r"\\right(?![a-z])", source)):
        problems.append("\\left and \\right do not match")
    problems += [f"non-ASCII {c!r}" for c in sorted(set(source)) if ord(c) > 127]
    return problems


@pytest.mark.parametrize("name", ["binary-example", "softmax-example", "housing-prices", "digits", "optimizers"])
def test_latex_output_is_well_formed_and_compiles_where_tex_is_installed(name, tmp_path):
    source = explain(name, "--format", "latex")
    assert source.startswith(r"\documentclass{article}") and source.rstrip().endswith(r"\end{document}")
    assert latex_problems(source) == []
    if shutil.which("pdflatex"):
        (tmp_path / "worked.tex").write_text(source)
        run = subprocess.run(["pdflatex", "-halt-on-error", "-interaction=nonstopmode", "worked.tex"],
                             cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stdout[-2000:]


@pytest.mark.parametrize("args, message", [
    (["--batch", "1", "--step", "1"], "not both"),
    (["--batch", "999"], "there is no batch 999"),
    (["--exercise"], "--answers"),
    (["--neurons", "0"], "--neurons"),
])
def test_bad_options_are_one_line(args, message):
    result = CliRunner().invoke(main, ["explain", "binary-example", *args])
    assert result.exit_code == 2 and result.output.count("\n") == 1 and message in result.output


def test_render_formats_agree_on_the_numbers():
    blocks = batch_blocks(Session(load_scenario("xor")), 1, None, Unicode())
    text, markdown = render(blocks, "text", Unicode()), render(blocks, "markdown", Unicode())
    assert NUMBER.findall(text) and sorted(NUMBER.findall(text)) == sorted(NUMBER.findall(markdown))


def test_the_readme_excerpt_is_what_the_command_writes():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    excerpt = readme.split("$ nnviz explain binary-example --format markdown\n", 1)[1].split("\n````", 1)[0]
    output = explain("binary-example", "--format", "markdown").splitlines()
    lines = [line for line in excerpt.splitlines() if line != "..."]
    assert len(lines) > 20 and all(line in output for line in lines)
    for number_of_the_notes in ("= 0.8", "= 0.69", "= 0.7209", "= 0.3273"):
        assert number_of_the_notes in excerpt
