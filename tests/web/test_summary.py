"""Bounded summaries (issue 16): counts plus the first problem inputs, the same in the API (cached) and the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsledger.api import Ledger
from newsledger.cli import app as cli
from newsledger.config import Config
from newsledger.store.db import Store
from newsledger.web.app import create_app

LOCAL = "http://127.0.0.1:8000"
HUGE = "first line of a payload that never ends " * 5000  # a reason stored before reasons were capped

ROWS = f"""
INSERT INTO ingest_log (input_id, source, fmt, status, reason, logged_at)
SELECT 'skip' || i, 'crawl/page_' || lpad(i::VARCHAR, 3, '0') || '.html', 'html', 'skipped', 'too short', now()
FROM range(25) t(i);
INSERT INTO ingest_log (input_id, source, fmt, status, reason, logged_at)
SELECT 'fail' || i, 'crawl/broken_' || i || '.warc.gz', 'warc', 'failed', 'truncated archive', now()
FROM range(15) t(i);
INSERT INTO ingest_log (input_id, source, fmt, status, reason, logged_at)
SELECT 'de' || i, 'crawl/de_' || i || '.txt', 'txt', 'stored', 'not analysed: language de', now() FROM range(5) t(i);
INSERT INTO ingest_log (input_id, source, fmt, status, reason, logged_at)
SELECT 'ok' || i, 'crawl/ok_' || i || '.txt', 'txt', 'stored', '', now() FROM range(7) t(i);
INSERT INTO ingest_log VALUES ('huge', 'crawl/huge.warc.gz', 'warc', 'failed', '{HUGE}', NULL, 261000, NULL, now());
INSERT INTO documents (doc_id, source, fmt, outlet, outlet_source, text, sections, published_precision,
                       published_source, language, analysed, n_chars, n_words, ingested_at, schema_version)
SELECT 'd' || i, 'crawl/ok_' || i || '.txt', 'txt', 'Outlet ' || (i % 30), 'given', 'Text.', '[]', 'unknown',
       'unknown', 'en', true, 5, 1, now(), 1
FROM range(60) t(i);
"""


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "crawl.duckdb"
    with Store(path) as store:
        store.con.execute(ROWS)
    return path


def test_a_summary_lists_the_first_problems_and_counts_the_rest(db: Path, config: Config) -> None:
    with Ledger(db, config, read_only=True) as ledger:
        s = ledger.summary()
    assert s.n_problems == 46 and len(s.problems) == 20
    assert [p.status for p in s.problems] == ["failed"] * 16 + ["skipped"] * 4  # failures first
    assert max(len(p.reason) for p in s.problems) == 300  # the huge reason, cut
    assert s.n_outlets == 30 and len(s.outlets) == 20 and s.outlets[0].documents == 2
    few = replace(config, summary=replace(config.summary, problems=3, outlets=0))
    with Ledger(db, few, read_only=True) as ledger:
        s = ledger.summary()
    assert (len(s.problems), s.n_problems, s.outlets) == (3, 46, [])


def test_newsledger_summary_prints_a_bounded_table_and_points_to_the_log(db: Path) -> None:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["summary", "--db", str(db), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "Not analysed, skipped or failed (first 20 of 46)" in result.output
    assert "26 more: `newsledger log --status skipped`" in result.output
    assert "Outlets (first 20 of 30)" in result.output
    assert "broken_14.warc.gz" in result.output and "page_024" not in result.output
    assert len(result.output) < 20_000  # the 200,000-character reason is not printed whole


@pytest.fixture
def client(db: Path, config: Config) -> Iterator[TestClient]:
    with TestClient(create_app(db, config), base_url=LOCAL) as c:
        yield c


def test_the_api_summary_is_bounded_cached_and_fresh_after_the_store_changes(db: Path, client: TestClient) -> None:
    first = client.get("/api/summary")
    again = client.get("/api/summary")
    assert (first.headers["x-cache"], again.headers["x-cache"]) == ("miss", "hit")
    assert len(first.content) < 10_000 and first.json()["n_problems"] == 46 and len(first.json()["problems"]) == 20
    with duckdb.connect(str(db)) as con:  # an ingest elsewhere logs one more failure
        con.execute("INSERT INTO ingest_log VALUES ('late', 'late.json', 'json', 'failed', 'bad JSON', NULL, 1, NULL, "
                    "now())")
    assert client.app.state.served.refresh()  # type: ignore[attr-defined]  # what the server's watcher does
    fresh = client.get("/api/summary")
    assert fresh.headers["x-cache"] == "miss" and fresh.json()["n_problems"] == 47


def test_the_rest_of_the_log_pages_through_the_api(client: TestClient) -> None:
    skipped = client.get("/api/ingest-log", params={"status": "skipped", "limit": 10, "offset": 20}).json()
    assert [r["source"] for r in skipped] == [f"crawl/page_{i:03d}.html" for i in range(20, 25)]
    assert len(client.get("/api/ingest-log", params={"limit": 1000}).json()) == 53
    assert client.get("/api/ingest-log", params={"status": "lost"}).status_code == 422
