"""Numeric claims: listing with filters."""

from __future__ import annotations

from typing import Any

from newsledger.store.db import Store


def listing(store: Store, counted: str | None, asserter: str | None, doc_id: str | None, limit: int,
            offset: int) -> list[dict[str, Any]]:
    """Claims in publication order with what they count, who asserts them, and their sentence."""
    where, params = ["1=1"], []
    if counted:
        where.append("(c.counted ILIKE ? OR c.unit ILIKE ?)")
        params += [f"%{counted}%", f"%{counted}%"]
    if asserter:
        where.append("c.asserter ILIKE ?")
        params.append(f"%{asserter}%")
    if doc_id:
        where.append("c.doc_id = ?")
        params.append(doc_id)
    return store.query(
        "SELECT c.doc_id, d.outlet, d.published, c.text, c.value, c.qualifier, c.unit, c.counted, c.verb, "
        "c.asserter, c.asserter_kind, c.date_text, s.text AS sentence FROM claims c "
        "JOIN documents d USING (doc_id) JOIN sentences s ON s.doc_id = c.doc_id AND s.idx = c.sentence_idx "
        f"WHERE {' AND '.join(where)} ORDER BY d.published NULLS LAST, c.doc_id, c.start_char LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
