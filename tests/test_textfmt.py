"""nnviz.textfmt: numbers, matrices, summaries and tables as text."""

import numpy as np

from nnviz import textfmt


def test_numbers_use_significant_digits_and_spell_non_finite_values():
    assert [textfmt.number(x) for x in (0.72089764, -0.27910236, 1.2e-5, 20.0)] == [
        "0.7209", "-0.2791", "1.2e-05", "20"]
    assert [textfmt.number(x) for x in (np.nan, np.inf, -np.inf)] == ["nan", "inf", "-inf"]


def test_compact_writes_numbers_vectors_and_matrices_on_one_line():
    assert textfmt.compact(0.327) == "0.327"
    assert textfmt.compact([0.8, 0.52, 0.68, 0.7]) == "[0.8 0.52 0.68 0.7]"
    assert textfmt.compact([[1, 2], [3, 4]]) == "[[1 2] [3 4]]"


def test_matrix_rows_are_right_aligned_per_column():
    assert textfmt.matrix(np.array([[0.9, 0.2], [-0.5, 10.25]])) == [" 0.9    0.2", "-0.5  10.25"]


def test_a_column_vector_is_a_transposed_row_and_a_one_by_one_a_number():
    assert textfmt.named_array("Z", np.array([[0.8], [0.52]])) == ["Z (2, 1) = [0.8 0.52]ᵀ"]
    assert textfmt.named_array("loss", np.array(0.327)) == ["loss () = 0.327"]
    assert textfmt.named_array("W", np.eye(2)) == ["W (2, 2) =", "  1  0", "  0  1"]


def test_large_arrays_are_summarized_and_count_nan_and_inf():
    array = np.arange(100.0).reshape(4, 25)
    array[0, 0] = np.nan
    assert textfmt.named_array("A", array) == ["A  shape (4, 25)  min 1  max 99  mean 50  1 NaN/Inf"]
    assert textfmt.summary(np.full(3, np.inf)) == "shape (3,)  3 NaN/Inf"


def test_table_aligns_columns_and_clip_marks_the_cut():
    assert textfmt.table(("a", "bb"), [("xyz", "1")], indent="  ") == ["  a    bb", "  xyz  1"]
    assert textfmt.clip("abcdef", 4) == "abc…" and textfmt.clip("abc", 4) == "abc"
    assert textfmt.clip_words("playing 50 steps/s (space pauses, +/- speed)", 30) == "playing 50 steps/s…"


def test_count_says_one_example_and_two_examples():
    assert textfmt.count(1, "example") == "1 example"
    assert [textfmt.count(n, "epoch") for n in (0, 2)] == ["0 epochs", "2 epochs"]


def test_table_right_aligns_the_columns_asked_for():
    assert textfmt.table(("class", "n"), [("0", "7"), ("10", "123")], right={1}) == [
        "class    n", "0        7", "10     123"]


def test_a_negative_zero_prints_as_zero():
    assert textfmt.number(-0.0) == "0" and textfmt.number(-1e-300) == "-1e-300"
    assert textfmt.vector(np.array([-0.0, 1.0])) == "[0 1]"
    assert textfmt.matrix(np.array([[-0.0, -2.0]])) == ["0  -2"]


def test_a_readout_says_equals_only_when_its_six_digits_are_the_value():
    assert textfmt.readout(0.9) == "= 0.9" and textfmt.readout(-0.27910235892) == "≈ -0.279102"
    assert textfmt.readout(float("nan")) == "= nan" and textfmt.readout(1e-5) == "= 1e-05"
    assert textfmt.exact(0.1 + 0.2) == "0.30000000000000004" and textfmt.exact(-0.0) == "0.0"


def test_every_cell_of_an_array_has_one_format():
    small = textfmt.cell_format([-7.95e-05, -0.002, 3.66e-04])  # not 1e-4 beside 0.002 in one panel
    assert [small(x) for x in (-7.95e-05, -0.002, 3.66e-04)] == ["-0.08", "-2.00", "0.37"] and small.note == "×10⁻³"
    tiny = textfmt.cell_format([-7.95e-05, 3.66e-06])
    assert (tiny(-7.95e-05), tiny(3.66e-06), tiny.note) == ("-7.95", "0.37", "×10⁻⁵")
    assert textfmt.cell_format([[1, 0], [0, 1]])(1) == "1"  # labels stay whole numbers
    assert textfmt.cell_format([0.9, -0.5])(-0.5) == "-0.500" and textfmt.cell_format([-1e-9, 0.5])(-1e-9) == "0.000"


def test_an_equation_wraps_before_an_operator_and_keeps_every_digit():
    from nnviz.render.mathtext import result, wrap
    line = f"z = 0.0433581·0 + (−3.67785e−05)·0 + 0.0626047·0.0625 {result(0.38202513)}"
    lines = wrap(line, 40)
    assert lines == ["z = 0.0433581·0 + (−3.67785e−05)·0", "  + 0.0626047·0.0625 ≈ 0.382025"]
    assert all(len(part) <= 40 for part in lines)
    assert wrap("w ← 0.5 − 0.5·(−0.192574) ≈ 0.596287", 30) == ["w ← 0.5 − 0.5·(−0.192574)", "  ≈ 0.596287"]
    assert textfmt.math_readout(-0.0261054) == "= −0.0261054" and textfmt.math_readout(-1 / 3) == "≈ −0.333333"
