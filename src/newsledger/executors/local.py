"""In-process and local process-pool executors.

Measured on 2 cores: for per-document spaCy work a local pool beats Ray Data and PySpark,
whose start-up and serialisation dominate at this size (see docs/architecture.md).
Workers are started with "spawn": the coordinator holds an open DuckDB connection with
threads, which a fork would copy in an unsafe state. Results come back in input order, so
output is identical for any worker count.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


class InProcessExecutor:
    """Runs every batch in the calling process: the reference behaviour."""

    workers = 1

    def map(self, fn: Callable[[In], Out], batches: Iterable[In]) -> Iterator[Out]:
        return map(fn, batches)

    def submit(self, fn: Callable[[In], Out], batch: In) -> Future[Out]:
        future: Future[Out] = Future()
        future.set_result(fn(batch))
        return future

    def close(self) -> None:
        return None


class PoolExecutor:
    """A pool of worker processes; each loads the spaCy pipeline once, on first use."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))

    def map(self, fn: Callable[[In], Out], batches: Iterable[In]) -> Iterator[Out]:
        return self._pool.map(fn, batches)

    def submit(self, fn: Callable[[In], Out], batch: In) -> Future[Out]:
        return self._pool.submit(fn, batch)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def local_executor(workers: int) -> InProcessExecutor | PoolExecutor:
    return InProcessExecutor() if workers <= 1 else PoolExecutor(workers)
