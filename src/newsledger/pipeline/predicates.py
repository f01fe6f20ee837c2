"""A sentence's verb the parser took for a participle describing its subject, made the sentence's verb again.

Reads:   a ``Doc`` after spaCy's parser, tagger and lemmatizer.
Sets:    ``Token.head``, ``dep_`` and ``tag_`` where a sentence's root is a noun and its only past form, right
         after it, hangs on it as a participle with no subject, auxiliary or agent of its own: the participle
         becomes the root in the past tense, the noun its subject, and the words after it that hung on the noun
         (its full stop, a conjoined verb) hang on it.
Why:     "the Resistance infiltrated from Malawi in 1986" read as "the Resistance (that was) infiltrated from
         Malawi": the movement became whom the act was done to, and "the president's envoy signed for the
         government" had no signer. A
         sentence needs a verb; a participle that has none of a participle's company ("was", "by") and no other
         verb to defer to is that verb. Found six times in the body sentences of our seven read sets (about 190
         articles), each a main act ("threatened", "called on", "sealed off", "signed").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.pipeline.conjuncts import FINITE


def _lone_participle(sent: Span) -> Token | None:
    """The participle hung on a noun root that is the sentence's only candidate for its verb, if any."""
    root = sent.root
    if root.pos_ not in ("NOUN", "PROPN"):
        return None
    part = next((c for c in root.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBD") and c.i > root.i), None)
    if part is None or any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "agent") for c in part.children):
        return None
    inside = {t.i for t in part.subtree}
    if any(t.tag_ in (*FINITE, "MD") and t.i not in inside for t in sent):
        return None  # another verb may be the sentence's ("soldiers backed by tanks smashed through")
    return part


@Language.component("newsledger_predicates")
def restore_predicates(doc: Doc) -> Doc:
    """Make a noun root's lone participle the sentence's past-tense verb, with the noun as its subject."""
    for sent in list(doc.sents):
        part = _lone_participle(sent)
        if part is None:
            continue
        root = sent.root
        after = [c for c in root.children if c.i > part.i]
        part.head = part
        part.dep_, part.tag_ = "ROOT", "VBD"
        root.head, root.dep_ = part, "nsubj"
        for child in after:
            child.head = part
    return doc
