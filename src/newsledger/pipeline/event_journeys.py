"""Visits, journeys and places acted on, for the events stage (``pipeline/events.py``).

A person going to a named country or city visits it (the manual's CONSULT visit); troops,
refugees or goods arriving do not, and a journey for a stated purpose is that purpose's event.
The place visited ("arrived in Nairobi", "visited Paris") is no actor mention, so a visit's
target is the country the gazetteer places it in (Kenya, France). So is a place attacked,
seized or sent aid when no actor is named there ("shelled the town of Tumbes": Peru), as
PLOVER codes an act on a place as an act on the state it lies in.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.models import Mention
from newsledger.pipeline.event_modality import Modality
from newsledger.pipeline.event_participants import objects_of
from newsledger.pipeline.event_trigger import infinitive
from newsledger.pipeline.gazetteer import load_gazetteer

# Prepositions whose object is where a journey goes: "travelled to Delhi", "arrived in Delhi".
DESTINATION_PREPS = ("to", "in")

# Types whose act on a named place is an act on its state ("struck Tumbes", "flew tents to Tumbes"),
# and the prepositions naming that place ("fired on", "an attack against", "aid to").
PLACE_TARGETED = frozenset({"ASSAULT", "COERCE", "AID"})
PLACE_PREPS = frozenset({"against", "at", "into", "on", "to"})


class Journeys(Modality):
    """Which journeys of a document are visits, and to which country; the state of a place acted on."""

    def _participants(self, verb: Token, noun: Token | None, borrow: bool = True,
                      kind: str = "") -> tuple[list[Mention], list[Mention]]:
        """Sources and targets by the roles of the type, and for an act on a named place with no
        actor as its target, the state the place lies in."""
        sources, targets = super()._participants(verb, noun, borrow, kind)
        if self._mutual(verb, noun, kind):
            return sources, targets  # "fought a border war against Vietnam": a side, not a place attacked
        if not targets and kind in PLACE_TARGETED:
            targets = self._states_of_places(verb, noun, sources)
        # An owner's state only completes an event someone is named doing: alone it would make events
        # of acts no one is said to do ("accused its neighbour of plotting to grab Bolivian land").
        return sources, targets or (self._states_of_owners(verb, noun, sources) if sources else [])

    def _states_of_owners(self, verb: Token, noun: Token | None, sources: list[Mention]) -> list[Mention]:
        """The states whose people's adjective marks what an act is done to, when no actor is named there:
        "condemned the Moroccan operation" (Morocco), "fired on an Israeli base" (Israel), "rejected the
        Peruvian offer" (Peru). Not the source's own ("Russia deployed Russian jets")."""
        holders = [h for h in (verb, noun) if h is not None]
        own = {m.country for m in sources if m.country}
        found: dict[str, Mention] = {}
        called = [c for c in [self._called(verb)] if c is not None]  # "condemned what it called Israeli aggression"
        for thing in [*objects_of(holders, PLACE_PREPS, skip=noun), *called]:
            for mod in thing.children:
                if mod.dep_ not in ("amod", "compound") or mod.ent_type_ != "NORP":
                    continue
                ent = next((e for e in self.sents.ents(mod) if e.start <= mod.i < e.end), None)
                iso = load_gazetteer().country(ent.text) if ent is not None else None
                if ent is not None and iso is not None and iso not in own:
                    found.setdefault(iso, self._state(iso, ent, "target:owner"))
        return list(found.values())

    def _states_of_places(self, verb: Token, noun: Token | None, sources: list[Mention]) -> list[Mention]:
        """The states of the places an act is done to: its object ("shelled Tumbes", "Tumbes was
        shelled"), the place after "of" ("the town of Tumbes") and after "on", "to" ... ("fired on
        Tumbes"). Not a place in a source's own country: "Peruvian police raided Tumbes" acts on
        whoever is there, which the text does not say."""
        holders = [h for h in (verb, noun) if h is not None]
        places = [t for th in objects_of(holders, PLACE_PREPS, skip=noun) for t in (th, *th.conjuncts, *(
            o for p in th.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"))]
        own = {m.country for m in sources if m.country}
        found: dict[str, Mention] = {}
        for tok in places:
            if (placed := self._placed(tok)) is not None and placed[1] not in own:
                found.setdefault(placed[1], self._state(placed[1], placed[0], "target:place"))
        return list(found.values())

    def _visits(self, verb: Token) -> bool:
        """Whether a person goes to a named country or city: a visit (the manual's CONSULT visit); troops,
        refugees or goods arriving are not. A journey for a stated purpose is that purpose's event ("arrived
        in Tbilisi to mediate", "arrived in Yangon for talks"), coded where it is named."""
        if any(c.dep_ in ("xcomp", "advcl") and infinitive(c)
               or c.dep_ == "prep" and c.lower_ == "for" and any(
                   g.dep_ == "pobj" and g.lemma_.lower() in self.frames.nouns for g in c.children)
               for c in verb.children):
            return False
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        person = subject is not None and (subject.ent_type_ == "PERSON" or (
            (m := self.actor_at.get(subject.i)) is not None and m.kind == "person") or subject.lower_ in ("he", "she"))
        # The recogniser may call a city an organisation ("arrived in New Delhi"): the gazetteer places it.
        return person and any(g.ent_type_ == "GPE" or self._placed(g) for g in self._destinations(verb))

    def _destinations(self, holder: Token) -> list[Token]:
        """Where a journey verb or visit noun goes: the objects of its "to" or "in"."""
        return [g for c in holder.children if c.dep_ == "prep" and c.lower_ in DESTINATION_PREPS
                for g in c.children if g.dep_ == "pobj"]

    def _visited(self, verb: Token, noun: Token | None, sources: list[Mention], targets: list[Mention]
                 ) -> list[Mention]:
        """The countries a visit went to that its targets do not name yet: the places after "to" or "in"
        of a journey verb or visit noun ("flew to Sydney", "a visit to Nairobi"), or the objects of
        "visit" ("visited Paris", "visited Khartoum and Juba"), each placed by the gazetteer. A trip at
        home ("the Kenyan president travelled to Mombasa") visits no one."""
        holders = [h for h in (verb, noun) if h is not None and h.lemma_.lower() in self.classes["visiting"]]
        places = [g for h in holders for g in self._destinations(h)]
        places += [c for h in holders if h.pos_ == "VERB" for c in h.children if c.dep_ == "dobj"]
        known = {m.country for m in sources + targets if m.country}
        found: dict[str, Mention] = {}
        for tok in (t for p in places for t in (p, *p.conjuncts)):
            if (placed := self._placed(tok)) is not None and placed[1] not in known:
                found.setdefault(placed[1], self._state(placed[1], placed[0], "visit:place"))
        return list(found.values())
