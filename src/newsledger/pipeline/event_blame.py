"""Blame laid, or a fate promised, in a reported clause, for the events stage (``pipeline/events.py``).

"The White House said Hamas bore responsibility for the fighting", "officials believe the group was behind
the bombings", "he said the army was to blame": the speaker accuses (PLOVER ACCUSE allege) whoever the
clause names as its subject. No verb of the clause is an act of its own, so no frame reads it: the
trigger is the verb of saying, and the event's target is the clause's subject (``Trigger.accused``).
A fate the speaker says someone will meet is a threat against them in the same way: "vowed that the
plotters would pay a heavy price", "said those responsible would be hunted down" (THREATEN). The words are
data: the frames' classes ``blaming_speech``, ``blame_bearing``, ``blame_nouns``, ``blamed_states``,
``threatening_speech``, ``fates``, ``fate_ends`` and ``prices``.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.models import Mention
from newsledger.pipeline.event_participants import PRONOUN_KINDS, Participants
from newsledger.pipeline.event_trigger import AGENTS, Trigger


class Blame(Participants):
    """Accusations and threats made by saying what someone did or will suffer."""

    def _blame_triggers(self, found: list[Trigger]) -> list[Trigger]:
        """``found`` with one ACCUSE for each verb of saying or believing whose clause lays blame on its
        subject and one THREATEN for each whose clause promises its subject a fate, unless a frame already
        coded that verb or the clause is negated ("said Hamas was not responsible"). The fate is the threat's
        content, no event of its own ("would be hunted down" is no attack yet)."""
        coded = {t.token.i for t in found}
        triggers = []
        for clause in self.sdoc:
            said = clause.head
            if clause.dep_ != "ccomp" or said.i in coded or any(c.dep_ == "neg" for c in clause.children):
                continue
            if said.lemma_ in self.classes["blaming_speech"] and (blamed := self._blames(clause)) is not None \
                    and not any(c.dep_ == "neg" for c in blamed.children):
                triggers.append(Trigger(said, None, "ACCUSE", "allege", f"blame:{said.lemma_}+{blamed.lemma_}",
                                        accused=blamed))
            elif said.lemma_ in self.classes["threatening_speech"] and self._fated(clause):
                triggers.append(Trigger(said, None, "THREATEN", None, f"fate:{said.lemma_}+{clause.lemma_}",
                                        accused=clause))
        fates = {t.accused.i for t in triggers if t.event_type == "THREATEN" and t.accused is not None}
        return [t for t in found if t.token.i not in fates] + triggers

    def _fated(self, clause: Token) -> bool:
        """Whether a clause promises its subject a fate: "would be hunted down", "will be dealt with firmly",
        "would be brought to justice", "would pay a heavy price" (with "will", "would" or "shall"; "must" and
        "should" ask for it instead)."""
        if not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall") for c in clause.children):
            return False
        passive = any(c.dep_ == "nsubjpass" for c in clause.children)
        return passive and (clause.lemma_ in self.classes["fates"] or clause.lemma_ == "bring" and any(
            c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_ in self.classes["fate_ends"] for g in c.children)
            for c in clause.children)) or clause.lemma_ == "pay" and any(
            c.dep_ == "dobj" and c.lemma_ in self.classes["prices"] for c in clause.children)

    def _blamed(self, word: Token, anyone: bool = False) -> tuple[list[Mention], str | None]:
        """The actors a blaming word's clause names as its subject, through "appeared to be" and a pronoun
        ("said it was responsible" blames whom "it" stands for), or, when none is an actor, the words that
        name it ("said the opposition was to blame"): words naming people, or, with ``anyone`` (a fate
        promised), any ("those responsible would be hunted down", "the plotters would pay")."""
        clause = word if any(c.dep_ in ("nsubj", "nsubjpass") for c in word.children) else word.head
        holders = (clause, clause.head) if clause.dep_ == "xcomp" else (clause,)
        subject = next((c for h in holders for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return [], None
        if subject.lower_ in PRONOUN_KINDS:
            subject = self._antecedent(subject)
            if subject is None:
                return [], None
        named = self._actors_of(subject)
        if named:
            return named, None
        if anyone and (subject.pos_ in ("NOUN", "PROPN") or subject.pos_ == "PRON" and any(subject.children)):
            return [], self.sdoc[subject.left_edge.i:subject.right_edge.i + 1].text  # "anyone who resisted"
        phrase = self.sdoc[subject.left_edge.i:subject.i + 1]
        if not (subject.pos_ == "PROPN" or AGENTS.sector_of_phrase(
                [t.text for t in phrase], [t.lemma_ for t in phrase]) is not None):
            return [], None  # "said poverty was behind the unrest" blames no one
        return [], phrase.text  # "a militant group (based in Kashmir)"

    def _blames(self, clause: Token) -> Token | None:
        """The word by which a clause lays blame on its subject: "bore responsibility", "was behind the
        bombings", "was responsible", "was to blame", "appeared to be responsible"; None if it lays none."""
        if clause.lemma_.lower() in self.classes["blame_nouns"] and any(c.dep_ == "nsubj" for c in clause.children) \
                and any(c.dep_ == "compound" and c.lemma_ in self.classes["blame_bearing"] for c in clause.children):
            return clause  # the parser may take "bore" for a noun: "said Hamas bore responsibility"
        if clause.lemma_ in ("appear", "seem"):  # "a group based in Pakistan appeared to be responsible"
            clause = next((c for c in clause.children if c.dep_ == "xcomp"), clause)
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in (clause, clause.head) for c in c.children):
            return None
        for c in clause.children:
            if clause.lemma_ in self.classes["blame_bearing"] and c.dep_ == "dobj" \
                    and c.lemma_.lower() in self.classes["blame_nouns"]:
                return c  # "bore responsibility for the bloodshed"
            if clause.lemma_ == "be" and (
                    c.dep_ == "acomp" and c.lemma_.lower() in self.classes["blamed_states"]
                    or c.dep_ == "prep" and c.lower_ == "behind" and any(g.dep_ == "pobj" for g in c.children)
                    or c.dep_ == "xcomp" and c.lemma_ == "blame"):
                return c  # "was responsible", "was behind the bombings", "was to blame"
        return None
