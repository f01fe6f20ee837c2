"""Named entities: persons, international bodies, seats of power acting ("Baku said"), breakaway
entities, states acting as their government (only a whole state name: "the Russian Federation",
not "the Bank of Ghana"), regions acting, knowledge-base organisations and other organisations
(``actor_organisations``); and what looks like one but is a place or a portfolio.
"""

from __future__ import annotations

from functools import cached_property

from spacy.tokens import Span, Token

from newsledger.pipeline.actor_base import clean_name
from newsledger.pipeline.actor_institutions import ARMED_SECTORS
from newsledger.pipeline.actor_organisations import Organisations
from newsledger.pipeline.actor_people import People
from newsledger.pipeline.actor_syntax import governed_by, is_locative, place_head
from newsledger.pipeline.agents import load_agents
from newsledger.pipeline.gazetteer import place
from newsledger.pipeline.knowledge import Resolution, key

AGENTS = load_agents()
DASHES = ("-", "--", "—", "–")


class Entities(People, Organisations):
    """What a named entity refers to, by its label and the gazetteer."""

    def _in_dateline(self, ent: Span) -> bool:
        """Whether a name is within a dateline ("PAZ" of "LA PAZ, Jun 3 (Wire) -", which the NER splits)."""
        dateline = self.datelines.get(self.sents.of(ent).start_char)
        return dateline is not None and ent.start_char < dateline.end

    def _is_dateline(self, ent: Span) -> bool:
        """'VIENNA, May 17 (Meridian) --' names where the story was filed and who filed it, not actors."""
        if self._in_dateline(ent):
            return True
        at_start = ent.start == self.sents.of(ent).start or self.sdoc[ent.start - 1].is_space
        if at_start and ent.end < len(self.sdoc) and self.sdoc[ent.end].text in (",", "(", "/", "--", "-"):
            # A dateline the pattern missed has its dash close by, and capitals or a date: not "Washington,
            # meanwhile, urged ..." or "Hezbollah, which controls the south, denied ...".
            near = self.sdoc[ent.end : min(ent.end + 10, self.sents.of(ent).end)]
            marked = ent.text.isupper() or self.sdoc[ent.end].text in DASHES or any(t.ent_type_ == "DATE" for t in near)
            if marked and any(t.text in DASHES for t in near):
                return True
        after = self.sdoc[ent.end : ent.end + 2]
        return ent.start > 0 and self.sdoc[ent.start - 1].text == "(" and len(after) == 2 \
            and after[0].text == ")" and after[1].text in DASHES  # the credit: "(Meridian) --"

    def _hyphen_piece(self, ent: Span) -> bool:
        """Whether a name is joined by hyphens on both sides ("AU" in "PORT-AU-PRINCE"), a piece of a longer name;
        one hyphen joins a name to a word of its own ("the AU-led force")."""
        hyphen, after = ent.start - 1, ent.end
        return ent.start >= 2 and after < len(self.sdoc) and self.sdoc[hyphen].text == "-" == self.sdoc[after].text \
            and not (self.sdoc[hyphen - 1].whitespace_ or self.sdoc[hyphen].whitespace_ or ent[-1].whitespace_)

    def _entity(self, ent: Span, surnames: set[str]) -> None:
        text = clean_name(ent.text)
        label = ent.label_
        if governed_by(ent, AGENTS.place_heads, ("of",)):
            return  # "the Sea of Azov": a place, though "Azov" is also a regiment's name
        if self._hyphen_piece(ent):
            return  # "AU" of "PORT-AU-PRINCE": a piece of a hyphenated name, not the African Union
        # NER errors: a known surname tagged ORG/NORP/GPE is the person ("Aliyev" as ORG).
        if label != "PERSON" and text in surnames:
            label = "PERSON"
        if label == "PERSON" and (self.gaz.seat(text) or self.gaz.state(text) or text in self.gaz.territories):
            label = "GPE"  # "Baku", "Karabakh" tagged PERSON
        known = self.kb.resolve(text, self.published, {"group", "organisation"})
        if known is not None and label in ("ORG", "NORP", "PERSON", "GPE", "FAC") and not self._is_dateline(ent):
            self._known(ent, label, known)
            return
        if label != "PERSON" and len(text.split()) >= 2 and self.kb.resolve(text, self.published, {"person"}):
            label = "PERSON"  # a known person's full name the NER called something else
        if label == "PERSON" and len(ent) <= 2 and text not in surnames and self._names_a_place(ent):
            return  # "the Kalbajar and Agdam districts", "talks in Khojaly", "Gao" in Mali: places, not people
        if label == "PERSON":
            if not self._in_dateline(ent):  # "Mendoza, now a senator, said" opens a sentence as a dateline does
                self._person(ent, label)
            return
        if igo := self.gaz.igo(text):
            self._add(ent, label, f"igo:{igo}", igo, "organisation", None, igo, "IGO", None, "igo")
            return
        if label in ("GPE", "LOC", "FAC", "ORG", "NORP") and (seat := self.gaz.seat(text, self.published)):
            if not is_locative(ent.root) and ent.root.dep_ not in ("compound", "amod", "nmod") \
                    and not self._is_dateline(ent):
                self._add(ent, label, f"gov:{seat}", self._gov(seat), "state", seat, None, "GOV", None, "metonymy")
            return
        if label in ("GPE", "ORG", "NORP") and (iso := self.gaz.breakaway.get(text)):
            if not is_locative(ent.root) and ent.root.dep_ not in ("compound", "amod", "npadvmod"):
                self._add(ent, label, f"pre:{key(text)}", f"{text} (de facto authorities)", "state", iso, None,
                          "GOV", None, "breakaway")  # PLOVER: the claiming state's code, a PRE entity
            return
        # A state acting is its government (PLOVER's GOV), as its capital is; the NER often calls
        # one an ORG ("the Russian Federation", "the DPRK") or a NORP ("the Soviet Union"; not a people,
        # which ends in its people's word: "Israelis", "a Turkish Cypriot official"). Only a whole state name
        # is the state: "the Bank of Ghana" is an organisation of Ghana (``_organisation``).
        # A people's word of two ("South Korean", "East German") is not the state's name either.
        demonym = text.split()[-1] in self.gaz.demonyms or text in self.gaz.demonyms and text not in self.gaz.countries
        named = label in ("GPE", "ORG") or label == "NORP" and " " in text and not demonym
        if named and text not in self.gaz.territories and (iso := self.gaz.state(text)):
            if ent.root.dep_ == "poss" and self._institution(ent, iso):
                return
            if not is_locative(ent.root) and ent.root.dep_ not in ("compound", "amod", "npadvmod"):
                self._add(ent, label, f"state:{iso}", self.gaz.country_name(iso), "state", iso, None, "GOV", None,
                          "state")
            return
        if label in ("GPE", "ORG") and (iso := self.gaz.region(text)) and not is_locative(ent.root) \
                and ent.root.dep_ in ("nsubj", "nsubjpass", "agent", "conj") and not self._is_dateline(ent):
            # "Puntland said", "Texas sued": a region acting through its own authorities.
            name = f"{clean_name(text)} (regional authorities)"
            self._add(ent, label, f"region:{key(text)}", name, "state", iso, None, "GOV", None, "region")
            return
        if label == "NORP":
            self._norp(ent)
            return
        if label == "ORG" and not self._is_dateline(ent) and place_head(ent.root) is None \
                and not governed_by(ent, AGENTS.office_heads, ("of", "for")) and not _in_title(ent):
            self._organisation(ent, text)  # not "the Trump Route", "the Zangezur corridor", "Secretary of State"

    def _names_a_place(self, ent: Span) -> bool:
        """A name that no title or knowledge-base entry makes a person and that stands where a place does (one
        word after "in", or before a place noun: "the Kalbajar, Agdam and Lachin districts"), or that the
        gazetteer knows as a town of a state the article names ("Gao" in a story from Mali, "Dire Dawa" in one
        from Ethiopia). A name with a title before it is a person wherever it stands."""
        if self._title_of(ent)[0] is not None or self.kb.resolve(ent.text, self.published, {"person"}) is not None:
            return False
        if len(ent) == 1 and (is_locative(ent.root) or place_head(ent.root) is not None):
            return True
        iso, latitude, _ = place(clean_name(ent.text))
        return latitude is not None and iso in self._states_named

    @cached_property
    def _states_named(self) -> set[str]:
        """The states the article is set in or names, by their names, demonyms and towns."""
        return {iso for iso in (*map(self.gaz.country, self.place_words), self.setting, self._filed_from()) if iso}

    def _members_of(self, chunk: Span) -> bool:
        """People of a body the base knows who act as it (``[members]``), in the plural before its "of" or
        "from": "leaders of the Rio Group", "members of ETA"; and armed people of an armed one, as PLOVER codes
        them: "fighters of Hamas", "gunmen from the Kurdistan Workers' Party", "soldiers of the Iraqi army" (not
        unnamed rebels, gunmen or troops of the setting's state)."""
        root = chunk.root
        lemma = root.lemma_.lower()
        armed = AGENTS.nouns.get(lemma) in ("REB", "UAF", "MIL")
        if not (armed or lemma in AGENTS.members) or root.tag_ not in ("NNS", "NNPS"):
            return False
        owner = next((o for p in root.children if p.dep_ == "prep" and p.lower_ in ("of", "from")
                      for o in p.children if o.dep_ == "pobj"), None)
        # The body's name, or a name its noun carries: "the leftist ALBA bloc".
        named = [owner, *(c for c in owner.children if c.dep_ == "compound")] if owner is not None else []
        ent = next((e for t in named if (e := self._ent_at.get(t.i)) is not None), None)
        known = self.kb.resolve(clean_name(ent.text), self.published, {"group", "organisation"}) \
            if ent is not None and ent.label_ in ("ORG", "NORP", "PERSON", "GPE") else None
        if known is None or armed and known.sector not in ARMED_SECTORS:
            return False
        self._known(chunk, "NOM", known, "members_of")
        return True

    def _unmarked_body(self, tok: Token) -> None:
        """A one-word name of a group or organisation the base knows that the NER did not mark ("the Houthis
        launched ..."): the ruler sets only names no English word can be, so single words are read here, where
        the parser calls them proper nouns."""
        if not (tok.is_title and tok.pos_ == "PROPN") or tok.i in self._ent_at or any(
                n.is_title and n.pos_ == "PROPN" for n in self.sdoc[max(tok.i - 1, 0) : tok.i + 2] if n.i != tok.i):
            return  # part of a longer name: "the Liberation Tigers", "Pension Plan", "(Nevsky Telegraph)"
        known = self.kb.resolve(tok.text, self.published, {"group", "organisation"})
        if known is not None and tok.text in (known.entry.name, *known.entry.aliases):  # "Plan" is not "PLAN"
            self._known(self.sdoc[tok.i : tok.i + 1], "ORG", known)

    def _known(self, span: Span, label: str, known: Resolution, rule: str | None = None) -> None:
        """An organisation or group of the knowledge base: "Hezbollah", "the FSB", "Quds Force"."""
        entry = known.entry
        if known.sector == "IGO" and entry.body:
            self._add(span, label, f"igo:{entry.body}", entry.body, "organisation", None, entry.body, "IGO", None,
                      rule or f"kb:{entry.id}")
            return
        self._add(span, label, f"org:{entry.id}", entry.name, entry.kind, known.country, None, known.sector, None,
                  rule or f"kb:{entry.id}")


def _in_title(ent: Span) -> bool:
    """A word the NER took for an organisation that is part of a title with the noun it modifies:
    "State" in "German State Secretary Markus Ederer" ("Microsoft chairman" is no title: kept)."""
    head = ent.root.head
    return ent.root.dep_ == "compound" and head.i == ent.end and f"{ent.text.lower()} {head.lower_}" in AGENTS.titles
