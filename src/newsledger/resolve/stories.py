"""Stories: documents grouped by the actors they share and the events they co-report.

Reads:   new documents' actor mentions and merged events; the stories their key actors or
         events already belong to.
Writes:  ``doc_actors`` (each document's key actors), ``story_documents`` and, for every
         story touched, its ``stories`` row: a generated title, date range, outlets, top
         actors and event types.
Rule:    a document joins the story it shares a merged event with; otherwise the story
         whose documents most often name its key actors (mean share over its key actors at
         least ``story_overlap``); otherwise it starts a story. Time is no bound: the seeds'
         story runs 2014-2024. Documents arrive in publication order, and a story is only
         compared with documents that share something with it, so adding 1,000 articles
         touches the stories they join, not the store. Near-duplicates stay out.
Order:   documents of one pass that share a date (or have none) go by document id, never by
         when they were stored, which follows each worker's clock: the same documents make
         the same stories whatever the worker count, and after a killed run is redone.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

import pyarrow as pa

from newsledger.config import ResolveConfig
from newsledger.store.db import Store

KEY_ACTORS = 6  # a document's most-mentioned actors
SHARED_EVENT_ARTICLES = 20  # an event reported by more articles than this does not make a story
# How titles name a story's most frequent kinds of event.
EVENT_WORDS = {
    "AGREE": "agreements", "CONSULT": "talks", "SUPPORT": "support", "CONCEDE": "concessions",
    "COOPERATE": "cooperation", "AID": "aid", "RETREAT": "ceasefires and withdrawals", "REQUEST": "appeals",
    "ACCUSE": "accusations", "REJECT": "rejections", "THREATEN": "threats", "PROTEST": "protests",
    "SANCTION": "sanctions", "MOBILIZE": "deployments", "COERCE": "seizures and arrests", "ASSAULT": "fighting",
}

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


def group_stories(store: Store, cfg: ResolveConfig) -> int:
    """Put new documents into stories; returns how many stories changed."""
    con = store.con
    con.execute(_KEYS)
    new = con.execute(
        "SELECT d.doc_id FROM documents d WHERE d.doc_id IN (SELECT doc_id FROM doc_actors) "
        "AND d.doc_id NOT IN (SELECT doc_id FROM story_documents) "
        "ORDER BY d.published NULLS LAST, d.doc_id").fetchall()
    if not new:
        return 0
    new_ids = [d for (d,) in new]
    keys: dict[str, set[str]] = defaultdict(set)
    for doc_id, actor_id in con.execute("SELECT doc_id, actor_id FROM doc_actors WHERE doc_id IN (SELECT unnest(?))",
                                        [new_ids]).fetchall():
        keys[doc_id].add(actor_id)
    # Existing stories that share a key actor: their size and how many documents name each actor.
    size: Counter[str] = Counter()
    named: dict[str, Counter[str]] = defaultdict(Counter)
    holding: dict[str, set[str]] = defaultdict(set)  # actor -> stories whose documents name it
    actors = sorted({a for k in keys.values() for a in k})
    for story_id, n_docs, actor_id, n in con.execute(
            "WITH s AS (SELECT DISTINCT sd.story_id FROM story_documents sd JOIN doc_actors da USING (doc_id) "
            "WHERE da.actor_id IN (SELECT unnest(?))), "
            "n AS (SELECT story_id, count(*) AS n_docs FROM story_documents JOIN s USING (story_id) GROUP BY 1) "
            "SELECT sd.story_id, n.n_docs, da.actor_id, count(*) FROM story_documents sd JOIN n USING (story_id) "
            "JOIN doc_actors da USING (doc_id) GROUP BY 1, 2, 3", [actors]).fetchall():
        size[story_id] = n_docs
        named[story_id][actor_id] += n
        holding[actor_id].add(story_id)
    # The events new documents report with a few other articles (an event that hundreds of
    # articles mention, like a war decades ago, is background, not a shared story), and the
    # stories of the articles that report them.
    mine: dict[str, list[str]] = defaultdict(list)
    for doc_id, merged_id in con.execute(
            "SELECT DISTINCT e.doc_id, em.merged_id FROM events e JOIN event_mentions em USING (event_id) "
            "JOIN merged_events me USING (merged_id) WHERE e.doc_id IN (SELECT unnest(?)) "
            f"AND me.n_articles BETWEEN 2 AND {SHARED_EVENT_ARTICLES}", [new_ids]).fetchall():
        mine[doc_id].append(merged_id)
    story_of_event: dict[str, set[str]] = defaultdict(set)
    for merged_id, story_id in con.execute(
            "SELECT DISTINCT me.merged_id, sd.story_id FROM (SELECT merged_id, unnest(doc_ids) AS doc_id "
            "FROM merged_events WHERE merged_id IN (SELECT unnest(?))) me JOIN story_documents sd USING (doc_id)",
            [sorted({m for ms in mine.values() for m in ms})]).fetchall():
        story_of_event[merged_id].add(story_id)
    placed: dict[str, str] = {}
    for doc_id in new_ids:
        key = keys[doc_id]
        shared = sorted(set().union(*(story_of_event[m] for m in mine[doc_id])))
        candidates = set().union(*(holding[a] for a in key)) if key else set()
        scores = {s: sum(named[s][a] for a in key) / (size[s] * len(key)) for s in candidates}
        best = max(scores, key=lambda s: (scores[s], s), default=None)
        story = (shared[0] if shared else best if best is not None
                 and scores[best] >= cfg.story_overlap else f"s:{doc_id}")
        placed[doc_id] = story
        for m in mine[doc_id]:
            story_of_event[m].add(story)
        size[story] += 1
        for a in key:
            named[story][a] += 1
            holding[a].add(story)
    with store.transaction():
        con.register("_placed", pa.table({"doc_id": list(placed), "story_id": list(placed.values())}))
        con.execute("INSERT INTO story_documents SELECT doc_id, story_id FROM _placed")
        con.unregister("_placed")
        touched = sorted(set(placed.values()))
        _summarise(store, touched)
    return len(touched)


def _summarise(store: Store, story_ids: list[str]) -> None:
    """Recompute the ``stories`` rows of the given stories from their documents."""
    con = store.con
    con.execute("DELETE FROM stories WHERE story_id IN (SELECT unnest(?))", [story_ids])
    rows = con.execute(
        "SELECT sd.story_id, min(d.published), max(d.published), count(*), "
        "count(DISTINCT coalesce(d.outlet, d.doc_id)) FROM story_documents sd JOIN documents d USING (doc_id) "
        "WHERE sd.story_id IN (SELECT unnest(?)) GROUP BY 1", [story_ids]).fetchall()
    top_actors: dict[str, list[dict[str, object]]] = defaultdict(list)
    for story_id, actor_id, name, n in con.execute(
            "SELECT story_id, actor_id, name, n FROM (SELECT sd.story_id, da.actor_id, coalesce(a.name, da.actor_id) "
            "AS name, count(*) AS n, row_number() OVER (PARTITION BY sd.story_id ORDER BY count(*) DESC, "
            "sum(da.n) DESC, da.actor_id) AS r FROM story_documents sd JOIN doc_actors da USING (doc_id) "
            "LEFT JOIN actors a ON a.actor_id = da.actor_id WHERE sd.story_id IN (SELECT unnest(?)) "
            "GROUP BY sd.story_id, da.actor_id, a.name) WHERE r <= 5 ORDER BY story_id, r", [story_ids]).fetchall():
        top_actors[story_id].append({"actor_id": actor_id, "name": name, "documents": n})
    top_events: dict[str, list[dict[str, object]]] = defaultdict(list)
    for story_id, event_type, n in con.execute(
            "SELECT sd.story_id, e.event_type, count(*) AS n FROM story_documents sd JOIN events e USING (doc_id) "
            "WHERE sd.story_id IN (SELECT unnest(?)) AND NOT e.negated GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2",
            [story_ids]).fetchall():
        if len(top_events[story_id]) < 5:
            top_events[story_id].append({"event_type": event_type, "count": n})
    out = []
    for story_id, first, last, n_docs, n_outlets in rows:
        out.append({"story_id": story_id, "title": title(top_actors[story_id], top_events[story_id]),
                    "first_date": first, "last_date": last, "n_documents": n_docs, "n_outlets": n_outlets,
                    "top_actors": json.dumps(top_actors[story_id], ensure_ascii=False),
                    "top_events": json.dumps(top_events[story_id])})
    if out:
        con.register("_stories", pa.Table.from_pylist(out))
        con.execute("INSERT INTO stories BY NAME SELECT * FROM _stories")
        con.unregister("_stories")


def title(top_actors: list[dict[str, object]], top_events: list[dict[str, object]]) -> str:
    """'Armenia, Azerbaijan and Ilham Aliyev: fighting and talks'."""
    names = [str(a["name"]) for a in top_actors[:3]]
    who = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else (names[0] if names else "Untitled")
    what = [EVENT_WORDS[str(e["event_type"])] for e in top_events[:2]]
    return f"{who}: {' and '.join(what)}" if what else who
