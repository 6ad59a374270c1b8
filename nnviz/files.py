"""Writing a file whole or not at all.

Every file nnviz writes goes through :func:`atomic_write`: the bytes go to a
temporary file in the same folder, which replaces the target only once it is
complete. An interrupted or killed write leaves the previous file as it was
and no half-written one beside it.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator


REASONS = {errno.ENOENT: "file not found", errno.ENOTDIR: "file not found", errno.ENAMETOOLONG: "the name is too long",
           errno.ELOOP: "a symbolic link loop"}


def not_a_regular_file(path: str | Path) -> str | None:
    """None when ``path`` names a regular file, else why not, in a few words:
    a missing file, a folder, a FIFO or a device (which would block or be
    destroyed), a name too long, a symbolic link loop, a NUL byte."""
    try:
        mode = os.stat(path).st_mode
    except ValueError:
        return "the name holds a NUL byte"
    except OSError as err:
        return REASONS.get(err.errno, err.strerror or str(err))
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if not stat.S_ISREG(mode):
        return "not a regular file (a device or a pipe?)"
    return None


def check_writable_target(path: Path) -> None:
    """Raise OSError unless ``path`` is absent or a regular file: writing to a
    FIFO would block forever and replacing a device would destroy it."""
    problem = not_a_regular_file(path)
    if problem is not None and problem != REASONS[errno.ENOENT]:
        raise OSError(errno.EINVAL, f"{problem}; name a regular file", str(path))


@contextmanager
def atomic_write(path: str | Path, text: bool = False) -> Iterator[IO]:
    """A file object (binary, or UTF-8 text with ``text``) whose contents
    become ``path`` when the block ends without an exception."""
    path = Path(path)
    check_writable_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    handle = tempfile.NamedTemporaryFile("w" if text else "wb", dir=folder, prefix=f".{path.name}.",
                                         suffix=".part", delete=False, **({"encoding": "utf-8"} if text else {}))
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, _mode_for(path))
        os.replace(handle.name, path)
    except BaseException:
        try:
            os.unlink(handle.name)
        except OSError:
            pass
        raise


def _mode_for(path: Path) -> int:
    """The existing file's permissions, or what a plain open() would have given."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
