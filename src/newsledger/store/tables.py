"""Every table of the store, declared once: who writes it, how, and whether users export it.

The write path, the shard writer and loader, the cross-article rebuild and `export` read their
table lists from here, so a new table is a line in ``schema.sql`` and a line below; ``Store``
checks at open that the two name the same tables (issue 17: four hand-kept lists had to agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    # "batch": written by the per-document pipeline (and by shards); "resolve": built by the
    # cross-article stage from the documents; "run": the runs' own bookkeeping.
    written_by: Literal["batch", "resolve", "run"]
    on_conflict: Literal["IGNORE", "REPLACE"] | None = None  # batch tables: a re-inserted key
    per_document: bool = False  # batch rows nested under their document in a shard's records
    rebuilt: bool = False  # cleared by `resolve --full` and recomputed from the documents
    exported: bool = True  # offered by `newsledger export --table`


# In the order `export` lists them: what an article holds, then what is built across articles;
# then the working tables users never export.
REGISTRY: tuple[Table, ...] = (
    Table("documents", "batch", "IGNORE"),
    Table("ingest_log", "batch", "REPLACE"),  # the log keeps the latest reason
    Table("sentences", "batch", "IGNORE", per_document=True),
    Table("mentions", "batch", "IGNORE", per_document=True),
    Table("actors", "resolve"),
    Table("actor_merges", "resolve"),
    Table("quotes", "batch", "IGNORE", per_document=True),
    Table("claims", "batch", "IGNORE", per_document=True),
    Table("events", "batch", "IGNORE", per_document=True),
    Table("runs", "run"),
    Table("duplicates", "resolve", rebuilt=True),
    Table("merged_events", "resolve", rebuilt=True),
    Table("event_mentions", "resolve", rebuilt=True),
    Table("stories", "resolve", rebuilt=True),
    Table("story_documents", "resolve", rebuilt=True),
    Table("doc_dates", "resolve", rebuilt=True),
    Table("resolve_state", "run", exported=False),
    Table("doc_minhash", "resolve", rebuilt=True, exported=False),
    Table("doc_bands", "resolve", rebuilt=True, exported=False),
    Table("doc_actors", "resolve", rebuilt=True, exported=False),
    Table("doc_terms", "resolve", rebuilt=True, exported=False),
)

WRITE_TABLES: dict[str, str] = {t.name: t.on_conflict or "IGNORE" for t in REGISTRY if t.written_by == "batch"}
RECORD_TABLES: tuple[str, ...] = tuple(t.name for t in REGISTRY if t.per_document)
DERIVED: tuple[str, ...] = tuple(t.name for t in REGISTRY if t.rebuilt)
TABLES: tuple[str, ...] = tuple(t.name for t in REGISTRY if t.exported)
NAMES = frozenset(t.name for t in REGISTRY)
