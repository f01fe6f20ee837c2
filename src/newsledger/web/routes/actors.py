"""Actors: the list, one actor's page, the events they take part in."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from newsledger.answers.actors import Actor, ActorEvent, ActorRow
from newsledger.web.routes.params import L, Limit, Offset

router = APIRouter(tags=["actors"])


@router.get("/api/actors", summary="Actors, most mentioned first")
def actors(ledger: L, country: str | None = None, sector: str | None = None, kind: str | None = None,
           limit: Limit = 100, offset: Offset = 0) -> list[ActorRow]:
    return ledger.actors(country=country, sector=sector, kind=kind, limit=limit, offset=offset)


@router.get("/api/actors/{name}", summary="One actor: roles over time, aliases, mentions")
def actor(ledger: L, name: str) -> Actor:
    return ledger.actor(name)


@router.get("/api/actors/{actor_id}/events", summary="Events in which an actor (exact id) is source or target")
def actor_events(ledger: L, actor_id: str, role: Literal["source", "target"] = "source", limit: Limit = 100,
                 offset: Offset = 0) -> list[ActorEvent]:
    return ledger.actor_events(actor_id, role, limit, offset)
