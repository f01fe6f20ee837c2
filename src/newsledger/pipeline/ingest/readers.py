"""Readers: turn paths (files, folders, ``-`` for stdin) into ``RawInput`` units.

Reads:   paths given by the user.
Yields:  one ``RawInput`` per article (a .txt or .html file, a JSON record, a Parquet row,
         a WARC HTML response) or a ``LogEntry`` for an input that cannot become one (not found,
         unsupported, empty, too large, bad JSON line, non-HTML or failed WARC record,
         truncated archive, and whatever ``walk`` finds in folders). Containers are streamed
         with bounded lines and bounded decompression, so memory does not grow with them.
Any exception while reading one file becomes that file's ``failed`` row: no input, however
odd its bytes, name or nesting, stops a batch. Decoding bytes and extracting text happen
later, in the per-document ``prepare`` stage, so that this generator stays cheap and runs in
the coordinating process.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import shutil
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord

from newsledger.config import IngestConfig
from newsledger.models import LogEntry, RawInput, Status, printable
from newsledger.pipeline.ingest.archive import ArchiveLimitError, open_archive
from newsledger.pipeline.ingest.fields import FieldError, date_value, plain_value, text_value
from newsledger.pipeline.ingest.walk import rejected as _reject
from newsledger.pipeline.ingest.walk import scan

log = logging.getLogger(__name__)

Item = RawInput | LogEntry

SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".parquet": "parquet",
}
# Formats holding many articles: each such file is one shard of a distributed run.
CONTAINERS = frozenset({"json", "jsonl", "warc", "parquet"})
# Rows decoded from a Parquet file at a time: at most 256, fewer when the row group's own
# size says its rows are large, so that a batch holds about PARQUET_BATCH_BYTES.
PARQUET_BATCH_ROWS = 256
PARQUET_BATCH_BYTES = 64 << 20
TOO_DEEP = "bad JSON: nested too deeply to read"
# Bytes of unnamed input (stdin) looked at to guess its format.
SNIFF_BYTES = 1 << 20


def detect_format(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return SUFFIXES.get(path.suffix.lower())


def sniff_format(data: bytes) -> str:
    """Guess the format of unnamed input (stdin) from its first bytes."""
    if data.startswith(b"\x1f\x8b") or data.startswith(b"WARC/"):
        return "warc"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        lines = [ln for ln in data.splitlines() if ln.strip()]
        if len(lines) > 1 and all(ln.lstrip().startswith(b"{") for ln in lines[:50]):
            return "jsonl"
        return "json"
    if head[:1] == b"<" and b">" in head:
        return "html"
    return "txt"


def iter_inputs(paths: list[str], cfg: IngestConfig, stdin: IO[bytes] | None = None) -> Iterator[Item]:
    """Yield every input unit under ``paths`` in a stable order (folders sorted, recursive)."""
    for p in paths:
        if p == "-":
            if stdin is None:
                yield _reject("stdin", "unknown", Status.FAILED, "no standard input")
                continue
            yield from _guarded(read_stdin(stdin, cfg), "stdin", "unknown")
            continue
        path = Path(p)
        try:
            is_dir = path.is_dir()
        except OSError as exc:  # a path past the system's length limit, a symlink loop
            yield _reject(p, "unknown", Status.FAILED, f"unreadable: {exc.strerror or exc}")
            continue
        if is_dir:
            for child in scan(path):
                yield from (child,) if isinstance(child, LogEntry) else _read(child, cfg)
        elif path.is_file():
            yield from _read(path, cfg)
        else:
            yield _reject(p, "unknown", Status.FAILED, "not found")


def _read(path: Path, cfg: IngestConfig) -> Iterator[Item]:
    return _guarded(read_file(path, cfg), str(path), detect_format(path) or "unknown")


def _guarded(items: Iterator[Item], source: str, fmt: str) -> Iterator[Item]:
    """``items``, with anything their reader raises logged as the failure of ``source``.

    The units read before the exception stay (a container's earlier records are stored).
    """
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - one odd input must never stop the batch (#16)
        log.warning("cannot read %s: %s: %.200s", printable(source), type(exc).__name__, exc)
        log.debug("cannot read %s", printable(source), exc_info=True)
        yield _reject(source, fmt, Status.FAILED, f"internal error: {type(exc).__name__}: {exc}")


def read_file(path: Path, cfg: IngestConfig) -> Iterator[Item]:
    source = printable(str(path))
    fmt = detect_format(path)
    if fmt is None:
        yield _reject(source, "unknown", Status.SKIPPED, f"unsupported format {path.suffix or '(none)'}")
        return
    try:
        size = path.stat().st_size
        if size == 0:
            yield _reject(source, fmt, Status.SKIPPED, "empty file")
            return
        if fmt == "warc":  # streamed: the size limit applies per record
            with path.open("rb") as fh:
                yield from read_warc(source, fh, cfg)
            return
        if fmt == "jsonl":
            with path.open("rb") as fh:
                yield from read_jsonl(source, fh, cfg)
            return
        if fmt == "parquet":
            yield from read_parquet(path, cfg)
            return
        if size > cfg.max_bytes:
            yield _reject(source, fmt, Status.SKIPPED, f"too large ({size} bytes > {cfg.max_bytes})")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield _reject(source, fmt, Status.FAILED, f"unreadable: {exc.strerror or exc}")
        return
    yield from read_bytes(source, fmt, data, cfg)


def read_stdin(stdin: IO[bytes], cfg: IngestConfig) -> Iterator[Item]:
    """Standard input, spooled to a temporary file once past ``max_bytes``.

    A crawl piped in (``curl ... | newsledger ingest -``) then never has to fit in memory, and
    the copy is seekable, so the WARC reader can still tell a cut archive from a whole one.
    """
    with tempfile.SpooledTemporaryFile(max_size=cfg.max_bytes) as spool:
        shutil.copyfileobj(stdin, spool, 1 << 20)
        size = spool.tell()
        spool.seek(0)
        fmt = sniff_format(spool.read(SNIFF_BYTES))
        spool.seek(0)
        if fmt == "warc":
            yield from read_warc("stdin", spool, cfg)
        elif fmt == "jsonl":
            yield from read_jsonl("stdin", spool, cfg)
        elif size > cfg.max_bytes:
            yield _reject("stdin", fmt, Status.SKIPPED, f"too large ({size} bytes > {cfg.max_bytes})")
        else:
            yield from read_bytes("stdin", fmt, spool.read(), cfg)


def read_bytes(source: str, fmt: str, data: bytes, cfg: IngestConfig) -> Iterator[Item]:
    if not data.strip():
        yield _reject(source, fmt, Status.SKIPPED, "empty file")
    elif fmt == "warc":
        yield from read_warc(source, io.BytesIO(data), cfg)
    elif fmt == "jsonl":
        yield from read_jsonl(source, io.BytesIO(data), cfg)
    elif fmt == "json":
        yield from read_json(source, data, cfg)
    elif len(data) > cfg.max_bytes:
        yield _reject(source, fmt, Status.SKIPPED, f"too large ({len(data)} bytes > {cfg.max_bytes})")
    else:
        yield RawInput(source=source, fmt=fmt, content=data)


def _pick(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, "", []):
            return value
    return None


def record_to_input(source: str, fmt: str, record: Any, cfg: IngestConfig) -> Item:
    """Map one JSON object to a RawInput using the configured field names (``fields`` reads their types)."""
    source = printable(source)  # the API names records by their URL, which JSON can give with lone surrogates
    if not isinstance(record, dict):
        return _reject(source, fmt, Status.SKIPPED, f"not a JSON object ({type(record).__name__})")
    try:
        text = text_value(_pick(record, cfg.fields["text"]))
    except FieldError as exc:
        return _reject(source, fmt, Status.SKIPPED, str(exc))
    if text is None:
        keys = ", ".join(sorted(record)[:8])
        wanted = "/".join(cfg.fields["text"])
        return _reject(
            source, fmt, Status.SKIPPED,
            f"no text field (looked for {wanted}; record has {keys}); map one with --field text=NAME",
        )
    readers = {"title": plain_value, "url": plain_value, "published": date_value, "outlet": plain_value}
    given = {
        name: value
        for name, read in readers.items()
        if (value := read(_pick(record, cfg.fields[name]))) is not None
    }
    # Feeds often carry the page's HTML in the text field: extract it like a page.
    markup = "html" if sniff_format(text[:2048].encode("utf-8", "replace")) == "html" else "txt"
    return RawInput(source=source, fmt=markup, content=text, given=given)


def read_json(source: str, data: bytes, cfg: IngestConfig) -> Iterator[Item]:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        yield _reject(source, "json", Status.FAILED, "undecodable: JSON must be UTF-8", data)
        return
    except RecursionError:
        yield _reject(source, "json", Status.FAILED, TOO_DEEP, data)
        return
    except json.JSONDecodeError as exc:
        # A .json file that is really JSON Lines is common enough to accept.
        if exc.msg == "Extra data":
            yield from read_jsonl(source, io.BytesIO(data), cfg)
        else:
            yield _reject(source, "json", Status.FAILED, f"bad JSON: {exc.msg} at line {exc.lineno}", data)
        return
    records = parsed if isinstance(parsed, list) else [parsed]
    for i, record in enumerate(records):
        yield record_to_input(f"{source}#{i}", "json", record, cfg)


def bounded_lines(fh: IO[bytes], limit: int) -> Iterator[tuple[bytes, int]]:
    """Each line as (at most ``limit + 1`` of its bytes, its full length): a line of any length
    is skipped over in blocks, never held whole."""
    while line := fh.readline(limit + 1):
        size = len(line)
        while size > limit and not line.endswith(b"\n") and (line := fh.readline(1 << 20)):
            size += len(line)
        yield line if size <= limit else b"", size


def read_jsonl(source: str, fh: IO[bytes], cfg: IngestConfig) -> Iterator[Item]:
    for lineno, (line, size) in enumerate(bounded_lines(fh, cfg.max_bytes), start=1):
        where = f"{source}:{lineno}"
        if size > cfg.max_bytes:
            yield _reject(where, "jsonl", Status.SKIPPED, f"too large ({size} bytes > {cfg.max_bytes})",
                          n_bytes=size)
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8-sig"))
        except UnicodeDecodeError:
            yield _reject(where, "jsonl", Status.FAILED, "undecodable: JSON Lines must be UTF-8", line)
            continue
        except json.JSONDecodeError as exc:
            yield _reject(where, "jsonl", Status.FAILED, f"bad JSON: {exc.msg}", line)
            continue
        except RecursionError:
            yield _reject(where, "jsonl", Status.FAILED, TOO_DEEP, line)
            continue
        yield record_to_input(where, "jsonl", record, cfg)


def read_parquet(path: Path, cfg: IngestConfig, row_group: int | None = None) -> Iterator[Item]:
    """One article per row, fields mapped as for JSON; ``row_group`` reads only that one (a shard).

    Rows are numbered across the whole file (``path#N``), so a row has the same source, and
    so the same input id, whether its file is read whole or row group by row group.
    """
    source = printable(str(path))
    try:
        pf = pq.ParquetFile(path)
        groups = range(pf.num_row_groups) if row_group is None else [row_group]
        for g in groups:
            group = pf.metadata.row_group(g)
            first = sum(pf.metadata.row_group(i).num_rows for i in range(g))
            if oversized := _oversized_column(group, cfg.max_bytes):
                # Decoding would hold the value three times over: refuse the group unread.
                for row in range(first, first + group.num_rows):
                    yield _reject(f"{source}#{row}", "parquet", Status.SKIPPED, oversized)
                continue
            yield from _read_row_group(pf, g, source, first, cfg)
    except (OSError, ValueError) as exc:  # pyarrow raises ArrowInvalid (a ValueError) on damaged files
        yield _reject(source, "parquet", Status.FAILED, f"unreadable Parquet: {exc}")


def _read_row_group(pf: pq.ParquetFile, g: int, source: str, row: int, cfg: IngestConfig) -> Iterator[Item]:
    for batch in pf.iter_batches(batch_size=_batch_rows(pf.metadata.row_group(g)), row_groups=[g]):
        # A value over max_bytes is refused before Python copies it (#16).
        sizes = _largest_values(batch)
        records = iter(batch.filter(pa.array([n <= cfg.max_bytes for n in sizes])).to_pylist())
        for size in sizes:
            where = f"{source}#{row}"
            if size > cfg.max_bytes:
                yield _reject(where, "parquet", Status.SKIPPED, f"too large ({size} bytes > {cfg.max_bytes})",
                              n_bytes=size)
            else:
                yield record_to_input(where, "parquet", next(records), cfg)
            row += 1


def _oversized_column(group: pq.RowGroupMetaData, max_bytes: int) -> str | None:
    """Why a row group cannot hold only values of at most ``max_bytes``, from its metadata alone.

    A few KB of Parquet can decompress to hundreds of MB in one value, which pyarrow holds
    about three times while decoding. A column whose uncompressed size exceeds ``max_bytes``
    (plus a length prefix) per row has such a value somewhere in the group. One giant value
    among many small ones is not seen here; it is refused after decoding.
    """
    for c in range(group.num_columns):
        column = group.column(c)
        if column.total_uncompressed_size > group.num_rows * (max_bytes + 8):
            return (f"too large (column {column.path_in_schema} holds {column.total_uncompressed_size} bytes "
                    f"for {group.num_rows} rows, over {max_bytes} a row)")
    return None


def _batch_rows(group: pq.RowGroupMetaData) -> int:
    per_row = group.total_byte_size / max(1, group.num_rows)  # uncompressed bytes
    return max(1, min(PARQUET_BATCH_ROWS, int(PARQUET_BATCH_BYTES / max(1.0, per_row))))


def _largest_values(batch: pa.RecordBatch) -> list[int]:
    """Bytes of each row's largest text or binary value."""
    lengths = [pc.fill_null(pc.binary_length(column), 0) for column in batch.columns
               if pa.types.is_string(column.type) or pa.types.is_large_string(column.type)
               or pa.types.is_binary(column.type) or pa.types.is_large_binary(column.type)]
    if not lengths:
        return [0] * batch.num_rows
    return [int(n) for n in pc.max_element_wise(*lengths).to_pylist()]


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def _check_complete(record: ArcWarcRecord, uri: str) -> None:
    """Raise EOFError when a record holds fewer bytes than its Content-Length declares."""
    stream = record.raw_stream
    while stream.read(1 << 16):  # drain what is left (a payload over the size limit)
        pass
    if not isinstance(stream, LimitReader) or stream.limit != 0:
        raise EOFError(f"record {uri} cut short")


def read_warc(source: str, fh: IO[bytes], cfg: IngestConfig) -> Iterator[Item]:
    """Yield HTML response records; log other responses; survive truncation."""
    n = 0
    try:
        archive = open_archive(fh, cfg)
        for record in archive:
            if record.rec_type != "response":
                continue  # warcinfo, request, metadata: not articles
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"record-{n + 1}"
            where = f"{source}::{uri}"
            status = record.http_headers.get_statuscode() if record.http_headers else "200"
            ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
            payload = record.content_stream().read(cfg.max_bytes + 1)
            _check_complete(record, uri)
            n += 1
            if status != "200":
                yield _reject(where, "warc", Status.SKIPPED, f"HTTP status {status}", payload)
            elif "html" not in ctype.lower():
                yield _reject(where, "warc", Status.SKIPPED, f"not HTML ({ctype or 'no content type'})", payload)
            elif len(payload) > cfg.max_bytes:
                yield _reject(where, "warc", Status.SKIPPED, f"too large (> {cfg.max_bytes} bytes)", payload[:4096])
            elif not payload.strip():
                yield _reject(where, "warc", Status.SKIPPED, "empty response", payload)
            else:
                yield RawInput(source=where, fmt="html", content=payload, given={"url": uri}, charset=_charset(ctype))
        # warcio ends quietly at a gzip member cut short; bytes left unread mean damage.
        if fh.seekable() and archive.offset < fh.seek(0, io.SEEK_END):
            raise EOFError(f"{fh.tell() - archive.offset} bytes after the last complete record")
    except ArchiveLimitError as exc:  # a bomb or a "line" of megabytes: what was read is kept
        log.warning("%s: archive stopped after %d records: %s", source, n, exc)
        yield _reject(source, "warc", Status.FAILED, f"archive stopped after {n} records: {exc}")
    # warcio fails on damaged headers with AttributeError/TypeError as well as its own errors.
    except (ArchiveLoadFailed, EOFError, zlib.error, gzip.BadGzipFile, OSError, ValueError, AttributeError,
            TypeError) as exc:
        # Records read before the damage are already yielded and will be stored.
        log.warning("%s: archive damaged after %d records: %.200s", source, n, exc)
        yield _reject(source, "warc", Status.FAILED, f"truncated or corrupt archive after {n} records: {exc}")
