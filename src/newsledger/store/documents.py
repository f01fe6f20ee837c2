"""Documents: listing, look-up by id prefix, and one document with its sentences and mentions."""

from __future__ import annotations

from typing import Any

from newsledger.store.db import Store


def listing(store: Store, limit: int, offset: int, outlet: str | None, language: str | None
            ) -> list[dict[str, Any]]:
    """Documents by publication date (undated last), then source."""
    where, params = ["1=1"], []
    if outlet:
        where.append("outlet ILIKE ?")
        params.append(outlet)
    if language:
        where.append("language = ?")
        params.append(language)
    return store.query(
        "SELECT doc_id, outlet, published, published_precision, language, title, n_words, source "
        f"FROM documents WHERE {' AND '.join(where)} "
        "ORDER BY published NULLS LAST, source LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def with_prefix(store: Store, prefix: str) -> list[str]:
    """At most two ids starting with ``prefix`` (taken literally): one means the prefix was unique."""
    return [str(r[0]) for r in store.rows("SELECT doc_id FROM documents WHERE doc_id LIKE ? LIMIT 2",
                                          [prefix.replace("%", "") + "%"])]


def one(store: Store, doc_id: str) -> dict[str, Any] | None:
    """Every column of a document, or None."""
    rows = store.query("SELECT * FROM documents WHERE doc_id = ?", [doc_id])
    return rows[0] if rows else None


def text_and_source(store: Store, doc_id: str) -> dict[str, Any]:
    """A stored document's text, outlet, date, source and title (the id must exist)."""
    return store.query("SELECT text, outlet, published, source, title FROM documents WHERE doc_id = ?",
                       [doc_id])[0]


def sentences(store: Store, doc_id: str) -> list[dict[str, Any]]:
    return store.query(
        "SELECT idx, start_char, end_char, section, text FROM sentences WHERE doc_id = ? ORDER BY idx", [doc_id])


def mentions(store: Store, doc_id: str) -> list[dict[str, Any]]:
    return store.query(
        "SELECT idx, start_char, end_char, text, label, sentence_idx, actor_id, role FROM mentions "
        "WHERE doc_id = ? ORDER BY idx", [doc_id])

