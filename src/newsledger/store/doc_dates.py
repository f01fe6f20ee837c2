"""The ``doc_dates`` index: which documents still need it, their sentences, and adding their rows."""

from __future__ import annotations

import pyarrow as pa

from newsledger.store.db import Store

SCHEMA = pa.schema([("doc_id", pa.string()), ("kind", pa.string()), ("day", pa.string()),
                    ("sentence_idx", pa.int32()), ("start_char", pa.int32()), ("end_char", pa.int32()),
                    ("text", pa.string())])


def unindexed(store: Store) -> list[tuple[str, str | None]]:
    """(doc_id, published) of the documents without their ``published`` row, by id."""
    return [(r[0], r[1]) for r in store.rows(
        "SELECT doc_id, published FROM documents WHERE doc_id NOT IN (SELECT doc_id FROM doc_dates "
        "WHERE kind = 'published') ORDER BY doc_id")]


def sentences(store: Store, doc_ids: list[str]) -> list[tuple[str, int, int, str]]:
    """(doc_id, idx, start_char, text) of every sentence of these documents."""
    return [(r[0], r[1], r[2], r[3]) for r in store.rows(
        "SELECT doc_id, idx, start_char, text FROM sentences WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
        [doc_ids])]


def add(store: Store, rows: list[tuple[object, ...]]) -> None:
    """Insert rows laid out as ``SCHEMA``."""
    table = pa.table({f.name: [r[i] for r in rows] for i, f in enumerate(SCHEMA)}, schema=SCHEMA)
    with store.registered("_doc_dates", table):
        store.execute("INSERT INTO doc_dates SELECT * FROM _doc_dates")
