"""Requests read from the parse: "called on X to" whichever way the parser hangs its "on" and its clause."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from newsledger.pipeline.event_modality import calls_on

VOCAB = spacy.blank("en").vocab  # English lexical attributes ("lower_")
WORDS = ["The", "front", "called", "on", "farmers", "everywhere", "to", "rise", "up", "."]


def _parsed(on_dep: str, clause_dep: str) -> Doc:
    """'The front called on farmers everywhere to rise up.' with "on" and "to rise" hung as the parser may."""
    return Doc(VOCAB, words=WORDS, heads=[1, 2, 2, 2, 2 if on_dep == "prt" else 3, 2, 7, 2, 7, 2],
               deps=["det", "nsubj", "ROOT", on_dep, "dobj" if on_dep == "prt" else "pobj", "advmod", "aux",
                     clause_dep, "prt", "punct"])


def test_on_as_a_preposition_is_a_request() -> None:
    assert calls_on(_parsed("prep", "xcomp")[2])


def test_on_as_a_particle_with_what_they_are_to_do_is_a_request() -> None:
    # The parse of a long sentence may take "on" for a particle and "to rise" for a clause of its own.
    assert calls_on(_parsed("prt", "advcl")[2])


def test_on_as_a_particle_with_no_clause_is_a_visit() -> None:
    doc = Doc(VOCAB, words=["The", "envoy", "called", "on", "the", "president", "."],
              heads=[1, 2, 2, 2, 5, 2, 2], deps=["det", "nsubj", "ROOT", "prt", "det", "dobj", "punct"])
    assert not calls_on(doc[2])
