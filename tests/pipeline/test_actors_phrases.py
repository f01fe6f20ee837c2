"""Groups and occupations: what a modifier may change, and where their country comes from."""

from __future__ import annotations

import pytest

from newsledger.config import Config
from newsledger.models import Mention
from newsledger.pipeline.agents import load_agents

from ..helpers import annotate_text


@pytest.mark.parametrize(("words", "lemmas", "sector"), [
    ("armed civilians", "armed civilian", "UAF"),  # "armed" makes people of no armed sector UAF
    ("armed police", "armed police", "COP"),  # ... but keeps police, gangs and rebels what they are
    ("armed bandits", "armed bandit", "CRM"),  # placed in a sentence: test_knowledge.py
    ("armed separatists", "armed separatist", "REB"),
    ("the armed forces", "the armed force", "MIL"),  # the modifier is part of the phrase found
    ("former ministers", "former minister", "ELI"),  # other modifiers still turn the phrase
    ("striking nurses", "strike nurse", "LAB"),
])
def test_a_modifier_turns_a_phrase_unless_the_phrase_holds_it_or_its_sector_is_kept(
        words: str, lemmas: str, sector: str) -> None:
    assert load_agents().sector_of_phrase(words.split(), lemmas.split()) == sector


def coded(text: str, config: Config) -> dict[str, Mention]:
    return {m.text: m for m in annotate_text(f"Briefs\n\n{text}\n", config).mentions if m.actor_id}


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "surface", "country", "sector"), [
    # Demonyms of two words that name another state than their last word.
    ("South Sudanese traders in northern Kenya protested against the new levy.", "South Sudanese traders",
     "SSD", "BUS"),
    ("A Greek Cypriot lawmaker said the talks should resume in the spring.", "Greek Cypriot lawmaker", "CYP", "LEG"),
    # An Irish head of government's title.
    ("The Irish taoiseach said the budget would protect pensions.", "Irish taoiseach", "IRL", "GOV"),
    # A group named after a city: the city's state.
    ("Luhansk separatist fighters shelled the road overnight.", "Luhansk separatist fighters", "UKR", "REB"),
    # A lower-case head the tagger calls a proper noun.
    ("The Gaza health ministry said two clinics had closed.", "Gaza health ministry", "PSE", "GOV"),
])
def test_a_phrase_takes_its_country_from_its_own_words(
        config: Config, sentence: str, surface: str, country: str, sector: str) -> None:
    found = coded(sentence, config)
    assert surface in found, {t: m.actor_id for t, m in found.items()}
    assert (found[surface].country, found[surface].sector) == (country, sector)


@pytest.mark.model
def test_a_place_the_ner_calls_an_organisation_still_places_the_act(config: Config) -> None:
    found = coded("Officials said masked gunmen had opened fire in a nightclub in Guanajuato state.", config)
    assert (found["masked gunmen"].country, found["masked gunmen"].sector) == ("MEX", "UAF")


@pytest.mark.model
def test_rebels_are_coded_to_the_state_they_fight_in_not_to_their_people(config: Config) -> None:
    found = coded("Russian separatists in Transnistria said they would hold a vote.", config)
    assert (found["Russian separatists"].country, found["Russian separatists"].sector) == ("MDA", "REB")


@pytest.mark.model
def test_a_faith_is_no_place_and_people_after_from_are_a_source(config: Config) -> None:
    found = coded("Shia clerics in Bahrain called for calm. The patrol later came under fire from masked gunmen.",
                  config)
    assert (found["Shia clerics"].country, found["Shia clerics"].sector) == ("BHR", "REL")
    assert (found["masked gunmen"].actor_id, found["masked gunmen"].sector) == ("uaf:unidentified", "UAF")


def test_where_someone_was_met_is_not_whose_they_are(config: Config) -> None:
    found = coded("The prime minister held talks with the rebel leader in Oslo on Tuesday.", config)
    assert found.get("rebel leader") is None or found["rebel leader"].country != "NOR", found
    met = coded("The envoy met rebel commanders in Geneva.", config)
    assert met.get("rebel commanders") is None or met["rebel commanders"].country != "CHE", met
    held = coded("Rebels in Darfur attacked a convoy.", config)
    assert (held["Rebels"].country, held["Rebels"].sector) == ("SDN", "REB")
