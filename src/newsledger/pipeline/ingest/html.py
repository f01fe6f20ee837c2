"""Main text, title, captions and page metadata from an HTML page (trafilatura + lxml).

trafilatura finds the article body and the page's own metadata (title, site name, date
from meta tags, not from guessing in the text). Captions are read from <figcaption> with
lxml because trafilatura drops them, and they carry dates and places we want to keep.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml.etree import ParserError

log = logging.getLogger(__name__)

# Only dates the page states in its metadata: no guessing from the text or the URL.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(slots=True)
class Page:
    text: str
    title: str | None = None
    captions: list[str] = field(default_factory=list)
    sitename: str | None = None
    date: str | None = None
    url: str | None = None


def _captions(html: str) -> list[str]:
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return []
    out = []
    for node in tree.iter("figcaption"):
        text = " ".join(node.text_content().split())
        if text and text not in out:
            out.append(text)
    return out


def extract_page(html: str, url: str | None = None) -> Page | None:
    """Extract one page; None when no article text can be found."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params=_DATE_PARAMS,
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        # Broken or unusual markup: fall back to trafilatura's simpler baseline.
        _, text, _ = trafilatura.baseline(html)
        if not text or not text.strip():
            return None
        log.debug("used baseline extraction for %s", url or "page")
    return Page(
        text=text,
        title=getattr(doc, "title", None),
        captions=_captions(html),
        sitename=getattr(doc, "sitename", None),
        date=getattr(doc, "date", None),
        url=getattr(doc, "url", None) or url,
    )
