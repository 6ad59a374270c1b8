"""atomic_write: a file is written whole or not at all; printable: echoed input stays one safe line."""

import os

import pytest

from nnviz.files import atomic_write
from nnviz.printable import printable, printable_lines


def test_an_interrupted_write_keeps_the_previous_file_and_leaves_no_part(tmp_path):
    target = tmp_path / "w.json"
    target.write_text("previous")
    with pytest.raises(KeyboardInterrupt):
        with atomic_write(target, text=True) as out:
            out.write("half of it")
            raise KeyboardInterrupt
    assert target.read_text() == "previous"
    assert os.listdir(tmp_path) == ["w.json"]


def test_a_complete_write_replaces_the_file_and_keeps_its_permissions(tmp_path):
    target = tmp_path / "w.bin"
    target.write_bytes(b"old")
    target.chmod(0o640)
    with atomic_write(target) as out:
        out.write(b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["w.bin"]


def test_a_fifo_is_refused_instead_of_blocking_or_being_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        with atomic_write(fifo):
            pass
    assert not fifo.is_file() and fifo.exists()


@pytest.mark.parametrize("hostile", ["\x1b[2J", "\x00", "\u2028", "\u2029", "\x85", "\n", "\r", "\u202e",
                                     "\udcff", "\x7f", "\x9b"])
def test_printable_escapes_every_control_and_separator(hostile):
    text = printable(f"key{hostile}end")
    assert text.isprintable() and text.isascii()
    assert text.startswith("key\\") and text.endswith("end")


def test_printable_keeps_ordinary_text_and_lines_keep_their_breaks():
    assert printable("η = 0.5, ŷ ≥ 1 × 2 é") == "η = 0.5, ŷ ≥ 1 × 2 é"
    assert printable_lines("a\x1b\nb") == "a\\x1b\nb"
