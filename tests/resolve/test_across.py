"""Across articles, on a corpus we write: a republished wire story, two outlets covering one
meeting, and a story over several years; incremental updates when articles are added."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger import Ledger
from newsledger.config import Config
from newsledger.resolve.compare import conflicting_claims, log_odds
from newsledger.resolve.merge import compatible_days
from newsledger.resolve.stories import title

pytestmark = pytest.mark.usefixtures("nlp")

WIRE_BODY = (
    "BRUSSELS, March 14 (Meridian) -- Georgian Prime Minister Irakli Kobakhidze met NATO Secretary-General "
    "Mark Rutte at NATO headquarters in Brussels on Thursday and discussed the alliance's Black Sea policy.\n\n"
    "Kobakhidze said Georgia would keep its troops in the NATO training mission and asked allies for more "
    "support for its coast guard. Rutte praised Georgia's contribution to the mission in Kosovo.\n\n"
    "\"Georgia is a valued partner, and our door remains open,\" Rutte told reporters after the meeting. "
    "Officials said the two men also discussed Russian troops stationed in the breakaway region of Abkhazia, "
    "which Tbilisi calls occupied territory.\n\n"
    "Georgia applied to join NATO in 2008, the year of its five-day war with Russia, in which some 850 people "
    "were killed according to a European Union report."
)

ARTICLES: dict[str, dict[str, str]] = {
    # The wire original and a republication with a new headline and a caption line.
    "meridian_rutte.json": {"title": "Rutte meets Kobakhidze in Brussels", "published": "2024-03-14",
                            "outlet": "Meridian", "text": WIRE_BODY},
    "herald_rutte.json": {"title": "Georgia seeks coast guard help from NATO", "published": "2024-03-15",
                          "outlet": "Black Sea Herald",
                          "text": WIRE_BODY + "\n\nPhoto: Rutte and Kobakhidze in Brussels. (Meridian)"},
    # A second outlet reporting the same meeting in its own words, with a clashing figure.
    "caspian_rutte.json": {"title": "NATO chief hosts Georgian premier", "published": "2024-03-14",
                           "outlet": "Caspian Wire", "text": (
        "NATO Secretary-General Mark Rutte and Georgian Prime Minister Irakli Kobakhidze discussed Black Sea "
        "security in Brussels on March 14, officials said.\n\n"
        "Rutte urged Georgia to press ahead with reforms. Kobakhidze said Russia kept thousands of troops in "
        "the occupied regions of Abkhazia and South Ossetia.\n\n"
        "About 600 people were killed in the 2008 war between Russia and Georgia, according to Georgian "
        "officials.")},
    # Earlier chapters of the same story, years apart.
    "meridian_2019.json": {"title": "Georgian leader visits NATO", "published": "2019-10-02",
                           "outlet": "Meridian", "text": (
        "Georgian Prime Minister Giorgi Gakharia met NATO Secretary-General Jens Stoltenberg in Brussels on "
        "Wednesday. Gakharia said Georgia wanted closer ties with the alliance, and Stoltenberg praised "
        "Georgia's reforms. Russia has stationed troops in Abkhazia since the 2008 war.")},
    # An unrelated story.
    "herald_grain.json": {"title": "Turkey hosts grain talks", "published": "2022-07-22",
                          "outlet": "Black Sea Herald", "text": (
        "Turkish President Recep Tayyip Erdogan hosted Russian and Ukrainian officials in Istanbul on Friday. "
        "Russia and Ukraine signed a deal to resume grain exports from Ukrainian Black Sea ports. "
        "U.N. Secretary-General Antonio Guterres called the deal a beacon of hope.")},
}


def _write(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(json.dumps(ARTICLES[name]), "utf-8")
    return folder


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory, config: Config) -> Ledger:
    root = tmp_path_factory.mktemp("across")
    led = Ledger(root / "db.duckdb", config)
    led.ingest([str(_write(root / "first", ["meridian_2019.json", "herald_grain.json", "meridian_rutte.json"]))])
    led.ingest([str(_write(root / "second", ["herald_rutte.json", "caspian_rutte.json"]))])
    return led


def _doc(ledger: Ledger, name: str) -> str:
    return str(ledger.store.scalar("SELECT doc_id FROM documents WHERE source LIKE ?", [f"%/{name}#%"]))


def _name(source: str) -> str:
    return source.rsplit("/", 1)[-1].split("#")[0]


def test_republished_wire_story_is_a_near_duplicate(ledger: Ledger) -> None:
    dups = ledger.duplicates()
    assert [(d.kind, _name(d.source), _name(d.original_source)) for d in dups] == [
        ("near", "herald_rutte.json", "meridian_rutte.json")]
    assert dups[0].similarity >= 0.9
    # The other report of the meeting is a different text, not a duplicate.
    assert _doc(ledger, "caspian_rutte.json") not in {d.doc_id for d in dups}


def test_exact_copy_is_recorded_not_stored(ledger: Ledger, tmp_path: Path) -> None:
    copy = tmp_path / "copy.json"
    copy.write_text(json.dumps(ARTICLES["herald_grain.json"]), "utf-8")
    counts = ledger.ingest([str(copy)])
    assert counts.duplicate == 1
    exact = [d for d in ledger.duplicates() if d.kind == "exact"]
    original = _doc(ledger, "herald_grain.json")
    assert [(_name(d.source), d.duplicate_of) for d in exact] == [("copy.json", original)]


def test_two_outlets_reporting_one_meeting_make_one_event(ledger: Ledger) -> None:
    met = [m for m in ledger.merged_events(event_type="CONSULT", actor="Rutte") if m.n_articles > 1]
    assert len(met) == 1, met
    event = met[0]
    # The republication does not count: two articles, two outlets.
    assert (event.n_articles, event.n_outlets) == (2, 2)
    assert set(event.outlets) == {"Meridian", "Caspian Wire"}
    assert set(event.participant_names) == {"Mark Rutte", "Irakli Kobakhidze"}
    assert event.date == "2024-03-14" and "Brussels" in event.locations
    detail = ledger.merged_event(event.merged_id)
    assert {m.outlet for m in detail.mentions} == {"Meridian", "Caspian Wire"}


def test_mentions_years_apart_do_not_merge(ledger: Ledger) -> None:
    # Stoltenberg-Gakharia (2019) and Rutte-Kobakhidze (2024) are different meetings and participants.
    consults = ledger.merged_events(event_type="CONSULT", actor="Stoltenberg")
    assert consults and all(m.n_articles == 1 for m in consults)


def test_story_spans_years_and_leaves_unrelated_articles_out(ledger: Ledger) -> None:
    stories = ledger.stories()
    georgia = next(s for s in stories if _doc(ledger, "meridian_rutte.json") in
                   {d.doc_id for d in ledger.story(s.story_id).documents})
    docs = {d.doc_id for d in ledger.story(georgia.story_id).documents}
    assert {_doc(ledger, n) for n in ("meridian_2019.json", "meridian_rutte.json", "caspian_rutte.json")} <= docs
    assert _doc(ledger, "herald_grain.json") not in docs
    assert _doc(ledger, "herald_rutte.json") not in docs  # a duplicate does not count twice
    assert (georgia.first_date, georgia.last_date) == ("2019-10-02", "2024-03-14")
    assert "Georgia" in georgia.title or "Kobakhidze" in georgia.title


def test_timeline_orders_dates_and_cites_a_source(ledger: Ledger) -> None:
    entries = ledger.timeline(actor="Kobakhidze")
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    top = max(entries, key=lambda e: e.weight)
    assert top.date == "2024-03-14" and top.outlet in ("Meridian", "Caspian Wire")
    assert "Kobakhidze" in top.sentence
    story = ledger.stories()[0].story_id
    assert ledger.timeline(story=story[2:10])  # a prefix of the id is enough


def test_compare_shows_outlets_terms_and_clashing_figures(ledger: Ledger) -> None:
    story = next(s.story_id for s in ledger.stories() if s.n_documents >= 3)
    c = ledger.compare(story)
    assert set(c.outlets) >= {"Meridian", "Caspian Wire"}
    consult = [e for e in c.events if e.event_type == "CONSULT" and len(e.outlets) == 2]
    assert consult
    clash = [x for x in c.conflicting_claims if x.counted == "people" and x.verb == "kill"]
    assert clash and clash[0].values == [600.0, 850.0]
    assert {cl.outlet for cl in clash[0].claims} == {"Meridian", "Caspian Wire"}


def test_incremental_update_touches_only_new_mentions(ledger: Ledger) -> None:
    before = ledger.store.scalar("SELECT count(*) FROM event_mentions")
    counts = ledger.resolve()  # nothing new: nothing changes
    assert (counts.duplicates, counts.merged_events, counts.stories) == (0, 0, 0)
    assert ledger.store.scalar("SELECT count(*) FROM event_mentions") == before
    rebuilt = ledger.resolve(full=True)
    assert rebuilt.duplicates == 2 and ledger.store.scalar("SELECT count(*) FROM event_mentions") == before


def test_compatible_days() -> None:
    assert compatible_days("2017-11-23", "2017-11-24", 3)
    assert compatible_days("2017-11", "2017-11-23", 3)
    assert not compatible_days("2017-11-23", "2017-12-23", 3)
    assert compatible_days(None, None, 3) and not compatible_days(None, "2017-11-23", 3)


def test_log_odds_finds_each_outlets_words() -> None:
    from collections import Counter

    counts = {
        "A": Counter({"occupied": 9, "territories": 5, "troops": 10, "said": 12}),
        "B": Counter({"breakaway": 8, "region": 6, "troops": 11, "said": 12}),
    }
    terms = log_odds(counts, top=2)
    assert [t["term"] for t in terms["A"]] == ["occupied", "territories"]
    assert [t["term"] for t in terms["B"]] == ["breakaway", "region"]
    assert all(t["z"] > 0 for t in terms["A"])


def test_conflicting_claims_need_two_articles() -> None:
    base = {"unit": "troop", "verb": "send", "published": "2020-11-10", "outlet": "X", "asserter": "X"}
    same_doc = [{**base, "doc_id": "a", "value": 1960.0}, {**base, "doc_id": "a", "value": 2000.0}]
    assert conflicting_claims(same_doc) == []
    two_docs = [{**base, "doc_id": "a", "value": 1960.0}, {**base, "doc_id": "b", "value": 2000.0, "unit": "soldier"}]
    assert conflicting_claims(two_docs)[0]["values"] == [1960.0, 2000.0]


def test_a_story_title_names_a_state_once() -> None:
    actors = [{"actor_id": a, "name": n, "documents": d} for a, n, d in (
        ("state:AZE", "Azerbaijan", 10), ("state:ARM", "Armenia", 9), ("gov:AZE", "Azerbaijan (government)", 8),
        ("person:nikol pashinyan", "Nikol Pashinyan", 8), ("igo:NATO", "NATO", 3))]
    events = [{"event_type": "AGREE", "count": 45}, {"event_type": "ASSAULT", "count": 41}]
    assert title(actors, events) == "Azerbaijan, Armenia and Nikol Pashinyan: agreements and fighting"
    assert title(actors[2:], events).startswith("Azerbaijan (government), Nikol Pashinyan and NATO")
