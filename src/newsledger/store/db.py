"""DuckDB store: schema, batched idempotent writes, and read helpers.

Writes go through one connection in the coordinating process, a transaction per batch,
so an interrupted run leaves every earlier batch complete and nothing half-written.
Rows are bulk-inserted from Arrow tables: DuckDB's executemany is far slower.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import fields
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


def _spanned(record: Any, **extra: object) -> dict[str, object]:
    """A record's fields as a row: ``start``/``end`` become the ``start_char``/``end_char`` columns.

    A shallow copy: ``dataclasses.asdict`` deep-copies every value, which costs the single
    writer measurable time on a batch's thousands of mentions.
    """
    row = {f.name: getattr(record, f.name) for f in fields(record)}
    row["start_char"], row["end_char"] = row.pop("start"), row.pop("end")
    row.update(extra)
    return row


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
        self._schemas: dict[str, pa.Schema] = {}
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
    def _schema(self, table: str) -> pa.Schema:
        """A table's Arrow schema, read from the store: schema.sql is the one definition."""
        if table not in self._schemas:
            self._schemas[table] = self.con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
        return self._schemas[table]

    def write_batch(self, annotated: list[Annotated], logs: list[LogEntry], run_id: str) -> None:
        """Write a batch's documents with everything found in them, and its log rows, in one transaction."""
        now = _now()
        docs = [a.document for a in annotated]
        doc_rows = [
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
        log_rows = [
            {"input_id": e.input_id, "source": e.source, "fmt": e.fmt, "status": str(e.status), "reason": e.reason,
             "doc_id": e.doc_id, "n_bytes": e.n_bytes, "run_id": run_id, "logged_at": now}
            for e in logs
        ]
        # One transaction per batch: every row of it lands, or none does.
        writes = [
            ("documents", "IGNORE", doc_rows),
            ("sentences", "IGNORE", [_spanned(s) for a in annotated for s in a.sentences]),
            ("mentions", "IGNORE", [_spanned(m, local_actor_id=m.actor_id) for a in annotated for m in a.mentions]),
            ("quotes", "IGNORE", [_spanned(q) for a in annotated for q in a.quotes]),
            ("claims", "IGNORE", [_spanned(c) for a in annotated for c in a.claims]),
            ("events", "IGNORE", [_spanned(e, event_id=f"{e.doc_id}:{e.idx}") for a in annotated for e in a.events]),
            ("ingest_log", "REPLACE", log_rows),  # the log keeps each input's latest outcome
        ]
        con = self.con
        con.begin()
        try:
            for table, conflict, rows in writes:
                if rows:
                    con.register(f"_{table}", pa.Table.from_pylist(rows, schema=self._schema(table)))
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
