"""What checking answers against their models costs: CPU time per answer, made into its models (as the
Ledger does) and encoded as a route does it, against the same rows as plain dicts encoded as a route
declared ``dict[str, Any]`` (before the models) did.

Usage:  .venv/bin/python bench/answer_check.py [--db FILE] [--reps 20]

Without --db the example corpus is ingested into a temporary store first. Times are CPU time, the
least of 5 batches: the machine is shared.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from examples_store import examples_ledger
from fastapi._compat import ModelField
from fastapi.routing import APIRoute
from fastapi.utils import create_model_field
from pydantic_core import to_jsonable_python

from newsledger.answers.base import Answer
from newsledger.answers.meta import Ontology
from newsledger.ledger.base import records
from newsledger.pipeline.ontology import describe
from newsledger.web.routes import ROUTERS

# What FastAPI made of a route returning dict[str, Any] or a list of them.
PLAIN: dict[type, ModelField] = {
    dict: create_model_field("Response", dict[str, Any], mode="serialization"),
    list: create_model_field("Response", list[dict[str, Any]], mode="serialization"),
}


def _encoded(field: ModelField, answer: Any) -> bytes:
    """``answer`` checked against ``field`` and encoded, as FastAPI does for a route's answer."""
    value, errors = field.validate(answer, {}, loc=("response",))
    assert not errors, errors
    return field.serialize_json(value, by_alias=True)


def _typed(field: ModelField, rows: Any, model: type[Answer]) -> bytes:
    """The rows made into the answer's models, as the Ledger does, then passed through the route."""
    answer = records(model, rows) if isinstance(rows, list) else model.model_validate(rows)
    return _encoded(field, answer)


def _least(work: Callable[[], object], reps: int) -> float:
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        for _ in range(reps):
            work()
        best = min(best, (time.process_time() - started) / reps)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="a store holding examples/corpus (default: ingest it afresh)")
    parser.add_argument("--reps", type=int, default=20)
    args = parser.parse_args()
    fields = {r.path: r.response_field for router in ROUTERS for r in router.routes
              if isinstance(r, APIRoute) and r.response_field is not None}
    with examples_ledger(args.db) as ledger:
        doc = ledger.documents(limit=1)[0].doc_id
        story = ledger.stories(limit=1)[0].story_id
        answers: dict[str, Any] = {
            "/api/events": ledger.events(include_negated=True, limit=1000),
            "/api/quotes": ledger.quotes(limit=1000),
            "/api/merged-events": ledger.merged_events(limit=1000),
            "/api/documents": ledger.documents(limit=1000),
            "/api/documents/{doc_id}": ledger.document(doc),
            "/api/actors/{name}": ledger.actor("Aliyev"),
            "/api/stories/{story_id}/compare": ledger.compare(story),
            "/api/summary": ledger.summary(),
            "/api/ontology": Ontology.model_validate(describe()),
        }
    print(f"{'route':34} {'records':>7} {'as dicts':>9} {'checked':>9}")
    for path, answer in answers.items():
        model = type(answer[0] if isinstance(answer, list) else answer)
        rows = to_jsonable_python(answer)  # the query's rows, as plain dicts
        typed, plain = fields[path], PLAIN[type(rows)]
        assert _typed(typed, rows, model) == _encoded(plain, rows), path  # the same bytes either way
        before = _least(lambda: _encoded(plain, rows), args.reps)  # noqa: B023 (run before the loop moves on)
        after = _least(lambda: _typed(typed, rows, model), args.reps)  # noqa: B023
        n = len(rows) if isinstance(rows, list) else 1
        print(f"{path:34} {n:7} {1000 * before:7.2f}ms {1000 * after:7.2f}ms")


if __name__ == "__main__":
    main()
