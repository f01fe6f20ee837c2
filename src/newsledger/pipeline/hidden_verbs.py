"""A clause's verb the parser hid between two nouns, made the clause's verb again.

Reads:   a ``Doc`` after spaCy's parser, tagger and lemmatizer.
Sets:    ``Token.head``, ``dep_`` and ``tag_`` where a past form right after a bare noun (its subject) was hung
         on the noun after it as a modifier ("imposed sanctions" read as "imposed-sanctions") or on the subject
         before it as a conjunct, while that noun serves as a later verb's subject or as the root: the past form
         becomes the clause's verb in the past tense, with its subject (and the subject joined to it by "and")
         and its object, and the later verb becomes its conjunct.
Why:     "On Friday Lisbon imposed sanctions on two firms, raised duties and froze talks" read as "(the)
         Lisbon-imposed sanctions raised duties", and "Israeli jets and artillery pounded targets across the strip,
         and Hamas fighters fired rockets" as "jets and artillery-pounded targets ... fired rockets": the main act
         of the sentence had no doer, or none at all. Not after a determiner, a preposition or a hyphen ("the imposed
         sanctions", "seen by reporters described columns", "Iran-backed militias"), nor with an auxiliary or
         an agent ("sanctions imposed by"). Found in three body sentences of our eleven read sets (about 260
         articles), two of them, a sanction and a shelling, in the newest; our own sentences in that shape
         ("Turkish warplanes and artillery shelled villages along the border, and Kurdish fighters retreated")
         lose their first act the same way. The parse is mended once, after it is made, for every reader.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsledger.pipeline.conjuncts import FINITE

NOUNS = ("NN", "NNS", "NNP", "NNPS")


def _bare_noun_before(verb: Token) -> Token | None:
    """The noun right before ``verb`` if it could be its subject: no article or possessive, not in a
    prepositional phrase, not after a hyphen or inside a compound."""
    if verb.i == 0 or (noun := verb.nbor(-1)).tag_ not in NOUNS or noun.dep_ == "compound" or any(
            c.dep_ in ("det", "poss", "predet", "case") for c in noun.children):
        return None
    before = noun.left_edge.i - 1
    return None if before >= 0 and (noun.doc[before].pos_ in ("ADP", "DET") or noun.doc[before].text == "-") \
        else noun


def _later_verb(noun: Token) -> Token | None:
    """The finite verb after ``noun`` whose subject the parse made it."""
    verb = noun.head
    return verb if noun.dep_ == "nsubj" and verb.i > noun.i and verb.tag_ in FINITE else None


def _joined_subject(joined_to: Token, second: Token) -> bool:
    """Whether ``joined_to`` comes before ``second`` with an "and" of its own between them: "jets and artillery"."""
    return joined_to.i < second.i and any(c.dep_ == "cc" and joined_to.i < c.i < second.i for c in joined_to.children)


def _mend(verb: Token, subject: Token, obj: Token | None, replaced: Token | None, first: Token | None) -> None:
    """Make ``verb`` the clause's past-tense verb: ``subject`` (joined to ``first`` when given) its subject,
    ``obj`` its object, in the place of ``replaced`` (the later verb, now its conjunct) or as the root."""
    if replaced is None:
        verb.head, verb.dep_ = verb, "ROOT"
        if obj is not None:
            for child in [c for c in obj.children if c.i > obj.i and c.dep_ in ("cc", "conj", "prep", "punct")]:
                child.head = verb  # "... price controls on Friday and ordered": the clause's, not the noun's
    else:
        verb.head, verb.dep_ = (verb, "ROOT") if replaced.dep_ == "ROOT" else (replaced.head, replaced.dep_)
        if obj is not None:
            # What follows the object on it or on the first subject belongs to the clauses: "pounded targets ..., and
            # Hamas fighters fired" (the next clause's subject and its "and"), "pounded targets across the strip".
            # Only the last noun joined there is that subject: "pounded roads and bridges, and fighters fired".
            after = [c for h in (obj, first) if h is not None for c in h.children if obj.i < c.i < replaced.i]
            joined = max((c for c in after if c.dep_ == "conj"), key=lambda c: c.i, default=None)
            for child in after:
                if child is joined:
                    child.head, child.dep_ = replaced, "nsubj"
                elif child.dep_ in ("cc", "punct") and (joined is None or child.i < joined.i) or \
                        child.dep_ == "prep" and child.head != obj:
                    child.head = verb
        replaced.head, replaced.dep_ = verb, "conj"
    verb.tag_ = "VBD"
    if obj is not None:
        obj.head, obj.dep_ = verb, "dobj"
    if first is None:
        subject.head, subject.dep_ = verb, "nsubj"
    else:
        first.head, first.dep_ = verb, "nsubj"
        subject.head, subject.dep_ = first, "conj"


def _hidden(verb: Token) -> tuple[Token, Token | None, Token | None, Token | None] | None:
    """(subject, object, replaced later verb, first subject) of a past form the parse hid, if it is one."""
    if verb.tag_ not in ("VBN", "VBD") or any(c.dep_ in ("aux", "auxpass", "agent") for c in verb.children) \
            or (subject := _bare_noun_before(verb)) is None:
        return None
    head = verb.head
    if verb.dep_ == "amod" and verb.tag_ == "VBN" and head.i > verb.i and head.tag_ in NOUNS and all(
            t.head == head and t.dep_ in ("amod", "compound", "nummod") for t in verb.doc[verb.i + 1:head.i]):
        if head.dep_ == "ROOT":
            return subject, head, None, None  # "Lima imposed price controls on Friday and ordered ..."
        if (later := _later_verb(head)) is not None:
            return subject, head, later, None  # "Lisbon imposed sanctions ..., raised duties"
        first = head.head
        if head.dep_ == "conj" and first.tag_ in NOUNS and _joined_subject(first, subject) \
                and (later := _later_verb(first)) is not None:
            return subject, head, later, first  # "jets and artillery pounded targets ..., and fighters fired"
        return None
    if verb.dep_ == "conj" and subject.head == verb and head.tag_ in NOUNS and _joined_subject(head, subject) \
            and (later := _later_verb(head)) is not None:
        return subject, None, later, head  # "warplanes and artillery shelled villages ..., and fighters retreated"
    return None


@Language.component("newsledger_hidden_verbs")
def restore_hidden_verbs(doc: Doc) -> Doc:
    """Make each past form the parse hid between two nouns the verb of its clause."""
    for token in doc:
        if (found := _hidden(token)) is not None:
            _mend(token, *found)
    return doc
