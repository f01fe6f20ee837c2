"""Run bookkeeping: which runs finished, which died, and whether the cross-article tables are current.

A run row moves ``running`` -> ``done`` | ``failed`` | ``interrupted`` and records the stage
it reached (``ingest`` or ``load``, then ``resolve``). A process killed with SIGKILL cannot say so
itself; but DuckDB lets only one process open a store for writing, so whoever opens it next
knows that every ``running`` row of another process is dead, and marks it ``interrupted``.

The cross-article tables are current when the fingerprint of what they were computed from
(the stored documents and exact duplicates) equals the fingerprint of what the store holds
now. ``resolve_store`` writes the fingerprint in the same transaction as the tables, so a
stage killed half-way leaves the previous fingerprint, and the next ingest or load sees the
mismatch and finishes the stage, whether or not it stores anything new.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from typing import TYPE_CHECKING, Any

from newsledger.errors import StoreError
from newsledger.store.rows import now

if TYPE_CHECKING:
    from newsledger.store.db import Store

# This process, as run rows name it: host and pid for people, a random part because pids are
# reused (a container's ingest is often pid 7 every night).
PROCESS = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

NOTHING = "0:0:0:0"  # the fingerprint of a store without documents or duplicates
_FINGERPRINT = """
SELECT (SELECT count(*) FROM documents),
       (SELECT coalesce(bit_xor(md5_number(doc_id)), 0) FROM documents),
       (SELECT count(*) FROM ingest_log WHERE status = 'duplicate'),
       (SELECT coalesce(bit_xor(md5_number(input_id)), 0) FROM ingest_log WHERE status = 'duplicate')
"""


def start_run(store: Store, run_id: str, version: str, model: str, workers: int, inputs: list[str],
              config: str, stage: str = "ingest") -> None:
    store.con.execute(
        "INSERT INTO runs (run_id, started, status, stage, process, version, model, workers, inputs, config) "
        "VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?)",
        [run_id, now(), stage, PROCESS, version, model, workers, json.dumps(inputs), config],
    )


def set_stage(store: Store, run_id: str, stage: str) -> None:
    """Record the stage a run has reached: what an interrupted run was doing when it died."""
    store.con.execute("UPDATE runs SET stage = ? WHERE run_id = ?", [stage, run_id])


def finish_run(store: Store, run_id: str, status: str, counts: dict[str, int]) -> None:
    store.con.execute(
        "UPDATE runs SET finished = ?, status = ?, counts = ? WHERE run_id = ?",
        [now(), status, json.dumps(counts, sort_keys=True), run_id],
    )


def mark_interrupted(store: Store) -> int:
    """Mark ``interrupted`` every run still ``running`` in another process; returns how many.

    Only call this holding the store open for writing: the lock is the proof that the other
    process is gone. Runs of this process (the web server ingesting) are left alone.
    """
    marked = store.con.execute(
        "UPDATE runs SET status = 'interrupted' WHERE status = 'running' AND coalesce(process, '') <> ? "
        "RETURNING run_id", [PROCESS]).fetchall()
    return len(marked)


def fingerprint(store: Store) -> str:
    """What the cross-article stage reads, in a few bytes: the documents and the exact duplicates."""
    (row,) = store.con.execute(_FINGERPRINT).fetchall()
    return ":".join(str(v) for v in row)


def resolved(store: Store) -> dict[str, Any] | None:
    """The last completed cross-article stage: its fingerprint, documents, run and time; None if never."""
    rows = store.query("SELECT fingerprint, n_documents, run_id, resolved_at FROM resolve_state")
    return rows[0] if rows else None


def mark_resolved(store: Store, run_id: str | None) -> None:
    """Record that the cross-article tables reflect the store as it is now (inside their transaction)."""
    store.con.execute("DELETE FROM resolve_state").fetchall()
    store.con.execute("INSERT INTO resolve_state SELECT ?, (SELECT count(*) FROM documents), ?, ?",
                      [fingerprint(store), run_id, now()]).fetchall()  # fetched: DuckDB wants results finished


def is_current(store: Store) -> bool:
    """Whether the cross-article tables reflect every stored document and duplicate (an empty store's do)."""
    state = resolved(store)
    return (state["fingerprint"] if state else NOTHING) == fingerprint(store)


def status(store: Store, runs: int = 10) -> dict[str, Any]:
    """What is pending: the cross-article stage and interrupted runs not yet rerun, with the latest runs.

    A ``running`` row of another process reads as ``interrupted`` even before a writer marks
    it: a store that can be opened at all is not being written by anyone else.

    Raises:
        StoreError: the store was written by a version that kept no such record.
    """
    if not store.scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = 'resolve_state'"):
        raise StoreError(f"{store.path} was written by an older newsledger that did not track runs: "
                         f"`newsledger resolve --db {store.path}` updates it")
    state = resolved(store)
    documents = int(store.scalar("SELECT count(*) FROM documents"))
    effective = "CASE WHEN status = 'running' AND coalesce(process, '') <> ? THEN 'interrupted' ELSE status END"
    latest = store.query(
        f"SELECT run_id, started, finished, {effective} AS status, stage, workers, inputs, counts FROM runs "
        "ORDER BY started DESC LIMIT ?", [PROCESS, runs])
    for run in latest:
        run["inputs"] = json.loads(run["inputs"] or "[]")
        run["counts"] = json.loads(run["counts"] or "{}")
    # An interrupted run stays pending until the same command completes after it.
    interrupted = store.query(
        f"SELECT run_id, started, stage FROM runs r WHERE {effective} = 'interrupted' AND NOT EXISTS ("
        "SELECT 1 FROM runs l WHERE l.status = 'done' AND l.inputs = r.inputs AND l.started > r.started) "
        "ORDER BY started", [PROCESS])
    return {
        "documents": documents,
        "cross_article_current": is_current(store),
        "resolved": state,
        # Documents are never deleted, so the difference is what the stage has not seen yet.
        "documents_pending": documents - int(state["n_documents"]) if state else documents,
        "interrupted": interrupted,
        "runs": latest,
    }
