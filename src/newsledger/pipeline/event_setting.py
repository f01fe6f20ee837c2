"""When and where an event happened, by its sentence, for the events stage (``pipeline/events.py``).

The date is the nearest date phrase of the trigger's clause, resolved against the publication
date: before it, unless the act is still to come ("will resign on Wednesday" is the next
Wednesday), and never the dateline's own date ("LA PAZ, Nov 11 - Morales resigned on Sunday");
"that night" and "the following day" are told by the last date the text gave before them.
The place is the nearest named place the act is set in, said in the act's own clause: a place the
act happens "in", "at", "through", "across" ... ("marched through Soweto"), the place an attack,
a seizure or a flight is done to ("seized Kuwait City", "Palma was attacked", "took control of
Kirkuk", "the capture of Shusha"), the town a place noun names ("the town of Palma"), and "here",
which is the dateline's place (a dateline is where a report was filed, not where its acts
happened, so it places nothing else). Hand-written: no library reads an act's setting from a parse.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsledger.dates import is_anaphor, is_duration, resolve_anaphor, resolve_date
from newsledger.models import Mention
from newsledger.pipeline.event_participants import Participants, objects_of
from newsledger.pipeline.event_trigger import AGENTS, Trigger, noun_lemma, phrasal_key
from newsledger.pipeline.gazetteer import capital_of, load_gazetteer, place

# Dependencies that stay within a verb's clause, down to the words a place may hang from.
CLAUSE_PARTS = frozenset({"acomp", "advmod", "agent", "amod", "appos", "attr", "compound", "dative", "dobj", "nmod",
                          "npadvmod", "nsubjpass", "oprd", "pobj", "poss", "prep", "prt"})
# Nouns of the date phrases that tell a date by an earlier one ("that night"), which NER often leaves out.
ANAPHOR_HEADS = frozenset({"afternoon", "day", "evening", "month", "morning", "night", "year"})
Place = tuple[str | None, str | None, float | None, float | None]  # name, ISO3, latitude, longitude
# Prepositions whose object is the premises an act is done to: "set fire to police stations", "fired into the
# building".
PREMISES_PREPS = frozenset({"at", "into", "on", "to"})
# Entity labels a place may carry: the recogniser sometimes calls a city an organisation.
PLACE_LABELS = ("GPE", "LOC", "ORG")


class Setting(Participants):
    """Date and place of a document's events."""

    def _when(self, verb: Token, ahead: bool) -> tuple[str | None, str, str | None]:
        """(date, precision, the phrase); ``ahead`` when the act is still to come."""
        for ent in self._near(verb, ("DATE", "TIME")):
            anaphor = is_anaphor(ent.text)
            if self._describes_something_else(ent, verb) or self._in_dateline(ent) or (
                    ent.label_ == "TIME" and not anaphor):
                continue
            if anaphor:  # "that night", "the following day": by the date told before
                before = self._date_before(ent)
                date, precision = resolve_anaphor(ent.text, before) if before else (None, "unknown")
            else:
                # Only a date inside the act's own clause is when it is to come: in "announced on
                # Thursday that it would send police", Thursday is the announcement's.
                date, precision = resolve_date(ent.text, self.published, ahead and verb in ent.root.ancestors)
            if date is not None or not is_duration(ent.text):
                return date, precision, ent.text
            # "had held them for 444 days on Tuesday": how long is not when; the next phrase may say
        if not any(t.lemma_ in ANAPHOR_HEADS for t in self.sents.of(verb)):
            return None, "unknown", None
        for i in sorted(self._clause(verb)):  # "that night", "the following day", which NER often misses
            head = self.sdoc[i]
            phrase = self.sdoc[head.left_edge.i : i + 1]
            if head.lemma_ in ANAPHOR_HEADS and is_anaphor(phrase.text) and (before := self._date_before(phrase)):
                date, precision = resolve_anaphor(phrase.text, before)
                return date, precision, phrase.text
        return None, "unknown", None

    def _date_before(self, ent: Span) -> str | None:
        """The last date the text gave before ``ent`` (not the dateline's), which "that day" means."""
        for other in reversed([e for e in self.sdoc.ents if e.end <= ent.start and e.label_ == "DATE"]):
            if not self._in_dateline(other) and not is_anaphor(other.text) and (
                    date := resolve_date(other.text, self.published)[0]) is not None:
                return date
        return None

    def _implied_target(self, trig: Trigger, sources: list[Mention], targets: list[Mention],
                        country: str | None) -> tuple[list[Mention], str]:
        """Targets a state takes in an event that names no one there, by the act's place (``country``), and
        the suffix its rule gets: a protest's target, premises' owner, the land a withdrawal leaves. Never a doer:
        the PLOVER manual leaves an act with no named actor uncoded ("4 people were arrested")."""
        coding = {trig.event_type, f"{trig.event_type} {trig.mode}"}
        verb = trig.token
        # The withdrawal itself, or one agreed or promised: "agreed to pull back some of his forces".
        withdrawal = next((t for t in (verb, *(c for c in verb.children if c.dep_ == "xcomp"))
                           if t.lemma_.lower() in self.classes["withdrawals"]), None)
        if withdrawal is not None:  # "Israel withdrew its troops": its own forces are what it moves, not whom it leaves
            targets = [m for m in targets if not (m.rule == "possessive" and self._own(m.country or "", sources))]
        # "Chad sealed its half of the frontier", "pulled out its own envoys": a state's or a body's own
        # things, by its possessive, are no target of its act ("dissolved its parliament", another body of its
        # state, is; and a leader's "his cabinet" is the government he acts on).
        targets = [m for m in targets if not (m.rule == "possessive" and any(
            s.kind != "person" and s.country == m.country and s.sector == m.sector for s in sources))]
        if (mission := self._own_mission(verb, trig.noun)) is not None:
            # "shut its embassy in Caracas": the state's own mission is no target; the state hosting it is
            targets = [m for m in targets if not (m.rule == "possessive" and m.start <= mission.idx < m.end)]
            host = next((placed for p in mission.children if p.dep_ == "prep" and p.lower_ == "in"
                         for o in p.children if o.dep_ == "pobj" and (placed := self._placed(o)) is not None), None)
            if not targets and host is not None and not any(m.country == host[1] for m in sources):
                return [self._state(host[1], host[0], "host:place")], "+target:host"
        if not targets and withdrawal is not None and (state := self._left_state(withdrawal, sources)) is not None:
            return [state], "+target:left"  # "withdrew its troops from southern Lebanon": Lebanon
        if not targets and coding & self.rules["aimed_at_state"] and not coding & self.rules["aimless"] and (
                state := self._protested(verb, sources, country)) is not None:
            return [state], "+target:state"  # "thousands marched in Minsk": against Belarus
        if not targets and (state := self._premises_state(verb, trig.noun, sources, country)) is not None:
            return [state], "+target:premises"  # "stormed the parliament": the state's
        if not targets and coding & self.rules["territorial"] and (
                state := self._territory_state(verb, trig.noun, sources)) is not None:
            return [state], "+target:territory"  # "captured Jalalabad": Afghanistan's
        if not targets and not coding & self.rules["owned_place"] and (
                state := self._owner_state(verb, trig.noun, sources)) is not None:
            return [state], "+target:owner"  # "shelled Syrian positions": Syria
        if not targets and coding & self.rules["owner_aimed"] and (
                owner := self._pronoun_owner(verb, trig.noun, sources)) is not None:
            return [owner], "+target:his"  # "demanded his resignation": the president named before
        return targets, ""

    def _striking_state(self, noun: Token) -> Mention | None:
        """The state whose forces carry out a strike its noun's demonym or state name names ("Israeli airstrikes",
        "a US drone strike", "Russian shelling"), as PLOVER codes the doer by its country."""
        if noun_lemma(noun) not in self.classes["state_strikes"]:
            return None
        iso = _state_named(noun, ("amod", "compound"))
        return self._state(iso, noun, "striker:demonym") if iso is not None else None

    def _own_mission(self, verb: Token, noun: Token | None) -> Token | None:
        """A state's own embassy or mission an act is done to ("closed its embassy", "shut their consulates"):
        the acting state's, by its possessive."""
        return next((t for t in self._acted_on(verb, noun) if t.lemma_.lower() in self.classes["missions"] and any(
            c.dep_ == "poss" and c.lower_ in ("its", "their") for c in t.children)), None)

    def _pronoun_owner(self, verb: Token, noun: Token | None, sources: list[Mention]) -> Mention | None:
        """Whom "his" or "her" means on what an act is done to: the last person named before it, in its sentence
        or the one before, who is not the act's own doer ("the president would not step down, and the opposition
        leader demanded his resignation"; "the senator said gunmen had fired on his car"), not "his brother", who is
        someone himself."""
        people = self.classes["kin"] | self.classes["followers"]
        owner = next((c for t in self._acted_on(verb, noun) if t.lemma_.lower() not in people
                      for c in t.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
        if owner is None:
            return None
        doers = {m.actor_id for m in sources}
        return next((m for m, _ in self._named_before(owner) if m.kind == "person" and m.actor_id not in doers), None)

    def _owner_state(self, verb: Token, noun: Token | None, sources: list[Mention]) -> Mention | None:
        """The state whose thing an act is done to, by the word that owns it, when no one is named: "shelled
        Syrian positions", "condemned Chinese mining", "raised tariffs on Argentine beef", "praised the Bolivian
        negotiators' patience" (PLOVER's target is that state). Not a state acting on its own things
        ("Cuba sent Cuban engineers")."""
        for thing in self._acted_on(verb, noun):
            if thing.pos_ not in ("NOUN", "PROPN") or self._someone(thing) or any(
                    t.i in self.actor_at for t in (thing, *thing.children)):
                continue  # people ("a crackdown on Tamil villagers") are whom it is done to, not their state's
            owners = [thing, *(c for c in thing.children if c.dep_ == "poss")]
            iso = next((iso for owner in owners if (iso := _state_named(owner, ("amod", "compound", "poss")))), None)
            if iso is not None:
                return None if any(m.country == iso for m in sources) else self._state(iso, thing, "owner:state")
        return None

    def _territory_state(self, verb: Token, noun: Token | None, sources: list[Mention]) -> Mention | None:
        """The state of a named place an act is done to, when it names no one there: "the militants captured
        Jalalabad", "shelled Kharkiv" (PLOVER's target is the state whose land is attacked or taken). Only a
        place the gazetteer knows; not a state's own forces acting in their own land ("troops occupied the
        square" in Beijing), whom the place does not oppose."""
        for thing in self._acted_on(verb, noun):
            if thing.ent_type_ not in ("GPE", "LOC") or thing.i in self.actor_at:
                continue
            iso = placed[1] if (placed := self._placed(thing)) is not None else None
            return self._state(iso, thing, "territory:state") if iso and not self._own(iso, sources) else None
        return None

    def _left_state(self, verb: Token, sources: list[Mention]) -> Mention | None:
        """The state of the place a withdrawal leaves, named after "from" or "out of" on the verb or its object
        ("pulled its forces out of Afghanistan"), when it is not the withdrawing state's own land."""
        heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        for prep in (p for h in heads for p in h.children if p.dep_ == "prep"):
            if prep.lower_ == "out":  # "out of": the "of" hangs on "out"
                prep = next((c for c in prep.children if c.dep_ == "prep" and c.lower_ == "of"), prep)
            elif prep.lower_ != "from":
                continue
            for thing in (o for o in prep.children if o.dep_ == "pobj"):
                placed = self._placed(thing)
                if placed is None:
                    continue
                # A state by its name, or a town of a state the article names (not the Venezuelan San Cristobal
                # in a story from Chiapas).
                iso = load_gazetteer().state(placed[0].text) or (
                    placed[1] if any(m.country == placed[1] for m in self.order) else None)
                if iso is not None and not self._own(iso, sources):
                    return self._state(iso, placed[0], "left:state")
        return None

    def _acted_on(self, verb: Token, noun: Token | None) -> list[Token]:
        """What an act is done to, with its conjuncts: its objects and those of PREMISES_PREPS."""
        things = objects_of((h for h in (verb, noun) if h is not None), PREMISES_PREPS, skip=noun)
        return [t for found in things for t in (found, *found.conjuncts)]

    def _own(self, iso: str, sources: list[Mention]) -> bool:
        """Whether a state's own sectors do the act (its premises or land are then not a target)."""
        return any(m.country == iso and m.sector in self.rules["state_sectors"] for m in sources)

    def _placed(self, tok: Token) -> tuple[Span, str] | None:
        """The place a token names and the ISO3 of the country it lies in, by the gazetteer."""
        ent = next((e for e in self.sents.ents(tok) if e.start <= tok.i < e.end and e.label_ in PLACE_LABELS), None)
        iso = place(ent.text)[0] if ent is not None else None
        return (ent, iso) if ent is not None and iso is not None else None

    def _protested(self, verb: Token, sources: list[Mention], country: str | None) -> Mention | None:
        """Whom a protest naming no one is aimed at: the state of its protesters, else of its place, else
        of the dateline (PLOVER's target of a protest is the government protested against: "Kazakh
        workers went on strike", "thousands marched in Minsk"). Not the state protesting itself (a
        rally a government stages) nor a protest whose protesters span states."""
        states = {m.country for m in sources if m.country}
        if any(m.sector in self.rules["state_sectors"] for m in sources) or len(states) > 1:
            return None
        iso = next(iter(states), None) or country or self._dateline_state()
        if iso is None:
            return None
        return self._state(iso, verb, "protest:state")

    def _premises_state(self, verb: Token, noun: Token | None, sources: list[Mention],
                        country: str | None) -> Mention | None:
        """The state whose premises an act is done to, when it names no one: "stormed the federal parliament",
        "set fire to police stations", "seized an air base" (class ``state_premises``: a head noun, or a
        modifier and its head). The premises' own state if a word names it ("Soviet airspace"), else the
        state of the act's place, else of the dateline. Not premises the act builds ("set up checkpoints",
        class ``building_verbs``), nor a state's own, acted on by its own sectors ("Turkish authorities
        closed the airspace")."""
        if phrasal_key(verb) in self.classes["building_verbs"]:
            return None
        premises = self.classes["state_premises"]
        for thing in self._acted_on(verb, noun):
            head = thing.lemma_.lower()
            if head in premises or any(f"{c.lemma_.lower()} {head}" in premises
                                       for c in thing.children if c.dep_ in ("compound", "amod")):
                iso = _state_named(thing, ("amod", "compound", "poss")) or country or self._dateline_state()
                return self._state(iso, verb, "premises:state") if iso and not self._own(iso, sources) else None
        return None

    def _state(self, iso: str, at: Token | Span, rule: str) -> Mention:
        """A state as a participant no mention names (its government, as PLOVER codes a host or a target),
        placed at the words that imply it: a place ("arrived in Nairobi"), or the trigger."""
        start, end = (at.idx, at.idx + len(at)) if isinstance(at, Token) else (at.start_char, at.end_char)
        return Mention(self.doc_id, -1, start, end, at.text, "GPE", self.sents.index(at), actor_id=f"state:{iso}",
                       actor_name=load_gazetteer().country_name(iso), kind="state", country=iso, sector="GOV",
                       rule=rule)

    def _dateline_state(self) -> str | None:
        """The state of the dateline's place, if the article has one."""
        return self._place(self.dateline.place)[1] if self.dateline is not None else None

    def _in_dateline(self, ent: Span) -> bool:
        return self.dateline is not None and self.dateline.start <= ent.start_char < self.dateline.end

    def _where(self, verb: Token, noun: Token | None = None) -> Place:
        """The place of the act ``verb`` reports (or its event ``noun``: "the capture of Shusha")."""
        noun = noun if noun is not None or verb.pos_ != "NOUN" else verb
        clause = self._clause(verb)
        for ent in self._near(verb, ("GPE", "LOC", "FAC", "ORG", "PERSON")):
            if self._in_dateline(ent) or not ent.root.text[:1].isupper():
                continue  # the dateline places no event; "the metro stations" are no named place
            slot = self._slot(ent.root)
            if ent.label_ == "ORG" and slot.i == ent.root.i and place(ent.text)[0] is None:
                continue  # the parser's organisation is a place when a place noun or the gazetteer says so
            if ent.label_ == "PERSON" and not (ent.root.dep_ == "pobj" and ent.root.head.lower_ == "of"
                                               and ent.root.head.head.lemma_.lower() in AGENTS.place_heads):
                continue  # and its person when a place noun names it: "the oil town of Zhanaozen"
            done_to = slot.dep_ in ("dobj", "nsubjpass") and slot.head.i == verb.i and verb.lemma_ in self.classes[
                "done_to_places"] or noun is not None and slot.dep_ == "pobj" and slot.head.lower_ == "of" and \
                slot.head.head.i == noun.i and noun.lemma_.lower() in self.classes["acts_on_places"]
            if done_to or slot.dep_ == "pobj" and slot.head.lower_ in self.classes["setting_preps"] and (
                    slot.head.head.i in clause):
                return self._place(ent.text.removeprefix("the "), slot if slot.i != ent.root.i else None)
        for i in sorted(clause):
            if (capital := self._capital(self.sdoc[i], verb, clause)) is not None:
                return capital
        if self.dateline is not None and any(
                t.lower_ == "here" and t.dep_ == "advmod" for t in (*verb.children, *verb.head.children)):
            return self._place(self.dateline.place)  # "signed a peace agreement here": where it was filed
        return None, None, None, None

    def _capital(self, tok: Token, verb: Token, clause: set[int]) -> Place | None:
        """"in the Nigerian capital", "stormed Libya's capital": the state's capital, by the phrase."""
        if tok.lemma_ != "capital" or not (
                tok.dep_ == "pobj" and tok.head.lower_ in self.classes["setting_preps"] and tok.head.head.i in clause
                or tok.dep_ == "dobj" and tok.head.i == verb.i and verb.lemma_ in self.classes["done_to_places"]):
            return None
        iso = _state_named(tok, ("amod", "compound", "poss"))  # "Libya's": the parse splits off the "'s"
        if iso is None:
            return None
        _, lat, lon = capital_of(iso)
        return self.sdoc[tok.left_edge.i : tok.i + 1].text.removeprefix("the "), iso, lat, lon

    @staticmethod
    def _clause(verb: Token) -> set[int]:
        """The verb and the phrases of its own clause, where its place may be said: not its subject
        ("politicians in Lima praised the rescue"), nor a clause of its own within it; a verb sharing
        its head's clause ("fired on the ships near the strait and seized them", "began withdrawing")
        shares its place too."""
        seen, level = {verb.i}, [verb]
        if verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
            seen.add(verb.head.i)
            level.append(verb.head)
        while level:
            level = [c for t in level for c in t.children if c.i not in seen and (
                c.dep_ in CLAUSE_PARTS or c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"))]
            seen.update(c.i for c in level)
        return seen

    @staticmethod
    def _slot(tok: Token) -> Token:
        """The word standing for a name in its clause: "the town of Palma" stands where "town"
        stands, and so do "the capital, Suva" and "a Kuwait City hotel"."""
        while True:
            if tok.dep_ == "pobj" and tok.head.lower_ == "of" and (
                    tok.head.head.lemma_.lower() in AGENTS.place_heads or tok.head.head.lemma_ == "control"):
                tok = tok.head.head  # "the town of Palma", "took control of Kirkuk"
            elif tok.dep_ == "appos" and tok.head.lemma_.lower() in AGENTS.place_heads or (
                    tok.dep_ == "compound" and tok.head.pos_ == "NOUN"):
                tok = tok.head
            else:
                return tok

    @staticmethod
    def _place(name: str, noun: Token | None = None) -> Place:
        """A place by its name; the state its place noun names wins over the gazetteer's namesake ("the
        Mozambican town of Palma" is not Palma de Mallorca), without the namesake's coordinates."""
        iso, lat, lon = place(name)
        said = _state_named(noun, ("amod", "compound")) if noun is not None else None
        return (name, said, None, None) if said and said != iso else (name, iso, lat, lon)


def _state_named(noun: Token, deps: tuple[str, ...]) -> str | None:
    """The state a noun's modifier names: "the Nigerian capital", "Libya's capital", "the Mozambican town"."""
    gaz = load_gazetteer()
    return next((iso for c in noun.children if c.dep_ in deps and (iso := gaz.country(c.text))), None)
