"""Test helpers shared across modules."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsledger.config import Config
from newsledger.models import Annotated, Document, LogEntry, RawInput
from newsledger.pipeline.annotate import annotate_batch
from newsledger.pipeline.ingest.prepare import prepare
from newsledger.store.db import Store
from newsledger.store.rows import log_table, record_tables

# The [promise] keys every frames file gives, for tests that build frames of their own.
PROMISE = {"retreat": "AGREE", "cooperation": "AGREE", "terms": "CONCEDE", "commitment": "AGREE",
           "commitment_against": "THREATEN"}

def empty_store(folder: Path) -> Path:
    """A fresh store file with its tables and nothing in them, closed."""
    path = folder / "ledger.duckdb"
    Store(path).close()
    return path


def write_annotated(store: Store, annotated: list[Annotated], logs: list[LogEntry] | None = None,
                    run_id: str = "run") -> None:
    """Store records as an ingest does: a worker's Arrow tables (``store.rows``), then one ``write_tables``."""
    schemas = store.schemas()
    tables = record_tables(annotated, schemas, run_id)
    tables["ingest_log"] = log_table(logs or [], schemas["ingest_log"], run_id)
    store.write_tables(tables)


def annotate_text(text: str, config: Config, fmt: str = "txt") -> Annotated:
    """Run prepare and annotate (actors, quotes, claims, events) on one article.

    ``fmt="json"`` reads ``text`` as a JSON record, so a test can give a publication date.
    """
    if fmt == "json":
        from newsledger.pipeline.ingest.readers import read_json

        raw = next(iter(read_json("t.json", text.encode(), config.ingest)))
        assert isinstance(raw, RawInput)
    else:
        raw = RawInput(source="t.txt", fmt="txt", content=text.encode())
    doc = prepare(raw, config.ingest)
    assert isinstance(doc, Document)
    return annotate_batch([doc], config.annotate)[0]


_HOLD = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "read")
if sys.argv[2] == "write":
    con.execute("CREATE TABLE IF NOT EXISTS held (x INT)")
    con.execute("INSERT INTO held VALUES (1)")  # a commit: the file changes while it is held
print("held", flush=True)
time.sleep(float(sys.argv[3]))
"""


@contextmanager
def held_elsewhere(db: Path, mode: str, seconds: float = 60.0) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the DuckDB file ``db`` open (``mode``: "read" or "write") for up to ``seconds``."""
    with subprocess.Popen([sys.executable, "-c", _HOLD, str(db), mode, str(seconds)],
                          stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None and proc.stdout.readline() == "held\n"
            yield proc
        finally:
            proc.kill()
