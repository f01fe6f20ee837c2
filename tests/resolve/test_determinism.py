"""The cross-article tables depend on the documents only, never on when each was stored.

Issue 16, item 7: with two workers, ``ingested_at`` follows whichever worker finished its
batch first, and stories, duplicates and actor names followed it. These tests store the same
documents with their storing times in opposite orders and expect the same tables.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from newsledger.config import Config
from newsledger.models import Annotated, Document, Event, Mention, Section, Sentence, content_hash
from newsledger.resolve.actors import resolve_actors
from newsledger.resolve.duplicates import find_duplicates
from newsledger.resolve.merge import merge_events
from newsledger.resolve.stories import group_stories
from newsledger.store.db import Store

from ..helpers import write_annotated

WIRE = ("Ministers of the two countries met in Vienna on Tuesday and agreed to open the border crossing "
        "for trucks carrying grain, officials said after the talks, which lasted six hours and ended "
        "with a joint statement on transit fees, customs checks and the exchange of prisoners.")


def _doc(text: str, published: str | None = None, mentions: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
         events: list[tuple[str, str]] = ()) -> Annotated:  # type: ignore[assignment]
    """A stored article: ``mentions`` as (text, actor_id, actor_name), ``events`` as (type, date)."""
    doc_id = content_hash(text)
    doc = Document(doc_id=doc_id, source=f"{doc_id[:8]}.txt", fmt="txt", text=text, language="en",
                   sections=[Section("body", 0, len(text))], published=published, input_id="in-" + doc_id[:8])
    return Annotated(
        doc, [Sentence(doc_id, 0, 0, len(text), "body", text)],
        [Mention(doc_id, i, 0, len(t), t, "PERSON", 0, actor_id=a, actor_name=n, kind="person")
         for i, (t, a, n) in enumerate(mentions)],
        events=[Event(doc_id, i, 0, 0, len(text), 0, 4, "met", kind, None, 1, "04", 1.0,
                      source_ids=["person:a"], target_ids=["person:b"], date=day, confidence=1.0, rule="test")
                for i, (kind, day) in enumerate(events)])


def _stored(docs: list[Annotated], reverse_clock: bool) -> Store:
    """The documents in an in-memory store, their storing times ascending or descending."""
    store = Store(":memory:")
    write_annotated(store, docs, [], "run")
    order = reversed(docs) if reverse_clock else docs
    for second, a in enumerate(order):
        store.con.execute("UPDATE documents SET ingested_at = ? WHERE doc_id = ?",
                          [datetime(2026, 11, 30, 3, 0, second), a.document.doc_id])
    return store


def _both_clocks(docs: list[Annotated], step: Callable[[Store], object], sql: str) -> list[list[tuple[object, ...]]]:
    results = []
    for reverse in (False, True):
        with _stored(docs, reverse) as store:
            step(store)
            results.append(store.con.execute(sql).fetchall())
    return results


def test_undated_stories_do_not_follow_storing_order(config: Config) -> None:
    # X and Y alone, then X with Y: in storing order X, Y, XY the last joins either story; in
    # order XY, X, Y everything is one story. Document ids decide, whatever the clock.
    docs = [_doc("Story about X.", mentions=[("X", "person:x", "X")]),
            _doc("Story about Y.", mentions=[("Y", "person:y", "Y")]),
            _doc("Story about X and Y.", mentions=[("X", "person:x", "X"), ("Y", "person:y", "Y")])]

    def step(store: Store) -> None:
        resolve_actors(store)
        group_stories(store, config.resolve)

    first, second = _both_clocks(docs, step, "SELECT doc_id, story_id FROM story_documents ORDER BY 1")
    assert len(first) == 3 and first == second


def test_undated_near_duplicate_is_decided_by_document_not_clock(config: Config) -> None:
    docs = [_doc(WIRE), _doc(WIRE + " Reporting by the Vienna bureau.")]
    first, second = _both_clocks(docs, lambda s: find_duplicates(s, config.resolve),
                                 "SELECT doc_id, duplicate_of, kind FROM duplicates")
    assert len(first) == 1 and first == second
    assert first[0][0] == max(d.document.doc_id for d in docs)  # the later by id repeats the earlier


def test_a_document_from_an_earlier_pass_stays_the_original(config: Config) -> None:
    """Across runs arrival still counts: the store's original is not made a copy of a newcomer."""
    old, new = sorted([_doc(WIRE), _doc(WIRE + " Reporting by the Vienna bureau.")],
                      key=lambda d: d.document.doc_id, reverse=True)  # the newcomer has the smaller id
    with Store(":memory:") as store:
        write_annotated(store, [old], [], "run1")
        find_duplicates(store, config.resolve)
        write_annotated(store, [new], [], "run2")
        find_duplicates(store, config.resolve)
        rows = store.con.execute("SELECT doc_id, duplicate_of FROM duplicates").fetchall()
    assert rows == [(new.document.doc_id, old.document.doc_id)]


@pytest.mark.parametrize("reverse", [False, True])
def test_actor_name_tie_goes_to_the_fuller_name(reverse: bool) -> None:
    docs = [_doc("Vallen spoke.", mentions=[("Vallen", "person:miguel del valle", "Vallen")]),
            _doc("Miguel del Valle spoke.",
                 mentions=[("Miguel del Valle", "person:miguel del valle", "Miguel del Valle")])]
    with _stored(docs[::-1] if reverse else docs, False) as store:
        resolve_actors(store)
        assert store.scalar("SELECT name FROM actors") == "Miguel del Valle"


def test_merged_event_date_is_the_most_reported_then_the_earliest(config: Config) -> None:
    def merged_date(days: list[str]) -> str:
        docs = [_doc(f"Report {i}: the ministers met.", "2024-03-16", events=[("CONSULT", day)])
                for i, day in enumerate(days)]
        with _stored(docs, False) as store:
            merge_events(store, config.resolve)
            assert store.scalar("SELECT count(*) FROM merged_events") == 1
            return str(store.scalar("SELECT date FROM merged_events"))

    assert merged_date(["2024-03-15", "2024-03-14", "2024-03-15"]) == "2024-03-15"
    assert merged_date(["2024-03-15", "2024-03-14"]) == merged_date(["2024-03-14", "2024-03-15"]) == "2024-03-14"
    assert merged_date(["2024-03", "2024-03-15"]) == "2024-03-15"  # the most precise first
