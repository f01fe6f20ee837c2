"""Executors decide *where* a stage function runs over batches; never *what* it does."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from typing import Protocol, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


class Executor(Protocol):
    """Run a pure batch function: ``map`` yields results in input order; ``submit`` returns a future."""

    workers: int

    def map(self, fn: Callable[[In], Out], batches: Iterable[In]) -> Iterator[Out]: ...

    def submit(self, fn: Callable[[In], Out], batch: In) -> Future[Out]: ...

    def close(self) -> None: ...
