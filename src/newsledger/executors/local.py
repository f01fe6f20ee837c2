"""In-process and local process-pool executors: where a local run's shards run.

Measured on 2 cores: for per-document spaCy work a local pool beats Ray Data and PySpark,
whose start-up and serialisation dominate at this size (see docs/architecture.md).
Workers are started with "spawn": the coordinator holds an open DuckDB connection with
threads, which a fork would copy in an unsafe state. Results come back in input order, so
output is identical for any worker count.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


class InProcessExecutor:
    """Runs every shard in the calling process: the reference behaviour."""

    def map(self, fn: Callable[[In], Out], items: Iterable[In]) -> Iterator[Out]:
        return map(fn, items)

    def close(self) -> None:
        return None


class PoolExecutor:
    """A pool of worker processes; each loads the spaCy pipeline once, on first use."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))

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
        self._pool.shutdown(wait=True, cancel_futures=True)


def local_executor(workers: int) -> InProcessExecutor | PoolExecutor:
    return InProcessExecutor() if workers <= 1 else PoolExecutor(workers)
