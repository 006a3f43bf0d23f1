"""Atomic file writes (a temporary file in the same folder, fsync, rename), and outputs the
user names (``-o``, export) written the way the user meant."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO


class OutputPathError(OSError):
    """An output path ortui will not write (a directory); the message names it."""


def atomic_write(
    path: Path, data: bytes, mode: int | None = None, owner: tuple[int, int] | None = None
) -> None:
    """Replace ``path`` with ``data`` so readers see the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if owner is not None:
            with contextlib.suppress(OSError):  # only root may give a file away
                os.chown(tmp, *owner)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def open_regular(path: Path, flags: int = os.O_RDONLY) -> BinaryIO:
    """``path`` opened with ``os.open`` ``flags`` when it is a regular file; else OSError
    ("not a regular file"). Opened without waiting: a FIFO would wait for a writer (or a
    reader) forever, and settings, keymap, history and cached names are read while a user
    waits (history on the TUI's own thread)."""
    fd = os.open(path, flags | os.O_NONBLOCK, 0o666)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "ab" if flags & os.O_APPEND else "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of ``path``, a regular file (else OSError; FileNotFoundError
    when there is none)."""
    with open_regular(path) as handle:
        return handle.read(limit)


def write_output(path: Path, data: bytes) -> None:
    """Write an output the user named, as they meant it:

    - a FIFO, character device or other special file (``-o /dev/stdout``, a named pipe,
      ``/dev/null``) is written into, never replaced by a regular file;
    - a symlink writes the file it points to (the link stays);
    - an existing file keeps its mode and owner, and, when it has other hard links, is
      rewritten in place so every name sees the new content;
    - a directory is an error naming it;
    - otherwise the file is written atomically.
    """
    target = Path(os.path.realpath(path))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        atomic_write(target, data)
        return
    if stat.S_ISDIR(info.st_mode):
        raise OutputPathError(f"{path} is a directory; name a file to write")
    if not stat.S_ISREG(info.st_mode):
        with open(target, "wb") as handle:
            handle.write(data)
        return
    if info.st_nlink > 1:
        with open(target, "r+b") as handle:
            handle.truncate(0)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        return
    atomic_write(target, data, mode=stat.S_IMODE(info.st_mode), owner=(info.st_uid, info.st_gid))
