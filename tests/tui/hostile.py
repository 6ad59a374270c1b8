"""A corpus of hostile scenario paths, one per class of failure, for the app's picker."""

from __future__ import annotations

import os
from pathlib import Path

SMALL = """[network]
sizes = [2, 1]
activations = ["sigmoid"]
[data]
X = [[0.0, 1.0]]
Y = [1]
[training]
loss = "binary_cross_entropy"
learning_rate = 0.5
"""


def hostile_paths(folder: Path) -> list[str]:
    """Paths in ``folder`` to files (and non-files) that no scenario reader may crash on."""
    files = {
        "deep-array.toml": "x = " + "[" * 3000 + "]" * 3000 + "\n",
        "deep-table.toml": "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
        "huge-int.toml": SMALL.replace("learning_rate = 0.5", "learning_rate = " + "9" * 5000),
        "huge-size.toml": SMALL.replace("sizes = [2, 1]", "sizes = [2, 100000000000000000000]"),
        "inf-float.toml": SMALL.replace("learning_rate = 0.5", "learning_rate = 1e999"),
        "escape-key.toml": SMALL + '"\\u001b[2J\\u2028" = 1\n',
        "binary.toml": "\x00\xff\xfe" * 100,
    }
    paths = []
    for name, text in files.items():
        path = folder / name
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
        paths.append(str(path))
    loop = folder / "loop.toml"
    loop.symlink_to(loop)
    fifo = folder / "fifo.toml"
    os.mkfifo(fifo)
    (folder / "a-folder.toml").mkdir()
    long_name = "x" * 300 + ".toml"
    return paths + [str(loop), str(fifo), str(folder / "a-folder.toml"), str(folder / long_name),
                    str(folder / "nul\x00byte.toml"), long_name, "\x1b[2J"]
