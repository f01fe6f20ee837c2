"""Quotes with their speakers, and numeric claims with who asserts them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from newsledger.answers.base import ActorId, Answer, DocId, End, Outlet, Published, QuoteKind, Sentence, Start


class Quote(Answer):
    """Who said what: the speaker as written and as resolved, the cue verb, the addressee, the quote and its source."""

    doc_id: DocId
    outlet: Outlet
    published: Published
    kind: QuoteKind
    speaker: str | None = Field(description="The speaker as the text names them, e.g. he or Aliyev")
    actor_id: ActorId | None
    actor: str | None = Field(description="The name of the actor the speaker resolved to")
    cue: str | None = Field(description="The reporting verb, e.g. said or urged")
    addressee: str | None
    text: str
    start_char: Start
    end_char: End
    rule: str
    n_documents: int = Field(description="Documents that carry the same words, this one included")


class Claim(Answer):
    """A numeric claim: how many of what, according to whom."""

    doc_id: DocId
    outlet: Outlet
    published: Published
    text: str = Field(description="The number as written")
    value: float
    qualifier: str | None = Field(description="e.g. more than, some, at least")
    unit: str | None = Field(description="percent, km, USD ... or the counted noun")
    counted: str | None = Field(description="What is counted, e.g. Azerbaijani personnel")
    verb: str | None = Field(description="The verb framing it, e.g. kill")
    asserter: str | None = Field(description="The quoted speaker, else the outlet")
    asserter_kind: Literal["speaker", "outlet"]
    date_text: str | None = Field(description="A date phrase in the same sentence, unresolved")
    sentence: Sentence
