"""The actors stage's per-document tables read from spaCy's token arrays agree with the parse."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

from newsledger.pipeline.actor_base import dependents


def test_dependents_are_each_heads_children_by_label() -> None:
    # Hand-built parse: possessives before their head ("Ghana's", "its"), two on one head
    # ("Ghana's" and "its" on "navy"), and one after its head ("theirs" on "friend"), whose
    # offset to the head is negative and is stored unsigned by ``Doc.to_array``.
    words = ["Ghana", "'s", "its", "navy", "met", "a", "friend", "theirs", "."]
    heads = [3, 0, 3, 4, 4, 6, 4, 6, 4]
    deps = ["poss", "case", "poss", "nsubj", "ROOT", "det", "dobj", "poss", "punct"]
    doc = Doc(English().vocab, words=words, heads=heads, deps=deps)
    for label in ("poss", "det", "ROOT"):
        expected = {t.i: [c.i for c in t.children if c.dep_ == label]
                    for t in doc if any(c.dep_ == label for c in t.children)}
        assert dependents(doc, label) == expected
    assert dependents(doc, "poss") == {3: [0, 2], 6: [7]}
