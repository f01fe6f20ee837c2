"""Query answers on stdout: a table for people, JSON, JSON Lines or CSV for scripts.

sqlite-utils' output bundle is the model: every listing command takes ``--format``, and without
it a terminal gets a table and a pipe gets JSON Lines, so ``newsledger events | jq`` needs no
flag. Answers keep the REST API's field names and its JSON encoding (pydantic's, which FastAPI
uses: ISO dates, lists and objects as they are), so a script can move between ``newsledger
events`` and ``GET /api/events`` without renaming anything. CSV cells hold nested values as JSON.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import IO, Annotated, Any

import typer
from pydantic_core import to_jsonable_python
from rich.console import Console
from rich.table import Table
from rich.text import Text


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


FormatOpt = Annotated[OutputFormat | None, typer.Option(
    "--format", "-f", show_default=False,
    help="table (default on a terminal), json, jsonl (default in a pipe) or csv; field names as in the REST API.")]

# A view draws a nested answer (a summary, a document, a comparison) for people, on a console.
View = Callable[[Any, Console], None]
# Content hashes, with an optional "s:" (stories) and ":N" (events) around them: shown by prefix,
# which every command that takes an id accepts.
_HASH = re.compile(r"^((?:s:)?[0-9a-f]{12})[0-9a-f]{20,}")


def chosen(fmt: OutputFormat | None, stream: IO[str]) -> OutputFormat:
    """The format asked for, else a table on a terminal and JSON Lines anywhere else."""
    if fmt is not None:
        return fmt
    return OutputFormat.table if stream.isatty() else OutputFormat.jsonl


def emit(data: Any, fmt: OutputFormat | None, columns: Sequence[str] = (), view: View | None = None) -> None:
    """Write ``data`` (a list of records, or one record) to stdout in the chosen format.

    Args:
        data: what the Ledger answered (a model of ``newsledger.answers`` or a list of them), which
            the API serves as it is; plain records are written the same way.
        fmt: the ``--format`` given, or None for the default of the stream.
        columns: the fields a table shows (every field when empty), for a list of records.
        view: draws the table format instead, for answers a flat table does not fit.
    """
    stream = sys.stdout
    fmt = chosen(fmt, stream)
    if fmt is OutputFormat.table and view is not None:
        view(data, Console(file=stream))
        return
    plain = to_jsonable_python(data)  # models encoded as FastAPI encodes them: the API's JSON, in its order
    records = plain if isinstance(plain, list) else [plain]
    if fmt is OutputFormat.table:
        Console(file=stream).print(table(records, columns))
    elif fmt is OutputFormat.json:
        stream.write(json.dumps(plain, ensure_ascii=False, indent=2) + "\n")
    elif fmt is OutputFormat.jsonl:
        stream.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    else:
        write_csv(records, stream)


def write_csv(records: list[Mapping[str, Any]], stream: IO[str]) -> None:
    """One row a record under a header of every field seen; nested values as JSON, None as empty."""
    fields = list(dict.fromkeys(k for r in records for k in r))
    writer = csv.writer(stream)
    writer.writerow(fields)
    for r in records:
        writer.writerow([_csv_cell(r.get(f)) for f in fields])


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else _json(value)


def table(records: list[Mapping[str, Any]], columns: Sequence[str] = ()) -> Table:
    """A rich table of ``columns`` (default: every field), headed by the field names."""
    fields = list(columns) or list(dict.fromkeys(k for r in records for k in r))
    grid = Table()
    for f in fields:
        grid.add_column(f, overflow="fold")  # a cut path or id is no use to a reader
    for r in records:
        grid.add_row(*(cell(f, r.get(f)) for f in fields))
    return grid


def cell(field: str, value: Any) -> Text:
    """A value as a table shows it: ids by prefix, lists joined, records by name; never markup."""
    if value is None:
        return Text("")
    if isinstance(value, bool):
        return Text("yes" if value else "")
    if isinstance(value, float):
        return Text(f"{value:,.2f}".rstrip("0").rstrip("."))
    if isinstance(value, list):
        return Text(", ".join(_named(v) for v in value))
    if isinstance(value, dict):
        return Text(_json(value))
    text = str(value)
    return Text(_HASH.sub(r"\1", text) if field.endswith("_id") else text)


def _named(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or _json(value))
    return str(value)


def _json(value: Any) -> str:
    return json.dumps(to_jsonable_python(value), ensure_ascii=False)
