"""The command line: every command works, documents itself, and fails cleanly."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import newsledger
from newsledger.bench import EXAMPLE_CORPUS
from newsledger.cli import app
from newsledger.config import Config
from newsledger.output import OutputFormat
from newsledger.web.app import create_app

runner = CliRunner(env={"COLUMNS": "200"})  # wide enough that tables do not wrap paths

ARTICLE = (
    "EU envoy visits Tbilisi\n\n"
    "TBILISI, March 3, 2021 (Black Sea Herald) -- European Council President Charles Michel arrived in "
    "Tbilisi on Monday to mediate between Georgia's ruling party and the opposition, his office said.\n\n"
    '"I came to listen," Michel told reporters at the airport.\n'
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> Path:
    root = tmp_path_factory.mktemp("cli")
    (root / "in").mkdir()
    (root / "in" / "tbilisi.txt").write_text(ARTICLE, "utf-8")
    (root / "in" / "blob.txt").write_bytes(b"\x00\x01\x02" * 50)
    path = root / "ledger.duckdb"
    result = runner.invoke(app, ["ingest", str(root / "in"), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 stored" in result.output and "1 skipped" in result.output
    assert "Black Sea Herald" in result.output  # summary: outlet from the dateline credit
    assert "blob.txt" in result.output and "binary" in result.output  # summary: skipped and why
    return path


def test_docs_and_show(db: Path) -> None:
    listing = runner.invoke(app, ["docs", "--db", str(db)])
    assert listing.exit_code == 0 and "EU envoy visits Tbilisi" in listing.output
    doc_id = duckdb.connect(str(db), read_only=True).execute("SELECT doc_id FROM documents").fetchone()[0]
    shown = runner.invoke(app, ["show", doc_id[:8], "--db", str(db), "--format", "table"])
    assert shown.exit_code == 0, shown.output
    assert "2021-03-03" in shown.output and "dateline" in shown.output
    assert "Charles Michel" in shown.output and "PERSON" in shown.output
    missing = runner.invoke(app, ["show", "zzzz", "--db", str(db)])
    assert missing.exit_code == 1 and "no document" in missing.output


def test_actors_and_actor(db: Path) -> None:
    listing = runner.invoke(app, ["actors", "--db", str(db), "--kind", "person"])
    assert listing.exit_code == 0 and "Charles Michel" in listing.output
    one = runner.invoke(app, ["actor", "Michel", "--db", str(db), "--format", "table"])
    assert one.exit_code == 0, one.output
    assert "European Council President" in one.output and "IGO" in one.output
    missing = runner.invoke(app, ["actor", "Nobody Atall", "--db", str(db)])
    assert missing.exit_code == 1 and "no actor named" in missing.output


def test_quotes_and_claims(db: Path) -> None:
    quoted = runner.invoke(app, ["quotes", "--db", str(db), "--speaker", "Michel"])
    assert quoted.exit_code == 0 and "I came to listen" in quoted.output and "reporters" in quoted.output
    listed = runner.invoke(app, ["claims", "--db", str(db), "--format", "json"])
    assert listed.exit_code == 0 and json.loads(listed.stdout) == []  # the article states no figure


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_formats(db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"mentions.{fmt}"
    result = runner.invoke(app, ["export", "--table", "mentions", "--format", fmt, "-o", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    rows = duckdb.sql(
        f"SELECT text, label, start_char, end_char FROM "
        f"{'read_json_auto' if fmt == 'jsonl' else 'read_csv_auto' if fmt == 'csv' else 'read_parquet'}('{out}')"
    ).fetchall()
    assert ("Charles Michel", "PERSON") in {(r[0], r[1]) for r in rows}
    # Spans point into the stored cleaned text.
    text = duckdb.connect(str(db), read_only=True).execute("SELECT text FROM documents").fetchone()[0]
    assert all(text[r[2]:r[3]] == r[0] for r in rows)


def test_export_to_stdout_and_errors(db: Path) -> None:
    result = runner.invoke(app, ["export", "-t", "ingest_log", "--db", str(db)])
    statuses = sorted(json.loads(line)["status"] for line in result.stdout.splitlines())
    assert statuses == ["skipped", "stored"]
    bad = runner.invoke(app, ["export", "-t", "secrets", "--db", str(db)])
    assert bad.exit_code == 1 and "unknown table" in bad.output
    no_file = runner.invoke(app, ["export", "-t", "documents", "-f", "parquet", "--db", str(db)])
    assert no_file.exit_code == 1 and "-o FILE" in no_file.output


def test_missing_store_is_a_clean_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["docs", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "newsledger ingest" in result.output


def test_bad_setting_is_a_clean_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", "x.txt", "--db", str(tmp_path / "d.duckdb"), "--set", "ingest.bogus=1"])
    assert result.exit_code == 1 and "unknown setting" in result.output


@pytest.mark.parametrize("command", [c.name or c.callback.__name__ for c in app.registered_commands])
def test_every_command_has_help_with_example(command: str) -> None:
    result = runner.invoke(app, [command, "-h"])
    assert result.exit_code == 0
    if command != "version":
        assert "Example" in result.output


def test_readme_documents_every_command() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    for c in app.registered_commands:
        assert f"newsledger {c.name or c.callback.__name__}" in readme


def test_public_api_is_exported() -> None:
    for name in newsledger.__all__:
        assert hasattr(newsledger, name)
    assert "Ledger" in newsledger.__all__


def test_export_events_as_gdelt_tsv(db: Path) -> None:
    result = runner.invoke(app, ["export", "-t", "events", "-f", "gdelt", "--db", str(db)])
    assert result.exit_code == 0, result.output
    header, *rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert header[:6] == ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Code", "Actor1Name"]
    event = dict(zip(header, rows[0], strict=True))
    # "Charles Michel arrived in Tbilisi on Monday to mediate": CONSULT (CAMEO 04), Monday before March 3.
    assert (event["PloverType"], event["PloverMode"], event["EventRootCode"]) == ("CONSULT", "third-party", "04")
    assert (event["SQLDATE"], event["DatePrecision"]) == ("20210301", "day")
    assert event["Actor1Name"] == "CHARLES MICHEL" and event["QuadClass"] == "1"
    assert "mediate between Georgia" in event["Evidence"]
    wrong = runner.invoke(app, ["export", "-t", "quotes", "-f", "gdelt", "--db", str(db)])
    assert wrong.exit_code == 1 and "events table" in wrong.output


def test_serve_refuses_a_short_token_and_a_missing_store(db: Path, tmp_path: Path) -> None:
    short = runner.invoke(app, ["serve", "--db", str(db), "--ingest-token", "abc"])
    assert short.exit_code == 1 and "at least 16 characters" in short.output
    missing = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "newsledger ingest" in missing.output


def test_serve_answers_the_ui_and_the_api(db: Path) -> None:
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = Path(sys.executable).parent / "newsledger"
    server = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                summary = httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, "newsledger serve did not start"
                time.sleep(0.2)
        assert summary.json()["documents"] == 1
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
        assert page.status_code == 200 and "/static/ui/app.js" in page.text
        article = {"articles": [{"text": ARTICLE, "title": "EU envoy visits Tbilisi"}]}
        refused = httpx.post(f"http://127.0.0.1:{port}/api/ingest", json=article, timeout=5)
        assert refused.status_code == 403 and "--ingest-token" in refused.json()["detail"]  # read-only
    finally:
        server.terminate()
        _, err = server.communicate(timeout=20)
    assert "read-only" in err


# -- scriptable output: every command that reads the store answers as the API does ----------
NOT_LISTINGS = {"ingest", "load", "resolve", "serve", "export", "bench", "train", "version"}
# Each reading command, and the API route that serves the same resource with the same filters.
# "{doc}", "{event}", "{actor}" and "{story}" stand for ids taken from the example store.
AS_API = {
    "summary": ([], "/api/summary"),
    "status": ([], "/api/status"),
    "docs": (["--limit", "50"], "/api/documents?limit=50"),
    "show": (["{doc}"], "/api/documents/{doc}"),
    "actors": (["--limit", "100"], "/api/actors?limit=100"),
    "actor": (["{actor}"], "/api/actors/{actor}"),
    "quotes": ([], "/api/quotes"),
    "claims": ([], "/api/claims"),
    "events": (["--negated"], "/api/events?negated=true"),
    "explain": (["{event}"], "/api/events/{event}"),
    "duplicates": ([], "/api/duplicates"),
    "merged": (["--limit", "100"], "/api/merged-events"),
    "stories": (["--limit", "100"], "/api/stories"),
    "timeline": (["--story", "{story}"], "/api/timeline?story={story}"),
    "compare": (["--story", "{story}"], "/api/stories/{story}/compare"),
    "log": ([], "/api/ingest-log?limit=1000"),
}


@pytest.fixture(scope="module")
def api(example_db: Path, config: Config) -> Iterator[TestClient]:
    with TestClient(create_app(example_db, config), base_url="http://127.0.0.1:8000") as client:
        yield client


@pytest.fixture(scope="module")
def ids(api: TestClient) -> dict[str, str]:
    event = api.get("/api/events").json()[0]
    return {"doc": event["doc_id"], "event": event["event_id"], "story": api.get("/api/stories").json()[0]["story_id"],
            "actor": api.get("/api/actors").json()[0]["actor_id"]}


def _fill(text: str, ids: dict[str, str]) -> str:
    for key, value in ids.items():
        text = text.replace("{" + key + "}", value)
    return text


def test_every_reading_command_takes_format() -> None:
    commands = {c.name or c.callback.__name__ for c in app.registered_commands}
    choices = "<" + "|".join(OutputFormat) + ">"
    with_format = {c for c in commands if choices in runner.invoke(app, [c, "-h"]).stdout}
    assert with_format == commands - NOT_LISTINGS == set(AS_API)


@pytest.mark.parametrize("command", sorted(AS_API))
def test_json_output_is_what_the_api_answers(command: str, example_db: Path, api: TestClient,
                                             ids: dict[str, str]) -> None:
    args, route = AS_API[command]
    result = runner.invoke(app, [command, *(_fill(a, ids) for a in args), "--db", str(example_db), "--format", "json"])
    assert result.exit_code == 0, result.output
    answer = api.get(_fill(route, ids))
    assert answer.status_code == 200
    data = json.loads(result.stdout)
    assert data and json.dumps(data) == json.dumps(answer.json())  # the same fields, values and order


def test_a_pipe_gets_json_lines_and_csv_holds_nested_values_as_json(example_db: Path, api: TestClient) -> None:
    served = api.get("/api/events?limit=20").json()
    piped = runner.invoke(app, ["events", "--limit", "20", "--db", str(example_db)])  # stdout is no terminal
    assert piped.exit_code == 0 and [json.loads(line) for line in piped.stdout.splitlines()] == served
    table = runner.invoke(app, ["events", "--limit", "20", "--db", str(example_db), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in served]
    assert [json.loads(r["source_names"]) for r in rows] == [e["source_names"] for e in served]
    assert [r["location"] for r in rows] == [e["location"] or "" for e in served]  # null is an empty cell
    assert rows[0]["negated"] == "false" and rows[0]["quad"] == str(served[0]["quad"])


def test_a_table_names_the_api_fields_and_shows_ids_by_prefix(example_db: Path, api: TestClient) -> None:
    story = api.get("/api/stories").json()[0]["story_id"]
    shown = runner.invoke(app, ["stories", "--db", str(example_db), "--format", "table"])
    assert shown.exit_code == 0
    assert "story_id" in shown.stdout and "n_documents" in shown.stdout
    assert story[:14] in shown.stdout and story not in shown.stdout  # "s:" and 12 hex digits: a prefix that works
    timeline = runner.invoke(app, ["timeline", "--story", story[:14], "--db", str(example_db), "-f", "table"])
    assert timeline.exit_code == 0 and timeline.stdout.strip()


def test_summary_data_goes_to_stdout_and_errors_to_stderr(example_db: Path, tmp_path: Path) -> None:
    shown = runner.invoke(app, ["summary", "--db", str(example_db), "-f", "table"])
    assert "Top entities" in shown.stdout and not shown.stderr
    missing = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb"), "-f", "json"])
    assert missing.exit_code == 1 and not missing.stdout and "newsledger ingest" in missing.stderr


def test_bench_repeats_the_repository_examples_unless_told_otherwise(tmp_path: Path) -> None:
    assert Path(__file__).resolve().parents[1] / "examples" / "corpus" == EXAMPLE_CORPUS
    assert any(EXAMPLE_CORPUS.rglob("*.txt"))
    empty = runner.invoke(app, ["bench", "--corpus", str(tmp_path)])
    assert empty.exit_code == 1 and "no .txt articles" in empty.stderr and "--corpus DIR" in empty.stderr


def test_the_ids_a_table_shows_are_ids_the_commands_take(example_db: Path) -> None:
    table = runner.invoke(app, ["events", "--limit", "5", "--db", str(example_db), "-f", "table"]).stdout
    shown = re.findall(r"│ ([0-9a-f]{12}:\d+) ", table)
    assert len(shown) == 5
    for short in shown:
        explained = runner.invoke(app, ["explain", short, "--db", str(example_db), "-f", "json"])
        assert explained.exit_code == 0, explained.output
        full = json.loads(explained.stdout)["event_id"]
        assert full.startswith(short.split(":")[0]) and full.endswith(":" + short.split(":")[1])
    docs = runner.invoke(app, ["docs", "--limit", "1", "--db", str(example_db), "-f", "table"]).stdout
    (doc,) = re.findall(r"│ ([0-9a-f]{12}) ", docs)
    assert runner.invoke(app, ["show", doc, "--db", str(example_db), "-f", "json"]).exit_code == 0
