"""spaCy's attribute_ruler, applied by table lookup: the same patterns and annotations in a fraction of the time.

The English pipelines map each fine tag to its coarse part of speech and morphology, and fix a
few words ("'s", "ca", "not"), with an ``attribute_ruler``: a spaCy Matcher over its 179
patterns run on every token, several times slower than the lookup here and a tenth of the whole
parse (README, Benchmarks). Every pattern tests a token's TAG, LOWER, DEP or IS_SPACE, and
the patterns name a few hundred words (and test three regular expressions), so what the one-token
patterns do to a token is worked out once per (TAG, DEP, IS_SPACE, word kind), the kind being the
word itself if a pattern names it and otherwise only which expressions it matches: a few thousand
entries, where keying by the word itself met a new entry (and ran all 179 patterns) at every fifth
token. The component is built from the pipeline's own ruler, so a model's patterns stay its data;
a pattern using anything else keeps spaCy's component (``fast_ruler`` returns None).

Semantics kept from ``AttributeRuler``: every pattern is matched against the annotations as
they were before the ruler ran, then the matches are applied in pattern order, so a later
pattern overrides an earlier one on the same token.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

KEYS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
COLUMNS = tuple(KEYS)  # the order of doc.to_array's columns

CACHED = 200_000  # words' kinds remembered; past that the cache starts again (bounded memory)

Row = tuple[str, str, str, bool]  # a token's TAG, LOWER, DEP, IS_SPACE
Test = Callable[[Row], bool]
Alternative = tuple[int, list[Test], int, dict[Any, Any]]  # pattern order, a test per token, index annotated, attrs


class Known(NamedTuple):
    """What the patterns do to a token with a given row."""

    hits: list[Alternative]  # the one-token patterns that match it, in order
    merged: dict[Any, Any]  # their attributes, a later pattern's overriding an earlier one's
    starts: list[Alternative]  # the longer patterns whose first token it matches


def _value_test(column: int, spec: object) -> Test | None:
    """A test of one attribute (by its column in a token's row of strings) against a pattern value."""
    if isinstance(spec, bool | str):
        return lambda row: row[column] == spec
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op == "IN" and isinstance(arg, list):
            allowed = frozenset(arg)
            return lambda row: row[column] in allowed
        if op == "NOT_IN" and isinstance(arg, list):
            banned = frozenset(arg)
            return lambda row: row[column] not in banned
        if op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)
            return lambda row: rx.search(str(row[column])) is not None
    return None


def _token_test(spec: object) -> Test | None:
    """A test of one token against a pattern's token spec; None when the spec uses anything else."""
    if not isinstance(spec, dict):
        return None
    tests = []
    for key, value in spec.items():
        test = _value_test(COLUMNS.index(key), value) if key in KEYS else None
        if test is None:
            return None
        tests.append(test)
    return lambda row: all(t(row) for t in tests)


class FastAttributeRuler:
    """Applies an ``AttributeRuler``'s patterns with their results cached by a token's attributes.

    The one-token patterns' attributes, merged in pattern order, are computed once per distinct
    row; the few longer patterns are tried where their first token matches, and a token they
    annotate gets all its hits applied in pattern order.
    """

    def __init__(self, name: str, alternatives: list[Alternative], words: frozenset[str],
                 word_patterns: tuple[re.Pattern[str], ...]) -> None:
        self.name = name
        self._single = [a for a in alternatives if len(a[1]) == 1]
        self._multi = [a for a in alternatives if len(a[1]) > 1]
        self._words = words
        self._word_patterns = word_patterns
        self._kinds: dict[str, object] = {}
        self._known: dict[tuple[str, object, str, bool], Known] = {}

    def _kind(self, word: str) -> object:
        """What the patterns can tell of a word: itself if a pattern names it, else only which of
        their regular expressions it matches, so "Goma" and "Gbagbo" share one entry."""
        kind = self._kinds.get(word)
        if kind is None:
            if len(self._kinds) >= CACHED:
                self._kinds.clear()
            kind = self._kinds[word] = word if word in self._words else tuple(
                rx.search(word) is not None for rx in self._word_patterns)
        return kind

    def _learn(self, row: Row) -> Known:
        """What the patterns do to a token with this row, worked out once per tag, dependency,
        space flag and word kind (the vocabulary is open; the patterns name few words)."""
        key = (row[0], self._kind(row[1]), row[2], row[3])
        known = self._known.get(key)
        if known is None:
            hits = [a for a in self._single if a[1][0](row)]
            merged: dict[Any, Any] = {}
            for a in hits:
                merged.update(a[3])
            known = self._known[key] = Known(hits, merged, [a for a in self._multi if a[1][0](row)])
        return known

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        array = doc.to_array([KEYS[c] for c in COLUMNS]).astype(np.uint64)
        rows: list[Row] = [(strings[int(t)] if t else "", strings[int(w)], strings[int(d)] if d else "", bool(s))
                           for t, w, d, s in array]
        known = [self._learn(row) for row in rows]
        extra: dict[int, list[tuple[int, dict[Any, Any]]]] = {}  # longer patterns' hits, by token annotated
        for i, k in enumerate(known):
            for order, tests, index, attrs in k.starts:
                end = i + len(tests)
                if end <= len(rows) and all(test(rows[i + j]) for j, test in enumerate(tests[1:], 1)):
                    target = (end if index < 0 else i) + index
                    if i <= target < end:
                        extra.setdefault(target, []).append((order, attrs))
        for i, k in enumerate(known):
            if i in extra:
                for _, attrs in sorted([(a[0], a[3]) for a in k.hits] + extra[i], key=lambda h: h[0]):
                    set_token_attrs(doc[i], attrs)
            elif k.merged:
                set_token_attrs(doc[i], k.merged)
        return doc


def fast_ruler(ruler: AttributeRuler) -> FastAttributeRuler | None:
    """The table-driven equivalent of ``ruler``, or None when one of its patterns needs the Matcher."""
    alternatives: list[Alternative] = []
    words: set[str] = set()
    word_patterns: list[re.Pattern[str]] = []
    patterns: list[dict[str, Any]] = ruler.patterns
    for order, pattern in enumerate(patterns):
        for alternative in pattern["patterns"]:
            tests = [_token_test(spec) for spec in alternative]
            if not tests or any(t is None for t in tests):
                return None
            alternatives.append((order, [t for t in tests if t is not None], int(pattern["index"]), ruler.attrs[order]))
            for spec in alternative:
                value = spec.get("LOWER")
                if isinstance(value, str):
                    words.add(value)
                elif isinstance(value, dict):
                    (op, arg), = value.items()
                    if op == "REGEX":
                        word_patterns.append(re.compile(arg))
                    else:
                        words.update(arg)
    return FastAttributeRuler(ruler.name, alternatives, frozenset(words), tuple(word_patterns))


@Language.factory("newsledger_attribute_ruler", default_config={"patterns": []})
def make_fast_ruler(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> FastAttributeRuler:
    """The spaCy factory: an AttributeRuler's patterns (as ``AttributeRuler.patterns`` lists them), applied fast."""
    ruler = AttributeRuler(nlp.vocab, name)
    ruler.add_patterns(patterns)
    fast = fast_ruler(ruler)
    if fast is None:
        raise ValueError("these attribute_ruler patterns need spaCy's Matcher; keep the attribute_ruler component")
    return fast


def speed_up_ruler(nlp: Language) -> bool:
    """Swap the pipeline's attribute_ruler for its table-driven equivalent, under the same name.

    False, leaving the pipeline as it is, when it has no attribute_ruler or one of its patterns
    needs the Matcher.
    """
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if not isinstance(ruler, AttributeRuler) or fast_ruler(ruler) is None:
        return False
    nlp.replace_pipe("attribute_ruler", "newsledger_attribute_ruler", config={"patterns": ruler.patterns})
    return True
