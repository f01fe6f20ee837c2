"""The store as a whole: its summary, what is pending, the ingest log and reports, the ontology it codes with."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from newsledger.answers.base import Answer, DocId, UtcTime
from newsledger.models import Status


class InputProblem(Answer):
    """An input that was skipped or failed (or stored but not analysed), and why."""

    source: str
    status: Status
    reason: str


class OutletCount(Answer):
    """An outlet and its documents; (unknown) for documents without one."""

    outlet: str
    documents: int


class DateRange(Answer):
    """The publication dates of the store's documents."""

    first: str | None
    last: str | None
    dated: int
    undated: int


class LanguageCount(Answer):
    """A language and its documents."""

    language: str
    documents: int


class TopEntity(Answer):
    """An entity as written, with its label, mentions and documents."""

    text: str
    label: str
    mentions: int
    documents: int


class Summary(Answer):
    """Counts, outlets, dates, languages, top entities and the first problem inputs of the store."""

    documents: int
    analysed: int
    sentences: int
    mentions: int
    n_outlets: int
    outlets: list[OutletCount] = Field(description="The largest outlets (summary.outlets of them)")
    dates: DateRange
    languages: list[LanguageCount]
    top_entities: list[TopEntity]
    log: dict[str, int] = Field(description="Inputs by status")
    n_problems: int
    problems: list[InputProblem] = Field(description="The first problem inputs (summary.problems of them), source "
                                                     "and reason cut to 300 characters; the ingest log has all")


class ResolveState(Answer):
    """What the cross-article tables were last computed from."""

    fingerprint: str
    n_documents: int
    run_id: str | None = Field(description="Null when `newsledger resolve` ran it")
    resolved_at: UtcTime


class InterruptedRun(Answer):
    """A run that stopped before its end and has not been rerun since, and the stage it reached."""

    run_id: str
    started: UtcTime
    stage: str | None


class Run(Answer):
    """A run of ingest or load."""

    run_id: str
    started: UtcTime
    finished: UtcTime | None
    status: Literal["running", "done", "interrupted", "failed"]
    stage: str | None = Field(description="The stage reached: ingest or load, then resolve")
    workers: int | None
    inputs: list[str]
    counts: dict[str, int] = Field(description="Inputs by status")


class RunStatus(Answer):
    """What is pending: whether the cross-article tables are current, interrupted runs, the latest runs."""

    documents: int
    cross_article_current: bool
    resolved: ResolveState | None
    documents_pending: int = Field(description="Documents the cross-article stage has not seen yet")
    interrupted: list[InterruptedRun]
    runs: list[Run]


class EventTypeInfo(Answer):
    """A PLOVER event type."""

    quad: int
    cameo: str = Field(description="The nearest CAMEO root code")
    score: float
    modes: dict[str, float] = Field(description="Each mode and its score")


class Ontology(Answer):
    """The PLOVER event types and quad classes the ledger codes with, in the manual's order."""

    quads: dict[str, str]
    types: dict[str, EventTypeInfo] = Field(description="Each type by name")


class LogEntry(Answer):
    """An input and what became of it."""

    source: str
    fmt: str
    status: Status
    reason: str
    doc_id: DocId | None
    n_bytes: int | None
    logged_at: UtcTime


class IngestReport(Answer):
    """What an ingest did: inputs by status, and the problem inputs with their reasons."""

    stored: int
    duplicate: int
    unchanged: int
    skipped: int
    failed: int
    problems: list[InputProblem]
