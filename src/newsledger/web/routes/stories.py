"""Stories: the list, one story, its comparison, network and quotes; timelines."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from newsledger.answers.stories import Comparison, Network, SpeakerQuotes, Story, StoryRow, TimelineEntry
from newsledger.web.routes.params import L, Limit

router = APIRouter(tags=["stories"])


@router.get("/api/stories", summary="Stories, largest first")
def stories(ledger: L, limit: Limit = 100) -> list[StoryRow]:
    return ledger.stories(limit)


@router.get("/api/stories/{story_id}", summary="One story with its documents")
def story(ledger: L, story_id: str) -> Story:
    return ledger.story(story_id)


@router.get("/api/stories/{story_id}/compare", summary="How the outlets of a story differ")
def compare(ledger: L, story_id: str) -> Comparison:
    return ledger.compare(story_id)


@router.get("/api/stories/{story_id}/network", summary="Who acts on whom in a story, by cooperation and conflict")
def network(ledger: L, story_id: str) -> Network:
    return ledger.network(story_id)


@router.get("/api/stories/{story_id}/quotes", summary="A story's quotes grouped by speaker")
def story_quotes(ledger: L, story_id: str, limit: Annotated[int, Query(ge=1, le=1000)] = 200
                 ) -> list[SpeakerQuotes]:
    return ledger.story_quotes(story_id, limit)


@router.get("/api/timeline",
            summary="The days that matter in a story, for an actor or a text query, with what happened (sentences "
            "with their source) and the events; no limit: as many days as fit the coverage")
def timeline(ledger: L, story: str | None = None, actor: str | None = None, query: str | None = None,
             limit: Annotated[int | None, Query(ge=1, le=500)] = None) -> list[TimelineEntry]:
    return ledger.timeline(story, actor, query, limit)
