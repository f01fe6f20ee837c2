"""Events the learned typer finds where no frame matched, for the events stage.

The model types a sentence; its trigger is the verb or event noun that pushed it most towards
that type, never a word a frame coded as another type, a verb of saying, "be" or "have".
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.pipeline.event_participants import Participants
from newsledger.pipeline.event_trigger import Trigger


class ModelTriggers(Participants):
    """The learned typer's events in a document's uncovered sentences."""

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
            if pred.event_type is None or pred.event_score < self.threshold:
                continue
            label = pred.event_type
            # A verb of the sentence, or a noun that names an event ("the bombing", "talks"): never a
            # word that only co-occurs with events ("soldiers", "hours", "wheat").
            # A word the frames code as another type ("meeting" for a REJECT) is not this event's trigger:
            # its frame did not fire here, so the word names something else.
            # Nor is a verb of saying ("argued", "insisted"): the act is what was said, if anything.
            weighted = [(model.weight(t, label), t) for t in span if t.i not in self.actor_at
                        and t.i not in self.coded and (  # a word a frame coded is that frame's event
                t.pos_ == "VERB" and t.lemma_ not in self.classes["speech_verbs"] or t.pos_ == "NOUN" and (
                    t.lemma_.lower() in self.frames.nouns or t.lemma_.lower() in self.frames.possessed))
                and self._frame_type(t) in (None, label)]
            weight, best = max(weighted, key=lambda w: w[0], default=(0.0, span.root))
            if weight <= 0 or self._describes(best) or self._background(best):
                continue  # what the model read is who someone is, or when: the sentence's own act is not its type
            noun = best if best.pos_ == "NOUN" else None
            verb = best
            while verb.pos_ != "VERB" and verb.head.i != verb.i and span.start <= verb.head.i < span.end:
                verb = verb.head  # "the bombing of the market killed ...": its clause's verb
            if verb.lemma_ in ("be", "have"):
                continue  # "there is no military solution", "NATO has no direct role": a state of affairs
            mode = pred.mode if pred.mode_score >= 0.5 else None
            found.append(Trigger(verb, noun, label, mode, f"model:{model.name}", pred.event_score, best))
        return found
