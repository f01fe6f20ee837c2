"""What the actor rules share about one document: its parse, the gazetteer and knowledge base,
the mentions found so far and the people met, most recent first.

``pipeline/actors.py`` composes the rule families (``actor_people``, ``actor_institutions``,
``actor_entities``, ``actor_groups``) over this base; each adds mentions through ``_add``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy
from spacy.attrs import DEP, HEAD
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from newsledger.models import Mention
from newsledger.pipeline.gazetteer import Gazetteer
from newsledger.pipeline.ingest.meta import Dateline, dateline_at
from newsledger.pipeline.knowledge import load_knowledge
from newsledger.pipeline.sentences import sentences


@dataclass(slots=True)
class Person:
    """One person within a document: every name form, and the roles the text gives."""

    key: str
    name: str
    country: str | None = None
    igo: str | None = None
    sector: str | None = None
    title_words: set[str] = field(default_factory=set)
    kin_country: str | None = None  # the country of a relative named before by the same surname, failing all else


def person_key(name: str) -> str:
    return "person:" + " ".join(name.lower().replace("'s", "").split())


_POSSESSIVE = re.compile(r"['’]s$")
_ARTICLE = re.compile(r"^(?:the|The|a|an)\s+")  # the NER's span may hold "a": "formed a Supreme Council"


def clean_name(text: str) -> str:
    """A name as the text gives it without its possessive or article: "the Kremlin's" -> "Kremlin",
    "a Supreme Council" -> "Supreme Council"."""
    return _ARTICLE.sub("", _POSSESSIVE.sub("", text.strip()))  # compiled once: asked for every entity


def dependents(sdoc: Doc, label: str) -> dict[int, list[int]]:
    """Head index -> the indices of its dependents by ``label`` ("poss", "appos"), in text order,
    read from the token arrays in one pass: walking heads' children made a ``Token`` of each."""
    table = sdoc.to_array([DEP, HEAD])
    offsets = table[:, 1].astype(numpy.int64)  # to the head, stored unsigned
    found: dict[int, list[int]] = {}
    for i in numpy.flatnonzero((table[:, 0] == get_string_id(label)) & (offsets != 0)).tolist():  # a root heads itself
        found.setdefault(i + int(offsets[i]), []).append(i)
    return found


class BaseDocumentActors:
    """The state of one document's actor resolution, and how a mention is added."""

    def __init__(self, sdoc: Doc, doc_id: str, gaz: Gazetteer, published: str | None = None) -> None:
        self.sdoc, self.doc_id, self.published = sdoc, doc_id, published
        self.sents = sentences(sdoc)  # also the document's text: ``Doc.text`` re-joins every token
        self.ents: list[Span] = list(sdoc.ents)  # ``Doc.ents`` builds every span anew on each access
        # Places and demonyms the document names, also inside organisations' names ("Turkish troops").
        self.place_words = [clean_name(e.text) for e in self.ents if e.label_ in ("GPE", "NORP", "LOC")] + [
            t.text for e in self.ents if e.label_ == "ORG" for t in e if t.is_title]
        self.gaz = gaz.for_document(self.sents.text, self.place_words)
        self.kb = load_knowledge()
        self.persons: dict[str, Person] = {}  # surname -> person
        self.renamed: dict[str, Person] = {}  # an earlier key -> the person a later, fuller name completed
        self.mentions: list[Mention] = []
        self.bodies = {gaz.igo(e.text) for e in self.ents} - {None}
        self._ent_at = {t: e for e in self.ents for t in range(e.start, e.end)}
        self._possessives = dependents(sdoc, "poss")
        self._appositions = dependents(sdoc, "appos")
        self._last_person: Person | None = None
        self._last_subject: Person | None = None  # pronouns prefer the last person who was a subject
        self._seen: list[Person] = []  # most recently mentioned first

    @cached_property
    def datelines(self) -> dict[int, Dateline]:
        """The datelines that open the document's sentences ("ASUNCION, May 4 (Wire) -", a segment of its own
        since ``annotate.paragraph_sentences``), by the sentence's first character, in text order."""
        text = self.sents.text
        return {s.start_char: d for s in self.sents.spans if (d := dateline_at(text, s.start_char)) is not None}

    def _gov(self, iso: str) -> str:
        return f"{self.gaz.country_name(iso)} (government)"

    def _mil(self, iso: str) -> str:
        return f"{self.gaz.country_name(iso)} (military)"

    def _sentence_idx(self, token: Token) -> int:
        return self.sents.index(token)

    def _add(self, span: Span | Token, label: str, actor_id: str | None, name: str | None, kind: str | None,
             country: str | None, igo: str | None, sector: str | None, role: str | None, rule: str) -> None:
        start = span.idx if isinstance(span, Token) else span.start_char
        end = start + len(span.text) if isinstance(span, Token) else span.end_char
        first = span if isinstance(span, Token) else span[0]
        self.mentions.append(Mention(
            self.doc_id, len(self.mentions), start, end, span.text, label, self._sentence_idx(first),
            actor_id=actor_id, role=role, actor_name=name, kind=kind, country=country, igo=self.gaz.igo_code(igo),
            sector=sector,
            rule=rule,
        ))

    def _rename(self, person: Person, name: str) -> None:
        """Give a person a fuller or better name; the mentions made under the old one follow at the end."""
        if (key := person_key(name)) != person.key:
            self.renamed[person.key] = person
        person.name, person.key = name, key

    def _renamed(self) -> None:
        """Mentions made before a person's name was completed ("Prasert" in a headline, "Prasert Chaiyaporn" in the
        lede) take the person's final name, and the country, body and sector the text gave later."""
        for m in self.mentions:
            if m.kind == "person" and (person := self.renamed.get(m.actor_id or "")) is not None:
                m.actor_id, m.actor_name = person.key, person.name
                m.country, m.igo = m.country or person.country, m.igo or self.gaz.igo_code(person.igo)
                m.sector = m.sector or person.sector

    def _track(self, person: Person, head: Token) -> None:
        """Remember a person as the one last mentioned (and last subject, for pronouns). A name in
        apposition to a subject is that subject: in "The EU's envoy, Martti Ahtisaari, said he
        would fly to Belgrade", "he" is Ahtisaari."""
        if person in self._seen:
            self._seen.remove(person)
        self._seen.insert(0, person)
        self._last_person = person
        if head.dep_ == "appos":
            head = head.head
        if head.dep_ in ("nsubj", "nsubjpass"):
            self._last_subject = person
