"""Timelines on text we wrote: the days articles name, which days matter, what happened on them."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from newsledger import Ledger
from newsledger.config import Config
from newsledger.dates import find_dates
from newsledger.resolve.date_ranking import (
    FEATURES,
    Article,
    DayMention,
    checked_weights,
    fitting_length,
    rank_days,
    shipped_weights,
)
from newsledger.resolve.day_summaries import Sentence, summarise_days


def _days(text: str, published: str | None = "2021-03-10") -> list[tuple[str, str]]:
    return [(m.text, m.day) for m in find_dates(text, published)]


def test_named_days_resolve_against_the_publication_day() -> None:
    # 2021-03-10 is a Wednesday.
    assert _days("The ceasefire announced on Monday collapsed yesterday, and talks resume next Monday.") == [
        ("Monday", "2021-03-08"), ("yesterday", "2021-03-09"), ("next Monday", "2021-03-15")]
    assert _days("Polls open on 28 March; the electoral board met on March 3rd, 2021 and on the 1st of March.") == [
        ("28 March", "2021-03-28"), ("March 3rd, 2021", "2021-03-03"), ("1st of March", "2021-03-01")]
    # Pre-tokenised copy puts spaces before commas.
    assert _days("fighting began on February 14 , 2021 .") == [("February 14 , 2021", "2021-02-14")]


def test_a_day_without_a_year_is_of_the_past_year_or_the_next_two_months() -> None:
    assert _days("Protests have continued since December 28.", "2021-01-06") == [("December 28", "2020-12-28")]
    assert _days("The summit is set for Jan. 4.", "2020-12-20") == [("Jan. 4", "2021-01-04")]
    # A chronology at the end of an October report lists the spring's turning points of that year.
    chronology = "March 17 - The assembly backs a curfew across the northern provinces."
    assert _days(chronology, "2021-10-20") == [("March 17", "2021-03-17")]
    assert _days("The election is due on February 2.", "2021-12-15") == [("February 2", "2022-02-02")]


def test_tomorrow_is_the_day_after_publication() -> None:
    assert _days("The opposition will march again tomorrow, its leaders said.") == [("tomorrow", "2021-03-11")]


def test_a_comment_stamp_is_not_a_day_the_news_names() -> None:
    comment = "March 12 , 2021 at 4:51 pm | Reply The ceasefire will not hold past Sunday ."
    assert _days(comment) == [("Sunday", "2021-03-07")]
    assert _days("The ceasefire was signed on March 8, 2021, at a ceremony in the capital.") == [
        ("March 8, 2021", "2021-03-08")]
    # A wire dateline gives the clock time without "at": the publication day, named.
    assert _days("KARVEN | Wed Mar 10 , 2021 6:29 pm EST KARVEN -LRB- Wire -RRB- - Talks stalled .") == [
        ("Mar 10 , 2021", "2021-03-10")]


def test_what_is_not_a_day_is_not_found() -> None:
    text = "In May 2021 prices rose 20 percent; March 40 and February 30, 2021 are no dates; May 5% is a number."
    assert _days(text) == []
    assert _days("the 1990s, last month, this year, three days ago") == []


def test_relative_days_need_a_publication_day_and_full_dates_do_not() -> None:
    assert _days("He resigned on Tuesday, and on 4 July 2019 he took office.", None) == [("4 July 2019", "2019-07-04")]
    assert _days("He resigned yesterday.", "2021-03") == []


def test_spans_point_at_the_phrase() -> None:
    text = "Troops withdrew from the town on 2 April, officials said."
    (m,) = find_dates(text, "2021-04-05")
    assert text[m.start:m.end] == "2 April" and m.day == "2021-04-02"


def _coverage() -> tuple[list[Article], list[DayMention]]:
    """Thirty reports over a month: a busy summit week, and a massacre day that later reports keep naming."""
    arts, mentions = [], []
    for i in range(20):  # summit coverage, 2021-06-10..14, each naming the summit's opening day
        day = f"2021-06-{10 + i % 5:02d}"
        arts.append(Article(f"s{i}", day, f"outlet{i % 4}"))
        mentions.append(DayMention(f"s{i}", 1, "2021-06-10"))
    for i in range(10):  # later reports recalling the massacre of 2021-06-02
        arts.append(Article(f"m{i}", f"2021-06-{16 + i:02d}", f"outlet{i % 3}"))
        mentions.append(DayMention(f"m{i}", 3, "2021-06-02"))
    mentions.append(DayMention("m9", 4, "2022-01-01"))  # a day after the last report: a scraped footer
    return arts, mentions


def test_days_named_by_many_and_recalled_later_rank_first() -> None:
    arts, mentions = _coverage()
    ranked = rank_days(arts, mentions, {})
    assert [s.day for s in ranked[:2]] == ["2021-06-10", "2021-06-02"]
    assert ranked[1].features["recalled"] == 10 and ranked[1].features["published"] == 0
    assert "2022-01-01" not in {s.day for s in ranked}
    # A day an event was coded on, widely reported, comes up among the quiet days.
    with_event = rank_days(arts, mentions, {"2021-06-20": 12.0})
    quiet = [s.day for s in with_event if s.day.startswith("2021-06-2")]
    assert quiet[0] == "2021-06-20"


def test_the_shipped_weights_rank_unless_others_are_given() -> None:
    arts, mentions = _coverage()
    assert set(shipped_weights()) == set(FEATURES) and shipped_weights()["mentioned"] > 0
    assert rank_days(arts, mentions, {}) == rank_days(arts, mentions, {}, shipped_weights())
    # Counting only publications, the busiest news days come first and the recalled massacre drops out.
    busiest = rank_days(arts, mentions, {}, {"published": 1.0})
    assert [s.day for s in busiest[:5]] == [f"2021-06-{d}" for d in range(10, 15)]
    assert [s.day for s in busiest].index("2021-06-02") > 5


def test_a_misspelt_or_non_numeric_weight_is_an_error_not_a_zero() -> None:
    assert checked_weights({"mentioned": 1, "recalled": 0.5}) == {**dict.fromkeys(FEATURES, 0.0), "mentioned": 1.0,
                                                                 "recalled": 0.5}
    with pytest.raises(ValueError, match="unknown: mentionned"):
        checked_weights({"mentionned": 1.0})
    with pytest.raises(ValueError, match="not a number: recalled"):
        checked_weights({"mentioned": 1.0, "recalled": "high"})


def test_fitting_length_grows_with_the_coverage() -> None:
    arts, mentions = _coverage()
    ranked = rank_days(arts, mentions, {})
    assert fitting_length(ranked, len(arts)) == 10  # thirty reports on fifteen days: ten days
    year = [Article(f"x{i}", f"2021-{1 + i // 28:02d}-{1 + i % 28:02d}", "o") for i in range(336)]
    doubled = year + [Article(f"y{i}", a.published, "o") for i, a in enumerate(year)]  # two reports a day
    assert fitting_length(rank_days(doubled, [], {}), len(doubled)) == 67  # one day for every ten reports
    decade = [Article(f"z{i}", (date(2015, 1, 1) + timedelta(days=i // 10)).isoformat(), "o") for i in range(4000)]
    assert fitting_length(rank_days(decade, [], {}), len(decade)) == 200  # 400 busy days: at most MAX_DAYS
    one = [Article("a", "2021-05-02", "o")]  # a single report naming two earlier days
    named = [DayMention("a", 0, "2021-04-30"), DayMention("a", 3, "2021-05-01")]
    assert fitting_length(rank_days(one, named, {}), 1) == 3
    assert fitting_length([], 0) == 0


def test_day_summaries_are_central_and_not_repeated_across_days() -> None:
    s = [Sentence("a", 0, 0, 80, "The army shelled the northern town of Halvik on Sunday, killing at least twelve."),
         Sentence("b", 2, 90, 170, "Shelling of Halvik by the army on Sunday killed at least twelve civilians."),
         Sentence("c", 5, 300, 360, "The weather in the capital was mild for the season, residents said."),
         Sentence("d", 1, 40, 120, "Army shelling killed at least twelve people in Halvik, the northern town."),
         Sentence("e", 0, 0, 90, "Foreign ministers met in Geneva on Monday and agreed on a humanitarian corridor.")]
    picked = summarise_days(["2021-05-02", "2021-05-03"], {"2021-05-02": s[:3], "2021-05-03": [s[3], s[4]]},
                            {"2021-05-02": 1, "2021-05-03": 1})
    assert [x.doc_id for x in picked["2021-05-02"]] in (["a"], ["b"])  # not the stray weather line
    assert [x.doc_id for x in picked["2021-05-03"]] == ["e"]  # the next day does not retell the shelling
    assert summarise_days(["2021-05-02"], {"2021-05-02": [Sentence("f", 0, 0, 5, "Fire.")]},
                          {"2021-05-02": 2}) == {"2021-05-02": []}


STORY = [
    {"title": "Parliament dissolved in Verania", "published": "2022-04-04", "outlet": "Meridian",
     "text": "President Ana Lozano dissolved the Veranian parliament on Monday after weeks of street protests "
             "in the capital, Sorel. Opposition leaders called the move a coup and urged supporters to march."},
    {"title": "Protesters march on Verania's palace", "published": "2022-04-05", "outlet": "Caspian Wire",
     "text": "Tens of thousands of protesters marched on the presidential palace in Sorel on Tuesday, a day after "
             "President Ana Lozano dissolved parliament on April 4. Police fired tear gas near the palace."},
    {"title": "Verania sets election date", "published": "2022-04-20", "outlet": "Meridian",
     "text": "Verania will hold a snap parliamentary election on June 12, the electoral commission said. "
             "The crisis began when President Ana Lozano dissolved parliament on April 4, prompting mass protests."},
    {"title": "Verania votes", "published": "2022-06-12", "outlet": "Black Sea Herald",
     "text": "Veranians voted on Sunday in a snap election called after President Ana Lozano dissolved parliament "
             "on April 4. Turnout was high in Sorel, where the protests began in March."},
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory, config: Config, nlp: object) -> Ledger:
    led = Ledger(Path(tmp_path_factory.mktemp("timeline")) / "db.duckdb", config)
    led.ingest_records(STORY)
    return led


def test_story_timeline_picks_the_days_the_articles_refer_to(ledger: Ledger) -> None:
    entries = ledger.timeline(query="Verania")
    days = [e.date for e in entries]
    assert days == sorted(days) and "2022-04-04" in days
    top = max(entries, key=lambda e: e.weight)
    assert top.date == "2022-04-04" and top.n_articles == 4
    texts = {d["doc_id"]: d["text"] for d in ledger.store.query("SELECT doc_id, text FROM documents")}
    for e in entries:
        assert 1 <= len(e.sentences) <= 3
        for s in e.sentences:
            assert texts[s.doc_id][s.start_char:s.end_char] == s.text
    assert "dissolved" in top.sentence
    assert [e.date for e in ledger.timeline(query="Verania", limit=1)] == ["2022-04-04"]


def test_story_and_actor_timelines_use_the_same_days(ledger: Ledger) -> None:
    story = ledger.stories()[0].story_id
    assert "2022-04-04" in {e.date for e in ledger.timeline(story=story)}
    assert ledger.store.scalar("SELECT count(*) FROM doc_dates WHERE kind = 'published'") == len(STORY)
    ledger.resolve()  # indexing again adds nothing
    assert ledger.store.scalar("SELECT count(*) FROM doc_dates WHERE kind = 'published'") == len(STORY)
