"""Events: mentions coded to PLOVER, and events merged across articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from newsledger.answers.events import Event, EventRow, MergedEvent, MergedEventRow
from newsledger.web.routes.params import L, Limit, Offset

router = APIRouter(tags=["events"])


@router.get("/api/events", summary="Event mentions: who did what to whom, when and where")
def events(ledger: L, type: str | None = None, actor: str | None = None, country: str | None = None,
           date_from: Annotated[str | None, Query(alias="from")] = None,
           date_to: Annotated[str | None, Query(alias="to")] = None, negated: bool = False,
           limit: Limit = 100, offset: Offset = 0) -> list[EventRow]:
    return ledger.events(event_type=type, actor=actor, country=country, date_from=date_from, date_to=date_to,
                         include_negated=negated, limit=limit, offset=offset)


@router.get("/api/events/{event_id}", summary="One event mention with its sentence and actors")
def event(ledger: L, event_id: str) -> Event:
    return ledger.event(event_id)


@router.get("/api/merged-events", summary="Events merged across articles, most reported first")
def merged_events(ledger: L, type: str | None = None, actor: str | None = None, story: str | None = None,
                  min_articles: Annotated[int, Query(ge=1)] = 1, limit: Limit = 100,
                  offset: Offset = 0) -> list[MergedEventRow]:
    return ledger.merged_events(type, actor, story, min_articles, limit, offset)


@router.get("/api/merged-events/{merged_id}", summary="One merged event with each article's report")
def merged_event(ledger: L, merged_id: str) -> MergedEvent:
    return ledger.merged_event(merged_id)
