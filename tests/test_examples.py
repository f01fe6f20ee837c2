"""End to end on the bundled example corpus: what `make demo` shows a user."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger import Ledger
from newsledger.config import Config

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory, config: Config, nlp: object) -> Ledger:
    led = Ledger(tmp_path_factory.mktemp("examples") / "ex.duckdb", config)
    led.ingest([str(EXAMPLES)], workers=1)
    return led


def _doc(ledger: Ledger, name: str) -> dict:
    return ledger.store.query("SELECT * FROM documents WHERE source LIKE ?", [f"%{name}%"])[0]


def test_every_article_is_stored_once(ledger: Ledger) -> None:
    s = ledger.summary()
    assert s.documents == 28
    assert {o.outlet for o in s.outlets} >= {"Caspian Wire", "Black Sea Herald", "Alliance Monitor",
                                                  "Meridian News Agency"}
    assert s.log.get("failed", 0) == 0
    skipped = {p.reason for p in s.problems if p.status == "skipped"}
    assert skipped == {"HTTP status 404", "not HTML (application/json)"}


def test_non_english_is_stored_but_not_analysed(ledger: Ledger) -> None:
    doc = _doc(ledger, "abkommen_de")
    assert doc["language"] == "de" and not doc["analysed"]
    assert ledger.store.scalar("SELECT count(*) FROM sentences WHERE doc_id = ?", [doc["doc_id"]]) == 0


def test_repeated_body_comes_out_once(ledger: Ledger) -> None:
    doc = _doc(ledger, "moscow_humanitarian_truce")
    assert doc["text"].count("hosted by Russian Foreign Minister Sergey Lavrov") == 1
    for furniture in ("Back to Top Close", "Share this article", "Follow us on Telegram"):
        assert furniture not in doc["text"]


def test_year_is_never_invented(ledger: Ledger) -> None:
    grain = _doc(ledger, "grain_corridor_signed")  # dateline "July 22", no year anywhere
    assert grain["published"] is None and grain["published_text"] == "July 22"
    truce = _doc(ledger, "karabakh_truce_statement")  # dateline "Nov 10", body "November 9, 2020"
    assert truce["published"] == "2020-11-10" and "November 9, 2020" in truce["published_text"]


def test_cp1252_page_decodes(ledger: Ledger) -> None:
    doc = _doc(ledger, "caspianwire_minsk_ceasefire")
    assert "\ufffd" not in doc["text"] and "Poroshenko" in doc["text"]


def test_spans_point_into_cleaned_text(ledger: Ledger) -> None:
    bad = ledger.store.scalar(
        "SELECT count(*) FROM mentions m JOIN documents d USING (doc_id) "
        "WHERE substr(d.text, m.start_char + 1, m.end_char - m.start_char) <> m.text"
    )
    assert bad == 0
    captions = ledger.store.scalar("SELECT count(*) FROM sentences WHERE section = 'caption'")
    assert captions >= 5


def test_warc_articles_have_their_urls(ledger: Ledger) -> None:
    urls = [r["url"] for r in ledger.store.query("SELECT url FROM documents WHERE source LIKE '%.warc.gz::%'")]
    assert len(urls) == 3 and all(u.startswith("https://alliancemonitor.example/") for u in urls)


def test_partner_json_fields_are_mapped(ledger: Ledger) -> None:
    rows = ledger.store.query("SELECT outlet, published FROM documents WHERE source LIKE '%partner_export.json#%'")
    assert len(rows) == 2 and all(r["outlet"] and r["published"] for r in rows)


def test_demo_paths_exist() -> None:
    assert (Path(EXAMPLES).parent / "MANIFEST.md").exists()
