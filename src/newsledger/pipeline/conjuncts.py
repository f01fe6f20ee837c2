"""Finite verbs the parser joins to an infinitive, hung on the verb they are joined with.

Reads:   a ``Doc`` after spaCy's parser, tagger and lemmatizer.
Sets:    ``Token.head`` of a past or present verb with no subject of its own that the parser made a conjunct
         of a bare infinitive ("to restore", "would seek"), and of the "and" before it: the nearest verb above
         that infinitive in the same tense (not "be").
Why:     "said the United States would seek contacts with the new authorities and urged them to respect ..."
         reads as "would seek ... and urge": the urging took the reported clause's subject and its "would",
         and "said it was the army's duty to keep order and called for restraint" made the army the caller.
         A tense the infinitive cannot have says which verb the conjunct goes with; found 35 times in four
         of our read sets (about 180 articles), each one of a speaker's acts ("urged", "warned", "demanded",
         "called on", "pledged"). A component after the parse is the one place every reader sees the fix.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

FINITE = ("VBD", "VBZ", "VBP")


def _infinitive(verb: Token) -> bool:
    """A bare verb after "to" or a modal: "to keep", "would seek", "must keep"."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and (c.lower_ == "to" or c.tag_ == "MD") for c in verb.children)


@Language.component("newsledger_conjuncts")
def rehang_conjuncts(doc: Doc) -> Doc:
    """Hang each finite conjunct of an infinitive, with its "and", on the nearest verb above in its tense."""
    for token in doc:
        infinitive = token.head
        if token.dep_ != "conj" or token.tag_ not in FINITE or not _infinitive(infinitive) or any(
                c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            continue
        verb = next((a for a in infinitive.ancestors if a.tag_ == token.tag_ and a.lemma_ != "be"), None)
        if verb is None:
            continue
        joiner = [c for c in infinitive.children if c.dep_ == "cc" and c.i < token.i]
        token.head = verb
        if joiner:
            joiner[-1].head = verb
    return doc
