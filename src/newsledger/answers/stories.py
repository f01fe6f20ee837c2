"""Stories: the list, one story, how its outlets differ, who acts on whom, its quotes by speaker; timelines."""

from __future__ import annotations

from pydantic import Field

from newsledger.answers.base import (
    ActorId,
    ActorKind,
    Answer,
    Country,
    DocId,
    End,
    EventDate,
    EventType,
    MergedId,
    Names,
    Outlet,
    Published,
    Quad,
    QuoteKind,
    Sector,
    Sentence,
    Start,
    StoryId,
    Strings,
    Title,
)


class TopActor(Answer):
    """An actor of a story, and in how many of its documents."""

    actor_id: ActorId
    name: str
    documents: int


class TopEvent(Answer):
    """An event type of a story, and how many of its events have it."""

    event_type: EventType
    count: int


class StoryRow(Answer):
    """A story: articles grouped by shared actors and events, with a generated title."""

    story_id: StoryId
    title: str
    first_date: Published
    last_date: Published
    n_documents: int
    n_outlets: int
    top_actors: list[TopActor]
    top_events: list[TopEvent]


class StoryDocument(Answer):
    """A document of a story."""

    doc_id: DocId
    outlet: Outlet
    published: Published
    title: Title
    source: str


class Story(StoryRow):
    """One story with its documents, oldest first."""

    documents: list[StoryDocument]


class ComparedEvent(Answer):
    """A merged event of the story, and which outlets report it."""

    merged_id: MergedId
    event_type: EventType
    quad: Quad
    participant_names: Names
    date: EventDate
    outlets: list[str]


class QuotedSpeaker(Answer):
    """A speaker quoted in the story, and how often by each outlet."""

    speaker: str
    outlets: dict[str, int]


class Term(Answer):
    """A word distinctive of one outlet against the story's others (weighted log-odds with a Dirichlet prior)."""

    term: str
    z: float = Field(description="The z-scored log-odds ratio")
    count: int = Field(description="Uses by this outlet")
    others: int = Field(description="Uses by the other outlets")


class ComparedClaim(Answer):
    """A figure in one of the story's articles."""

    doc_id: DocId
    outlet: str
    published: Published
    text: str
    value: float
    unit: str | None
    counted: str | None
    verb: str | None
    asserter: str | None
    sentence: Sentence


class ClaimConflict(Answer):
    """Figures that count the same thing with different values in different articles."""

    counted: str = Field(description="What is counted: a unit family (troops, people) or a unit")
    verb: str | None = Field(description="The verb they share, if one")
    values: list[float]
    claims: list[ComparedClaim]


class Comparison(Answer):
    """How the outlets of a story differ: events and quotes by outlet, distinctive words, clashing figures."""

    story_id: StoryId
    outlets: dict[str, int] = Field(description="Documents by outlet")
    events: list[ComparedEvent]
    quotes: list[QuotedSpeaker]
    terms: dict[str, list[Term]] = Field(description="Each outlet's most distinctive words")
    conflicting_claims: list[ClaimConflict]


class NetworkNode(Answer):
    """An actor of the story's network."""

    actor_id: ActorId
    name: str
    kind: ActorKind
    country: Country
    sector: Sector
    n_mentions: int


class NetworkEdge(Answer):
    """Events from one actor to another in the story, counted apart by cooperation (quads 1-2) and conflict (3-4)."""

    source: ActorId
    target: ActorId
    cooperation: int
    conflict: int


class Network(Answer):
    """Who acts on whom in a story: actors as nodes, source-to-target edges (at most 60)."""

    story_id: StoryId
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class StoryQuote(Answer):
    """A direct or partial quote in the story."""

    actor_id: ActorId | None
    doc_id: DocId
    outlet: Outlet
    published: Published
    kind: QuoteKind
    cue: str | None
    text: str
    start_char: Start
    end_char: End


class SpeakerQuotes(Answer):
    """A speaker's quotes in a story."""

    speaker: str = Field(description="The actor's name, else the speaker as written, else (unattributed)")
    actor_id: ActorId | None
    quotes: list[StoryQuote]


class TimelineEvent(Answer):
    """A merged event coded on a timeline's day."""

    merged_id: MergedId
    event_type: EventType
    quad: Quad
    participant_names: Names
    n_articles: int
    n_outlets: int
    dates: Strings
    locations: Strings


class CitedSentence(Answer):
    """A sentence saying what happened on a day, with its source and span."""

    text: str
    doc_id: DocId
    outlet: Outlet
    title: Title
    start_char: Start
    end_char: End
    sentence_idx: int | None = Field(description="Null when the day is known only from a coded event's sentence")


class TimelineEntry(Answer):
    """A day that matters: how the articles refer to it, what happened (one to three sentences) and its events."""

    date: str = Field(description="The day, ISO")
    weight: float = Field(description="How much the articles refer to the day; days are chosen by it")
    n_articles: int
    n_outlets: int
    events: list[TimelineEvent]
    sentences: list[CitedSentence]
    sentence: str | None = Field(description="The first sentence's text (and below, its source)")
    doc_id: DocId | None
    outlet: Outlet
    title: Title
