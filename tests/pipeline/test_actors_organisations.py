"""Issue 15: an organisation named after a state is not that state; a state under a formal name still is."""

from __future__ import annotations

import pytest

from newsledger.config import Config
from newsledger.models import Mention
from newsledger.pipeline.gazetteer import load_gazetteer

from ..helpers import annotate_text

pytestmark = pytest.mark.usefixtures("nlp")


def actors_of(text: str, config: Config) -> list[Mention]:
    return [m for m in annotate_text(text, config).mentions if m.actor_id]


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("the Russian Federation", "RUS"),
        ("The DPRK", "PRK"),
        ("Great Britain", "GBR"),
        ("the Republic of China", "TWN"),
        ("the Kingdom of Saudi Arabia", "SAU"),
        ("the Democratic People's Republic of Korea", "PRK"),
        ("the Plurinational State of Bolivia", "BOL"),
        ("Viet Nam", "VNM"),
    ],
)
def test_a_whole_state_name_is_the_state(name: str, iso: str) -> None:
    assert load_gazetteer().state(name) == iso


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("the Zambian Broadcasting Corporation", "ZMB"),
        ("the Bank of Ghana", "GHA"),
        ("Radio Rwanda", "RWA"),
        ("Air India", "IND"),  # country_converter's India pattern matches the whole name
        ("Jordan Peterson", "JOR"),
    ],
)
def test_a_name_holding_a_state_is_not_the_state(name: str, iso: str) -> None:
    gaz = load_gazetteer()
    assert gaz.country(name) == iso and gaz.state(name) is None


@pytest.mark.parametrize(
    ("sentence", "mention", "country", "sector"),
    [
        ("The Zambian Broadcasting Corporation said on Monday that it would stop airing the debate.",
         "The Zambian Broadcasting Corporation", "ZMB", "JRN"),
        # The gazetteer's ruler marks the state's name first, so the NER tags only a part of these.
        ("The Bank of Ghana raised its policy rate by two points on Thursday.", "The Bank of Ghana", "GHA", "BUS"),
        ("The Uganda Wildlife Authority said poachers had killed two elephants near the park.",
         "Uganda Wildlife Authority", "UGA", "GOV"),
        ("Radio Mozambique said the cyclone had destroyed hundreds of homes.", "Radio Mozambique", "MOZ", "JRN"),
        ("Shareholders of Kenya Airways approved the sale of two aircraft.", "Kenya Airways", "KEN", "BUS"),
        ("The Central Bank of Chile left its benchmark rate unchanged on Tuesday.", "The Central Bank of Chile",
         "CHL", "GOV"),
        ("The Philippine Ports Authority suspended operations at two terminals.", "Philippine Ports Authority",
         "PHL", "GOV"),
        ("The Polish Football Association fined the club for the riot.", "Polish Football Association", "POL",
         "SOC"),
        ("Vietnam Airlines resumed flights to the coast.", "Vietnam Airlines", "VNM", "BUS"),
        # A police force is COP, though "force" alone would say MIL.
        ("The Nigerian Police Force arrested twelve suspects in the market.", "Nigerian Police Force", "NGA", "COP"),
    ],
)
def test_an_organisation_named_after_a_state_keeps_it_as_its_country(
        config: Config, sentence: str, mention: str, country: str, sector: str) -> None:
    ms = actors_of(f"Briefs\n\n{sentence}\n", config)
    found = [m for m in ms if m.text == mention]
    assert found, [(m.text, m.actor_id) for m in ms]
    assert (found[0].kind, found[0].country, found[0].sector, found[0].rule) == (
        "organisation", country, sector, "organisation")
    assert not [m for m in ms if m.rule == "state"]  # no part of its name acts as the state


def test_a_state_under_a_formal_name_still_acts_as_the_state(config: Config) -> None:
    text = ("Votes at the council\n\nThe Russian Federation vetoed the draft on Friday. The Republic of Korea and "
            "the Kingdom of Thailand signed a trade pact, and the Plurinational State of Bolivia expelled the envoy.\n")
    states = {(m.text, m.actor_id, m.sector) for m in actors_of(text, config) if m.rule == "state"}
    assert states == {
        ("Russian Federation", "state:RUS", "GOV"), ("The Republic of Korea", "state:KOR", "GOV"),
        ("Kingdom of Thailand", "state:THA", "GOV"), ("Plurinational State of Bolivia", "state:BOL", "GOV")}


def test_a_state_and_its_body_noun_name_the_states_body(config: Config) -> None:
    text = ("Budget passed\n\nThe Government of Kenya rejected the claims. The Zambian Defence Force sent engineers "
            "to the bridge.\n")
    ms = actors_of(text, config)
    assert {(m.text, m.actor_id, m.rule) for m in ms} >= {
        ("Government of Kenya", "gov:KEN", "institution"), ("The Zambian Defence Force", "mil:ZMB", "institution")}


def test_words_around_a_state_that_name_no_organisation_leave_it_alone(config: Config) -> None:
    text = ("Border news\n\nNeighbouring Rwanda closed its border on Sunday. Jordan Peterson spoke at a conference "
            "in Toronto, and French State Secretary Claire Moreau met the delegates.\n")
    ms = actors_of(text, config)
    assert not [m for m in ms if m.rule == "organisation" and m.country]
    assert [(m.text, m.actor_id) for m in ms if m.rule == "state"] == [("Rwanda", "state:RWA")]
    assert not [m for m in ms if m.country == "JOR"]
