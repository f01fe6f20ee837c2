"""Knowledge as data: the ontology, event frames, agents and the dated actor base, checked at load
and used by the actors stage."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from spacy.language import Language

from bench.kb_coverage import offices
from newsledger.config import Config, load_config
from newsledger.errors import KnowledgeError
from newsledger.pipeline.agents import load_agents
from newsledger.pipeline.events import find_events
from newsledger.pipeline.frames import Frames, build, load_frames
from newsledger.pipeline.knowledge import key, load_knowledge
from newsledger.pipeline.ontology import cameo, check_coding, score
from tests.helpers import PROMISE, annotate_text


def test_ontology_codes_and_checks() -> None:
    assert (cameo("REQUEST", "change"), cameo("REQUEST", None), score("ASSAULT", "aerial")) == ("10", "02", -9.5)
    with pytest.raises(KnowledgeError, match="no mode 'aerial'"):
        check_coding("PROTEST", "aerial", "test")


def test_frames_are_validated_against_the_ontology() -> None:
    frames = load_frames()
    assert frames.verbs["shell"] == ("ASSAULT", "heavy-weapons") and "curfew" in frames.classes["restrictions"]
    with pytest.raises(KnowledgeError, match=r"\[verbs\] bombard: unknown PLOVER type 'BOMBARD'"):
        build({"verbs": {"bombard": "BOMBARD"}, "promise": PROMISE}, "f")
    with pytest.raises(KnowledgeError, match="not a defined @class"):
        build({"objects": {"lift": [{"when": "@nowhere", "coding": "CONCEDE"}]}}, "f")


def test_a_noun_guard_refines_a_known_noun_only() -> None:
    assert load_frames().noun_guards["exercise"][0][1:] == ("COOPERATE", None)
    promise = PROMISE
    guard = [{"when": ["joint"], "coding": "COOPERATE"}]
    with pytest.raises(KnowledgeError, match=r"\[noun_guards\]: not in \[nouns\]: \['manoeuvre'\]"):
        build({"noun_guards": {"manoeuvre": guard}, "promise": promise}, "f")
    with pytest.raises(KnowledgeError, match=r"\[noun_guards\] drill: unknown PLOVER type 'TRAIN'"):
        build({"nouns": {"drill": "MOBILIZE"}, "noun_guards": {"drill": [{"when": ["joint"], "coding": "TRAIN"}]},
               "promise": promise}, "f")


def test_a_word_class_takes_in_another_so_each_word_is_listed_once() -> None:
    classes = load_frames().classes
    # Quotes are cued by every reporting verb of the event coder and by verbs that only cue speech.
    assert classes["reporting_verbs"] < classes["speech_verbs"] and {"say", "warn"} <= classes["speech_verbs"]
    assert "warn" not in classes["reporting_verbs"]
    promise = PROMISE
    nested = build({"classes": {"a": ["@b", "x"], "b": ["@c", "y"], "c": ["z"]}, "promise": promise}, "f")
    assert nested.classes["a"] == {"x", "y", "z"}
    with pytest.raises(KnowledgeError, match=r"\[classes\] a: '@nowhere' is not a defined @class"):
        build({"classes": {"a": ["@nowhere"]}, "promise": promise}, "f")
    with pytest.raises(KnowledgeError, match="includes itself"):
        build({"classes": {"a": ["@b"], "b": ["@a"]}, "promise": promise}, "f")


def test_a_user_frames_file_adds_a_verb(tmp_path: Path) -> None:
    extra = tmp_path / "frames.toml"
    extra.write_text('[verbs]\ntorch = "ASSAULT destroy"\n')
    frames = load_frames(str(extra))
    assert frames.verbs["torch"] == ("ASSAULT", "destroy") and frames.verbs["shell"] == ("ASSAULT", "heavy-weapons")
    extra.write_text('[verbs]\ntorch = "ASSAULT arson"\n')
    with pytest.raises(KnowledgeError, match="no mode 'arson'"):
        load_frames.__wrapped__(str(extra))


def test_bare_names_resolve_by_the_publication_date() -> None:
    kb = load_knowledge()
    norway, nato = kb.resolve("Stoltenberg", "2012-05-01"), kb.resolve("Stoltenberg", "2017-05-01")
    assert norway is not None and (norway.country, norway.sector) == ("NOR", "GOV")
    assert nato is not None and (nato.igo, nato.sector, nato.note) == ("NATO", "IGO", "in office")
    undated = kb.resolve("Jens Stoltenberg", None)
    assert undated is not None and undated.note == "undated: most recent role"
    former = kb.resolve("Angela Merkel", "2023-03-01")
    assert former is not None and (former.country, former.sector, former.note) == ("DEU", "ELI", "former")
    assert kb.resolve("Merkel", "2023-03-01") is None  # a surname alone needs someone in office
    group = kb.resolve("Quds Force", None)
    assert group is not None and (group.country, group.sector) == ("IRN", "MIL")


def test_a_party_that_grew_out_of_a_rebellion_was_rebels_before_it_governed() -> None:
    kb = load_knowledge()
    rebels, party = kb.resolve("RPF", "1992-06-01"), kb.resolve("RPF", "2003-06-01")
    assert rebels is not None and (rebels.country, rebels.sector) == ("RWA", "REB")
    assert party is not None and (party.country, party.sector) == ("RWA", "PTY")  # a party, though it governs


def test_every_knowledge_entry_is_valid_and_ids_are_unique() -> None:
    kb = load_knowledge()
    assert len(kb.entries) > 3000
    countries = {r.country for e in kb.entries.values() for r in e.roles if r.country}
    assert len(countries) > 150  # heads of state and government of every state


def test_no_one_is_entered_twice() -> None:
    """Two entries sharing a full name and holding one office of one state at the same time are one
    person entered twice: a bare name then matches both, and the resolver, finding two in office,
    codes neither (as happened to Egypt's foreign minister of 1984-91, in two files)."""
    kb = load_knowledge()
    by_name: dict[str, set[str]] = {}
    for e in kb.entries.values():
        if e.kind == "person":
            for name in {key(n) for n in (e.name, *e.aliases) if len(key(n).split()) >= 2}:
                by_name.setdefault(name, set()).add(e.id)
    twice = set()
    for name, ids in by_name.items():
        for a, b in itertools.combinations(sorted(ids), 2):
            if any(ra.country and ra.country == rb.country and offices(ra.title) & offices(rb.title)
                   and ra.start <= (rb.end or "9999") and rb.start <= (ra.end or "9999")
                   for ra in kb.entries[a].roles for rb in kb.entries[b].roles):
                twice.add((name, a, b))
    assert not twice, sorted(twice)


def _mention(text: str, published: str, config: Config, surface: str):  # type: ignore[no-untyped-def]
    record = json.dumps({"text": text, "published": published})
    found = [m for m in annotate_text(record, config, fmt="json").mentions if surface in m.text and m.actor_id]
    assert found, surface
    return found[0]


@pytest.mark.model
def test_actors_stage_codes_the_world(config: Config) -> None:
    maas = _mention("Heiko Maas told reporters in Berlin that the nuclear deal was not dead yet.", "2019-06-12",
                    config, "Heiko Maas")
    assert (maas.country, maas.sector, maas.rule) == ("DEU", "GOV", "kb:heiko-maas (in office)")
    quds = _mention("The Quds Force has trained militias across the region for decades, officials said.",
                    "2020-01-04", config, "Quds Force")
    assert (quds.country, quds.sector) == ("IRN", "MIL")
    titled = _mention("Swedish Prime Minister Stefan Lofven met the king on Monday.", "2016-03-01", config,
                      "Stefan Lofven")
    assert (titled.country, titled.sector, titled.rule) == ("SWE", "GOV", "title")


@pytest.mark.model
def test_events_frames_setting_extends_the_coder(tmp_path: Path, config: Config) -> None:
    extra = tmp_path / "frames.toml"
    extra.write_text('[verbs]\nfirebomb = "ASSAULT explosives"\n')
    text = "Militiamen from the Janjaweed firebombed the market in Tawila on Sunday, survivors said."
    custom = load_config(environ={}, overrides=[f"events.frames={extra}"])
    hit = [e for e in annotate_text(text, custom).events if e.trigger == "firebombed"]
    assert [(e.event_type, e.mode, e.rule) for e in hit] == [("ASSAULT", "explosives", "verb:firebomb")]
    # The packaged file codes a firebombing as destruction; the user's entry replaces it.
    assert all(e.mode != "explosives" for e in annotate_text(text, config).events)


@pytest.mark.model
def test_two_frames_code_one_parsed_document_side_by_side(tmp_path: Path, nlp: Language) -> None:
    # The coder's knowledge is the object passed in, not process state: alternating the frames on the
    # same parse gives each its own coding, with no reset between them.
    extra = tmp_path / "frames.toml"
    extra.write_text('[verbs]\nfirebomb = "ASSAULT explosives"\n')
    sdoc = nlp("Militiamen from the Janjaweed firebombed the market in Tawila on Sunday, survivors said.")
    custom, packaged = load_frames(str(extra)), load_frames()

    def coded(frames: Frames) -> list[tuple[str, str | None, str, list[str]]]:
        return [(e.event_type, e.mode, e.rule, e.source_names) for e in find_events(sdoc, "d", [], {}, [], frames)]

    firebombed = [("ASSAULT", "explosives", "verb:firebomb", ["Militiamen"])]
    packaged_coding = [("ASSAULT", "destroy", "verb:firebomb", ["Militiamen"])]
    assert (coded(custom), coded(packaged), coded(custom)) == (firebombed, packaged_coding, firebombed)


@pytest.mark.model
def test_a_place_after_in_is_where_not_who(config: Config) -> None:
    record = json.dumps({"text": "Kidnappers seized six farmers in Kaduna state on Monday.", "published": "2021-03-01"})
    coded = [(m.text, m.country, m.sector) for m in annotate_text(record, config, fmt="json").mentions if m.actor_id]
    assert ("Kaduna state", "NGA", "GOV") not in coded, coded


@pytest.mark.parametrize(("words", "sector"), [
    ("Croatian generals", "MIL"),  # a title heads the phrase, plural
    ("the Saudi crown prince", "GOV"),
    ("a general election", None),  # a title word not at the head is no title
])
def test_a_title_heading_a_phrase_gives_its_sector(words: str, sector: str | None) -> None:
    tokens = words.split()
    lemmas = [t.lower().removesuffix("s") if t == "generals" else t.lower() for t in tokens]
    assert load_agents().sector_of_phrase(tokens, lemmas) == sector


@pytest.mark.model
@pytest.mark.parametrize(("text", "surface", "coded"), [
    ("A Ugandan attorney filed a petition against the election result.", "Ugandan attorney", ("UGA", "JUD")),
    ("Shanghai authorities ordered the closure of all schools.", "Shanghai authorities", ("CHN", "GOV")),
    ("Matamoros workers walked out of the factories on Monday.", "Matamoros workers", ("MEX", "LAB")),
    ("Kenyan riot police fired tear gas at the marchers.", "Kenyan riot police", ("KEN", "COP")),
    ("Transnistria raised its terrorist threat level on Tuesday.", "Transnistria", ("MDA", "GOV")),
    ("Hezbollah fighters fired rockets at northern Israel.", "Hezbollah", ("LBN", "REB")),
    ("Jens Stoltenberg met the defence ministers in Brussels.", "Jens Stoltenberg", (None, "IGO")),
    # A state acting is its government, as its capital is, also when the NER calls it an ORG.
    ("The Russian Federation vetoed the draft resolution.", "Russian Federation", ("RUS", "GOV")),
    ("Chile recalled its ambassador after the raid.", "Chile", ("CHL", "GOV")),
    # A state under its official name (pycountry's), which the statistical NER often misses.
    ("The Rwandese Republic closed its border crossings on Sunday.", "Rwandese Republic", ("RWA", "GOV")),
    # A title heading a demonym's phrase, with no name: an unnamed official of that state.
    ("A Malian colonel read a statement on state television.", "Malian colonel", ("MLI", "MIL")),
    ("Kenyan lawmakers approved the finance bill late on Thursday.", "Kenyan lawmakers", ("KEN", "LEG")),
    ("The Moldovan prosecutor general opened an inquiry into the bank.", "Moldovan prosecutor general",
     ("MDA", "JUD")),
    # Regions acting through their own authorities (ISO 3166-2, and the names news uses).
    ("Puntland said it would hold its own elections in the spring.", "Puntland", ("SOM", "GOV")),
    ("Sindh authorities closed the schools after the floods.", "Sindh authorities", ("PAK", "GOV")),
    # A demonym the NER misses still places a group; a region placed after "in" does too.
    ("Striking Bangladeshi garment workers marched on the labour ministry.", "Bangladeshi garment workers",
     ("BGD", "LAB")),
    ("Islamist insurgents in Cabo Delgado overran a police post at dawn.", "insurgents", ("MOZ", "REB")),
    # A people of one state is coded to it; a people of several states to the one the article names.
    ("Rohingya refugees staged a sit-in outside the camp office.", "Rohingya refugees", ("MMR", "REF")),
    ("Baloch militants ambushed a fuel convoy on the highway out of Quetta.", "Baloch militants", ("PAK", "REB")),
    ("Tamil rebels overran an army camp in the north of Sri Lanka.", "Tamil rebels", ("LKA", "REB")),
    # Offices and programmes of a body act as that body: PLOVER codes an IGO by its organisation.
    ("The UN refugee agency said 40,000 people had crossed the border.", "UN refugee agency", (None, "IGO")),
    # Where the sentence puts their act places them: also a passive's agent, a place inside the
    # object, a region with its division word, a city written without its accents.
    ("Two traders were shot dead by gunmen at a market in Maiduguri on Tuesday.", "gunmen", ("NGA", "UAF")),
    ("Armed bandits in Katsina state kidnapped forty farmers.", "bandits", ("NGA", "CRM")),  # armed: still CRM
    ("Ciudad Juarez assembly workers walked out over pay.", "Ciudad Juarez assembly workers", ("MEX", "LAB")),
    # Gunmen nobody can place are still an actor: PLOVER's unidentified armed forces.
    ("Masked gunmen opened fire on a minibus late on Saturday.", "gunmen", (None, "UAF")),
])
def test_groups_places_and_names_of_the_world(text: str, surface: str, coded: tuple[str | None, str],
                                              config: Config) -> None:
    mention = _mention(text, "2018-05-14", config, surface)
    assert (mention.country, mention.sector) == coded, mention



@pytest.mark.model
def test_a_people_of_several_states_needs_the_article_to_name_one_of_them(config: Config) -> None:
    both = _mention("Kurdish fighters traded fire with Turkish troops near the Syrian border town of Kobani.",
                    "2015-01-20", config, "Kurdish fighters")
    assert (both.country, both.sector) == (None, "REB")  # Turkey and Syria named: which is unknown
    one = _mention("Kurdish fighters retook two villages south of Kirkuk, Iraqi officials said.", "2014-08-10",
                   config, "Kurdish fighters")
    assert (one.country, one.sector) == ("IRQ", "REB")


@pytest.mark.model
def test_an_office_of_a_body_is_coded_as_the_body(config: Config) -> None:
    agency = _mention("UNICEF said the cholera outbreak had reached the capital.", "2017-06-01", config, "UNICEF")
    assert (agency.igo, agency.sector, agency.actor_name) == ("UN", "IGO", "UNICEF")
    banker = _mention("Christine Lagarde said rates would stay high for as long as needed.", "2023-09-14", config,
                      "Christine Lagarde")
    assert (banker.igo, banker.sector) == ("EU", "IGO")
    who = _mention("The WHO declared the outbreak a public health emergency.", "2020-01-30", config, "WHO")
    assert who.igo == "WHO"  # a specialised agency with a treaty of its own keeps its code

def test_coverage_reads_each_states_own_titles() -> None:
    """bench/kb_coverage.py counts an office by its title's words: a state's real title must count
    (Equatorial Guinea's interior "and Local Corporations", Kyrgyzstan's defence "State Committee")
    without counting what is not the office (a Defence and National Security ministry runs no police;
    a state company or a parliament's committee is no ministry)."""
    assert offices("Minister of the Interior and Local Corporations") == {"INT"}
    assert offices("Chairman of the State Committee for Defence Affairs") == {"DEF"}
    assert offices("Chairman of the Cabinet of Ministers") == {"HOG"}
    assert offices("Minister of Defence and National Security") == {"DEF"}
    assert offices("Minister of National Security") == {"INT"}
    assert offices("Chairman of the Senate Defence Committee") == set()
    assert offices("Chief Executive of the National Oil Corporation") == set()
