"""Bounded WARC reading: bombs and endless lines stop one archive, never the memory (#16)."""

from __future__ import annotations

import dataclasses
import gzip
import io
import random
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.config import IngestConfig, load_config
from newsledger.models import MAX_REASON_CHARS, LogEntry, RawInput, Status
from newsledger.pipeline.ingest.readers import iter_inputs

PAGE = (
    "<html><head><title>Ministers agree on transit fees</title></head><body><article>"
    "<h1>Ministers agree on transit fees</h1><p>Energy ministers from three countries signed an agreement "
    "on Tuesday that settles a two-year dispute over pipeline transit fees, officials said.</p></article></body></html>"
)


@pytest.fixture(scope="module")
def cfg() -> IngestConfig:
    """Limits scaled down so that bombs of a few megabytes show what 256 MiB ones would do."""
    return dataclasses.replace(load_config(environ={}).ingest, max_bytes=1 << 20, max_line_bytes=64 << 10)


def record(uri: str, html: str, headers: list[tuple[str, str]] | None = None) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"), *(headers or [])],
                            protocol="HTTP/1.1")
    body = html.encode()
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), length=len(body),
                                                  http_headers=http))
    return buf.getvalue()


def read(path: Path, cfg: IngestConfig) -> list[RawInput | LogEntry]:
    return list(iter_inputs([str(path)], cfg))


def test_a_gzip_of_zeros_without_newline_is_one_failed_row(tmp_path: Path, cfg: IngestConfig) -> None:
    bomb = tmp_path / "bomb.warc.gz"
    bomb.write_bytes(gzip.compress(bytes(16 << 20)))  # 16 KB on disk, 16 MiB of zeros
    (entry,) = read(bomb, cfg)
    assert isinstance(entry, LogEntry) and entry.status is Status.FAILED
    assert entry.reason.startswith("archive stopped after 0 records:")
    assert len(entry.reason) <= MAX_REASON_CHARS and "\\x00" not in entry.reason


def test_a_bomb_of_newlines_after_a_record_keeps_the_record(tmp_path: Path, cfg: IngestConfig) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(record("https://news.example/fees", PAGE) + gzip.compress(b"\n" * (16 << 20)))
    first, last = read(path, cfg)
    assert isinstance(first, RawInput) and first.source.endswith("::https://news.example/fees")
    assert isinstance(last, LogEntry) and last.status is Status.FAILED
    assert "archive stopped after 1 records: archive expands more than 100 times" in last.reason


def test_an_endless_http_header_line_stops_the_archive(tmp_path: Path, cfg: IngestConfig) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(record("https://news.example/a", PAGE) + record("https://news.example/b", PAGE,
                                                                      [("Set-Cookie", "x" * (100 << 10))]))
    first, last = read(path, cfg)
    assert isinstance(first, RawInput)
    assert isinstance(last, LogEntry) and "header line longer than 65536 bytes" in last.reason


def test_a_large_ordinary_record_is_skipped_and_the_archive_read_on(tmp_path: Path, cfg: IngestConfig) -> None:
    # Text that compresses like real pages (a few times), not like a bomb.
    vocabulary = ["talks", "ministers", "agreed", "on", "the", "fees", "pipeline", "said"]
    words = random.Random(16).choices(vocabulary, k=400_000)
    big = "<html><body><article><p>" + " ".join(words) + "</p></article></body></html>"
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(record("https://news.example/big", big) + record("https://news.example/fees", PAGE))
    big_row, page = read(path, cfg)
    assert isinstance(big_row, LogEntry) and big_row.status is Status.SKIPPED and "too large" in big_row.reason
    assert isinstance(page, RawInput) and page.source.endswith("/fees")
