"""Who takes part in an event: sources and targets by the roles of its type, on sentences we write."""

from __future__ import annotations

import pytest

from newsledger.config import Config
from newsledger.models import Event

from ..helpers import annotate_text

pytestmark = pytest.mark.usefixtures("nlp")


def coded(text: str, config: Config, event_type: str) -> Event:
    """The first event of ``event_type`` in ``text``."""
    events = annotate_text(text, config).events
    hits = [e for e in events if e.event_type == event_type]
    assert hits, [(e.event_type, e.trigger) for e in events]
    return hits[0]


def test_a_titled_person_in_apposition_is_the_participant_not_the_titles_state(config: Config) -> None:
    met = coded("Chile's foreign minister, Heraldo Munoz, met Bolivian President Evo Morales in La Paz on Monday.",
                config, "CONSULT")
    assert met.source_ids == ["person:heraldo munoz"] and met.target_ids == ["person:evo morales"]
    urged = coded("The UN refugee chief, Filippo Grandi, urged the Kenyan government to keep the camps open.",
                  config, "REQUEST")
    assert urged.source_ids == ["person:filippo grandi"] and urged.target_ids == ["gov:KEN"]


@pytest.mark.parametrize(("text", "event_type"), [
    ("Ecuadorian troops used artillery to strike the town of Tumbes on Tuesday.", "ASSAULT"),
    ("Ecuadorian gunboats fired on Tumbes and Zarumilla overnight.", "ASSAULT"),
])
def test_a_place_acted_on_stands_for_its_state(config: Config, text: str, event_type: str) -> None:
    event = coded(text, config, event_type)
    assert event.source_ids == ["mil:ECU"] and event.target_ids == ["state:PER"]


def test_a_place_in_the_sources_own_country_names_no_target_state(config: Config) -> None:
    raid = coded("Peruvian troops shelled Tumbes on Friday.", config, "ASSAULT")
    assert "state:PER" not in raid.target_ids


@pytest.mark.parametrize("text", [
    "Peru said Ecuadorian troops had shelled its border posts overnight.",
    "Peru said Ecuadorian troops had fired on several of its towns.",
])
def test_what_its_owns_in_a_reported_clause_belongs_to_the_speaker(config: Config, text: str) -> None:
    attack = coded(text, config, "ASSAULT")
    assert attack.source_ids == ["mil:ECU"] and attack.target_ids == ["state:PER"]


def test_their_after_several_subjects_is_their_own(config: Config) -> None:
    pledge = coded("Brazil said Ecuador and Peru had reaffirmed their commitment to the 1998 treaty.",
                   config, "SUPPORT")
    assert pledge.source_ids == ["state:ECU", "state:PER"] and not pledge.target_ids


def test_its_of_a_single_subject_in_a_cooperative_act_is_its_own(config: Config) -> None:
    pledge = coded("Brazil said Ecuador had reaffirmed its commitment to the 1998 treaty.", config, "SUPPORT")
    assert pledge.source_ids == ["state:ECU"] and not pledge.target_ids


def test_its_in_an_attack_by_a_single_actor_is_the_other_sides(config: Config) -> None:
    attack = coded("Lima would respond with force if Ecuador attacked its ports, the minister said.", config, "ASSAULT")
    assert attack.source_ids == ["state:ECU"] and attack.target_ids == ["gov:PER"]


def test_a_later_act_on_a_thing_shares_the_first_acts_target(config: Config) -> None:
    text = "Ecuador expelled Peru's ambassador and suspended bilateral trade on Wednesday."
    events = annotate_text(text, config).events
    suspended = [e for e in events if e.trigger.startswith("suspended")]
    assert suspended and suspended[0].source_ids == ["state:ECU"] and suspended[0].target_ids == ["gov:PER"]


def test_a_later_act_on_people_keeps_its_own_target(config: Config) -> None:
    events = annotate_text("Ecuadorian police arrested Peru's consul and detained dozens of fishermen.", config).events
    detained = [e for e in events if e.trigger.startswith("detained")]
    assert detained and "gov:PER" not in detained[0].target_ids


def test_the_victims_of_a_participle_done_by_someone_are_never_its_source(config: Config) -> None:
    killed = coded("Eight miners died in the clashes, five of them killed by soldiers, according to the prosecutor.",
                   config, "ASSAULT")
    assert killed.source_names == ["soldiers"]


def test_a_weapon_as_the_agent_names_who_used_it(config: Config) -> None:
    wounded = coded("Three Ecuadorian fishermen were wounded by shots fired by Peruvian troops.", config, "ASSAULT")
    assert wounded.source_ids == ["mil:PER"] and wounded.target_ids == ["agr:ECU"]


def test_two_titled_people_joined_by_and_are_both_sources_however_the_parser_hangs_them(config: Config) -> None:
    met = coded("Armenian President Serzh Sarkisian and Azerbaijani President Ilham Aliyev met in Vienna on Monday.",
                config, "CONSULT")
    assert set(met.source_names) == {"Serzh Sarkisian", "Ilham Aliyev"}, met
    initialled = coded("Foreign Ministers Jeyhun Bayramov of Azerbaijan and Ararat Mirzoyan of Armenia initialled "
                       "the text on Thursday.", config, "SUPPORT")
    assert initialled.source_names == ["Jeyhun Bayramov", "Ararat Mirzoyan"], initialled


@pytest.mark.parametrize(("text", "event_type", "not_a_doer"), [
    ("The release of the hostages was negotiated by radio over two days.", "CONSULT", "radio"),
    ("Border guards said some 40 smugglers had been arrested by nightfall.", "COERCE", "nightfall"),
    ("The rebels said the airport would be taken by the end of the week.", "THREATEN", "end"),
])
def test_a_means_or_a_time_after_by_is_no_doer(config: Config, text: str, event_type: str, not_a_doer: str) -> None:
    event = coded(text, config, event_type)
    assert not any(not_a_doer in name for name in event.source_names), event.source_names


def test_a_time_the_parse_joins_to_a_subject_is_not_part_of_its_name(config: Config) -> None:
    event = coded("Within hours groups of youths burned the police station in the old town.", config, "ASSAULT")
    assert event.source_names and not any("hours" in name for name in event.source_names), event.source_names


def test_they_after_a_reporting_verb_are_its_speakers_not_the_last_actor(config: Config) -> None:
    text = ("TBILISI, May 3 - Georgian riot police cleared the square outside parliament before dawn. "
            "Opposition deputies said they would demand a recount in every district.")
    demand = coded(text, config, "REQUEST")
    assert "cop:GEO" not in demand.source_ids and demand.source_names == ["Opposition deputies"], demand
    denied = coded("Soldiers sealed off the valley on Monday. Relief agencies said they had been refused entry "
                   "to the camps.", config, "REJECT")
    assert not denied.source_ids, denied  # whoever refused them, not the soldiers


@pytest.mark.parametrize(("text", "event_type", "source"), [
    # "he" is the one who says it, named or not, not the last person named as a subject.
    ("President Amadou Diallo was sworn in on Sunday. The opposition leader said he would not accept the result.",
     "REJECT", "The opposition leader"),
    ("General Paul Mensah arrived in the capital on Monday. Ghana's police chief said he would ban the rally.",
     "THREATEN", "Ghana"),
    # A title with the name in apposition is that person.
    ("General Paul Mensah arrived on Monday. Togo's president, Faure Gnassingbe, who chairs the regional bloc, said he "
     "would consult other leaders.", "AGREE", "Gnassingbe"),
])
def test_he_in_a_reported_clause_is_the_one_who_says_it(config: Config, text: str, event_type: str,
                                                        source: str) -> None:
    event = coded(text, config, event_type)
    assert any(source in n for n in event.source_names) and not any(
        "Diallo" in n or "Mensah" in n for n in event.source_names), event.source_names



def test_a_relative_pronoun_acted_on_is_the_actor_it_stands_for(config: Config) -> None:
    accused = coded("Kenya sent troops to the border with Somalia, which it accused of sheltering the militants.",
                    config, "ACCUSE")
    assert accused.source_ids == ["state:KEN"] and accused.target_ids == ["state:SOM"]


@pytest.mark.parametrize(("text", "event_type", "target"), [
    ("The Thai foreign minister said he would travel to Vientiane next week.", "AGREE", "state:LAO"),
    ("The monitors criticised Turkish shelling of the border villages.", "ACCUSE", "state:TUR"),
    ("The coast guard seized two Japanese fishing boats near the islands.", "COERCE", "state:JPN"),
])
def test_a_promised_journey_or_a_states_thing_names_that_state(config: Config, text: str, event_type: str,
                                                               target: str) -> None:
    assert coded(text, config, event_type).target_ids == [target]


@pytest.mark.parametrize(("text", "event_type"), [
    ("The two delegations met on Swiss soil in March.", "CONSULT"),  # held there, not aimed at Lebanon
    ("Cuba sent Cuban engineers to repair the port.", "AID"),  # its own people
])
def test_a_meeting_place_or_a_states_own_people_name_no_target_state(config: Config, text: str,
                                                                     event_type: str) -> None:
    event = coded(text, config, event_type)
    assert not any(t.startswith("state:") for t in event.target_ids), event.target_ids


@pytest.mark.parametrize("text", [
    "About 30,000 Syrian soldiers were massed along the Turkish border.",
    "Moroccan gendarmes were reinforced around the port on Sunday.",
])
def test_the_forces_moved_are_a_source_not_also_named_as_target(config: Config, text: str) -> None:
    event = coded(text, config, "MOBILIZE")
    assert event.source_ids and not event.target_ids and not event.target_names, event


@pytest.mark.parametrize(("text", "event_type", "target"), [
    ("President Bozize would not leave office, and the rebel leader Michel Djotodia demanded his surrender.",
     "REQUEST", "person:françois bozizé"),
    ("Former president Jimmy Carter said gunmen had fired on his car near the border.", "ASSAULT",
     "person:jimmy carter"),
    ("Prosecutors in The Hague opened an inquiry into Slobodan Milosevic last year.", "ACCUSE",
     "person:slobodan milošević"),
])
def test_whose_thing_an_act_is_done_to_or_whom_an_inquiry_looks_into_is_its_target(
        config: Config, text: str, event_type: str, target: str) -> None:
    assert coded(text, config, event_type).target_ids == [target]


def test_his_kin_are_not_him(config: Config) -> None:
    expelled = coded("The ruling party dismissed the vice-president and expelled his wife from its ranks.",
                     config, "SANCTION")
    assert not any(t.startswith("person:") for t in expelled.target_ids), expelled.target_ids


@pytest.mark.parametrize(("text", "target"), [
    ("Border guards fired on fleeing villagers near the river crossing.", "villagers"),  # parsed as a gerund
    ("Riot police opened fire on hundreds of striking dockers outside the port.", "hundreds of striking dockers"),
    ("Soldiers fired on tens of thousands of marchers in the square.", "tens of thousands of marchers"),
])
def test_people_fired_on_are_named_as_its_target(config: Config, text: str, target: str) -> None:
    event = coded(text, config, "ASSAULT")
    assert event.target_names == [target], event


def test_whom_a_refusal_is_aimed_at_when_an_adjunct_parts_it_from_its_infinitive(config: Config) -> None:
    refused = coded("President Kibaki had refused for more than a month to receive Raila Odinga.", config, "REJECT")
    assert refused.target_ids == ["person:raila odinga"]
