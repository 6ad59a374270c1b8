"""Each panel mounted alone in a tiny app: what it draws, and how it answers keys and clicks."""

from __future__ import annotations

import numpy as np
import pytest
from textual import events
from textual.app import App

import nnviz
from nnviz.engine.explain import chain_rule_paths, trace_batch
from nnviz.engine.training import LossHistory
from nnviz.tui.app import make_app
from nnviz.tui.frame import read_frame
from nnviz.tui.screens.chain_rule import ChainRuleScreen, chain_rule_text
from nnviz.tui.widgets.equation import EquationPanel
from nnviz.tui.widgets.input_view import InputView
from nnviz.tui.widgets.key_footer import MORE, fit
from nnviz.render.loss_chart import tick_label, y_axis
from nnviz.textfmt import readout as readout_of
from nnviz.tui.widgets.loss_plot import LossPlot
from nnviz.render.mathtext import product, signed_sum
from nnviz.tui.widgets.matrix import readout
from nnviz.tui.widgets.matrix_grid import MatrixView
from nnviz.tui.widgets.network_view import NetworkView
from nnviz.tui.widgets.step_matrices import StepMatrices

BINARY_W1 = np.array([[0.9, 0.2, 0.4, 0.3], [-0.5, 0.4, 0.3, 0.3], [0.1, 0.1, -0.1, 0.2], [-0.2, 0.5, 0.5, 0.7]])


class PanelApp(App):
    """One widget, nothing else."""

    def __init__(self, widget, theme: str = "textual-dark"):
        super().__init__()
        self.widget = widget
        self.selected = []
        self.initial_theme = theme

    def compose(self):
        yield self.widget

    def on_mount(self):
        self.theme = self.initial_theme

    def on_matrix_grid_cell_selected(self, event: MatrixView.CellSelected):
        self.selected.append(event)


def lines(widget, count: int | None = None) -> list[str]:
    return [widget.render_line(y).text for y in range(count or widget.size.height)]


def batch_steps(name: str, with_trace: bool = False):
    """The scenario and the Steps of its first batch (and the batch's trace)."""
    scenario = nnviz.load_scenario(name)
    session = nnviz.Session(scenario)
    steps = [session.step() for _ in range(session.steps_per_batch)]
    return (scenario, steps, session.trace) if with_trace else (scenario, steps)


# ---- MatrixView ------------------------------------------------------------
async def test_small_matrix_shows_title_column_numbers_and_values():
    view = MatrixView()
    async with PanelApp(view).run_test(size=(80, 24)) as pilot:
        view.show("W", BINARY_W1, title="W1 (4×4)")
        await pilot.pause()
        text = lines(view, 6)
        assert view.mode == "numbers"
        assert text[0].startswith("W1 (4×4)  [1,1] = 0.9")
        assert text[1].split() == ["1", "2", "3", "4"]
        assert text[2].split() == ["1", "0.900", "0.200", "0.400", "0.300"]
        assert text[3].split() == ["2", "-0.500", "0.400", "0.300", "0.300"]
        view.precision = 5
        await pilot.pause()
        assert "-0.50000" in view.render_line(3).text


async def test_a_narrow_panel_gives_the_readout_a_line_of_its_own():
    view = MatrixView()
    async with PanelApp(view).run_test(size=(24, 12)) as pilot:
        view.show("b", np.array([[0.5], [-0.25]]), title="b1 (2×1)")
        await pilot.pause()
        assert [line.rstrip() for line in lines(view, 5)] == [
            "b1 (2×1)", "[1,1] = 0.5", "        1", "1   0.500", "2  -0.250"]


async def test_changed_cells_show_the_direction_and_size_of_their_change():
    change = np.zeros((4, 4))
    change[0, 0], change[0, 1], change[3, 3] = 0.004, -0.04, 0.02
    view = MatrixView()
    async with PanelApp(view).run_test(size=(80, 24)) as pilot:
        view.show("W_new", BINARY_W1, title="W1 after (4×4)", change=change)
        await pilot.pause()
        assert view.render_line(2).text.split() == ["1", "0.900↑", "0.200↓", "0.400", "0.300"]
        assert view.render_line(5).text.split() == ["4", "-0.200", "0.500", "0.500", "0.700↑"]
        shades = {s.text.strip(): s.style.bgcolor for s in view.render_line(2) if s.text.strip()}
        # the larger change is shaded further from the background than the smaller one
        background = view.background_colors[1].rich_color.triplet
        distance = lambda c: sum(abs(a - b) for a, b in zip(c.triplet, background))
        assert distance(shades["0.200"]) > distance(shades["0.900"]) > distance(shades["0.400"]) == 0


async def test_large_matrix_is_a_heatmap_with_shades_signs_and_a_scale():
    rng = np.random.default_rng(0)
    W = rng.uniform(-1, 1, size=(128, 64))
    W[0, :4] = [-1.0, -0.01, 0.01, 1.0]  # the ends of the scale and the smallest shade
    view = MatrixView()
    async with PanelApp(view).run_test(size=(80, 24)) as pilot:
        view.show("W", W, title="W1 (128×64)")
        await pilot.pause()
        title, scale, columns, first = lines(view, 4)
        assert view.mode == "heatmap"
        assert title.startswith("W1 (128×64)")
        assert scale.startswith(f"min {W.min():.4g} -█-▓-▒-░ 0 ░░▒▒▓▓██ max {W.max():.4g}")
        assert columns.split()[:2] == ["10", "20"]
        assert first.startswith("  1 -█-░░░██")  # '-' marks the negative cells
        assert set(first[4:]) <= set(" -░▒▓█")


async def test_auto_mode_can_be_overridden_and_toggled():
    view = MatrixView()
    async with PanelApp(view).run_test(size=(80, 24)) as pilot:
        view.show("W", BINARY_W1, title="W1 (4×4)", mode="heatmap")
        await pilot.pause()
        assert view.mode == "heatmap" and "██" in view.render_line(3).text
        view.toggle_mode()
        await pilot.pause()
        assert view.mode == "numbers" and "0.900" in view.render_line(2).text


async def test_non_finite_cells_read_as_such():
    data = np.array([[1.5, np.nan], [np.inf, -2.0]])
    view = MatrixView()
    async with PanelApp(view).run_test(size=(80, 24)) as pilot:
        view.show("Z", data, title="Z1 (2×2)")
        await pilot.pause()
        assert view.render_line(2).text.split() == ["1", "1.50", "nan"]  # one format: 3 digits of the largest
        view.show("Z", data, title="Z1 (2×2)", mode="heatmap")
        await pilot.pause()
        assert "1 NaN/Inf" not in view.render_line(1).text and "2 NaN/Inf" in view.render_line(1).text
        assert view.render_line(4).text.startswith("2 !!")


async def test_arrow_keys_move_the_cursor_and_report_the_exact_value():
    view = MatrixView()
    app = PanelApp(view)
    async with app.run_test(size=(80, 24)) as pilot:
        view.show("W", BINARY_W1, title="W1 (4×4)")
        view.focus()
        await pilot.press("down", "right", "right")
        assert view.cursor == (1, 2)
        assert view.value == 0.3
        assert app.selected[-1].name == "W" and (app.selected[-1].row, app.selected[-1].col) == (1, 2)
        assert app.selected[-1].value == 0.3 and app.selected[-1].control is view
        assert "[2,3] = 0.3" in view.render_line(0).text
        reversed_cells = [s.text for s in list(view.render_line(3)) if s.style and s.style.reverse]
        assert [t.strip() for t in reversed_cells] == ["0.300"]
        await pilot.press("up", "up", "left", "left", "left")  # stops at the edges
        assert view.cursor == (0, 0)


async def test_a_click_selects_the_cell_under_the_mouse():
    view = MatrixView()
    app = PanelApp(view)
    async with app.run_test(size=(80, 24)) as pilot:
        view.show("W", BINARY_W1, title="W1 (4×4)")
        await pilot.pause()
        # Row 4 is line 5 (title and column numbers above); column 2 starts after the gutter and one cell.
        layout_cell = 8
        await pilot.click(view, offset=(2 + layout_cell + 3, 5))
        assert view.cursor == (3, 1)
        assert app.selected[-1].value == 0.5


async def test_cursor_scrolls_a_large_heatmap_and_only_visible_rows_are_drawn():
    data = np.arange(784 * 128, dtype=float).reshape(784, 128)
    view = MatrixView()
    async with PanelApp(view).run_test(size=(80, 24)) as pilot:
        view.show("W", data, title="W1 (784×128)")
        view.focus()
        await pilot.pause()
        assert len(view.drawing._rows) < 30  # the rows drawn so far: the visible ones only
        await pilot.press("end")
        await pilot.pause()
        assert view.cursor == (783, 127)
        assert view.drawing.scroll_y > 700 and view.drawing.scroll_x > 0
        assert f"[784,128] = {float(data[-1, -1]):g}" in view.render_line(0).text
        y = next(y for y, line in enumerate(lines(view)) if line.startswith("784 "))
        drawn = [s for s in view.render_line(y) if s.text.strip()]
        assert drawn[-1].text == "██" and drawn[-1].style.reverse  # the largest value, under the cursor
        assert sum(1 for s in drawn if s.style.reverse) == 1


async def test_the_wheel_scrolls_the_matrix_under_the_mouse_while_it_can_then_the_panel():
    view = MatrixView()
    async with PanelApp(view).run_test(size=(40, 12)) as pilot:
        view.show("W", np.ones((30, 30)), title="W1 (30×30)")
        await pilot.pause()

        def wheel(down: bool) -> bool:
            """Whether the view kept the event (else it goes on to the panel around it)."""
            kind = events.MouseScrollDown if down else events.MouseScrollUp
            event = kind(view, 10, 5, 0, 1 if down else -1, 0, False, False, False, screen_x=10, screen_y=5)
            view._scroll_slot(event, 0, 1 if down else -1)
            return event._stop_propagation

        assert not wheel(down=False) and view.drawing.scroll_y == 0  # at the top already: the panel scrolls
        assert wheel(down=True) and view.drawing.scroll_y == 1
        assert "2 " in lines(view)[3]  # the first body line is row 2 now; the headers stay
        for _ in range(40):
            wheel(down=True)
        assert view.drawing.scroll_y == view.drawing.max_scroll()[1] > 0 and not wheel(down=True)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_heatmap_zero_is_the_background_in_dark_and_light_themes(theme):
    view = MatrixView()
    async with PanelApp(view, theme).run_test(size=(80, 24)) as pilot:
        view.show("W", np.array([[-1.0, 0.0, 1.0]] * 20), title="W (20×3)", mode="heatmap")
        await pilot.pause()
        styles = view.style_table()
        background = view.background_colors[1].rich_color
        assert styles[(1, 0)].color == background
        full_positive = styles[(1, 8)].color.triplet
        # The strong end contrasts with the background: light on dark, dark on light.
        brightness = sum(full_positive) / 3
        assert brightness < 128 if theme == "textual-light" else brightness > 100


def needs_the_truecolor_filter(strips) -> list:
    """The styles in ``strips`` that Textual's ANSIToTruecolor filter would change: an ANSI colour, or dim."""
    def ansi(color):
        return color is not None and color.triplet is None
    return [seg.style for strip in strips for seg in strip
            if seg.style is not None and (seg.style.dim or ansi(seg.style.color) or ansi(seg.style.bgcolor))]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "ansi-dark"])
async def test_the_matrices_and_the_network_draw_in_truecolor_and_never_dim(theme):
    """They leave Textual's truecolor filter out (drawing.TruecolorOnly), so nothing they draw may
    need it: through a batch of digits (heatmaps, numbers, changed cells, the focused cursor),
    and a NaN in both modes. Under an ANSI theme Textual turns the filter off and they draw in
    its colours (they crashed there once, blending a dim colour without RGB). A new theme
    draws the network in its colours at once, not when the frame next changes."""
    ansi = theme.startswith("ansi")
    app = make_app(nnviz.load_scenario("digits"))
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        for _ in range(7):
            await pilot.press("n")
            grid, network = app.screen.query_one(StepMatrices), app.screen.query_one(NetworkView)
            grid.focus()
            await pilot.pause()
            drawn = [view.render_line(y) for view in (grid, network) for y in range(view.size.height)]
            assert ansi or needs_the_truecolor_filter(drawn) == []
        if theme == "textual-dark":
            app.theme = "textual-light"
            await pilot.pause()
            assert network.render_line(0)._segments[-1].style.bgcolor == network.rich_style.bgcolor
    view = MatrixView()
    async with PanelApp(view, theme).run_test(size=(80, 24)) as pilot:
        for mode in ("numbers", "heatmap"):
            view.show("Z", np.array([[1.5, np.nan], [np.inf, -2.0]]), title="Z1 (2×2)", mode=mode)
            await pilot.pause()
            drawn = [view.render_line(y) for y in range(view.size.height)]
            assert ansi or needs_the_truecolor_filter(drawn) == []


# ---- EquationPanel ---------------------------------------------------------
async def test_equation_shows_the_documents_substituted_sum():
    scenario, steps = batch_steps("binary-example")
    panel = EquationPanel()
    async with PanelApp(panel).run_test(size=(80, 24)) as pilot:
        panel.show(steps[0], 0)
        await pilot.pause()
        text = "\n".join(lines(panel))
        assert "Z1 = W1 · A0 + b1" in text
        assert "z¹₁ = 0.9·0.3 + 0.2·0.5 + 0.4·(−0.4) + 0.3·0.3 + 0.5 = 0.8" in text
        assert "a¹₁ = σ(z¹₁) = σ(0.8) ≈ 0.689974" in text  # every number to 6 digits, ≈ where rounded


async def test_equation_shows_the_chain_rule_factors_in_the_backward_phase():
    scenario, steps, trace = batch_steps("binary-example", with_trace=True)
    panel = EquationPanel()
    async with PanelApp(panel).run_test(size=(80, 24)) as pilot:
        panel.show(steps[3], 0, trace=trace)  # B2
        await pilot.pause()
        assert "dz²₁ = a²₁ − y₁ = 0.720898 − 1 ≈ −0.279102" in "\n".join(lines(panel))
        panel.show(steps[4], 0, trace=trace, col=1)  # B1
        await pilot.pause()
        text = "\n".join(lines(panel))
        assert "dz¹₁ = da¹₁ · σ′(z¹₁) = (−0.139551)·0.21391 ≈ −0.0298514" in text
        assert "dw¹₁₂ = dz¹₁·x₂ = (−0.0298514)·0.5 ≈ −0.0149257" in text
        panel.show(steps[5], 0, col=1, learning_rate=0.5)  # U2
        await pilot.pause()
        assert "w²₁₂ ← w²₁₂ − η·dw²₁₂ = 0.8 − 0.5·(−0.175038) ≈ 0.887519" in "\n".join(lines(panel))


# ---- ChainRuleScreen -------------------------------------------------------
async def test_chain_rule_screen_sums_the_documents_two_paths_to_dW():
    scenario = nnviz.load_scenario("chain-rule-sse")
    trace = trace_batch(scenario.network, scenario.X, scenario.Y, scenario.training)
    result = chain_rule_paths(trace, 1, 0, 0)
    app = PanelApp(EquationPanel())
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ChainRuleScreen(result))
        await pilot.pause()
        text = str(app.screen.query_one("#chain-rule-text").content)
        assert "path 1: z¹₁ → z²₁ → z³₁ → L" in text
        assert "= (−2.95182)·1·0.8·0.249224·0.3·0.237759·1 = −0.0419786" in text
        assert "Σ paths = −0.0419786 + 0.104676 = 0.0626972" in text
        dW = trace.grads.dW[0][0, 0]
        assert "∂L/∂w¹₁₁ = Σ_k ∂ℓ_k/∂w¹₁₁   (summed over the batch: no 1/m for this loss)" in text
        assert f"dW1[1,1] = {dW:.10g}   ✓ equal" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, ChainRuleScreen)


def test_chain_rule_text_of_an_averaged_loss_divides_by_m():
    scenario = nnviz.load_scenario("binary-example")
    trace = trace_batch(scenario.network, scenario.X, scenario.Y, scenario.training)
    text = chain_rule_text(chain_rule_paths(trace, 2, 0, 0)).plain
    assert "(a²₁ − y₁) · a¹₁" in text
    assert "∂L/∂w²₁₁ = 1/m · Σ_k ∂ℓ_k/∂w²₁₁   (the mean over the batch)" in text
    assert "= 1/1 · (−0.192574) = −0.1925735053" in text


async def test_chain_rule_screen_shows_the_delta_recursion_past_the_path_limit():
    scenario = nnviz.load_scenario("chain-rule-l1")
    trace = trace_batch(scenario.network, scenario.X, scenario.Y, scenario.training)
    app = PanelApp(EquationPanel())
    async with app.run_test(size=(80, 24)):
        await app.push_screen(ChainRuleScreen(chain_rule_paths(trace, 1, 0, 0, limit=1)))
        text = str(app.screen.query_one("#chain-rule-text").content)
        assert "dZ1 = W2ᵀ dZ2 ⊙ g′(Z1)" in text
        assert "+ 0.01·sign(w¹₁₁)" in text
        assert "✓ equal" in text


# ---- LossPlot --------------------------------------------------------------
async def test_loss_plot_marks_the_position_and_redraws_only_on_change():
    plot = LossPlot()
    async with PanelApp(plot).run_test(size=(80, 24)) as pilot:
        history = LossHistory([0.9, 0.7, 0.5, 0.45], [0.8])
        plot.show(history, 2, per_epoch=2)
        await pilot.pause()
        draws = plot.draws
        plot.show(LossHistory([0.9, 0.7, 0.5, 0.45], [0.8]), 2, per_epoch=2)  # same data, new object
        assert plot.draws == draws
        text = "\n".join(lines(plot))
        assert "L = 0.5 at batch 3" in text and "◆" in text
        plot.show(history, 3, per_epoch=2)
        assert plot.draws == draws + 1
        plot.app.theme = "textual-light"
        await pilot.pause()
        assert plot.draws == draws + 2  # new series colours at once


def y_labels(plot) -> dict[int, str]:
    """The y axis's tick labels by row of the plot."""
    return {y: text.split("┤")[0].strip() for y, text in enumerate(lines(plot)) if "┤" in text}


async def test_loss_plot_on_blowup_stays_readable_at_every_step():
    # Regression: at step 17 the y labels were 40-digit integers and no curve was drawn;
    # at step 24 the panel was empty.
    plot = LossPlot()
    session = nnviz.Session(nnviz.load_scenario("blowup"))
    async with PanelApp(plot).run_test(size=(46, 18)) as pilot:
        while session.step() is not None:
            history = session.loss_history
            if not history.batches:
                continue
            current = history.batches[-1]
            plot.show(history, len(history.batches) - 1, per_epoch=session.plan.per_epoch)
            await pilot.pause()
            text, labels = lines(plot), y_labels(plot)
            assert f"L {readout_of(current)}" in text[0], (session.index, text[0])
            assert labels and all(len(label) <= 8 for label in labels.values()), labels
            drawn = [y for y, row in enumerate(text) if "◆" in row]
            if np.isfinite(current):  # the current point sits on the row labelled with its value
                assert drawn and labels.get(drawn[0]) == tick_label(current), (session.index, labels, drawn)
            if sum(np.isfinite(history.batches)) >= 2:
                assert any("⠀" < ch <= "⣿" for row in text for ch in row)  # a curve in braille
            assert len(set(labels.values())) == len(labels)


def test_the_loss_axis_is_logarithmic_past_two_decades_or_a_blow_up():
    assert not y_axis([0.9, 0.5, 0.1]).log and y_axis([0.9, 0.005]).log
    assert y_axis([0.9, 0.5, float("inf")]).log and y_axis([float("nan")]) is None
    axis = y_axis([1.74, 1.3e11, 6.5e39, 7.7e125, float("inf")], current=7.7e125, rows=12)
    assert axis.y(7.7e125) in axis.ticks and "7.7e+125" in axis.labels
    assert all(len(label) <= 8 for label in axis.labels) and axis.y(float("inf")) is None


async def test_loss_plot_survives_non_finite_losses():
    plot = LossPlot()
    async with PanelApp(plot).run_test(size=(80, 24)) as pilot:
        plot.show(LossHistory([0.9, float("inf"), float("nan")], []), 2)
        await pilot.pause()
        assert "2 NaN/Inf or too large, not drawn" in "\n".join(lines(plot))


async def test_loss_plot_survives_losses_near_the_largest_float():
    # Regression: plotext raised OverflowError laying out an axis around 1.7e308
    # (seen once while mashing keys on the blowup scenario).
    plot = LossPlot()
    async with PanelApp(plot).run_test(size=(80, 24)) as pilot:
        plot.show(LossHistory([0.9, 3.0, 1.7e308], [1.7e308]), 2)
        await pilot.pause()
        text = "\n".join(lines(plot))
        assert "L = 1.7e+308 at batch 3" in text and "1 NaN/Inf or too large, not drawn" in text


# ---- InputView -------------------------------------------------------------
async def test_input_view_draws_half_blocks_and_a_shade_fallback():
    image = np.zeros((8, 8))
    image[:, 3:5] = 16.0  # a vertical bar, as the digits' 0..16 ink
    view = InputView()
    async with PanelApp(view).run_test(size=(80, 24)) as pilot:
        view.show(image.ravel(), (8, 8), label="example 1 · digit 1")
        await pilot.pause()
        text = lines(view, 9)
        assert text[0].startswith("example 1 · digit 1")
        assert all(line.startswith("▀" * 8) for line in text[1:5])  # 8 pixel rows in 4 text rows
        assert all(line[10:26] == "      ████      " for line in text[1:9])
        background, ink = list(view.render_line(1))[0].style, list(view.render_line(1))[3].style
        assert ink.color == ink.bgcolor != background.color  # both pixels of the bar are ink
        view.show(None, None)
        await pilot.pause()
        assert view.render_line(0).text.startswith("no image data")


def test_numbers_in_equations_use_a_real_minus_and_no_negative_zero():
    assert product([0.4, -0.4]) == "0.4·(−0.4)"
    assert product([0.5, -0.0]) == "0.5·0"
    assert signed_sum([0.1106, -0.0008578, 0.2916]) == "0.1106 − 0.0008578 + 0.2916"


# ---- speed: a step repaints, it does not lay the screen out ----------------
def test_a_readout_too_wide_for_its_panel_is_rounded_and_says_so():
    assert readout(0, 0, -0.13955117946078766, 40) == "[1,1] ≈ -0.139551"  # 6 digits, as every panel
    assert readout(0, 0, 0.25, 40) == "[1,1] = 0.25"
    rounded = readout(0, 0, -0.13955117946078766, 16)
    assert rounded == "[1,1] ≈ -0.13955" and len(rounded) <= 16
    assert readout(9, 0, 1.2345678e-05, 18) == "[10,1] ≈ 1.235e-05"  # never cut in the middle of an exponent
    assert readout(0, 0, float("nan"), 8) == "[1,1] = nan"


async def test_a_narrow_matrix_panel_shows_its_readout_whole():
    view = MatrixView()
    async with PanelApp(view).run_test(size=(16, 12)) as pilot:
        view.show("dA", np.array([[-0.13955117946078766], [0.2]]), title="dA1 (2×1)")
        await pilot.pause()
        assert lines(view, 2) == ["dA1 (2×1)       ", "[1,1] ≈ -0.1396 "]  # a blank column before the edge


async def test_showing_another_shape_repaints_a_fixed_size_view_without_a_layout():
    view = MatrixView()
    async with PanelApp(view).run_test(size=(40, 12)) as pilot:
        view.show("W", np.ones((30, 30)), title="W1 (30×30)")
        await pilot.pause()
        requests = []
        refresh = view.refresh
        view.refresh = lambda *regions, **kwargs: requests.append(kwargs) or refresh(*regions, **kwargs)
        view.show("W", np.ones((20, 50)), title="W2 (20×50)")
        assert requests and not any(kwargs.get("layout") for kwargs in requests)
        await pilot.pause()
        assert view.drawing.size().width == 3 + 50 * 2 and lines(view, 1)[0].startswith("W2 (20×50)")


def frames(name: str, steps: int):
    """(session, Frame) after each of ``steps`` steps of scenario ``name``."""
    session = nnviz.Session(nnviz.load_scenario(name))
    for _ in range(steps):
        session.step()
        yield session, read_frame(session)


@pytest.mark.parametrize("name, size", [("digits", (70, 30)), ("binary-example", (76, 20))])
async def test_matrix_panels_keep_their_places_and_a_new_phase_lays_nothing_out(name, size):
    panels = StepMatrices()
    async with PanelApp(panels).run_test(size=size) as pilot:
        layouts = 0
        refresh_layout = panels.screen._refresh_layout

        def counting(*args, **kwargs):
            nonlocal layouts
            layouts += 1
            return refresh_layout(*args, **kwargs)

        panels.screen._refresh_layout = counting
        places, heights = {}, set()
        per_batch = nnviz.Session(nnviz.load_scenario(name)).steps_per_batch
        for i, (session, frame) in enumerate(frames(name, 3 * per_batch)):
            panels.frame = frame
            await pilot.pause()
            if i == 2 * per_batch:
                layouts = 0  # from here on, every phase has been seen
            if i >= 2 * per_batch:
                regions = list(panels.regions)
                assert places.setdefault(frame.step.phase, regions) == regions, frame.step.label
                heights.add(panels.size.height)
        assert len(heights) == 1  # the panel's scrollbar never moves
        assert layouts == 0  # a phase's new grid is a repaint of the one widget, never a layout


async def test_read_frame_takes_the_batch_from_the_session_without_moving_its_cursor():
    session = nnviz.Session(nnviz.load_scenario("binary-example"))
    session.goto(session.steps_per_batch + 3)  # a jump into the second batch
    session.goto = None  # read_frame must not move the cursor to read the batch back
    frame = read_frame(session)
    assert [step.label for step in frame.batch_steps] == ["F1", "F2", "L", "B2"]
    assert frame.step is session.current and frame.inputs is frame.batch_steps[0]["A_prev"]


async def test_the_timeline_labels_are_the_labels_of_the_batch_s_steps():
    session = nnviz.Session(nnviz.load_scenario("binary-example"))
    session.goto(session.steps_per_batch - 1)  # the batch's last step
    frame = read_frame(session)
    assert frame.labels == tuple(step.label for step in frame.batch_steps)
    assert frame.labels == ("F1", "F2", "L", "B2", "B1", "U2", "U1")


async def test_the_network_view_keeps_its_size_as_the_steps_go_by():
    app = make_app("digits")
    async with app.run_test(size=(120, 40)) as pilot:
        sizes = []
        for i in range(14):
            await pilot.press("n")
            await pilot.pause()
            if i >= 7:
                sizes.append(app.screen.query_one(NetworkView).size)
        assert len(set(sizes)) == 1


def test_the_footer_shows_whole_keys_and_says_where_the_rest_are():
    items = [("n", "Next"), ("p", "Prev"), ("?", "Help"), ("g", "Go to")]
    assert fit(items, 80) == (items, False)
    shown, more = fit(items, 20)  # 'n Next p Prev … ? more' is 21
    assert shown == items[:1] and more and len("n Next " + MORE) <= 20


def test_a_dense_heatmap_line_is_one_segment_a_run_and_every_cell_has_its_own_colours():
    from nnviz.tui.widgets.heatmap import NON_FINITE, dense_segments

    rng = np.random.default_rng(3)
    known = {}  # kept over the trials, as a drawing keeps it: a key means the same cell every time
    for trial in range(200):
        n = int(rng.integers(1, 40))
        upper = rng.choice([-8, -2, 0, 0, 0, 3, 8, NON_FINITE], n).astype(np.int8)
        lower = None if trial % 4 == 0 else rng.choice([-8, 0, 0, 5, NON_FINITE], n).astype(np.int8)
        cursor, on_upper = int(rng.integers(-1, n)), bool(trial % 2)
        segments = dense_segments(upper, lower, cursor, on_upper, lambda u, l, c: (u, l, c), known)
        cells = [style for segment in segments for style in [segment.style] * (len(segment.text) // 2)]
        assert cells == [(int(upper[i]), None if lower is None else int(lower[i]),
                          (1 if on_upper else 2) if i == cursor else 0) for i in range(n)]
        assert all(a.style != b.style for a, b in zip(segments, segments[1:]))  # runs merged
        assert "".join(s.text for s in segments) == "▀▀" * n


@pytest.mark.parametrize("width", [4, 10])
def test_text_lines_render_a_text_as_rich_renders_it_line_by_line(width):
    """drawing.text_lines renders a Text whose lines all fit in one pass and splits it at its
    newlines: the same cells, line for line, as Rich's own rendering of each line (empty
    text, blank and trailing lines, wide characters, styles)."""
    from rich.console import Console
    from rich.text import Text

    from nnviz.tui.widgets.drawing import text_lines

    console = Console(width=80)
    options = console.options.update(width=width, no_wrap=False, overflow="fold", highlight=False)
    texts = [Text(""), Text("\n"), Text("ab\n"), Text("a\n\nb"), Text("日本\nx"),
             Text.assemble(("dz", "bold"), " = ", ("0.5", "red"), "\n", ("w", "italic")),
             Text("a longer line that wraps\nok")]
    for text in texts:
        expected = [part for line in text.split("\n", allow_blank=True)
                    for part in console.render_lines(line, options, pad=False, new_lines=False)]
        cells = [[(char, segment.style) for segment in line for char in segment.text]
                 for line in text_lines(console, text, width)]
        assert cells == [[(char, segment.style) for segment in line for char in segment.text] for line in expected]


def test_styled_lines_keep_the_text_s_own_style_and_pad_without_colour():
    """A Text's base style is kept even without spans (Rich's render leaves it out then: the
    equation's dim 'before the first step' was drawn bright), under the widget's style."""
    from rich.console import Console
    from rich.style import Style
    from rich.text import Text

    from nnviz.tui.widgets.drawing import styled_lines

    widget = Style(color="#e0e0e0", bgcolor="#121212")
    lines = styled_lines(Console(), Text("hint\n\nnext", style="dim"), 8, widget)
    assert [line.cell_length for line in lines] == [8, 8, 8]
    first = [segment for segment in lines[0] if segment.text]
    assert first[0].text == "hint" and first[0].style.dim and first[0].style.color == widget.color
    assert first[-1].text == "    " and first[-1].style == Style(bgcolor=widget.bgcolor)


def test_an_array_shown_with_its_cursor_is_scrolled_as_a_fresh_view_would_be():
    """The same step gives the same screen: a slot's scroll follows the cursor from the top,
    not from where the slot's last array left it (digits at 80x24 showed dW1 of B1 from row 3
    after stepping on to the next batch and back, from row 1 when reached directly)."""
    from nnviz.tui.widgets.matrix_drawing import MatrixDrawing

    def drawing():
        d = MatrixDrawing()
        d.width, d.height = 40, 8
        return d

    rng = np.random.default_rng(0)
    tall, other = rng.normal(size=(40, 8)), rng.normal(size=(32, 8))
    slot = drawing()
    slot.show("W", tall, title="W1 (40×8)", cursor=(35, 7))  # the slot scrolls far down and right
    assert slot.scroll_y > 20
    for cursor in ((3, 2), (10, 0), (31, 7)):
        slot.show("dW", other, title="dW1 (32×8)", cursor=cursor)
        fresh = drawing()
        fresh.show("dW", other, title="dW1 (32×8)", cursor=cursor)
        assert (slot.scroll_x, slot.scroll_y) == (fresh.scroll_x, fresh.scroll_y), cursor