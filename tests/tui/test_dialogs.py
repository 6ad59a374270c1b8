"""The debugger's dialogs: go to a step, open a scenario, the breakpoints form.

Each one takes whatever a person types, in windows down to 30×8, and never ends the app.
"""

from __future__ import annotations

from nnviz.tui.app import make_app
from nnviz.tui.screens.breakpoints import BreakpointsScreen
from nnviz.tui.screens.goto import GotoScreen
from nnviz.tui.screens.picker import PickerScreen
from tests.tui.hostile import hostile_paths


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_goto_jumps_and_says_what_is_wrong_until_the_number_is_right():
    app = make_app("binary-example")
    async with app.run_test(size=(80, 24)) as pilot:
        session = app.debugger.session
        await pilot.press("right", "right", "left", "g")
        assert isinstance(app.screen, GotoScreen) and session.index == 0
        box = app.screen.query_one("#goto-input")
        assert box.value == "" and "1" not in box.placeholder  # the current step is in the label, not a fake value
        assert "now 1" in text(app, "Label")
        for typed in ("999", "1.5", ""):
            box.value = typed
            await pilot.press("enter")
            assert "whole number from 0 to 70" in text(app, "#goto-error"), typed
            assert isinstance(app.screen, GotoScreen) and session.index == 0  # 1.5 is not step 15
            await pilot.press("1")  # the error goes as soon as the text changes
            assert text(app, "#goto-error") == ""
        box.value = "15"
        await pilot.press("enter")
        assert session.index == 14 and not isinstance(app.screen, GotoScreen)
        await pilot.press("g", "0", "enter")
        assert session.index == -1


async def test_picker_shows_one_line_for_any_hostile_file_pages_at_30x8_and_opens_a_bundled_one(tmp_path):
    app = make_app("binary-example")
    async with app.run_test(size=(30, 8)) as pilot:
        await pilot.press("n", "o")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("pagedown", "pageup", "pagedown")  # not laid out yet at 30x8: Textual raised KeyError
        scenario = app.debugger.scenario
        for path in hostile_paths(tmp_path):
            app.screen.query_one("#picker-path").value = path
            app.screen.query_one("#picker-path").focus()
            await pilot.press("enter")
            error = text(app, "#picker-error")
            assert isinstance(app.screen, PickerScreen), path
            assert error and "\n" not in error and "\x1b" not in error and "\x00" not in error, error
        assert app.debugger.scenario is scenario and app.debugger.session.index == 0  # still stepping it

        await pilot.resize_terminal(120, 40)
        app.screen.query_one("#picker-path").value = ""
        listing = app.screen.query_one("#picker-list")
        listing.focus()
        listing.highlighted = [option.id for option in listing.options].index("xor")
        await pilot.press("enter")
        await pilot.pause()
        assert app.debugger.scenario.path.stem == "xor" and app.debugger.session.index == -1


async def test_the_breakpoint_forms_select_pages_after_a_resize_to_40x12():
    app = make_app("binary-example")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("B")
        assert isinstance(app.screen, BreakpointsScreen)
        await pilot.resize_terminal(40, 12)
        await pilot.press("enter", "pagedown", "pageup", "pagedown")  # Textual raised KeyError here
        await pilot.press("enter")
        kind = app.screen.query_one("#breakpoint-kind").value
        assert kind == "epoch_end"  # the last kind: pagedown went to the end
        await pilot.press("escape")
        assert app.screen is app.debugger


async def test_a_long_path_error_shows_whole_inside_the_picker_at_80x24_and_120x40(tmp_path):
    app = make_app("binary-example")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        scenario = app.debugger.scenario
        app.screen.query_one("#picker-path").value = str(tmp_path / ("x" * 300 + ".toml"))
        app.screen.query_one("#picker-path").focus()
        await pilot.press("enter")
        for size in ((80, 24), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            label, box = app.screen.query_one("#picker-error"), app.screen.query_one("#picker")
            message = label.render().plain
            assert "…" in message and message.endswith("the name is too long"), message
            assert max(len(word) for word in message.split(" ")) <= 48  # the path cut in its middle
            assert box.content_region.contains_region(label.region), (size, label.region, box.content_region)
            lines = label.render().wrap(label.size.width)
            assert len(lines) == label.size.height, size  # every wrapped line has its row: nothing cut
        assert isinstance(app.screen, PickerScreen) and app.debugger.scenario is scenario


def test_help_says_how_to_scroll_the_equation_with_the_keys_its_panel_binds():
    from nnviz.tui.screens.help import PANELS
    from nnviz.tui.widgets.equation import EquationPanel

    said = PANELS.split("Equation:", 1)[1].split("\nLoss:", 1)[0]
    bound = EquationPanel._merge_bindings().key_to_bindings
    assert "scrolls" in said and "wheel" in said and "tab" in said
    for key, shown in (("up", "↑"), ("down", "↓"), ("pageup", "pgup"), ("pagedown", "pgdn")):
        assert shown in said and key in bound, key
