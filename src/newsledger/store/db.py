"""DuckDB store: schema, batched idempotent writes, and read helpers.

Writes go through one connection in the coordinating process, a transaction per batch,
so an interrupted run leaves every earlier batch complete and nothing half-written.
Rows are bulk-inserted from Arrow tables: DuckDB's executemany is far slower.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from newsledger.errors import StoreError
from newsledger.models import Annotated, LogEntry, Status

TABLES = ("documents", "ingest_log", "sentences", "mentions", "actors", "actor_merges", "quotes", "claims", "events",
          "runs")
_EVENT_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("doc_id", pa.string()), ("idx", pa.int32()), ("sentence_idx", pa.int32()),
    ("start_char", pa.int32()), ("end_char", pa.int32()), ("trigger_start", pa.int32()),
    ("trigger_end", pa.int32()), ("trigger", pa.string()), ("event_type", pa.string()), ("mode", pa.string()),
    ("quad", pa.int32()), ("cameo", pa.string()), ("intensity", pa.float64()),
    ("source_ids", pa.list_(pa.string())), ("source_names", pa.list_(pa.string())),
    ("target_ids", pa.list_(pa.string())), ("target_names", pa.list_(pa.string())), ("negated", pa.bool_()),
    ("modality", pa.string()), ("date", pa.string()), ("date_precision", pa.string()), ("date_text", pa.string()),
    ("location", pa.string()), ("location_country", pa.string()), ("latitude", pa.float64()),
    ("longitude", pa.float64()), ("confidence", pa.float64()), ("rule", pa.string()),
])
_CLAIM_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("idx", pa.int32()), ("start_char", pa.int32()), ("end_char", pa.int32()),
    ("text", pa.string()), ("value", pa.float64()), ("qualifier", pa.string()), ("unit", pa.string()),
    ("counted", pa.string()), ("verb", pa.string()), ("asserter", pa.string()),
    ("asserter_actor_id", pa.string()), ("asserter_kind", pa.string()), ("quote_idx", pa.int32()),
    ("sentence_idx", pa.int32()), ("date_text", pa.string()),
])
_QUOTE_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("idx", pa.int32()), ("start_char", pa.int32()), ("end_char", pa.int32()),
    ("text", pa.string()), ("kind", pa.string()), ("speaker", pa.string()), ("speaker_start", pa.int32()),
    ("speaker_end", pa.int32()), ("actor_id", pa.string()), ("actor_name", pa.string()), ("cue", pa.string()),
    ("cue_start", pa.int32()), ("addressee", pa.string()), ("sentence_idx", pa.int32()),
    ("content_key", pa.string()), ("rule", pa.string()),
])


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """A newsledger DuckDB database file (or ``:memory:``)."""

    def __init__(self, path: str | Path = "newsledger.duckdb", read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path}: run `newsledger ingest PATH --db {self.path}` first")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from exc
        if not read_only:
            self.con.execute(resources.files("newsledger.store").joinpath("schema.sql").read_text("utf-8"))

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs -------------------------------------------------------------------------
    def start_run(self, run_id: str, version: str, model: str, workers: int, inputs: list[str], config: str) -> None:
        self.con.execute(
            "INSERT INTO runs (run_id, started, status, version, model, workers, inputs, config) "
            "VALUES (?, ?, 'running', ?, ?, ?, ?, ?)",
            [run_id, _now(), version, model, workers, json.dumps(inputs), config],
        )

    def finish_run(self, run_id: str, status: str, counts: dict[str, int]) -> None:
        self.con.execute(
            "UPDATE runs SET finished = ?, status = ?, counts = ? WHERE run_id = ?",
            [_now(), status, json.dumps(counts, sort_keys=True), run_id],
        )

    # -- idempotency look-ups ---------------------------------------------------------
    def known_inputs(self, input_ids: Iterable[str]) -> set[str]:
        """Inputs already stored or recorded as duplicates: a rerun need not redo them."""
        ids = list(set(input_ids))
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT input_id FROM ingest_log WHERE status IN ('stored', 'duplicate') AND input_id IN "
            "(SELECT unnest(?))",
            [ids],
        ).fetchall()
        return {r[0] for r in rows}

    def existing_docs(self, doc_ids: Iterable[str]) -> set[str]:
        ids = list(set(doc_ids))
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        return {r[0] for r in rows}

    # -- writes -----------------------------------------------------------------------
    def write_batch(self, annotated: list[Annotated], logs: list[LogEntry], run_id: str) -> None:
        """Write documents, their sentences and mentions, and log rows in one transaction."""
        now = _now()
        docs = [a.document for a in annotated]
        doc_rows = pa.Table.from_pylist(
            [
                {
                    "doc_id": d.doc_id, "source": d.source, "fmt": d.fmt, "url": d.url, "outlet": d.outlet,
                    "outlet_source": d.outlet_source, "title": d.title, "text": d.text,
                    "sections": json.dumps([[s.kind, s.start, s.end] for s in d.sections]),
                    "published": d.published, "published_precision": d.published_precision,
                    "published_source": d.published_source, "published_text": d.published_text,
                    "dateline": d.dateline, "language": d.language, "language_score": d.language_score,
                    "analysed": d.analysable, "n_chars": len(d.text), "n_words": len(d.text.split()),
                    "n_bytes": d.n_bytes, "input_id": d.input_id, "run_id": run_id, "ingested_at": now,
                    "schema_version": d.schema_version,
                }
                for d in docs
            ]
        )
        sent_rows = pa.Table.from_pylist(
            [
                {"doc_id": s.doc_id, "idx": s.idx, "start_char": s.start, "end_char": s.end,
                 "section": s.section, "text": s.text}
                for a in annotated for s in a.sentences
            ],
            schema=pa.schema([("doc_id", pa.string()), ("idx", pa.int32()), ("start_char", pa.int32()),
                              ("end_char", pa.int32()), ("section", pa.string()), ("text", pa.string())]),
        )
        ment_rows = pa.Table.from_pylist(
            [
                {"doc_id": m.doc_id, "idx": m.idx, "start_char": m.start, "end_char": m.end, "text": m.text,
                 "label": m.label, "sentence_idx": m.sentence_idx, "actor_id": m.actor_id,
                 "local_actor_id": m.actor_id, "role": m.role,
                 "actor_name": m.actor_name, "kind": m.kind, "country": m.country, "igo": m.igo,
                 "sector": m.sector, "rule": m.rule}
                for a in annotated for m in a.mentions
            ],
            schema=pa.schema([("doc_id", pa.string()), ("idx", pa.int32()), ("start_char", pa.int32()),
                              ("end_char", pa.int32()), ("text", pa.string()), ("label", pa.string()),
                              ("sentence_idx", pa.int32()), ("actor_id", pa.string()),
                              ("local_actor_id", pa.string()), ("role", pa.string()),
                              *((c, pa.string()) for c in ("actor_name", "kind", "country", "igo", "sector", "rule"))]),
        )
        quote_rows = pa.Table.from_pylist(
            [
                {"doc_id": q.doc_id, "idx": q.idx, "start_char": q.start, "end_char": q.end, "text": q.text,
                 "kind": q.kind, "speaker": q.speaker, "speaker_start": q.speaker_start,
                 "speaker_end": q.speaker_end, "actor_id": q.actor_id, "actor_name": q.actor_name, "cue": q.cue,
                 "cue_start": q.cue_start, "addressee": q.addressee, "sentence_idx": q.sentence_idx,
                 "content_key": q.content_key, "rule": q.rule}
                for a in annotated for q in a.quotes
            ],
            schema=_QUOTE_SCHEMA,
        )
        claim_rows = pa.Table.from_pylist(
            [
                {"doc_id": c.doc_id, "idx": c.idx, "start_char": c.start, "end_char": c.end, "text": c.text,
                 "value": c.value, "qualifier": c.qualifier, "unit": c.unit, "counted": c.counted,
                 "verb": c.verb, "asserter": c.asserter, "asserter_actor_id": c.asserter_actor_id,
                 "asserter_kind": c.asserter_kind, "quote_idx": c.quote_idx, "sentence_idx": c.sentence_idx,
                 "date_text": c.date_text}
                for a in annotated for c in a.claims
            ],
            schema=_CLAIM_SCHEMA,
        )
        event_rows = pa.Table.from_pylist(
            [
                {"event_id": f"{e.doc_id}:{e.idx}", "doc_id": e.doc_id, "idx": e.idx,
                 "sentence_idx": e.sentence_idx, "start_char": e.start, "end_char": e.end,
                 "trigger_start": e.trigger_start, "trigger_end": e.trigger_end, "trigger": e.trigger,
                 "event_type": e.event_type, "mode": e.mode, "quad": e.quad, "cameo": e.cameo,
                 "intensity": e.intensity, "source_ids": e.source_ids, "source_names": e.source_names,
                 "target_ids": e.target_ids, "target_names": e.target_names, "negated": e.negated,
                 "modality": e.modality, "date": e.date, "date_precision": e.date_precision,
                 "date_text": e.date_text, "location": e.location, "location_country": e.location_country,
                 "latitude": e.latitude, "longitude": e.longitude, "confidence": e.confidence, "rule": e.rule}
                for a in annotated for e in a.events
            ],
            schema=_EVENT_SCHEMA,
        )
        log_rows = pa.Table.from_pylist(
            [
                {"input_id": e.input_id, "source": e.source, "fmt": e.fmt, "status": str(e.status),
                 "reason": e.reason, "doc_id": e.doc_id, "n_bytes": e.n_bytes, "run_id": run_id,
                 "logged_at": now}
                for e in logs
            ],
            schema=pa.schema([("input_id", pa.string()), ("source", pa.string()), ("fmt", pa.string()),
                              ("status", pa.string()), ("reason", pa.string()), ("doc_id", pa.string()),
                              ("n_bytes", pa.int64()), ("run_id", pa.string()),
                              ("logged_at", pa.timestamp("us"))]),
        )
        # One transaction per batch: every row of it lands, or none does.
        writes = [("documents", "IGNORE", doc_rows), ("sentences", "IGNORE", sent_rows),
                  ("mentions", "IGNORE", ment_rows), ("quotes", "IGNORE", quote_rows),
                  ("claims", "IGNORE", claim_rows), ("events", "IGNORE", event_rows),
                  ("ingest_log", "REPLACE", log_rows)]  # the log keeps each input's latest outcome
        con = self.con
        con.begin()
        try:
            for table, conflict, rows in writes:
                if rows.num_rows:
                    con.register(f"_{table}", rows)
                    con.execute(f"INSERT OR {conflict} INTO {table} BY NAME SELECT * FROM _{table}")
            con.commit()
        except BaseException:
            con.rollback()
            raise
        finally:
            for table, _, _ in writes:
                con.unregister(f"_{table}")

    # -- reads ------------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params or [])
        cols = [c[0] for c in cur.description or []]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        row = self.con.execute(sql, params or []).fetchone()
        return row[0] if row else None

    def iter_rows(self, sql: str, batch: int = 2048) -> Iterator[tuple[list[str], list[tuple[Any, ...]]]]:
        cur = self.con.execute(sql)
        cols = [c[0] for c in cur.description or []]
        while rows := cur.fetchmany(batch):
            yield cols, rows

    def log_status(self) -> dict[str, int]:
        return dict(self.con.execute("SELECT status, count(*) FROM ingest_log GROUP BY 1").fetchall())


def status_counts(logs: Iterable[LogEntry]) -> dict[str, int]:
    out = {s.value: 0 for s in Status}
    for e in logs:
        out[e.status.value] += 1
    return out
