"""Quotes and claims in the store: the same quote from two outlets is linked."""

from __future__ import annotations

import json
from pathlib import Path

from newsledger import Ledger
from newsledger.config import Config

STORY = (
    'Armenian Prime Minister Nikol Pashinyan spoke in Yerevan on {day}. "We are closer to peace than '
    'ever before," Pashinyan told reporters. {extra}'
)


def test_same_quote_in_two_outlets_is_linked(tmp_path: Path, config: Config, nlp: object) -> None:
    feed = tmp_path / "feed.jsonl"
    rows = [
        {"outlet": "Caspian Wire", "title": "Pashinyan upbeat", "published": "2024-03-18",
         "text": STORY.format(day="Monday", extra="He gave no date for a signing.")},
        {"outlet": "Black Sea Herald", "title": "Peace near, says Pashinyan", "published": "2024-03-18",
         "text": STORY.format(day="March 18", extra="Some 100,000 people fled last year.")},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    with Ledger(tmp_path / "db.duckdb", config) as ledger:
        ledger.ingest([str(feed)])
        quotes = ledger.quotes(speaker="Pashinyan", kind="direct")
        claims = ledger.claims(counted="people")
    assert len(quotes) == 2 and {q.outlet for q in quotes} == {"Caspian Wire", "Black Sea Herald"}
    assert all(q.n_documents == 2 for q in quotes)
    assert [(c.value, c.asserter, c.asserter_kind) for c in claims] == [
        (100000.0, "Black Sea Herald", "outlet")
    ]
