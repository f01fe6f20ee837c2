"""Lemmas the rule lemmatizer gets wrong, corrected from ``data/lemmas.toml``.

Reads:   a ``Doc`` after spaCy's ``lemmatizer``.
Sets:    ``Token.lemma_`` of verbs and auxiliaries whose form the table lists.
Why:     the lemmatizer's exceptions cannot win over a shorter verb its index knows ("raged" ->
         "rag"), so "waged war", "staging a general strike" and "fighting raged" missed the frames keyed by
         "wage", "stage" and "rage". A component after it is the one place the fix applies.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc


@lru_cache(maxsize=1)
def verb_lemmas() -> dict[str, str]:
    """Form -> lemma, from ``data/lemmas.toml``."""
    data = tomllib.loads(resources.files("newsledger").joinpath("data/lemmas.toml").read_text("utf-8"))
    return checked(data.get("verbs", {}))


def checked(table: dict[str, object]) -> dict[str, str]:
    """The table, if every entry maps a lower-case word to a lower-case word; else ValueError naming the entry."""
    for form, lemma in table.items():
        if not (isinstance(lemma, str) and form.isalpha() and form.islower() and lemma.isalpha() and lemma.islower()):
            raise ValueError(f"data/lemmas.toml: [verbs] {form!r} = {lemma!r} must map a lower-case form to a "
                             "lower-case lemma")
    return {form: str(lemma) for form, lemma in table.items()}


@Language.component("newsledger_lemmas")
def fix_lemmas(doc: Doc) -> Doc:
    """Set the listed verb forms' lemmas (the tagger has run, so only verbs and auxiliaries change)."""
    table = verb_lemmas()
    for token in doc:
        if token.pos_ in ("VERB", "AUX") and (lemma := table.get(token.lower_)) is not None:
            token.lemma_ = lemma
    return doc
