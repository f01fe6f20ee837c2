"""Actors: the list, one actor's page (roles over time, aliases, mentions, co-actors), the events they take part in."""

from __future__ import annotations

from pydantic import Field

from newsledger.answers.base import (
    ActorId,
    ActorKind,
    Answer,
    Country,
    DocId,
    EventDate,
    EventId,
    EventType,
    Igo,
    Modality,
    Names,
    Outlet,
    Published,
    Quad,
    Sector,
    Sentence,
)


class ActorRow(Answer):
    """An actor in a list."""

    actor_id: ActorId
    name: str
    kind: ActorKind
    country: Country
    igo: Igo
    sector: Sector
    n_mentions: int
    n_documents: int
    first_seen: Published
    last_seen: Published


class Role(Answer):
    """A role the text gives an actor, as of the document's publication date."""

    role: str = Field(description="The title phrase, e.g. Azerbaijani President")
    country: Country
    igo: Igo
    sector: Sector
    date: Published
    doc_id: DocId


class Alias(Answer):
    """A spelling an actor goes by, and how often it is seen."""

    text: str
    count: int


class ActorMention(Answer):
    """Where an actor is named: the document and the sentence."""

    doc_id: DocId
    outlet: Outlet
    published: Published
    text: str
    label: str
    rule: str | None
    role: str | None
    sentence: Sentence


class CoActor(Answer):
    """An actor named in the same sentences, and in how many."""

    actor_id: ActorId
    name: str
    sentences: int


class Actor(Answer):
    """One actor: roles over time as the texts state them, aliases, mentions (at most 200) and co-occurring actors
    (at most 10)."""

    actor_id: ActorId
    name: str
    kind: ActorKind
    country: Country
    igo: Igo
    sector: Sector
    roles: list[Role]
    aliases: list[Alias]
    n_mentions: int
    n_documents: int
    first_seen: Published
    last_seen: Published
    mentions: list[ActorMention]
    co_actors: list[CoActor]


class ActorEvent(Answer):
    """An event in which the actor is source or target."""

    event_id: EventId
    doc_id: DocId
    outlet: Outlet
    published: Published
    event_type: EventType
    quad: Quad
    source_names: Names
    target_names: Names
    negated: bool
    modality: Modality
    date: EventDate
    location: str | None
    trigger: str
    sentence: Sentence
