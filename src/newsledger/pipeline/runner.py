"""Run ingest -> annotate -> store over a stream of inputs, chunk by chunk.

Memory stays flat in corpus size: inputs are read lazily and only one chunk (a few
batches per worker) is in flight. Exact duplicates are dropped *before* parsing, the
expensive step: by input id (the same file again) and by document id (the same cleaned
text from another file or outlet).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from newsledger.config import Config
from newsledger.executors.base import Executor
from newsledger.models import Annotated, Document, LogEntry, RawInput, Status
from newsledger.pipeline.annotate import annotate_batch
from newsledger.pipeline.ingest.prepare import prepare_batch
from newsledger.pipeline.ingest.readers import Item
from newsledger.store.db import Store

T = TypeVar("T")


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

    def add(self, entry: LogEntry) -> None:
        setattr(self, entry.status.value, getattr(self, entry.status.value) + 1)
        if entry.status in (Status.SKIPPED, Status.FAILED):
            self.problems.append(entry)

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("stored", "duplicate", "skipped", "failed", "unchanged")}


def _flatten(results: Iterable[list[T]]) -> list[T]:
    return [x for batch in results for x in batch]


def run_ingest(
    items: Iterable[Item],
    store: Store,
    cfg: Config,
    executor: Executor,
    run_id: str,
    on_chunk: Callable[[RunCounts], None] | None = None,
) -> RunCounts:
    """Process ``items`` into ``store``; each chunk is committed before the next starts."""
    counts = RunCounts()
    size = cfg.ingest.batch_size
    prepare = partial(prepare_batch, cfg=cfg.ingest)
    annotate = partial(annotate_batch, cfg=cfg.annotate, batch_size=size)
    for chunk in batched(items, size * max(1, executor.workers) * 2):
        logs: list[LogEntry] = []
        raws: list[RawInput] = []
        known = store.known_inputs(i.input_id for i in chunk if isinstance(i, RawInput))
        for item in chunk:
            if isinstance(item, LogEntry):
                logs.append(item)
            elif item.input_id in known:
                counts.unchanged += 1
            else:
                known.add(item.input_id)  # the same input twice in one run is parsed once
                raws.append(item)
        prepared = _flatten(executor.map(prepare, batched(raws, size)))
        existing = store.existing_docs(p.doc_id for p in prepared if isinstance(p, Document))
        fresh: list[Document] = []
        for p in prepared:
            if isinstance(p, LogEntry):
                logs.append(p)
            elif p.doc_id in existing:
                logs.append(LogEntry(p.input_id, p.source, p.fmt, Status.DUPLICATE,
                                     "same cleaned text as a stored document", p.doc_id, p.n_bytes))
            else:
                existing.add(p.doc_id)
                fresh.append(p)
                logs.append(LogEntry(p.input_id, p.source, p.fmt, Status.STORED,
                                     "" if p.is_english else f"not analysed: language {p.language}",
                                     p.doc_id, p.n_bytes))
        annotated: list[Annotated] = _flatten(executor.map(annotate, batched(fresh, size)))
        store.write_batch(annotated, logs, run_id)
        for entry in logs:
            counts.add(entry)
        counts.sentences += sum(len(a.sentences) for a in annotated)
        counts.mentions += sum(len(a.mentions) for a in annotated)
        if on_chunk:
            on_chunk(counts)
    return counts
