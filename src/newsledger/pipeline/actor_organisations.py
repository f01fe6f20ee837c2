"""Organisations the knowledge base does not know, and names that hold a state's without being it.

An organisation whose name holds a state's name keeps that state as its country and takes the
sector its head noun signals in the agents vocabulary ("the Bank of Ghana" GHA BUS, "the Uganda
Wildlife Authority" UGA GOV, "Radio Rwanda" RWA JRN), or none; a name that is only the state and
a body's noun is that state's body ("the Zambian Defence Force": Zambia's military). The gazetteer's
ruler marks state names before the NER runs, which splits such names ("The Bank of" | "Ghana"):
``_named`` makes them whole again, so that no part of one is read as the state acting.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsledger.models import Mention
from newsledger.pipeline.actor_base import clean_name
from newsledger.pipeline.actor_institutions import Institutions
from newsledger.pipeline.agents import load_agents
from newsledger.pipeline.gazetteer import place

AGENTS = load_agents()
# A state's civil bodies, which a name holding no state's is the body of the state the article is set in
# ("the Constitutional Court", "the Interior Ministry"). Not an armed one: "the Navy", "the Marines" in a
# story set where they landed are as often another state's.
CIVIL_SECTORS = frozenset({"GOV", "LEG", "JUD", "COP"})
MEDIA = {"Tass", "TASS", "Xinhua", "Reuters", "AFP", "AP", "RIA Novosti", "Interfax", "Anadolu", "APA", "Trend"}


class Organisations(Institutions):
    """Organisations by name: a news agency, a state's body, or one of their own."""

    def _named(self) -> dict[int, Span]:
        """The document's named entities by start, with each organisation named after a state
        whole ("The Bank of" and "Ghana" -> "The Bank of Ghana", "Rwanda" -> "Radio Rwanda")."""
        named = {e.start: e for e in self.ents}
        for ent in self.ents:
            if ent.label_ in ("GPE", "NORP") and self.gaz.country(ent.text) and (whole := self._name_around(ent)):
                for start in [s for s in named if whole.start <= s < whole.end]:
                    del named[start]
                named[whole.start] = whole
        return named

    def _name_around(self, ent: Span) -> Span | None:
        """The organisation's name a state's name or demonym is part of, as an ORG span: headed by a
        capitalised noun the state's name modifies ("Kenya Airways", "the Kenyan Parliament") or
        governs with "of" ("the Bank of Ghana"), or by the state's name after a capitalised noun
        ("Radio Rwanda"). Only when the knowledge base knows the name or its own words signal a
        sector: not "Neighbouring Rwanda", "Jordan Peterson"; never a title ("the President of
        Ghana", "French State Secretary") or a phrase holding another kind of entity."""
        head = ent.root
        while head.dep_ in ("compound", "amod", "nmod") and _in_name(head.head) or (
                head.dep_ == "pobj" and head.head.lower_ == "of" and _in_name(head.head.head)):
            head = head.head if head.dep_ != "pobj" else head.head.head
        tokens = sorted(_name_tokens(head), key=lambda t: t.i)
        if ent.start <= head.i < ent.end:  # the state's name heads it: only capitalised nouns before it
            tokens = [t for t in tokens if t.i >= ent.start or t.dep_ == "compound" and t.pos_ == "PROPN"]
        start, end = tokens[0].i, tokens[-1].i + 1
        if [t.i for t in tokens] != list(range(start, end)) or (start, end) == (ent.start, ent.end):
            return None
        if start > 0 and self.sdoc[start - 1].lower_ == "the" and start - 1 in self._ent_at:
            start -= 1  # the NER's part began with it: "The Bank of"
        inside = {e for i in range(start, end) if (e := self._ent_at.get(i)) is not None}
        if any(e.start < start or e.end > end or e.label_ not in ("GPE", "NORP", "ORG") for e in inside):
            return None
        whole = Span(self.sdoc, start, end, label="ORG")
        words = [t.lower_ for t in whole]
        if any(" ".join(words[-n:]) in AGENTS.titles for n in range(1, min(len(words), AGENTS.title_words) + 1)):
            return None  # a person's title: "French State Secretary"
        return whole if self.kb.find(clean_name(whole.text)) or self._sector(whole) else None

    def _organisation(self, ent: Span, text: str) -> None:
        """An organisation no entry knows: a news agency (JRN); a state's ministry, military or other
        body named by the state and the body's noun: that state's institution; a civil body named by its
        noun alone: the body of the state the article is set in; else one of its own, with the state its
        name holds as its country and the sector its words signal, or none."""
        text = re.sub(r"\s+Photo$", "", text)
        if any(c in text for c in "'\"/"):
            return  # crossheads in quotes, photo credits "Xinhua/Name": NER noise
        if text in MEDIA:
            self._add(ent, "ORG", f"org:{text.lower()}", text, "organisation", None, None, "JRN", None, "media")
            return
        if (named := self._named_before(clean_name(text), ent.start_char)) is not None:
            self._add(ent, "ORG", named.actor_id, named.actor_name, named.kind, named.country, named.igo, named.sector,
                      None, "short_name")  # "the Tigers" after the Tamil Tigers, "FLQ" after its full name
            return
        lowered = text.lower()
        iso = next((self.gaz.country(w) for w in re.findall(r"[A-Z][\w.]+", text) if self.gaz.country(w)),
                   None) or self.gaz.country(text)  # a state of several words: "South African Airways"
        sector = self._sector(ent)
        if iso and "ministry" in lowered:
            self._add(ent, "ORG", f"gov:{iso}", self._gov(iso), "state", iso, None, "GOV", None, "ministry")
        elif iso and re.search(r"\b(armed forces|army|navy|military)\b", lowered):
            self._add(ent, "ORG", f"mil:{iso}", self._mil(iso), "organisation", iso, None, "MIL", None, "military")
        elif iso and self._names_a_body(ent, sector) and self._add_institution(ent, ent.root, iso, "institution"):
            return  # "the Zambian Defence Force", "the Kenyan Parliament"
        elif iso is None and sector in CIVIL_SECTORS and (self._names_a_body(ent, sector) or "ministry" in lowered) \
                and self.setting is not None:
            self._add_agent(ent, sector, self.setting, "country:setting")  # "the Supreme Court", "Congress"
        elif text not in self.gaz.territories and not (sector is None and iso is None and place(text)[0]):
            # Not a city the NER took for an organisation: "fighting spread to Port Said".
            name = clean_name(text)
            self._add(ent, "ORG", f"org:{name.lower()}", name, "organisation", iso, None, sector, None,
                      "organisation")

    def _named_before(self, name: str, before: int) -> Mention | None:
        """The body named earlier in the document that ``name`` is a short form of: its last words ("Tigers",
        "the Brotherhood"), its head before "of" or "for" ("State Committee" for the State Committee for the
        State of Emergency), or its initials ("FLQ" for the Front de Liberation du Quebec)."""
        words = name.split()
        for mention in reversed(self.mentions):
            if mention.actor_id is None or mention.kind == "person" or mention.start >= before:
                continue
            for full in dict.fromkeys((clean_name(mention.text), mention.actor_name or "")):
                whole = full.split()
                if len(whole) <= len(words):
                    continue
                head = next((i for i, w in enumerate(whole) if w in ("of", "for")), len(whole))
                initials = "".join(w[0] for w in whole if w[:1].isupper())
                if whole[-len(words):] == words or whole[:head] == words or name.isupper() and name == initials:
                    return mention
        return None

    def _own_words(self, span: Span) -> list[Token]:
        """A name's words besides the states and demonyms it holds (longest first: "Sierra Leone"
        in "the Sierra Leone Police") and its function words."""
        states: set[int] = set()
        for n in range(min(len(span), 4), 0, -1):
            for a in range(len(span) - n + 1):
                window = span[a : a + n]
                if not states & {t.i for t in window} and (self.gaz.state(window.text)
                                                           or window.text in self.gaz.demonyms):
                    states |= {t.i for t in window}
        return [t for t in span if t.i not in states and t.lower_ not in ("the", "of", "'s", "and")]

    def _sector(self, span: Span) -> str | None:
        """The sector a name's own words signal, read up to its head: "the Central Bank of Nigeria"
        is a central bank (GOV), "Radio Rwanda" a broadcaster (JRN), "Air India" nothing known."""
        own = self._own_words(span)
        head = [t for t in own if t.i <= span.root.i] or own
        return AGENTS.sector_of_phrase([t.text for t in head], [t.lemma_ for t in head]) if head else None

    def _names_a_body(self, span: Span, sector: str | None) -> bool:
        """Whether a name is only a state and one of its bodies: its own words are the head noun or
        a phrase of the vocabulary with the head noun's sector ("Parliament", "Defence Force"; not
        "Police Force", whose head says MIL and whose phrase COP; not "Wildlife Authority")."""
        own = self._own_words(span)
        phrase = " ".join(t.lower_ for t in own)
        return span.root in own and (len(own) == 1 or phrase in AGENTS.phrases) \
            and sector is not None and AGENTS.nouns.get(span.root.lemma_.lower()) == sector


def _in_name(tok: Token) -> bool:
    """A capitalised noun that can head or extend an organisation's name; not a title ("President")."""
    return tok.pos_ == "PROPN" and (tok.is_title or tok.is_upper) and tok.lower_ not in AGENTS.titles


def _name_tokens(head: Token) -> list[Token]:
    """A proper name's tokens under its head: capitalised modifiers before it, and "of" phrases
    after it ("Central Bank of Nigeria"); a leading "the" is left out."""
    found = [head]
    for child in head.children:
        before = child.i < head.i and child.dep_ in ("compound", "amod", "nmod") and (
            _in_name(child) or child.ent_type_ in ("GPE", "NORP"))
        of = child.i > head.i and child.dep_ == "prep" and child.lower_ == "of" or (
            head.lower_ == "of" and child.dep_ == "pobj" and (_in_name(child) or child.ent_type_ == "GPE"))
        if before or of:
            found += _name_tokens(child)
    return found
