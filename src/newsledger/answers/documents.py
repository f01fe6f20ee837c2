"""Documents: the list, one document with its sentences and entities, what was extracted from it, search hits."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from newsledger.answers.base import (
    ActorId,
    ActorKind,
    Answer,
    Country,
    DocId,
    End,
    EventDate,
    EventId,
    EventType,
    Modality,
    Mode,
    Names,
    Outlet,
    Precision,
    Published,
    Quad,
    QuoteKind,
    Sector,
    Start,
    Strings,
    Title,
    UtcTime,
)
from newsledger.models import Section


class DocumentRow(Answer):
    """A document in a list."""

    doc_id: DocId
    outlet: Outlet
    published: Published
    published_precision: Precision
    language: str = Field(description="ISO 639-1 code, or und when too short to tell")
    title: Title
    n_words: int
    source: str = Field(description="Where it was read: path, path:line, path#row or path::URL")


class DocumentSentence(Answer):
    """A sentence of a document."""

    idx: int
    start_char: Start
    end_char: End
    section: str = Field(description="title, subtitle, body or caption")
    text: str


class EntityMention(Answer):
    """An entity the document names, with the actor it was resolved to, if any."""

    idx: int
    start_char: Start
    end_char: End
    text: str
    label: str = Field(description="spaCy's entity label, or PRON / NOM for a pronoun or description of an actor")
    sentence_idx: int
    actor_id: ActorId | None
    role: str | None = Field(description="The title phrase, e.g. Azerbaijani President")


class Document(Answer):
    """One document: the stored row (its cleaned text and how each piece of metadata was found), sections,
    sentences and entity mentions."""

    doc_id: DocId
    source: str
    fmt: str
    url: str | None
    outlet: Outlet
    outlet_source: str = Field(description="How the outlet was found: given, html, credit, dateline, signoff, unknown")
    title: Title
    text: str = Field(description="The cleaned text; every span is an offset into it")
    sections: list[Section]
    published: Published
    published_precision: Precision
    published_source: str = Field(description="How the date was found: given, html, timestamp, dateline, caption, "
                                              "unknown")
    published_text: str | None
    dateline: str | None = Field(description="The place the dateline names, e.g. BAKU")
    language: str
    language_score: float | None
    analysed: bool = Field(description="False for a document in a language the pipeline does not analyse")
    n_chars: int
    n_words: int
    n_bytes: int | None
    input_id: str | None
    run_id: str | None
    ingested_at: UtcTime
    schema_version: int
    sentences: list[DocumentSentence]
    mentions: list[EntityMention]


class OtherReport(Answer):
    """Another article that reports the same merged event."""

    doc_id: DocId
    outlet: Outlet
    title: Title
    published: Published


class EventInDocument(Answer):
    """An event coded in the document, with its spans, rule, and the other articles reporting it."""

    event_id: EventId
    start_char: Start
    end_char: End
    trigger_start: Start
    trigger_end: End
    trigger: str
    event_type: EventType
    mode: Mode
    quad: Quad
    cameo: str
    source_ids: list[str] = Field(description="Actor ids across documents, as the actor pages know them")
    source_names: Names
    target_ids: list[str]
    target_names: Names
    negated: bool
    modality: Modality
    date: EventDate
    date_precision: Precision
    date_text: str | None
    location: str | None
    location_country: str | None
    confidence: float
    rule: str
    merged_id: str | None
    n_articles: int | None
    n_outlets: int | None
    outlets: Strings
    other_reports: list[OtherReport]


class QuoteInDocument(Answer):
    """A quote in the document, with its speaker's span and the other outlets that carry the same words."""

    idx: int
    start_char: Start
    end_char: End
    kind: QuoteKind
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    actor_id: ActorId | None
    actor: str | None
    cue: str | None
    addressee: str | None
    rule: str
    other_outlets: Strings


class ActorInDocument(Answer):
    """A mention of an actor in the document, with how it was resolved."""

    start_char: Start
    end_char: End
    text: str
    label: str
    actor_id: ActorId
    actor: str | None
    role: str | None
    kind: ActorKind
    country: Country
    sector: Sector
    rule: str | None


class Annotations(Answer):
    """What was extracted from one document, with spans: events, quotes and actor mentions."""

    doc_id: DocId
    events: list[EventInDocument]
    quotes: list[QuoteInDocument]
    actors: list[ActorInDocument]


class SearchHit(Answer):
    """A document holding every word searched for, with a snippet around the first."""

    doc_id: DocId
    title: Title
    outlet: Outlet
    published: Published
    snippet: str


class Duplicate(Answer):
    """An input that repeats a stored document: an exact copy (never stored) or a near-duplicate."""

    kind: Literal["exact", "near"]
    similarity: float = Field(description="1.0 for an exact copy, else the estimated Jaccard of body shingles")
    source: str
    doc_id: DocId | None = Field(description="The near-duplicate's own document; null for an exact copy")
    duplicate_of: DocId
    original_source: str
    original_outlet: Outlet
    outlet: Outlet
