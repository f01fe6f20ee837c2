"""The PLOVER type of a verb or of the event noun a light verb carries, for the events stage.

The frames' lexicon gives a lemma's type; guards refine it by the words around it (its object,
what it is sent as, what for: "lifted the curfew", "deployed as peacekeepers"), vetoes rule an
event out ("offered condolences", "fight the outbreak"), and a few verbs are typed by their
grammar ("called on X to" a request, "charged X with" an accusation, "arrived in Nairobi" a visit).
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

from newsledger.pipeline.actor_institutions import ARMED_SECTORS
from newsledger.pipeline.event_journeys import Journeys
from newsledger.pipeline.event_modality import calls_on
from newsledger.pipeline.event_trigger import (
    AGENTS,
    ARMED,
    GUARD_PREPS,
    VETO,
    armed,
    event_key,
    in_right_after,
    in_sectors,
    infinitive,
    phrasal_key,
    quoted_name,
)

# Prepositions whose object counts as a verb's object for a guard: "agreed to a ceasefire", "deployed as
# peacekeepers", "broke through the barricades", "placed under house arrest".
OBJECT_PREPS = ("to", "as", "from", "into", "onto", "through", "under", "with")
# Who hijacks what they seize: rebels, unnamed gunmen and criminals ("pirates"), not a state's forces.
HIJACKERS = ("REB", "UAF", "CRM")
# The sectors of armed men and police, who deploy and break in.
FORCES = (*ARMED, "COP")
# Armed men of every kind and police, whose flight is a retreat.
FLEEING_FORCES = ARMED_SECTORS | {"COP"}


class Typing(Journeys):
    """The type a document's verbs and event nouns name, read from the frames."""

    def _noun_type(self, verb: Token, noun: Token) -> tuple[str, str | None]:
        """The type a light verb's noun names, refined by its modifiers and the verb."""
        lemma = event_key(noun, self.frames.nouns)
        mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
        if lemma == "strike":
            # "air strikes"; "Israel's air force carried out strikes"
            if mods & self.classes["armed_strike"] or armed(
                    next((c for c in verb.children if c.dep_ == "nsubj"), None)):
                return "ASSAULT", "aerial" if mods & {"air", "drone"} else None
            return "PROTEST", "hunger" if "hunger" in mods else "strike"
        if lemma in ("ceasefire", "truce") or mods & {"ceasefire", "truce", "armistice"}:
            return self._ceasefire(verb)
        if verb.lemma_ in self.classes["signing"] and lemma in self.classes["agreements"]:
            return "SUPPORT", None
        if verb.lemma_ in self.classes["mediating"] and verb.lemma_ in self.frames.verbs:
            return self.frames.verbs[verb.lemma_]  # "a deal brokered by Qatar": the mediation, not the deal
        # [noun_guards]: a word of the noun's phrase names the act more closely ("a scathing attack on",
        # "joint exercises", "the deployment of troops on a peacekeeping mission").
        heads = [o for h in {noun, verb} for p in h.children if p.dep_ == "prep" and p.lower_ in GUARD_PREPS
                 for o in p.children if o.dep_ == "pobj"]  # or on the verb: "announced the deployment ... on a mission"
        heads += [c for o in heads for c in o.conjuncts]
        modifiers = {c for h in (noun, *heads) for c in h.children if c.dep_ in ("amod", "compound", "nmod")}
        words = {w for t in (*heads, *modifiers) for w in (t.lemma_.lower(), t.lower_)}
        for lemmas, event_type, mode in self.frames.noun_guards.get(lemma, []):
            if words & lemmas:
                return event_type, mode
        return self.frames.nouns[lemma]

    def _gapped(self, verb: Token) -> bool:
        """A participle whose passive auxiliary a coordination leaves out ("the port had been shut, the
        bridges closed and a curfew imposed"): its subject is what was done, as a
        passive's. The parser may call it a past tense, or hang it beside the passive on their verb.
        A subject that can act ("the rebels", "the army", a name) makes it an active verb instead:
        "the town was shelled and the rebels retreated"."""
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN", "NUM")), None)
        if subject is None or verb.tag_ not in ("VBN", "VBD") or verb.dep_ not in ("conj", "ccomp") or any(
                c.dep_ in ("aux", "auxpass", "dobj", "neg") for c in verb.children):
            return False
        # "a state of emergency" is a state of things: a head's "of" phrase says what it is.
        heads = [o for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
                 for o in p.children if o.dep_ == "pobj"] or [subject]
        if any(t.i in self.actor_at or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.lemma_.lower()
               in AGENTS.nouns or t.lemma_.lower() in self.classes["protesters"] for t in heads):
            return False
        passives = ([verb.head] if verb.dep_ == "conj" else [
            c for c in verb.head.children if c.dep_ in ("ccomp", "conj") and c.i < verb.i]) + [
            c for c in verb.children if c.dep_ in ("ccomp", "conj") and c.i < verb.i]
        return any(c.dep_ == "auxpass" for p in passives for c in p.children) or any(
            self._gapped(p) for p in passives)  # the third of three: "..., X closed and Y declared"

    def _referent(self, tok: Token) -> Token:
        """What an object pronoun stands for, for a guard: the nearest thing before it, in its sentence or
        the one before, that a verb acted on or that acted ("imposed a curfew on Monday ... lifted it on
        Friday"); any other word is itself. People and actors are left out: "it" and "them" are things here.
        A relative pronoun stands for what its clause describes: "Mr. Rahman, who has been held" holds a person."""
        if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":
            return tok.head.head
        if tok.lower_ not in ("it", "them") or tok.dep_ != "dobj":
            return tok
        first = self.sents.spans[max(0, self.sents.index(tok) - 1)].start
        return next((t for t in reversed(self.sdoc[first:tok.i]) if t.pos_ == "NOUN" and t.i not in self.actor_at
                     and t.dep_ in ("dobj", "nsubj", "nsubjpass") and t.ent_type_ == ""), tok)

    def _ceasefire(self, verb: Token) -> tuple[str, str | None]:
        return self.frames.ceasefire_by_verb.get(verb.lemma_, ("RETREAT", "ceasefire"))

    def _verb_type(self, tok: Token) -> tuple[str, str | None] | None:
        """A verb's type from the frames, where violence done by a crowd is the manual's riot: "protesters
        stormed parliament", "the mob set fire to the office" (PROTEST riot, not an ASSAULT by an armed party)."""
        typed = self._framed_verb_type(tok)
        if typed is not None and typed is not VETO and typed[0] == "ASSAULT" \
                and tok.lemma_ not in self.classes["stoning"] and any(
                w.lemma_.lower() in self.classes["rioting_crowds"]
                for c in tok.children if c.dep_ == "nsubj" for w in self._counted(self._antecedent_of(c))):
            return "PROTEST", "riot"
        if typed == ("COERCE", "arrest") and tok.lemma_ == "hold" and self._subject_of(tok, HIJACKERS, agent=True):
            # The people the guard found held by rebels, gunmen or criminals ("the militia was holding two aid
            # workers", "the engineer held by kidnappers") are abducted (ASSAULT abduct), not a state's detainees.
            return "ASSAULT", "abduct"
        if typed is not None and typed is not VETO and tok.lemma_ in self.classes["flights"] \
                and self._subject_of(tok, FLEEING_FORCES):
            # Armed men who flee ("the attackers fled into the hills", "the rebels fled, leaving their dead") give
            # ground (RETREAT); the lexicon's SANCTION expel is for the people an attack or a purge drives out.
            return "RETREAT", None
        return typed

    @staticmethod
    def _counted(subject: Token) -> list[Token]:
        """A subject and, where it counts them, whom it counts: "thousands of protesters", "a group of rioters"."""
        if subject.pos_ == "NUM" or subject.ent_type_ == "CARDINAL" or subject.lemma_.lower() == "group":
            return [subject, *(g for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
                               for g in p.children if g.dep_ == "pobj")]
        return [subject]

    def _framed_verb_type(self, tok: Token) -> tuple[str, str | None] | None:
        """A verb's type: by its object for guarded verbs ("lifted the curfew"), else the lexicon's;
        ``VETO`` where a frame says the verb is no event here (the model then stays silent too)."""
        phrasal = phrasal_key(tok)  # "call off"
        frames = self.frames
        if tok.lemma_ not in frames.verbs and tok.lemma_ not in frames.objects \
                and tok.lemma_ not in self.classes["special_verbs"] and tok.lemma_ not in frames.vetoes \
                and phrasal not in frames.objects and phrasal not in frames.verbs:
            return None
        if tok.dep_ == "xcomp" and tok.lemma_ in frames.vetoes.get(tok.head.lemma_, frozenset()):
            return VETO  # "declined to discuss the role of the CIA": no comment, and no talks either
        if tok.lemma_ in self.classes["asking"] and not any(c.dep_ == "xcomp" for c in tok.children) and any(
                g.dep_ == "mark" and g.lower_ in ("whether", "if") or g.tag_ in ("WRB", "WP") and g.head.dep_ == "ccomp"
                and g.head.head.i == tok.i for g in tok.subtree if g.i > tok.i):
            # "asked whether the talks would resume", "asked me if the soldiers would come back", "asked what had
            # happened": a question; not "asked the court to say what ...", nor "asked for a recount where ..."
            return VETO
        states = self.classes["states"]
        if tok.tag_ == "VBN" and (tok.dep_ in ("acomp", "xcomp", "oprd") and tok.head.lemma_ in states or any(
                c.dep_ == "auxpass" and c.lemma_.removesuffix("s") in states for c in tok.children)):
            return VETO  # "the bid remains blocked" (the parser may take "remains" for an auxiliary): a state
        if tok.lemma_ in self.classes["necessity"] and any(c.dep_ == "auxpass" for c in tok.children) and any(
                c.dep_ == "xcomp" for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children):
            return VETO  # "Russia would be forced to take counter-measures": had to, no one named forcing
        if tok.lemma_ in self.classes["journeys"] and tok.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in self.classes["timing_marks"] for c in tok.children):
            return VETO  # "shells fell while the president was visiting", "since the battalion arrived": a date
        if tok.lemma_ in self.classes["equipping"] and tok.tag_ == "VBN" and (tok.dep_ in ("acl", "amod") or any(
                c.dep_ == "auxpass" for c in tok.children)) and any(
                c.dep_ == "prep" and c.lower_ == "with" for c in tok.children) and not any(
                c.dep_ in ("agent", "dobj") for c in tok.children):
            return None  # "gunmen armed with rifles", "were armed with knives": what they carried, no one arming them
        direct = [self._referent(c) for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "dative")
                  or c.dep_ == "nsubj" and self._gapped(tok)]  # "... and a state of emergency declared"
        if tok.dep_ in ("acl", "relcl") and not any(c.dep_ == "dobj" and c.tag_ != "WDT" or c.dep_ == "nsubj"
                                                     and c.tag_ in ("WP", "WDT") for c in tok.children):
            # "the accord, signed by X", "the text which the sides finalised"; not "the envoy, who signed"
            direct.append(tok.head)
        objects = {c.lemma_.lower() for d in direct for c in (d, *d.conjuncts)} | {  # "its rejection and condemnation"
            g.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS
            for g in c.children if g.dep_ == "pobj"} | {  # "agreed to a ceasefire", "deployed as peacekeepers"
            g.lemma_.lower() for a in tok.children if a.dep_ == "advmod" and a.lower_ == "away"  # "walked away from
            for c in a.children if c.dep_ == "prep" and c.lower_ == "from"  # the talks"
            for g in c.children if g.dep_ == "pobj"} | {
            g.lemma_.lower() for d in direct for c in (d, *d.conjuncts) for p in c.children  # "lifted a state of
            if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"} | {  # emergency"
            g.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"  # "relieved of his post"
            and tok.lemma_ in self.classes["depriving"] for g in c.children if g.dep_ == "pobj"}
        if tok.lemma_ in self.classes["seizing"]:  # "the body was taken to the city": a destination, no place seized
            objects -= {g.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
                        for g in c.children if g.dep_ == "pobj"} & self.classes["territory"]  # not "to the streets"
        # "declined to comment" is no refusal; refusing to respond to someone's request is one.
        complements = {c.lemma_.lower() for c in tok.children if c.dep_ == "xcomp" and not any(
            g.lemma_.lower() in self.classes["demands"] for p in c.children if p.dep_ == "prep" for g in p.children)}
        # The parse also hangs what the object is made to do on the object: "sending passengers running".
        complements |= {g.lemma_.lower() for c in tok.children if c.dep_ == "dobj" for g in c.children
                        if g.dep_ == "acl" and g.tag_ == "VBG"} | {  # or on the verb, right after the object
            c.lemma_.lower() for c in tok.children if c.dep_ == "advcl" and c.tag_ == "VBG" and any(
                d.dep_ == "dobj" and d.right_edge.i + 1 == c.i for d in tok.children)}
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in self.classes["forces_of_nature"] for c in tok.children):
            return VETO  # "a storm hit the coast", "the virus killed hundreds": no one acted
        if tok.lemma_ in self.classes["ergative"] and not direct and any(
                c.dep_ == "nsubj" and not self._someone(self._antecedent_of(c)) for c in tok.children):
            return VETO  # "while shops burned": a thing burning, no one acting
        # The object's own words count for a guard, and those of what it is sent as: "peacekeeping forces",
        # "election observers", "deployed two companies as a peacekeeping contingent". A guard
        # names the act more closely than a veto: "gave the FBI access to a transcript" grants access.
        roles = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children]
        # Not those of a figure or a report, which say what it is about: "put the casualty figure at 40" kills no one.
        compounds = {g.lemma_.lower() for d in direct + roles if d.lemma_.lower() not in self.classes["information"]
                     for g in d.children if g.dep_ in ("compound", "amod")}
        if not direct and tok.dep_ in ("ccomp", "xcomp"):
            # "ordered the border closed": what a verb used without object is done to is its subject.
            compounds |= {c.lemma_.lower() for c in tok.children if c.dep_ == "nsubj"}
        # And what the act is for: "sent experts to Riyadh to investigate the attack" is an investigation.
        purposes = {c.lemma_ for c in tok.children if c.dep_ in ("xcomp", "advcl") and infinitive(c)}
        # A named object counts by its entity label, a word in capitals for a guard: "seized Sanaa" takes a GPE.
        labels = {d.ent_type_ for d in direct if d.ent_type_} | {  # and of what: "took control of Mogadishu"
            g.ent_type_ for d in direct for p in d.children if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children if g.dep_ == "pobj" and g.ent_type_} | {  # or whom it names: "hanged the poet
            g.ent_type_ for d in direct for g in d.children if g.dep_ == "appos" and g.ent_type_}  # Jan Novak"
        # And the state the act leaves its object in: "set the depot ablaze", "setting the shops alight" (not a
        # participle describing someone: "engineers, held captive by rebels, were released" is background).
        labels |= {c.lemma_.lower() for c in tok.children if (c.dep_ in ("oprd", "acomp", "advmod", "ccomp")
                   and c.pos_ == "ADJ" or c.dep_ == "oprd" and c.pos_ == "NOUN")  # "had been taken prisoner"
                   and tok.dep_ != "acl"}  # the parser may take the adjective for a clause
        # Or a bare noun after "on" that says the same: "set the buses on fire", "put the troops on alert".
        labels |= {g.lemma_.lower() for c in tok.children if c.dep_ == "prep" and tok.dep_ != "acl"
                   for g in c.children if self._state_left(g)
                   or c.lower_ == "at" and g.lemma_.lower() in self.classes["held_at"]}  # "held at gunpoint"
        if tok.lemma_ == "try" and any(c.dep_ == "xcomp" for c in tok.children):
            return None  # "will try to reject it": an attempt; "try" codes a trial ("would try him for treason")
        if tok.lemma_ == "blame" and tok.dep_ == "xcomp" and tok.head.lemma_ == "be":
            return None  # "the opposition was to blame": blamed, not blaming (pipeline/event_blame.py)
        if tok.lemma_ in self.classes["seizing"] and any(t.lemma_.lower() in self.classes["coups"] for t in tok.sent):
            return "COERCE", None  # "troops took control of the capital in a coup": the manual's extra-systemic step
        if objects & self.classes["barricades"] and phrasal in self.classes["building_verbs"] and not self._subject_of(
                tok, FORCES):
            return "PROTEST", "obstruct"  # "residents built barricades", "barricades of burning tyres were set up"
        if tok.lemma_ == "give":
            # A span of time given, which the parse may take for an adverb: "gave the ambassador two days to leave".
            objects |= {c.lemma_.lower() for c in tok.children if c.dep_ == "npadvmod"} & self.classes[
                "ultimatum_spans"]
            if objects & self.classes["ultimatum_spans"] and objects & self.classes["envoys"] and any(
                    t.lemma_ in self.classes["departing"] for t in tok.subtree):
                return "SANCTION", "expel"  # "gave the envoys 72 hours to leave": expelled (as "ordered ... to leave")
        guards = self.frames.objects.get(phrasal, []) if phrasal != tok.lemma_ else []
        # A phrasal verb's own guards read what it leaves too: "pulled out of the bloc", and what "in" takes (not the
        # bare verb's: "took civilians out of the city" takes no territory).
        left = {g.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ == "out" for p in c.children
                if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"} | {
            g.lemma_.lower() for c in tok.children if in_right_after(tok, c)
            for g in c.children if g.dep_ == "pobj"}  # "called in the army", parsed as a preposition
        for lemmas, event_type, mode in guards:
            if (objects | left | compounds | purposes | labels) & lemmas:
                return event_type, mode
        for lemmas, event_type, mode in self.frames.objects.get(tok.lemma_, []):
            if (objects | compounds | purposes | labels) & lemmas:
                return event_type, mode
        if tok.lemma_ in self.classes["reproaching"] and any(c.dep_ == "prep" and c.lower_ == "for" and any(
                g.dep_ == "pcomp" for g in c.children) for c in tok.children):
            return "ACCUSE", "disapprove"  # "attacked the cabinet for failing to act": a criticism, not an assault
        # Where it happened counts for a veto too: "beat Brazil in the qualifier" is a match.
        settings = {g.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "during")
                    for g in c.children if g.dep_ == "pobj"}
        # And by whom, for what or of what: "supported by steel cables", "fighting for his title", "warned of
        # heavy rain".
        settings |= {g.lemma_.lower() for c in tok.children if c.dep_ in ("prep", "agent")
                     and c.lower_ in ("by", "for", "of") for g in c.children if g.dep_ == "pobj"}
        # A passive joined to another shares its subject, for a veto: "samples were taken ... and were sent to a
        # laboratory" (not for a guard: people "charged and being held" are not arrested again).
        if tok.dep_ == "conj" and any(c.dep_ == "auxpass" for c in tok.children) and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            objects |= {self._referent(c).lemma_.lower() for c in tok.head.children if c.dep_ == "nsubjpass"}
        if (objects | complements | settings) & self.frames.vetoes.get(tok.lemma_, frozenset()):
            return VETO  # "fight the outbreak": no one is attacked; "declined to comment": no refusal
        if phrasal != tok.lemma_ and phrasal in self.frames.verbs:
            return self.frames.verbs[phrasal]  # "backed down" is no backing
        if tok.lemma_ in self.classes["assembling"] and any(
                c.dep_ == "nsubj" and any(w.lemma_.lower() in self.classes["protesters"] | self.classes["followers"]
                                          or AGENTS.nouns.get(w.lemma_.lower()) in self.rules["assembling_sectors"]
                                          for w in self._counted(self._antecedent_of(c))) for c in tok.children):
            return "PROTEST", "demo"  # "thousands of his supporters gathered outside the palace", "students massed"
        if tok.lemma_ in self.classes["complaints"] and self._official_complaint(tok):
            return "ACCUSE", "disapprove"  # "Norway's foreign ministry protested to Moscow": diplomatic
        if tok.lemma_ in self.classes["obstructions"] and any(
                c.dep_ == "nsubj" and self._protesting(self._antecedent_of(c)) for c in tok.children):
            return "PROTEST", "obstruct"  # "protesters blocked the highway", "farmers barricaded the road"
        if tok.lemma_ == "receive" and any(c.dep_ == "dobj" and (
                c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG") or c.lemma_.lower() in self.classes["hosted"])
                                           for c in tok.children):
            return "CONSULT", "visit"  # "the prime minister received the ambassador", "received the visiting premier"
        if tok.lemma_ == "charge" and (objects & self.classes["crowds"] or any(
                c.dep_ == "prep" and c.lower_ == "with" and any(g.lemma_.lower() in self.classes["crowd_control"]
                                                                for g in c.children) for c in tok.children)):
            return "ASSAULT", None  # "charged the crowd with batons": the manual's crowd control, no accusation
        if tok.lemma_ == "charge" and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
            return "ACCUSE", "allege"  # "charged Erdogan with terrorism"
        if tok.lemma_ in self.classes["ordering"] | {"tell"} and any(
                c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in self.classes["envoys"] for c in tok.children) \
                and any(c.dep_ == "xcomp" and c.lemma_ in self.classes["departing"] for c in tok.children):
            return "SANCTION", "expel"  # "ordered the ambassador to leave", "the envoy was told to leave": expelled
        if self._orders(tok):  # "ordered the guerrilla organisations to hand over their weapons"
            return "REQUEST", None  # the manual: "all requests, demands, and orders"
        if tok.lemma_ == "meet" and not direct and not any(c.dep_ == "prep" and c.lower_ in ("with", "between")
                                                           for c in tok.children) and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in self.classes["sitting_bodies"] and not c.conjuncts
                for c in tok.children):
            return VETO  # "the Security Council met in emergency session": a body's own sitting, no talks
        if tok.lemma_ == "dissolve" and objects & self.classes["legislatures"]:
            # "the junta dissolved Congress" is the manual's extra-systemic step (COERCE: autocoups, coups);
            # "dissolved parliament and called early elections", "clearing the way for a general election" ends a
            # term, no event; an election only promised or annulled ("promising elections within two years") leaves
            # it a coup's step.
            return VETO if any(t.lemma_.lower() in self.classes["contests"] and (
                t.head.lemma_ in self.classes["calling_contests"] or t.head.lower_ in ("for", "before")
                or t.head.lower_ == "of" and t.head.head.lower_ == "ahead") for t in tok.sent) else ("COERCE", None)
        if tok.lemma_ == "raid" and (self._subject_of(tok, ("COP",)) or self._subject_of(tok, ("MIL",))
                                     and objects & self.classes["searched"]):
            return "COERCE", "seize"  # "police raided the offices": the manual's "execute search, raid"
        if tok.lemma_ in self.classes["rescuing"] and self._rescues(tok):
            return "AID", None  # "commandos raided the warehouse and freed the drivers", "freed by a crowd"
        if tok.lemma_ in self.classes["policed"] and self._subject_of(tok, ("COP",), agent=True):
            return "COERCE", "arrest"  # "police captured the fugitive", "was captured by police"
        if tok.lemma_ == "find" and any(c.lower_ == "guilty" for c in tok.children):
            return "SANCTION", "convict"  # "found X guilty"
        if tok.lemma_ == "return" and direct and any(
                g.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") or g.lemma_.lower() in self.classes["recipients"]
                for c in (*tok.children, *(t for d in direct for t in d.subtree))  # "to" may hang on the object
                if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"):
            return "RETREAT", "release"  # "returned the manuscripts to Georgia", not "returned home"
        if tok.lemma_ in self.classes["sending"] and (moved := self._moved(tok, direct, objects | compounds)):
            return moved
        if tok.lemma_ in ("let", "set") and any(c.lower_ == "free" for c in tok.children):
            return "RETREAT", "release"  # "let free four soldiers"
        if (objects | compounds) & self.classes["empathy"]:
            return VETO  # "offered condolences", "sent a condolence message": an empathetic comment
        counted = {d.lemma_.lower() for d in direct if d.lemma_.lower() in self.classes["quantities"]
                   and any(p.dep_ == "prep" and p.lower_ == "of" for p in d.children)}  # "a number of guards"
        if tok.lemma_ in ("release", "publish") and (objects - counted) & self.classes["information"]:
            return VETO  # "has not released figures for its casualties" frees no one
        if tok.lemma_ in self.classes["answering_force"] and self._will(tok) and not any(
                c.dep_ == "neg" for c in tok.children) and (not direct and not objects or objects & (
                self.classes["held_ground"] | self.classes["force_answered"]) or any(d.pos_ == "PRON" for d in direct)):
            return "THREATEN", "violence"  # "said it would respond", "would resist any invasion", "will defend itself"
        if tok.lemma_ == "defend" and direct and not objects & self.classes["held_ground"] and not any(
                c.dep_ == "prep" and c.lower_ == "against" and not any(
                    g.lemma_.lower() in self.classes["criticisms"] for g in c.children) for c in tok.children):
            # "Lavrov defended Azerbaijan over claims", "defended the decision", "defended the judges against
            # criticism" (against an attack in arms, troops hold ground)
            return "SUPPORT", None
        if tok.lemma_ == "defend":
            return VETO  # troops holding ground: no act of their own, and not the attacker's either
        if tok.lemma_ == "leave" and any(c.ent_type_ in ("GPE", "LOC") for c in direct) and armed(
                next((c for t in (tok, tok.head) for c in t.children if c.dep_ == "nsubj"), None)):
            return "RETREAT", "withdraw"  # "American troops began leaving Afghanistan"
        if tok.lemma_ in self.classes["advancing"] and self._advances(tok):
            if tok.lemma_ in self.classes["repositioning"] and not any(
                    c.dep_ == "prep" and c.lower_ == "against" for c in tok.children):
                return "MOBILIZE", "troops"  # "two battalions moved into the border province": forces deployed
            return "ASSAULT", None  # "Turkish troops advanced", "the army pushed into the town": an offensive
        if tok.lemma_ in self.classes["entering"] and (objects | {d.ent_type_ for d in direct}) & self.classes[
                "territory"] and self._forces_subject(tok):
            return "ASSAULT", None  # "Taliban fighters entered Kabul", "Syrian tanks had entered Jordanian territory"
        if tok.lemma_ in self.classes["breaking_in"] and any(
                c.dep_ == "prep" and c.lower_ == "into" for c in tok.children) and (
                tok.lemma_ != "force" or "way" in objects) and self._subject_of(tok, (*FORCES, "UAF")):
            return "ASSAULT", None  # "the gunmen burst into their quarters", "police burst into the compound"
        if tok.lemma_ in self.classes["capturing"] and self._captured_in_fighting(tok):
            return "ASSAULT", "abduct"  # "the rebels captured eight soldiers", "the hostages seized by gunmen"
        if tok.lemma_ == "lay" and any(c.lower_ == "down" for c in tok.children) and objects & {"arm", "weapon"}:
            return "RETREAT", "disarm"  # "the fighters will lay down their arms" (our own example)
        if tok.lemma_ == "call" and calls_on(tok):
            if any(c.dep_ == "nsubj" and c.lemma_.lower() in self.classes["stating_documents"] for c in tok.children):
                return None  # "the draft agreement calls for the withdrawal of fighters": its terms, no one's request
            return "REQUEST", None  # "called on Russia to release", "called for restraint"
        if tok.lemma_ in self.classes["naming_verbs"] and (judged := self._judged(tok)) is not None:
            return judged  # "called the passage a provocation", "described the accord as a breakthrough"
        if tok.lemma_ == "call" and any(c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or self._actors_of(c))
                                        for c in tok.children) and tok.dep_ != "relcl" and not any(
                c.dep_ in ("oprd", "ccomp", "xcomp", "attr") for c in tok.children):
            # "called his Algerian counterpart on Tuesday"; not "called him a liar", "the city which they call X"
            return "CONSULT", "phone"
        if tok.lemma_ in self.classes["appearing"] and any(
                g.ent_type_ == "PERSON" or g.i in self.actor_at for c in tok.children
                if c.dep_ == "prep" and c.lower_ in ("alongside", "beside") for g in c.children if g.dep_ == "pobj"):
            return "CONSULT", None  # "standing beside President Duque in Cucuta": appearing together, a meeting
        if tok.lemma_ in self.classes["troop_moves"] and (holder := self._troops_moved(tok)) is not None and (
                self._modality(tok) not in ("future", "hypothetical")):
            # "Marines came ashore", "paratroopers flew in", "tanks took up positions"; peacekeepers and the
            # forces of an international body arriving are aid ("the first AU troops landed in Darfur").
            keeping = any(t.lemma_.lower() in self.classes["assistance_personnel"] for t in tok.subtree) or any(
                (m := self.actor_at.get(t.i)) is not None and m.sector == "IGO" for t in holder.subtree)
            return ("AID", None) if keeping else ("MOBILIZE", "troops")
        if tok.lemma_ in self.classes["travelling"] and self._visits(tok):
            return "CONSULT", "visit"  # "Archbishop Tutu arrived in Nairobi", "said he would travel to Sri Lanka"
        if tok.lemma_ in self.classes["expecting"] and self._expects(tok):
            # "said it expected Israel to reopen the crossing"; not a forecast ("diplomats expected ..."), which is
            # no event, nor the act it foresees
            return ("REQUEST", None) if not self._forecast(tok) else VETO
        if tok.lemma_ in self.classes["conversing"] and any(
                c.dep_ == "prep" and c.lower_ in ("with", "to") and any(
                    (g.i in self.actor_at or g.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")) and not self._press(g)
                    for g in c.children if g.dep_ == "pobj") for c in tok.children):
            return "CONSULT", None  # "spoke to the Algerian leadership", "talked with the hijackers"; not the press
        if tok.lemma_ in self.classes["insisting"] and self._insists(tok):
            return "REQUEST", None  # "insisted that any accord must include a mechanism for Kashmir"
        if tok.lemma_ not in self.frames.verbs:
            return None
        if tok.lemma_ in self.classes["signing"] and objects and not objects & (
                self.frames.nouns.keys() | self.classes["agreements"]):
            return VETO  # "signed" an autograph is no agreement
        if tok.lemma_ == "strike" and not any(c.dep_ == "dobj" or c.lower_ in ("back", "at", "against")
                                                for c in tok.children):
            return "PROTEST", "strike"  # "teachers struck": a walkout, not an attack ("struck back at X")
        if tok.lemma_ in ("deny", "reject", "dismiss") and (
                objects & self.classes["denied"] or any(c.dep_ == "ccomp" for c in tok.children)
                or tok.lemma_ == "deny" and not (objects & self.classes["withheld"] or any(
                    c.dep_ == "dative" for c in tok.children))):
            # denying an accusation ("denied any role", "denied it", "which its commanders deny") is a statement
            # (CAMEO's 016, deny responsibility); PLOVER's REJECT refuses requests, and what is denied to
            # someone ("denied them access", "were denied visas") is withheld
            return VETO
        return self.frames.verbs[tok.lemma_]

    def _captured_in_fighting(self, verb: Token) -> bool:
        """Whether a capture or seizure takes combatants ("captured eight soldiers", "fighters had been captured":
        the manual's ASSAULT abduct, not an arrest), people held by armed men ("gunmen seized the
        commissioner", "the athletes seized by guerrillas", "rebels captured 150") or a civilian craft seized by
        rebels, gunmen or criminals, a hijacking ("gunmen seized the cruise liner", "pirates seized a tanker")."""
        taken = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] + ([verb.head] if verb.dep_ == "acl"
                                                                                 else [])
        if any(in_sectors(t, ARMED) and t.lemma_.lower() not in self.classes["warships"] | self.classes["weapons"]
               for t in taken):
            return True  # combatants, not their gunboats or tanks ("seized two Ukrainian gunboats": COERCE seize)
        takers = self._doers(verb)
        if any(t.lemma_.lower() in self.classes["civil_craft"] and not in_sectors(t, ARMED) for t in taken) and any(
                in_sectors(t, HIJACKERS) or any(m.sector in HIJACKERS for m in self._actors_of(t)) for t in takers):
            return True  # a hijacking; a state's navy seizing trawlers or a tanker enforces or confiscates (COERCE)
        return any(in_sectors(t, (*ARMED, "UAF")) for t in takers) and any(
            t.ent_type_ in ("PERSON", "NORP") or t.lower_ in ("him", "her", "them") or t.like_num
            or t.lemma_.lower() in self.classes["captives"] or any(
                c.dep_ == "compound" and c.ent_type_ == "PERSON" for c in t.children) for t in taken) or any(
            in_sectors(t, HIJACKERS) for t in takers) and self._people_taken(taken)

    def _people_taken(self, taken: list[Token]) -> bool:
        """Whether what is taken or held names people: a person by title ("the prime minister"), aid workers,
        tourists (an actor who is a person, or a word our vocabulary gives a sector and no kind of body)."""
        return any(any(m.kind == "person" for m in self._actors_of(t)) or AGENTS.nouns.get(t.lemma_.lower()) is not None
                   and AGENTS.kinds.get(t.lemma_.lower()) is None for t in taken)  # not "the ministry", a body

    def _troops_moved(self, verb: Token) -> Token | None:
        """The armed forces or police that arrive, land, take up positions or stand guard (a deployment): the
        subject ("Marines came ashore", "troops began arriving"), or, in a passive, what was moved ("soldiers
        were posted in Ottawa"); None if no force moves. "come" only ashore, "take" only positions or station,
        "stand" only guard, "head" and "sail" only somewhere."""
        parts = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
        things = {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"}
        if verb.lemma_ == "come" and "ashore" not in parts or verb.lemma_ == "take" and not things & {
                "position", "station"} or verb.lemma_ == "stand" and "guard" not in things:
            return None
        if verb.lemma_ in ("head", "sail") and (things or not any(
                c.dep_ == "prep" and c.lower_ in self.classes["destination_preps"] for c in verb.children)):
            return None  # "destroyers heading for the gulf"; not "headed the delegation"
        holders = (verb, verb.head) if verb.dep_ == "xcomp" else (verb,)  # "troops began arriving"
        return next((s for h in holders for c in h.children if c.dep_ in ("nsubj", "nsubjpass")
                     and in_sectors(s := self._antecedent_of(c), FORCES)), None)

    def _press(self, tok: Token) -> bool:
        """Whether a word names the press: a media outlet ("reporters", "a radio station") or an actor of the
        press's sector ("Al Jazeera"); speaking to it is a statement, not a consultation."""
        return tok.lemma_.lower() in self.classes["media_outlets"] or (
            (m := self.actor_at.get(tok.i)) is not None and m.sector == "JRN")

    def _advances(self, verb: Token) -> bool:
        """Whether armed forces move on a place: onwards ("advanced"), into, on, across or against it ("pushed
        across the border", "moved against guerrilla strongholds"), in a direction ("pushed east") or over a
        crossing ("crossed the border"); what else they move ("moved their trucks out") is no offensive."""
        objects = [c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"]
        if any(o not in self.classes["crossed"] for o in objects):
            return False
        onward = verb.lemma_ == "advance" or bool(objects) or any(
            c.dep_ == "prep" and c.lower_ in self.classes["advancing_preps"] or c.dep_ == "advmod"
            and c.lower_ in self.classes["compass"] for c in verb.children)
        return onward and self._forces_subject(verb)

    def _forces_subject(self, verb: Token) -> bool:
        """Whether a verb's subject is armed men or a body of them, also counted ("Taliban columns", "hundreds of
        fighters in pick-up trucks", "an armoured column"), also the subject of a verb of aspect carrying it
        ("tanks began moving into the capital")."""
        carrier = self._carrier(verb)
        return any(c.dep_ == "nsubj" and any(
            in_sectors(w, ARMED) or w.lemma_.lower() in self.classes["formations"]
            for w in self._counted(self._referent_of(c))) for c in carrier.children)

    def _referent_of(self, subject: Token) -> Token:
        """Who a subject is: what a relative pronoun stands for, or the actor a "they" or "it" refers back to ("the
        rebels said they would march on Bukavu"); any other subject is itself."""
        if subject.lower_ in ("they", "it") and (
                named := self._antecedent(subject) or self._unlinked_antecedent(subject)) is not None:
            return named
        return self._antecedent_of(subject)

    def _subject_of(self, verb: Token, sectors: Collection[str], agent: bool = False) -> bool:
        """Whether a verb's subject is of one of the sectors ("Marines", "police reinforcements"), read through
        a relative pronoun ("FACT, which crossed into Chad"); with ``agent``, the doer of a passive too ("was
        captured by police")."""
        return any(in_sectors(d, sectors) for d in self._doers(verb, agent=agent))

    def _doers(self, verb: Token, shared: bool = False, agent: bool = True) -> list[Token]:
        """Who does what a verb says: its subject (read through a relative pronoun) and, with ``agent``, a
        passive's agent; with ``shared``, those of the verb a subjectless one is joined to ("raided the warehouse
        and freed the drivers", "stormed the farm, freeing six hostages")."""
        while shared and verb.dep_ in ("conj", "advcl") and verb.head.i != verb.i and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            verb = verb.head
        return [self._antecedent_of(c) for c in verb.children if c.dep_ == "nsubj"] + [
            g for c in verb.children if agent and c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]

    def _rescues(self, verb: Token) -> bool:
        """Whether people are freed by forces, police or a crowd (the manual's AID: "Police in Barcelona freed 10
        human trafficking victims"), not released by those who held them ("the kidnappers freed the engineer")."""
        return any(in_sectors(d, ("MIL", "COP")) or d.lemma_.lower() in self.classes["crowds"]
                   for d in self._doers(verb, shared=True))

    def _official_complaint(self, verb: Token) -> bool:
        """Whether a protest is a state's or an official's complaint, made to someone ("protested to Moscow
        through its embassy") or by a government, its forces or a body of states: PLOVER codes diplomatic
        protests ACCUSE disapprove; a crowd's protest stays a PROTEST."""
        official = tuple(self.rules["official_sectors"])
        if any(c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pobj" and self._actors_of(g)
                                                             for g in c.children) for c in verb.children):
            return True
        return self._subject_of(verb, official) or any(c.dep_ == "nsubj" and any(
            m.kind == "state" or m.sector in official for m in self._actors_of(self._antecedent_of(c)))
            for c in verb.children)

    def _protesting(self, subject: Token) -> bool:
        """Whether a subject is a crowd whose obstruction is a protest: protesters, a leader's or a party's
        followers, or people of a civilian sector ("farmers", "students"), also counted ("hundreds of
        farmers", "thousands of his supporters"); a state's forces blocking a road coerce instead."""
        return any(w.lemma_.lower() in self.classes["protesters"] | self.classes["followers"]
                   or AGENTS.nouns.get(w.lemma_.lower()) in self.rules["protesting_sectors"]
                   for w in self._counted(subject))

    def _moved(self, verb: Token, direct: list[Token], words: set[str]) -> tuple[str, str | None] | None:
        """Troops or warships sent to a place are mobilised (the manual's MOBILIZE, "military or police moves
        that fall short of the actual use of force"; ships and vehicles are its 'weapons'): "sent a naval task
        force into the Bay of Bengal". Sent to a state or a party ("sent troops to Rwanda"), to keep a peace,
        promised or offered ("said it would send 600 soldiers", "was ready to send troops"), they stay the
        frames' military aid, which a promise makes an AGREE."""
        mode = "troops" if words & self.classes["military_units"] else (
            "weapons" if words & self.classes["warships"] else None)
        offered = verb.dep_ == "xcomp" and verb.head.lemma_ in self.classes["willing"] | self.classes["promise_heads"]
        # Peacekeepers are aid wherever the clause names them: "sent 200 troops to serve as a peacekeeping force".
        keeping = any(t.lemma_.lower() in self.classes["assistance_personnel"] for t in verb.subtree)
        if mode is None or offered or keeping or self._modality(verb) in ("future", "hypothetical"):
            return None
        to_party = any(g.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") for c in (*verb.children, *(
            t for d in direct for t in d.subtree)) if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for")
            for g in c.children if g.dep_ == "pobj")
        return None if to_party else ("MOBILIZE", mode)

    def _judged(self, verb: Token) -> tuple[str, str | None] | None:
        """What naming something says of it: with a word of blame in what it is named a criticism ("called the
        sailing a provocation", "branded the vote a sham": the manual's ACCUSE, criticize), with a word of
        praise a commendation ("described the accord as a breakthrough": SUPPORT); else nothing."""
        if any(c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") for c in verb.children):
            return None  # "the dissolution of what it called the illegal regime": a name in passing
        # The parse may hang "as" or the adjective it is named on the object: "described the demands as
        # irresponsible" ("as" under "demands", the adjective its amod), "called the launch reckless" (an amod
        # after its noun, which English puts there only as what the noun is called).
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        named_as = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "acomp", "npadvmod")] + [
            g for h in (verb, *objects) for c in h.children if c.dep_ == "prep" and c.lower_ == "as"
            for g in c.children if g.dep_ in ("pobj", "amod", "acomp")] + [
            c for o in objects for c in o.children if c.dep_ == "amod" and c.i > o.i or quoted_name(c)]
        # A word after a hyphen names a kind, not a charge: an "anti-terrorist operation" blames no one.
        words = {t.lemma_.lower() for c in named_as for t in c.subtree if t.i == 0 or t.nbor(-1).text != "-"}
        heads = {c.lemma_.lower() for c in named_as}
        if words & self.classes["blaming_words"] or heads & self.classes["blaming_heads"]:
            return "ACCUSE", "disapprove"
        return ("SUPPORT", None) if words & self.classes["praising_words"] else None
