"""Stories: ``stories``, ``story_documents`` and each document's key actors (``doc_actors``).

Read for the Ledger; kept by the resolve step, which decides in Python which story a document joins.
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from newsledger.store.db import Store

KEY_ACTORS = 6  # a document's most-mentioned actors


def with_prefix(store: Store, pattern: str) -> list[str]:
    """At most two story ids matching a LIKE pattern: one means the prefix was unique."""
    return [str(r[0]) for r in store.rows("SELECT story_id FROM stories WHERE story_id LIKE ? ORDER BY 1 LIMIT 2",
                                          [pattern])]


def _decoded(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        r["top_actors"], r["top_events"] = json.loads(r["top_actors"]), json.loads(r["top_events"])
    return rows


def listing(store: Store, limit: int) -> list[dict[str, Any]]:
    """Stories, largest first."""
    return _decoded(store.query("SELECT * FROM stories ORDER BY n_documents DESC, first_date, story_id LIMIT ?",
                                [limit]))


def one(store: Store, story_id: str) -> dict[str, Any]:
    """A story's row (the id must exist)."""
    return _decoded(store.query("SELECT * FROM stories WHERE story_id = ?", [story_id]))[0]


def documents(store: Store, story_id: str) -> list[dict[str, Any]]:
    """A story's documents, oldest first."""
    return store.query(
        "SELECT d.doc_id, d.outlet, d.published, d.title, d.source FROM story_documents sd "
        "JOIN documents d USING (doc_id) WHERE sd.story_id = ? ORDER BY d.published NULLS LAST, d.doc_id",
        [story_id])


# -- the resolve step ------------------------------------------------------------------
_KEYS = f"""
INSERT INTO doc_actors
SELECT doc_id, actor_id, n FROM (
    SELECT m.doc_id, m.actor_id, count(*) AS n,
           row_number() OVER (PARTITION BY m.doc_id ORDER BY count(*) DESC, m.actor_id) AS r
    FROM mentions m JOIN documents d USING (doc_id)
    WHERE m.actor_id IS NOT NULL AND coalesce(m.sector, '') <> 'MED' AND d.analysed
      AND m.doc_id NOT IN (SELECT doc_id FROM doc_actors)
      AND m.doc_id NOT IN (SELECT doc_id FROM duplicates WHERE doc_id IS NOT NULL)
    GROUP BY 1, 2)
WHERE r <= {KEY_ACTORS}
"""


def unplaced(store: Store) -> list[str]:
    """Find the key actors of documents that have none yet; returns the documents with key actors and
    no story, in publication order, then by id."""
    store.execute(_KEYS)
    return [str(d) for (d,) in store.rows(
        "SELECT d.doc_id FROM documents d WHERE d.doc_id IN (SELECT doc_id FROM doc_actors) "
        "AND d.doc_id NOT IN (SELECT doc_id FROM story_documents) "
        "ORDER BY d.published NULLS LAST, d.doc_id")]


def key_actors(store: Store, doc_ids: list[str]) -> list[tuple[str, str]]:
    """(doc_id, actor_id) of these documents' key actors."""
    return [(r[0], r[1]) for r in store.rows(
        "SELECT doc_id, actor_id FROM doc_actors WHERE doc_id IN (SELECT unnest(?))", [doc_ids])]


def naming(store: Store, actor_ids: list[str]) -> list[tuple[str, int, str, int]]:
    """For every story whose documents have one of these key actors: (story_id, its documents, a key
    actor of its documents, how many of them have it)."""
    return [(r[0], r[1], r[2], r[3]) for r in store.rows(
        "WITH s AS (SELECT DISTINCT sd.story_id FROM story_documents sd JOIN doc_actors da USING (doc_id) "
        "WHERE da.actor_id IN (SELECT unnest(?))), "
        "n AS (SELECT story_id, count(*) AS n_docs FROM story_documents JOIN s USING (story_id) GROUP BY 1) "
        "SELECT sd.story_id, n.n_docs, da.actor_id, count(*) FROM story_documents sd JOIN n USING (story_id) "
        "JOIN doc_actors da USING (doc_id) GROUP BY 1, 2, 3", [actor_ids])]


def shared_events(store: Store, doc_ids: list[str], most_articles: int) -> list[tuple[str, str]]:
    """(doc_id, merged_id) of the merged events these documents report with 2 to ``most_articles`` articles."""
    return [(r[0], r[1]) for r in store.rows(
        "SELECT DISTINCT e.doc_id, em.merged_id FROM events e JOIN event_mentions em USING (event_id) "
        "JOIN merged_events me USING (merged_id) WHERE e.doc_id IN (SELECT unnest(?)) "
        "AND me.n_articles BETWEEN 2 AND ?", [doc_ids, most_articles])]


def of_events(store: Store, merged_ids: list[str]) -> list[tuple[str, str]]:
    """(merged_id, story_id) for the stories of the articles reporting these merged events."""
    return [(r[0], r[1]) for r in store.rows(
        "SELECT DISTINCT me.merged_id, sd.story_id FROM (SELECT merged_id, unnest(doc_ids) AS doc_id "
        "FROM merged_events WHERE merged_id IN (SELECT unnest(?))) me JOIN story_documents sd USING (doc_id)",
        [merged_ids])]


def place(store: Store, placed: dict[str, str]) -> None:
    """Record each document's story (doc_id -> story_id)."""
    with store.registered("_placed", pa.table({"doc_id": list(placed), "story_id": list(placed.values())})):
        store.execute("INSERT INTO story_documents SELECT doc_id, story_id FROM _placed")


def facts(store: Store, story_ids: list[str]) -> tuple[list[tuple[str, Any, Any, int, int]],
                                                       list[tuple[str, str, str, int]], list[tuple[str, str, int]]]:
    """What a story's row says, from its documents: (story_id, first, last, documents, outlets); its top
    five key actors (story_id, actor_id, name, documents) by rank; its event types (story_id, type, count),
    most frequent first."""
    rows = store.rows(
        "SELECT sd.story_id, min(d.published), max(d.published), count(*), "
        "count(DISTINCT coalesce(d.outlet, d.doc_id)) FROM story_documents sd JOIN documents d USING (doc_id) "
        "WHERE sd.story_id IN (SELECT unnest(?)) GROUP BY 1", [story_ids])
    top_actors = store.rows(
        "SELECT story_id, actor_id, name, n FROM (SELECT sd.story_id, da.actor_id, coalesce(a.name, da.actor_id) "
        "AS name, count(*) AS n, row_number() OVER (PARTITION BY sd.story_id ORDER BY count(*) DESC, "
        "sum(da.n) DESC, da.actor_id) AS r FROM story_documents sd JOIN doc_actors da USING (doc_id) "
        "LEFT JOIN actors a ON a.actor_id = da.actor_id WHERE sd.story_id IN (SELECT unnest(?)) "
        "GROUP BY sd.story_id, da.actor_id, a.name) WHERE r <= 5 ORDER BY story_id, r", [story_ids])
    event_types = store.rows(
        "SELECT sd.story_id, e.event_type, count(*) AS n FROM story_documents sd JOIN events e USING (doc_id) "
        "WHERE sd.story_id IN (SELECT unnest(?)) AND NOT e.negated GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2",
        [story_ids])
    return ([(r[0], r[1], r[2], r[3], r[4]) for r in rows], [(r[0], r[1], r[2], r[3]) for r in top_actors],
            [(r[0], r[1], r[2]) for r in event_types])


def replace(store: Store, story_ids: list[str], rows: list[dict[str, object]]) -> None:
    """Replace the ``stories`` rows of these stories with ``rows`` (columns by name)."""
    store.execute("DELETE FROM stories WHERE story_id IN (SELECT unnest(?))", [story_ids])
    if rows:
        with store.registered("_stories", pa.Table.from_pylist(rows)):
            store.execute("INSERT INTO stories BY NAME SELECT * FROM _stories")
