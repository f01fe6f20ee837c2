"""What every answer shares: the base model and the field types several resources use.

The shared types carry their description once, so every answer that has, say, a ``published``
field documents it the same way in the OpenAPI.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema


class Answer(BaseModel):
    """An answer of the API: a field not declared here is an error, never silently dropped or passed on."""

    model_config = ConfigDict(extra="forbid")


# The store's times are UTC without an offset, which JSON Schema's "date-time" format does not allow.
UtcTime = Annotated[datetime.datetime, WithJsonSchema({
    "type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$",
    "description": "A UTC time, ISO 8601 without an offset, e.g. 2026-11-30T09:19:04.263463"})]
DocId = Annotated[str, Field(description="The document's id: the sha256 of its cleaned text")]
Outlet = Annotated[str | None, Field(description="The outlet that published the document, when known")]
Title = Annotated[str | None, Field(description="The document's title, when it has one")]
Published = Annotated[str | None, Field(description="Publication date (ISO), only as precise as the evidence")]
Precision = Literal["day", "month", "year", "unknown"]
Start = Annotated[int, Field(description="Start of the span: a character offset into the document's cleaned text")]
End = Annotated[int, Field(description="End of the span (exclusive)")]
Sentence = Annotated[str, Field(description="The sentence it was read from")]
ActorId = Annotated[str, Field(description="An actor's id, e.g. person:ilham aliyev, gov:AZE, igo:NATO")]
ActorKind = Annotated[str | None, Field(description="person, organisation, state or group")]
Country = Annotated[str | None, Field(description="ISO 3166-1 alpha-3 code")]
Igo = Annotated[str | None, Field(description="The international body, e.g. NATO, UN, OSCE")]
Sector = Annotated[str | None, Field(description="PLOVER sector, e.g. GOV, MIL, REB, IGO")]
EventId = Annotated[str, Field(description="The document's id and the event's number in it: DOC_ID:N")]
EventType = Annotated[str, Field(description="PLOVER event type, e.g. CONSULT or ASSAULT (see /api/ontology)")]
Quad = Annotated[int, Field(ge=1, le=4, description="PLOVER quad class: 1 verbal and 2 material cooperation, "
                                                     "3 verbal and 4 material conflict")]
Mode = Annotated[str | None, Field(description="The type's PLOVER mode, e.g. visit, when the text says")]
Modality = Literal["asserted", "reported", "future", "hypothetical"]
QuoteKind = Literal["direct", "partial", "indirect"]
EventDate = Annotated[str | None, Field(description="When it happened (ISO), as precise as the text allows")]
Names = Annotated[list[str] | None, Field(description="Actors as the document names them")]
Ids = Annotated[list[str] | None, Field(description="Actor ids, as the document resolved them")]
Strings = list[str] | None
MergedId = Annotated[str, Field(description="A merged event's id: m: and the id of its first mention")]
StoryId = Annotated[str, Field(description="A story's id: s: and the id of its first document")]
