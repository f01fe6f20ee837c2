"""Events: mentions coded to PLOVER (the list and one explained), and events merged across articles."""

from __future__ import annotations

from newsledger.answers.events import Event, EventRow, MergedEvent, MergedEventRow
from newsledger.errors import AmbiguousError, NotFoundError
from newsledger.ledger.base import LedgerBase, records
from newsledger.store import actors, documents, events, merged_events


class EventQueries(LedgerBase):
    def events(self, event_type: str | None = None, actor: str | None = None, country: str | None = None,
               date_from: str | None = None, date_to: str | None = None, include_negated: bool = False,
               limit: int = 100, offset: int = 0) -> list[EventRow]:
        """Events, filtered by PLOVER type, an actor (name or alias) or country taking part, and dates.

        Negated events ("did not agree") are left out unless asked for: they did not happen.
        """
        named = actors.ids_named(self.store, actor, local=True) if actor else None
        return records(EventRow, events.listing(self.store, event_type, named, country, date_from, date_to,
                                                include_negated, limit, offset))

    def event(self, event_id: str) -> Event:
        """One event with its sentence, trigger and the spans of its actors, for explaining it."""
        # An id is the document's hash and the event's number: "3fa2c1b0d4:2" is a prefix of both parts.
        doc_part, colon, number = event_id.replace("%", "").partition(":")
        rows = events.like(self.store, f"{doc_part}%{colon}{number}" if colon else f"{doc_part}%")
        if len(rows) != 1:
            raise (NotFoundError(f"no event {event_id!r}") if not rows
                   else AmbiguousError(f"event id {event_id!r} is ambiguous"))
        event = rows[0]
        event["document"] = documents.text_and_source(self.store, event["doc_id"])
        event["mentions"] = events.sentence_actors(self.store, event["doc_id"], event["sentence_idx"])
        return Event.model_validate(event)

    def merged_events(self, event_type: str | None = None, actor: str | None = None, story: str | None = None,
                      min_articles: int = 1, limit: int = 100, offset: int = 0) -> list[MergedEventRow]:
        """Events as reported across articles, with their article and outlet counts."""
        return records(MergedEventRow, merged_events.listing(
            self.store, event_type, actors.ids_named(self.store, actor) if actor else None,
            self.story_id(story) if story else None, min_articles, limit, offset))

    def merged_event(self, merged_id: str) -> MergedEvent:
        """One merged event with each of its mentions (article, outlet, sentence, date, place)."""
        row = merged_events.one(self.store, merged_id)
        if row is None:
            raise NotFoundError(f"no merged event {merged_id!r}")
        row["mentions"] = merged_events.reports(self.store, merged_id)
        return MergedEvent.model_validate(row)
