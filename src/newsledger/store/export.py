"""Whole tables out of the store: JSON Lines, CSV, Parquet, or the events as a GDELT-style TSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO

from newsledger.errors import ConfigError
from newsledger.store.db import Store
from newsledger.store.gdelt import GDELT_SQL
from newsledger.store.tables import TABLES

FORMATS = ("jsonl", "csv", "parquet", "gdelt")


def export(store: Store, table: str, fmt: str, out: str | Path | IO[str]) -> int:
    """Write a whole table; ``out`` is a path, or a text stream for jsonl/csv/gdelt (Parquet needs a path).

    Returns the row count.

    Raises:
        ConfigError: an unknown table or format, gdelt for a table other than events, Parquet to a stream.
    """
    if table not in TABLES:
        raise ConfigError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "gdelt" and table != "events":
        raise ConfigError("the gdelt format is for the events table: --table events --format gdelt")
    order = "ORDER BY doc_id, idx" if table in ("sentences", "mentions") else "ORDER BY 1"
    sql = GDELT_SQL if fmt == "gdelt" else f"SELECT * FROM {table} {order}"  # table checked above
    n = int(store.scalar(f"SELECT count(*) FROM ({sql})"))
    if fmt == "parquet":
        if not isinstance(out, str | Path):
            raise ConfigError("Parquet export needs a file: give -o FILE.parquet")
        target = str(out).replace("'", "''")
        store.execute(f"COPY ({sql}) TO '{target}' (FORMAT parquet)")
        return n
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return _write_rows(store, sql, fmt, fh)
    return _write_rows(store, sql, fmt, out)


def _write_rows(store: Store, sql: str, fmt: str, fh: IO[str]) -> int:
    n = 0
    writer = None
    tabular = {"csv": csv.excel, "gdelt": csv.excel_tab}.get(fmt)
    for cols, rows in store.iter_rows(sql):
        if tabular is not None and writer is None:
            writer = csv.writer(fh, dialect=tabular)
            writer.writerow(cols)
        for row in rows:
            if writer is not None:
                writer.writerow(row)
            else:
                fh.write(json.dumps(dict(zip(cols, row, strict=True)), default=str, ensure_ascii=False) + "\n")
            n += 1
    if tabular is not None and writer is None:  # empty table: still write the header
        csv.writer(fh, dialect=tabular).writerow(store.columns(sql))
    return n
