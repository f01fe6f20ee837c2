"""Actors: the list, one actor's page, the events they take part in."""

from __future__ import annotations

import json

from newsledger.answers.actors import Actor, ActorEvent, ActorRow
from newsledger.errors import AmbiguousError, NotFoundError
from newsledger.ledger.base import LedgerBase, records
from newsledger.store import actors, events


class ActorQueries(LedgerBase):
    def actors(self, country: str | None = None, sector: str | None = None, kind: str | None = None,
               limit: int = 50, offset: int = 0) -> list[ActorRow]:
        """Actors across the store, most mentioned first; filters match exactly (case-insensitive)."""
        return records(ActorRow, actors.listing(self.store, country, sector, kind, limit, offset))

    def actor(self, name: str) -> Actor:
        """One actor by id, name or alias: roles over time, aliases, mentions, co-occurring actors.

        Raises:
            StoreError: nothing matches, or the name is ambiguous (the candidates are listed).
        """
        rows = actors.matching(self.store, name)
        if not rows:
            raise NotFoundError(f"no actor named {name!r}; try `newsledger actors`")
        if len(rows) > 1 and rows[0]["name"].lower() != name.lower():
            options = ", ".join(f"{r['name']} ({r['actor_id']})" for r in rows[:8])
            raise AmbiguousError(f"{name!r} matches several actors: {options}; give the id")
        actor = rows[0]
        actor["roles"] = json.loads(actor["roles"] or "[]")
        actor["aliases"] = json.loads(actor["aliases"] or "[]")
        actor["mentions"] = actors.mentions(self.store, actor["actor_id"])
        actor["co_actors"] = actors.co_actors(self.store, actor["actor_id"])
        return Actor.model_validate(actor)

    def actor_events(self, actor_id: str, role: str = "source", limit: int = 100,
                     offset: int = 0) -> list[ActorEvent]:
        """Events in which one actor (by exact id) is the source, or the target, newest first.

        Events name the actor as its document resolved it; ``actor_merges`` says which of those it became.

        Raises:
            ConfigError: ``role`` is neither "source" nor "target".
        """
        return records(ActorEvent, events.of_actor(self.store, actor_id, role, limit, offset))
