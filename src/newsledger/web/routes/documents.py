"""Documents: the list, one document, what was extracted from it, search, duplicates."""

# No ``from __future__ import annotations``: the route ``annotations`` keeps its name (and so its
# OpenAPI operation id), and every hint here is valid at run time anyway.
from typing import Annotated

from fastapi import APIRouter, Query

from newsledger.answers.documents import Annotations, Document, DocumentRow, Duplicate, SearchHit
from newsledger.web.routes.params import L, Limit, Offset

router = APIRouter(tags=["documents"])


@router.get("/api/documents", summary="Documents, newest first")
def documents(ledger: L, limit: Limit = 50, offset: Offset = 0, outlet: str | None = None,
              language: str | None = None) -> list[DocumentRow]:
    return ledger.documents(limit=limit, offset=offset, outlet=outlet, language=language)


@router.get("/api/documents/{doc_id}", summary="One document: text, metadata, sentences and entities")
def document(ledger: L, doc_id: str) -> Document:
    return ledger.document(doc_id)


@router.get("/api/documents/{doc_id}/annotations",
            summary="What was extracted from one document, with spans: events, quotes and actor mentions")
def annotations(ledger: L, doc_id: str) -> Annotations:
    return ledger.annotations(doc_id)


@router.get("/api/search", summary="Documents whose title or text holds the words")
def search(ledger: L, q: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = 20,
           offset: Offset = 0) -> list[SearchHit]:
    return ledger.search(q, limit, offset)


@router.get("/api/duplicates", summary="Exact and near-duplicate articles")
def duplicates(ledger: L) -> list[Duplicate]:
    return ledger.duplicates()
