"""Timelines: the dates that matter in a story, for an actor, for a text query, or all of them.

Each entry is a date with the merged events of that date and a representative sentence
with its source. A date's weight is how often and how widely it is reported: the articles
plus the distinct outlets of its events. The heaviest dates are kept and listed in order.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from newsledger.store.db import ACTORS_NAMED, Store


def _scope(story: str | None, actor: str | None, query: str | None) -> tuple[str, list[Any]]:
    """SQL restricting merged events (alias ``me``): every filter given narrows; none, the whole store."""
    where, params = ["TRUE"], []
    if story is not None:
        where.append("me.merged_id IN (SELECT em.merged_id FROM event_mentions em JOIN events e USING (event_id) "
                     "JOIN story_documents sd USING (doc_id) WHERE sd.story_id = ?)")
        params.append(story)
    if actor is not None:
        where.append(f"list_has_any(me.participants, {ACTORS_NAMED})")
        params += [f"%{actor}%", f"%{actor}%"]
    if query is not None:
        where.append("list_has_any(me.doc_ids, (SELECT list(doc_id) FROM documents WHERE text ILIKE ? "
                     "OR title ILIKE ?))")
        params += [f"%{query}%", f"%{query}%"]
    return " AND ".join(where), params


def timeline(store: Store, story: str | None = None, actor: str | None = None, query: str | None = None,
             limit: int = 20) -> list[dict[str, Any]]:
    where, params = _scope(story, actor, query)
    rows = store.query(
        "SELECT me.merged_id, me.event_type, me.quad, me.participant_names, me.n_articles, me.n_outlets, me.outlets, "
        "coalesce(me.date, me.dates[1]) AS day, me.dates, me.locations, me.sentence, e.doc_id, d.outlet, d.title "
        "FROM merged_events me JOIN events e ON e.event_id = me.event_id JOIN documents d ON d.doc_id = e.doc_id "
        f"WHERE {where} AND coalesce(me.date, me.dates[1]) IS NOT NULL", params)
    by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_day[r["day"]].append(r)
    weight = {day: sum(r["n_articles"] + r["n_outlets"] for r in evs) for day, evs in by_day.items()}
    kept = sorted(sorted(by_day, key=lambda d: (-weight[d], d))[:limit])
    entries = []
    for day in kept:
        events = sorted(by_day[day], key=lambda r: (-(r["n_articles"] + r["n_outlets"]), r["merged_id"]))
        top = events[0]
        entries.append({
            "date": day, "weight": weight[day],
            "events": [{k: r[k] for k in ("merged_id", "event_type", "quad", "participant_names", "n_articles",
                                          "n_outlets", "dates", "locations")} for r in events],
            "sentence": top["sentence"], "doc_id": top["doc_id"], "outlet": top["outlet"], "title": top["title"],
        })
    return entries
