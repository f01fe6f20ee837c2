"""The ingest stage: ``RawInput`` -> cleaned ``Document`` (or a ``LogEntry`` saying why not).

A pure function of its input and the configuration, so it runs unchanged in-process, in
a process pool, or on Ray. Decoding, HTML extraction, cleaning and metadata all happen
here; nothing is written.
"""

from __future__ import annotations

import logging

from newsledger.config import IngestConfig
from newsledger.models import Document, LogEntry, RawInput, Status, content_hash
from newsledger.pipeline.ingest.clean import clean_text, count_words
from newsledger.pipeline.ingest.decode import DecodeError, decode
from newsledger.pipeline.ingest.html import extract_page
from newsledger.pipeline.ingest.meta import find_metadata

log = logging.getLogger(__name__)

# Fewer words than this in the body is not news but junk (bytes decoded into one long token, a
# lone name or link). A one-sentence brief or a headline-only feed entry ("Azerbaijan frees
# two detained Armenian shepherds.") has more, and is kept. Chinese or Japanese count a word
# per character (``count_words``), so their articles are not taken for junk.
MIN_WORDS = 4


def _entry(raw: RawInput, status: Status, reason: str, n_bytes: int) -> LogEntry:
    return LogEntry(raw.input_id, raw.source, raw.fmt, status, reason, n_bytes=n_bytes)


def prepare(raw: RawInput, cfg: IngestConfig) -> Document | LogEntry:
    """Decode, extract, clean and describe one input."""
    n_bytes = len(raw.content)
    if isinstance(raw.content, bytes):
        try:
            text, _encoding = decode(raw.content, raw.charset)
        except DecodeError as exc:
            status = Status.SKIPPED if str(exc).startswith("binary") else Status.FAILED
            return _entry(raw, status, str(exc), n_bytes)
    else:
        text = raw.content
    given = dict(raw.given)
    title, captions = given.get("title"), None
    if raw.fmt == "html":
        page = extract_page(text, url=given.get("url"))
        if page is None:
            return _entry(raw, Status.SKIPPED, "no article text found in HTML", n_bytes)
        text, captions = page.text, page.captions
        title = title or page.title
        for key, value in (("sitename", page.sitename), ("html_date", page.date), ("url", page.url)):
            if value and key not in given:
                given[key] = value
    cleaned = clean_text(text, title=title, captions=captions)
    if not cleaned.body:
        return _entry(raw, Status.SKIPPED, "no article text after cleaning", n_bytes)
    body_words = sum(count_words(p) for p in cleaned.body)
    if body_words < MIN_WORDS:  # junk bytes can decode to "text" of one long token
        return _entry(raw, Status.SKIPPED, f"too little text ({body_words} words)", n_bytes)
    body_chars = sum(len(p) for p in cleaned.body)
    if body_chars > cfg.max_chars:
        return _entry(raw, Status.SKIPPED, f"too long ({body_chars} characters > {cfg.max_chars})", n_bytes)
    clean, sections = cleaned.compose()
    meta = find_metadata(cleaned, given, cfg.min_language_confidence)
    return Document(
        doc_id=content_hash(clean),
        source=raw.source,
        fmt=raw.fmt,
        text=clean,
        sections=sections,
        title=cleaned.title,
        url=given.get("url"),
        input_id=raw.input_id,
        n_bytes=n_bytes,
        **meta,
    )


def prepare_batch(batch: list[RawInput], cfg: IngestConfig) -> list[Document | LogEntry]:
    """Batch form of ``prepare``: one bad document never fails the batch."""
    out: list[Document | LogEntry] = []
    for raw in batch:
        try:
            out.append(prepare(raw, cfg))
        except Exception as exc:  # noqa: BLE001 - a bug on one input must not stop the run
            log.warning("prepare failed on %s: %s: %.200s", raw.source, type(exc).__name__, exc)
            log.debug("prepare failed on %s", raw.source, exc_info=True)
            out.append(_entry(raw, Status.FAILED, f"internal error: {type(exc).__name__}: {exc}", len(raw.content)))
    return out
