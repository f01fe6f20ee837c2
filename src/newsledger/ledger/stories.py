"""Stories: the list, one story, how its outlets differ, who acts on whom, its quotes by speaker; timelines."""

from __future__ import annotations

from typing import Any

from newsledger.answers.stories import Comparison, Network, SpeakerQuotes, Story, StoryRow, TimelineEntry
from newsledger.ledger.base import LedgerBase, records
from newsledger.resolve.compare import compare
from newsledger.resolve.timeline import timeline
from newsledger.store import actors, events, quotes, stories


class StoryQueries(LedgerBase):
    def stories(self, limit: int = 100) -> list[StoryRow]:
        """Stories, largest first, each with its title, dates, outlets and top actors."""
        return records(StoryRow, stories.listing(self.store, limit))

    def story(self, story: str) -> Story:
        """One story with its documents."""
        sid = self.story_id(story)
        row = stories.one(self.store, sid)
        row["documents"] = stories.documents(self.store, sid)
        return Story.model_validate(row)

    def timeline(self, story: str | None = None, actor: str | None = None, query: str | None = None,
                 limit: int | None = None) -> list[TimelineEntry]:
        """Dated entries, the days the articles refer to most; story, actor and query narrow it (combined).

        ``limit`` caps the days; None keeps as many as fit the coverage.
        """
        return records(TimelineEntry, timeline(self.store, self.story_id(story) if story else None, actor, query,
                                               limit))

    def compare(self, story: str) -> Comparison:
        """How the outlets of a story differ: events and quotes by outlet, distinctive terms, clashing figures."""
        return Comparison.model_validate(compare(self.store, self.story_id(story)))

    def network(self, story: str) -> Network:
        """Who acts on whom in a story: actors as nodes, source-to-target edges by quad class.

        Cooperation (quad 1-2) and conflict (3-4) are counted apart so an edge can show both.
        """
        sid = self.story_id(story)
        edges = events.network(self.store, sid)
        nodes = actors.nodes(self.store, sorted({e["source"] for e in edges} | {e["target"] for e in edges}))
        return Network.model_validate({"story_id": sid, "nodes": nodes, "edges": edges})

    def story_quotes(self, story: str, limit: int = 200) -> list[SpeakerQuotes]:
        """A story's direct and partial quotes grouped by speaker, most quoted speaker first."""
        groups: dict[str, dict[str, Any]] = {}
        for r in quotes.of_story(self.store, self.story_id(story), limit):
            group = groups.setdefault(r.pop("speaker"), {"actor_id": r["actor_id"], "quotes": []})
            group["quotes"].append(r)
        return records(SpeakerQuotes, ({"speaker": s, **g}
                                       for s, g in sorted(groups.items(), key=lambda x: (-len(x[1]["quotes"]), x[0]))))
