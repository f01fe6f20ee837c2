"""Sentence lookup by token, and the document's text, built once per parsed document and shared by every stage.

spaCy's ``Token.sent`` and ``Span.sent`` rebuild sentence spans by scanning the document on
each call; the extractors ask that question thousands of times per article (it was about a
fifth of their time). One index per ``Doc``, kept in ``Doc.user_data``, answers in O(1).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_KEY = "newsledger_sentences"


class Sentences:
    def __init__(self, sdoc: Doc) -> None:
        self.spans: list[Span] = list(sdoc.sents)
        self._of: list[int] = [0] * len(sdoc)
        for n, sent in enumerate(self.spans):
            self._of[sent.start : sent.end] = [n] * (sent.end - sent.start)
        self._ents: list[list[Span]] | None = None
        self.text = sdoc.text  # Doc.text re-joins every token on each access: once per document

    def index(self, tok: Token | Span) -> int:
        """Index of the sentence holding a token (a span: its first token)."""
        return self._of[tok.i if isinstance(tok, Token) else tok.start]

    def of(self, tok: Token | Span) -> Span:
        return self.spans[self.index(tok)]

    def ents(self, tok: Token | Span) -> list[Span]:
        """Entities of the sentence holding a token (``Span.ents`` scans all of the doc's)."""
        if self._ents is None:
            self._ents = [[] for _ in self.spans]
            for ent in self.spans[0].doc.ents if self.spans else ():
                self._ents[self._of[ent.start]].append(ent)
        return self._ents[self.index(tok)]


def sentences(sdoc: Doc) -> Sentences:
    """The document's sentence index, built on first use."""
    found = sdoc.user_data.get(_KEY)
    if not isinstance(found, Sentences):
        found = sdoc.user_data[_KEY] = Sentences(sdoc)
    return found
