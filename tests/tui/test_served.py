"""The app as `nnviz serve` runs it for a browser: the picker opens only the bundled
scenarios and the served folder, and a screenshot is never written to the working directory."""

from __future__ import annotations

from nnviz.scenario.bundled import bundled_dir
from nnviz.tui.app import make_app
from nnviz.tui.screens.picker import FOLDER, PickerScreen


async def test_a_served_app_opens_only_the_served_folder_and_offers_screenshots(tmp_path, monkeypatch):
    served = tmp_path / "served"
    served.mkdir()
    (served / "mine.toml").write_text((bundled_dir() / "xor.toml").read_text())
    (tmp_path / "secret.toml").write_text("name = 'secret'")
    monkeypatch.chdir(tmp_path)
    app = make_app("binary-example", scenario_dir=served, served=True)
    delivered = []
    monkeypatch.setattr(app, "deliver_screenshot", lambda *args, **kw: delivered.append(1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        assert delivered == [1] and not list(tmp_path.glob("*.svg"))
        await pilot.press("o")
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        ids = [option.id for option in picker.query_one("#picker-list").options]
        assert FOLDER + "mine.toml" in ids and "xor" in ids
        for path in ("../secret.toml", str(tmp_path / "secret.toml")):
            picker.query_one("#picker-path").value = path
            await pilot.click("#picker-path")
            await pilot.press("enter")
            assert "refused" in str(picker.query_one("#picker-error").render())
        picker.query_one("#picker-path").value = "mine.toml"
        await pilot.press("enter")
        await pilot.pause()
        assert app.debugger.scenario.path == served / "mine.toml"
