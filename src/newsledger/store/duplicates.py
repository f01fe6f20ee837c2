"""Duplicate articles: the ``duplicates`` table and the MinHash signatures and LSH bands behind it.

The bands live in DuckDB (``doc_bands``: band, hash, document) so a batch of new signatures
finds its candidates with one equi-join against everything signed before.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from newsledger.store.db import Store


def listing(store: Store) -> list[dict[str, Any]]:
    """Exact and near-duplicate inputs, each with the document it repeats."""
    return store.query(
        "SELECT x.kind, x.similarity, x.source, x.doc_id, x.duplicate_of, o.source AS original_source, "
        "o.outlet AS original_outlet, d.outlet FROM duplicates x JOIN documents o ON o.doc_id = x.duplicate_of "
        "LEFT JOIN documents d ON d.doc_id = x.doc_id ORDER BY x.kind DESC, x.similarity DESC, x.source")


# -- the resolve step ------------------------------------------------------------------
def record_exact(store: Store) -> None:
    """Add the inputs the ingest log calls exact duplicates and ``duplicates`` does not hold yet."""
    store.execute(
        "INSERT INTO duplicates SELECT l.source, NULL, l.doc_id, 1.0, 'exact' FROM ingest_log l "
        "WHERE l.status = 'duplicate' AND l.doc_id IS NOT NULL "
        "AND l.source NOT IN (SELECT source FROM duplicates WHERE kind = 'exact')")


def unsigned(store: Store) -> list[str]:
    """Analysed documents without a signature, in publication order, then by id."""
    return [str(d) for (d,) in store.rows(
        "SELECT doc_id FROM documents WHERE analysed AND doc_id NOT IN (SELECT doc_id FROM doc_minhash) "
        "ORDER BY published NULLS LAST, doc_id")]


def texts(store: Store, doc_ids: list[str]) -> list[tuple[str, str, str]]:
    """(doc_id, text, sections) of these documents."""
    return [(r[0], r[1], r[2]) for r in store.rows(
        "SELECT doc_id, text, sections FROM documents WHERE doc_id IN (SELECT unnest(?))", [doc_ids])]


def add_signatures(store: Store, signatures: dict[str, list[int]], banded: list[tuple[int, int, str]]
                   ) -> list[tuple[str, str]]:
    """Store signatures and their (band, hash, doc_id) rows; returns the (new, other) pairs sharing a band."""
    with store.registered("_sigs", pa.table({"doc_id": list(signatures), "signature": list(signatures.values())})):
        store.execute("INSERT INTO doc_minhash SELECT doc_id, signature FROM _sigs")
    bands = pa.table({"band": [r[0] for r in banded], "h": [r[1] for r in banded], "doc_id": [r[2] for r in banded]})
    with store.registered("_bands", bands):
        store.execute("INSERT INTO doc_bands SELECT band::SMALLINT, h, doc_id FROM _bands")
        return [(r[0], r[1]) for r in store.rows(
            "SELECT DISTINCT n.doc_id, o.doc_id FROM _bands n JOIN doc_bands o "
            "ON o.band = n.band AND o.h = n.h AND o.doc_id <> n.doc_id")]


def signatures(store: Store, doc_ids: list[str]) -> list[tuple[str, list[int]]]:
    """(doc_id, signature) of documents signed earlier."""
    return [(r[0], r[1]) for r in store.rows(
        "SELECT doc_id, signature FROM doc_minhash WHERE doc_id IN (SELECT unnest(?))", [doc_ids])]


def documents(store: Store, doc_ids: list[str]) -> list[tuple[str, str | None, str, str | None]]:
    """(doc_id, outlet, text, published) of these documents: what decides which copy came first."""
    return [(r[0], r[1], r[2], r[3]) for r in store.rows(
        "SELECT doc_id, outlet, text, published FROM documents WHERE doc_id IN (SELECT unnest(?))", [doc_ids])]


def known(store: Store) -> set[str]:
    """Documents already recorded as a near duplicate of another."""
    return {d for (d,) in store.rows("SELECT doc_id FROM duplicates WHERE doc_id IS NOT NULL")}


def record_near(store: Store, rows: list[tuple[str, float, str]]) -> None:
    """Add (duplicate_of, similarity, doc_id) rows, in one statement (``executemany`` runs one per row)."""
    near = pa.table({"duplicate_of": [r[0] for r in rows], "similarity": [r[1] for r in rows],
                     "doc_id": [r[2] for r in rows]})
    with store.registered("_near", near):
        store.execute("INSERT INTO duplicates SELECT d.source, d.doc_id, n.duplicate_of, n.similarity, 'near' "
                      "FROM _near n JOIN documents d ON d.doc_id = n.doc_id")
