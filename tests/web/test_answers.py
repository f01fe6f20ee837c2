"""Typed answers: every JSON route declares the model of its answer, the check refuses an answer that
breaks it, and the declared answers carry exactly what ``Ledger`` returns, in its order."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from pydantic_core import to_jsonable_python

from newsledger.api import Ledger
from newsledger.config import Config
from newsledger.pipeline.ontology import describe
from newsledger.store import duplicates as store_duplicates
from newsledger.web.app import create_app

from ..helpers import empty_store

LOCAL = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory, config: Config) -> Iterator[TestClient]:
    app = create_app(empty_store(tmp_path_factory.mktemp("answers")), config)
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as c:
        yield c


def _model(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """The component a response schema names, itself or as the items of an array."""
    schema = schema.get("items", schema)
    return spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]  # type: ignore[no-any-return]


def test_every_json_route_declares_every_field_of_its_answer(empty: TestClient) -> None:
    spec = empty.get("/openapi.json").json()
    routes = [(path, op) for path, ops in spec["paths"].items() for op in ops.values()]
    assert len(routes) >= 25
    for path, op in routes:
        ok = next(r for code, r in op["responses"].items() if code.startswith("2"))
        model = _model(spec, ok["content"]["application/json"]["schema"])
        # No free-form object: named fields, each always present (null when unknown), and no others.
        assert model["properties"] and model["additionalProperties"] is False, path
        assert set(model["required"]) == set(model["properties"]), path


def test_an_answer_that_breaks_its_model_is_refused(empty: TestClient, monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    row = {"kind": "near", "similarity": 0.93, "source": "feeds/wire.jsonl:4", "doc_id": "a" * 64,
           "duplicate_of": "b" * 64, "original_source": "html/story.html", "original_outlet": "Caspian Wire",
           "outlet": None}
    # A field the model lacks is neither passed on undocumented nor dropped: the Ledger refuses the store's
    # rows, the server answers 500, and tests see it.
    db = empty_store(tmp_path)
    for broken, field in ((row | {"score": 1}, "score"), ({k: v for k, v in row.items() if k != "outlet"}, "outlet")):
        monkeypatch.setattr(store_duplicates, "listing", lambda store, rows=[broken]: rows)
        with Ledger(db, read_only=True) as ledger, pytest.raises(ValidationError, match=field):
            ledger.duplicates()
        assert empty.get("/api/duplicates").status_code == 500
    monkeypatch.setattr(store_duplicates, "listing", lambda store: [row])  # last: a good answer is cached
    assert empty.get("/api/duplicates").json() == [row]


@pytest.mark.usefixtures("nlp")
def test_answers_are_what_the_ledger_returns_field_for_field(example_db: Path, config: Config) -> None:
    with (TestClient(create_app(example_db, config), base_url=LOCAL) as client,
          Ledger(example_db, config, read_only=True) as ledger):
        doc = ledger.documents(limit=1)[0].doc_id
        actor = ledger.actors(limit=1)[0].actor_id
        story = ledger.stories(limit=1)[0].story_id
        event = ledger.events(event_type="ACCUSE", limit=1)[0].event_id
        merged = ledger.merged_events(min_articles=2, limit=1)[0].merged_id
        queries: dict[str, Callable[[], Any]] = {
            "/api/summary": ledger.summary, "/api/status": ledger.status, "/api/ontology": describe,
            "/api/documents": ledger.documents, f"/api/documents/{doc}": lambda: ledger.document(doc),
            f"/api/documents/{doc}/annotations": lambda: ledger.annotations(doc),
            "/api/search?q=Aliyev": lambda: ledger.search("Aliyev"), "/api/duplicates": ledger.duplicates,
            "/api/actors": lambda: ledger.actors(limit=100), f"/api/actors/{actor}": lambda: ledger.actor(actor),
            f"/api/actors/{actor}/events?role=target": lambda: ledger.actor_events(actor, "target"),
            "/api/events?negated=true": lambda: ledger.events(include_negated=True),
            f"/api/events/{event}": lambda: ledger.event(event), "/api/merged-events": ledger.merged_events,
            f"/api/merged-events/{merged}": lambda: ledger.merged_event(merged),
            "/api/quotes": ledger.quotes, "/api/claims": ledger.claims, "/api/stories": ledger.stories,
            f"/api/stories/{story}": lambda: ledger.story(story),
            f"/api/stories/{story}/compare": lambda: ledger.compare(story),
            f"/api/stories/{story}/network": lambda: ledger.network(story),
            f"/api/stories/{story}/quotes": lambda: ledger.story_quotes(story),
            f"/api/timeline?story={story}": lambda: ledger.timeline(story=story),
            "/api/ingest-log": lambda: ledger.ingest_log(limit=100),
        }
        for url, query in queries.items():
            answer = client.get(url)
            assert answer.status_code == 200, url
            # Compared as text: the same fields, values and order.
            assert json.dumps(answer.json()) == json.dumps(to_jsonable_python(query())), url
