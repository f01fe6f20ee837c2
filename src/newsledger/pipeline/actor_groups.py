"""Groups and occupations: "Armenian separatists", "the de facto authorities in X" (REB), and agent
phrases with a sector from the agents vocabulary and a country from the phrase or from where the
sentence puts the act ("A Ugandan attorney", "Shanghai authorities", "gunmen ... in Zamfara state").
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsledger.models import Mention
from newsledger.pipeline.actor_base import clean_name
from newsledger.pipeline.actor_institutions import DEMONYM_HEADS, REB_NOUNS, SETTING_SECTORS, Institutions
from newsledger.pipeline.actor_people import DESCRIPTION_FITS, TITLE_WORDS, People, one_person
from newsledger.pipeline.actor_syntax import is_locative, place_in, place_of_act
from newsledger.pipeline.agents import load_agents
from newsledger.pipeline.gazetteer import place

AGENTS = load_agents()
# Sectors of people who act where they are: gunmen, gangs, rebels, strikers, police. Their country
# may come from where the sentence places their act; a state's soldiers or officials abroad may not.
LOCAL_SECTORS = {"UAF", "CRM", "REB", "CVL", "LAB", "AGR", "REF", "MED", "EDU", "REL", "BUS", "COP"}
# Words that put a body outside the setting's state or above states ("foreign troops", "the
# council"), that name either party ("both sides", "each side"), or a body yet to be ("form a new
# government", "a state of emergency"): no setting for them.
NOT_SET = {"foreign", "international", "regional", "multinational", "allied", "coalition", "peacekeeping",
           "peacekeepers", "western", "overseas", "mercenary", "mercenaries", "neighbouring", "neighboring",
           "council", "both", "each", "either", "all", "other", "side", "party", "new", "future", "next", "state",
           "witness", "resident", "inhabitant"}  # who saw or lives there is not whose people they are
FORMING = {"form", "create", "establish", "appoint", "build"}
# Meetings: the place after someone met is where they met, not whose they are ("held talks with the rebel
# leader in Oslo", "met rebel commanders in Nairobi").
MEETING_WORDS = {"meet", "meeting", "talk", "negotiate", "negotiation", "consult", "consultation", "confer", "receive",
                 "host", "summit"}
# What an article calls the armed movement it has named ("UNITA ... the rebels"); not militias, which are often
# another side ("militias loyal to a governor"), nor words for what someone calls an enemy ("terrorists").
MOVEMENT_NOUNS = {"rebel", "guerrilla", "guerilla", "insurgent", "separatist", "secessionist", "mutineer", "fighter",
                  "militant"}
# A group named by its noun: "the rebels" are rebels and "insurgents" insurgents, not "separatists".
_PLURALS = {"insurgency": "insurgents", "militiaman": "militiamen", "mujahid": "mujahideen", "mujahideen": "mujahideen"}


def _plural(lemma: str) -> str:
    return _PLURALS.get(lemma) or (lemma if lemma.endswith("s") else lemma + "s")


def _phrased(chunk: Span) -> bool:
    """Whether a phrase's words are one of the vocabulary's phrases, which decide its sector over a head noun
    that names no sector of its own ("opposition leaders" OPP, where "leaders" alone is anyone's)."""
    return " ".join(t.lower_ for t in chunk if t.lower_ not in ("the", "a", "an")) in AGENTS.phrases


class Groups(People, Institutions):
    """Groups, occupations and descriptions of people, from noun chunks."""

    def _agent_phrase(self, chunk: Span) -> bool:
        """A group or an occupation named by what it does and where it is from: "A Ugandan attorney"
        (UGA JUD), "Shanghai authorities" (CHN GOV), "Matamoros workers" (MEX LAB), "car theft
        syndicate" (CRM). The sector comes from the agents vocabulary; the country from a demonym,
        country or city in the phrase, or from its "of"/"from"/"in" place."""
        root = chunk.root
        # A lower-case head the tagger calls a proper noun is a noun: "the Gaza health ministry".
        # "Fire from unidentified gunmen": after "from", people are a source, not a place.
        source = root.dep_ == "pobj" and root.head.lower_ == "from"
        if not (root.pos_ == "NOUN" or root.pos_ == "PROPN" and root.is_lower) or is_locative(root) and not source:
            return False  # "in Zamfara state" is where, not who
        words = [t.text for t in chunk if t.lower_ not in ("the", "a", "an")]
        sector = AGENTS.sector_of_phrase(words, [t.lemma_ for t in chunk])
        if sector is None or sector == "IGO":
            return False  # most phrases: asked before the costlier tests below
        # The NER sometimes calls a demonym a PERSON ("the Moldovan prosecutor general"), or misses it.
        demonym = {t.i for t in chunk if t.i != root.i and (
            t.ent_type_ == "PERSON" or not t.ent_type_ and t.is_title and t.dep_ in ("amod", "compound")
            and t.pos_ in ("ADJ", "PROPN")) and self.gaz.country(t.text)}
        if any(t.ent_type_ == "PERSON" and t.i not in demonym for t in chunk):
            return False  # a person is named in it
        # The place first (most phrases name none). The NER often calls a demonym or a town before
        # a noun an ORG ("Ugandan", "Matamoros"); a faith is no place ("a Catholic bishop in Nicaragua").
        clue = next((t for t in chunk if t.i != root.i and (t.ent_type_ in ("GPE", "LOC", "ORG") or t.i in demonym
                                                            or t.ent_type_ == "NORP" and t.i in self._ent_at
                                                            and self.gaz.country(self._ent_at[t.i].text))),
                    None)
        lemma = root.lemma_.lower()
        if clue is None and root.tag_ == "NNS" and lemma in AGENTS.titles and lemma not in AGENTS.nouns \
                and not _phrased(chunk):
            return False  # "the leaders", "both presidents": whose, the text says elsewhere; not "opposition leaders"
        where = clue if clue is not None else place_in(root, ("of", "from", "in"))
        if clue is None and where is not None and _met_at(root, where):
            where = None
        if where is None and sector in LOCAL_SECTORS:
            # "Unknown gunmen shot dead a village head in Zamfara state": where they acted.
            verb = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "agent" else \
                root.head if root.dep_ in ("nsubj", "nsubjpass") else None  # "were killed by gunmen"
            where = place_of_act(verb, root) if verb is not None else None
            if where is None and sector == "UAF" and not any(t.dep_ == "poss" for t in root.children):
                # "their armed units": whose they are is named, only not resolved here
                span = chunk if chunk[0].lower_ not in ("the", "a", "an") else chunk[1:]
                self._add(span, "NOM", "uaf:unidentified", "unidentified armed men", "group", None, None, "UAF",
                          None, "agent")
                return True
        if where is None:
            return self._in_setting(chunk, sector)
        if root.lower_ in DESCRIPTION_FITS and chunk[0].lower_ == "the" and self._resolve_description(chunk):
            return False  # "the Azerbaijani foreign minister" after his name: that person (``_chunk``)
        if clue is not None and clue.ent_type_ == "ORG":
            org = self._ent_at[clue.i].text
            if self.kb.find(org) or self.gaz.igo(org) or not (self.gaz.country(org) or place(org)[0]):
                return False  # a real organisation: "Shell workers" are not a place's workers
        ent = self._ent_at.get(where.i)
        name = ent.text if ent is not None else where.text
        iso = self.gaz.country(name) or self.gaz.seat(name) or self.gaz.territories.get(name) or place(name)[0]
        if iso is None:
            return False
        if clue is not None and clue.ent_type_ == "NORP" and (lemma in DEMONYM_HEADS
                                                              or any(t.lemma_.lower() in REB_NOUNS for t in chunk)):
            return False  # "Armenian troops", "the Azerbaijani government": the demonym rules below
        self._add_agent(chunk, sector, iso, "agent")
        return True

    def _in_setting(self, chunk: Span, sector: str) -> bool:
        """A state's body or people named with no place at all ("Police fired tear gas", "the
        government banned the march", "students rallied"): the state the article is set in, when
        it has one (rule ``country:setting``). Not one person ("a spokesman": whose, the text
        says elsewhere), not a phrase with an owner ("his men", "the country's leaders") or a
        word that puts it abroad ("foreign troops", "regional leaders")."""
        root = chunk.root
        lemma = root.lemma_.lower()
        if sector not in SETTING_SECTORS or one_person(root) or lemma not in AGENTS.nouns and not _phrased(chunk) \
                or lemma in NOT_SET \
                or lemma == "force" and root.tag_ == "NN":  # "the force": often a foreign mission
            return False
        if any(t.dep_ == "poss" for t in root.children) or any(t.lower_ in NOT_SET for t in chunk):
            return False
        # People or arms acted on ("boats carrying 1,400 people", "pull artillery back") may be
        # anyone's; a crowd or an army acting is the setting's ("thousands marched", "troops shelled").
        # A later conjunct belongs with the first: "Azerbaijani artillery and drones".
        acting = root.dep_ == "nsubj" or root.dep_ == "pobj" and root.head.dep_ == "agent"
        if sector in ("CVL", "MIL") and not acting or root.dep_ == "conj":
            return False
        if root.dep_ == "dobj" and root.head.lemma_ in FORMING:
            return False  # "willing to form a unity government": not yet acting
        if self.setting is None:
            return False
        self._add_agent(chunk, sector, self.setting, "country:setting")
        return True

    def _is_group(self, chunk: Span) -> bool:
        """'Armenian separatists', 'the de facto authorities'; not 'Hezbollah fighters', which are Hezbollah."""
        lemma = chunk.root.lemma_.lower()
        if not (lemma in REB_NOUNS or (lemma == "authority" and "facto" in chunk.text.lower())):
            return False  # the cheap test first: most phrases name no group
        inside = {id(e): e for t in range(chunk.start, chunk.end) if (e := self._ent_at.get(t)) is not None
                  and chunk.start <= e.start and e.end <= chunk.end}  # not Span.ents: it scans the whole doc
        return not any(self.kb.resolve(e.text, self.published, {"group", "organisation"}) for e in inside.values())

    def _named_armed_group(self) -> Mention | None:
        """The one armed movement the article has named so far (an organisation the knowledge base codes as
        rebels), which a bare "the rebels" or "the militants" then means; None when it has named none or
        several."""
        named = {m.actor_id: m for m in self.mentions if m.sector == "REB" and m.actor_id and m.kind in (
            "organisation", "group") and not m.actor_id.startswith("group:")}  # not another phrase like this one
        return next(iter(named.values())) if len(named) == 1 else None

    def _located(self, where: Token) -> str:
        """Where an "in" phrase says a group is: the place a place noun's "of" names ("rebels in the northern
        port of Durres" are Durres rebels), else the phrase's words."""
        phrase = self.sdoc[where.i + 1 : where.right_edge.i + 1]
        obj = next((o for o in where.children if o.dep_ == "pobj"), None)
        named = next((g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                      if g.dep_ == "pobj" and g.pos_ == "PROPN"), None) \
            if obj is not None and obj.lemma_.lower() in AGENTS.place_heads else None
        return self.sdoc[named.left_edge.i : named.i + 1].text if named is not None else phrase.text

    def _chunk(self, chunk: Span) -> bool:
        """Descriptions ('the Azerbaijani president') and groups ('Armenia-backed separatists')."""
        root = chunk.root
        if any(t.ent_type_ == "PERSON" for t in chunk):
            return False
        lemma = root.lemma_.lower()
        if self._is_group(chunk):
            # A demonym or state, else the state of a place the group is named after: "Donetsk separatists".
            iso = next((self.gaz.country(t.text) for t in chunk
                        if t.ent_type_ in ("NORP", "GPE") and self.gaz.country(t.text)), None)
            placed = None if iso else next((t for t in chunk if t.ent_type_ == "GPE" and place(t.text)[0]), None)
            backed = re.search(r"(\w+)-backed", chunk.text)
            where = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "in"), None)
            located = self._located(where) if where is not None else None
            base = _plural(lemma) if lemma != "authority" else "de facto authorities"  # "Peru rebels", not separatists
            name = " ".join(filter(None, [located or (backed.group(0) if backed else None), base]))
            # Where they fight decides over whose people they are, as PLOVER codes rebels by the
            # state they act in: "Armenian separatists in Nagorno-Karabakh" are Azerbaijan's.
            iso = (place(located)[0] if located else None) or iso or (place(placed.text)[0] if placed else None)
            bare = not (iso or backed or located or lemma == "authority" or any(
                t.dep_ == "poss" or t.lower_ in NOT_SET for t in chunk))
            if bare and lemma in MOVEMENT_NOUNS and (named := self._named_armed_group()) is not None:
                # "the rebels" after UNITA was named, the only armed movement named so far: UNITA
                self._add(chunk, "NOM", named.actor_id, named.actor_name, named.kind, named.country, named.igo,
                          named.sector, None, "group:named")
                return True
            # Rebels named by nothing else ("the rebels", "separatists") fight in the article's setting.
            set_in = self.setting if bare else None
            iso = iso or set_in
            if iso and not backed and not located:
                whose = self.gaz.country_name(iso) if set_in else \
                    (placed or next(t for t in chunk if self.gaz.country(t.text))).text
                name = f"{whose} {base}"
            self._add(chunk, "NOM", f"group:{name.lower()}", name, "group", None if backed else iso, None, "REB",
                      None, "country:setting" if set_in else "group")
            return True
        if chunk[0].lower_ != "the" or root.lower_ not in DESCRIPTION_FITS:
            return False
        person = self._resolve_description(chunk)
        appositive = next((e for c in root.children if c.dep_ == "appos" and (e := self._ent_at.get(c.i)) is not None
                           and e.label_ == "PERSON"), None)
        if person is None or appositive is not None and clean_name(appositive.text).split()[-1] not in person.name:
            return False  # "the military government's president, General Zia": the name, not the last president named
        self._add(chunk, "NOM", person.key, person.name, "person", person.country, person.igo, person.sector,
                  chunk.text, "description")
        # What the description says of them holds later too: "the minister" after "the Armenian
        # foreign minister" (who was introduced only as "his Armenian counterpart").
        person.title_words |= {t.lower_ for t in chunk if t.lower_ in TITLE_WORDS}
        self._track(person, root)
        return True


def _met_at(person: Token, where: Token) -> bool:
    """Whether a place hung on someone is where others met them: the object of a meeting ("met the rebel leader in
    Paris") or whom talks were held with ("talks with rebel commanders in Nairobi"), the place after "in" or "at"."""
    prep = where.head if where.dep_ == "pobj" else where.head.head
    if prep.lower_ not in ("in", "at"):
        return False
    held = person.head.head if person.dep_ == "pobj" and person.head.lower_ == "with" else \
        person.head if person.dep_ == "dobj" else None
    return held is not None and held.lemma_.lower() in MEETING_WORDS
