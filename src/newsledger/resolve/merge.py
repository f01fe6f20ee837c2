"""One event from many articles: merge event mentions that report the same event.

Reads:   event mentions not yet merged (``events`` minus ``event_mentions``), the actor merges,
         and the merged events that share a new mention's key.
Writes:  ``event_mentions`` (mention -> merged event) and, for every merged event touched,
         its ``merged_events`` row: counts of mentions, articles and outlets (GDELT's
         NumMentions / NumArticles / NumSources), and every date and place the mentions give,
         so disagreement stays visible.
Rule:    same PLOVER type, same participants (sources and targets together: "Stoltenberg
         told a news conference alongside Aliyev" and "Stoltenberg and Aliyev discussed" are
         one CONSULT), dates at most ``merge_days`` apart (a month or year contains its days;
         an undated mention takes its article's publication date), and places not in
         different countries. Only what happened is merged: negated, future and hypothetical
         mentions, mentions without participants and mentions in near-duplicate articles
         stay out. Incremental: a new mention is compared only with merged events of its key.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pyarrow as pa

from newsledger.config import ResolveConfig
from newsledger.store.db import Store

BATCH = 200_000  # new mentions merged at a time

_NEW = """
SELECT e.event_id, e.event_type, e.source_ids, e.target_ids, coalesce(e.date, d.published) AS day,
       e.location_country
FROM events e JOIN documents d USING (doc_id)
WHERE NOT e.negated AND e.modality IN ('asserted', 'reported')
  AND len(e.source_ids) + len(e.target_ids) > 0
  AND e.event_id NOT IN (SELECT event_id FROM event_mentions)
  AND e.doc_id NOT IN (SELECT doc_id FROM duplicates WHERE doc_id IS NOT NULL)
ORDER BY day NULLS LAST, e.event_id
"""


@dataclass(slots=True)
class _Cluster:
    merged_id: str
    days: set[str] = field(default_factory=set)  # distinct: a year many reports give is one entry
    countries: set[str] = field(default_factory=set)


def _parse(day: str) -> date | None:
    try:
        return date.fromisoformat(day[:10]) if len(day) >= 10 else None
    except ValueError:
        return None


def compatible_days(a: str | None, b: str | None, days: int) -> bool:
    """Two dates that can be one event's: both unknown, one containing the other, or close.

    An undated mention in an undated article joins only undated ones: it could be any year.
    """
    if not a or not b:
        return not a and not b
    if len(a) != len(b) and (a.startswith(b) or b.startswith(a)):
        return True  # "2017-11" contains "2017-11-23"
    da, db = _parse(a), _parse(b)
    if da is None or db is None:
        return a == b
    return abs((da - db).days) <= days


class _Index:
    """Merged events by key and month, so a new mention meets only those it could join.

    Without it, a mention of a common pair ("Russia" attacks) was checked against every
    merged event of that pair in the archive: 2.5 million date comparisons per 1,000 articles
    added to 20,000.
    """

    def __init__(self, window: int) -> None:
        self.window = window
        self.buckets: dict[tuple[str, str | None], dict[str, _Cluster]] = defaultdict(dict)

    def add(self, key: str, cluster: _Cluster, day: str | None) -> None:
        bucket = None if not day else day[:7] if len(day) >= 7 else day[:4]
        self.buckets[(key, bucket)][cluster.merged_id] = cluster

    def near(self, key: str, day: str | None) -> list[_Cluster]:
        names: set[str | None] = set()
        parsed = _parse(day) if day else None
        if not day:
            names.add(None)
        elif parsed is not None:
            names.update((parsed + timedelta(days=x)).strftime("%Y-%m") for x in (-self.window, 0, self.window))
            names.add(day[:4])
        elif len(day) >= 7:
            names.update((day[:7], day[:4]))
        else:  # a year: any month of it
            names.update(f"{day[:4]}-{m:02d}" for m in range(1, 13))
            names.add(day[:4])
        found: dict[str, _Cluster] = {}
        for name in sorted(names, key=lambda n: n or ""):
            found.update(self.buckets.get((key, name), {}))
        return list(found.values())


def merge_events(store: Store, cfg: ResolveConfig) -> int:
    """Assign new event mentions to merged events; returns how many merged events changed.

    New mentions are taken in date order, ``BATCH`` at a time, so a first ingest of a large
    archive does not hold a million mentions in memory at once.
    """
    touched: set[str] = set()
    while new := store.con.execute(_NEW + f" LIMIT {BATCH}").fetchall():
        touched |= _merge_batch(store, cfg, new)
    return len(touched)


def _merge_batch(store: Store, cfg: ResolveConfig, new: list[tuple[Any, ...]]) -> set[str]:
    con = store.con
    canonical = dict(con.execute("SELECT local_actor_id, actor_id FROM actor_merges").fetchall())
    keyed = []
    for event_id, event_type, sources, targets, day, country in new:
        people = sorted({canonical.get(a, a) for a in (*sources, *targets)})
        keyed.append((f"{event_type}|{','.join(people)}", event_id, day, country, len(people)))
    index = _Index(cfg.merge_days)
    for key, merged_id, days, countries in con.execute(
            "SELECT merge_key, merged_id, dates, countries FROM merged_events "
            "WHERE merge_key IN (SELECT unnest(?)) ORDER BY merged_id", [sorted({k for k, *_ in keyed})]).fetchall():
        cluster = _Cluster(merged_id, set(days or []), set(countries or []))
        for day in cluster.days or [None]:
            index.add(key, cluster, day)
    assigned: list[tuple[str, str]] = []
    for key, event_id, day, country, n_people in keyed:
        # Undated reports in undated articles could be any year: they merge only when they
        # name two parties or the same place ("Stoltenberg and Aliyev", "in Brussels").
        home = next((c for c in index.near(key, day)
                     if (all(compatible_days(day, d, cfg.merge_days) for d in c.days) if c.days else not day)
                     and (not country or not c.countries or country in c.countries)
                     and (day or c.days or n_people > 1 or (country and country in c.countries))), None)
        if home is None:
            home = _Cluster(f"m:{event_id}")
        if day:
            home.days.add(day)
        index.add(key, home, day)
        if country:
            home.countries.add(country)
        assigned.append((event_id, home.merged_id))
    touched = sorted({m for _, m in assigned})
    with store.transaction():
        con.register("_assigned", pa.table({"event_id": [a for a, _ in assigned],
                                            "merged_id": [m for _, m in assigned]}))
        con.execute("INSERT INTO event_mentions SELECT * FROM _assigned")
        con.unregister("_assigned")
        con.execute("DELETE FROM merged_events WHERE merged_id IN (SELECT unnest(?))", [touched])
        con.execute(_AGGREGATE, [touched])
        # Only the representative mentions' sentences: reading every member's text was most of the cost.
        con.execute(
            "UPDATE merged_events SET sentence = substr(d.text, e.start_char + 1, e.end_char - e.start_char) "
            "FROM events e JOIN documents d USING (doc_id) WHERE e.event_id = merged_events.event_id "
            "AND merged_events.merged_id IN (SELECT unnest(?))", [touched])
    return set(touched)


# Participants are canonicalised by a join on actor_merges (a map lookup inside a list lambda
# cost DuckDB seconds per thousand rows); keys match the ones computed in Python above.
_AGGREGATE = """
INSERT INTO merged_events
WITH m AS (
    SELECT em.merged_id, e.*, d.outlet, d.published
    FROM event_mentions em JOIN events e USING (event_id) JOIN documents d USING (doc_id)
    WHERE em.merged_id IN (SELECT unnest(?))
),
parts AS (
    SELECT p.merged_id, p.role, coalesce(g.actor_id, p.local_id) AS actor_id FROM (
        SELECT merged_id, 'source' AS role, unnest(source_ids) AS local_id FROM m
        UNION ALL
        SELECT merged_id, 'target' AS role, unnest(target_ids) AS local_id FROM m) p
    LEFT JOIN actor_merges g ON g.local_actor_id = p.local_id
),
people AS (
    SELECT parts.merged_id,
           list(DISTINCT parts.actor_id ORDER BY parts.actor_id) AS participants,
           list(DISTINCT coalesce(a.name, parts.actor_id) ORDER BY coalesce(a.name, parts.actor_id)) AS names,
           list(DISTINCT parts.actor_id ORDER BY parts.actor_id) FILTER (WHERE role = 'source') AS sources,
           list(DISTINCT parts.actor_id ORDER BY parts.actor_id) FILTER (WHERE role = 'target') AS targets
    FROM parts LEFT JOIN actors a ON a.actor_id = parts.actor_id GROUP BY 1
),
best AS (   -- the representative mention: the earliest report, then the most confident
    SELECT merged_id, arg_min(event_id, (coalesce(published, '9999'), -confidence, event_id)) AS rep
    FROM m GROUP BY 1
),
day AS (    -- the most precise date, then the one most mentions give, then the earliest
    SELECT merged_id, first(date ORDER BY length(date) DESC, n DESC, date) AS date FROM (
        SELECT merged_id, date, count(*) AS n FROM m WHERE date IS NOT NULL GROUP BY 1, 2) GROUP BY 1
)
SELECT m.merged_id,
       any_value(m.event_type) || '|' || array_to_string(any_value(people.participants), ','),
       any_value(m.event_type), any_value(m.quad), any_value(people.participants), any_value(people.names),
       coalesce(any_value(people.sources), []), coalesce(any_value(people.targets), []),
       any_value(day.date),
       list_sort(list_distinct(list(coalesce(m.date, m.published))
                               FILTER (WHERE coalesce(m.date, m.published) IS NOT NULL))),
       list_sort(list_distinct(list(m.location) FILTER (WHERE m.location IS NOT NULL))),
       list_sort(list_distinct(list(m.location_country) FILTER (WHERE m.location_country IS NOT NULL))),
       count(*), count(DISTINCT m.doc_id), count(DISTINCT coalesce(m.outlet, 'doc:' || m.doc_id)),
       list_sort(list_distinct(list(m.outlet) FILTER (WHERE m.outlet IS NOT NULL))),
       list_sort(list_distinct(list(m.doc_id))),
       min(m.published),
       any_value(best.rep), NULL
FROM m JOIN best USING (merged_id) JOIN people USING (merged_id) LEFT JOIN day USING (merged_id)
GROUP BY m.merged_id
"""
