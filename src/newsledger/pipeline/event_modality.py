"""How an event is reported, for the events stage (``pipeline/events.py``).

Negation ("did not agree"), modality (future, hypothetical, reported or asserted), acts that
are demanded or requested rather than done ("urged X to reopen", "said Qatar must mediate",
"expected Israel to").
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.pipeline.event_setting import Setting
from newsledger.pipeline.event_trigger import in_sectors, infinitive


def calls_on(tok: Token) -> bool:
    """"called on X to", "called for restraint": a request, not a phone call or a naming."""
    direct = any(c.dep_ == "dobj" for c in tok.children)  # "called Erdogan to apologise for the case": a call
    return any(c.dep_ == "prep" and (c.lower_ in ("on", "upon") and not any(  # "called X on Tuesday"
                   g.ent_type_ in ("DATE", "TIME") for g in c.children) or c.lower_ == "for" and not direct)
               # "called for the vote to be rerun": the parser makes "for" the mark of a clause
               or c.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
               # "called on his followers everywhere to rise": "on" taken for a particle, what they are to do
               # for a clause of its own (not "called on the president", a visit)
               or c.dep_ == "prt" and c.lower_ in ("on", "upon") and any(
                   d.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in d.children)
                   for d in tok.children)
               for c in tok.children)


class Modality(Setting):
    """Negation, modality and requests of a document's events."""

    @staticmethod
    def _clause_of(tok: Token) -> Token:
        """The clause a verb belongs to, through the verbs it is joined to ("said his men backed the accord and
        would hand in their arms": "hand" is in the clause of "backed")."""
        clause = tok
        while clause.dep_ == "conj" and clause.head.pos_ in ("VERB", "AUX"):
            clause = clause.head
        return clause

    def _reported_will(self, tok: Token) -> bool:
        """Reported speech shifts "will" to "would": "said it would send aid" is a promise reported, not
        a hypothesis (unless a condition makes it one: "said it would help if asked"), nor is a clause joined
        to the reported one ("said his men backed the accord and would hand in their arms")."""
        clause = self._clause_of(tok)
        return clause.dep_ == "ccomp" and clause.head.lemma_ in self.classes["reporting_verbs"] and any(
            c.dep_ == "aux" and c.lower_ == "would" for c in tok.children) and not any(
            c.dep_ in ("mark", "advcl") and c.lower_ == "if" or c.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ == "if" for g in c.children) for c in tok.children)

    def _will(self, tok: Token) -> bool:
        """Whether a verb is announced for the future: "will send", "shall respond", or reported ("said it
        would send")."""
        return any(c.dep_ == "aux" and c.lower_ in ("will", "shall") for c in tok.children) or self._reported_will(tok)

    @staticmethod
    def _refuses(verb: Token) -> bool:
        """Whether a negated "would" or "could" states a refusal ("warned that it would not accept a coup",
        "could not accept any more refugees"), not a condition ("if it would not accept ...") or a hedge
        ("might not accept")."""
        aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        if not aux & {"would", "could", "can"} or aux & {"may", "might"}:
            return False
        node = verb
        for _ in range(6):
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in node.children):
                return False
            if node.head.i == node.i:
                break
            node = node.head
        return True

    def _negated(self, verb: Token, noun: Token | None) -> bool:
        """Whether the act is said not to have been done: its own "not", "never" or "no longer", or "no" on its
        subject; the negated verb it is joined to when it shares that verb's subject, auxiliary and form ("did not
        attack or shell the town", "would no longer be censored or banned"; not "did not resign but fled",
        nor "did not arrest them and released them", whose own tense says it happened, nor "was not the answer
        and called for calm"); a failure to do it; "no" on its noun."""
        if self._denied(verb) or any(c.dep_ in ("nsubj", "nsubjpass") and self._none_of(c) for c in verb.children):
            return True
        head = verb.head
        # The parser may tag the second of two past verbs a participle ("never attacked or shelled"); a participle
        # with its own auxiliaries is another tense ("had not been told and signed the decrees").
        same_form = verb.tag_ == head.tag_ or verb.tag_ == "VBN" and head.tag_ == "VBD" and not any(
            c.dep_ in ("aux", "auxpass") for c in head.children)
        if verb.dep_ == "conj" and same_form and head.pos_ == "VERB" and self._denied(head) and not any(
                c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg") for c in verb.children) and any(
                c.dep_ == "cc" and c.lower_ in ("and", "or", "nor") for c in head.children):
            return True
        if verb.dep_ == "xcomp" and verb.head.lemma_ == "fail":
            return True  # "failed to reach a deal" ("refused to" is a REJECT of its own)
        return noun is not None and any(c.lower_ in ("no", "never") for c in noun.children)

    @staticmethod
    def _none_of(subject: Token) -> bool:
        """Whether a subject says no one did it: "no shots were fired", "no country has recognised it"; not "no
        state except Turkey", where the exception did."""
        return any(d.dep_ == "det" and d.lower_ == "no" for d in subject.children) and not any(
            d.dep_ == "prep" and d.lower_ in ("except", "but", "besides") for d in subject.children)

    @staticmethod
    def _denied(verb: Token) -> bool:
        """A verb's own negation: "not", "never", or "no longer" / "no more"."""
        return any(c.dep_ == "neg" or c.dep_ == "advmod" and c.lower_ in ("longer", "more") and any(
            g.dep_ == "neg" for g in c.children) for c in verb.children)

    def _modality(self, verb: Token) -> str:
        """What has not happened yet is future or hypothetical, even in reported speech."""
        reported = self._quoted(verb)
        node, own = verb, True
        for _ in range(6):
            aux = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")} if own else set()
            if node.lemma_ in self.classes["heard"] and aux & {"could", "can"}:
                aux -= {"could", "can"}  # "gunfire could be heard": what was heard, not what might be
            if own and self._reported_will(node):
                return "future"  # "said it would send aid"
            if aux & self.classes["hypothetical"] or own and any(
                    c.dep_ == "mark" and c.lower_ == "if" for c in node.children):
                return "hypothetical"
            if aux & {"will", "shall"} or own and (
                    node.dep_ == "xcomp" and node.head.lemma_ in self.classes["future_heads"] | {"be"}):
                return "future"  # "will meet", "plans to meet", "is to meet"
            if node.dep_ == "ccomp" and node.head.lemma_ in self.classes["reporting_verbs"]:
                reported = True
                break
            if node.head.i == node.i or node.dep_ == "relcl":
                break  # a relative clause has its own time: "Rahman, who has been held since March, will be tried"
            # A clause joined with a subject of its own keeps its own time: in "the president would not resign,
            # and the opposition called a strike" the strike was called; its head's "would" is not its own.
            own = not (node.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children))
            node = node.head
        return "reported" if reported else "asserted"

    def _obliged(self, tok: Token) -> bool:
        """Whether a reported clause says a named actor must act ("said Lima must withdraw the
        decree"), something must be done ("said those behind the bombing must be punished", "the checkpoints
        must be removed") or an act must end ("told him the shelling must stop"): a demand (PLOVER's REQUEST),
        not an act. "We must" is a speaker's own resolve, and "the corridor should keep working" asks
        nothing of anyone."""
        if tok.dep_ != "ccomp" or tok.head.lemma_ not in self.classes["reporting_verbs"] or not any(
                c.dep_ == "aux" and c.lower_ in self.classes["obligation"] for c in tok.children):
            return False
        return any(c.dep_ == "nsubj" and c.pos_ != "PRON" and self._actors_of(c)
                   or c.dep_ == "nsubjpass" and c.lower_ not in ("it", "this", "that")
                   or c.dep_ == "nsubj" and tok.lemma_ in self.classes["endings"] and c.pos_ == "NOUN"
                   for c in tok.children)

    def _expects(self, verb: Token) -> bool:
        """Whether an active "expect"-like verb asks a named actor to act: "expected Israel to reopen the
        crossing" (not "deputies were expected to approve", nor "expects to win")."""
        if any(c.dep_ == "auxpass" for c in verb.children):
            return False
        return any(c.dep_ in ("ccomp", "xcomp") and infinitive(c)
                   and any(s.dep_ == "nsubj" and self._actors_of(s) for s in c.children) for c in verb.children) or (
            any(c.dep_ == "dobj" and self._actors_of(c) for c in verb.children)
            and any(c.dep_ == "xcomp" for c in verb.children))

    def _forecast(self, verb: Token) -> bool:
        """Whether an expectation is people's forecast rather than a demand: one body or person voicing it
        demands ("the ministry said it expected Belgrade to hand over the suspects"); what people in the plural
        expect they foresee ("traders said they expected Indonesia to devalue"), though what they want they demand.
        Either way the act is not done yet."""
        return verb.lemma_ in self.classes["foreseeing"] and any(
            c.dep_ == "nsubj" and (c.tag_ in ("NNS", "NNPS") or c.lower_ in ("they", "we")) for c in verb.children)

    @staticmethod
    def _insists(verb: Token) -> bool:
        """Whether an "insist"-like verb demands: what it insists on must or should happen, or is put in the
        subjunctive ("insisted that any accord must include ...", "insisted that the text call for ..."), not
        what it holds true ("insisted that he was innocent")."""
        return any(c.dep_ == "ccomp" and (any(a.dep_ == "aux" and a.lower_ in ("must", "should") for a in c.children)
                                          or c.pos_ == "VERB" and c.tag_ == "VB"
                                          and not any(a.dep_ == "aux" for a in c.children))
                   for c in verb.children)

    def _orders(self, verb: Token) -> bool:
        """Whether a verb orders others to act ("ordered the guerrilla organisations to hand over their
        weapons", "the ship was ordered to heave to"): the manual's REQUEST, what it orders not done yet. An
        order to one's own men ("ordered his fighters to turn back", "ordered troops to withdraw") is their
        act, done by that order."""
        ordered = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        return verb.lemma_ in self.classes["ordering"] and bool(ordered) and any(
            c.dep_ == "xcomp" and c.pos_ == "VERB" for c in verb.children) and not any(
            in_sectors(d, ("MIL", "COP")) or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in d.children)
            for d in ordered)

    def _law_permits(self, verb: Token) -> bool:
        """Whether a verb of permitting has a law, bill, rule or provision as its subject, through a relative
        pronoun or the verbs it is joined to ("decrees that outlaw the union and let the police jail its leaders"), or
        describes one ("a clause letting a governor summon the army")."""
        node = verb
        while node.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in node.children):
            node = node.head
        permitters = [self._antecedent_of(c) for c in node.children if c.dep_ == "nsubj"]
        permitters += [node.head] if node.dep_ == "acl" else []
        return any(p.lemma_.lower() in self.classes["enabling_texts"] for p in permitters)

    def _requested(self, verb: Token) -> bool:
        """An event a request asks for or a threat holds out: 'urged both countries to reach an
        agreement', 'threatened to close the border' (the act has not happened: the request or the
        threat is the event); or a law only permits."""
        if self._obliged(verb):
            return True
        node = verb
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head  # "urged Moscow to return the ships and release the crews": both asked for
        if self._misattached(verb):
            node = node.head  # "asked the rebels to disarm and appealed to the government": done
        elif self._subjunctive(node):
            return True  # a subjunctive is asked for: "insisted that the ministry withdraw the levy"
        for _ in range(3):
            if node.head.lemma_ == "call" and any(c.dep_ == "mark" and c.lower_ == "for" for c in node.children):
                return True  # "called for the curfew to be lifted": asked for, not done
            if node.dep_ == "advcl" and (node.tag_ == "VBG" or any(c.dep_ == "mark" for c in node.children)):
                # "urged X to stop, as ambassadors held a meeting", "denied it, blaming Y": acts of their own
                return False
            if node.dep_ in ("advcl", "acl") and node.head.i in self.acts and node.tag_ == "VB" and infinitive(node):
                # What an act aims at is not done yet: "launched an offensive to take the town", "to ease
                # tension, the leaders agreed to ..." (but "arrived to take part in the mission" takes part).
                return True
            if node.dep_ in ("xcomp", "ccomp", "advcl", "pcomp", "pobj") and node.head.i != node.i:
                # A threat holds out what it threatens to do ("threatened to close"); what a warning says
                # may be an act of its own ("warned that it would not accept the warships": a refusal).
                kinds = ("REQUEST", "REJECT", "THREATEN") if node.dep_ == "xcomp" else ("REQUEST", "REJECT")
                node = node.head
                if node.lemma_ in self.classes["unrealised"]:
                    return True  # "is weighing a loan", "hopes to reopen the consulate": nothing done yet
                if node.lemma_ in self.frames.verbs and self.frames.verbs[node.lemma_][0] in kinds:
                    return True
                if node.lemma_ in self.classes["expecting"] and self._expects(node):
                    return True  # what someone is expected to do has not happened
                if node.lemma_ == "call" and calls_on(node):
                    return True  # "called on Moscow to allow access to Ukrainian ports"
                if self._orders(node):
                    return True  # "ordered the militias to hand over their weapons": the order is the event
                if node.i in self.committed:
                    return True  # "said it would allow Red Cross delegates to visit": the commitment is the event
                if node.lemma_ in self.classes["permitting"] and self._law_permits(node):
                    return True  # "a bill that would let suspects be sent abroad": permitted, not done
            else:
                return False
        return False
