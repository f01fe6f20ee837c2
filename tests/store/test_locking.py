"""A store held by another process: readers are told who writes it and what to do; writers wait a little."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from newsledger.errors import StoreBusyError
from newsledger.store.db import Store

from ..helpers import empty_store, held_elsewhere


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return empty_store(tmp_path)


def test_a_reader_during_a_write_is_told_who_writes_and_what_to_do(db: Path) -> None:
    with held_elsewhere(db, "write") as holder, pytest.raises(StoreBusyError) as caught:
        Store(db, read_only=True)
    message = str(caught.value)
    assert f"PID {holder.pid}" in message and "being written" in message and "newsledger serve" in message
    assert "-readonly" not in message and "duckdb.org" not in message  # DuckDB's own advice is not ours


def test_a_writer_waits_for_a_reader_to_let_go(db: Path) -> None:
    # `newsledger serve` holds the store read-only while it copies its snapshot: an ingest waits for that.
    with held_elsewhere(db, "read") as holder:
        threading.Timer(1.0, holder.kill).start()
        with Store(db, wait=30) as store:
            assert store.scalar("SELECT count(*) FROM documents") == 0
        assert holder.poll() is not None


def test_a_writer_gives_up_after_its_wait_naming_the_holder(db: Path) -> None:
    with held_elsewhere(db, "read") as holder, pytest.raises(StoreBusyError) as caught:
        Store(db, wait=0.5)
    assert f"PID {holder.pid}" in str(caught.value) and "run this again" in str(caught.value)


def test_newsledger_summary_during_an_ingest_says_what_to_do(db: Path) -> None:
    from typer.testing import CliRunner

    from newsledger.cli import app

    with held_elsewhere(db, "write") as holder:
        result = CliRunner(env={"COLUMNS": "300"}).invoke(app, ["summary", "--db", str(db)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"PID {holder.pid}" in result.output and "newsledger serve" in result.output
    assert "-readonly" not in result.output
