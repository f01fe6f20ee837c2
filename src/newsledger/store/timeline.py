"""What a timeline reads: the dated rows of a scope (a story, an actor, words, or all of them combined).

Each filter given narrows the scope; none gives the whole store. The days are ranked in Python
(``resolve/date_ranking.py``) from these rows; then only the chosen days' sentences are read.
"""

from __future__ import annotations

from typing import Any

from newsledger.store.actors import ids_named
from newsledger.store.db import Store
from newsledger.store.merged_events import MERGED_IN_STORY, merged_in
from newsledger.store.search import DOCS_WITH_WORDS, query_words


def _narrowed(store: Store, story: str | None, actor: str | None, query: str | None, where: str,
              by_story: str, by_actor: str, by_words: str) -> tuple[str, list[Any]]:
    """``where`` and the clause of every filter given (each narrows; none, the whole store)."""
    clauses, params = [where], list[Any]()
    if story is not None:
        clauses.append(by_story)
        params.append(story)
    if actor is not None:
        clauses.append(by_actor)
        params.append(ids_named(store, actor))
    if query is not None:
        clauses.append(by_words)
        words = query_words(query)
        params += [words, len(words)]
    return " AND ".join(clauses), params


def _doc_scope(store: Store, story: str | None, actor: str | None, query: str | None) -> tuple[str, list[Any]]:
    """SQL restricting documents (alias ``dd``) as ``merged_events`` does events; near-duplicates never count twice."""
    return _narrowed(store, story, actor, query,
                     "dd.doc_id NOT IN (SELECT doc_id FROM duplicates WHERE doc_id IS NOT NULL)",
                     "dd.doc_id IN (SELECT doc_id FROM story_documents WHERE story_id = ?)",
                     "dd.doc_id IN (SELECT doc_id FROM mentions WHERE actor_id IN (SELECT unnest(?::VARCHAR[])))",
                     f"dd.doc_id IN {DOCS_WITH_WORDS}")


def published(store: Store, story: str | None, actor: str | None, query: str | None) -> list[dict[str, Any]]:
    """Each article in scope: doc_id, the day it was published (or None) and its outlet."""
    where, params = _doc_scope(store, story, actor, query)
    return store.query("SELECT dd.doc_id, dd.day, d.outlet FROM doc_dates dd JOIN documents d USING (doc_id) "
                       f"WHERE dd.kind = 'published' AND {where} ORDER BY dd.doc_id", params)


def named(store: Store, story: str | None, actor: str | None, query: str | None) -> list[dict[str, Any]]:
    """Each day-precise date phrase of the articles in scope: doc_id, sentence_idx, day."""
    where, params = _doc_scope(store, story, actor, query)
    return store.query(
        f"SELECT dd.doc_id, dd.sentence_idx, dd.day FROM doc_dates dd WHERE dd.kind = 'named' AND {where} "
        "ORDER BY dd.doc_id, dd.sentence_idx, dd.day", params)


def merged_events(store: Store, story: str | None, actor: str | None, query: str | None) -> list[dict[str, Any]]:
    """The merged events in scope that have a date (``day``), with their representative mention's article."""
    where, params = _narrowed(store, story, actor, query, "TRUE", f"me.merged_id IN {MERGED_IN_STORY}",
                              "list_has_any(me.participants, ?::VARCHAR[])",
                              f"me.merged_id IN {merged_in(DOCS_WITH_WORDS)}")
    return store.query(
        "SELECT me.merged_id, me.event_type, me.quad, me.participant_names, me.n_articles, me.n_outlets, me.dates, "
        "me.locations, me.sentence, coalesce(me.date, me.dates[1]) AS day, e.doc_id, e.start_char, e.end_char, "
        "d.outlet, d.title FROM merged_events me JOIN events e ON e.event_id = me.event_id "
        f"JOIN documents d ON d.doc_id = e.doc_id WHERE {where} AND coalesce(me.date, me.dates[1]) IS NOT NULL "
        "ORDER BY me.merged_id", params)


def sentences(store: Store, wanted: list[tuple[str, int]]) -> list[dict[str, Any]]:
    """The text, span, outlet and title of the sentences named by (doc_id, index); captions left out."""
    return store.query(
        "SELECT s.doc_id, s.idx, s.start_char, s.end_char, s.text, d.outlet, d.title FROM sentences s "
        "JOIN (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::INTEGER[]) AS idx) k USING (doc_id, idx) "
        "JOIN documents d ON d.doc_id = s.doc_id WHERE s.section <> 'caption' ORDER BY s.doc_id, s.idx",
        [[k[0] for k in wanted], [k[1] for k in wanted]])
