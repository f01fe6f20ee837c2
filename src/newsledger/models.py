"""The records every stage reads and writes: one place, typed.

All spans are character offsets into ``Document.text``, the cleaned text that is stored.
Records are plain slotted dataclasses so they pickle cheaply to pool and Ray workers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum

SCHEMA_VERSION = 1


class Status(StrEnum):
    """Outcome of one input in the ingest log."""

    STORED = "stored"
    DUPLICATE = "duplicate"
    SKIPPED = "skipped"
    FAILED = "failed"


def content_hash(data: str | bytes) -> str:
    """sha256 hex digest: the id scheme that makes re-ingest idempotent."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


@dataclass(slots=True)
class RawInput:
    """One unit read from an input: a file, a JSON record, or a WARC response.

    ``content`` is bytes when the reader could not yet decide the encoding (files, WARC
    payloads) and str when the container already decoded it (JSON).
    """

    source: str
    fmt: str  # txt | html | json | jsonl | warc
    content: bytes | str
    given: dict[str, str] = field(default_factory=dict)  # title, url, published, outlet
    charset: str | None = None  # declared by a container (HTTP header)

    @property
    def input_id(self) -> str:
        data = self.content if isinstance(self.content, bytes) else self.content.encode()
        return content_hash(self.source.encode() + b"\0" + data)


# Longest reason kept in the ingest log: enough to say why, never a copy of the input (#16).
MAX_REASON_CHARS = 300


def printable(text: str) -> str:
    """``text`` with lone surrogates (undecodable bytes of a file name) as backslash escapes.

    Python decodes a file name's non-UTF-8 bytes to lone surrogates, which no UTF-8 encoder,
    hash or database accepts; the escaped form names the same file and can be stored.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a lone surrogate from JSON's "\\ud800", not from a byte
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


@dataclass(slots=True)
class LogEntry:
    """One row of the ingest log: what happened to one input, and why.

    The reason is cut to ``MAX_REASON_CHARS``: an exception's message can hold a whole
    input line, and the log is read by every summary.
    """

    input_id: str
    source: str
    fmt: str
    status: Status
    reason: str = ""
    doc_id: str | None = None
    n_bytes: int = 0

    def __post_init__(self) -> None:
        self.source = printable(self.source)
        reason = printable(self.reason)
        self.reason = reason if len(reason) <= MAX_REASON_CHARS else reason[: MAX_REASON_CHARS - 1] + "…"


@dataclass(slots=True)
class Section:
    """A labelled region of the cleaned text: title, subtitle, body or caption."""

    kind: str
    start: int
    end: int


@dataclass(slots=True)
class Document:
    """A cleaned article with its metadata and how each piece was found."""

    doc_id: str
    source: str
    fmt: str
    text: str
    sections: list[Section]
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    outlet_source: str = "unknown"  # given | html | credit | dateline | signoff | unknown
    published: str | None = None  # ISO date, only as precise as the evidence
    published_precision: str = "unknown"  # day | month | year | unknown
    published_source: str = "unknown"  # given | html | timestamp | dateline | caption | unknown
    published_text: str | None = None
    dateline: str | None = None  # place named in the dateline, e.g. "BAKU"
    language: str = "und"
    language_score: float = 0.0
    input_id: str = ""
    n_bytes: int = 0
    schema_version: int = SCHEMA_VERSION

    @property
    def analysable(self) -> bool:
        """English, or too short to tell ("und"): the English pipeline runs on it.

        Only text the language identifier confidently places in another language is left
        unanalysed; a one-sentence English item is often "und".
        """
        return self.language in ("en", "und")


@dataclass(slots=True)
class Sentence:
    doc_id: str
    idx: int
    start: int
    end: int
    section: str
    text: str


@dataclass(slots=True)
class Mention:
    """An entity or actor mention. The actor fields are filled by the actors stage.

    ``label`` is the (corrected) entity label, or PRON / NOM for pronouns and descriptions
    that the actors stage resolved to an actor.
    """

    doc_id: str
    idx: int
    start: int
    end: int
    text: str
    label: str
    sentence_idx: int
    actor_id: str | None = None
    role: str | None = None  # title phrase, e.g. "Azerbaijani President"
    actor_name: str | None = None
    kind: str | None = None  # person | state | organisation | group
    country: str | None = None  # ISO 3166-1 alpha-3
    igo: str | None = None  # international body code: NATO, UN, OSCE ...
    sector: str | None = None  # PLOVER sector: GOV, MIL, REB, IGO ...
    rule: str | None = None  # which actor rule fired


@dataclass(slots=True)
class Quote:
    """Who said what: a quoted or reported content span with its speaker and cue."""

    doc_id: str
    idx: int
    start: int
    end: int
    text: str
    kind: str  # direct | partial | indirect
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    actor_id: str | None = None
    actor_name: str | None = None
    cue: str | None = None
    cue_start: int | None = None
    addressee: str | None = None
    sentence_idx: int = 0
    content_key: str = ""  # the same words in another page or outlet share it
    rule: str = ""


@dataclass(slots=True)
class Claim:
    """A numeric assertion: how many of what, according to whom."""

    doc_id: str
    idx: int
    start: int  # span of the number in the cleaned text
    end: int
    text: str
    value: float
    qualifier: str | None = None  # "more than", "some", "at least" ...
    unit: str | None = None  # percent, km, USD ... or the counted noun's lemma
    counted: str | None = None  # "Azerbaijani personnel", "people"
    verb: str | None = None  # the verb framing it: "kill", "serve"
    asserter: str | None = None  # the quoted speaker, else the outlet
    asserter_actor_id: str | None = None
    asserter_kind: str = "outlet"  # speaker | outlet
    quote_idx: int | None = None
    sentence_idx: int = 0
    date_text: str | None = None  # a date phrase in the same sentence, unresolved


@dataclass(slots=True)
class Event:
    """One event mention, coded to PLOVER and traceable to its sentence and trigger."""

    doc_id: str
    idx: int
    sentence_idx: int
    start: int  # evidence: the sentence
    end: int
    trigger_start: int
    trigger_end: int
    trigger: str
    event_type: str
    mode: str | None
    quad: int
    cameo: str
    intensity: float
    source_ids: list[str] = field(default_factory=list)
    source_names: list[str] = field(default_factory=list)
    target_ids: list[str] = field(default_factory=list)
    target_names: list[str] = field(default_factory=list)
    negated: bool = False
    modality: str = "asserted"  # asserted | reported | future | hypothetical
    date: str | None = None
    date_precision: str = "unknown"
    date_text: str | None = None
    location: str | None = None
    location_country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    confidence: float = 0.5
    rule: str = ""


@dataclass(slots=True)
class Annotated:
    """A document with what annotate added; the unit written to the store."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
