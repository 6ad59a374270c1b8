"""`nnviz serve` driven by a real browser: Debian's chromium, headless, through
selenium and the system's chromedriver (named explicitly, so selenium-manager
downloads nothing). Skipped only when chromium or chromedriver is not installed.

textual-serve draws the app with xterm.js on a canvas, so there are no text
rows in the DOM: a script injected before the page loads keeps xterm's
Terminal object as it is built, and the tests read its screen buffer.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = [pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="no chromium and chromedriver installed"),
              pytest.mark.xdist_group("browser")]  # one worker: one server and one browser for both tests

# xterm.js's public Terminal is the one object that sets _addonManager in its constructor.
KEEP_TERMINAL = """
Object.defineProperty(Object.prototype, "_addonManager", {
  configurable: true,
  set(value) {
    window.nnvizTerminal = this;
    Object.defineProperty(this, "_addonManager", {value, writable: true, configurable: true});
  },
});
"""
READ_SCREEN = """
const t = window.nnvizTerminal;
if (!t) return "";
const rows = [];
for (let i = 0; i < t.rows; i++) rows.push(t.buffer.active.getLine(i).translateToString(true));
return rows.join("\\n");
"""
ARTIFACTS = Path(os.environ.get("NNVIZ_ARTIFACTS", "")) if os.environ.get("NNVIZ_ARTIFACTS") else None


def free_ports():
    """Free ports of 127.0.0.1 in 8700-8799, in turn."""
    for port in range(8700, 8800):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        yield port


def start_server(port: int, cwd: Path) -> subprocess.Popen | None:
    """`nnviz serve` listening on ``port``, or None when it could not bind (another took the port)."""
    process = subprocess.Popen([sys.executable, "-m", "nnviz", "serve", "--port", str(port)], cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            time.sleep(0.2)
            if process.poll() is None:  # it is ours that answered
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    process.wait()
    return None


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`nnviz serve` on a free local port; its URL."""
    cwd = tmp_path_factory.mktemp("serve-cwd")
    for port in free_ports():
        process = start_server(port, cwd)
        if process is not None:
            break
    else:
        pytest.fail("nnviz serve could not listen on any port in 8700-8799")
    yield f"http://127.0.0.1:{port}/"
    process.terminate()
    process.wait(timeout=10)
    assert not list(cwd.iterdir()), "the server wrote into its working directory"


@pytest.fixture(scope="module")
def browser(server, tmp_path_factory):  # after the server, so it closes its tabs before the server stops
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,860",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    yield driver
    driver.quit()


def screen(driver) -> str:
    return driver.execute_script(READ_SCREEN)


def wait_for(driver, pattern: str, seconds: float = 20) -> str:
    """The terminal's text once it matches ``pattern``; fails with the screen when it never does."""
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        text = screen(driver)
        if re.search(pattern, text):
            return text
        time.sleep(0.1)
    pytest.fail(f"the page never showed {pattern!r}; it shows:\n{text}")


def open_debugger(driver, url: str) -> None:
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": KEEP_TERMINAL})  # per tab
    driver.get(url)
    wait_for(driver, r"step 0/\d+")


def press(driver, keys: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(keys)


@pytest.fixture(scope="module")
def first_tab(server, browser) -> str:
    """The browser's first tab, on the debugger; its window handle (shared: one app process fewer)."""
    open_debugger(browser, server)
    return browser.current_window_handle


def step_number(driver) -> int:
    """The step the tab stands at, once its status line shows one."""
    return int(re.search(r"step (\d+)/\d+", wait_for(driver, r"step \d+/\d+")).group(1))


def step_forward(driver, steps: int) -> None:
    """Press n ``steps`` times, each once the step before it is on the screen (no key races a redraw)."""
    at = step_number(driver)
    for _ in range(steps):
        press(driver, "n")
        at += 1
        wait_for(driver, rf"step {at}/\d+")


def test_five_steps_in_the_browser_reach_the_backward_step(browser, first_tab, tmp_path):
    browser.switch_to.window(first_tab)
    before = step_number(browser)
    assert before == 0
    press(browser, "nnnnn")
    text = wait_for(browser, r"step 5/\d+\s+backward ← layer 1")
    assert "dZ1" in text  # the matrices show the backward step's arrays
    png = (ARTIFACTS or tmp_path) / "serve-browser.png"
    png.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(png))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_each_tab_has_its_own_session(server, browser, first_tab):
    browser.switch_to.window(first_tab)
    first_at = step_number(browser)  # 0, or 5 after the test above
    browser.switch_to.new_window("tab")
    open_debugger(browser, server)
    step_forward(browser, 3)
    second = browser.current_window_handle
    browser.switch_to.window(first_tab)
    assert step_number(browser) == first_at, "the first tab moved with the second"
    step_forward(browser, 1)
    browser.switch_to.window(second)
    assert step_number(browser) == 3, "the second tab moved with the first"
