"""Issues 14 and 15: "the council", "the group", "the bloc" are the body the article named before them."""

from __future__ import annotations

import pytest

from newsledger.config import Config
from newsledger.errors import KnowledgeError
from newsledger.pipeline.agents import _descriptions, load_agents

from ..helpers import annotate_text

pytestmark = pytest.mark.usefixtures("nlp")


def actors(text: str, config: Config) -> dict[str, str | None]:
    """Each mention's text -> its actor id."""
    return {m.text: m.actor_id for m in annotate_text(text, config).mentions}


@pytest.mark.parametrize(("text", "description", "body"), [
    ("Junior officers announced a National Redemption Council on state radio after seizing the palace in "
     "Accra. The council suspended the constitution and closed the airport.", "The council",
     "org:national redemption council"),
    ("The Tamil Tigers fought the army for a separate homeland in the north. The group was blamed for "
     "dozens of suicide bombings in Colombo.", "The group", "org:ltte"),
    ("Kyrgyzstan's president appealed to the Collective Security Treaty Organization on Tuesday. Officials said "
     "the bloc would send peacekeepers.", "the bloc", "igo:CSTO"),
    ("Basque separatists of ETA set off two car bombs in Madrid. Police say the group has killed more than 800 "
     "people since 1968.", "the group", "org:eta"),
    # A state's unit called by its kind again.
    ("French paratroopers landed at Kolwezi airport at dawn. By nightfall the paratroopers had freed most of the "
     "European hostages.", "the paratroopers", "mil:FRA"),
    ("Russian peacekeepers moved into the Lachin corridor on Tuesday. The peacekeepers set up four checkpoints.",
     "The peacekeepers", "mil:RUS"),
])
def test_a_description_is_the_body_named_before_it(config: Config, text: str, description: str,
                                                  body: str) -> None:
    assert actors(text, config).get(description) == body


def test_the_description_is_the_source_of_the_act_it_does(config: Config) -> None:
    doc = annotate_text("Army officers set up a Supreme Military Council after the coup in Niamey. The council "
                        "imposed a night curfew on the capital.", config)
    curfew = next(e for e in doc.events if "curfew" in e.trigger)
    assert curfew.source_ids == ["org:supreme military council"], curfew


@pytest.mark.parametrize(("text", "description", "earlier"), [
    # another body of that kind, by a modifier the named one's name lacks
    ("The Security Council met in New York on Monday. In Kabul, the city council voted to rename two streets.",
     "the city council", "igo:UNSC"),
    # a noun with its own "of" phrase names its members
    ("Hamas fighters crossed the fence at dawn. The group of soldiers at the post was taken by surprise.",
     "The group of soldiers", "org:hamas"),
    # a body of its own name
    ("Fighters of the Lord's Resistance Army raided the village. The Movement for Democratic Change said it "
     "would ask for an inquiry.", "The Movement for Democratic Change", "org:lra"),
])
def test_a_description_that_names_another_body_is_not_the_one_before(config: Config, text: str, description: str,
                                                                     earlier: str) -> None:
    found = actors(text, config)
    assert earlier in found.values() and found.get(description) != earlier, found


def test_people_described_are_no_body_a_description_can_mean(config: Config) -> None:
    found = actors("Gunmen stormed a hotel in the capital overnight. The group then set fire to the lobby.", config)
    assert found.get("The group") is None, found


def test_descriptions_are_checked_when_loaded() -> None:
    assert load_agents().descriptions["allies"].bodies == ("NATO",)
    with pytest.raises(KnowledgeError, match="descriptions"):
        _descriptions({"descriptions": {"council": {"sectors": ["WARLORDS"]}}}, load_agents().sectors)
    with pytest.raises(KnowledgeError, match="descriptions"):
        _descriptions({"descriptions": {"group": {}}}, load_agents().sectors)
