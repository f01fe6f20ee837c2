"""Index the days each document names (table ``doc_dates``), for the timelines.

Filled by the resolve step for documents not yet indexed, like the search index: each new
document gets a ``published`` row (its own day, or NULL) that marks it done, and a ``named``
row for every day-precise date phrase of its sentences (``find_dates``), with the span.
"""

from __future__ import annotations

from newsledger.dates import find_dates, publication_day
from newsledger.store import doc_dates
from newsledger.store.db import Store

BATCH = 2_000  # documents per pass: bounded memory when a large archive is indexed at once


def index_dates(store: Store) -> int:
    """Add the days named by documents not yet indexed; returns how many documents were added."""
    todo = doc_dates.unindexed(store)
    for first in range(0, len(todo), BATCH):
        batch = dict(todo[first:first + BATCH])
        rows: list[tuple[object, ...]] = []
        for doc_id, published in batch.items():
            day = publication_day(published)
            rows.append((doc_id, "published", day.isoformat() if day else None, None, None, None, None))
        for doc_id, idx, start, text in doc_dates.sentences(store, list(batch)):
            rows += [(doc_id, "named", m.day, idx, start + m.start, start + m.end, m.text)
                     for m in find_dates(text, batch[doc_id])]
        doc_dates.add(store, rows)
    return len(todo)
