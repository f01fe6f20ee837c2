"""The Ledger's read queries: split by resource into mixins, and every answer a model of ``newsledger.answers``."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from newsledger import Ledger
from newsledger.answers.base import Answer
from newsledger.config import Config
from newsledger.ledger.base import LedgerBase
from newsledger.ledger.frames import FRAME_QUERIES

RESOURCES = [c for c in Ledger.__mro__ if issubclass(c, LedgerBase) and c not in (Ledger, LedgerBase)]


def test_each_query_is_defined_by_one_resource_module() -> None:
    # Two mixins defining one name would be settled silently by the MRO: one of them would never run.
    seen: dict[str, str] = {}
    for mixin in RESOURCES:
        assert mixin.__module__.startswith("newsledger.ledger."), mixin
        for name in vars(mixin):
            if callable(getattr(mixin, name)) and not name.startswith("_"):
                assert name not in seen, f"{name} in {mixin.__name__} and {seen[name]}"
                seen[name] = mixin.__name__
    # The run path stays in api.py, apart from the queries.
    assert {"ingest", "ingest_records", "load", "resolve"}.isdisjoint(seen)
    assert set(FRAME_QUERIES) <= set(seen)


@pytest.mark.usefixtures("nlp")
def test_every_read_query_answers_with_models(example_db: Path, config: Config) -> None:
    with Ledger(example_db, config, read_only=True) as ledger:
        story = ledger.stories(limit=1)[0].story_id
        doc = ledger.documents(limit=1)[0].doc_id
        arguments = {"story_quotes": (story,), "actor_events": ("person:ilham aliyev",), "search": ("Aliyev",)}
        for name in FRAME_QUERIES:
            args = arguments.get(name, ())
            answer = getattr(ledger, name)(*args)
            assert answer and all(isinstance(a, Answer) for a in answer), name
            annotation = inspect.signature(getattr(Ledger, name), eval_str=True).return_annotation
            assert {type(a) for a in answer} == {annotation.__args__[0]}, name  # the type it declares
        singles = [ledger.summary(), ledger.status(), ledger.document(doc[:8]), ledger.annotations(doc),
                   ledger.actor("Aliyev"), ledger.event(ledger.events(limit=1)[0].event_id),
                   ledger.merged_event(ledger.merged_events(limit=1)[0].merged_id), ledger.story(story),
                   ledger.compare(story), ledger.network(story)]
        assert all(isinstance(a, Answer) for a in singles)
        # A model reads by attribute and gives back the API's JSON record with model_dump.
        summary = ledger.summary()
        assert summary.documents == summary.model_dump()["documents"] > 0
        assert summary.model_dump(mode="json")["outlets"][0] == {"outlet": summary.outlets[0].outlet,
                                                                  "documents": summary.outlets[0].documents}
