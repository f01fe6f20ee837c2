"""Folder walking: every file under an input folder, or a logged reason why one is not read.

Reads:   a folder given by the user.
Yields:  the files to read in a stable order (sorted by name, depth first, hidden entries left
         out), and a ``LogEntry`` for each entry that cannot be read: a folder that cannot be
         listed (permissions, a path past the system's length limit), a symlink that leaves the
         folder, loops back into its own ancestors or points nowhere.
Symlinks inside the folder are followed (a symlinked folder of articles is read); one that
leaves it is refused, so a link to ``/etc/passwd`` is never ingested. The walk keeps its own
stack rather than recursing, so no depth of nesting can raise RecursionError.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsledger.models import LogEntry, Status, content_hash, printable


def rejected(source: str, fmt: str, status: Status, reason: str, data: bytes = b"", n_bytes: int | None = None
             ) -> LogEntry:
    """A log row for an input that is not read; its id is stable, so reruns replace it."""
    source = printable(source)
    return LogEntry(
        input_id=content_hash(source.encode() + b"\0" + data + printable(reason).encode()),
        source=source,
        fmt=fmt,
        status=status,
        reason=reason,
        n_bytes=len(data) if n_bytes is None else n_bytes,
    )


def _os_reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


@dataclass(frozen=True, slots=True)
class _Folder:
    """A folder still to list, with the real paths of itself and its ancestors (a link to one is a loop)."""

    path: Path
    chain: tuple[str, ...]


def scan(folder: Path) -> Iterator[Path | LogEntry]:
    """Files under ``folder`` in reading order, and a log row for each entry that cannot be read."""
    root = os.path.realpath(folder)
    # Depth first in name order with an explicit stack: a child folder is listed before the
    # next sibling is yielded, as a sorted recursive glob orders them.
    stack: list[Path | LogEntry | _Folder] = [_Folder(folder, (root,))]
    while stack:
        item = stack.pop()
        if not isinstance(item, _Folder):
            yield item
            continue
        try:
            with os.scandir(item.path) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:  # permissions, a path past PATH_MAX, a folder removed meanwhile
            yield rejected(str(item.path), "folder", Status.FAILED, f"cannot list folder: {_os_reason(exc)}")
            continue
        children: list[Path | LogEntry | _Folder] = []
        for entry in entries:
            path = item.path / entry.name
            try:
                child = _classify(path, entry, root, item.chain)
            except OSError as exc:
                child = rejected(str(path), "unknown", Status.FAILED, f"unreadable: {_os_reason(exc)}")
            children.append(child)
        stack.extend(reversed(children))


def _classify(path: Path, entry: os.DirEntry[str], root: str, chain: tuple[str, ...]) -> Path | LogEntry | _Folder:
    if not entry.is_symlink():
        if entry.is_dir(follow_symlinks=False):
            return _Folder(path, (*chain, os.path.join(chain[-1], entry.name)))
        if entry.is_file(follow_symlinks=False):
            return path
        return rejected(str(path), "unknown", Status.SKIPPED, "not a regular file (a pipe, socket or device)")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return rejected(str(path), "unknown", Status.FAILED, f"broken symlink (to {os.readlink(path)})")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return rejected(str(path), "unknown", Status.SKIPPED, "symlink loop")
        raise
    real = os.path.realpath(path)
    if not _inside(real, root):
        return rejected(str(path), "unknown", Status.SKIPPED, f"symlink leaves the input folder (to {real})")
    if stat.S_ISDIR(st.st_mode):
        if real in chain:
            return rejected(str(path), "folder", Status.SKIPPED, "symlink loop (to a folder that contains it)")
        return _Folder(path, (*chain, real))
    if stat.S_ISREG(st.st_mode):
        return path
    return rejected(str(path), "unknown", Status.SKIPPED, "not a regular file (a pipe, socket or device)")
