"""Settling a shard's tables against the store: the single writer's step of the one run path.

A shard is processed without seeing the store or other shards (on a pool worker or a Ray
actor), so only the writer can say what is new. Shards are settled in plan order, each just
before its transaction: an input the store already holds is left alone (``unchanged``), and a
document the store already holds, from an earlier shard or run, turns its input's ``stored``
row into ``duplicate``. The first copy of an article in read order therefore wins, whichever
worker finished first. The per-run columns (``run_id``, ``ingested_at``, ``logged_at``) become
the writing run's.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from newsledger.models import LogEntry, Status
from newsledger.store.rows import now
from newsledger.store.tables import WRITE_TABLES

if TYPE_CHECKING:
    from newsledger.store.db import Store

DUPLICATE_REASON = "same cleaned text as a stored document"


@dataclass(slots=True)
class RunCounts:
    """What a run did to its inputs, tallied as they are written."""

    stored: int = 0
    duplicate: int = 0
    skipped: int = 0
    failed: int = 0
    unchanged: int = 0  # already in the store from an earlier run
    sentences: int = 0
    mentions: int = 0
    problems: list[LogEntry] = field(default_factory=list)
    resolved: bool = False  # the cross-article stage ran (new documents, or left pending by an earlier run)

    def add(self, entry: LogEntry) -> None:
        setattr(self, entry.status.value, getattr(self, entry.status.value) + 1)
        if entry.status in (Status.SKIPPED, Status.FAILED):
            self.problems.append(entry)

    def absorb(self, other: RunCounts) -> None:
        """Add what ``other`` tallied (a group of shards, once it is committed)."""
        for f in fields(self):  # every tally, so a counter added later is carried too
            if f.type == "int":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        self.problems.extend(other.problems)

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("stored", "duplicate", "skipped", "failed", "unchanged")}


@dataclass(slots=True)
class Unwritten:
    """Inputs and documents settled but not committed yet: the writer commits several shards at once,
    so a shard is settled against these as well as against the store."""

    inputs: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)


def settle(store: Store, tables: dict[str, pa.Table], run_id: str, counts: RunCounts,
           unwritten: Unwritten | None = None) -> dict[str, pa.Table]:
    """A shard's tables (``store.rows`` layout) reduced to what ``store`` and ``unwritten`` lack;
    ``counts`` tallies them, and ``unwritten`` takes in what they add."""
    at = now()
    rows = tables["ingest_log"].to_pylist()
    pending = unwritten if unwritten is not None else Unwritten()
    known = store.known_inputs(r["input_id"] for r in rows) | {r["input_id"] for r in rows} & pending.inputs
    stored = {r["doc_id"] for r in rows if r["status"] == Status.STORED}
    existing = store.existing_docs(stored) | stored & pending.docs
    logs, fresh = [], []
    for r in rows:
        if r["input_id"] in known:
            counts.unchanged += 1
            continue
        if r["status"] == Status.STORED and r["doc_id"] in existing:
            r["status"], r["reason"] = Status.DUPLICATE.value, DUPLICATE_REASON
        elif r["status"] == Status.STORED:
            fresh.append(r["doc_id"])
        r["run_id"], r["logged_at"] = run_id, at
        logs.append(r)
        counts.add(LogEntry(r["input_id"], r["source"], r["fmt"], Status(r["status"]), r["reason"], r["doc_id"],
                            r["n_bytes"]))
    pending.inputs.update(r["input_id"] for r in logs if r["status"] in (Status.STORED, Status.DUPLICATE))
    pending.docs.update(fresh)
    keep = pa.array(fresh, pa.string())
    out = {t: tables[t].filter(pc.is_in(tables[t]["doc_id"], value_set=keep))
           for t in WRITE_TABLES if t != "ingest_log"}
    docs = out["documents"]
    for column, value in (("run_id", run_id), ("ingested_at", at)):
        i = docs.schema.get_field_index(column)
        docs = docs.set_column(i, docs.schema.field(i), pa.array([value] * docs.num_rows, docs.schema.field(i).type))
    out["documents"] = docs
    out["ingest_log"] = pa.Table.from_pylist(logs, schema=tables["ingest_log"].schema)
    counts.sentences += out["sentences"].num_rows
    counts.mentions += out["mentions"].num_rows
    return out
