"""Ingest through the Ledger API: idempotence, bad inputs, interruption, worker counts."""

from __future__ import annotations

import gzip
import io
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger import Ledger
from newsledger.config import Config
from newsledger.store.db import Store

pytestmark = pytest.mark.usefixtures("nlp")

ARTICLES = {
    "vienna.txt": (
        "Foreign ministers meet in Vienna over Karabakh\n\n"
        "VIENNA, May 4 (Meridian) -- Armenian Foreign Minister Zohrab Mnatsakanyan and his Azerbaijani "
        "counterpart Elmar Mammadyarov held talks in Vienna on Tuesday under the auspices of the OSCE "
        "Minsk Group co-chairs.\n\n"
        '"The talks were constructive," Mammadyarov told reporters after the meeting.\n\n'
        "Back to Top Close\n"
    ),
    "brussels.txt": (
        "NATO chief meets Georgian premier\n\n"
        "NATO Secretary-General Jens Stoltenberg met Georgian Prime Minister Irakli Garibashvili in "
        "Brussels on Thursday and praised Tbilisi's contribution to alliance missions.\n\n"
        "Stoltenberg said the alliance would keep supporting Georgia's reforms.\n"
    ),
    "moscow.txt": (
        "Lavrov hosts South Caucasus counterparts\n\n"
        "Russian Foreign Minister Sergey Lavrov hosted the foreign ministers of Armenia and Azerbaijan "
        "in Moscow last month, the ministry said, and urged both sides to respect the ceasefire.\n"
    ),
}


def _write_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (root / name).write_text(text, "utf-8")
    return root


def _html_response(writer: WARCWriter, uri: str, html: str) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    body = html.encode()
    # A known length keeps warcio from buffering the payload in an unclosed temporary file.
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), length=len(body),
                                                  http_headers=headers))


def _bad_inputs(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 2)
    (root / "empty.txt").write_bytes(b"")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    (root / "broken.json").write_text('{"text": "unterminated', "utf-8")
    (root / "nav_only.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", "utf-8")
    (root / "huge.txt").write_text("word " * 300, "utf-8")
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i in range(3):
        _html_response(writer, f"https://monitor.example/{i}", (
            f"<html><head><title>Report {i}</title></head><body><article><h1>Report {i}</h1>"
            f"<p>OSCE monitors reported shelling near the line of contact for the {i}th day, officials said "
            f"in a statement issued in Vienna on Monday evening after a closed session of the council.</p>"
            f"<p>The mission said it would publish a fuller account of incident number {i} later.</p>"
            "</article></body></html>"))
    data = buf.getvalue()
    (root / "cut.warc.gz").write_bytes(data[: int(len(data) * 0.8)])


def test_rerun_adds_nothing(tmp_path: Path, config: Config) -> None:
    corpus = _write_corpus(tmp_path / "in")
    with Ledger(tmp_path / "db.duckdb", config) as ledger:
        first = ledger.ingest([str(corpus)])
        tables = ("documents", "sentences", "mentions", "ingest_log")
        before = {t: ledger.store.scalar(f"SELECT count(*) FROM {t}") for t in tables}
        second = ledger.ingest([str(corpus)])
        after = {t: ledger.store.scalar(f"SELECT count(*) FROM {t}") for t in tables}
    assert first.stored == 3 and first.mentions > 10
    assert (second.stored, second.unchanged) == (0, 3)
    assert before == after


def test_same_text_in_two_files_is_one_document(tmp_path: Path, config: Config) -> None:
    corpus = _write_corpus(tmp_path / "in")
    (corpus / "copy_of_vienna.txt").write_text(ARTICLES["vienna.txt"] + "\n0100200707500000000000000111050913\n")
    with Ledger(tmp_path / "db.duckdb", config) as ledger:
        counts = ledger.ingest([str(corpus)])
        dup = ledger.ingest_log("duplicate")
    assert (counts.stored, counts.duplicate) == (3, 1)
    assert dup[0].source.endswith("copy_of_vienna.txt") or dup[0].source.endswith("vienna.txt")


def test_a_copy_in_another_batch_of_one_commit_is_a_duplicate(
    tmp_path: Path, small_batches: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read in name order in batches of two: the copy comes first and its original, Vienna, is in
    # the next batch; with commit_size 4 both batches are settled before either is written.
    corpus = _write_corpus(tmp_path / "in")
    (corpus / "a_copy_of_vienna.txt").write_text(ARTICLES["vienna.txt"] + "\n")
    commits = {"n": 0}
    original = Store.write_tables

    def counting(self: Store, *args: object, **kwargs: object) -> None:
        commits["n"] += 1
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "write_tables", counting)
    results = []
    for size in (2, 4):
        commits["n"] = 0
        cfg = replace(small_batches, ingest=replace(small_batches.ingest, commit_size=size))
        with Ledger(tmp_path / f"c{size}.duckdb", cfg) as ledger:
            counts = ledger.ingest([str(corpus)])
            dup = ledger.ingest_log("duplicate")
            results.append({t: _rows(ledger, t) for t in ("documents", "sentences", "mentions", "ingest_log")})
        assert (counts.stored, counts.duplicate, commits["n"]) == (3, 1, 2 if size == 2 else 1)
        assert [d.source.rsplit("/", 1)[-1] for d in dup] == ["vienna.txt"]
    assert results[0] == results[1]


def test_bad_inputs_are_logged_and_never_stop_the_batch(tmp_path: Path, config: Config) -> None:
    corpus = _write_corpus(tmp_path / "in")
    _bad_inputs(corpus / "bad")
    cfg = replace(config, ingest=replace(config.ingest, max_bytes=1000))
    with Ledger(tmp_path / "db.duckdb", cfg) as ledger:
        counts = ledger.ingest([str(corpus), str(tmp_path / "missing.txt")])
        rows = ledger.ingest_log()
        log = {Path(r.source).name: r for r in rows if "::" not in r.source}
        n_docs = ledger.store.scalar("SELECT count(*) FROM documents")
    reasons = {name: (row.status, row.reason) for name, row in log.items()}
    assert reasons["photo.txt"][0] == "skipped" and "PNG" in reasons["photo.txt"][1]
    assert reasons["empty.txt"] == ("skipped", "empty file")
    assert reasons["notes.pdf"][0] == "skipped" and "unsupported" in reasons["notes.pdf"][1]
    assert reasons["broken.json"][0] == "failed" and "bad JSON" in reasons["broken.json"][1]
    assert reasons["nav_only.html"][0] == "skipped"
    assert reasons["huge.txt"][0] == "skipped" and "too large" in reasons["huge.txt"][1]
    assert reasons["missing.txt"] == ("failed", "not found")
    assert reasons["cut.warc.gz"][0] == "failed" and "truncated" in reasons["cut.warc.gz"][1]
    # The good articles, and the WARC records before the damage, are all stored.
    warc_stored = [r for r in rows if "::" in r.source and r.status == "stored"]
    assert counts.stored == n_docs == 3 + len(warc_stored)
    assert len(warc_stored) >= 1


def test_interrupted_run_keeps_finished_batches_and_resumes(
    tmp_path: Path, small_batches: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _write_corpus(tmp_path / "in")
    for i in range(3):  # enough inputs for several chunks of two
        (corpus / f"extra{i}.txt").write_text(ARTICLES["brussels.txt"].replace("Thursday", f"day {i}"))
    calls = {"n": 0}
    original = Store.write_tables

    def crash_on_second(self: Store, *args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    db = tmp_path / "db.duckdb"
    with Ledger(db, small_batches) as ledger:
        monkeypatch.setattr(Store, "write_tables", crash_on_second)
        with pytest.raises(KeyboardInterrupt):
            ledger.ingest([str(corpus)])
        monkeypatch.setattr(Store, "write_tables", original)
        stored_before = ledger.store.scalar("SELECT count(*) FROM documents")
        status = ledger.store.scalar("SELECT status FROM runs ORDER BY started LIMIT 1")
        resumed = ledger.ingest([str(corpus)])
        total = ledger.store.scalar("SELECT count(*) FROM documents")
        orphans = ledger.store.scalar(
            "SELECT count(*) FROM sentences WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
        )
    assert status == "interrupted"
    assert 0 < stored_before < 6
    assert resumed.unchanged == stored_before and resumed.stored == 6 - stored_before
    assert total == 6 and orphans == 0


def _rows(ledger: Ledger, table: str) -> list[str]:
    skip = {"run_id", "ingested_at", "logged_at"}
    buf = io.StringIO()
    ledger.export(table, "jsonl", buf)
    return [json.dumps({k: v for k, v in json.loads(line).items() if k not in skip}, sort_keys=True)
            for line in buf.getvalue().splitlines()]


@pytest.mark.slow
def test_results_identical_for_any_worker_count(tmp_path: Path, small_batches: Config) -> None:
    corpus = _write_corpus(tmp_path / "in")
    results = []
    for workers in (1, 2):
        with Ledger(tmp_path / f"w{workers}.duckdb", small_batches) as ledger:
            ledger.ingest([str(corpus)], workers=workers)
            results.append({t: _rows(ledger, t) for t in ("documents", "sentences", "mentions", "ingest_log")})
    assert results[0] == results[1]
    assert len(results[0]["mentions"]) > 10


def test_stdin_input(tmp_path: Path, config: Config) -> None:
    lines = [json.dumps({"headline": "Ministers meet", "body": ARTICLES["moscow.txt"], "source": "Meridian"})]
    with Ledger(tmp_path / "db.duckdb", config) as ledger:
        counts = ledger.ingest(["-"], stdin=io.BytesIO(("\n".join(lines * 2) + "\n").encode()))
        doc = ledger.documents()[0]
    assert (counts.stored, counts.duplicate) == (1, 1)
    assert doc.outlet == "Meridian" and doc.title == "Ministers meet"


def test_gzip_text_is_not_mistaken_for_article(tmp_path: Path, config: Config) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "packed.txt").write_bytes(gzip.compress(ARTICLES["vienna.txt"].encode()))
    with Ledger(tmp_path / "db.duckdb", config) as ledger:
        ledger.ingest([str(tmp_path / "in")])
        row = ledger.ingest_log()[0]
    assert row.status == "skipped" and "gzip" in row.reason


def _odd_inputs(root: Path) -> None:
    """What a crawl can hold that once stopped a batch or was silently skipped (#16)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "deep.json").write_text('{"text": ' + "[" * 1500 + "]" * 1500 + "}")
    (root / os.fsdecode(b"r\xe9sum\xe9.txt")).write_text(ARTICLES["brussels.txt"].replace("Thursday", "Monday"))
    (root / "passwd.txt").symlink_to("/etc/passwd")
    (root / "gone.txt").symlink_to("deleted.txt")
    elsewhere = _write_corpus(root.parent.parent / "elsewhere")  # beside the input folder, not in it
    (root / "linked").symlink_to(elsewhere)
    (root / "loop").symlink_to(".")
    moscow = ARTICLES["moscow.txt"].replace("last month", "on Monday")
    records = [{"text": moscow.split("\n\n"), "published": 1511222400000},
               {"text": {"body": "Lavrov hosted talks."}}]
    (root / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")


def test_odd_paths_and_fields_are_logged_once_each_and_reruns_agree(tmp_path: Path, config: Config) -> None:
    """Issue #16: each odd input is one log row with a reason, the rest is stored, and a rerun agrees."""
    corpus = _write_corpus(tmp_path / "articles")
    _odd_inputs(corpus / "crawl")
    with Ledger(tmp_path / "db.duckdb", config) as ledger:
        first = ledger.ingest([str(corpus)])
        log = {r.source.removeprefix(f"{corpus}/"): (r.status, r.reason) for r in ledger.ingest_log()}
        second = ledger.ingest([str(corpus)])
        rerun = {r.source.removeprefix(f"{corpus}/"): (r.status, r.reason) for r in ledger.ingest_log()}
        published = ledger.store.scalar("SELECT published FROM documents WHERE source LIKE '%feed.jsonl:1'")
    assert log == rerun and second.stored == 0
    assert log["crawl/deep.json"] == ("failed", "bad JSON: nested too deeply to read")
    assert log["crawl/r\\xe9sum\\xe9.txt"] == ("stored", "")
    assert log["crawl/passwd.txt"] == ("skipped", "symlink leaves the input folder (to /etc/passwd)")
    assert log["crawl/gone.txt"] == ("failed", "broken symlink (to deleted.txt)")
    assert log["crawl/linked"][0] == "skipped" and "leaves the input folder" in log["crawl/linked"][1]
    assert log["crawl/loop"] == ("skipped", "symlink loop (to a folder that contains it)")
    assert log["crawl/feed.jsonl:1"] == ("stored", "")
    assert log["crawl/feed.jsonl:2"] == ("skipped", "text is an object, not text")
    assert published == "2017-11-21"  # epoch milliseconds
    assert first.stored == 5 and len(log) == 3 + 8
