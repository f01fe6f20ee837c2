"""The events stage: who did what to whom, coded to PLOVER, each event explained by its rule.

Reads:   a parsed ``Doc``, the document's actor mentions and quotes.
Returns: ``Event`` rows: trigger and sentence spans, PLOVER type and mode, source and target
         actors, negation, modality, and the rule (trigger lemma and pattern) that fired.
Rules:   a lexicon of trigger verbs, and of nouns that light verbs carry ("held talks",
         "imposed sanctions", "carried out a military operation", "signed a ceasefire
         agreement"). Sources are the trigger's subject (with its conjuncts: "Stoltenberg and
         Aliyev discussed" is one event with both), or the agent of a passive; targets are its
         object and the objects of "with", "against", "on", "to"; "both countries" and "the
         two sides" are the last two states named. An event a request asks for ("urged both
         countries to reach an agreement") is not an event: the REQUEST is. Negation ("did not
         agree") is kept as a flag; modality is future or hypothetical ("could break out"), else
         reported (under a speech verb or in a quote) or asserted. The manual's own coding
         rules apply after: promised cooperation is AGREE, and so is a promised retreat, signing
         a text SUPPORT. A speaker's quote saying others attacked is also an ACCUSE by the
         speaker. Hand-written because no library codes PLOVER from a dependency parse.
Layers:  who takes part (``event_participants.Participants``, which also holds the document's
         state), how it is reported (``event_modality.Modality``), visits (``event_journeys``),
         the type a verb or event noun names (``event_typing``), events nouns report
         (``event_nominal``), promised acts (``event_promises``), the learned typer's events
         (``event_model_triggers``), and here the verbs' triggers and the emitted ``Event`` rows
         (``DocumentEvents``, which combines them all).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from newsledger.models import Event, Mention, Quote
from newsledger.pipeline.actor_base import clean_name
from newsledger.pipeline.event_anaphora import ActAnaphora
from newsledger.pipeline.event_blame import Blame
from newsledger.pipeline.event_model import EventModel
from newsledger.pipeline.event_model_triggers import ModelTriggers
from newsledger.pipeline.event_nominal import NominalEvents
from newsledger.pipeline.event_promises import Promises
from newsledger.pipeline.event_trigger import (
    TOGETHER,
    VETO,
    Trigger,
    event_key,
    goes_on,
    in_sectors,
    infinitive,
    noun_lemma,
    noun_start,
    occurs,
    phrasal_key,
    quoted_name,
)
from newsledger.pipeline.frames import Frames
from newsledger.pipeline.ingest.meta import Dateline
from newsledger.pipeline.ontology import EVENT_TYPES, cameo, score


class DocumentEvents(NominalEvents, Promises, ModelTriggers, Blame, ActAnaphora):
    """One document's events, coded with ``frames``: the coder's knowledge comes in with the
    document, so two configurations (the packaged frames, a user's file) can code side by side."""

    def _triggers(self) -> list[Trigger]:
        found: list[Trigger] = []
        used_nouns: set[int] = set()
        for tok in self.sdoc:
            if tok.pos_ == "VERB" and (phrasal := phrasal_key(tok)) != tok.lemma_ and (
                    phrasal in self.frames.objects or phrasal in self.frames.verbs) and (
                    typed := self._verb_type(tok)) is not None and typed is not VETO:
                found.append(Trigger(tok, None, *typed, f"verb:{tok.lemma_}"))
                continue  # "called off the walkout": the phrasal verb's frame, before "call" carries "strike"
            # "called the march a provocation" names the march, and carries no event noun; so does "called the pledge
            # meaningless", whose adjective the parse hangs after the noun (English puts it there only as a name),
            # and "called the army's raid \"a massacre\"", whose quoted name it takes for an apposition.
            naming = tok.lemma_ == "call" and any(c.dep_ in ("oprd", "xcomp", "ccomp") or c.dep_ == "dobj" and any(
                a.dep_ == "amod" and a.i > c.i or quoted_name(a) for a in c.children) for c in tok.children)
            if tok.pos_ in ("VERB", "AUX") and not naming and (
                    tok.lemma_ in self.classes["light_verbs"] | self.classes["responding"] or self._partaking(tok)):
                if any(c.dep_ == "dobj" and self._briefing(c) for c in tok.children):
                    self.vetoed.add(self.sents.index(tok))  # "held a press conference": the model stays silent too
                noun = next((c for c in self._carried(tok) if event_key(c, self.frames.nouns) in self.frames.nouns
                             and not self._briefing(c)
                             and (c.lemma_.lower() != "fire" or tok.lemma_ == "open"
                                  or self.sdoc[max(0, c.i - 2)].lower_ == "cease")), None)  # "opened fire"
                if noun is None:  # "launched a mediation effort", "began a bombing campaign": the effort's event noun
                    noun = next((g for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in self.classes[
                        "efforts"] for g in c.children if g.dep_ == "compound" and noun_lemma(g) in self.frames.nouns),
                                None)
                # A relative clause whose object is the noun it describes: "the night curfew, which the army had
                # imposed", "a lockdown that the governor ordered". Not where another verb acts on that noun: "will not
                # scrap the tariff she has imposed" is about scrapping it (background, PLV tune fell with it).
                relative = tok.dep_ == "relcl" and tok.head.dep_ != "dobj" and not any(
                    c.dep_ == "dobj" and c.tag_ != "WDT" for c in tok.children)
                reduced = (tok.dep_ == "acl" and tok.tag_ == "VBN" or relative) \
                    and noun_lemma(tok.head) in self.frames.nouns \
                    and tok.head.i not in used_nouns and not self._briefing(tok.head)
                if noun is None and reduced:
                    # "a curfew imposed on Tuesday", "a ceasefire signed in 2002": the participle carries the
                    # noun it describes. An event whoever imposed it, as PLOVER codes it with an unidentified actor.
                    event_type, mode = self._noun_type(tok, tok.head)
                    found.append(Trigger(tok, tok.head, event_type, mode, f"{tok.lemma_}+{tok.head.lemma_.lower()}",
                                         anonymous=not any(c.dep_ == "nsubj" for c in tok.children)))
                    used_nouns.add(tok.head.i)
                    continue
                if noun is not None and noun.lower_ == "fire" and noun.i >= 2 and \
                        self.sdoc[noun.i - 2].lower_ == "cease":  # "cease-fire" is three tokens
                    found.append(Trigger(tok, noun, *self._ceasefire(tok), f"{tok.lemma_}+ceasefire"))
                    used_nouns.add(noun.i)
                    continue
                if noun is not None and noun.lemma_.lower() == "operation" and not any(
                        c.lower_ in self.classes["military_words"] for c in noun.children) and not any(
                        c.dep_ == "prep" and c.lower_ == "against" for c in (*noun.children, *tok.children)):
                    # "start its operations in Afghanistan" is a mission, not an attack; operations
                    # "against" someone are one ("carried out operations against the insurgents").
                    noun = None
                if noun is not None:
                    event_type, mode = self._noun_type(tok, noun)
                    gapped = self._gapped(tok)  # done by whoever did the passive before it, often unnamed
                    # "a curfew was imposed", "talks were held": an event whoever did it (PLOVER's unidentified actor),
                    # unless its clause only dates another act ("when the curfew was imposed")
                    unnamed = noun.dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in tok.children) \
                        and not self._timing_clause(tok)
                    found.append(Trigger(tok, noun, event_type, mode, f"{'gapped:' * gapped}{tok.lemma_}+"
                                         f"{noun_lemma(noun)}", anonymous=gapped or unnamed))
                    used_nouns.add(noun.i)
                    continue
            typed = self._verb_type(tok) if tok.pos_ == "VERB" else None
            if typed is VETO:
                self.vetoed.add(self.sents.index(tok))
            elif typed is not None:
                # "thousands fled the city": those who flee are whom the act was done to, by someone unnamed (armed
                # men who flee retreat, and are its doers: Typing._verb_type).
                undergone = tok.lemma_ in self.classes["undergoing"] and typed[0] != "RETREAT" or tok.lemma_ in \
                    self.classes["set_off"] and any(c.dep_ == "dobj" and noun_lemma(c) in self.classes["explosives"]
                                                    for c in tok.children)
                if undergone and (tok.dep_ in ("amod", "acl") or tok.tag_ == "VBG" and not any(
                        c.dep_ in ("aux", "nsubj") for c in tok.children)):
                    continue  # "shot at fleeing villagers", "refugees fleeing into Chad": who they are, no act
                if tok.lemma_ in self.classes["custody_verbs"] and tok.dep_ == "acl":
                    continue  # "sailors held since May were freed": whom the sentence's act is done to
                if tok.lemma_ in self.classes["described_stances"] and (tok.dep_ in ("acl", "amod") or any(
                        c.dep_ == "prep" and c.lower_ == "to" for c in tok.children) and not any(
                        c.dep_ in ("aux", "auxpass", "dobj") for c in tok.children)):
                    continue  # "exiles opposed to the colonel" (the parser may make it the verb): who they are
                if tok.dep_ == "relcl" and tok.tag_ in ("VBZ", "VBP") and typed[0] != "ACCUSE" and not any(
                        c.dep_ in ("aux", "auxpass", "neg") for c in tok.children):
                    # "the Gulf state, which funds the militia", "a neighbour that hosts refugees": what someone does
                    # as a rule, no act told (and no clause for the typer); a charge in the present is still made ("the
                    # leader, who accuses the president of fraud").
                    self.vetoed.add(self.sents.index(tok))
                    continue
                if tok.lemma_ in self.classes["stances"] and tok.dep_ == "pcomp" and tok.head.lower_ == "of" \
                        and tok.head.head.lemma_ in self.classes["charging"]:
                    continue  # "accused two neighbours of backing the insurgents": the charge is the event
                # "..., the ministers detained": the subject of a participle whose passive auxiliary is left
                # out is whom it was done to, as a passive's.
                gapped = self._gapped(tok)
                if (deadly := self._deadly_event(tok, typed[0])) is not None:
                    noun, word = deadly
                    # "a rebellion that killed 9,000 people", "the blast killed nine soldiers": the rebellion is the
                    # event its result reports (still an event only where someone in it is named).
                    cause = "in" if noun.i > tok.i else "by"  # "were killed in clashes": both words shown
                    found.append(Trigger(tok, None, *typed, f"verb:{tok.lemma_}+{cause}:{word}", shown=noun))
                    used_nouns.add(noun.i)
                    continue
                if (within := self._done_in(tok, typed[0])) is not None:
                    # "seized power in a coup", "were rounded up in a crackdown": one act, both words shown.
                    found.append(Trigger(tok, None, *typed, f"verb:{tok.lemma_}+in:{noun_lemma(within)}",
                                         shown=within, anonymous=gapped, undergone=gapped))  # "and 40 wounded in it"
                    used_nouns.add(within.i)
                    continue
                if tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "csubj") \
                        and occurs(tok.head, self.classes["occurrence"]):
                    if goes_on(tok, self.classes["continuing"]):
                        continue
                    # "shelling of the port resumed", "firing broke out": the act the parser
                    # took for a verb, reported as its noun is
                    found.append(Trigger(tok.head, tok, *typed, f"{tok.lower_}+{tok.head.lemma_}", anonymous=True))
                    continue
                found.append(Trigger(tok, None, *typed, f"{'gapped:' * gapped}verb:{tok.lemma_}",
                                     anonymous=undergone or gapped, undergone=undergone or gapped))
        self._noun_triggers(found, used_nouns)
        found = self._blame_triggers(found)
        found = [t for t in found if not self._result_of(t, found)]
        terms = self._deal_terms()
        return self._promises(found, terms) + self._commitments(found, terms)

    def _result_of(self, trig: Trigger, found: list[Trigger]) -> bool:
        """Whether a trigger reports only what another act of its sentence did: "shelled the market, killing
        nine" and "troops opened fire, and nine were killed" are one attack (not "began an offensive, shelling the
        ridge and bombing the depots": acts of their own); "..., forcing the ministers to flee" is what
        the storming did, no coercion of its own; a meeting's purpose is that meeting."""
        verb = trig.token
        kinds = {t.token.i: t.event_type for t in found}
        if trig.event_type == "CONSULT" and kinds.get(verb.head.i) == "CONSULT" and verb.dep_ in ("advcl", "xcomp") \
                and infinitive(verb):
            return True  # "agreed to meet to discuss the roads", "flew to Delhi to negotiate": one meeting
        if trig.event_type in ("ASSAULT", "COERCE") and kinds.get(verb.head.i) == "ASSAULT" \
                and verb.dep_ in ("advcl", "xcomp") and infinitive(verb):
            return True  # "used tear gas to break up the crowds", "to disperse them": the attack done for it is it
        if (trig.event_type, trig.mode) == ("RETREAT", "resign") and any(
                t is not trig and (t.event_type, t.mode) == ("RETREAT", "resign") and self._clause_below(verb, t.token)
                for t in found):
            return True  # "resigned and handed power to the chief justice": one resignation
        if verb.lemma_ in self.classes["purposes"] and verb.head.i in kinds and verb.dep_ in ("advcl", "xcomp") \
                and infinitive(verb):
            return True  # "summoned the ambassador to protest": the summons is the protest
        # A result joined to a result is one too: "opened fire, killing 20 and wounding dozens", as is a
        # protest's chant joined to its demand ("marched, chanting slogans and demanding their pay").
        manner = trig.event_type in self.rules["protest_manner"]
        first = verb
        while first.dep_ == "conj" and first.head.tag_ == verb.tag_ and (
                trig.event_type in self.rules["protest_message"] or first.head.lemma_ in self.classes["casualties"]):
            first = first.head
        heads = self._result_heads(first)
        naming = verb.lemma_ in self.classes["necessity"] | self.classes["naming_verbs"]
        if any(trig.event_type in self.rules["resulting"] and kinds.get(h.i) == trig.event_type
               and first.lemma_ in self.classes["toll_verbs"]
               or manner and kinds.get(h.i) == "PROTEST"
               or naming and h.i in kinds for h in heads):
            return True  # and "opposed the plan, calling it illegal": the naming says why, one statement
        # Victims counted in a passive with no one named doing it, in one clause tree with the attack that
        # did it by someone ("troops opened fire, and the mayor said nine had been killed", "..., with scores
        # wounded": the clause the "with" phrase belongs to), and an event noun whose start that act
        # is ("fighting began when rebels attacked the port").
        within = verb.dep_ == "pcomp" and verb.head.lower_ == "with"
        absolute = verb.tag_ == "VBN" and (within or any(
            c.dep_ == "mark" and c.lower_ == "with" for c in verb.children))
        counted = verb.lemma_ in self.classes["casualties"] and trig.noun is None and (any(
            c.dep_ == "nsubjpass" for c in verb.children) or trig.undergone or absolute) and not any(
            c.dep_ == "agent" for c in verb.children)
        clause = verb.head.head if within and absolute else verb
        # A fight that goes on in a clause of its own is a new turn ("riot police fired water cannon, and
        # running battles spread through the old town"), not the start of the act beside it.
        started = trig.anonymous and trig.noun is not None and occurs(verb, self.classes["occurrence"]) and not (
            verb.dep_ == "conj" and any(c.dep_ == "cc" for c in verb.head.children if c.i < verb.i))
        # Another count of victims is no act that did it: "150 were killed and 400 wounded in the raids" is one
        # attack, reported by its dead ("one man was killed and several were wounded": the wounded add no act).
        wounded = counted and verb.lemma_ in self.classes["wounding"]
        dead = self.classes["casualties"] - self.classes["wounding"]
        return (counted or started) and any(
            t is not trig and t.event_type == trig.event_type
            and (clause.i == t.token.i or self._clause_below(clause, t.token) or self._clause_below(t.token, verb)
                 or started and self._when_of(t.token, verb))
            and (not t.anonymous and not (counted and t.token.lemma_ in self.classes["casualties"])
                 or wounded and t.token.lemma_ in dead
                 or t.token.lemma_ in self.classes["set_off"])  # "died when their truck struck a mine"
            for t in found)

    @staticmethod
    def _result_heads(participle: Token) -> tuple[Token, ...]:
        """The acts a participle may report the result or the manner of: the verb it hangs on ("shelled the
        market, killing nine"), and that verb's head when the parser hung it on a clause inside the act
        ("opened fire on worshippers gathered for prayers, killing eleven"). A participle parsed as a conjunct
        with no "and" and no subject of its own is one too ("opened fire on a march, killing four")."""
        if participle.tag_ != "VBG" or participle.dep_ not in ("advcl", "conj"):
            return ()
        head = participle.head
        if participle.dep_ == "conj" and (any(c.dep_ in ("nsubj", "aux") for c in participle.children) or any(
                c.dep_ == "cc" and head.i < c.i < participle.i for c in head.children)):
            return ()
        return (head, head.head) if head.dep_ in ("advcl", "acl", "relcl") else (head,)

    @staticmethod
    def _when_of(act: Token, verb: Token) -> bool:
        """Whether an act is told in a "when" clause on the day ``verb`` names ("the fighting began on
        3 May, when rebel gunners shelled the barracks"): the parse hangs it on the date."""
        return act.dep_ == "relcl" and any(c.lower_ == "when" for c in act.children) and \
            act.head.dep_ == "pobj" and act.head.head.head.i == verb.i

    @staticmethod
    def _clause_below(low: Token, high: Token) -> bool:
        """Whether ``low``'s clause hangs from ``high``'s through clauses only (a "when" clause, a
        conjunct, a reported clause), not through a noun ("in the 1990s, when forces took ...")."""
        node = low
        while node.dep_ in ("advcl", "conj", "ccomp") and node.head.i != node.i:
            node = node.head
            if node.i == high.i:
                return True
        return False

    def _deadly_event(self, verb: Token, event_type: str) -> tuple[Token, str] | None:
        """The event noun whose result a verb of result reports: the subject of "killed" in "the rebellion,
        which killed 9,000" or "a flare-up in June killed seven" ("flare-up" read whole), or where a
        passive's victims died ("about 100 people were killed in clashes", "killed in the fighting")."""
        if event_type not in self.rules["resulting"]:
            return None
        if verb.lemma_ in self.classes["casualties"] and any(c.dep_ == "auxpass" for c in verb.children):
            # "were killed and 400 wounded in Thursday's raids": the place hangs on the last of the counts
            place = next((o for v in (verb, *verb.conjuncts) for p in v.children if p.dep_ == "prep"
                          and p.lower_ in ("in", "during") for o in p.children
                          if o.dep_ == "pobj" and noun_lemma(o) in self.classes["deadly_events"]), None)
            if place is not None:
                return place, noun_lemma(place)
        for subject in (self._antecedent_of(c) for c in verb.children if c.dep_ == "nsubj"):
            hyphen = subject.i >= 2 and self.sdoc[subject.i - 1].text == "-"
            word = f"{self.sdoc[subject.i - 2].lower_}-{subject.lower_}" if hyphen else noun_lemma(subject)
            if word in self.classes["deadly_events"] or word in self.classes["weapon_fire"] and any(
                    c.dep_ in ("amod", "compound", "nmod") for c in subject.children):
                return subject, word  # and "small-arms fire hit his aircraft", "artillery fire shook the town"
        return None

    def _done_in(self, verb: Token, event_type: str) -> Token | None:
        """The event noun a verb's act was done in when that noun names an act of the same type: "seized
        power in a coup" (both COERCE), so the act is reported once, by the verb, with the noun shown."""
        return next((o for p in verb.children if p.dep_ == "prep" and p.lower_ in ("in", "during")
                     for o in p.children if o.dep_ == "pobj" and (coding := self.frames.nouns.get(noun_lemma(o)))
                     and coding[0] == event_type), None)

    def _celebrating(self, trig: Trigger) -> bool:
        """Whether a crowd's gathering or march is a celebration ("crowds filled the squares, honking horns",
        "thousands gathered as fireworks lit the sky"): PLOVER codes no protest or show of force in joy. A
        word of dissent keeps it a protest ("honking horns in protest at the mandates"). A gathering is no other
        act either, whatever the model read into it ("thousands gathered in the square for a concert")."""
        if trig.event_type not in self.rules["celebrated"] and trig.token.lemma_ not in self.classes["assembling"]:
            return False
        lemmas = {t.lemma_.lower() for t in self.sents.of(trig.token)}
        return bool(lemmas & self.classes["celebrating"]) and not lemmas & self.classes["dissent"]

    def _patient(self, subject: Token, event_type: str) -> bool:
        """Whether a passive's subject names what the act was done to: a noun or a pronoun standing for the one who
        says so, or, for a material act on
        a thing or people, the noun a relative pronoun stands for ("the depot, which was torched"; people only
        when held or dismissed, "Mr. Rahman, who has been held since March": the sets code victims "who were
        killed" in a sentence about something else as that sentence's act) and a part of something ("much of the
        market was burned", "most have been detained")."""
        if subject.pos_ in ("NOUN", "PROPN", "NUM") or self._reporter(subject) is not None:
            return True  # "relief agencies said they had been refused entry": the agencies
        if event_type not in self.rules["undergone_passives"]:
            return False
        relative = subject.tag_ == "WDT" or subject.tag_ == "WP" and event_type in self.rules["undergone_people"]
        return self._antecedent_of(subject).pos_ in ("NOUN", "PROPN") if relative \
            else subject.lower_ in self.classes["portions"]

    def _partaking(self, verb: Token) -> bool:
        """Whether a verb says its subject took part in what follows "in" (classes.partaking: "participated",
        "took part", a verb with its object): the event noun is then the act."""
        said = {verb.lemma_} | {f"{verb.lemma_} {c.lower_}" for c in verb.children if c.dep_ == "dobj"}
        return bool(said & self.classes["partaking"])

    def _carried(self, verb: Token) -> list[Token]:
        """The nouns a light verb carries: its object, or what a count of them counts ("carried out hundreds
        of bombings", "launched a series of raids"), or what a response was made with ("retaliated with
        air strikes")."""
        if self._partaking(verb):  # "took part in the talks", "participated in the raid"
            return [o for h in (verb, *(c for c in verb.children if c.dep_ == "dobj")) for p in h.children
                    if p.dep_ == "prep" and p.lower_ == "in" for o in p.children if o.dep_ == "pobj"]
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
                   or c.dep_ == "nsubj" and self._gapped(verb)] + [  # "..., and a curfew declared"
            # "declared a ceasefire days after ...", "imposed a curfew hours after ...": the parse may hang the object
            # on the span of time, as its subject or its compound
            g for c in verb.children if c.lemma_.lower() in self.classes["time_spans"]
            for g in c.children if g.dep_ in ("nsubj", "compound")] + [
            o for p in verb.children if p.dep_ == "prep" and p.lower_ == "with" and verb.lemma_ in self.classes[
                "responding"] for o in p.children if o.dep_ == "pobj"]
        return [g for c in objects for g in ([c] + [
            o for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
            if c.pos_ == "NUM" or c.lemma_.lower() in self.classes["partitives"] | self.classes["series"] else [c])]

    def _unacted(self, verb: Token) -> bool:
        """No one acts when the subject is weather, a disaster or a market ("the typhoon flattened rice
        fields", "lightning strikes set off fires", "shares staged a rally"), the verb's own or, for a
        participle or noun with none, its head's ("continued their march upward"); nor in what an accident
        did ("a bus overturned, killing 12", "died when the ferry sank") or the harm done in one ("killed in a
        stampede at the gates"); nor a share of people a poll counts ("70 percent of residents approved of the
        closing of Congress": an opinion, not an act)."""
        if verb.pos_ not in ("VERB", "AUX"):
            verb = verb.head
        natural = self.classes["forces_of_nature"]
        if any(p.dep_ in ("prep", "agent") and p.lower_ in ("in", "during", "by") and any(
                o.dep_ == "pobj" and o.lemma_.lower() in self.classes["mishaps"] and (p.lower_ != "by" or o.n_lefts)
                for o in p.children) for p in verb.children):
            # "were killed in the earthquake", "in a stampede at the gates": what no one did ("took the town by
            # storm", the bare idiom, is taken)
            return True
        if any(c.dep_ == "advcl" and self._accident(c) for c in verb.children):
            return True  # "were hurt when their bus overturned"
        for head in (verb, verb.head):
            if head is not verb and self._accident(head):
                return True  # "a bus overturned, killing 12"; not "militants crashed a truck into ..., killing"
            subjects = [c for c in head.children if c.dep_ == "nsubj"]
            if any(s.ent_type_ == "PERCENT" for s in subjects):
                return True
            if subjects:
                return any(s.lemma_.lower() in natural or s.lemma_.lower() in self.classes["natural_events"] and any(
                    c.dep_ in ("compound", "amod") and c.lemma_.lower() in natural
                    or c.dep_ == "prep" and c.lower_ == "of" and any(g.lemma_.lower() in natural for g in c.children)
                    for c in s.children) for s in subjects)  # not "flood victims" nor "storm troopers", who act
            if verb.dep_ not in ("advcl", "xcomp", "conj", "acl") or head is verb.head:
                return False
        return False

    @staticmethod
    def _someone_unnamed(verb: Token) -> bool:
        """Whether people the text does not name here act: "they", "he" or "she" as the subject no antecedent
        was found for ("They fired on every passing bus": the men of a sentence or two before). Someone
        acts, so a coercive act the frames found is an event, with no source rather than none at all (not what
        the typer reads, nor words and aid, which such pronouns mostly tell in quotes: "they demanded our
        papers" at a checkpoint is no request to code)."""
        return any(c.dep_ == "nsubj" and c.lower_ in ("they", "he", "she") for c in verb.children) and not any(
            c.dep_ == "aux" and c.tag_ == "MD"  # "they can kill us": said of what may come
            or c.dep_ == "prep" and c.lower_ == "for" and any(g.ent_type_ == "DATE" for g in c.children)
            for c in verb.children)  # "for 35 years they fought": a history told, no act reported

    def _accident(self, verb: Token) -> bool:
        """Whether a verb tells an accident: a thing that overturned, sank or collapsed, not someone who crashed
        a truck into a crowd nor talks or a truce that collapsed (an event noun: "fighting broke out after the
        talks collapsed" is a fight), nor whatever overturned something ("rioters ... overturned three buses", where
        the parse may give the verb another subject)."""
        return verb.lemma_ in self.classes["accidents"] and not any(
            c.dep_ == "nsubj" and (self._someone(c) or event_key(c, self.frames.nouns) in self.frames.nouns)
            or c.dep_ == "dobj" for c in verb.children)

    def _out_of_role(self, verb: Token, event_type: str) -> bool:
        """Whether those who do the act cannot do one of its type: athletes, artists or cooks ('performers': 'the
        champion is fighting for his title'), firms ('businesses': 'the firm dismantled its smelter') or
        commentators ('commentators': 'economists cautioned that a slump might follow'), named by a common noun
        of that word class, whose acts of other types than those of their rule are play, trade or comment; and
        aid agencies, rights groups, doctors or schools (`forecasting_sectors`), whose warning is a forecast.
        The doers are the subject, read through a relative pronoun or the verb a subjectless one is joined to."""
        doers = self._doers(verb if verb.pos_ in ("VERB", "AUX") else verb.head, shared=True, agent=False)
        return any(event_type not in self.rules[done] and any(
            d.pos_ != "PROPN" and not d.ent_type_ and d.lemma_.lower() in self.classes[roles]  # not James Baker
            for d in doers) for roles, done in (("performers", "performed"), ("businesses", "traded"),
                                                ("commentators", "commented"))) or (
            event_type == "THREATEN" and any(in_sectors(d, self.rules["forecasting_sectors"]) for d in doers))

    def _briefing(self, noun: Token) -> bool:
        """A press conference held alone is a statement to reporters, not a meeting of actors (one held
        "alongside" or "with" someone is: rule ``noun:conference+alongside``)."""
        return any(c.dep_ == "compound" and c.lower_ in self.classes["press_words"] for c in noun.children) \
            and not any(p.dep_ == "prep" and p.lower_ in TOGETHER
                        for h in (noun, noun.head) for p in h.children) \
            and not any(c.dep_ == "nsubj" and c.conjuncts for c in noun.head.children)  # "X and Y held a ..."

    def run(self) -> list[Event]:
        events: list[Event] = []
        triggers = self._triggers()
        self.acts = {t.token.i for t in triggers} | {t.noun.i for t in triggers if t.noun is not None}
        for trig in triggers:
            self._emit(trig, events)
        # A noun only mentioning an event ("since the 1994 truce") leaves the sentence's own act to the model.
        covered = {e.sentence_idx for e in events if not e.rule.startswith("mention:")} | self.vetoed
        for trig in self._model_triggers(covered) + self._clause_triggers(covered):
            if trig.noun is not None or trig.token.lemma_ not in self.classes["no_acts"]:  # "bodies were found"
                self._emit(trig, events)
        return self._refer_back(events)

    def _emit(self, trig: Trigger, events: list[Event]) -> None:
        """Add the event a trigger stands for (and the accusation a quote makes), if someone acts in it."""
        verb = trig.token
        if self._requested(verb) or self._celebrating(trig):
            return
        if self._unacted(verb):
            self.vetoed.add(self.sents.index(verb))  # "the cyclone destroyed homes": the model stays silent too
            return
        if self._out_of_role(verb, trig.event_type):
            # "the boxer threw in the towel": a bout, no concession; "rights groups warned that raids had led to
            # abuse": a forecast. The model stays silent too.
            self.vetoed.add(self.sents.index(verb))
            return
        sources, targets = self._participants(verb, trig.noun, kind=trig.event_type)
        struck = trig.noun if trig.noun is not None else trig.shown  # "an Israeli airstrike killed": its noun shown
        striker = self._striking_state(struck) if not sources and struck is not None else None
        if striker is not None:
            sources = [striker]  # "Israeli airstrikes hit southern Lebanon": Israel
        if trig.undergone:  # held "at Fuerte Tiuna" names where, not whom
            sources, targets = [], sources + ([] if trig.rule.startswith("held:") else targets)
        if trig.rule.startswith("sides:"):  # "clashes with Malian soldiers": each side named fights (PLOVER's actors)
            sources, targets = sources + targets, []
        taker = next((o for p in verb.children if p.dep_ == "prep" and p.lower_ == "to" for o in p.children
                      if o.dep_ == "pobj"), None) if trig.rule.startswith("fallen:") else None
        if taker is not None:  # "the town fell to the rebels": they took it, from whoever held it
            sources = self._actors_of(taker)
            targets = [m for c in verb.children if c.dep_ == "nsubj" for m in self._actors_of(c)]
        if trig.rule.startswith("drawn:"):  # "drew condemnation from governments": the governments condemned
            sources = [m for h in (verb, trig.noun) if h is not None for p in h.children
                       if p.dep_ == "prep" and p.lower_ == "from" for o in p.children if o.dep_ == "pobj"
                       for m in self._actors_of(o)]
            targets = [m for m in targets if all(m.actor_id != s.actor_id for s in sources)]
        blamed_name = None
        if trig.accused is not None:  # "said Hamas bore responsibility": whom the clause blames, not oneself
            blamed, blamed_name = self._blamed(trig.accused, anyone=trig.event_type == "THREATEN")
            targets = [m for m in blamed if all(m.actor_id != s.actor_id for s in sources)]
            if not targets and blamed_name is None:
                return
        if not targets and trig.content is not None:  # "warned that his men would attack the UN convoy"
            targets = self._participants(trig.content, None, borrow=False)[1]
        speaker = self._speaker_of(verb)
        if trig.rule.startswith("quote:") and speaker is not None:
            # The speaker accuses whoever the word names: "an act of aggression by Russia".
            sources = [speaker]
            targets = [m for c in verb.children if c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "by"
                       for t in (c, *c.children) if t.dep_ in ("poss", "pobj") for m in self._actors_of(t)]
        rule = trig.rule + ("+source:demonym" if striker is not None else "")
        # A visit, or one promised ("said he would travel to Colombo"): whom it goes to.
        if ((trig.event_type, trig.mode) == ("CONSULT", "visit") or trig.rule.startswith(("promise:", "commitment:"))
                ) and (visited := self._visited(verb, trig.noun, sources, targets)):
            targets, rule = targets + visited, f"{rule}+target:place"  # "arrived in Nairobi": Kenya, by the gazetteer
        named = (self._phrase(taker) if taker is not None else self._unlinked_subject(verb, trig.noun)) \
            if not sources and not trig.undergone else None
        # Blame needs someone named, as attacker or as victim: '"For 35 years they fought,"
        # Trump said' accuses no one.
        accusing = self.rules["accusing"]
        accuses = (speaker is not None and bool({trig.event_type, f"{trig.event_type} {trig.mode}"} & accusing)
                   and bool(sources or targets)
                   and all(m.actor_id != speaker.actor_id for m in sources))
        # "Twelve herders were shot": an event with its victims named, whoever did it; a verb conjoined
        # with no subject of its own shares them ("were arrested in March and freed in May").
        shared = verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        undergoing = ("nsubjpass", "nsubj") if self._done_by(verb) else ("nsubjpass",)  # "five soldiers killed in"
        suffered = any(c.dep_ in undergoing and self._patient(c, trig.event_type) and (
            trig.noun is None or c.i != trig.noun.i) for c in (*verb.children, *(verb.head.children if shared else ()))
        ) or verb.dep_ == "acl" and (among := self._among_those(verb)) is not None and self._patient(
            among, trig.event_type)  # "among those arrested were several members of the strike council"
        acted = bool(sources or targets or named is not None or trig.anonymous or suffered
                     or trig.event_type in self.rules["coercive"] and not trig.rule.startswith("model")
                     and self._someone_unnamed(verb))
        if not acted and not accuses:
            return  # an event with no one acting in the text is no ledger entry
        sent = self.sents.of(verb)
        ends = [trig.shown.i] if trig.shown is not None else [verb.i, (trig.noun or verb).i]
        ends += [verb.i] if "+in:" in trig.rule else []  # "were killed in clashes": the deaths and their event
        ends += [trig.content.i] if trig.content is not None else []  # "warned that X would attack"
        ends += [trig.accused.i] if trig.accused is not None else []  # "said Hamas bore responsibility"
        # "vowed to hunt him down": the vow shown with what it holds out, also through a verb of aspect
        # ("vowed that the group would keep fighting").
        carrier = self._carrier(verb)
        if trig.rule.startswith(("promise:", "threat:")) and carrier.dep_ in ("xcomp", "ccomp", "advcl") \
                and carrier.head.lemma_ in self.classes["promise_heads"] | self.classes["vowing"]:
            ends.append(carrier.head.i)
        if trig.noun is None and verb.dep_ == "acl" and verb.head.lemma_.lower() in self.frames.nouns:
            ends.append(verb.head.i)  # "talks hosted by X": the talks are the event the participle describes
        first = noun_start(self.sdoc[min(ends)])  # a hyphenated noun read whole is shown whole: "shoot-out"
        t_start, t_end = first.idx, self.sdoc[max(ends)].idx + len(self.sdoc[max(ends)])
        info = EVENT_TYPES[trig.event_type]
        modality = self._modality(verb)
        date, precision, date_text = self._when(verb, ahead=modality == "future")
        location, country, lat, lon = self._where(verb, trig.noun)
        targets, implied = self._implied_target(trig, sources, targets, country)
        rule += implied
        # Whom an act names by words no actor stands for, when it has no target: "the rebel Front" is no one's
        # target in "clashes with the rebel Front", where each side named fights.
        if trig.accused is not None:
            unlinked = blamed_name  # "said the opposition was to blame"
        elif targets or trig.rule.startswith("sides:"):
            unlinked = None
        elif taker is not None:  # the place taken, if no actor stands for it
            unlinked = next((self._phrase(c) for c in verb.children if c.dep_ == "nsubj"), None)
        else:
            unlinked = self._unlinked_subject(verb, trig.noun) if trig.undergone else self._unlinked_object(
                verb, trig.noun)
            if unlinked is not None and not self._mutual(verb, trig.noun, trig.event_type) and any(
                    f" {clean_name(unlinked.lower())}".endswith(f" {clean_name(m.text.lower())}") for m in sources):
                unlinked = None  # "troops were massed": the forces moved are its source, not its target too
        event = Event(
            doc_id=self.doc_id, idx=len(events), sentence_idx=self.sents.index(verb),
            start=sent.start_char, end=sent.start_char + len(sent.text.rstrip()),
            trigger_start=t_start, trigger_end=t_end, trigger=self.text[t_start:t_end],
            event_type=trig.event_type, mode=trig.mode, quad=info.quad,
            cameo=cameo(trig.event_type, trig.mode, promised=trig.rule.startswith(("promise:", "terms:"))),
            intensity=score(trig.event_type, trig.mode),
            source_ids=[m.actor_id for m in sources if m.actor_id],
            source_names=[m.actor_name or m.text for m in sources] or ([named] if named else []),
            target_ids=[m.actor_id for m in targets if m.actor_id],
            target_names=[m.actor_name or m.text for m in targets] or ([unlinked] if unlinked else []),
            # "did not rule out sanctions": the "not" makes the threat, it does not deny it
            negated=self._negated(verb, trig.noun) and not trig.rule.startswith("threat:not-ruled-out"),
            modality=modality,
            date=date, date_precision=precision, date_text=date_text, location=location,
            location_country=country, latitude=lat, longitude=lon,
            confidence=round(trig.score, 3) if trig.score is not None else
            0.9 if sources and targets else 0.6 if sources or targets else 0.3, rule=rule,
        )
        if event.negated and trig.event_type in self.rules["refusable"] and (
                event.modality != "hypothetical" or self._refuses(verb)):
            # Refusing cooperation is an act of its own: "will not lift the embargo", "would
            # not accept warships", "failed to reach a deal" are PLOVER REJECT, not negated.
            reject = EVENT_TYPES["REJECT"]
            event = replace(event, event_type="REJECT", mode=None, quad=reject.quad, cameo=reject.cameo,
                            intensity=reject.score, negated=False, rule=f"refuse:{rule}")
            if not targets and "REJECT" in self.rules["conditioned"] and (targets := self._on_condition(verb)):
                # "will not lift the embargo until Hanoi accounts for the missing": aimed at Hanoi
                event = replace(event, target_ids=[m.actor_id for m in targets if m.actor_id],
                                target_names=[m.actor_name or m.text for m in targets])
        if acted:
            if not targets and (ref := self._act_referred(trig)) is not None:
                self.reacting_to[event.idx] = ref  # "condemned the seizure": whoever seized, once all are coded
            events.append(event)
            self.done.append((verb, trig.noun, event))
            self.coded |= {verb.i, (trig.noun or verb).i}
        if accuses and speaker is not None:
            # The quote's own act is the speaker accusing whoever it names as the attacker.
            accuse = EVENT_TYPES["ACCUSE"]
            events.append(replace(
                event, idx=len(events), event_type="ACCUSE", mode="allege", quad=accuse.quad,
                cameo=accuse.cameo, intensity=score("ACCUSE", "allege"), source_ids=[speaker.actor_id or ""],
                source_names=[speaker.actor_name or speaker.text], target_ids=event.source_ids,
                target_names=[m.actor_name or m.text for m in sources], modality="asserted",
                confidence=0.9 if sources else 0.6, rule=f"quote-accuse:{rule}"))


def find_events(sdoc: Doc, doc_id: str, mentions: list[Mention], actor_at: dict[int, Mention],
                quotes: list[Quote], frames: Frames, published: str | None = None, model: EventModel | None = None,
                threshold: float = 0.5, dateline: Dateline | None = None, clause_threshold: float = 0.9) -> list[Event]:
    """All events of one parsed document: ``frames`` first, then the model where no frame matched.
    Dates resolve against ``published``; the ``dateline`` dates and places no event."""
    return DocumentEvents(sdoc, doc_id, mentions, actor_at, quotes, frames, published, model, threshold,
                          dateline, clause_threshold).run()
