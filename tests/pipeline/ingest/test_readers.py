"""Readers: paths (files, folders, stdin) -> RawInput units or LogEntry rows."""

from __future__ import annotations

import dataclasses
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.config import IngestConfig, load_config
from newsledger.models import MAX_REASON_CHARS, LogEntry, RawInput, Status
from newsledger.pipeline.ingest import readers
from newsledger.pipeline.ingest.readers import iter_inputs, sniff_format


@pytest.fixture(scope="module")
def cfg() -> IngestConfig:
    return load_config(environ={}).ingest


def read(path: Path | str, cfg: IngestConfig) -> list[RawInput | LogEntry]:
    return list(iter_inputs([str(path)], cfg))


def only(items: list[RawInput | LogEntry]) -> RawInput | LogEntry:
    assert len(items) == 1, items
    return items[0]


ARTICLE = (
    "Ministers Agree on Transit Fees\n"
    "Energy ministers from three countries signed an agreement on Tuesday that settles a "
    "two-year dispute over pipeline transit fees, officials said.\n"
)


# --- plain files -----------------------------------------------------------------------


def test_txt_file_is_one_raw_input_with_its_bytes(tmp_path: Path, cfg: IngestConfig) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    item = only(read(path, cfg))
    assert isinstance(item, RawInput)
    assert item.fmt == "txt"
    assert item.source == str(path)
    assert item.content == ARTICLE.encode("utf-8")  # bytes: decoding happens later
    assert item.given == {}


@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML"])
def test_html_file_is_one_raw_input(tmp_path: Path, cfg: IngestConfig, suffix: str) -> None:
    page = b"<html><body><p>Officials met on Tuesday.</p></body></html>"
    path = tmp_path / f"page{suffix}"
    path.write_bytes(page)
    item = only(read(path, cfg))
    assert isinstance(item, RawInput)
    assert item.fmt == "html"
    assert item.content == page


# --- JSON ------------------------------------------------------------------------------


def test_json_object_maps_default_fields(tmp_path: Path, cfg: IngestConfig) -> None:
    record = {
        "title": "Port Expansion Approved",
        "text": "The government approved the expansion of the port on Tuesday.",
        "url": "https://example.org/port",
        "published": "2019-04-02",
        "outlet": "Caspian Wire",
        "ignored": "anything",
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    item = only(read(path, cfg))
    assert isinstance(item, RawInput)
    assert item.source == f"{path}#0"
    assert item.fmt == "txt"
    assert item.content == record["text"]
    assert item.given == {
        "title": "Port Expansion Approved",
        "url": "https://example.org/port",
        "published": "2019-04-02",
        "outlet": "Caspian Wire",
    }


def test_json_array_yields_one_item_per_record(tmp_path: Path, cfg: IngestConfig) -> None:
    records = [
        {"text": "First story about the border talks."},
        {"text": "Second story about the trade agreement."},
        ["not", "an", "object"],
    ]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    items = read(path, cfg)
    assert [i.source for i in items] == [f"{path}#0", f"{path}#1", f"{path}#2"]
    assert [i.content for i in items[:2]] == [r["text"] for r in records[:2]]  # type: ignore[index]
    last = items[2]
    assert isinstance(last, LogEntry)
    assert last.status is Status.SKIPPED
    assert "not a JSON object" in last.reason


def test_json_with_bom_is_read(tmp_path: Path, cfg: IngestConfig) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": "Talks resumed in Vienna."}).encode())
    item = only(read(path, cfg))
    assert isinstance(item, RawInput)
    assert item.content == "Talks resumed in Vienna."


def test_json_file_that_is_really_json_lines(tmp_path: Path, cfg: IngestConfig) -> None:
    path = tmp_path / "feed.json"
    path.write_text(
        json.dumps({"text": "First story."}) + "\n" + json.dumps({"text": "Second story."}) + "\n",
        encoding="utf-8",
    )
    items = read(path, cfg)
    assert all(isinstance(i, RawInput) for i in items)
    assert [i.source for i in items] == [f"{path}:1", f"{path}:2"]
    assert [i.content for i in items] == ["First story.", "Second story."]


def test_bad_json_file_fails(tmp_path: Path, cfg: IngestConfig) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"text": "unterminated', encoding="utf-8")
    item = only(read(path, cfg))
    assert isinstance(item, LogEntry)
    assert item.status is Status.FAILED
    assert "bad JSON" in item.reason


def test_non_utf8_json_fails(tmp_path: Path, cfg: IngestConfig) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes('{"text": "Le président a parlé."}'.encode("latin-1"))
    item = only(read(path, cfg))
    assert isinstance(item, LogEntry)
    assert item.status is Status.FAILED
    assert "UTF-8" in item.reason


def test_jsonl_good_blank_bad_and_textless_lines(tmp_path: Path, cfg: IngestConfig) -> None:
    lines = [
        json.dumps({"text": "Story one about the summit.", "title": "Summit"}),
        "",
        json.dumps({"text": "Story two about the vote."}),
        '{"text": "broken',
        json.dumps({"title": "Only a title", "author": "staff"}),
        json.dumps({"text": "Story three about the strike."}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path, cfg)
    assert [i.source for i in items] == [f"{path}:{n}" for n in (1, 3, 4, 5, 6)]  # blank line 2 ignored

    good = [i for i in items if isinstance(i, RawInput)]
    assert [g.content for g in good] == [
        "Story one about the summit.",
        "Story two about the vote.",
        "Story three about the strike.",
    ]
    assert good[0].given == {"title": "Summit"}

    bad, textless = items[2], items[3]
    assert isinstance(bad, LogEntry)
    assert bad.status is Status.FAILED
    assert bad.source == f"{path}:4"
    assert "bad JSON" in bad.reason
    assert isinstance(textless, LogEntry)
    assert textless.status is Status.SKIPPED
    assert textless.source == f"{path}:5"
    assert "no text field" in textless.reason
    assert "--field" in textless.reason
    assert "author" in textless.reason  # the hint names the keys the record does have


def test_ndjson_suffix_is_json_lines(tmp_path: Path, cfg: IngestConfig) -> None:
    path = tmp_path / "feed.ndjson"
    path.write_text(json.dumps({"text": "A story."}) + "\n", encoding="utf-8")
    item = only(read(path, cfg))
    assert isinstance(item, RawInput)
    assert item.source == f"{path}:1"


def test_alternative_field_names_work_by_default(tmp_path: Path, cfg: IngestConfig) -> None:
    record = {
        "body": "Parliament passed the budget late on Thursday after a long debate.",
        "headline": "Budget Passed",
        "link": "https://example.org/budget",
        "date": "March 19, 2024",
        "source": "Black Sea Herald",
    }
    path = tmp_path / "alt.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    item = only(read(path, cfg))
    assert isinstance(item, RawInput)
    assert item.content == record["body"]
    assert item.given == {
        "title": "Budget Passed",
        "url": "https://example.org/budget",
        "published": "March 19, 2024",
        "outlet": "Black Sea Herald",
    }


def test_first_non_empty_field_name_wins(tmp_path: Path, cfg: IngestConfig) -> None:
    record = {
        "text": "",
        "body": "The body is used when text is empty.",
        "title": None,
        "headline": "H",
    }
    path = tmp_path / "order.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    item = only(read(path, cfg))
    assert isinstance(item, RawInput)
    assert item.content == "The body is used when text is empty."
    assert item.given == {"title": "H"}


def test_custom_text_field_needs_configuration(tmp_path: Path, cfg: IngestConfig) -> None:
    path = tmp_path / "custom.jsonl"
    path.write_text(json.dumps({"story_text": "A story kept under an unusual key."}) + "\n", encoding="utf-8")

    skipped = only(read(path, cfg))
    assert isinstance(skipped, LogEntry)
    assert skipped.status is Status.SKIPPED
    assert "story_text" in skipped.reason

    custom = load_config(overrides=["ingest.fields.text=story_text"], environ={}).ingest
    item = only(read(path, custom))
    assert isinstance(item, RawInput)
    assert item.content == "A story kept under an unusual key."


def test_json_record_whose_text_is_html_is_extracted_as_html(tmp_path: Path, cfg: IngestConfig) -> None:
    html = "<html><body><article><p>Talks resumed on Monday.</p></article></body></html>"
    path = tmp_path / "html.jsonl"
    path.write_text(
        json.dumps({"text": html}) + "\n" + json.dumps({"text": "Plain text story."}) + "\n",
        encoding="utf-8",
    )
    first, second = read(path, cfg)
    assert isinstance(first, RawInput) and isinstance(second, RawInput)
    assert first.fmt == "html"
    assert first.content == html
    assert second.fmt == "txt"


# --- WARC ------------------------------------------------------------------------------

FIXED = {"WARC-Date": "2024-01-02T03:04:05Z"}


def page_bytes(i: int) -> bytes:
    body = " ".join(f"Paragraph {i}.{j} reports on the negotiations in the capital." for j in range(30))
    return (
        f"<html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1>"
        f"<p>{body}</p></article></body></html>"
    ).encode()


def _record_id(n: int) -> dict[str, str]:
    return {**FIXED, "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>"}


def write_response(
    writer: WARCWriter,
    n: int,
    url: str,
    payload: bytes,
    status: str = "200 OK",
    ctype: str = "text/html",
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(payload),
        length=len(payload),  # a known length keeps warcio from spooling to an unclosed temp file
        http_headers=headers,
        warc_headers_dict=_record_id(n),
    )
    writer.write_record(record)


def write_request(writer: WARCWriter, n: int, url: str) -> None:
    headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
    record = writer.create_warc_record(
        url,
        "request",
        payload=io.BytesIO(b""),
        length=0,
        http_headers=headers,
        warc_headers_dict=_record_id(n),
    )
    writer.write_record(record)


def write_mixed_warc(path: Path, gzip: bool) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        info = writer.create_warcinfo_record(path.name, {"software": "newsledger-tests"})
        writer.write_record(info)
        write_request(writer, 1, "https://example.org/news/talks")
        write_response(
            writer,
            2,
            "https://example.org/news/talks",
            page_bytes(0),
            ctype="text/html; charset=ISO-8859-1",
        )
        write_response(writer, 3, "https://example.org/missing", b"<html>gone</html>", status="404 Not Found")
        write_response(
            writer,
            4,
            "https://example.org/logo.png",
            b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
            ctype="image/png",
        )
        write_response(writer, 5, "https://example.org/news/vote", page_bytes(1), ctype="text/html")


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_and_skips(tmp_path: Path, cfg: IngestConfig, name: str) -> None:
    path = tmp_path / name
    write_mixed_warc(path, gzip=name.endswith(".gz"))
    items = read(path, cfg)
    # warcinfo and request records are not inputs at all
    assert [i.source for i in items] == [
        f"{path}::https://example.org/news/talks",
        f"{path}::https://example.org/missing",
        f"{path}::https://example.org/logo.png",
        f"{path}::https://example.org/news/vote",
    ]
    talks, missing, logo, vote = items

    assert isinstance(talks, RawInput)
    assert talks.fmt == "html"
    assert talks.content == page_bytes(0)
    assert talks.given == {"url": "https://example.org/news/talks"}
    assert talks.charset == "ISO-8859-1"

    assert isinstance(missing, LogEntry)
    assert missing.status is Status.SKIPPED
    assert missing.reason == "HTTP status 404"

    assert isinstance(logo, LogEntry)
    assert logo.status is Status.SKIPPED
    assert "not HTML" in logo.reason
    assert "image/png" in logo.reason

    assert isinstance(vote, RawInput)
    assert vote.content == page_bytes(1)
    assert vote.charset is None  # no charset in the Content-Type


def test_warc_record_over_max_bytes_is_skipped_per_record(tmp_path: Path, cfg: IngestConfig) -> None:
    path = tmp_path / "big.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        write_response(writer, 1, "https://example.org/small", b"<html><p>Short story.</p></html>")
        write_response(writer, 2, "https://example.org/big", page_bytes(0))
    small_cfg = dataclasses.replace(cfg, max_bytes=200)
    small, big = read(path, small_cfg)
    assert isinstance(small, RawInput)
    assert isinstance(big, LogEntry)
    assert big.status is Status.SKIPPED
    assert "too large" in big.reason


def write_html_warc(path: Path, gzip: bool, n: int = 3) -> list[tuple[int, int]]:
    """warcinfo + n HTML responses; returns the (start, end) file offsets of each response."""
    spans = []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsledger-tests"}))
        for i in range(n):
            start = fh.tell()
            write_response(writer, 10 + i, f"https://example.org/story-{i}", page_bytes(i))
            spans.append((start, fh.tell()))
    return spans


def check_truncated(items: list[RawInput | LogEntry], path: Path, complete: int) -> None:
    raws = [i for i in items if isinstance(i, RawInput)]
    # Every record wholly before the cut is kept; a partial record is never passed on as an article.
    assert [r.source for r in raws] == [f"{path}::https://example.org/story-{i}" for i in range(complete)]
    for i, raw in enumerate(raws):
        assert raw.content == page_bytes(i)
    last = items[-1]
    assert isinstance(last, LogEntry), items
    assert last.status is Status.FAILED
    assert "truncated or corrupt" in last.reason
    assert last.source == str(path)


def test_truncated_warc_gz_keeps_earlier_records_and_logs_failure(tmp_path: Path, cfg: IngestConfig) -> None:
    whole = tmp_path / "whole.warc.gz"
    spans = write_html_warc(whole, gzip=True)
    data = whole.read_bytes()
    cut = int(len(data) * 0.6)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[:cut])
    complete = sum(1 for _, end in spans if end <= cut)
    assert 1 <= complete < 3  # the cut falls inside a later record
    check_truncated(read(path, cfg), path, complete)


@pytest.mark.parametrize(
    ("gzip", "record", "position"),
    [
        (True, 0, "middle"),
        (True, 1, "start"),
        (True, 1, "middle"),
        (True, 2, "middle"),
        (False, 1, "warc-headers"),
        (False, 1, "http-headers"),
        (False, 1, "middle"),
    ],
)
def test_truncated_warc_at_any_point_ends_with_failure(
    tmp_path: Path, cfg: IngestConfig, gzip: bool, record: int, position: str
) -> None:
    """Wherever the cut falls: no exception, only whole records, and the damage is logged."""
    whole = tmp_path / ("whole.warc.gz" if gzip else "whole.warc")
    start, end = write_html_warc(whole, gzip=gzip)[record]
    data = whole.read_bytes()
    if position == "start":
        cut = start + 30
    elif position == "warc-headers":  # before the WARC-Target-URI line
        cut = data.index(b"WARC-Target-URI", start)
    elif position == "http-headers":  # inside "Content-Type: text/html"
        cut = data.index(b"text/html", start) + 4
    else:
        cut = (start + end) // 2
    assert start < cut < end
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    path.write_bytes(data[:cut])
    check_truncated(read(path, cfg), path, complete=record)


# --- what is not read ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["paper.pdf", "notes.md", "README"])
def test_unsupported_suffix_is_skipped(tmp_path: Path, cfg: IngestConfig, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"some content")
    item = only(read(path, cfg))
    assert isinstance(item, LogEntry)
    assert item.status is Status.SKIPPED
    assert "unsupported format" in item.reason
    assert item.source == str(path)


@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty.json", "empty.jsonl", "empty.warc.gz"])
def test_empty_file_is_skipped(tmp_path: Path, cfg: IngestConfig, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    item = only(read(path, cfg))
    assert isinstance(item, LogEntry)
    assert item.status is Status.SKIPPED
    assert "empty" in item.reason


def test_whitespace_only_file_is_skipped_as_empty(tmp_path: Path, cfg: IngestConfig) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\t\n")
    item = only(read(path, cfg))
    assert isinstance(item, LogEntry)
    assert item.status is Status.SKIPPED
    assert "empty" in item.reason


@pytest.mark.parametrize("name", ["big.txt", "big.html", "big.json"])
def test_file_over_max_bytes_is_skipped(tmp_path: Path, cfg: IngestConfig, name: str) -> None:
    path = tmp_path / name
    path.write_text(json.dumps({"text": "x" * 300}), encoding="utf-8")
    item = only(read(path, dataclasses.replace(cfg, max_bytes=100)))
    assert isinstance(item, LogEntry)
    assert item.status is Status.SKIPPED
    assert "too large" in item.reason
    # ...and the same file is read under the default limit
    assert isinstance(only(read(path, cfg)), RawInput)


def test_jsonl_limit_applies_per_line(tmp_path: Path, cfg: IngestConfig) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": "short"})
        + "\n"
        + json.dumps({"text": "y" * 300})
        + "\n"
        + json.dumps({"text": "ok"})
        + "\n",
        encoding="utf-8",
    )
    items = read(path, dataclasses.replace(cfg, max_bytes=100))
    assert [type(i) for i in items] == [RawInput, LogEntry, RawInput]
    big = items[1]
    assert isinstance(big, LogEntry)
    assert big.status is Status.SKIPPED
    assert big.source == f"{path}:2"
    assert "too large" in big.reason


def test_missing_path_fails(tmp_path: Path, cfg: IngestConfig) -> None:
    path = tmp_path / "nowhere" / "story.txt"
    item = only(read(path, cfg))
    assert isinstance(item, LogEntry)
    assert item.status is Status.FAILED
    assert item.reason == "not found"
    assert item.source == str(path)


# --- Parquet ---------------------------------------------------------------------------


def test_parquet_rows_are_records_numbered_across_row_groups(tmp_path: Path, cfg: IngestConfig) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsledger.pipeline.ingest.readers import read_parquet

    path = tmp_path / "feed.parquet"
    table = pa.table({"body": [f"Story number {i}." for i in range(5)], "headline": [f"T{i}" for i in range(5)],
                      "date": ["2024-03-07"] * 4 + [None]})
    pq.write_table(table, path, row_group_size=2)  # three row groups
    items = read(path, cfg)
    assert [i.source for i in items] == [f"{path}#{i}" for i in range(5)]
    first = items[0]
    assert isinstance(first, RawInput)
    assert (first.content, first.given) == ("Story number 0.", {"title": "T0", "published": "2024-03-07"})
    # A row group read alone (a shard) gives the same sources, hence the same input ids.
    assert [i.input_id for i in read_parquet(path, cfg, row_group=1)] == [items[2].input_id, items[3].input_id]


def test_a_parquet_value_over_max_bytes_is_refused_before_it_is_copied(tmp_path: Path, cfg: IngestConfig) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "feed.parquet"
    texts = [ARTICLE.replace("three", str(i)) for i in range(10)]
    texts[4] = "a" * 5000
    pq.write_table(pa.table({"text": texts, "html": [b"<p>" * 2000 if i == 7 else None for i in range(10)]}), path)
    items = read(path, dataclasses.replace(cfg, max_bytes=1000))
    assert [i.source for i in items] == [f"{path}#{i}" for i in range(10)]
    refused = {i.source.rsplit("#")[1]: i.reason for i in items if isinstance(i, LogEntry)}
    assert refused == {"4": "too large (5000 bytes > 1000)", "7": "too large (6000 bytes > 1000)"}


def test_a_parquet_row_group_too_large_for_its_rows_is_refused_unread(tmp_path: Path, cfg: IngestConfig) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "feed.parquet"
    texts = ["a" * 50_000, ARTICLE, ARTICLE.replace("three", "four")]
    pq.write_table(pa.table({"text": texts}), path, row_group_size=2, compression="zstd")
    items = read(path, dataclasses.replace(cfg, max_bytes=1000))
    assert [(i.source.rsplit("#")[1], type(i).__name__) for i in items] == [
        ("0", "LogEntry"), ("1", "LogEntry"), ("2", "RawInput")]
    assert items[0].reason.startswith("too large (column text holds ") and items[0].reason.endswith(
        "bytes for 2 rows, over 1000 a row)")


def test_damaged_parquet_is_a_failure(tmp_path: Path, cfg: IngestConfig) -> None:
    path = tmp_path / "cut.parquet"
    path.write_bytes(b"PAR1 not really a parquet file")
    item = only(read(path, cfg))
    assert isinstance(item, LogEntry)
    assert item.status == Status.FAILED and item.reason.startswith("unreadable Parquet")


# --- folders and stdin -----------------------------------------------------------------


def test_folder_is_read_recursively_in_sorted_order_skipping_hidden(tmp_path: Path, cfg: IngestConfig) -> None:
    root = tmp_path / ".collection"  # a hidden root given explicitly is still read
    for rel in [
        "b.txt",
        "a.txt",
        "sub/c.html",
        "sub/deeper/d.txt",
        "sub/.draft.txt",
        ".hidden/e.txt",
        "sub/.cache/f.txt",
        ".notes.txt",
        "z.pdf",
    ]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Story in {rel}.", encoding="utf-8")
    items = read(root, cfg)
    assert [i.source for i in items] == [
        str(root / "a.txt"),
        str(root / "b.txt"),
        str(root / "sub" / "c.html"),
        str(root / "sub" / "deeper" / "d.txt"),
        str(root / "z.pdf"),
    ]
    assert [type(i) for i in items] == [RawInput, RawInput, RawInput, RawInput, LogEntry]


def test_several_paths_keep_their_order(tmp_path: Path, cfg: IngestConfig) -> None:
    first, second = tmp_path / "z.txt", tmp_path / "a.txt"
    first.write_text("Zed story.", encoding="utf-8")
    second.write_text("A story.", encoding="utf-8")
    items = list(iter_inputs([str(first), str(tmp_path / "missing.txt"), str(second)], cfg))
    assert [i.source for i in items] == [str(first), str(tmp_path / "missing.txt"), str(second)]


def test_stdin_plain_text(cfg: IngestConfig) -> None:
    item = only(list(iter_inputs(["-"], cfg, stdin=io.BytesIO(ARTICLE.encode()))))
    assert isinstance(item, RawInput)
    assert item.source == "stdin"
    assert item.fmt == "txt"
    assert item.content == ARTICLE.encode()


def test_stdin_html(cfg: IngestConfig) -> None:
    page = b"\n  <!DOCTYPE html><html><body><p>Talks resumed.</p></body></html>"
    item = only(list(iter_inputs(["-"], cfg, stdin=io.BytesIO(page))))
    assert isinstance(item, RawInput)
    assert item.fmt == "html"
    assert item.content == page


def test_stdin_json_lines(cfg: IngestConfig) -> None:
    data = (json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "<p>Two.</p>"}) + "\n").encode()
    items = list(iter_inputs(["-"], cfg, stdin=io.BytesIO(data)))
    assert [i.source for i in items] == ["stdin:1", "stdin:2"]
    assert all(isinstance(i, RawInput) for i in items)
    assert [i.fmt for i in items] == ["txt", "html"]
    assert [i.content for i in items] == ["One.", "<p>Two.</p>"]


def test_stdin_warc_gz(tmp_path: Path, cfg: IngestConfig) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_html_warc(path, gzip=True, n=1)
    item = only(list(iter_inputs(["-"], cfg, stdin=io.BytesIO(path.read_bytes()))))
    assert isinstance(item, RawInput)
    assert item.source == "stdin::https://example.org/story-0"
    assert item.content == page_bytes(0)


class _Pipe(io.RawIOBase):
    """A pipe: readable once, not seekable, as ``curl ... | newsledger ingest -`` gives."""

    def __init__(self, data: bytes) -> None:
        self.data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        chunk = self.data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_stdin_over_max_bytes_is_spooled_and_streamed(cfg: IngestConfig) -> None:
    small = dataclasses.replace(cfg, max_bytes=1000)
    lines = [json.dumps({"text": ARTICLE.replace("Tuesday", f"day {i}")}) for i in range(20)]  # about 4 KB
    items = list(iter_inputs(["-"], small, stdin=io.BufferedReader(_Pipe("\n".join(lines).encode()))))
    assert [i.source for i in items] == [f"stdin:{i}" for i in range(1, 21)]
    assert all(isinstance(i, RawInput) for i in items)
    text = only(list(iter_inputs(["-"], small, stdin=io.BufferedReader(_Pipe(ARTICLE.encode() * 10)))))
    assert isinstance(text, LogEntry) and text.reason == f"too large ({len(ARTICLE) * 10} bytes > 1000)"


def test_stdin_warc_cut_short_is_still_a_failure(tmp_path: Path, cfg: IngestConfig) -> None:
    whole = tmp_path / "whole.warc.gz"
    spans = write_html_warc(whole, gzip=True)
    data = whole.read_bytes()
    cut = spans[1][1] + 10  # inside the third record's gzip member
    pipe = io.BufferedReader(_Pipe(data[:cut]))
    items = list(iter_inputs(["-"], dataclasses.replace(cfg, max_bytes=1000), stdin=pipe))
    assert [i.source for i in items[:2]] == [f"stdin::https://example.org/story-{i}" for i in range(2)]
    assert isinstance(items[-1], LogEntry) and "truncated or corrupt" in items[-1].reason


def test_stdin_missing_is_a_failure(cfg: IngestConfig) -> None:
    item = only(list(iter_inputs(["-"], cfg, stdin=None)))
    assert isinstance(item, LogEntry)
    assert item.status is Status.FAILED


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"Plain words.", "txt"),
        (b"\xef\xbb\xbf  <html><p>x</p></html>", "html"),
        (b'{"text": "one"}', "json"),
        (b'[{"text": "one"}, {"text": "two"}]', "json"),
        (b'{"text": "one"}\n\n{"text": "two"}\n', "jsonl"),
        (b"WARC/1.0\r\n", "warc"),
        (b"\x1f\x8b\x08\x00", "warc"),
        (b"3 < 4 is true", "txt"),
    ],
)
def test_sniff_format(data: bytes, fmt: str) -> None:
    assert sniff_format(data) == fmt


# --- odd inputs never stop a batch (#16) -----------------------------------------------


def test_json_nested_past_the_recursion_limit_is_a_failure(tmp_path: Path, cfg: IngestConfig) -> None:
    deep = '{"text": ' + "[" * 1500 + "]" * 1500 + "}"
    (tmp_path / "deep.json").write_text(deep)
    (tmp_path / "feed.jsonl").write_text(deep + "\n" + json.dumps({"text": ARTICLE}) + "\n")
    items = read(tmp_path, cfg)
    assert [(type(i).__name__, getattr(i, "reason", "")) for i in items] == [
        ("LogEntry", "bad JSON: nested too deeply to read"),
        ("LogEntry", "bad JSON: nested too deeply to read"),
        ("RawInput", ""),
    ]
    assert items[2].source == f"{tmp_path / 'feed.jsonl'}:2"


def test_a_json_line_without_end_is_skipped_without_holding_it(tmp_path: Path, cfg: IngestConfig) -> None:
    path = tmp_path / "feed.jsonl"
    with path.open("wb") as fh:
        fh.write(json.dumps({"text": ARTICLE}).encode() + b"\n")
        fh.write(b'{"text": "' + b"a" * 5000 + b'"}\n')
        fh.write(json.dumps({"text": ARTICLE.replace("Tuesday", "Friday")}).encode() + b"\n")
        fh.write(b'{"text": "' + b"b" * 5000)  # the crawl was cut: no newline at the end
    items = read(path, dataclasses.replace(cfg, max_bytes=1000))
    assert [(i.source.rsplit(":", 1)[1], type(i).__name__) for i in items] == [
        ("1", "RawInput"), ("2", "LogEntry"), ("3", "RawInput"), ("4", "LogEntry")]
    assert [i.reason for i in items if isinstance(i, LogEntry)] == [
        "too large (5013 bytes > 1000)", "too large (5010 bytes > 1000)"]


def test_json_field_types_are_read_or_refused(tmp_path: Path, cfg: IngestConfig) -> None:
    records = [
        {"title": "Transit fees", "text": ["Energy ministers signed an agreement.", "It takes effect in January."],
         "published": {"$date": {"$numberLong": "1511222400000"}}, "source": {"id": "m", "name": "Meridian"}},
        {"text": {"body": "Energy ministers signed an agreement."}},
    ]
    (tmp_path / "feed.json").write_text(json.dumps(records))
    listed, refused = read(tmp_path / "feed.json", cfg)
    assert isinstance(listed, RawInput)
    assert listed.content == "Energy ministers signed an agreement.\n\nIt takes effect in January."
    assert listed.given == {"title": "Transit fees", "published": "1511222400000", "outlet": "Meridian"}
    assert isinstance(refused, LogEntry) and refused.status is Status.SKIPPED
    assert refused.reason == "text is an object, not text"


def test_a_file_name_with_undecodable_bytes_is_read(tmp_path: Path, cfg: IngestConfig) -> None:
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_text(ARTICLE)
    item = only(read(tmp_path, cfg))
    assert isinstance(item, RawInput) and item.content == ARTICLE.encode()
    assert item.source == f"{tmp_path}/caf\\xe9.txt" and item.input_id


def test_an_error_reading_one_file_is_its_failure_and_the_batch_goes_on(
    tmp_path: Path, cfg: IngestConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.warc").write_bytes(b"WARC/1.0\r\n")
    (tmp_path / "b.txt").write_text(ARTICLE)

    def broken(*args: object) -> Iterator[RawInput]:
        raise RuntimeError("reader bug " + "x" * 1000)
        yield  # a generator, as the real reader

    monkeypatch.setattr(readers, "read_warc", broken)
    failed, good = read(tmp_path, cfg)
    assert isinstance(failed, LogEntry) and failed.status is Status.FAILED and failed.fmt == "warc"
    assert failed.reason.startswith("internal error: RuntimeError: reader bug xxx")
    assert len(failed.reason) == MAX_REASON_CHARS
    assert isinstance(good, RawInput) and good.source.endswith("b.txt")


def test_a_symlink_out_of_the_folder_is_not_read(tmp_path: Path, cfg: IngestConfig) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "passwd.txt").symlink_to("/etc/passwd")
    item = only(read(tmp_path / "in", cfg))
    assert isinstance(item, LogEntry) and item.reason == "symlink leaves the input folder (to /etc/passwd)"
    # Named on the command line, the same link is what the user asked for.
    assert isinstance(only(read(tmp_path / "in" / "passwd.txt", cfg)), RawInput)


def test_a_record_named_with_lone_surrogates_gets_an_id(cfg: IngestConfig) -> None:
    item = readers.record_to_input("api:https://news.example/\udce9", "json", {"text": ARTICLE}, cfg)
    assert isinstance(item, RawInput) and item.source == "api:https://news.example/\\xe9" and item.input_id
