"""The table registry is the one list of tables: schema.sql, export, shards and rebuilds agree with it."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from newsledger.errors import StoreError
from newsledger.store import db
from newsledger.store.tables import DERIVED, NAMES, RECORD_TABLES, TABLES, WRITE_TABLES


def test_schema_sql_creates_exactly_the_registered_tables() -> None:
    sql = resources.files("newsledger.store").joinpath("schema.sql").read_text("utf-8")
    assert set(re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", sql)) == NAMES


def test_the_lists_each_part_uses_come_from_the_registry() -> None:
    assert set(RECORD_TABLES) <= set(WRITE_TABLES)  # a document's rows are written by the batch
    assert not set(DERIVED) & set(WRITE_TABLES)  # a rebuild never clears what the pipeline wrote
    assert WRITE_TABLES["ingest_log"] == "REPLACE" and WRITE_TABLES["documents"] == "IGNORE"
    assert "resolve_state" not in TABLES and "documents" in TABLES


def test_a_table_missing_from_the_registry_stops_the_store(monkeypatch: pytest.MonkeyPatch) -> None:
    db._schema_sql.cache_clear()
    monkeypatch.setattr(db, "NAMES", NAMES - {"doc_dates"})
    try:
        with pytest.raises(StoreError, match=r"only in schema.sql \['doc_dates'\]"):
            db.Store(":memory:")
    finally:
        db._schema_sql.cache_clear()
