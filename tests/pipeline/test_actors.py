"""Actor resolution on text we write: titles, appositions, aliases, pronouns, metonymy, groups."""

from __future__ import annotations

import json

import pytest

from newsledger.config import Config
from newsledger.errors import KnowledgeError
from newsledger.models import Document, Mention, RawInput
from newsledger.pipeline.annotate import annotate_batch
from newsledger.pipeline.gazetteer import _former_seats, load_gazetteer
from newsledger.pipeline.ingest.prepare import prepare

from ..helpers import annotate_text

pytestmark = pytest.mark.usefixtures("nlp")


def actors_of(text: str, config: Config) -> list[Mention]:
    return [m for m in annotate_text(text, config).mentions if m.actor_id]


def find(mentions: list[Mention], text: str, nth: int = 0) -> Mention:
    hits = [m for m in mentions if m.text == text]
    assert len(hits) > nth, f"{text!r} not resolved; got {[(m.text, m.actor_id) for m in mentions]}"
    return hits[nth]


TITLES = (
    "Leaders meet on the Caspian shore\n\n"
    "Azerbaijani President Ilham Aliyev received Russian Foreign Minister Sergey Lavrov in Baku on "
    "Tuesday, while NATO Secretary-General Jens Stoltenberg spoke by phone with Armenian Prime Minister "
    "Nikol Pashinyan about the border talks.\n\n"
    "In Brussels, the head of the Permanent Mission of Georgia to NATO, Ambassador Davit Kereselidze, "
    "told reporters that the talks had been useful.\n"
)


@pytest.mark.parametrize(
    ("name", "country", "igo", "sector"),
    [
        ("Ilham Aliyev", "AZE", None, "GOV"),
        ("Sergey Lavrov", "RUS", None, "GOV"),
        ("Jens Stoltenberg", None, "NATO", "IGO"),
        ("Nikol Pashinyan", "ARM", None, "GOV"),
        ("Davit Kereselidze", "GEO", None, "GOV"),
    ],
)
def test_titles_carry_the_actor(config: Config, name: str, country: str | None, igo: str | None,
                                sector: str) -> None:
    m = find(actors_of(TITLES, config), name)
    assert (m.kind, m.country, m.igo, m.sector) == ("person", country, igo, sector)
    assert m.role and m.rule == "title"


def test_names_descriptions_and_pronouns_resolve_within_a_document(config: Config) -> None:
    text = (
        "Aliyev hosts Georgian envoy\n\n"
        "Azerbaijani President Ilham Aliyev met Georgian Ambassador Zurab Pataradze in Baku on Monday.\n\n"
        "Aliyev said the two countries shared a stake in the pipeline. The Azerbaijani president added "
        "that new rail links were planned.\n\n"
        "The diplomat said Tbilisi welcomed the offer. He later met the foreign minister.\n"
    )
    ms = actors_of(text, config)
    assert find(ms, "Aliyev", 1).actor_id == "person:ilham aliyev"
    assert find(ms, "The Azerbaijani president").actor_id == "person:ilham aliyev"
    assert find(ms, "The diplomat").actor_id == "person:zurab pataradze"
    assert find(ms, "He").actor_id == "person:zurab pataradze"
    assert find(ms, "Tbilisi").actor_id == "gov:GEO"


def test_metonymy_acts_but_locations_do_not(config: Config) -> None:
    text = (
        "Capitals trade statements\n\n"
        "Baku said on Friday it was ready for talks, but Yerevan rejected the proposal. The Kremlin "
        "urged restraint, and Washington called on both sides to return to the table. Diplomats met "
        "in Baku and later travelled to Yerevan.\n"
    )
    ms = actors_of(text, config)
    assert [(m.text, m.actor_id, m.sector) for m in ms if m.rule == "metonymy"] == [
        ("Baku", "gov:AZE", "GOV"), ("Yerevan", "gov:ARM", "GOV"), ("Kremlin", "gov:RUS", "GOV"),
        ("Washington", "gov:USA", "GOV"),
    ]


def test_a_state_that_gives_or_is_asked_is_an_actor_where_one_left_from_is_a_place(config: Config) -> None:
    text = (
        "Quake relief arrives\n\n"
        "Nepal received tents and medicine from India on Sunday, and its prime minister sought further "
        "help from Japan. A relief team that flew in from Kenya joined them.\n"
    )
    states = {m.text: m.actor_id for m in annotate_text(text, config).mentions}
    assert states["India"] == "state:IND" and states["Japan"] == "state:JPN"
    assert states["Kenya"] is None  # where the team flew from, not who acts


def test_the_alliance_is_nato_only_when_nato_is_in_context(config: Config) -> None:
    with_nato = actors_of("NATO ministers met in Brussels on Thursday.\n\nThe alliance said it would "
                          "expand its air policing mission over the Baltic states.\n", config)
    assert find(with_nato, "The alliance").actor_id == "igo:NATO"
    without = actors_of("Parties met on Thursday to talk about a coalition.\n\nThe alliance said it would "
                        "field joint candidates in the spring election.\n", config)
    assert not [m for m in without if m.text == "The alliance"]


def test_groups_are_rebels(config: Config) -> None:
    text = (
        "Fighting flares in Karabakh\n\n"
        "Armenian separatists said their positions came under fire. Armenia-backed separatists had "
        "controlled the area since the 1990s, and the de facto authorities in Nagorno-Karabakh "
        "appealed for a ceasefire.\n"
    )
    ms = actors_of(text, config)
    groups = [m for m in ms if m.kind == "group"]
    assert {m.sector for m in groups} == {"REB"} and len(groups) == 3
    assert find(ms, "Armenian separatists").country == "ARM"
    assert "Nagorno-Karabakh" in find(ms, "the de facto authorities").actor_name


def test_gazetteer_fixes_ner_labels(config: Config) -> None:
    text = ("Refugees return to Karabakh\n\nMore than a thousand Azerbaijanis returned to Karabakh this "
            "month, officials in Baku said, and Azerbaijan promised housing for the returnees.\n")
    doc = prepare(RawInput(source="t.txt", fmt="txt", content=text.encode()), config.ingest)
    assert isinstance(doc, Document)
    labels = {(m.text, m.label) for m in annotate_batch([doc], config.annotate)[0].mentions}
    assert ("Karabakh", "PERSON") not in labels and ("Karabakh", "GPE") in labels
    assert ("Azerbaijanis", "NORP") in labels
    assert ("Azerbaijan", "GPE") in labels


def test_a_leaders_forces_or_government_are_the_states_and_a_rebels_are_not(config: Config) -> None:
    text = ("Siege of the port\n\nPresident Yoweri Museveni's government recalled its envoy on Friday. "
            "Gaddafi's forces shelled the port again, and rebel commander Sultani Makenga's forces held the hills.\n")
    ms = actors_of(text, config)
    government = find(ms, "President Yoweri Museveni's government")
    assert (government.actor_id, government.rule) == ("gov:UGA", "leader_possessive")
    assert (find(ms, "Gaddafi's forces").country, find(ms, "Gaddafi's forces").sector) == ("LBY", "MIL")
    assert not [m for m in ms if m.rule == "leader_possessive" and "Makenga" in m.text]


@pytest.mark.parametrize(("published", "code"), [("2017-10-30", "opp:KEN"), ("2010-03-01", "pty:KEN")])
def test_a_politicians_party_is_the_opposition_or_the_ruling_party_of_their_state(
        config: Config, published: str, code: str) -> None:
    """"Odinga's party" in opposition (2017) and while he was prime minister (2010): the knowledge base's role
    on the publication date decides."""
    record = json.dumps({"text": "In Kisumu, Raila Odinga's party called the count a fraud and vowed to go to court.",
                         "published": published})
    party = find(annotate_text(record, config, fmt="json").mentions, "Raila Odinga's party")
    assert (party.actor_id, party.rule) == (code, "leader_party")


def test_a_preposition_is_no_title_before_a_name(config: Config) -> None:
    # "in" was a title word because "editor-in-chief" holds it: "in Goma" made Goma a titled person.
    ms = actors_of("Heavy fighting\n\nFighting raged in Goma on Sunday.\n", config)
    assert not [m for m in ms if m.text == "Goma" and m.kind == "person"]
    editor = find(actors_of("Press freedom\n\nEditor-in-chief Jane Mwangi was arrested in Nairobi.\n", config),
                  "Jane Mwangi")
    assert editor.kind == "person"


def test_a_town_named_for_another_state_places_its_actors_in_its_own(config: Config) -> None:
    text = ("Bank raid in the south\n\nGunmen robbed a bank in Benin City on Tuesday, and police in Jersey City "
            "said the same gang had struck there in May.\n")
    mentions = actors_of(text, config)
    assert (find(mentions, "Gunmen").country, find(mentions, "police").country) == ("NGA", "USA")
    assert (load_gazetteer().country("Benin City"), load_gazetteer().country("Benin")) == ("NGA", "BEN")


def test_a_town_listed_for_a_state_it_is_not_in_is_refused_at_load() -> None:
    from newsledger.pipeline.gazetteer import _towns
    with pytest.raises(KnowledgeError, match="towns_named_for_states"):
        _towns({"towns_named_for_states": {"Benin City": "BEN"}}, {"BEN", "NGA"})


def test_bracketed_insertion_names_a_person(config: Config) -> None:
    text = ("Envoy praises talks\n\nThe envoy said: \"I welcome your dialogue with the president of Armenia "
            "[Serzh Sargsyan] and hope it continues.\" He [Sargsyan] had proposed the meeting.\n")
    ms = actors_of(text, config)
    named = find(ms, "Serzh Sargsyan")
    assert (named.actor_id, named.country, named.sector) == ("person:serzh sargsyan", "ARM", "GOV")
    assert named.role == "president of Armenia"
    assert find(ms, "He").actor_id == "person:serzh sargsyan"


def test_the_head_noun_says_whether_a_phrase_is_a_person_a_group_a_body_or_the_state(config: Config) -> None:
    text = ("Talks stall in Geneva\n\n"
            "A Georgian diplomat said the talks had stalled. Georgian officials blamed the other side, "
            "and Moldova's parliament voted to send observers. The Moldovan government said it would "
            "pay for the mission, while Ukrainian sailors were still held in port.\n")
    ms = actors_of(text, config)
    assert find(ms, "Georgian diplomat").kind == "person"
    assert find(ms, "Georgian officials").kind == "group"
    assert find(ms, "Moldova's parliament").kind == "organisation"
    assert find(ms, "Moldovan government").kind == "state"
    assert find(ms, "Ukrainian sailors").kind == "group"


def test_possessives_name_the_institution_of_the_state_they_mean(config: Config) -> None:
    text = (
        "Offensive in the north\n\n"
        "Ethiopia launched an offensive against the rebels on Monday. Its forces shelled two towns "
        "overnight. Prime Minister Imran Khan said his government would send no troops. Donors pledged "
        "to help Somalia rebuild its army. The Tigrayan rebels said their forces had pulled back, and "
        "NATO said its forces in Kosovo would stay. Rebel commander Sultani Makenga said his forces "
        "would hold Goma.\n"
    )
    ms = actors_of(text, config)
    assert (find(ms, "Its forces").country, find(ms, "Its forces").sector) == ("ETH", "MIL")
    assert (find(ms, "his government").country, find(ms, "his government").sector) == ("PAK", "GOV")
    assert (find(ms, "its army").country, find(ms, "its army").rule) == ("SOM", "possessive")
    # An armed group's own forces, as a subject, are that group: "The Tigrayan rebels said their forces ...".
    rebels = find(ms, "The Tigrayan rebels")
    assert (find(ms, "their forces").actor_id, find(ms, "their forces").rule) == (rebels.actor_id, "possessive")
    # A body that is no state or armed group (NATO), or a person's "his": whose forces these are is not guessed.
    assert not [m for m in ms if m.text in ("its forces", "his forces") and m.rule == "possessive"]


def test_an_armed_groups_forces_as_an_object_are_not_guessed(config: Config) -> None:
    text = ("Border clashes\n\nThe Karen rebels said Myanmar's army had shelled their fighters in the hills "
            "for a week. Hezbollah said its fighters had fired rockets at an Israeli base.\n")
    ms = actors_of(text, config)
    assert find(ms, "its fighters").actor_id == find(ms, "Hezbollah").actor_id
    assert not [m for m in ms if m.text == "their fighters" and m.rule == "possessive"]


def test_places_things_and_portfolios_named_like_organisations_are_no_actors(config: Config) -> None:
    text = (
        "Shipping resumes\n\n"
        "Tankers crossed the Sea of Azov on Friday, and the Azov regiment said it had withdrawn. "
        "Trucks will use the Cabinda exclave road, and the Lobito Route for Regional Trade and "
        "Prosperity will open in May. Deputy Secretary of State for Consular Affairs Maria Lindqvist "
        "met the Zambian Defence Force. The rebels withdrew from the Kilinochchi and Mullaitivu "
        "districts. Crowds danced in the streets of Nairobi, and Kampala called it the Northern "
        "corridor. Under the deal, their armed units are to be disbanded.\n"
    )
    ms = actors_of(text, config)
    # The regiment is an actor; the sea named after the same word is not.
    assert [m.start for m in ms if m.text == "Azov"] == [text.index("Azov regiment")]
    assert not [m for m in ms if "Route" in m.text or "exclave" in m.text or m.text.startswith("State")]
    assert not [m for m in ms if m.text == "Mullaitivu"]  # a district the NER takes for a person
    assert not [m for m in ms if m.text in ("Nairobi", "Northern") or m.actor_name == "unidentified armed men"]
    assert find(ms, "Kampala").country == "UGA"  # the capital that speaks is still its government
    assert find(ms, "Maria Lindqvist").kind == "person"
    force = find(ms, "the Zambian Defence Force")  # a body whose name holds a state's: not the state
    assert (force.country, force.sector, force.rule) == ("ZMB", "MIL", "institution")


def test_the_wire_credit_of_a_dateline_is_no_actor(config: Config) -> None:
    text = (
        "Talks resume\n\n"
        "MAPUTO (Savanna Press Agency) -- Mozambique's government resumed talks with the rebels on "
        "Monday.\n"
    )
    ms = actors_of(text, config)
    assert not [m for m in ms if m.text == "Savanna Press Agency"]
    assert find(ms, "Mozambique's government").country == "MOZ"


def test_a_piece_of_a_hyphenated_name_is_no_actor(config: Config) -> None:
    """The "AU" of a capital's dateline is no African Union; one hyphen joins the body to a word of its own."""
    text = ("Troops patrol the capital\n\nPORT-AU-PRINCE, Feb 7 (Wire) - Police arrested 20 people on Sunday. "
            "The AU-led mission in Somalia will stay until July, the AU said.")
    ms = actors_of(text, config)
    assert [m.start for m in ms if m.actor_id == "igo:AU"] == [text.index("AU-led"), text.rindex("AU said")]


def test_what_someone_is_called_is_no_actor(config: Config) -> None:
    text = (
        "Ban upheld\n\n"
        "Ankara says Stockholm must act against groups it regards as terrorists. Such groups, "
        "including the rebels, were excluded, and Somali officials branded the gunmen bandits.\n"
    )
    ms = actors_of(text, config)
    assert not [m for m in ms if m.text in ("terrorists", "bandits")]
    assert find(ms, "the rebels").sector == "REB"  # a group the sentence names is still one


def test_a_list_of_titled_people_gives_each_their_own_title(config: Config) -> None:
    # The example corpus's Vienna report: the parser makes the list after the colon hang on "Group",
    # so the phrase before the last name held the others' titles (and "U.S." made Desir American).
    text = (
        "Leaders meet in Vienna\n\n"
        "Armenian President Serzh Sarkisian and Azerbaijani President Ilham Aliyev met in the Austrian "
        "capital with the foreign ministers of the three countries that co-chair the OSCE Minsk Group: "
        "U.S. Secretary of State John Kerry, Russian Foreign Minister Sergey Lavrov, and French State "
        "Secretary for European Affairs Harlem Desir.\n\n"
        "German State Secretary Markus Ederer joined them on Tuesday.\n"
    )
    ms = actors_of(text, config)
    assert find(ms, "Markus Ederer").country == "DEU"
    assert not [m for m in ms if m.text == "State"]  # the NER's ORG inside a title is no organisation
    assert [(find(ms, n).country, find(ms, n).rule) for n in ("John Kerry", "Sergey Lavrov", "Harlem Desir")] == [
        ("USA", "title"), ("RUS", "title"), ("FRA", "title")]
    assert find(ms, "Harlem Desir").role == "French State Secretary for European Affairs"


def test_states_of_the_past_keep_their_own_codes_and_names(config: Config) -> None:
    text = ("Yugoslav forces shelled the village of Izbica on Friday, and the Soviet Union condemned the attack. "
            "East German border guards shot a man trying to cross the wall. Yugoslavia rejected the demand.")
    mentions = actors_of(text, config)
    assert (find(mentions, "Yugoslav forces").country, find(mentions, "Yugoslav forces").sector) == ("YUG", "MIL")
    assert find(mentions, "East German border guards").country == "DDR"
    assert find(mentions, "Yugoslavia").actor_id == "state:YUG"
    gaz = load_gazetteer()
    assert [gaz.country_name(iso) for iso in ("SUN", "YUG", "DDR", "COD")] == [
        "Soviet Union", "Yugoslavia", "East Germany", "DR Congo"]


@pytest.mark.parametrize(("published", "moscow", "belgrade", "prague"), [
    ("1984-11-20", "gov:SUN", "gov:YUG", "gov:CSK"),
    ("1999-04-02", "gov:RUS", "gov:YUG", "gov:CZE"),
    ("2012-06-14", "gov:RUS", "gov:SRB", "gov:CZE"),
    (None, "gov:RUS", "gov:SRB", "gov:CZE"),
])
def test_a_capital_acts_for_the_state_it_was_the_seat_of_on_the_day(
        config: Config, published: str | None, moscow: str, belgrade: str, prague: str) -> None:
    text = ("Moscow protested to Belgrade over the expulsion of its trade attache, and Prague summoned the Yugoslav "
            "ambassador on Monday.")
    record = json.dumps({"text": text, "published": published})
    states = {m.text: m.actor_id for m in annotate_text(record, config, fmt="json").mentions if m.rule == "metonymy"}
    assert (states["Moscow"], states["Belgrade"], states["Prague"]) == (moscow, belgrade, prague)


def test_older_english_names_of_capitals_act_for_their_states(config: Config) -> None:
    text = "Dacca protested to Djakarta on Friday, and Tananarive recalled its envoy."
    states = {m.text: m.actor_id for m in actors_of(text, config) if m.rule == "metonymy"}
    assert states == {"Dacca": "gov:BGD", "Djakarta": "gov:IDN", "Tananarive": "gov:MDG"}, states


def test_a_former_seat_must_name_a_known_state_and_the_day_it_ended() -> None:
    states = {"SUN", "YUG"}
    assert _former_seats({"former_seats": {"Moscow": ["SUN", "1991-12-26"]}}, states) == {
        "Moscow": ("SUN", "1991-12-26")}
    for bad in (["USSR", "1991-12-26"], ["SUN", "26 December 1991"], ["SUN"], "SUN"):
        with pytest.raises(KnowledgeError, match=r"\[former_seats\]: Moscow"):
            _former_seats({"former_seats": {"Moscow": bad}}, states)


def test_a_form_of_address_without_its_dot_is_no_part_of_the_name(config: Config) -> None:
    text = ("Mrs Margaret Osei, a member of the city council, asked the mayor to publish the contracts. "
            "Mrs Osei said residents had waited two years.")
    people = {m.text: m.actor_id for m in actors_of(text, config)}
    assert people["Mrs Margaret Osei"] == people["Mrs Osei"] == "person:margaret osei"


def test_a_description_that_says_whose_side_fits_no_one_of_the_other(config: Config) -> None:
    text = ("President Amadou Diallo was sworn in on Sunday. The opposition leader said he would not accept the "
            "result. Ghana's police chief said he would ban the rally.")
    mentions = annotate_text(text, config).mentions
    assert "The opposition leader" not in {m.text for m in mentions}  # none was named: not the president
    pronouns = [m.actor_id for m in mentions if m.rule == "pronoun"]
    assert pronouns == ["cop:GHA"], pronouns  # the chief's "he" is the chief; the leader's is no one known


def test_another_of_the_family_is_another_person(config: Config) -> None:
    text = ("President Hafez al-Assad buried his eldest son Basil on Saturday. Mourners expect another son, Bashar "
            "al-Assad, an eye doctor in London, to return home.")
    record = json.dumps({"text": text, "published": "1994-01-22"})
    people = {m.text: m.actor_id for m in annotate_text(record, config, fmt="json").mentions}
    assert people["Hafez al-Assad"] == "person:hafez al-assad"
    assert people["Bashar al-Assad"] == "person:bashar al-assad"
    # One the base does not know takes the family's country, and no office.
    record = json.dumps({"text": "President Hosni Mubarak met his cabinet on Tuesday. His elder son, Alaa Mubarak, "
                                 "a businessman, was not present.", "published": "2011-02-08"})
    son = find(annotate_text(record, config, fmt="json").mentions, "Alaa Mubarak")
    assert (son.actor_id, son.country, son.sector, son.rule) == ("person:alaa mubarak", "EGY", None, "family")


def test_a_government_named_by_its_leader_is_the_leaders_states(config: Config) -> None:
    text = ("President Narendra Modi spoke in Delhi on Monday. The Modi government revoked the special status of "
            "Kashmir. The Trump administration imposed new sanctions on Caracas.")
    mentions = actors_of(text, config)
    modi = find(mentions, "The Modi government")
    assert (modi.actor_id, modi.sector, modi.rule) == ("gov:IND", "GOV", "leader_government"), modi
    trump = find(mentions, "The Trump administration")  # no full name in the text: the knowledge base
    assert trump.actor_id == "gov:USA", trump


def test_the_rebels_are_the_one_armed_movement_the_article_named(config: Config) -> None:
    text = ("UNITA cut the Benguela railway again last year. On Tuesday the rebels shelled the port of Lobito, "
            "and militias loyal to the provincial governor burned a market.")
    record = json.dumps({"text": text, "published": "1986-05-01"})
    mentions = {m.text.lower(): m for m in annotate_text(record, config, fmt="json").mentions}
    assert mentions["the rebels"].actor_id == "org:unita" and mentions["the rebels"].country == "AGO"
    assert mentions["militias"].actor_id != "org:unita"  # often another side


def test_a_town_of_the_story_the_ner_took_for_a_person_is_no_person(config: Config) -> None:
    text = ("BAMAKO, Jan 28 - French and Malian troops advanced north on Monday. Islamist fighters had abandoned "
            "Timbuktu and Gao after days of air strikes, residents said, while Kidal was still held by rebels. "
            "Ibrahim Maiga, a trader, said Maiga's shop had been looted.")
    record = json.dumps({"text": text, "published": "2013-01-28"})
    people = {m.text for m in annotate_text(record, config, fmt="json").mentions if m.kind == "person"}
    assert not people & {"Gao", "Kidal", "Timbuktu"}, people
    assert "Ibrahim Maiga" in people  # a person's surname alone stays the person


def test_a_description_followed_by_a_name_is_that_person_not_the_last_one_it_fits(config: Config) -> None:
    text = ("President Jimmy Carter arrived in Islamabad on Monday. The military government's president, "
            "General Zia ul-Haq, met him at the airport.")
    record = json.dumps({"text": text, "published": "1978-01-02"})
    described = [m for m in annotate_text(record, config, fmt="json").mentions
                 if m.text.lower().startswith("the military government's president")]
    assert all(m.actor_id != "person:jimmy carter" for m in described), described
