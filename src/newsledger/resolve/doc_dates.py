"""Index the days each document names (table ``doc_dates``), for the timelines.

Filled by the resolve step for documents not yet indexed, like the search index: each new
document gets a ``published`` row (its own day, or NULL) that marks it done, and a ``named``
row for every day-precise date phrase of its sentences (``find_dates``), with the span.
"""

from __future__ import annotations

import pyarrow as pa

from newsledger.dates import find_dates, publication_day
from newsledger.store.db import Store

BATCH = 2_000  # documents per pass: bounded memory when a large archive is indexed at once
_COLUMNS = ("doc_id", "kind", "day", "sentence_idx", "start_char", "end_char", "text")


def index_dates(store: Store) -> int:
    """Add the days named by documents not yet indexed; returns how many documents were added."""
    todo = store.con.execute(
        "SELECT doc_id, published FROM documents WHERE doc_id NOT IN (SELECT doc_id FROM doc_dates "
        "WHERE kind = 'published') ORDER BY doc_id").fetchall()
    for first in range(0, len(todo), BATCH):
        batch = dict(todo[first:first + BATCH])
        rows: list[tuple[object, ...]] = []
        for doc_id, published in batch.items():
            day = publication_day(published)
            rows.append((doc_id, "published", day.isoformat() if day else None, None, None, None, None))
        for doc_id, idx, start, text in store.con.execute(
                "SELECT doc_id, idx, start_char, text FROM sentences WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                [list(batch)]).fetchall():
            rows += [(doc_id, "named", m.day, idx, start + m.start, start + m.end, m.text)
                     for m in find_dates(text, batch[doc_id])]
        table = pa.table({c: [r[i] for r in rows] for i, c in enumerate(_COLUMNS)},
                         schema=pa.schema([("doc_id", pa.string()), ("kind", pa.string()), ("day", pa.string()),
                                           ("sentence_idx", pa.int32()), ("start_char", pa.int32()),
                                           ("end_char", pa.int32()), ("text", pa.string())]))
        store.con.register("_doc_dates", table)
        store.con.execute("INSERT INTO doc_dates SELECT * FROM _doc_dates")
        store.con.unregister("_doc_dates")
    return len(todo)
