"""Finite verbs the parser joins to a verb whose tense they cannot share, hung on the verb they go with.

Reads:   a ``Doc`` after spaCy's parser, tagger and lemmatizer.
Sets:    ``Token.head`` of a past or present verb with no subject of its own that the parser made a conjunct
         of a verb whose tense it cannot share (a bare verb: "to restore", "would seek", "did not trust"; a
         progressive: "was watching"), and of the "and" before it: the nearest verb above in its own tense
         (not "be").
Why:     "the envoy said his government would seek talks with the rebels and urged them to disarm" read as
         "would seek ... and urge": the urging took the reported clause's subject and its "would", and "said
         the army must keep order and called for restraint" made the army the caller.
         A tense the verb it hangs on cannot have says which verb the conjunct goes with; found 35 times after
         an infinitive in four of our read sets (about 180 articles), each one of a speaker's acts ("urged",
         "warned", "demanded", "called on", "pledged"), and a dozen times after other bare verbs and progressives
         ("proposed that the council send monitors and offered aircraft"). A component after the parse is the one
         place every reader sees the fix.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

FINITE = ("VBD", "VBZ", "VBP")


def _tenseless(verb: Token) -> bool:
    """A verb whose tense its auxiliary or clause carries, which a finite verb cannot share: a bare verb ("to
    keep", "would seek", "did not trust", "demanded that the government resign") or a progressive ("was
    watching")."""
    return verb.tag_ == "VB" or verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)


@Language.component("newsledger_conjuncts")
def rehang_conjuncts(doc: Doc) -> Doc:
    """Hang each finite conjunct of a tenseless verb, with its "and", on the nearest verb above in its tense."""
    for token in doc:
        if token.dep_ != "conj":
            continue
        tenseless = token.head
        # A past tense the tagger calls a participle: no auxiliary of its own, and none it could share.
        tense = "VBD" if token.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in token.children) \
            else token.tag_
        if tense not in FINITE or not _tenseless(tenseless) or any(
                c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            continue
        verb = next((a for a in tenseless.ancestors if a.tag_ == tense and a.lemma_ != "be"), None)
        if verb is None:
            continue
        joiner = [c for c in tenseless.children if c.dep_ == "cc" and c.i < token.i]
        token.head = verb
        if joiner:
            joiner[-1].head = verb
    return doc
