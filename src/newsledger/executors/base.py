"""Executors decide *where* a stage function runs over batches; never *what* it does."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


class Executor(Protocol):
    """Map a pure batch function over batches, yielding results in input order."""

    workers: int

    def map(self, fn: Callable[[In], Out], batches: Iterable[In]) -> Iterator[Out]: ...

    def close(self) -> None: ...
