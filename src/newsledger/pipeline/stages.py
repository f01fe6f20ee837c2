"""The per-document pipeline as a list of stages: what a worker does to each slice of a shard.

A stage has a ``name``, says which fields of ``Batch`` it ``reads`` and which it ``adds``
(spaCy's requires/assigns), and ``run(batch)`` returns the batch with its part added.
Stages are configured only through their constructor and keep no state of their own (the
shard's seen documents travel in the batch), so they pickle to a pool worker or a Ray actor
unchanged, and spaCy loads lazily where they run. ``pipeline/shards.py`` runs the list over
a shard; where the shard runs is an executor's choice, never a stage's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Protocol

import pyarrow as pa

from newsledger.config import AnnotateConfig, Config, IngestConfig
from newsledger.models import MAX_REASON_CHARS, Annotated, Document, LogEntry, RawInput, Status
from newsledger.pipeline.annotate import annotate_batch
from newsledger.pipeline.ingest.prepare import prepare_batch
from newsledger.pipeline.ingest.readers import Item
from newsledger.store.rows import log_table, record_tables
from newsledger.store.settle import DUPLICATE_REASON

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Batch:
    """A slice of one shard on its way through the stages; each stage fills its fields."""

    items: list[Item]  # as read: inputs, and what the readers refused
    seen: set[str]  # ids of the documents met earlier in the shard (shared by its batches)
    logs: list[LogEntry] = field(default_factory=list)  # one per input, in read order
    prepared: list[Document | LogEntry] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)  # new to the shard: to parse
    annotated: list[Annotated] = field(default_factory=list)
    tables: dict[str, pa.Table] = field(default_factory=dict)  # store.rows layout, ingest log included


class Stage(Protocol):
    """One step of the pipeline: a pure function of a batch and the stage's configuration."""

    @property
    def name(self) -> str: ...

    @property
    def reads(self) -> tuple[str, ...]: ...

    @property
    def adds(self) -> tuple[str, ...]: ...

    def run(self, batch: Batch) -> Batch: ...


@dataclass(frozen=True, slots=True)
class Prepare:
    """Decode, extract, clean and describe each input (``pipeline/ingest/prepare.py``)."""

    cfg: IngestConfig
    name: str = "prepare"
    reads: tuple[str, ...] = ("items",)
    adds: tuple[str, ...] = ("logs", "prepared")

    def run(self, batch: Batch) -> Batch:
        batch.logs += [i for i in batch.items if isinstance(i, LogEntry)]  # the readers' refusals come first
        batch.prepared = prepare_batch([i for i in batch.items if isinstance(i, RawInput)], self.cfg)
        return batch


@dataclass(frozen=True, slots=True)
class Dedup:
    """Log every prepared input; keep for parsing only documents the shard has not met.

    An exact duplicate (the same cleaned text) is logged ``duplicate`` and never parsed.
    Duplicates of other shards or of the store are settled by the writer (``store/settle.py``).
    """

    name: str = "dedup"
    reads: tuple[str, ...] = ("prepared", "seen")
    adds: tuple[str, ...] = ("logs", "documents")

    def run(self, batch: Batch) -> Batch:
        for p in batch.prepared:
            if isinstance(p, LogEntry):
                batch.logs.append(p)
            elif p.doc_id in batch.seen:
                batch.logs.append(LogEntry(p.input_id, p.source, p.fmt, Status.DUPLICATE, DUPLICATE_REASON, p.doc_id,
                                           p.n_bytes))
            else:
                batch.seen.add(p.doc_id)
                batch.documents.append(p)
                batch.logs.append(LogEntry(p.input_id, p.source, p.fmt, Status.STORED,
                                           "" if p.analysable else f"not analysed: language {p.language}", p.doc_id,
                                           p.n_bytes))
        return batch


@dataclass(frozen=True, slots=True)
class Annotate:
    """spaCy, then actors, quotes, claims and events (``pipeline/annotate.py``)."""

    cfg: AnnotateConfig
    batch_size: int
    name: str = "annotate"
    reads: tuple[str, ...] = ("documents",)
    adds: tuple[str, ...] = ("annotated",)

    def run(self, batch: Batch) -> Batch:
        try:
            batch.annotated = annotate_batch(batch.documents, self.cfg, batch_size=self.batch_size)
        except Exception:  # noqa: BLE001 - one text broke a component: find it, keep the others
            batch.annotated = [self._alone(batch, doc) for doc in batch.documents]
        return batch

    def _alone(self, batch: Batch, doc: Document) -> Annotated:
        """A document annotated by itself; one that still fails is stored unanalysed, with the reason."""
        try:
            return annotate_batch([doc], self.cfg, batch_size=1)[0]
        except Exception as exc:  # noqa: BLE001 - recorded in the ingest log, never lost
            log.exception("annotating %s failed", doc.source)
            for entry in batch.logs:
                if entry.doc_id == doc.doc_id and entry.status == Status.STORED:
                    entry.reason = f"not analysed: {type(exc).__name__}: {exc}"[:MAX_REASON_CHARS]
            return Annotated(doc)


@dataclass(frozen=True, slots=True)
class Rows:
    """The batch as Arrow tables, one per store table: built where the records are made.

    At 2 workers on 2 cores, building rows in the single writer took about a tenth of the CPU
    from parsing, and a table crosses a process boundary as a few buffers (``store/rows.py``).
    """

    schemas: dict[str, pa.Schema]
    run_id: str
    name: str = "rows"
    reads: tuple[str, ...] = ("annotated", "logs")
    adds: tuple[str, ...] = ("tables",)

    def run(self, batch: Batch) -> Batch:
        tables = record_tables(batch.annotated, self.schemas, self.run_id)
        tables["ingest_log"] = log_table(batch.logs, self.schemas["ingest_log"], self.run_id)
        batch.tables = {name: tables.get(name, schema.empty_table()) for name, schema in self.schemas.items()}
        return batch


def pipeline(cfg: Config, schemas: dict[str, pa.Schema], run_id: str) -> tuple[Stage, ...]:
    """The stages every shard goes through, in order: the one list to extend."""
    return (Prepare(cfg.ingest), Dedup(), Annotate(cfg.annotate, cfg.ingest.batch_size), Rows(schemas, run_id))
