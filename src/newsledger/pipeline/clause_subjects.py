"""A clause's subject the parser took for the object of the word that opens the clause, given back to its verb.

Reads:   a ``Doc`` after spaCy's parser, tagger and lemmatizer.
Sets:    ``Token.head`` and ``dep_`` where a finite verb has no subject and comes right after the noun phrase that
         "after", "before", "since" or "until", parsed as a preposition of another verb, governs: the noun
         becomes the verb's subject, the opening word its mark, and a verb the parse left as a second root or as a
         conjunct with no "and" a clause of the verb the opening word hung on, when both are in one sentence.
Why:     "Police arrested the party leader two days after the Governor, Sir X, declared martial law" read as
         "arrested ... after the Governor" and "declared martial law" with no one declaring: the
         declaration took the police for its doer, or was lost. A finite verb needs a subject; the noun right
         before it, inside a phrase that a word of time opens, is that subject. Not a date ("since May, when the
         envoys met"), nor a verb joined to another, which shares its subject ("met the envoy after the vote, signed
         the accord").
         Found in three body sentences of our eleven read sets (about 260 articles), a claim to territory, an
         order to surrender and a demand left unanswered, each with the wrong doer or none.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsledger.pipeline.conjuncts import FINITE

OPENERS = ("after", "before", "since", "until", "till")  # not "as": "known as the Front, stormed" names
ACTORS = ("PERSON", "ORG", "GPE", "NORP")
NOT_SUBJECTS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY")


def _hidden_subject(verb: Token) -> Token | None:
    """The noun an opening word governs right before ``verb``, if it is the subject ``verb`` lacks."""
    if verb.tag_ not in FINITE or verb.dep_ not in ("advcl", "ROOT", "conj") or any(
            c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return None
    before = verb.i - 1
    while before >= 0 and verb.doc[before].is_punct:
        before -= 1
    if before < 0:
        return None
    noun = next((a for a in (verb.doc[before], *verb.doc[before].ancestors) if a.dep_ == "pobj"), None)
    if noun is None or not before <= noun.right_edge.i < verb.i or noun.pos_ not in ("NOUN", "PROPN", "PRON") \
            or noun.ent_type_ in NOT_SUBJECTS or noun.head.lower_ not in OPENERS or noun.head.head == verb:
        return None
    # A conjunct with no "and" of its own, on the verb the opening word hangs on, when the noun names someone:
    # "detained him two days after the Governor, Sir X, declared" (not "returned after the talks, ordered").
    if verb.dep_ == "conj" and (noun.head.head != verb.head or noun.pos_ != "PROPN" and noun.ent_type_ not in ACTORS
                                or any(c.dep_ == "cc" and c.i < verb.i for c in verb.head.children)):
        return None
    # Within one sentence (a verb the parse left as a root may begin a sentence of its own, which no head may leave),
    # and not hung under itself.
    host = noun.head.head
    return noun if host.sent.start == verb.sent.start and not verb.is_ancestor(host) \
        and not noun.head.is_ancestor(verb) and not noun.is_ancestor(verb) else None


@Language.component("newsledger_clause_subjects")
def restore_clause_subjects(doc: Doc) -> Doc:
    """Give each finite verb with no subject the noun its clause's opening word was parsed as governing."""
    for verb in doc:
        if (noun := _hidden_subject(verb)) is None:
            continue
        opener = noun.head
        if verb.dep_ in ("ROOT", "conj"):
            verb.head, verb.dep_ = opener.head, "advcl"
        opener.head, opener.dep_ = verb, "mark"
        noun.head, noun.dep_ = verb, "nsubj"
    return doc
