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

from newsledger.config import ResolveConfig
from newsledger.store import stories
from newsledger.store.db import Store

SHARED_EVENT_ARTICLES = 20  # an event reported by more articles than this does not make a story
# How titles name a story's most frequent kinds of event.
EVENT_WORDS = {
    "AGREE": "agreements", "CONSULT": "talks", "SUPPORT": "support", "CONCEDE": "concessions",
    "COOPERATE": "cooperation", "AID": "aid", "RETREAT": "ceasefires and withdrawals", "REQUEST": "appeals",
    "ACCUSE": "accusations", "REJECT": "rejections", "THREATEN": "threats", "PROTEST": "protests",
    "SANCTION": "sanctions", "MOBILIZE": "deployments", "COERCE": "seizures and arrests", "ASSAULT": "fighting",
}


def group_stories(store: Store, cfg: ResolveConfig) -> int:
    """Put new documents into stories; returns how many stories changed."""
    new_ids = stories.unplaced(store)
    if not new_ids:
        return 0
    keys: dict[str, set[str]] = defaultdict(set)
    for doc_id, actor_id in stories.key_actors(store, new_ids):
        keys[doc_id].add(actor_id)
    # Existing stories that share a key actor: their size and how many documents name each actor.
    size: Counter[str] = Counter()
    named: dict[str, Counter[str]] = defaultdict(Counter)
    holding: dict[str, set[str]] = defaultdict(set)  # actor -> stories whose documents name it
    for story_id, n_docs, actor_id, n in stories.naming(store, sorted({a for k in keys.values() for a in k})):
        size[story_id] = n_docs
        named[story_id][actor_id] += n
        holding[actor_id].add(story_id)
    # The events new documents report with a few other articles (an event that hundreds of
    # articles mention, like a war decades ago, is background, not a shared story), and the
    # stories of the articles that report them.
    mine: dict[str, list[str]] = defaultdict(list)
    for doc_id, merged_id in stories.shared_events(store, new_ids, SHARED_EVENT_ARTICLES):
        mine[doc_id].append(merged_id)
    story_of_event: dict[str, set[str]] = defaultdict(set)
    for merged_id, story_id in stories.of_events(store, sorted({m for ms in mine.values() for m in ms})):
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
        stories.place(store, placed)
        touched = sorted(set(placed.values()))
        _summarise(store, touched)
    return len(touched)


def _summarise(store: Store, story_ids: list[str]) -> None:
    """Recompute the ``stories`` rows of the given stories from their documents."""
    rows, actors, event_types = stories.facts(store, story_ids)
    top_actors: dict[str, list[dict[str, object]]] = defaultdict(list)
    for story_id, actor_id, name, n in actors:
        top_actors[story_id].append({"actor_id": actor_id, "name": name, "documents": n})
    top_events: dict[str, list[dict[str, object]]] = defaultdict(list)
    for story_id, event_type, n in event_types:
        if len(top_events[story_id]) < 5:
            top_events[story_id].append({"event_type": event_type, "count": n})
    out = []
    for story_id, first, last, n_docs, n_outlets in rows:
        out.append({"story_id": story_id, "title": title(top_actors[story_id], top_events[story_id]),
                    "first_date": first, "last_date": last, "n_documents": n_docs, "n_outlets": n_outlets,
                    "top_actors": json.dumps(top_actors[story_id], ensure_ascii=False),
                    "top_events": json.dumps(top_events[story_id])})
    stories.replace(store, story_ids, out)


def _state_of(actor_id: str) -> str:
    """The state an actor id stands for or belongs to ("state:AZE", "gov:AZE" and "mil:AZE" are all
    Azerbaijan's), else the id itself."""
    kind, _, code = actor_id.partition(":")
    return code if kind != "igo" and len(code) == 3 and code.isupper() else actor_id


def title(top_actors: list[dict[str, object]], top_events: list[dict[str, object]]) -> str:
    """'Armenia, Azerbaijan and Ilham Aliyev: fighting and talks': the three most named actors, a
    state named once (not "Azerbaijan, Armenia and Azerbaijan (government)")."""
    shown: dict[str, str] = {}
    for a in top_actors:
        shown.setdefault(_state_of(str(a["actor_id"])), str(a["name"]))
    names = list(shown.values())[:3]
    who = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else (names[0] if names else "Untitled")
    what = [EVENT_WORDS[str(e["event_type"])] for e in top_events[:2]]
    return f"{who}: {' and '.join(what)}" if what else who
