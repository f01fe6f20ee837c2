"""The store as the server sees it: reads from a read-only copy, so ingest can write the file meanwhile.

DuckDB lets one process write a database file only while no other process has it open, even
read-only (https://duckdb.org/docs/current/connect/concurrency). A server holding the store
locked every ingest out, and one opening it per request would fail for as long as an ingest
runs (issue 16). So the server answers from a private copy of the file: taken while holding
a read-only connection on the store, which keeps writers out for the length of the copy only,
then opened read-only. When the store file changes and no writer holds it (a run has ended),
a fresh copy replaces it; requests in flight finish on the copy they started with, which is
closed and deleted after its last reader. What the copy costs is disk (the store's size once
more) and, after each run, the time to copy the file.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from newsledger.errors import StoreBusyError, StoreError
from newsledger.store.db import Store

log = logging.getLogger(__name__)

Signature = tuple[tuple[int, int] | None, ...]


@dataclass(eq=False)
class _Copy:
    store: Store
    path: Path
    readers: int = 0
    retired: bool = False

    def close(self) -> None:
        self.store.close()
        _remove_copy(self.path)


def _remove_copy(path: Path) -> None:
    for file in (path, path.with_name(path.name + ".wal")):
        file.unlink(missing_ok=True)


class SnapshotStore:
    """Read-only copies of the store at ``db``, refreshed when it changes; writes go to ``db`` itself.

    Raises (on construction):
        StoreError: no store at ``db``.
        StoreBusyError: a writer holds it, so no consistent copy can be taken yet.
    """

    def __init__(self, db: str | Path, on_change: Callable[[], None] = lambda: None) -> None:
        self.db = Path(db)
        if not self.db.is_file():
            raise StoreError(f"no store at {self.db}: run `newsledger ingest PATH --db {self.db}` first")
        self._on_change = on_change
        self._folder = _private_folder(self.db)
        self._cleanup = weakref.finalize(self, shutil.rmtree, self._folder, True)
        self._lock = threading.Lock()  # guards the current copy and the reader counts
        # One opener of ``db`` at a time in this process: DuckDB refuses a second connection to
        # a file with another mode (read-only for a copy, read-write for an ingest).
        self._opening = threading.Lock()
        self._taken = 0
        self._signature: Signature = ()
        self._current: _Copy | None = None
        self._take()

    def _stat(self) -> Signature:
        """What tells a changed store: size and modification time of the file and its write-ahead log."""
        out: list[tuple[int, int] | None] = []
        for file in (self.db, self.db.with_name(self.db.name + ".wal")):
            try:
                st = file.stat()
                out.append((st.st_mtime_ns, st.st_size))
            except FileNotFoundError:
                out.append(None)
        return tuple(out)

    def refresh(self) -> bool:
        """Copy the store if it changed since the last copy and no writer holds it; True when served data changed."""
        if self._stat() == self._signature:
            return False
        try:
            self._take()
        except StoreBusyError:
            return False  # an ingest is writing: keep serving the last copy, look again later
        return True

    def _take(self) -> None:
        """Copy the store and serve the copy.

        Raises:
            StoreBusyError: a writer holds the store.
        """
        with self._opening:
            source = Store(self.db, read_only=True)
            self._taken += 1
            path = self._folder / f"{self._taken}.duckdb"
            try:
                try:
                    signature = self._stat()  # no one can write now: this is what the copy holds
                    shutil.copyfile(self.db, path)
                    wal = self.db.with_name(self.db.name + ".wal")
                    if wal.exists():  # left by a writer that was killed: the copy replays it as the store would
                        shutil.copyfile(wal, path.with_name(path.name + ".wal"))
                finally:
                    source.close()
                fresh = _Copy(Store(path, read_only=True), path)
            except BaseException:
                _remove_copy(path)  # a half-written copy (a full disk) is not left behind
                raise
        with self._lock:
            old, self._current, self._signature = self._current, fresh, signature
            if old is not None:
                old.retired = True
                if old.readers:
                    old = None  # its last reader closes it
        if old is not None:
            old.close()
        log.info("serving a fresh snapshot of %s", self.db)
        self._on_change()

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """A cursor on the current copy, for one request (one thread)."""
        with self._lock:
            copy = self._current
            if copy is None:
                raise StoreError("the server is shutting down")
            copy.readers += 1
        cursor = copy.store.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            with self._lock:
                copy.readers -= 1
                last = copy.retired and not copy.readers
            if last:
                copy.close()

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The store itself, opened to write (failing at once if another process writes it); then a fresh copy."""
        with self._opening:
            store = Store(self.db, wait=0.0)
            try:
                yield store
            finally:
                store.close()
        try:
            self.refresh()
        except OSError:  # the articles are stored; the watcher serves them once a copy succeeds
            log.exception("could not refresh the snapshot of %s after an ingest", self.db)

    @contextmanager
    def watching(self, every: float) -> Iterator[None]:
        """Look for a changed store every ``every`` seconds in a background thread, while the context lasts."""
        stop = threading.Event()

        def watch() -> None:
            while not stop.wait(every):
                try:
                    self.refresh()
                except Exception:  # a failed copy (disk full, a torn file) must not end the watching
                    log.exception("could not refresh the snapshot of %s; serving the last one", self.db)

        thread = threading.Thread(target=watch, name="newsledger-snapshot", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()

    def close(self) -> None:
        with self._lock:
            copy, self._current = self._current, None
            if copy is not None:
                copy.retired = True
                if copy.readers:
                    copy = None
        if copy is not None:
            copy.close()
        self._cleanup()


def _private_folder(db: Path) -> Path:
    """A folder for the copies beside the store (same disk, so copying can be cheap), else in the temp folder.

    Its name holds this process's id, so that a later server can remove the folders of servers
    that were killed before they could (a whole copy of the store each).
    """
    prefix = f".{db.name}.served-"
    for folder in db.parent.glob(prefix + "*"):
        pid = folder.name[len(prefix):].partition("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            log.info("removing %s, left by a server that is gone", folder)
            shutil.rmtree(folder, ignore_errors=True)
    try:
        return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=db.parent))
    except OSError:
        return Path(tempfile.mkdtemp(prefix=f"{db.name}.served-{os.getpid()}-"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
