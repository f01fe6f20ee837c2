"""What comparing a story's outlets reads: its articles, their merged events, speakers, words and figures."""

from __future__ import annotations

from typing import Any

from newsledger.store.db import Store


def articles(store: Store, story_id: str) -> list[dict[str, Any]]:
    """A story's articles (doc_id, outlet or "(unknown outlet)", published, title), oldest first."""
    return store.query(
        "SELECT d.doc_id, coalesce(d.outlet, '(unknown outlet)') AS outlet, d.published, d.title "
        "FROM story_documents sd JOIN documents d USING (doc_id) WHERE sd.story_id = ? ORDER BY d.published, d.doc_id",
        [story_id])


def merged_events(store: Store, doc_ids: list[str]) -> list[dict[str, Any]]:
    """The merged events these articles report, each with which of them (``doc_ids``), by date."""
    return store.query(
        "SELECT me.merged_id, me.event_type, me.quad, me.participant_names, coalesce(me.date, me.dates[1]) AS date, "
        "list(DISTINCT e.doc_id ORDER BY e.doc_id) AS doc_ids "
        "FROM merged_events me JOIN event_mentions em USING (merged_id) JOIN events e ON e.event_id = em.event_id "
        "WHERE e.doc_id IN (SELECT unnest(?)) "
        "GROUP BY ALL ORDER BY date NULLS LAST, me.merged_id", [doc_ids])


def speakers(store: Store, doc_ids: list[str]) -> list[dict[str, Any]]:
    """Direct and partial quotes per speaker and article: speaker, doc_id, n."""
    return store.query(
        "SELECT coalesce(actor_name, speaker, '(unattributed)') AS speaker, doc_id, count(*) AS n FROM quotes "
        "WHERE doc_id IN (SELECT unnest(?)) AND kind IN ('direct', 'partial') GROUP BY 1, 2 ORDER BY 1, 2", [doc_ids])


def body_sentences(store: Store, doc_ids: list[str]) -> list[tuple[str, str]]:
    """(doc_id, text) of these articles' body sentences."""
    return [(r[0], r[1]) for r in store.rows(
        "SELECT doc_id, text FROM sentences WHERE section = 'body' AND doc_id IN (SELECT unnest(?)) "
        "ORDER BY doc_id, idx", [doc_ids])]


def claims(store: Store, doc_ids: list[str]) -> list[dict[str, Any]]:
    """These articles' numeric claims with outlet, date and sentence."""
    return store.query(
        "SELECT c.doc_id, coalesce(d.outlet, '(unknown outlet)') AS outlet, d.published, c.text, c.value, c.unit, "
        "c.counted, c.verb, c.asserter, substr(d.text, s.start_char + 1, s.end_char - s.start_char) AS sentence "
        "FROM claims c JOIN documents d USING (doc_id) JOIN sentences s ON s.doc_id = c.doc_id "
        "AND s.idx = c.sentence_idx WHERE c.doc_id IN (SELECT unnest(?)) ORDER BY c.doc_id, c.idx", [doc_ids])
