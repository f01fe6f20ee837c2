"""Run ingest -> annotate -> store over a stream of inputs, chunk by chunk, pipelined.

Memory stays flat in corpus size: inputs are read lazily and at most two chunks are in
flight. Exact duplicates are dropped *before* parsing, the expensive step: by input id (the
same file again) and by document id (the same cleaned text from another file or outlet).
While the workers parse chunk i, the next chunk is prepared behind it in the pool's queue
and the coordinator writes chunk i-1, so workers do not wait for the single writer.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

import pyarrow as pa

from newsledger.config import Config
from newsledger.executors.base import Executor
from newsledger.models import Document, LogEntry, RawInput, Status
from newsledger.pipeline.annotate import annotate_batch
from newsledger.pipeline.ingest.prepare import prepare_batch
from newsledger.pipeline.ingest.readers import Item
from newsledger.store.db import Store
from newsledger.store.rows import concat, log_table, record_tables

T = TypeVar("T")

DUPLICATE_REASON = "same cleaned text as a stored document"


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


@dataclass(slots=True)
class RunCounts:
    stored: int = 0
    duplicate: int = 0
    skipped: int = 0
    failed: int = 0
    unchanged: int = 0  # already in the store from an earlier run
    sentences: int = 0
    mentions: int = 0
    problems: list[LogEntry] = field(default_factory=list)
    resolved: bool = False  # the cross-article stage ran (new documents, or left pending by an earlier run)

    def add(self, entry: LogEntry) -> None:
        setattr(self, entry.status.value, getattr(self, entry.status.value) + 1)
        if entry.status in (Status.SKIPPED, Status.FAILED):
            self.problems.append(entry)

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("stored", "duplicate", "skipped", "failed", "unchanged")}


@dataclass(slots=True)
class _Chunk:
    """One chunk on its way through the pipeline."""

    logs: list[LogEntry]
    input_ids: set[str]
    prepared: list[Future[list[Document | LogEntry]]] = field(default_factory=list)
    annotated: list[Future[dict[str, pa.Table]]] = field(default_factory=list)
    doc_ids: set[str] = field(default_factory=set)


class _Pipeline:
    def __init__(self, store: Store, cfg: Config, executor: Executor, run_id: str) -> None:
        self.store, self.executor, self.run_id = store, executor, run_id
        self.size = cfg.ingest.batch_size
        self.prepare = partial(prepare_batch, cfg=cfg.ingest)
        self.schemas = store.schemas()
        self.annotate = partial(annotate_tables, cfg=cfg, schemas=self.schemas, run_id=run_id)
        self.counts = RunCounts()
        # Ids submitted but not yet written: the store cannot see them yet.
        self.pending_inputs: set[str] = set()
        self.pending_docs: set[str] = set()

    def start(self, items: list[Item]) -> _Chunk:
        """Drop what is already stored, then queue the rest for ``prepare``."""
        chunk = _Chunk(logs=[], input_ids=set())
        known = self.store.known_inputs(i.input_id for i in items if isinstance(i, RawInput))
        raws: list[RawInput] = []
        for item in items:
            if isinstance(item, LogEntry):
                chunk.logs.append(item)
            elif item.input_id in known or item.input_id in self.pending_inputs:
                self.counts.unchanged += 1
            else:
                self.pending_inputs.add(item.input_id)
                chunk.input_ids.add(item.input_id)
                raws.append(item)
        chunk.prepared = [self.executor.submit(self.prepare, b) for b in batched(raws, self.size)]
        return chunk

    def parse(self, chunk: _Chunk) -> None:
        """Drop exact duplicates, then queue the fresh documents for ``annotate``."""
        prepared = [p for f in chunk.prepared for p in f.result()]
        seen = self.store.existing_docs(p.doc_id for p in prepared if isinstance(p, Document)) | self.pending_docs
        fresh = split_fresh(prepared, seen, chunk.logs)
        chunk.doc_ids = {d.doc_id for d in fresh}
        self.pending_docs |= chunk.doc_ids
        chunk.annotated = [self.executor.submit(self.annotate, b) for b in batched(fresh, self.size)]

    def write(self, chunk: _Chunk) -> None:
        tables = concat([f.result() for f in chunk.annotated])
        tables["ingest_log"] = log_table(chunk.logs, self.schemas["ingest_log"], self.run_id)
        self.store.write_tables(tables)
        self.pending_inputs -= chunk.input_ids
        self.pending_docs -= chunk.doc_ids
        for entry in chunk.logs:
            self.counts.add(entry)
        self.counts.sentences += tables["sentences"].num_rows if "sentences" in tables else 0
        self.counts.mentions += tables["mentions"].num_rows if "mentions" in tables else 0


def split_fresh(prepared: list[Document | LogEntry], seen: set[str], logs: list[LogEntry]) -> list[Document]:
    """Log every prepared input and return the documents to parse, in order.

    A document whose id is in ``seen`` (stored, or met earlier in the run) is an exact
    duplicate: logged, never parsed. The ids of the documents returned are added to ``seen``.
    """
    fresh: list[Document] = []
    for p in prepared:
        if isinstance(p, LogEntry):
            logs.append(p)
        elif p.doc_id in seen:
            logs.append(LogEntry(p.input_id, p.source, p.fmt, Status.DUPLICATE, DUPLICATE_REASON, p.doc_id, p.n_bytes))
        else:
            seen.add(p.doc_id)
            fresh.append(p)
            logs.append(LogEntry(p.input_id, p.source, p.fmt, Status.STORED,
                                 "" if p.analysable else f"not analysed: language {p.language}", p.doc_id, p.n_bytes))
    return fresh


def annotate_tables(docs: list[Document], cfg: Config, schemas: dict[str, pa.Schema], run_id: str
                    ) -> dict[str, pa.Table]:
    """The worker's part: annotate a batch and build its rows, so the single writer only inserts."""
    return record_tables(annotate_batch(docs, cfg.annotate, batch_size=cfg.ingest.batch_size), schemas, run_id)


def run_ingest(
    items: Iterable[Item],
    store: Store,
    cfg: Config,
    executor: Executor,
    run_id: str,
    on_chunk: Callable[[RunCounts], None] | None = None,
) -> RunCounts:
    """Process ``items`` into ``store``; each chunk is committed in one transaction, in order."""
    pipe = _Pipeline(store, cfg, executor, run_id)
    chunks = batched(items, cfg.ingest.batch_size * max(1, executor.workers) * 2)
    first = next(chunks, None)
    upcoming = pipe.start(first) if first else None
    parsing: _Chunk | None = None
    while upcoming is not None:
        pipe.parse(upcoming)  # waits for its prepare; queues its parse
        following = next(chunks, None)
        # Queued behind the parse just submitted, so workers never run dry.
        next_upcoming = pipe.start(following) if following else None
        if parsing is not None:
            pipe.write(parsing)
            if on_chunk:
                on_chunk(pipe.counts)
        parsing, upcoming = upcoming, next_upcoming
    if parsing is not None:
        pipe.write(parsing)
        if on_chunk:
            on_chunk(pipe.counts)
    return pipe.counts
