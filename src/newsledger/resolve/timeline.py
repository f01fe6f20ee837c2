"""Timelines: the days that matter in a story, for an actor, for a text query, or the whole store.

The days are picked by how the articles refer to them (``date_ranking``: days named in the
text, articles published, coded events), as many as fit the coverage unless a limit is given;
each day gets one to three sentences saying what happened (``day_summaries``), each with its
article and span, and the merged events coded on it. The days named come from ``doc_dates``,
filled by the resolve step; the rows of a scope are read by ``store/timeline.py``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from newsledger.resolve.date_ranking import Article, DayMention, ScoredDay, fitting_length, rank_days
from newsledger.resolve.day_summaries import Sentence, candidate_keys, first_told, over_ask, summarise_days
from newsledger.store import timeline as timeline_rows
from newsledger.store.db import Store


def _events_by_day(store: Store, story: str | None, actor: str | None, query: str | None) -> dict[str, list[Any]]:
    """The merged events in scope with a date, by day, the most reported first."""
    rows = timeline_rows.merged_events(store, story, actor, query)
    by_day: dict[str, list[Any]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: (-(r["n_articles"] + r["n_outlets"]), r["merged_id"])):
        by_day[r["day"]].append(r)
    return by_day


def _sentences(store: Store, keys: dict[str, list[tuple[str, int]]]) -> dict[tuple[str, int], dict[str, Any]]:
    """The sentences named by (doc_id, index), by that key; captions left out."""
    wanted = list({k for ks in keys.values() for k in ks})
    return {(r["doc_id"], r["idx"]): r for r in timeline_rows.sentences(store, wanted)}


def _per_day(s: ScoredDay) -> int:
    """Sentences to show: one, two for a day three articles refer to, three from ten."""
    n = s.features["articles"]
    return 1 + (n >= 3) + (n >= 10)


def timeline(store: Store, story: str | None = None, actor: str | None = None, query: str | None = None,
             limit: int | None = None) -> list[dict[str, Any]]:
    """Dated entries in order; ``limit`` days at most, or as many as fit the coverage when None."""
    articles = [Article(r["doc_id"], r["day"], r["outlet"])
                for r in timeline_rows.published(store, story, actor, query)]
    mentions = [DayMention(r["doc_id"], r["sentence_idx"], r["day"])
                for r in timeline_rows.named(store, story, actor, query)]
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
