"""Opening a DuckDB file that another process holds: wait briefly to write, and say who holds it.

DuckDB lets either one process write a database file or several read it, never both (its
file lock; https://duckdb.org/docs/current/connect/concurrency). Its own message names
DuckDB's CLI flag and a documentation link, which tell a newsledger user nothing; this one
names the process holding the store and what to do. A writer waits a little first: a running
``newsledger serve`` holds the store read-only for the moment it copies its snapshot.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

import duckdb

from newsledger.errors import StoreBusyError

log = logging.getLogger(__name__)

_HOLDER = re.compile(r"Conflicting lock is held in .*?\(PID (\d+)\)")
_POLL_SECONDS = 0.2


def connect(path: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """Open ``path``; while another process holds it, retry for up to ``wait`` seconds.

    Raises:
        StoreBusyError: the store is still held after ``wait`` seconds.
        duckdb.IOException: any other failure to open it.
    """
    deadline = time.monotonic() + wait
    warned = False
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            pid = holder_pid(exc)
            if pid is None:
                raise
            if time.monotonic() >= deadline:
                raise busy_error(path, pid, read_only) from None
            if not warned:
                log.warning("%s is open in %s; waiting up to %.0f s for it", path, describe(pid), wait)
                warned = True
            time.sleep(_POLL_SECONDS)


def holder_pid(exc: duckdb.IOException) -> int | None:
    """The process id in DuckDB's lock-conflict message, or None when the error is not a lock conflict."""
    match = _HOLDER.search(str(exc))
    return int(match.group(1)) if match else None


def describe(pid: int) -> str:
    """``PID 123: newsledger ingest corpus/`` where the command line is readable (Linux), else ``PID 123``."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace").split("\0")
    except OSError:
        return f"PID {pid}"
    args = [a for a in args if a]
    # Show a console script as its name: "python /venv/bin/newsledger ingest x" -> "newsledger ingest x".
    start = next((i for i, a in enumerate(args) if Path(a).name == "newsledger"), 0)
    command = " ".join([Path(args[start]).name, *args[start + 1:]]) if args else ""
    return f"PID {pid}: {command[:160]}" if command else f"PID {pid}"


def busy_error(path: str, pid: int, read_only: bool) -> StoreBusyError:
    who = describe(pid)
    if read_only:
        return StoreBusyError(
            f"{path} is being written by another process ({who}); wait until it finishes and run this again. "
            "`newsledger serve` keeps the web UI and /api answering from a snapshot while an ingest runs.")
    return StoreBusyError(
        f"{path} is in use by another process ({who}); a store can be written only while no other process "
        "has it open: wait until that one ends and run this again. A running `newsledger serve` does not block "
        "ingest (it reads a snapshot), and one started with --ingest-token also takes articles at POST /api/ingest.")
