"""One event from many articles: merge event mentions that report the same event.

Reads:   event mentions not yet merged (``events`` minus ``event_mentions``), the actor merges,
         and the merged events that share a new mention's key (SQL in ``store/merged_events.py``).
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

from newsledger.config import ResolveConfig
from newsledger.store import actors, merged_events
from newsledger.store.db import Store

BATCH = 200_000  # new mentions merged at a time


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
    while new := merged_events.unmerged(store, BATCH):
        touched |= _merge_batch(store, cfg, new)
    return len(touched)


def _merge_batch(store: Store, cfg: ResolveConfig, new: list[tuple[Any, ...]]) -> set[str]:
    canonical = actors.canonical(store)
    keyed = []
    for event_id, event_type, sources, targets, day, country in new:
        people = sorted({canonical.get(a, a) for a in (*sources, *targets)})
        keyed.append((f"{event_type}|{','.join(people)}", event_id, day, country, len(people)))
    index = _Index(cfg.merge_days)
    for key, merged_id, days, countries in merged_events.with_keys(store, sorted({k for k, *_ in keyed})):
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
    return set(merged_events.assign(store, assigned))
