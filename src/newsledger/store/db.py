"""DuckDB store: schema, batched idempotent writes, and the SQL helpers the query modules of ``store/`` use.

Writes go through one connection in the coordinating process, a transaction per batch,
so an interrupted run leaves every earlier batch complete and nothing half-written.
Rows are bulk-inserted from Arrow tables: DuckDB's executemany is far slower.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from newsledger.errors import StoreError
from newsledger.store.locking import connect
from newsledger.store.runs import mark_interrupted
from newsledger.store.tables import NAMES, WRITE_TABLES


@cache
def _schema_sql() -> str:
    """schema.sql, checked once against the table registry (store/tables.py): a table in one and
    not the other is a developer's slip that would otherwise lose rows silently."""
    sql = resources.files("newsledger.store").joinpath("schema.sql").read_text("utf-8")
    created = set(re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", sql))
    if created != NAMES:
        raise StoreError(f"schema.sql and store/tables.py disagree: only in schema.sql {sorted(created - NAMES)}, "
                         f"only in the registry {sorted(NAMES - created)}")
    return sql


class Store:
    """A newsledger DuckDB database file (or ``:memory:``)."""

    def __init__(self, path: str | Path = "newsledger.duckdb", read_only: bool = False, wait: float = 30.0) -> None:
        """Open the store; a writer waits up to ``wait`` seconds for other processes to let go of it.

        Raises:
            StoreBusyError: another process holds the file (a reader: a writer; a writer: anyone, still after ``wait``).
            StoreError: no store at ``path`` (read-only), or DuckDB cannot open it.
        """
        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path}: run `newsledger ingest PATH --db {self.path}` first")
        try:
            # A writer process holds the file for a whole ingest: a reader waiting for it is no use.
            self.con = connect(self.path, read_only, 0.0 if read_only else wait)
        except duckdb.IOException as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from exc
        self._schemas: dict[str, pa.Schema] = {}
        self._in_transaction = False
        if not read_only:
            self.con.execute(_schema_sql())
            # Holding the write lock proves no other process is writing: its "running" runs died.
            mark_interrupted(self)

    def close(self) -> None:
        self.con.close()

    def cursor(self) -> Store:
        """Another handle on the same database, for one thread (a web request) at a time."""
        other = object.__new__(Store)
        other.path, other.con, other._schemas = self.path, self.con.cursor(), self._schemas
        other._in_transaction = False
        return other

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside commits together or not at all; inside another transaction, joins it.

        Joining lets a step that is atomic on its own (one resolve step) be part of a larger
        unit (the whole cross-article stage) without DuckDB's nested-transaction error.
        """
        if self._in_transaction:
            yield
            return
        self.con.begin()
        self._in_transaction = True
        try:
            yield
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        finally:
            self._in_transaction = False

    # -- idempotency look-ups ---------------------------------------------------------
    def known_inputs(self, input_ids: Iterable[str]) -> set[str]:
        """Inputs already stored or recorded as duplicates: a rerun need not redo them."""
        ids = list(set(input_ids))
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT input_id FROM ingest_log WHERE status IN ('stored', 'duplicate') AND input_id IN "
            "(SELECT unnest(?))",
            [ids],
        ).fetchall()
        return {r[0] for r in rows}

    def existing_docs(self, doc_ids: Iterable[str]) -> set[str]:
        ids = list(set(doc_ids))
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        return {r[0] for r in rows}

    # -- writes -----------------------------------------------------------------------
    def _schema(self, table: str) -> pa.Schema:
        """A table's Arrow schema, read from the store: schema.sql is the one definition."""
        if table not in self._schemas:
            self._schemas[table] = self.con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
        return self._schemas[table]

    def schemas(self) -> dict[str, pa.Schema]:
        """Arrow schemas of the tables a batch writes, for building rows where records are made."""
        return {table: self._schema(table) for table in WRITE_TABLES}

    def write_tables(self, tables: dict[str, pa.Table]) -> None:
        """Insert prepared tables (``store.rows``) in one transaction: every row lands, or none does."""
        con = self.con
        written = [t for t in WRITE_TABLES if t in tables and tables[t].num_rows]
        try:
            with self.transaction():
                for table in written:
                    con.register(f"_{table}", tables[table])
                    con.execute(f"INSERT OR {WRITE_TABLES[table]} INTO {table} BY NAME SELECT * FROM _{table}")
        finally:
            for table in written:
                con.unregister(f"_{table}")

    # -- SQL, for the query modules of this package (nothing outside ``store/`` writes SQL) ----
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Rows as dicts named by column: the records the Ledger answers with."""
        cur = self.con.execute(sql, params or [])
        cols = [c[0] for c in cur.description or []]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def rows(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Rows as tuples, for the cross-article stage's Python steps."""
        return self.con.execute(sql, params or []).fetchall()

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        row = self.con.execute(sql, params or []).fetchone()
        return row[0] if row else None

    def execute(self, sql: str, params: list[Any] | None = None) -> None:
        self.con.execute(sql, params or [])

    @contextmanager
    def registered(self, name: str, table: pa.Table) -> Iterator[None]:
        """``table`` readable in SQL as ``name`` for the length of the block (bulk writes from Python)."""
        self.con.register(name, table)
        try:
            yield
        finally:
            self.con.unregister(name)

    def iter_rows(self, sql: str, batch: int = 2048) -> Iterator[tuple[list[str], list[tuple[Any, ...]]]]:
        cur = self.con.execute(sql)
        cols = [c[0] for c in cur.description or []]
        while rows := cur.fetchmany(batch):
            yield cols, rows

    def columns(self, sql: str) -> list[str]:
        """The column names ``sql`` returns, without running it over the data."""
        return [c[0] for c in self.con.execute(f"SELECT * FROM ({sql}) LIMIT 0").description or []]

    def count(self, table: str) -> int:
        """Rows of a registry table (the name is checked: it goes into SQL)."""
        if table not in NAMES:
            raise StoreError(f"no table {table!r} in the store")
        return int(self.scalar(f"SELECT count(*) FROM {table}"))

    def clear(self, tables: Iterable[str]) -> None:
        """Delete every row of registry tables (``resolve --full`` rebuilds the derived ones); names are
        checked before anything is deleted."""
        names = list(tables)
        unknown = sorted(set(names) - NAMES)
        if unknown:
            raise StoreError(f"no table {unknown[0]!r} in the store")
        for table in names:
            self.con.execute(f"DELETE FROM {table}")


def write_schemas() -> dict[str, pa.Schema]:
    """The Arrow schemas of the tables a batch writes, without a store: for workers on other machines."""
    with Store(":memory:") as store:
        return store.schemas()
