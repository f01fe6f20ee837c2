"""The cross-document stage, in order: the search index, the days documents name, actors, duplicates,
merged events, stories.

Each step reads what the store holds and updates only what new documents change, except the
actors table, which is rebuilt (its merges can join any two people). ``full=True`` clears the
derived tables first, for when settings or actor merges changed what earlier steps decided.

The whole stage is one transaction that also records what it was computed from
(``store/runs.py``): a kill at any moment leaves the tables as the last completed stage left
them, and the next run, seeing them stale, redoes the stage over everything since.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from newsledger.config import ResolveConfig
from newsledger.pipeline.knowledge import load_knowledge
from newsledger.resolve.actors import resolve_actors
from newsledger.resolve.doc_dates import index_dates
from newsledger.resolve.duplicates import find_duplicates
from newsledger.resolve.merge import merge_events
from newsledger.resolve.stories import group_stories
from newsledger.store.db import Store
from newsledger.store.runs import mark_resolved, resolved
from newsledger.store.search import index_documents
from newsledger.store.tables import DERIVED

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ResolveCounts:
    actors: int = 0
    duplicates: int = 0  # new duplicate rows
    merged_events: int = 0  # merged events created or updated
    stories: int = 0  # stories created or updated


def load_in_background() -> threading.Thread:
    """Start loading the knowledge base the actors step reads (about 0.25 s of CPU) in a thread.

    While pool workers parse, the coordinator mostly waits; the cross-article stage runs after
    the last batch, on one core, so what it loads then adds to the wall time in full. Join the
    thread before the stage (a call racing it would load the base twice).
    """
    thread = threading.Thread(target=_load_knowledge_quietly, name="newsledger-knowledge", daemon=True)
    thread.start()
    return thread


def _load_knowledge_quietly() -> None:
    """A broken knowledge file is reported by the actors step, which loads it again, not by this thread."""
    with contextlib.suppress(Exception):  # the stage raises the same error with its context
        load_knowledge()


def resolve_store(store: Store, cfg: ResolveConfig, dictionary: str | Path | None = None,
                  full: bool = False, run_id: str | None = None) -> ResolveCounts:
    """Bring every cross-document table up to date with the documents stored, atomically.

    A store whose derived tables hold rows but no record of what they reflect was written by
    a version whose stage was not one transaction, and may be half-done: it is rebuilt.
    """
    counts = ResolveCounts()
    with store.transaction():
        if not full and resolved(store) is None and store.count("doc_terms"):
            log.warning("cross-article tables of unknown state (an older version's store): rebuilding them")
            full = True
        if full:
            store.clear(DERIVED)
        log.info("cross-article stage: search index")
        index_documents(store)
        log.info("cross-article stage: dates the articles name")
        index_dates(store)
        log.info("cross-article stage: actors")
        counts.actors = resolve_actors(store, dictionary)
        log.info("cross-article stage: duplicates")
        counts.duplicates = find_duplicates(store, cfg)
        log.info("cross-article stage: merged events")
        counts.merged_events = merge_events(store, cfg)
        log.info("cross-article stage: stories")
        counts.stories = group_stories(store, cfg)
        mark_resolved(store, run_id)
    log.info("cross-article stage: committed")
    return counts
