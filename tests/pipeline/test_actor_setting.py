"""Unnamed state agents ("police", "the government", "students") take the state the article is set
in, and only when it is clear which one that is."""

from __future__ import annotations

import json

import pytest

from newsledger.config import Config
from newsledger.models import Mention

from ..helpers import annotate_text

MALAWI = (
    "Malawi braces for second week of fuel protests\n\n"
    "LILONGWE -- Malawi's fuel shortage deepened on Monday as queues stretched across Lilongwe and Blantyre.\n\n"
    "Police fired tear gas at hundreds of demonstrators who had gathered outside the city council offices.\n\n"
    "The government banned further marches until the end of the month, citing public safety.\n\n"
    "Students rallied outside the university in Zomba on Tuesday, chanting against the price rises.\n\n"
    "Far to the north, the rebels released two hostages on Wednesday.\n\n"
    "Foreign troops are not present in the country, and both sides said the talks had stalled.\n\n"
    "Zambian police said the smuggling of diesel across the border had risen.\n"
)

TWO_STATES = (
    "Border talks resume\n\n"
    "Paraguay and Bolivia reopened talks on the Chaco border on Monday. Paraguayan and Bolivian delegates "
    "met in a hotel. Asuncion and La Paz both sent observers.\n\n"
    "Police fired tear gas at farmers who blocked the road.\n"
)


def mentions(text: str, config: Config) -> dict[str, Mention]:
    return {m.text: m for m in annotate_text(text, config).mentions if m.actor_id}


@pytest.mark.model
def test_unnamed_agents_take_the_state_the_article_is_set_in(config: Config) -> None:
    found = mentions(MALAWI, config)
    for text, sector in (("Police", "COP"), ("government", "GOV")):
        assert (found[text].country, found[text].sector, found[text].rule) == ("MWI", sector, "country:setting")
    rebels = found["the rebels"]
    assert (rebels.country, rebels.sector, rebels.rule, rebels.actor_name) == (
        "MWI", "REB", "country:setting", "Malawi rebels")


@pytest.mark.model
def test_the_phrase_and_the_sentence_decide_before_the_setting(config: Config) -> None:
    found = mentions(MALAWI, config)
    assert (found["Zambian police"].country, found["Zambian police"].sector) == ("ZMB", "COP")
    assert (found["Students"].country, found["Students"].rule) == ("MWI", "agent")  # "in Zomba"


@pytest.mark.model
def test_foreign_bodies_and_either_party_get_no_setting(config: Config) -> None:
    found = mentions(MALAWI, config)
    assert not any(t in found for t in ("Foreign troops", "troops", "both sides", "sides"))


@pytest.mark.model
def test_no_setting_when_the_article_is_about_two_states_equally(config: Config) -> None:
    assert "Police" not in mentions(TWO_STATES, config)


@pytest.mark.model
def test_a_dateline_in_another_capital_is_one_place_among_the_others(config: Config) -> None:
    text = ("Herders protest in the steppe\n\n"
            "PARIS -- Mongolia's herders blocked roads near Ulaanbaatar on Friday, and Mongolian officials "
            "in Darkhan said the winter had killed much of their livestock.\n\n"
            "Police detained eleven herders at a checkpoint.\n")
    police = mentions(text, config)["Police"]
    assert (police.country, police.rule) == ("MNG", "country:setting")


@pytest.mark.model
def test_people_the_knowledge_base_knows_point_to_the_setting(config: Config) -> None:
    """Three Kenyan politicians by name and no place but a building: the article is set in Kenya."""
    text = json.dumps({"title": "Handshake ends standoff", "published": "2018-03-10", "text": (
        "Uhuru Kenyatta and Raila Odinga shook hands on the steps of Harambee House on Friday, ending months "
        "of tension after the disputed election.\n\nWilliam Ruto, the deputy president, was not at the "
        "meeting.\n\nPolice fired tear gas at supporters who had gathered outside.\n")})
    police = {m.text: m for m in annotate_text(text, config, fmt="json").mentions}["Police"]
    assert (police.country, police.sector, police.rule) == ("KEN", "COP", "country:setting")


FILED_FROM_ONE = (
    "Standoff at the border\n\n"
    "ASUNCION, May 4 (River Wire) - Paraguay and Bolivia traded charges over the Chaco border on Monday. "
    "Bolivian officials said Bolivia would not withdraw, and Bolivia's envoy left Asuncion. Paraguay recalled "
    "its ambassador from La Paz.\n\n"
    "Police fired tear gas at farmers who blocked the road to the border.\n"
)
SHORT_FILED = (
    "Drivers end strike\n\n"
    "MANAGUA, Apr 2 (Isthmus Wire) - Nicaraguan bus drivers ended a week-long strike across Nicaragua on "
    "Tuesday.\n\nPolice had cleared the main roads overnight.\n"
)


@pytest.mark.model
@pytest.mark.parametrize(("text", "police"), [
    (FILED_FROM_ONE, "cop:PRY"),  # two states about equally present: the one filed from
    (SHORT_FILED, "cop:NIC"),  # a short story: its dateline is one of the mentions it needs
    (TWO_STATES, None),  # no dateline: still none
])
def test_the_state_a_story_is_filed_from_settles_its_setting(config: Config, text: str, police: str | None) -> None:
    found = mentions(text, config)  # linked mentions only
    assert (found["Police"].actor_id if "Police" in found else None) == police


HONDURAS = (
    "Honduran court strikes down decree\n\n"
    "TEGUCIGALPA, June 3 (Isthmus Wire) - The Supreme Court annulled the president's emergency decree on "
    "Tuesday, hours after Congress voted to extend it.\n\n"
    "The Security Ministry said officers had detained 40 people in Tegucigalpa and San Pedro Sula since "
    "the decree took effect in Honduras.\n\n"
    "Navy patrol boats were seen off the coast near La Ceiba.\n"
)


@pytest.mark.model
def test_a_civil_body_named_without_a_state_is_the_settings(config: Config) -> None:
    found = mentions(HONDURAS, config)
    assert {t: (found[t].actor_id, found[t].rule) for t in ("Supreme Court", "Congress", "Security Ministry")} == {
        "Supreme Court": ("jud:HND", "country:setting"), "Congress": ("leg:HND", "country:setting"),
        "Security Ministry": ("gov:HND", "country:setting")}
    assert "mil:HND" not in {m.actor_id for m in found.values()}  # a navy may be another state's


@pytest.mark.model
def test_a_phrase_of_the_vocabulary_gives_the_setting_its_head_alone_would_not(config: Config) -> None:
    text = ("Georgian ruling party claims victory\n\nTBILISI, Oct 28 (Caucasus Wire) - Georgia's ruling party "
            "claimed victory in Saturday's vote in Georgia. Opposition leaders said they would not take up their "
            "seats in the new parliament. The leaders met again on Monday.\n")
    found = mentions(text, config)
    assert (found["Opposition leaders"].actor_id, found["Opposition leaders"].rule) == ("opp:GEO", "country:setting")
    assert "The leaders" not in found  # whose leaders, the text says elsewhere
