"""spaCy's rule lemmatizer with every answer remembered: the same lemmas in a fraction of the time.

The English pipelines lemmatize by rule: a token's lemma follows from its word, its coarse part
of speech and its morphology, and nothing else (``Lemmatizer.rule_lemmatize`` and English's
``is_base_form`` read only those). spaCy remembers only the answers its suffix rules worked out;
a singular noun, a base verb or a plain adjective (most tokens) goes through a Python method
call and a morphology dictionary every time: about 4 µs a token, a few per cent of the parse (README,
Benchmarks). Here each (word, part of speech, morphology) is worked out once by the pipeline's
own lemmatizer and the answers are set through the document's arrays. Its tables stay the model's
data; a lemmatizer in another mode (lookup, or a trained one) is left as it is.

Semantics kept from ``Lemmatizer``: with ``overwrite`` off, a token that already has a lemma (the
attribute_ruler sets a few) keeps it.
"""

from __future__ import annotations

from typing import cast

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from thinc.types import Ints2d

CACHED = 200_000  # distinct (word, POS, morphology) remembered; past that the memory starts again


class FastLemmatizer:
    """Applies a rule ``Lemmatizer`` once per distinct (word, POS, morphology) and remembers the lemma."""

    def __init__(self, name: str, overwrite: bool) -> None:
        self.name = name
        self.overwrite = overwrite
        self.rules: Lemmatizer | None = None  # the pipeline's own lemmatizer, handed over by ``speed_up_lemmatizer``
        self._known: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.rules is None:
            raise ValueError("FastLemmatizer has no rules: build it with speed_up_lemmatizer(nlp)")
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        array = doc.to_array([ORTH, POS, MORPH, LEMMA]).astype(np.uint64)
        lemmas = array[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            known = self._known.get(key)
            if known is None:
                if len(self._known) >= CACHED:
                    self._known.clear()
                known = self._known[key] = strings.add(self.rules.lemmatize(doc[i])[0])
            lemmas[i] = known
        doc.from_array([LEMMA], cast(Ints2d, lemmas.reshape(-1, 1)))  # thinc's array type, spaCy's own hashes
        return doc


@Language.factory("newsledger_lemmatizer", default_config={"overwrite": False})
def make_fast_lemmatizer(nlp: Language, name: str, overwrite: bool) -> FastLemmatizer:
    """The spaCy factory; ``speed_up_lemmatizer`` hands it the rules it applies."""
    return FastLemmatizer(name, overwrite)


def speed_up_lemmatizer(nlp: Language) -> bool:
    """Swap the pipeline's rule lemmatizer for one that remembers its answers, under the same name.

    False, leaving the pipeline as it is, when it has no lemmatizer in rule mode.
    """
    rules = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if not isinstance(rules, Lemmatizer) or rules.mode != "rule":
        return False
    nlp.replace_pipe("lemmatizer", "newsledger_lemmatizer", config={"overwrite": rules.overwrite})
    cast(FastLemmatizer, nlp.get_pipe("lemmatizer")).rules = rules
    return True
