"""Events the learned typer finds where no frame matched, for the events stage.

The model types a sentence no frame coded, and a clause with a subject of its own in a sentence a
frame did code ("police fired tear gas, and troops returned fire"), read alone and held to a higher
threshold; its trigger is the verb or event noun that pushed it most towards that type, never a
word a frame coded as another type, a verb of saying, "be" or "have"; a gerund or present participle
chosen makes no event (manner or aspect, not an act of the type).
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.pipeline.event_model import Prediction
from newsledger.pipeline.event_participants import Participants
from newsledger.pipeline.event_trigger import SECTORS, Trigger, event_key, in_sectors


class ModelTriggers(Participants):
    """The learned typer's events in a document's uncovered sentences and clauses."""

    def _frame_type(self, tok: Token) -> str | None:
        """The type the frames give a word out of context, if any."""
        table = self.frames.verbs if tok.pos_ == "VERB" else self.frames.nouns
        coding = table.get(tok.lemma_.lower() if tok.pos_ != "VERB" else tok.lemma_)
        return coding[0] if coding else None

    @staticmethod
    def _describes(tok: Token) -> bool:
        """Whether a word's clause describes a noun ("the envoy, who chairs the panel", "a coalition led
        by Chad", "who cut short a trip to return home"): who or what someone is, background to the
        sentence's own act. A noun's infinitive is its content, not a description ("a plan to hand over
        the port")."""
        node = tok
        while node.head.i != node.i:
            if node.dep_ == "relcl" or node.dep_ == "acl" and node.tag_ in ("VBN", "VBG"):
                return True
            if node.dep_ not in ("xcomp", "advcl", "conj", "dobj", "pobj", "prep", "compound"):
                return False
            node = node.head
        return False

    def _background(self, tok: Token) -> bool:
        """Whether a word sets the time or terms of the sentence's act ("minutes before the blast", "under
        the accord", "after the council was restored"), an event mentioned, not reported."""
        setting = self.classes["setting_words"]
        if tok.dep_ == "pobj":
            return tok.head.lower_ in setting
        return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in setting for c in tok.children)

    def _can_act(self, subject: Token, verb: Token) -> bool:
        """Whether a subject can do the act the typer reads in its verb: an actor, people or a body (also by
        the nation it names: "a Rwandan court", "rival Somali clans"), people of a sector, the ships and arms
        forces move with, or an event that did it ("an arson attack destroyed the office"); not a thing
        ("the old ferry returned to service") nor an event said to go on, end or happen ("the war ended", "the shelling
        came at dawn"), which the typer's verb would make the doer."""
        lemma = subject.lemma_.lower()
        if event_key(subject, self.frames.nouns) in self.frames.nouns and subject.i not in self.actor_at:
            # An event is no one, whoever its "of" names ("the demobilisation of 5,000 fighters began"): it acts
            # only by what it did ("an arson attack destroyed the office").
            return verb.lemma_ not in (self.classes["aspect_verbs"] | self.classes["endings"]
                                       | self.classes["happenings"])
        return subject.i in self.actor_at or self._someone(subject) or in_sectors(subject, SECTORS) or (
            lemma in self.classes["warships"] | self.classes["weapons"]) or any(
            t.ent_type_ in ("NORP", "GPE", "ORG") for t in subject.subtree if t.i < subject.i)

    def _model_triggers(self, covered: set[int]) -> list[Trigger]:
        """Events in sentences no frame matched: the model types the sentence, and its trigger is the
        verb or event noun that pushed the model most towards that type; with none, it stays silent."""
        if self.model is None:
            return []
        model = self.model
        # Only where an event could stand: a verb, and someone to act (an actor or a named subject).
        spans = [s for i, s in enumerate(self.sents.spans) if i not in covered and len(s) >= 5
                 and any(t.pos_ == "VERB" for t in s) and any(
                     t.i in self.actor_at or t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN", "NUM")
                     for t in s)]
        found: list[Trigger] = []
        for span, pred in zip(spans, model.predict(spans), strict=True):
            if (trig := self._typed(list(span), pred, f"model:{model.name}", self.threshold)) is not None:
                found.append(trig)
        return found

    def _typed(self, words: list[Token], pred: Prediction, rule: str, threshold: float) -> Trigger | None:
        """The trigger of a typed sentence or clause: the verb or event noun among ``words`` that pushed the
        model most towards its type; none where the type is no event, below ``threshold``, or read from who
        someone is."""
        if pred.event_type is None or pred.event_score < threshold or self.model is None:
            return None
        label = pred.event_type
        # A verb of the sentence, or a noun that names an event ("the bombing", "talks"): never a
        # word that only co-occurs with events ("soldiers", "hours", "wheat").
        # A word the frames code as another type ("meeting" for a REJECT) is not this event's trigger:
        # its frame did not fire here, so the word names something else.
        # Nor is a verb of saying ("argued", "insisted"): the act is what was said, if anything; nor a noun
        # that only says what another is ("aid agencies", "air raid sirens").
        weighted = [(self.model.weight(t, label), t) for t in words if t.i not in self.actor_at
                    and t.i not in self.coded and (  # a word a frame coded is that frame's event
            t.pos_ == "VERB" and t.lemma_ not in self.classes["speech_verbs"] or t.pos_ == "NOUN"
            and t.dep_ != "compound" and (
                t.lemma_.lower() in self.frames.nouns or t.lemma_.lower() in self.frames.possessed))
                    and self._frame_type(t) in (None, label)]
        weight, best = max(weighted, key=lambda w: w[0], default=(0.0, words[0]))
        if weight <= 0 or self._describes(best) or self._background(best) or best.tag_ == "VBG" or self._left_in(best):
            # What the model read is who someone is, or when, or (a participle: "citing", "chanting") how the
            # sentence's act was done: not an act of its type (on the read sets one such typing in 21 was right).
            return None
        noun = best if best.pos_ == "NOUN" else None
        verb = best
        inside = {t.i for t in words}
        while verb.pos_ != "VERB" and verb.head.i != verb.i and verb.head.i in inside:
            verb = verb.head  # "the bombing of the market killed ...": its clause's verb
        if verb.lemma_ in ("be", "have"):
            return None  # "there is no military solution", "NATO has no direct role": a state of affairs
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in verb.children) or (
                verb.lemma_ in self.classes["future_heads"] and any(c.dep_ == "neg" for c in verb.children)):
            return None  # "did not say whether a protest would be made", "did not want the quarrel to grow"
        clause = verb.head if verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children) else verb
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)  # "was repaired and returned"
        if noun is None and subject is not None and not self._can_act(self._antecedent_of(subject), verb):
            return None  # "the announcement came a week after the clashes": no one acts
        mode = pred.mode if pred.mode_score >= 0.5 else None
        return Trigger(verb, noun, label, mode, rule, pred.event_score, best)

    @staticmethod
    def _left_in(word: Token) -> bool:
        """A bare past participle completing a verb ("left thousands of families displaced", "found the
        village deserted") is the state its subject was left in: its subject underwent it, and did nothing."""
        return word.tag_ == "VBN" and word.dep_ in ("ccomp", "oprd") and not any(
            c.dep_ in ("aux", "auxpass") for c in word.children)

    def _clause_triggers(self, covered: set[int]) -> list[Trigger]:
        """Events in clauses of coded sentences that no frame coded: "police fired tear gas and charged the
        crowd with batons", where the frames know the first act and not the second. The model types each
        such clause alone (its verb with its words, without the clauses hanging from it). A threshold of 1
        turns it off: a linear SVM's clipped margins can reach a probability of exactly 1."""
        if self.model is None or self.clause_threshold >= 1:
            return []
        clauses: list[list[Token]] = []
        for i in covered - self.vetoed:
            for verb in self.sents.spans[i]:
                if verb.pos_ != "VERB" or verb.i in self.acts or verb.dep_ not in ("ROOT", "conj", "advcl") \
                        or verb.lemma_ in self.classes["speech_verbs"] | self.classes["no_acts"] \
                        or self._frame_type(verb) is not None or not any(
                            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                    continue  # a clause with no subject of its own is too little for the model to read alone
                words = sorted(self._own_words(verb), key=lambda t: t.i)
                if len(words) >= 4 and not any(t.i in self.acts for t in words):
                    clauses.append(words)
        return [trig for words, pred in zip(clauses, self.model.predict(clauses), strict=True)
                if (trig := self._typed(words, pred, f"model-clause:{self.model.name}", self.clause_threshold))
                is not None]

    @staticmethod
    def _own_words(verb: Token) -> list[Token]:
        """A verb's own clause: its words, without the clauses joined to it or hanging from it."""
        words = [verb]
        for child in verb.children:
            if child.dep_ not in ("conj", "advcl", "ccomp", "parataxis", "relcl", "cc", "punct"):
                words += list(child.subtree)
        return words
