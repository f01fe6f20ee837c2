"""Quotes with their speakers, and numeric claims."""

from __future__ import annotations

from fastapi import APIRouter

from newsledger.answers.quotes import Claim, Quote
from newsledger.web.routes.params import L, Limit, Offset

router = APIRouter(tags=["quotes and claims"])


@router.get("/api/quotes", summary="Quotes with speakers")
def quotes(ledger: L, speaker: str | None = None, doc: str | None = None, kind: str | None = None,
           limit: Limit = 100, offset: Offset = 0) -> list[Quote]:
    return ledger.quotes(speaker=speaker, doc_id=doc, kind=kind, limit=limit, offset=offset)


@router.get("/api/claims", summary="Numeric claims with who asserts them")
def claims(ledger: L, counted: str | None = None, asserter: str | None = None, doc: str | None = None,
           limit: Limit = 100, offset: Offset = 0) -> list[Claim]:
    return ledger.claims(counted=counted, asserter=asserter, doc_id=doc, limit=limit, offset=offset)
