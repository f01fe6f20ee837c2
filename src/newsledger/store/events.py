"""Event mentions: listing with filters, one event explained, an actor's events, a document's, a story's network."""

from __future__ import annotations

from typing import Any

from newsledger.errors import ConfigError
from newsledger.store.actors import with_merged
from newsledger.store.db import Store


def _naming(ids: str, actors: str) -> str:
    """SQL: event ``e`` names one of ``actors`` (a subquery) in its ``ids`` (a list expression).

    A join on the unnested id lists: ``list_has_any`` with a subquery's list made a nested-loop
    join over every event (events by actor 230 ms at 100k events with a long id list).
    """
    return (f"e.rowid IN (SELECT r FROM (SELECT rowid AS r, unnest({ids}) AS actor_id FROM events) "
            f"WHERE actor_id IN ({actors}))")


def listing(store: Store, event_type: str | None, actor_ids: list[str] | None, country: str | None,
            date_from: str | None, date_to: str | None, include_negated: bool, limit: int, offset: int
            ) -> list[dict[str, Any]]:
    """Events by date, then publication date; ``actor_ids`` (per-document ids too): one of them takes part;
    ``country``: an actor of that country takes part, or it happened there."""
    where: list[str] = ["1=1"]
    params: list[Any] = []
    if not include_negated:
        where.append("NOT e.negated")
    if event_type:
        where.append("e.event_type = upper(?)")
        params.append(event_type)
    if actor_ids is not None:
        where.append(_naming("list_concat(source_ids, target_ids)", "SELECT unnest(?::VARCHAR[])"))
        params.append(actor_ids)
    if country:
        of_country = with_merged("SELECT actor_id FROM actors WHERE upper(country) = upper(?)")
        where.append(f"({_naming('list_concat(source_ids, target_ids)', of_country)} "
                     "OR upper(e.location_country) = upper(?))")
        params += [country, country]
    if date_from:
        where.append("e.date >= ?")
        params.append(date_from)
    if date_to:
        where.append("e.date <= ?")
        params.append(date_to + "\uffff")
    # Page first, then read the sentences of that page only: taking a substring of every
    # matching article's text before sorting cost most of the query.
    return store.query(
        "WITH page AS (SELECT e.*, d.outlet, d.published FROM events e JOIN documents d USING (doc_id) "
        f"WHERE {' AND '.join(where)} ORDER BY e.date NULLS LAST, d.published NULLS LAST, e.event_id "
        "LIMIT ? OFFSET ?) "
        "SELECT p.event_id, p.doc_id, p.outlet, p.published, p.event_type, p.mode, p.quad, p.cameo, "
        "p.intensity, p.source_names, p.target_names, p.source_ids, p.target_ids, p.negated, p.modality, "
        "p.date, p.date_precision, p.date_text, p.location, p.location_country, p.trigger, p.rule, "
        "p.confidence, substr(t.text, p.start_char + 1, p.end_char - p.start_char) AS sentence "
        "FROM page p JOIN documents t USING (doc_id) "
        "ORDER BY p.date NULLS LAST, p.published NULLS LAST, p.event_id",
        [*params, limit, offset],
    )


def like(store: Store, pattern: str) -> list[dict[str, Any]]:
    """At most two events whose id matches a LIKE pattern, every column."""
    return store.query("SELECT * FROM events WHERE event_id LIKE ? ORDER BY event_id LIMIT 2", [pattern])


def sentence_actors(store: Store, doc_id: str, sentence_idx: int) -> list[dict[str, Any]]:
    """The mentions of a sentence that resolved to an actor, in text order."""
    return store.query(
        "SELECT start_char, end_char, text, actor_id, actor_name, rule FROM mentions WHERE doc_id = ? "
        "AND sentence_idx = ? AND actor_id IS NOT NULL ORDER BY start_char", [doc_id, sentence_idx])


def of_actor(store: Store, actor_id: str, role: str, limit: int, offset: int) -> list[dict[str, Any]]:
    """Events naming an actor (by exact id, or a per-document id merged into it) as ``role``, newest first.

    Raises:
        ConfigError: ``role`` is neither "source" nor "target".
    """
    if role not in ("source", "target"):
        raise ConfigError(f"role must be source or target, not {role!r}")
    return store.query(
        "SELECT e.event_id, e.doc_id, d.outlet, d.published, e.event_type, e.quad, e.source_names, "
        "e.target_names, e.negated, e.modality, e.date, e.location, e.trigger, "
        "substr(d.text, e.start_char + 1, e.end_char - e.start_char) AS sentence FROM events e "
        "JOIN documents d USING (doc_id) WHERE "
        + _naming(f"{role}_ids", with_merged("SELECT ?::VARCHAR AS actor_id"))
        + " ORDER BY coalesce(e.date, d.published) DESC NULLS LAST, e.event_id LIMIT ? OFFSET ?",
        [actor_id, limit, offset])


def in_document(store: Store, doc_id: str) -> list[dict[str, Any]]:
    """A document's events with spans, rule, actors, date and place, and their merged event's reach."""
    return store.query(
        "SELECT e.event_id, e.start_char, e.end_char, e.trigger_start, e.trigger_end, e.trigger, e.event_type, "
        "e.mode, e.quad, e.cameo, e.source_ids, e.source_names, e.target_ids, e.target_names, e.negated, "
        "e.modality, e.date, e.date_precision, e.date_text, e.location, e.location_country, e.confidence, "
        "e.rule, em.merged_id, me.n_articles, me.n_outlets, me.outlets FROM events e "
        "LEFT JOIN event_mentions em USING (event_id) LEFT JOIN merged_events me USING (merged_id) "
        "WHERE e.doc_id = ? ORDER BY e.trigger_start, e.event_id", [doc_id])


def other_reports(store: Store, doc_id: str) -> list[dict[str, Any]]:
    """The other articles reporting a merged event of this document: merged_id, doc_id, outlet, title, published."""
    return store.query(
        "SELECT em.merged_id, d.doc_id, d.outlet, d.title, d.published FROM event_mentions em "
        "JOIN events e USING (event_id) JOIN documents d ON d.doc_id = e.doc_id "
        "WHERE em.merged_id IN (SELECT em2.merged_id FROM event_mentions em2 JOIN events e2 USING (event_id) "
        "WHERE e2.doc_id = ?) AND e.doc_id <> ? "
        "GROUP BY ALL ORDER BY d.published NULLS LAST, d.doc_id", [doc_id, doc_id])


def network(store: Store, story_id: str) -> list[dict[str, Any]]:
    """Who acts on whom in a story's events that happened: source, target and counts by cooperation
    (quad 1-2) and conflict (3-4), actors across documents, the 60 busiest pairs."""
    return store.query(
        "WITH ev AS (SELECT e.quad, unnest(e.source_ids) AS source, e.target_ids FROM events e "
        "  JOIN story_documents sd ON sd.doc_id = e.doc_id AND sd.story_id = ? "
        "  WHERE NOT e.negated AND e.modality IN ('asserted', 'reported')), "
        "local AS (SELECT source, unnest(target_ids) AS target, quad FROM ev), "
        "pairs AS (SELECT coalesce(s.actor_id, l.source) AS source, coalesce(t.actor_id, l.target) AS target, "
        "  l.quad FROM local l LEFT JOIN actor_merges s ON s.local_actor_id = l.source "
        "  LEFT JOIN actor_merges t ON t.local_actor_id = l.target) "
        "SELECT source, target, count(*) FILTER (WHERE quad <= 2) AS cooperation, "
        "count(*) FILTER (WHERE quad >= 3) AS conflict FROM pairs WHERE source <> target "
        "GROUP BY ALL ORDER BY cooperation + conflict DESC, source, target LIMIT 60", [story_id])
