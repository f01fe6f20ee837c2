"""Events across articles: ``merged_events`` and ``event_mentions``, read for the Ledger, kept by the resolve step."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from newsledger.store.db import Store


def merged_in(docs: str) -> str:
    """SQL: the merged events reported in the documents ``docs`` (a parenthesised subquery) selects.

    A join on the unnested article lists: as ``list_has_any`` with a story's documents it took
    1.4 s for a story of 3,000 articles, this 30 ms.
    """
    return (f"(SELECT merged_id FROM (SELECT merged_id, unnest(doc_ids) AS doc_id FROM merged_events) "
            f"WHERE doc_id IN {docs})")


# The merged events reported in a story's articles; one parameter, the story id.
MERGED_IN_STORY = merged_in("(SELECT doc_id FROM story_documents WHERE story_id = ?)")


def listing(store: Store, event_type: str | None, actor_ids: list[str] | None, story_id: str | None,
            min_articles: int, limit: int, offset: int) -> list[dict[str, Any]]:
    """Merged events, most reported first; ``actor_ids``: any of them takes part."""
    where: list[str] = ["me.n_articles >= ?"]
    params: list[Any] = [min_articles]
    if event_type:
        where.append("me.event_type = upper(?)")
        params.append(event_type)
    if actor_ids is not None:
        where.append("list_has_any(me.participants, ?::VARCHAR[])")
        params.append(actor_ids)
    if story_id:
        where.append(f"me.merged_id IN {MERGED_IN_STORY}")
        params.append(story_id)
    return store.query(
        "SELECT merged_id, event_type, quad, participant_names, date, dates, locations, n_mentions, n_articles, "
        f"n_outlets, outlets, sentence, event_id FROM merged_events me WHERE {' AND '.join(where)} "
        "ORDER BY me.n_articles DESC, me.n_outlets DESC, coalesce(me.date, me.dates[1]) NULLS LAST, me.merged_id "
        "LIMIT ? OFFSET ?", [*params, limit, offset])


def one(store: Store, merged_id: str) -> dict[str, Any] | None:
    """A merged event's row, or None."""
    rows = store.query("SELECT * FROM merged_events WHERE merged_id = ?", [merged_id])
    return rows[0] if rows else None


def reports(store: Store, merged_id: str) -> list[dict[str, Any]]:
    """Each mention of a merged event: article, outlet, sentence, date and place, oldest article first."""
    return store.query(
        "SELECT e.event_id, e.doc_id, d.outlet, d.published, d.title, e.date, e.date_text, e.location, e.trigger, "
        "substr(d.text, e.start_char + 1, e.end_char - e.start_char) AS sentence FROM event_mentions em "
        "JOIN events e USING (event_id) JOIN documents d USING (doc_id) WHERE em.merged_id = ? "
        "ORDER BY d.published NULLS LAST, e.event_id", [merged_id])


# -- the resolve step ------------------------------------------------------------------
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


def unmerged(store: Store, limit: int) -> list[tuple[Any, ...]]:
    """Up to ``limit`` event mentions that can merge and have not: (event_id, event_type, source_ids,
    target_ids, day, location_country), by day. Negated, future and hypothetical mentions, mentions
    without participants and mentions in near-duplicate articles never merge."""
    return store.rows(_NEW + f" LIMIT {int(limit)}")


def with_keys(store: Store, keys: list[str]) -> list[tuple[str, str, list[str] | None, list[str] | None]]:
    """(merge_key, merged_id, dates, countries) of the merged events with these keys, by id."""
    return [(r[0], r[1], r[2], r[3]) for r in store.rows(
        "SELECT merge_key, merged_id, dates, countries FROM merged_events "
        "WHERE merge_key IN (SELECT unnest(?)) ORDER BY merged_id", [keys])]


def assign(store: Store, assigned: list[tuple[str, str]]) -> list[str]:
    """Record (event_id, merged_id) and recompute every merged event they touch; returns those, sorted."""
    touched = sorted({m for _, m in assigned})
    with store.transaction():
        with store.registered("_assigned", pa.table({"event_id": [a for a, _ in assigned],
                                                     "merged_id": [m for _, m in assigned]})):
            store.execute("INSERT INTO event_mentions SELECT * FROM _assigned")
        store.execute("DELETE FROM merged_events WHERE merged_id IN (SELECT unnest(?))", [touched])
        store.execute(_AGGREGATE, [touched])
        # Only the representative mentions' sentences: reading every member's text was most of the cost.
        store.execute(
            "UPDATE merged_events SET sentence = substr(d.text, e.start_char + 1, e.end_char - e.start_char) "
            "FROM events e JOIN documents d USING (doc_id) WHERE e.event_id = merged_events.event_id "
            "AND merged_events.merged_id IN (SELECT unnest(?))", [touched])
    return touched


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
