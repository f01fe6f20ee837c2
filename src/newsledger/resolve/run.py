"""The cross-document stage, in order: the search index, the days documents name, actors, duplicates,
merged events, stories.

Each step reads what the store holds and updates only what new documents change, except the
actors table, which is rebuilt (its merges can join any two people). ``full=True`` clears the
derived tables first, for when settings or actor merges changed what earlier steps decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsledger.config import ResolveConfig
from newsledger.resolve.actors import resolve_actors
from newsledger.resolve.doc_dates import index_dates
from newsledger.resolve.duplicates import find_duplicates
from newsledger.resolve.merge import merge_events
from newsledger.resolve.search import index_documents
from newsledger.resolve.stories import group_stories
from newsledger.store.db import Store

DERIVED = ("doc_minhash", "doc_bands", "duplicates", "event_mentions", "merged_events", "doc_actors",
           "story_documents", "stories", "doc_terms", "doc_dates")


@dataclass(slots=True)
class ResolveCounts:
    actors: int = 0
    duplicates: int = 0  # new duplicate rows
    merged_events: int = 0  # merged events created or updated
    stories: int = 0  # stories created or updated


def resolve_store(store: Store, cfg: ResolveConfig, dictionary: str | Path | None = None,
                  full: bool = False) -> ResolveCounts:
    """Bring every cross-document table up to date with the documents stored."""
    if full:
        for table in DERIVED:
            store.con.execute(f"DELETE FROM {table}")  # names from DERIVED, not input
    index_documents(store)
    index_dates(store)
    return ResolveCounts(
        actors=resolve_actors(store, dictionary),
        duplicates=find_duplicates(store, cfg),
        merged_events=merge_events(store, cfg),
        stories=group_stories(store, cfg),
    )
