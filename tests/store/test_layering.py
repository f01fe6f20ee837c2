"""The store owns its SQL: no module outside ``store/`` writes SQL or reaches into the connection."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import newsledger
from newsledger.errors import StoreError
from newsledger.store.db import Store
from newsledger.store.tables import DERIVED

PACKAGE = Path(newsledger.__file__).parent
# What SQL looks like in Python source: a statement's opening words, or the DuckDB connection itself.
SQL = re.compile(r"\.con\b|\b(SELECT|INSERT INTO|DELETE FROM|UPDATE \w+ SET|CREATE TABLE|COPY \()")
# Known exceptions, each with its reason (docs/architecture.md, "The store owns its SQL").
ALLOWED = {"bench.py": "one word count, left to the throughput change that owns bench.py"}


def _sql_lines(path: Path) -> list[str]:
    return [f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}"
            for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1) if SQL.search(line)]


def test_no_module_outside_the_store_writes_sql() -> None:
    outside = [p for p in sorted(PACKAGE.rglob("*.py")) if p.relative_to(PACKAGE).parts[0] != "store"]
    assert outside, "the package's modules were not found"
    found = [line for p in outside if str(p.relative_to(PACKAGE)) not in ALLOWED for line in _sql_lines(p)]
    assert found == []


def test_the_check_sees_sql_where_it_is() -> None:
    """The pattern catches what the store modules write (else the test above could never fail)."""
    store_modules = sorted((PACKAGE / "store").glob("*.py"))
    assert sum(bool(_sql_lines(p)) for p in store_modules) >= 10


def test_table_helpers_refuse_names_outside_the_registry(fresh_store: Store) -> None:
    """``count`` and ``clear`` put a table name into SQL: only registered tables get there."""
    assert fresh_store.count("documents") == 0
    fresh_store.execute("INSERT INTO resolve_state VALUES ('x', 0, 'run', now())")
    fresh_store.clear(DERIVED)
    with pytest.raises(StoreError, match="no table"):
        fresh_store.count("documents; DROP TABLE documents")
    with pytest.raises(StoreError, match="no table"):
        fresh_store.clear(["resolve_state", "sqlite_master"])
    assert fresh_store.count("resolve_state") == 1  # nothing is deleted when one name is wrong
