"""Quotes with their speakers, and numeric claims with who asserts them."""

from __future__ import annotations

from newsledger.answers.quotes import Claim, Quote
from newsledger.ledger.base import LedgerBase, records
from newsledger.store import claims, quotes


class QuoteQueries(LedgerBase):
    def quotes(self, speaker: str | None = None, doc_id: str | None = None, kind: str | None = None,
               limit: int = 100, offset: int = 0) -> list[Quote]:
        """Quotes with speaker, cue and source; ``speaker`` matches the actor's name or any alias."""
        return records(Quote, quotes.listing(self.store, speaker, self.resolve_doc_id(doc_id) if doc_id else None,
                                             kind, limit, offset))

    def claims(self, counted: str | None = None, asserter: str | None = None, doc_id: str | None = None,
               limit: int = 100, offset: int = 0) -> list[Claim]:
        """Numeric claims with what they count, who asserts them, and their sentence."""
        return records(Claim, claims.listing(self.store, counted, asserter,
                                             self.resolve_doc_id(doc_id) if doc_id else None, limit, offset))
