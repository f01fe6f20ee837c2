"""The output module: what a table cell and a CSV row hold for the values the Ledger answers."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest

from newsledger.output import OutputFormat, cell, emit, write_csv

HASH = "72e77a7b11260a154b9afd858dc1ad8097de4fd2eda129928137cb551fdee892"


def test_a_cell_shows_ids_by_a_prefix_the_commands_accept() -> None:
    assert cell("event_id", f"{HASH}:12").plain == "72e77a7b1126:12"
    assert cell("story_id", f"s:{HASH[:40]}").plain == "s:72e77a7b1126"
    assert cell("doc_id", "short-id").plain == "short-id"
    assert cell("title", HASH).plain == HASH  # only id fields are shortened


def test_a_cell_joins_lists_names_records_and_never_reads_markup() -> None:
    assert cell("top_actors", [{"name": "Ilham Aliyev", "n": 3}, {"name": "OSCE"}]).plain == "Ilham Aliyev, OSCE"
    assert cell("source_names", ["Armenia", "Azerbaijan"]).plain == "Armenia, Azerbaijan"
    assert (cell("value", 1500.0).plain, cell("similarity", 0.9731).plain, cell("intensity", 0.0).plain) == (
        "1,500", "0.97", "0")
    assert (cell("negated", True).plain, cell("negated", False).plain, cell("mode", None).plain) == ("yes", "", "")
    assert cell("title", "[bold]Breaking[/bold]").plain == "[bold]Breaking[/bold]"


def test_csv_holds_nested_values_as_json_and_null_as_empty() -> None:
    stream = io.StringIO()
    write_csv([{"event_id": "e1", "names": ["A", "B, C"], "at": {"lat": 40.4}, "date": None, "quad": 4},
               {"event_id": "e2", "names": [], "extra": "only here"}], stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert list(rows[0]) == ["event_id", "names", "at", "date", "quad", "extra"]
    assert json.loads(rows[0]["names"]) == ["A", "B, C"] and json.loads(rows[0]["at"]) == {"lat": 40.4}
    assert (rows[0]["date"], rows[0]["quad"], rows[1]["extra"], rows[1]["date"]) == ("", "4", "only here", "")


def test_dates_are_written_as_the_api_writes_them(capsys: pytest.CaptureFixture[str]) -> None:
    records = [{"day": date(2021, 3, 1), "logged_at": datetime(2021, 3, 1, 8, 30), "names": ["Michel"]}]
    emit(records, OutputFormat.csv)
    assert capsys.readouterr().out.splitlines() == ["day,logged_at,names",
                                                    '2021-03-01,2021-03-01T08:30:00,"[""Michel""]"']
    emit(records[0], OutputFormat.jsonl)  # one record: one line
    assert json.loads(capsys.readouterr().out) == {"day": "2021-03-01", "logged_at": "2021-03-01T08:30:00",
                                                   "names": ["Michel"]}
