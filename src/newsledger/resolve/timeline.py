"""Timelines: the days that matter in a story, for an actor, for a text query, or the whole store.

The days are picked by how the articles refer to them (``date_ranking``: days named in the
text, articles published, coded events), as many as fit the coverage unless a limit is given;
each day gets one to three sentences saying what happened (``day_summaries``), each with its
article and span, and the merged events coded on it. The days named come from ``doc_dates``,
filled by the resolve step.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from newsledger.resolve.date_ranking import Article, DayMention, ScoredDay, fitting_length, rank_days
from newsledger.resolve.day_summaries import Sentence, candidate_keys, first_told, over_ask, summarise_days
from newsledger.resolve.search import DOCS_WITH_WORDS, query_words
from newsledger.store.db import Store


def _merged_in(docs: str) -> str:
    """SQL: the merged events reported in the documents ``docs`` (a parenthesised subquery) selects.

    A join on the unnested article lists: as ``list_has_any`` with a story's documents it took
    1.4 s for a story of 3,000 articles, this 30 ms.
    """
    return (f"(SELECT merged_id FROM (SELECT merged_id, unnest(doc_ids) AS doc_id FROM merged_events) "
            f"WHERE doc_id IN {docs})")


# The merged events reported in a story's articles; one parameter, the story id.
MERGED_IN_STORY = _merged_in("(SELECT doc_id FROM story_documents WHERE story_id = ?)")


def _narrowed(store: Store, story: str | None, actor: str | None, query: str | None, where: str,
              by_story: str, by_actor: str, by_words: str) -> tuple[str, list[Any]]:
    """``where`` and the clause of every filter given (each narrows; none, the whole store)."""
    clauses, params = [where], list[Any]()
    if story is not None:
        clauses.append(by_story)
        params.append(story)
    if actor is not None:
        clauses.append(by_actor)
        params.append(store.actor_ids_named(actor))
    if query is not None:
        clauses.append(by_words)
        words = query_words(query)
        params += [words, len(words)]
    return " AND ".join(clauses), params


def _scope(store: Store, story: str | None, actor: str | None, query: str | None) -> tuple[str, list[Any]]:
    """SQL restricting merged events (alias ``me``)."""
    return _narrowed(store, story, actor, query, "TRUE", f"me.merged_id IN {MERGED_IN_STORY}",
                     "list_has_any(me.participants, ?::VARCHAR[])", f"me.merged_id IN {_merged_in(DOCS_WITH_WORDS)}")


def _doc_scope(store: Store, story: str | None, actor: str | None, query: str | None) -> tuple[str, list[Any]]:
    """SQL restricting documents (alias ``dd``) as ``_scope`` does events; near-duplicates never count twice."""
    return _narrowed(store, story, actor, query,
                     "dd.doc_id NOT IN (SELECT doc_id FROM duplicates WHERE doc_id IS NOT NULL)",
                     "dd.doc_id IN (SELECT doc_id FROM story_documents WHERE story_id = ?)",
                     "dd.doc_id IN (SELECT doc_id FROM mentions WHERE actor_id IN (SELECT unnest(?::VARCHAR[])))",
                     f"dd.doc_id IN {DOCS_WITH_WORDS}")


def _events_by_day(store: Store, story: str | None, actor: str | None, query: str | None) -> dict[str, list[Any]]:
    """The merged events in scope with a date, by day, the most reported first."""
    where, params = _scope(store, story, actor, query)
    rows = store.query(
        "SELECT me.merged_id, me.event_type, me.quad, me.participant_names, me.n_articles, me.n_outlets, me.dates, "
        "me.locations, me.sentence, coalesce(me.date, me.dates[1]) AS day, e.doc_id, e.start_char, e.end_char, "
        "d.outlet, d.title FROM merged_events me JOIN events e ON e.event_id = me.event_id "
        f"JOIN documents d ON d.doc_id = e.doc_id WHERE {where} AND coalesce(me.date, me.dates[1]) IS NOT NULL",
        params)
    by_day: dict[str, list[Any]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: (-(r["n_articles"] + r["n_outlets"]), r["merged_id"])):
        by_day[r["day"]].append(r)
    return by_day


def _sentences(store: Store, keys: dict[str, list[tuple[str, int]]]) -> dict[tuple[str, int], dict[str, Any]]:
    """The text, span, outlet and title of the sentences named by (doc_id, index); captions left out."""
    wanted = list({k for ks in keys.values() for k in ks})
    rows = store.query(
        "SELECT s.doc_id, s.idx, s.start_char, s.end_char, s.text, d.outlet, d.title FROM sentences s "
        "JOIN (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::INTEGER[]) AS idx) k USING (doc_id, idx) "
        "JOIN documents d ON d.doc_id = s.doc_id WHERE s.section <> 'caption'",
        [[k[0] for k in wanted], [k[1] for k in wanted]])
    return {(r["doc_id"], r["idx"]): r for r in rows}


def _per_day(s: ScoredDay) -> int:
    """Sentences to show: one, two for a day three articles refer to, three from ten."""
    n = s.features["articles"]
    return 1 + (n >= 3) + (n >= 10)


def timeline(store: Store, story: str | None = None, actor: str | None = None, query: str | None = None,
             limit: int | None = None) -> list[dict[str, Any]]:
    """Dated entries in order; ``limit`` days at most, or as many as fit the coverage when None."""
    where, params = _doc_scope(store, story, actor, query)
    articles = [Article(r["doc_id"], r["day"], r["outlet"]) for r in store.query(
        "SELECT dd.doc_id, dd.day, d.outlet FROM doc_dates dd JOIN documents d USING (doc_id) "
        f"WHERE dd.kind = 'published' AND {where}", params)]
    mentions = [DayMention(r["doc_id"], r["sentence_idx"], r["day"]) for r in store.query(
        f"SELECT dd.doc_id, dd.sentence_idx, dd.day FROM doc_dates dd WHERE dd.kind = 'named' AND {where}", params)]
    events = _events_by_day(store, story, actor, query)
    ranked = rank_days(articles, mentions, {d: float(sum(r["n_articles"] + r["n_outlets"] for r in rs))
                                            for d, rs in events.items()})
    n = limit if limit is not None else fitting_length(ranked, len(articles))
    asked = ranked[:over_ask(n)]
    days = [s.day for s in asked]
    keys = candidate_keys(days, articles, mentions)
    found = _sentences(store, keys)
    pools = {d: [Sentence(r["doc_id"], r["idx"], r["start_char"], r["end_char"], r["text"])
                 for r in (found.get(k) for k in ks) if r is not None] for d, ks in keys.items()}
    summaries = summarise_days(days, pools, {s.day: _per_day(s) for s in asked})
    kept = set(first_told(days, summaries, n, also=events))
    entries = []
    for s in sorted((s for s in asked if s.day in kept), key=lambda s: s.day):
        day_events = events.get(s.day, [])
        cited = [found[(x.doc_id, x.idx)] | {"sentence_idx": x.idx} for x in summaries[s.day]]
        if not cited and day_events:  # a day known only from its coded events: their representative sentence
            top = day_events[0]
            cited = [{"text": top["sentence"], "doc_id": top["doc_id"], "outlet": top["outlet"], "title": top["title"],
                      "start_char": top["start_char"], "end_char": top["end_char"], "sentence_idx": None}]
        sentences = [{k: c[k] for k in ("text", "doc_id", "outlet", "title", "start_char", "end_char",
                                        "sentence_idx")} for c in cited]
        first = sentences[0] if sentences else dict.fromkeys(("text", "doc_id", "outlet", "title"))
        entries.append({
            "date": s.day, "weight": round(s.score, 4),
            "n_articles": int(s.features["articles"]),
            "n_outlets": int(s.features["outlets"]),
            "events": [{k: r[k] for k in ("merged_id", "event_type", "quad", "participant_names", "n_articles",
                                          "n_outlets", "dates", "locations")} for r in day_events],
            "sentences": sentences,
            "sentence": first["text"], "doc_id": first["doc_id"], "outlet": first["outlet"], "title": first["title"],
        })
    return entries
