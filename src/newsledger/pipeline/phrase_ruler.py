"""An entity ruler for exact names that loads in milliseconds: spaCy's EntityRuler, minus its start-up.

Reads:   a ``Doc`` before ``ner`` (tokens only).
Adds:    ``doc.ents`` for every listed name, exactly as spaCy's ``entity_ruler`` with phrase
         patterns and ``overwrite_ents=False`` sets them: longest match first, then leftmost;
         a match is dropped when a token of it already has an entity type or it starts or ends
         on a token an earlier match took; entities already set that a match overlaps go.
Why:     the EntityRuler makes a ``Doc`` of each of the gazetteer's and knowledge base's 16,400
         names when the pipeline loads, creating a lexeme for every word (0.9 s of CPU in every
         worker, a fifth of its start-up). Its PhraseMatcher compares only the tokens' ORTH ids,
         so the ids are all a name needs: computed once per machine (``newsledger.cache``) and
         matched here through a dictionary keyed by the first token.
One choice the EntityRuler left to a set's order is fixed: a name listed under two labels
("Hong Kong", a territory GPE and a seat ORG) takes the label listed first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span


class PhraseRuler:
    """Sets entities for token sequences given as ORTH ids (see the module docstring)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._labels: dict[tuple[int, ...], str] = {}
        self._lengths: dict[int, set[int]] = {}  # first token's ORTH -> the lengths of names it starts

    def __len__(self) -> int:
        return len(self._labels)

    def add(self, phrases: Iterable[tuple[str, Sequence[int]]]) -> None:
        """Add (label, ORTH ids of the name's tokens) pairs; a name keeps the first label given."""
        for label, orths in phrases:
            if orths:
                key = tuple(orths)
                self._labels.setdefault(key, label)
                self._lengths.setdefault(key[0], set()).add(len(key))

    def __call__(self, doc: Doc) -> Doc:
        orths: list[int] = doc.to_array(ORTH).tolist()
        found = [
            (start, start + n, label)
            for start, orth in enumerate(orths)
            for n in self._lengths.get(orth, ())
            # Near the end a slice is shorter than n and could equal a shorter name: skip it.
            if start + n <= len(orths) and (label := self._labels.get(tuple(orths[start : start + n]))) is not None
        ]
        found.sort(key=lambda m: (m[1] - m[0], -m[0]), reverse=True)
        entities = list(doc.ents)
        new: list[Span] = []
        taken: set[int] = set()
        for start, end, label in found:
            if any(t.ent_type for t in doc[start:end]):
                continue
            # The EntityRuler's own test: only the first and last token against those taken.
            if start not in taken and end - 1 not in taken:
                new.append(Span(doc, start, end, label=label))
                entities = [e for e in entities if not (e.start < end and e.end > start)]
                taken.update(range(start, end))
        # Assigned even when nothing matched, as the EntityRuler does: it marks the other tokens
        # as outside an entity, which the statistical NER then reads.
        doc.ents = entities + new
        return doc


@Language.factory("newsledger_phrase_ruler")
def make_phrase_ruler(nlp: Language, name: str) -> PhraseRuler:
    """An empty ruler; ``annotate.add_gazetteer_ruler`` fills it."""
    return PhraseRuler(name)
