"""Acts a reaction names by a definite noun, for the events stage (``pipeline/events.py``).

"The Soviet government condemned the quarantine", "the Ayatollah praised the seizure", "Britain
deplored the killings": the target of a condemnation, a welcome or an acceptance is whoever did
the act the noun refers back to, which the article reported earlier ("the navy began a
quarantine of the island", "students seized the embassy"). The noun's phrase names no one, so
the target is the source of the latest earlier event the noun refers to: an event of the same
word ("the attack" after "attacked"), its gerund ("the killings" after "killed"), or an event
noun of the same PLOVER type and mode ("the seizure" after a COERCE seize). Hand-written:
event coreference of this kind is what PLOVER's human coders do and no library offers it.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from newsledger.models import Event
from newsledger.pipeline.event_participants import Participants
from newsledger.pipeline.event_trigger import Trigger, noun_lemma

DEFINITE = frozenset({"the", "this", "that", "these", "those"})


class ActAnaphora(Participants):
    """Targets of reactions to acts reported earlier in the document."""

    def _act_referred(self, trig: Trigger) -> Token | None:
        """The definite act noun a reaction verb of the frames is aimed at, naming no one in its own
        phrase: "condemned the quarantine", "protested against the deployment"."""
        verb = trig.token
        if trig.event_type not in self.rules["reacting"] or trig.noun is not None or not trig.rule.startswith("verb:"):
            return None
        objects = [c for c in verb.children if c.dep_ == "dobj"] + [
            o for p in verb.children if p.dep_ == "prep" and p.lower_ in self.classes["reaction_preps"]
            for o in p.children if o.dep_ == "pobj"] + [c for c in [self._called(verb)] if c is not None]
        return next((o for o in objects if o.pos_ == "NOUN" and self._act_noun(o)
                     and any(d.dep_ == "det" and d.lower_ in DEFINITE for d in o.children)
                     and not self._named_by(o)), None)

    def _act_noun(self, tok: Token) -> bool:
        """Whether a noun names an act: an event noun of the frames, a frame verb's own form or gerund ("the
        offer", "the killings"), or a word for any act ("the move"). Not a deal, a text or its signing ("welcomed
        the agreement"), which binds all its parties, not only its signers."""
        lemma = noun_lemma(tok)
        stems = _gerund_stems(lemma)
        if lemma in self.classes["agreements"] | self.classes["deal_words"] or stems & self.classes["signing"]:
            return False
        return lemma in self.frames.nouns or lemma in self.classes["act_words"] \
            or bool((stems | {lemma}) & self.frames.verbs.keys())

    def _refers_to(self, ref: Token, act: tuple[Token, Token | None, Event]) -> bool:
        """Whether the act noun ``ref`` refers back to the event ``act`` (its verb, noun and row)."""
        verb, noun, event = act
        lemma = noun_lemma(ref)
        words = {verb.lemma_.lower()} | ({noun_lemma(noun)} if noun is not None else set())
        if lemma in words or _gerund_stems(lemma) & words or lemma in self.classes["act_words"]:
            return True  # "the attack" after "attacked", "the move" after any act
        coding = self.frames.nouns.get(lemma)
        return coding is not None and coding[0] == event.event_type and coding[1] in (None, event.mode)

    def _refer_back(self, events: list[Event]) -> list[Event]:
        """``events`` with each reaction to an act noun (``reacting_to``) aimed at whoever did the latest
        earlier act (of those ``done``) the noun refers to, when someone is named doing it (linked or
        not: "gunmen")."""
        done = []
        for event in events:
            ref = self.reacting_to.get(event.idx)
            if ref is None:
                done.append(event)
                continue
            earlier = [a for a in self.done if a[0].i < ref.i and ref.i not in (a[0].i, (a[1] or a[0]).i)
                       and a[2].source_names and a[2].idx != event.idx]
            referred = (a[2] for a in sorted(earlier, key=lambda a: -a[0].i) if self._refers_to(ref, a))
            if noun_lemma(ref) in self.classes["act_words"]:  # "the move": the latest act of anyone else
                referred = (a for a in referred if not _same_doer(a, event))
            act = next(referred, None)
            if act is None or _same_doer(act, event):
                done.append(event)  # "the army ended the siege": no one reacts to their own act
                continue
            done.append(replace(event, target_ids=act.source_ids, target_names=act.source_names,
                                rule=f"{event.rule}+target:act"))
        return done


def _same_doer(act: Event, event: Event) -> bool:
    """Whether the same actor, or the same words ("The junta", "the junta"), did both."""
    names = {n.casefold() for n in act.source_names}
    return bool(names & {n.casefold() for n in event.source_names} or set(act.source_ids) & set(event.source_ids))


def _gerund_stems(lemma: str) -> set[str]:
    """The verbs a gerund noun may name: "killing" -> kill, "shelling" -> shell, "shutting" -> shut,
    "firing" -> fir or fire."""
    if not lemma.endswith("ing") or len(lemma) < 6:
        return set()
    stem = lemma[:-3]
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "ls":
        return {stem[:-1]}
    return {stem, stem + "e"}
