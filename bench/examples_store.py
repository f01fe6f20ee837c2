"""The example corpus in a store, for the evaluation scripts: a given one, or a fresh temporary one."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsledger import Ledger

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@contextmanager
def examples_ledger(db: str | None = None, corpus: Path = CORPUS) -> Iterator[Ledger]:
    """``db`` if given (assumed to hold ``corpus``), else ``corpus`` (examples/corpus) ingested afresh."""
    with tempfile.TemporaryDirectory() as tmp, Ledger(db or Path(tmp) / "examples.duckdb") as ledger:
        if not db:
            ledger.ingest([str(corpus)])
        yield ledger
