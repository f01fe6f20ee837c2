"""Events named by modifiers and clauses around a verb: who a participle describes, what a result
clause adds, what a pronoun under a speech verb stands for. Sentences are our own."""

from __future__ import annotations

import pytest

from newsledger.config import Config

from .test_events import events_of, one

pytestmark = pytest.mark.usefixtures("nlp")


def test_people_described_as_fleeing_are_no_expulsion(config: Config) -> None:
    events = events_of("Militiamen fired on fleeing villagers near the market town of Bunia.", config)
    assert [e.event_type for e in events] == ["ASSAULT"]


def test_people_who_fled_are_expelled_by_someone(config: Config) -> None:
    events = events_of("More than 40,000 villagers fled the district of Bunia in March.", config)
    assert [e.event_type for e in events] == ["SANCTION"]


def test_what_an_attack_did_is_the_same_attack(config: Config) -> None:
    events = events_of("Rebel gunners shelled the market in Kidal, killing nine traders.", config)
    assert [(e.event_type, e.trigger) for e in events] == [("ASSAULT", "shelled")]


def test_a_killing_after_another_kind_of_act_is_its_own_event(config: Config) -> None:
    events = events_of("Soldiers entered the hall in Kidal, killing four guards.", config)
    assert "ASSAULT" in {e.event_type for e in events if e.trigger == "killing"}


def test_a_participle_carries_the_event_noun_it_describes(config: Config) -> None:
    events = events_of("The governor of Mombasa extended a dusk-to-dawn curfew imposed on Friday.", config)
    assert sorted((e.event_type, e.rule) for e in events) == [("COERCE", "impose+curfew"), ("COERCE", "verb:extend")]
    imposed = next(e for e in events if e.rule == "impose+curfew")
    assert imposed.trigger == "curfew imposed" and imposed.date == "2019-05-10"


def test_a_pronoun_under_a_speech_verb_is_the_speaker(config: Config) -> None:
    events = events_of("Forest rangers said they had detained four poachers near Kousseri.", config)
    assert [(e.event_type, e.source_names) for e in events] == [("COERCE", ["Forest rangers"])]


def test_a_pronoun_in_the_speakers_own_words_is_not_the_speaker(config: Config) -> None:
    events = events_of('"They shelled our villages for a week," the herders said.', config)
    assert all(e.source_names != ["the herders"] for e in events)


def test_a_participle_of_an_accusation_names_whom_it_accuses(config: Config) -> None:
    text = "A Chilean lawyer filed a lawsuit in Madrid against the visiting general, accusing him of torture."
    assert [e.trigger for e in events_of(text, config) if e.event_type == "ACCUSE"] == ["filed", "accusing"]


def test_a_place_that_saw_an_event_is_not_its_doer(config: Config) -> None:
    events = events_of("Cochabamba saw fierce clashes on Friday.", config)
    assert [(e.event_type, e.source_ids, e.rule) for e in events] == [("ASSAULT", [], "clash+see")]


def test_talks_seen_as_something_are_no_talks(config: Config) -> None:
    events = events_of("The opposition in Caracas saw the talks as a trap.", config)
    assert "talk+see" not in {e.rule for e in events}


def test_a_person_arriving_in_a_country_visits_it(config: Config) -> None:
    events = events_of("Ellen Johnson Sirleaf arrived in Freetown on Monday.", config)
    visits = [e for e in events if e.rule.startswith("verb:arrive")]
    assert [(e.event_type, e.mode) for e in visits] == [("CONSULT", "visit")]


def test_a_visit_targets_the_country_its_place_lies_in(config: Config) -> None:
    """The city is no actor mention: the gazetteer places it, and the rule says so."""
    events = events_of("Prime Minister Jacinda Ardern flew to Sydney on Thursday. The envoy visited Khartoum "
                       "and Juba this week. President Ramaphosa arrived in New Delhi on Sunday.", config)
    visits = [(e.trigger, e.target_ids, e.rule) for e in events if e.mode == "visit"]
    assert ("flew", ["state:AUS"], "verb:fly+target:place") in visits
    assert ("arrived", ["state:IND"], "verb:arrive+target:place") in visits  # "New Delhi" tagged ORG
    both = next(e for e in events if e.trigger == "visited")
    assert {"SDN", "SSD"} <= {i.split(":")[1] for i in both.target_ids}
    assert "Sudan" in both.target_names


def test_a_trip_at_home_visits_no_one(config: Config) -> None:
    events = events_of("The Kenyan president travelled to Mombasa on Monday.", config)
    trip = one(events, "CONSULT")
    assert (trip.source_ids, trip.target_ids, trip.rule) == (["gov:KEN"], [], "verb:travel")


def test_refugees_arriving_pay_no_visit(config: Config) -> None:
    events = events_of("Two thousand refugees arrived in Chad overnight.", config)
    assert "CONSULT" not in {e.event_type for e in events}


def test_what_an_explosion_did_is_the_same_attack(config: Config) -> None:
    events = events_of("A car bomb exploded near the port of Aden, killing six people.", config)
    assert [(e.event_type, e.rule) for e in events] == [("ASSAULT", "bomb+explode")]


def test_a_journey_for_a_stated_purpose_is_that_purpose(config: Config) -> None:
    events = [e for e in events_of(
        "Foreign Minister Wang Yi arrived in Yangon on Friday for talks with the junta. "
        "Envoy Maria Lopez arrived in Bogota on Monday to mediate between the cabinet and guerrilla commanders. "
        "Archbishop Tutu arrived in Nairobi for the first time on Tuesday.", config) if not e.negated]
    assert [(e.event_type, e.mode) for e in events if "Yangon" in e.trigger or e.trigger == "arrived"
            and "Wang Yi" in e.source_names] == [("CONSULT", None)]  # the talks, not a visit beside them
    assert any(e.mode == "third-party" for e in events)
    tutu = next(e for e in events if e.source_names == ["Archbishop Tutu"])
    assert (tutu.event_type, tutu.mode, tutu.target_ids) == ("CONSULT", "visit", ["state:KEN"])


def test_a_relative_pronoun_subject_is_the_noun_its_clause_describes(config: Config) -> None:
    """"who" stands for people; "which" or "that" only for a group or body, never for an event or a thing."""
    events = events_of("Police dispersed the farmers who had blocked the highway near Oruro since Monday. "
                       "The minister sent condolences over a landslide that killed nine villagers near Bududa.", config)
    blocked = next(e for e in events if e.trigger == "blocked")
    assert (blocked.event_type, blocked.source_names) == ("PROTEST", ["the farmers"])
    assert "killed" not in {e.trigger for e in events}  # no one acted


def test_a_participle_whose_passive_auxiliary_is_left_out_is_passive(config: Config) -> None:
    """"..., the bridges closed and a state of emergency declared": done to the subject, by someone unnamed;
    a subject that can act ("the rebels retreated") keeps the verb active."""
    events = events_of("Officials said the port had been shut, the bridges closed and a state of emergency "
                       "declared in Conakry. The town was shelled overnight and the rebels retreated.", config)
    coded = {e.trigger: (e.event_type, e.mode, e.source_names, e.target_names, e.rule) for e in events}
    assert coded["closed"] == ("COERCE", "restrict", [], ["the bridges"], "gapped:verb:close")
    assert coded["declared"][:2] == ("COERCE", "martial-law")
    assert coded["retreated"][2:] == (["rebels"], [], "verb:retreat")


def test_what_a_warning_holds_out_is_the_threat_s_content(config: Config) -> None:
    """One threat, shown with the act it holds out and its mode from that act; the act is no event of its own."""
    events = events_of("The militia leader warned that his men would attack any convoy entering Bunia. "
                       "The Kenyan minister warned that the aid would be suspended if the vote went ahead.", config)
    coded = [(e.event_type, e.mode, e.trigger, e.rule) for e in events]
    assert coded == [("THREATEN", "violence", "warned that his men would attack", "verb:warn+attack"),
                     ("THREATEN", None, "warned that the aid would be suspended", "verb:warn+suspend")]


def test_a_refusal_warned_of_stays_a_refusal(config: Config) -> None:
    events = events_of("Malta warned that it would not accept the migrant ship in its ports.", config)
    assert "verb:warn+accept" not in {e.rule for e in events}


def test_operations_against_someone_are_an_attack(config: Config) -> None:
    events = events_of("Ethiopian troops carried out mopping-up operations against the insurgents in the Ogaden. "
                       "The mining company began operations in Tanzania last year.", config)
    assert [(e.event_type, e.rule) for e in events] == [("ASSAULT", "carry+operation")]


def test_ready_for_cooperation_is_an_agreement(config: Config) -> None:
    events = events_of("The Tuareg leaders said they were prepared for talks with Bamako.", config)
    assert [(e.event_type, e.trigger, e.rule) for e in events] == [
        ("AGREE", "were prepared for talks", "willing:prepared+talk")]  # one event: the talks are what it agrees to
