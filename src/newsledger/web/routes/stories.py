"""Stories: the list, one story, its comparison, network and quotes; timelines."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsledger.answers.stories import Comparison, Network, SpeakerQuotes, Story, StoryRow, TimelineEntry
from newsledger.web.routes.params import L, Limit

router = APIRouter(tags=["stories"])


@router.get("/api/stories", response_model=list[StoryRow], summary="Stories, largest first")
def stories(ledger: L, limit: Limit = 100) -> list[dict[str, Any]]:
    return ledger.stories(limit)


@router.get("/api/stories/{story_id}", response_model=Story, summary="One story with its documents")
def story(ledger: L, story_id: str) -> dict[str, Any]:
    return ledger.story(story_id)


@router.get("/api/stories/{story_id}/compare", response_model=Comparison,
            summary="How the outlets of a story differ")
def compare(ledger: L, story_id: str) -> dict[str, Any]:
    return ledger.compare(story_id)


@router.get("/api/stories/{story_id}/network", response_model=Network,
            summary="Who acts on whom in a story, by cooperation and conflict")
def network(ledger: L, story_id: str) -> dict[str, Any]:
    return ledger.network(story_id)


@router.get("/api/stories/{story_id}/quotes", response_model=list[SpeakerQuotes],
            summary="A story's quotes grouped by speaker")
def story_quotes(ledger: L, story_id: str, limit: Annotated[int, Query(ge=1, le=1000)] = 200
                 ) -> list[dict[str, Any]]:
    return ledger.story_quotes(story_id, limit)


@router.get("/api/timeline", response_model=list[TimelineEntry],
            summary="The days that matter in a story, for an actor or a text query, with what happened (sentences "
            "with their source) and the events; no limit: as many days as fit the coverage")
def timeline(ledger: L, story: str | None = None, actor: str | None = None, query: str | None = None,
             limit: Annotated[int | None, Query(ge=1, le=500)] = None) -> list[dict[str, Any]]:
    return ledger.timeline(story, actor, query, limit)
