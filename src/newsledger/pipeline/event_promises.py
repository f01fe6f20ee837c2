"""Promised acts, for the events stage (``pipeline/events.py``): the manual's coding rules.

A promised retreat or concession ("agreed to withdraw", "pledged to lift the curfew") is one
event, not an AGREE plus a RETREAT; promised cooperation ("will hold talks") is an AGREE; coercion
announced ("will boycott the summit") a THREATEN. The frames' ``[promise]`` section holds the codings.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.pipeline.event_modality import Modality
from newsledger.pipeline.event_trigger import SECTORS, Trigger, in_sectors, infinitive, phrasal_key


class Promises(Modality):
    """Recodes a document's promised acts."""

    def _promises(self, found: list[Trigger], terms: dict[int, Token]) -> list[Trigger]:
        """Promised acts are one event coded as the frames' [promise] section says: a promised
        retreat or concession ("agreed to withdraw", "pledged to lift the curfew", "will withdraw")
        is not an AGREE plus a RETREAT; nor is promised cooperation ("will hold talks", "agreed to meet").
        What each side will do under a deal (``terms``, from ``_deal_terms``) is one event a term, coded as
        [promise] terms."""
        promise = self.frames.promise
        retreat, cooperation = promise["retreat"], promise["cooperation"]
        at = {t.token.i: t for t in found}
        absorbed = self._warnings(found, at) | self._not_ruled_out(found, at)
        for trig in found:
            verb = trig.token
            if any(c.i in at and self._scheduled(c, at[c.i].event_type) for c in verb.children):
                absorbed.add(verb.i)  # "are scheduled to visit Beijing": the visit, set for later, is the event
                continue
            if trig.event_type == "THREATEN" and verb.lemma_ in self.classes["permitting"]:
                # "authorised the police to fire on rioters": force held out, the one event; no one has fired yet
                absorbed |= {c.i for c in verb.children if c.dep_ == "xcomp" and c.i in at}
                continue
            if trig.event_type != "AGREE" or verb.lemma_ not in self.classes["promise_heads"]:
                continue
            act = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and (
                c.lemma_ in self.classes["concessions"]
                or c.i in at and at[c.i].event_type in ("RETREAT", "CONCEDE"))), None)
            if act is not None:
                # A promised easing ("pledged to lift the curfew") stays a CONCEDE, as the manual says.
                trig.event_type, trig.mode = ("CONCEDE", None) if act.i in at and \
                    at[act.i].event_type == "CONCEDE" else retreat
                trig.rule = f"promise:{trig.rule}+{act.lemma_}"
                absorbed.add(act.i)
            # "agreed to hold their next meeting": one AGREE, not an AGREE and a CONSULT.
            absorbed |= {c.i for c in verb.children if c.dep_ == "xcomp" and c.i in at
                         and at[c.i].event_type in self.rules["agreeable"]}
            if any(c.dep_ == "xcomp" and c.i in at and at[c.i].event_type in self.rules["coercive"]
                   for c in verb.children):
                absorbed.add(verb.i)  # "promised to stage fresh marches": the protest promised, below
        for trig in found:
            verb = trig.token
            # A promise may be a noun: "the general's promise to bomb the town", "a pledge to withdraw"; its
            # infinitive may be parsed as an adverbial clause when a phrase comes between ("vowed on state radio
            # to avenge").
            adverbial = verb.dep_ == "advcl" and infinitive(verb)
            # An act carried by a verb of aspect is promised as that verb is: "vowed his men would keep fighting".
            carrier = self._carrier(verb)
            promised = carrier.dep_ in ("xcomp", "ccomp") and carrier.head.lemma_ in self.classes[
                "promise_heads"] | {"be"} or verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and verb.head.lemma_ in \
                self.classes["promise_heads"] or adverbial and verb.head.lemma_ in self.classes["vowing"] or \
                self._will(carrier) or verb.i in terms or self._scheduled(verb, trig.event_type)
            conditional = not promised and trig.event_type in self.rules["coercive"] \
                and self._conditional(verb)
            # No one promises what happens by itself: "the truce was to take effect" stays a retreat.
            if not (promised or conditional) or trig.token.i in absorbed or trig.anonymous:
                continue
            threat = self._threat(trig.event_type, trig.mode)
            if conditional:  # "would cut aid if the junta stays": coercion held out on a condition
                (trig.event_type, trig.mode), trig.rule = threat or ("THREATEN", None), f"threat:{trig.rule}"
            elif verb.i in terms and trig.event_type in ("RETREAT", "CONCEDE"):  # "under the deal, X will disarm"
                (trig.event_type, trig.mode), trig.rule = promise["terms"], f"terms:{trig.rule}"
            elif trig.event_type == "RETREAT":
                (trig.event_type, trig.mode), trig.rule = retreat, f"promise:{trig.rule}"
            elif trig.event_type in self.rules["agreeable"]:  # "will hold talks", "is to sign"
                (trig.event_type, trig.mode), trig.rule = cooperation, f"promise:{trig.rule}"
            elif threat is not None:  # "announced it will boycott the summit": a threat, its mode what it holds out
                (trig.event_type, trig.mode), trig.rule = threat, f"threat:{trig.rule}"
        # A term no rule typed ("under the deal, commercial flights will resume") is one too.
        return [t for t in found if t.token.i not in absorbed] + [
            Trigger(act, None, *promise["terms"], f"terms:{act.lemma_}", anonymous=True)
            for i, act in terms.items() if i not in at]

    def _commitments(self, found: list[Trigger], terms: dict[int, Token]) -> list[Trigger]:
        """Acts an actor says it will do with a verb no frame coded here ("said it would ensure the safety
        of diplomats", "the text says the two countries will restore their high commissioners"): coded as the frames'
        [promise] commitment, the manual's AGREE (one it will not do, "said Russia would not intervene", is
        refused like any cooperation; one "against" someone, [promise] commitment_against, threatens them).
        Not an outcome foreseen ("would win the vote", "prices would rise"), a state ("would remain"), a
        deliberation or an aim ("would study the proposals", "will seek support"), a passive (what will be
        done to the subject), nor what holds on a condition."""
        taken = {t.i for trig in found for t in (trig.token, trig.noun, trig.shown, trig.content) if t is not None}
        taken |= set(terms)  # "under the accord, the commanders will leave power": a term
        skipped = self.classes["uncommitting"]
        commitments: list[Trigger] = []
        for verb in self.sdoc:
            if verb.pos_ != "VERB" or verb.i in taken or verb.lemma_ in skipped or not self._said_to_come(verb) \
                    or self._conditional(verb) or any(c.i in taken for c in verb.conjuncts) or any(
                    c.dep_ in ("auxpass", "nsubjpass") or c.lower_ in ("whether", "if", "under")
                    for c in verb.children):
                # "did not say whether it would take part"; "would set up camps and provide food" is one; "under the
                # plan, the militias will hand their rifles to depots" is what a plan proposes, for the typer
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is None or not self._participants(verb, None, kind="AGREE")[0] and not in_sectors(
                    subject, SECTORS):
                # "said foreign interference would widen the conflict": no one commits to anything; "the troops
                # would guard oil installations", people of a sector, do
                continue
            against = any(c.dep_ == "prep" and c.lower_ == "against" for h in (
                verb, *(c for c in verb.children if c.dep_ == "dobj")) for c in h.children)  # "take action against"
            coding = self.frames.promise["commitment_against" if against else "commitment"]
            commitments.append(Trigger(verb, None, *coding, f"commitment:{'against+' * against}{verb.lemma_}"))
            self.committed.add(verb.i)
        return commitments

    def _said_to_come(self, verb: Token) -> bool:
        """Whether a verb is an act someone says or pledges will come: "will" or "would" in a clause a reporting
        verb or a promise reports ("said it would ensure", "pledged that the army would hand power back"),
        not a forecast in the reporter's own voice ("the visit will push forward cooperation", "parliament
        will hold a session") nor a hope ("hopes Japan will persuade Washington")."""
        clause = self._clause_of(verb)
        return self._will(verb) and clause.dep_ == "ccomp" and clause.head.lemma_ in (
            self.classes["reporting_verbs"] | self.classes["promise_heads"])

    def _deal_terms(self) -> dict[int, Token]:
        """What each side will do under a deal, by token: "Under the accord, the militia will hand in its
        weapons, and the army will return to barracks"; "under its terms, Yerevan is to hand back three
        districts". The manual codes such a term CONCEDE (a declared future concession does not reduce to
        AGREE): the frames' [promise] terms. Only the sentence saying "under" the deal is read."""
        terms: dict[int, Token] = {}
        for under in self.sdoc:
            if under.dep_ == "prep" and under.lower_ == "under" and under.head.pos_ in ("VERB", "AUX") and any(
                    c.dep_ == "pobj" and c.lemma_.lower() in self.classes["deal_words"] for c in under.children):
                terms |= {act.i: act for act in self._term_acts(under.head)}
        return terms

    def _term_acts(self, verb: Token) -> list[Token]:
        """The acts a clause the deal governs promises: a verb with "will", "would" or "shall", or the
        infinitive of "is to", with the verbs conjoined to it, and the clauses conjoined to it or set
        beside it by "while" that promise too ("the rebels will confine their fighters ..., while the army
        will store its weapons")."""
        clauses = [verb, *(c for c in verb.children if c.dep_ == "conj" or c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in ("while", "whereas") for m in c.children))]
        acts: dict[int, Token] = {}
        for clause in clauses:
            if clause.lemma_ == "be":  # "is to hand back": the act is the infinitive
                clause = next((c for c in clause.children if c.dep_ == "xcomp" and infinitive(c)), clause)
                promised = clause.lemma_ != "be"
            else:
                promised = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall") for c in clause.children)
            if promised:
                skipped = self.classes["speech_verbs"] | self.classes["quantity_changes"]  # "exports will double"
                acts |= {a.i: a for a in (clause, *clause.conjuncts) if a.pos_ == "VERB" and a.lemma_ not in skipped
                         and not any(c.dep_ == "neg" for c in a.children)}
        return list(acts.values())

    def _scheduled(self, verb: Token, event_type: str) -> bool:
        """Cooperation set for later ("the council is due to meet on Friday", "Clifford is expected to meet
        Makarios on Monday", "talks are scheduled to resume"): the manual's future meeting, an AGREE. Only
        cooperation: an attack others expect is no one's promise."""
        return event_type in self.rules["agreeable"] and verb.dep_ == "xcomp" and \
            verb.head.lemma_ in self.classes["scheduled"]

    @staticmethod
    def _conditional(verb: Token) -> bool:
        """An act someone will or would do on a condition: "would suspend its aid if he stood again",
        "will strike unless paid" (not the condition itself: "if Russia attacked")."""
        return any(c.dep_ == "aux" and c.lower_ in ("will", "would") for c in verb.children) and any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
            for c in verb.children)

    def _threat(self, event_type: str, mode: str | None) -> tuple[str, str | None] | None:
        """The frames' [promise] coding of an act held out or announced: by its type and mode, else its type."""
        promise = self.frames.promise
        return promise.get(f"{event_type} {mode}") or promise.get(event_type)

    def _not_ruled_out(self, found: list[Trigger], at: dict[int, Trigger]) -> set[int]:
        """Force or a sanction someone does not rule out ("would not rule out an assault on the town", "did not
        rule out withdrawing its envoy") is held out: one threat whose content is that act, its mode the [promise]
        coding, not a refusal (a REJECT negated) plus the act as done. Any other act not ruled out ("did not
        rule out talks") is no refusal either: the act keeps its own coding; what no frame codes is left as it
        was. Returns the acts absorbed."""
        absorbed: set[int] = set()
        for trig in found:
            verb = trig.token
            if trig.event_type != "REJECT" or phrasal_key(verb) != "rule out" or not self._denied(verb):
                continue
            act = next((c for c in verb.children if c.dep_ in ("xcomp", "dobj")), None)
            if act is None:
                continue
            held = at.get(act.i)
            lemma = act.lemma_.lower()
            # A weapon not ruled out is a cause considered (a missile, as what brought an airliner down), not a threat.
            weapon = lemma in self.classes["explosives"] or lemma in self.classes["weapons"]
            if held is not None:
                kind: str | None = held.event_type
            else:
                kind = None if weapon else self.frames.nouns.get(lemma, (None,))[0]
            if kind is None and not weapon and {lemma, *(
                    w.lemma_.lower() for c in act.children if c.dep_ in ("amod", "compound", "prep")
                    for w in (c, *c.children))} & self.classes["force_held_out"]:
                kind = "ASSAULT"  # "military action", "the use of force"
            if kind is None:
                continue  # "did not rule out going to arbitration": left as the frames code it
            if kind not in self.rules["coercive"]:
                absorbed.add(verb.i)
                self.vetoed.add(self.sents.index(verb))  # "did not rule out talks": nothing done, nothing refused
                continue
            # A sanction's threat has no mode here.
            threat = self._threat(kind, held.mode if held is not None else None) or ("THREATEN", None)
            (trig.event_type, trig.mode), trig.content = threat, act
            trig.rule = f"threat:not-ruled-out+{act.lemma_}"
            if held is not None:
                absorbed.add(act.i)
        return absorbed

    def _warnings(self, found: list[Trigger], at: dict[int, Trigger]) -> set[int]:
        """A warning of what someone will do ("warned that his men would attack any convoy", "warned
        that the aid would be suspended") is one threat whose content is that act: the act is shown with
        the warning and gives the threat its mode (the [promise] codings), not an event of its own.
        Returns the acts absorbed."""
        absorbed: set[int] = set()
        for trig in found:
            verb = trig.token
            if trig.event_type != "THREATEN" or verb.lemma_ not in self.classes["warning_verbs"]:
                continue
            # A refusal announced ("warned it would not accept warships") is a rejection of its own.
            act = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and any(
                a.dep_ == "aux" and a.lower_ in ("will", "would", "shall") for a in c.children)
                and not any(a.dep_ == "neg" for a in c.children)), None)
            if act is None:
                continue
            trig.content, trig.rule = act, f"{trig.rule}+{act.lemma_}"
            if (held := at.get(act.i)) is not None:
                threat = self._threat(held.event_type, held.mode)
                trig.mode = threat[1] if threat is not None and threat[0] == "THREATEN" else trig.mode
                absorbed.add(act.i)
        return absorbed
