"""CPU time per update of a matrix panel: MatrixView (Line API) against a Static of rich Text.

    python bench/bench_matrix.py [--updates 20] [--size 120x40]

One update = ``show()`` of a new array, then the screen refresh that draws it
(Pilot's pause runs the compositor). Both widgets sit alone in a headless app
of the same size, draw the same heatmap (same characters, same styles) and
are measured in the same run with time.process_time, so only CPU is counted
and Pilot's waiting is not. Prints the median per update and the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

import numpy as np
from rich.text import Text
from textual.app import App
from textual.containers import ScrollableContainer
from textual.widgets import Static

from nnviz.tui.widgets.matrix_grid import MatrixView

SHAPES = [(128, 64), (784, 128), (128, 784)]  # the last is W1 of a 784-128-64-10 network


class MatrixApp(App):
    def compose(self):
        yield MatrixView(id="panel")


class StaticApp(App):
    """The Static in a scrolling container, as a Text panel would need; a hidden
    MatrixView lends it the theme's heatmap cells."""

    CSS = "#panel { width: auto; height: auto; } #styler { display: none; }"

    def compose(self):
        with ScrollableContainer():
            yield Static(id="panel")
        yield MatrixView(id="styler")


def heatmap_text(view: MatrixView, data: np.ndarray) -> Text:
    """The MatrixView's heatmap as one rich Text: the same cells, styles and runs."""
    view.show("W", data, title="")  # only to compute the codes and layout, never drawn
    drawing = view.drawing
    drawing.restyle(view.style_table())
    cells = drawing._heat_table()
    gutter, dim = drawing.layout.gutter, view.style_table()["dim"]
    text = Text(no_wrap=True, overflow="crop")
    for r, row in enumerate(drawing._heat_codes().tolist()):
        text.append(str(r + 1).rjust(gutter - 1) + " ", dim)
        start = 0
        for c in range(1, len(row) + 1):
            if c == len(row) or row[c] != row[start]:  # the same runs as MatrixView's segments
                cell, style = cells[4 * row[start]]
                text.append(cell * (c - start), style)
                start = c
        text.append("\n")
    return text


async def measure(app: App, update, arrays, updates: int, size) -> list[float]:
    """CPU seconds of each update after two warm-up updates."""
    times = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for i in range(updates + 2):
            start = time.process_time()
            update(app, arrays[i % 2])
            await pilot.pause()
            if i >= 2:
                times.append(time.process_time() - start)
    return times


def update_matrix(app, array):
    app.query_one("#panel", MatrixView).show("W", array, title=f"W ({array.shape[0]}×{array.shape[1]})")


def update_static(app, array):
    app.query_one("#panel", Static).update(heatmap_text(app.query_one("#styler", MatrixView), array))


async def main(updates: int, size: tuple[int, int]) -> None:
    rng = np.random.default_rng(0)
    print(f"CPU time per update (median of {updates}), terminal {size[0]}×{size[1]}")
    for shape in SHAPES:
        arrays = [rng.normal(size=shape), rng.normal(size=shape)]
        line_api = statistics.median(await measure(MatrixApp(), update_matrix, arrays, updates, size)) * 1e3
        static = statistics.median(await measure(StaticApp(), update_static, arrays, updates, size)) * 1e3
        print(f"  {shape[0]}×{shape[1]}: MatrixView {line_api:7.2f} ms   Static(Text) {static:8.2f} ms   "
              f"Static / MatrixView = {static / line_api:5.1f}×")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=20)
    parser.add_argument("--size", default="120x40")
    args = parser.parse_args()
    width, height = map(int, args.size.split("x"))
    asyncio.run(main(args.updates, (width, height)))
