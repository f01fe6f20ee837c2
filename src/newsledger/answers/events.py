"""Events: mentions coded to PLOVER (the list and one explained), and events merged across articles."""

from __future__ import annotations

from pydantic import Field

from newsledger.answers.base import (
    ActorId,
    Answer,
    DocId,
    End,
    EventDate,
    EventId,
    EventType,
    Ids,
    MergedId,
    Modality,
    Mode,
    Names,
    Outlet,
    Precision,
    Published,
    Quad,
    Sentence,
    Start,
    Strings,
    Title,
)


class EventRow(Answer):
    """An event mention: who did what to whom, when and where, with its sentence."""

    event_id: EventId
    doc_id: DocId
    outlet: Outlet
    published: Published
    event_type: EventType
    mode: Mode
    quad: Quad
    cameo: str = Field(description="The nearest CAMEO root code")
    intensity: float = Field(description="PLOVER score, -10 to +10")
    source_names: Names
    target_names: Names
    source_ids: Ids
    target_ids: Ids
    negated: bool = Field(description="The text says it did not happen")
    modality: Modality
    date: EventDate
    date_precision: Precision
    date_text: str | None = Field(description="The words the date was read from")
    location: str | None
    location_country: str | None
    trigger: str = Field(description="The word or phrase that triggered the coding")
    rule: str = Field(description="The frame, rule or model that coded it")
    confidence: float
    sentence: Sentence


class EventDocument(Answer):
    """The document an event was read from."""

    text: str
    outlet: Outlet
    published: Published
    source: str
    title: Title


class ActorSpan(Answer):
    """An actor named in the event's sentence."""

    start_char: Start
    end_char: End
    text: str
    actor_id: ActorId
    actor_name: str | None
    rule: str | None


class Event(Answer):
    """One event mention as stored, with its document and the actors named in its sentence, for explaining it."""

    event_id: EventId
    doc_id: DocId
    idx: int
    sentence_idx: int
    start_char: Start
    end_char: End
    trigger_start: Start
    trigger_end: End
    trigger: str
    event_type: EventType
    mode: Mode
    quad: Quad
    cameo: str
    intensity: float
    source_ids: Ids
    source_names: Names
    target_ids: Ids
    target_names: Names
    negated: bool
    modality: Modality
    date: EventDate
    date_precision: Precision
    date_text: str | None
    location: str | None
    location_country: str | None
    latitude: float | None
    longitude: float | None
    confidence: float
    rule: str
    document: EventDocument
    mentions: list[ActorSpan]


class MergedEventRow(Answer):
    """An event as reported across articles, with its article and outlet counts (GDELT's NumArticles, NumSources)."""

    merged_id: MergedId
    event_type: EventType
    quad: Quad
    participant_names: Names
    date: EventDate
    dates: Strings = Field(description="Every date the articles give: disagreement stays visible")
    locations: Strings
    n_mentions: int
    n_articles: int = Field(description="Articles reporting it, near-duplicates excluded")
    n_outlets: int
    outlets: Strings
    sentence: str | None = Field(description="The sentence of a representative mention")
    event_id: EventId


class MergedMention(Answer):
    """One article's report of a merged event."""

    event_id: EventId
    doc_id: DocId
    outlet: Outlet
    published: Published
    title: Title
    date: EventDate
    date_text: str | None
    location: str | None
    trigger: str
    sentence: Sentence


class MergedEvent(Answer):
    """One merged event as stored, with each article's report."""

    merged_id: MergedId
    merge_key: str = Field(description="Type and sorted participants: what mentions must share to merge")
    event_type: EventType
    quad: Quad
    participants: list[str] = Field(description="Actor ids across documents")
    participant_names: Names
    source_ids: Ids
    target_ids: Ids
    date: EventDate
    dates: Strings
    locations: Strings
    countries: Strings
    n_mentions: int
    n_articles: int
    n_outlets: int
    outlets: Strings
    doc_ids: Strings
    first_published: Published
    event_id: EventId
    sentence: str | None
    mentions: list[MergedMention]
