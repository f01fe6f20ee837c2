"""Run bookkeeping: dead runs are marked, the cross-article marker follows the documents, transactions nest."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.errors import StoreError
from newsledger.models import Annotated, Document, LogEntry, Section, Status, content_hash
from newsledger.store.db import Store
from newsledger.store.runs import PROCESS, is_current, mark_resolved, start_run, status

from ..helpers import write_annotated


def _annotated(text: str) -> Annotated:
    doc_id = content_hash(text)
    return Annotated(Document(doc_id=doc_id, source=f"{doc_id[:6]}.txt", fmt="txt", text=text,
                              sections=[Section("body", 0, len(text))], input_id="in-" + doc_id[:6]))


def _start(store: Store, run_id: str, process: str = PROCESS) -> None:
    start_run(store, run_id, "0", "model", 1, ["corpus"], "{}")
    store.con.execute("UPDATE runs SET process = ? WHERE run_id = ?", [process, run_id])


def _statuses(store: Store) -> dict[str, str]:
    return dict(store.con.execute("SELECT run_id, status FROM runs").fetchall())


def test_a_dead_processs_running_run_is_marked_interrupted_at_the_next_open(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    with Store(db) as store:
        _start(store, "killed", process="otherhost:4242:0badc0de")  # as a SIGKILL leaves it
        _start(store, "mine")  # this process's own run (the web server ingesting) is alive
        assert _statuses(store) == {"killed": "running", "mine": "running"}
    with Store(db, read_only=True) as reader:  # a reader cannot mark, but reports it as it is
        seen = status(reader)
        assert [r["run_id"] for r in seen["interrupted"]] == ["killed"]
        assert _statuses(reader)["killed"] == "running"
    with Store(db) as store:
        assert _statuses(store) == {"killed": "interrupted", "mine": "running"}
        assert status(store)["interrupted"][0]["stage"] == "ingest"
        _start(store, "other inputs")
        store.con.execute("UPDATE runs SET status = 'done', inputs = '[\"elsewhere\"]' WHERE run_id = 'other inputs'")
        assert [r["run_id"] for r in status(store)["interrupted"]] == ["killed"]  # not the same command
        store.con.execute("UPDATE runs SET status = 'done' WHERE run_id = 'mine'")  # the same command, later
        assert status(store)["interrupted"] == []


def test_cross_article_marker_follows_documents_and_duplicates(fresh_store: Store) -> None:
    assert is_current(fresh_store)  # nothing stored: nothing to resolve
    doc = _annotated("NATO ministers met in Brussels on Tuesday.")
    write_annotated(fresh_store, [doc], [], "run1")
    assert not is_current(fresh_store)  # never resolved
    mark_resolved(fresh_store, "run1")
    assert is_current(fresh_store)
    other = _annotated("Baku and Yerevan traded blame.")
    write_annotated(fresh_store, [other], [], "run2")
    assert not is_current(fresh_store)
    assert status(fresh_store)["documents_pending"] == 1
    mark_resolved(fresh_store, "run2")
    assert is_current(fresh_store) and status(fresh_store)["documents_pending"] == 0
    copy = LogEntry("in-copy", "copy.txt", "txt", Status.DUPLICATE, "same text", doc.document.doc_id)
    write_annotated(fresh_store, [], [copy], "run3")  # a duplicate alone also changes what the stage reads
    assert not is_current(fresh_store)


def test_transactions_nest_and_roll_back_together(fresh_store: Store) -> None:
    first, second = _annotated("The OSCE co-chairs met in Vienna."), _annotated("Baku and Yerevan traded blame.")
    with pytest.raises(RuntimeError), fresh_store.transaction():
        write_annotated(fresh_store, [first], [], "run1")  # its own transaction joins the outer one
        mark_resolved(fresh_store, "run1")
        write_annotated(fresh_store, [second], [], "run1")
        raise RuntimeError("killed before the commit")
    assert fresh_store.scalar("SELECT count(*) FROM documents") == 0
    assert fresh_store.scalar("SELECT count(*) FROM resolve_state") == 0
    write_annotated(fresh_store, [first], [], "run2")  # and the store takes writes again
    assert fresh_store.scalar("SELECT count(*) FROM documents") == 1


def test_status_of_a_store_from_before_run_tracking_says_how_to_update_it(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.con.execute("DROP TABLE resolve_state")
    with Store(db, read_only=True) as old, pytest.raises(StoreError, match="newsledger resolve"):
        status(old)
