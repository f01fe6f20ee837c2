"""In-process and local process-pool executors: where a local run's shards run.

Measured on 2 cores: for per-document spaCy work a local pool beats Ray Data and PySpark,
whose start-up and serialisation dominate at this size (see docs/architecture.md).
Workers are forks of a forkserver that has loaded the pipeline once (``preload.py``), never
of the coordinator: it holds an open DuckDB connection with threads, which a fork would copy
in an unsafe state. Results come back in input order, so output is identical for any worker
count.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from newsledger.config import Config
from newsledger.executors import preload

In = TypeVar("In")
Out = TypeVar("Out")


class InProcessExecutor:
    """Runs every shard in the calling process: the reference behaviour."""

    def map(self, fn: Callable[[In], Out], items: Iterable[In]) -> Iterator[Out]:
        return map(fn, items)

    def close(self) -> None:
        return None


class PoolExecutor:
    """A pool of worker processes forked from a forkserver that loaded what ``cfg`` names.

    The server starts loading here, while the coordinator plans and reads; without ``cfg``
    (or with a server already shared) a worker loads what it needs on first use.
    """

    def __init__(self, workers: int, cfg: Config | None = None) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=preload.acquire(cfg))
        self._closed = False

    def map(self, fn: Callable[[In], Out], items: Iterable[In]) -> Iterator[Out]:
        """Like ``ProcessPoolExecutor.map``, but reads ``items`` lazily: two per worker in flight.

        The pool's own ``map`` submits every item at once, which would read a whole corpus
        into memory; here the next item is queued before a result is handed over, so the
        workers keep parsing while the caller writes.
        """
        it = iter(items)
        queue: deque[Future[Out]] = deque(self._pool.submit(fn, x) for x in itertools.islice(it, 2 * self.workers))
        while queue:
            result = queue.popleft().result()
            queue.extend(self._pool.submit(fn, x) for x in itertools.islice(it, 1))
            yield result

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._pool.shutdown(wait=True, cancel_futures=True)
        finally:
            preload.release()


def local_executor(workers: int, cfg: Config | None = None) -> InProcessExecutor | PoolExecutor:
    """This process for one worker, else a pool whose workers start with ``cfg``'s pipeline loaded."""
    return InProcessExecutor() if workers <= 1 else PoolExecutor(workers, cfg)
