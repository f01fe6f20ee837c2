"""What every resource's queries share: the store, the configuration, and ids from the prefixes users type.

Ids are content hashes; people type their first few characters, and every resource takes a
document or story id by prefix, so resolving them lives here rather than with one resource.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, TypeVar

from pydantic import TypeAdapter

from newsledger.answers.base import Answer
from newsledger.config import Config
from newsledger.errors import AmbiguousError, NotFoundError
from newsledger.store import documents, stories
from newsledger.store.db import Store

A = TypeVar("A", bound=Answer)


@cache
def _list_of(model: type[A]) -> TypeAdapter[list[A]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]  # a list of the model given


def records(model: type[A], rows: Iterable[Mapping[str, Any]]) -> list[A]:
    """Rows of a query as answers, each checked against its model (a field it lacks fails here, not later).

    One list validation in pydantic's core rather than a Python loop of ``model_validate``: 12% less
    time for a page of events.
    """
    return _list_of(model).validate_python(list(rows))


class LedgerBase:
    """A store and the configuration used to fill it; the resource mixins query through it."""

    store: Store
    config: Config

    def resolve_doc_id(self, prefix: str) -> str:
        """Full id from a unique prefix (ids are long; users type the first few characters)."""
        ids = documents.with_prefix(self.store, prefix)
        if not ids:
            raise NotFoundError(f"no document with id starting {prefix!r}")
        if len(ids) > 1:
            raise AmbiguousError(f"id prefix {prefix!r} is ambiguous; give more characters")
        return ids[0]

    def story_id(self, prefix: str) -> str:
        """The full id of a story from a unique prefix (with or without "s:")."""
        ids = stories.with_prefix(self.store, "s:" + prefix.removeprefix("s:").replace("%", "") + "%")
        if len(ids) != 1:
            raise (NotFoundError(f"no story {prefix!r}: see `newsledger stories`") if not ids
                   else AmbiguousError(f"story id {prefix!r} is ambiguous"))
        return ids[0]
