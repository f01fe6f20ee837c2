"""Issue 15: names the NER or the parse gets half right still name the right actor, and places are not actors."""

from __future__ import annotations

import pytest

from newsledger.config import Config
from newsledger.models import Mention

from ..helpers import annotate_text

pytestmark = pytest.mark.usefixtures("nlp")


def actors(text: str, config: Config) -> dict[str, str | None]:
    """Each mention's text -> its actor id."""
    return {m.text: m.actor_id for m in annotate_text(text, config).mentions}


def test_a_two_word_demonym_before_a_body_is_that_states_body(config: Config) -> None:
    found = actors("The South Korean government recalled its ambassador from Tokyo on Friday.", config)
    assert found.get("South Korean government") == "gov:KOR"
    found = actors("West German border police turned back the convoy at Helmstedt.", config)
    assert any(a == "cop:DEU" or a == "gov:DEU" for a in found.values()), found


def test_a_city_the_ner_calls_an_organisation_is_a_place(config: Config) -> None:
    found = actors("Fighting spread to Port Said and Ismailia on Friday.", config)
    assert not any((a or "").startswith("org:") for a in found.values()), found


def test_the_african_unions_council_is_the_african_union(config: Config) -> None:
    found = actors("The African Union's Peace and Security Council suspended Mali after the coup.", config)
    assert "igo:UNSC" not in found.values() and found.get("Peace and Security Council") == "igo:AU", found


def test_the_european_community_is_coded_as_the_eu(config: Config) -> None:
    found = actors("The European Community froze trade talks with Belgrade in November.", config)
    assert found.get("European Community") == "igo:EU"


@pytest.mark.parametrize(("text", "short", "person"), [
    ("Opposition leader Kim Young Sam led the walkout. Police later confined Mr. Kim to his house.",
     "Kim", "person:kim young-sam"),
    ("Interior Minister Prasert Wongkamol flew to Chiang Mai. Mr. Prasert ordered the border closed.",
     "Prasert", "person:prasert wongkamol"),
])
def test_a_name_that_comes_first_joins_the_person_named_in_full(config: Config, text: str, short: str,
                                                                 person: str) -> None:
    mentions: list[Mention] = annotate_text(text, config).mentions
    assert [m.actor_id for m in mentions if m.text == short] == [person]


def test_a_group_in_a_named_port_is_named_for_the_port(config: Config) -> None:
    found = actors("Rebels in the northern port of Durres looted an army depot on Sunday.", config)
    assert found.get("Rebels") == "group:durres rebels", found


def test_a_headline_and_a_dateline_leave_the_bodys_person_alone(config: Config) -> None:
    text = ("Troops Oust Morales, Congress Names Successor\n\nLA PAZ, Jun 3 (Andes Wire) - Soldiers detained "
            "President Evo Morales at his residence before dawn. Morales was flown to an air base.")
    mentions = annotate_text(text, config).mentions
    found = [(m.text, m.actor_id) for m in mentions]
    assert ("Morales", "person:evo morales") in found and not any("paz" in (a or "") for _, a in found), found
    # The headline's misread name, made before the body gave the full one, follows it, with the country.
    headline = next(m for m in mentions if m.text == "Oust Morales")
    assert (headline.actor_id, headline.country) == ("person:evo morales", "BOL")


def test_a_given_name_met_before_the_full_name_is_that_person(config: Config) -> None:
    # A Thai name is used by its given name; a headline may give it before the lede gives it in full.
    text = ("Why Prasert matters\n\nBANGKOK, Feb 28 (Mekong Wire) - The new finance minister, Prasert Chaiyaporn, was "
            "sworn in on Thursday. Prasert said he would cut fuel taxes.")
    people = {(m.text, m.actor_id) for m in annotate_text(text, config).mentions if m.kind == "person"}
    assert {a for t, a in people if t.startswith("Prasert")} == {"person:prasert chaiyaporn"}, people


@pytest.mark.parametrize(("text", "name", "actor"), [
    ("Ankara, meanwhile, urged both sides to show restraint.", "Ankara", "gov:TUR"),
    ("Hamas, which runs the strip, rejected the proposal on Sunday.", "Hamas", "org:hamas"),
])
def test_a_name_opening_a_sentence_before_a_comma_is_no_dateline(config: Config, text: str, name: str,
                                                                 actor: str) -> None:
    assert actors(text, config).get(name) == actor


@pytest.mark.parametrize(("text", "short", "body"), [
    ("Gunmen of the Movimiento Patriotico Revolucionario seized a radio station in Cochabamba. The MPR said "
     "its members would leave once their statement was read.", "MPR", "org:movimiento patriotico revolucionario"),
    ("The Tamil Tigers overran an army base near Elephant Pass. The Tigers said 60 soldiers had been killed.",
     "Tigers", "org:ltte"),
    ("Police raided the offices of the Muslim Brotherhood in Alexandria. A Brotherhood spokesman said 12 members "
     "had been detained.", "Brotherhood", "org:muslim-brotherhood"),
])
def test_a_short_name_is_the_body_named_in_full_before(config: Config, text: str, short: str, body: str) -> None:
    found = {m.text: m for m in annotate_text(text, config).mentions}
    assert (found[short].actor_id, found[short].rule) == (body, "short_name"), found[short]


def test_a_name_that_is_not_a_short_form_keeps_its_own(config: Config) -> None:
    found = actors("The Tamil Tigers attacked the camp. The Detroit Tigers won their opening game.", config)
    assert found.get("The Detroit Tigers", found.get("Detroit Tigers")) != "org:ltte", found


@pytest.mark.parametrize(("text", "members", "body"), [
    ("Fighters of Hezbollah fired anti-tank missiles at an army post near Metula.", "Fighters", "org:hezbollah"),
    ("Gunmen from the Kurdistan Workers' Party ambushed a convoy near Sirnak, killing four.", "Gunmen", "org:pkk"),
    ("Militants from al-Shabaab stormed a hotel in Kismayo on Friday night.", "Militants", "org:al-shabaab"),
    ("Leaders of the Community of Latin American and Caribbean States condemned the coup in Quito.", "Leaders",
     "igo:CELAC"),
])
def test_people_who_act_for_a_named_body_are_that_body(config: Config, text: str, members: str,
                                                                     body: str) -> None:
    assert actors(text, config).get(members) == body
    event = annotate_text(text, config).events[0]
    assert event.source_ids == [body], event


def test_people_of_a_body_who_do_not_act_for_it_stay_people(config: Config) -> None:
    found = actors("Supporters of the Muslim Brotherhood marched through Alexandria on Friday.", config)
    assert found.get("Supporters") != "org:muslim-brotherhood", found


def test_a_states_aircraft_are_its_military(config: Config) -> None:
    assert actors("Ethiopian aircraft bombed a market in the Tigray town of Togoga.", config).get(
        "Ethiopian aircraft") == "mil:ETH"


def test_a_one_word_name_the_ner_left_unmarked_is_the_known_body(config: Config) -> None:
    doc = annotate_text("Since March the Houthis have fired drones at oil terminals on the Red Sea coast.", config)
    assert {m.text: m.actor_id for m in doc.mentions}.get("Houthis") == "org:houthis"
    assert doc.events[0].source_ids == ["org:houthis"], doc.events
    # a word of a longer name, or an acronym's letters in another case, is not the body
    found = actors("The minister withdrew the Pension Plan after the Liberation Tigers attacked.", config)
    assert "org:plan" not in found.values() and "org:liberation" not in found.values(), found


def test_a_leaders_own_country_is_the_state_they_lead(config: Config) -> None:
    found = actors("Mexican President Andres Manuel Lopez Obrador spoke in Mexico City on Friday. He said his "
                   "country would not send its ambassador back to Lima.", config)
    assert found.get("his country") == "state:MEX", found


def test_states_between_which_something_happens_act_but_a_border_between_them_is_a_place(config: Config) -> None:
    talks = actors("Talks between Ethiopia and Eritrea resumed in Algiers on Monday.", config)
    assert (talks.get("Ethiopia"), talks.get("Eritrea")) == ("state:ETH", "state:ERI"), talks
    border = actors("Shelling was reported along the border between Ethiopia and Eritrea.", config)
    assert border.get("Ethiopia") is None and border.get("Eritrea") is None, border


def test_him_is_never_the_subject_of_his_own_clause(config: Config) -> None:
    doc = annotate_text("Prime Minister Nawaz Sharif telephoned Atal Bihari Vajpayee on Sunday and warned him "
                        "against moving troops to the frontier.", config)
    assert {m.text: m.actor_id for m in doc.mentions}.get("him") == "person:atal bihari vajpayee"
    warned = next(e for e in doc.events if e.event_type == "THREATEN")
    assert warned.target_ids == ["person:atal bihari vajpayee"], warned


def test_the_king_is_the_monarch_named_before_with_the_title_inside_the_name(config: Config) -> None:
    found = actors("AMMAN, Feb 7 - King Hussein received the American envoy at the palace on Sunday. Officials said "
                   "the king had approved the new cabinet.", config)
    assert found.get("the king") == found.get("King Hussein") == "person:hussein bin talal", found
