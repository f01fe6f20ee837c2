"""Quotes: listing with filters, a document's quotes with their spans, a story's quotes."""

from __future__ import annotations

from typing import Any

from newsledger.store.db import Store


def listing(store: Store, speaker: str | None, doc_id: str | None, kind: str | None, limit: int, offset: int
            ) -> list[dict[str, Any]]:
    """Quotes in publication order; ``speaker`` matches the actor's name or any alias, or the words
    naming the speaker; each with how many documents carry the same words."""
    where, params = ["1=1"], []
    if speaker:
        where.append("(q.actor_id IN (SELECT actor_id FROM actors WHERE name ILIKE ? OR aliases ILIKE ?) "
                     "OR q.speaker ILIKE ?)")
        params += [f"%{speaker}%", f"%{speaker}%", f"%{speaker}%"]
    if doc_id:
        where.append("q.doc_id = ?")
        params.append(doc_id)
    if kind:
        where.append("q.kind = ?")
        params.append(kind)
    return store.query(
        "SELECT q.doc_id, d.outlet, d.published, q.kind, q.speaker, q.actor_id, "
        "coalesce(a.name, q.actor_name) AS actor, q.cue, q.addressee, q.text, q.start_char, q.end_char, "
        "q.rule, (SELECT count(DISTINCT o.doc_id) FROM quotes o WHERE o.content_key = q.content_key) "
        "AS n_documents FROM quotes q JOIN documents d USING (doc_id) LEFT JOIN actors a USING (actor_id) "
        f"WHERE {' AND '.join(where)} ORDER BY d.published NULLS LAST, q.doc_id, q.start_char, q.idx LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def in_document(store: Store, doc_id: str) -> list[dict[str, Any]]:
    """A document's quotes with spans, speaker, cue and the other outlets that carry the same words."""
    return store.query(
        "SELECT q.idx, q.start_char, q.end_char, q.kind, q.speaker, q.speaker_start, q.speaker_end, q.actor_id, "
        "coalesce(a.name, q.actor_name) AS actor, q.cue, q.addressee, q.rule, "
        "(SELECT list(DISTINCT coalesce(d.outlet, d.source)) FROM quotes o JOIN documents d USING (doc_id) "
        " WHERE o.content_key = q.content_key AND o.doc_id <> q.doc_id) AS other_outlets "
        "FROM quotes q LEFT JOIN actors a USING (actor_id) WHERE q.doc_id = ? ORDER BY q.start_char, q.idx", [doc_id])


def of_story(store: Store, story_id: str, limit: int) -> list[dict[str, Any]]:
    """A story's direct and partial quotes in publication order, each with its speaker's name."""
    return store.query(
        "SELECT coalesce(a.name, q.actor_name, q.speaker, '(unattributed)') AS speaker, q.actor_id, q.doc_id, "
        "d.outlet, d.published, q.kind, q.cue, q.text, q.start_char, q.end_char FROM quotes q "
        "JOIN story_documents sd ON sd.doc_id = q.doc_id AND sd.story_id = ? "
        "JOIN documents d ON d.doc_id = q.doc_id LEFT JOIN actors a ON a.actor_id = q.actor_id "
        "WHERE q.kind IN ('direct', 'partial') ORDER BY d.published NULLS LAST, q.doc_id, q.start_char, q.idx LIMIT ?",
        [story_id, limit])
