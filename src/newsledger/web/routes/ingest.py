"""Ingest: adding articles (with the server's token) and the log of every input."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field

from newsledger.answers.meta import IngestReport, InputProblem, LogEntry
from newsledger.api import Ledger
from newsledger.web.errors import INGEST_ERRORS
from newsledger.web.routes.params import L, Limit, Offset

# Documents the token in OpenAPI (Swagger's Authorize button); ``IngestGate`` checks it, before the body is read.
INGEST_TOKEN = HTTPBearer(auto_error=False, description="The token the server was started with (--ingest-token)")

router = APIRouter(tags=["ingest"])


class Article(BaseModel):
    """One article to ingest; the same fields as a JSON Lines input."""

    text: str = Field(min_length=1, description="Plain text or the page's HTML; the pipeline keeps at most "
                                                "ingest.max_chars characters of cleaned text (longer is skipped, "
                                                "with the reason)")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="A date or date-time, e.g. 2024-03-18")
    outlet: str | None = None


class IngestRequest(BaseModel):
    articles: list[Article] = Field(min_length=1, description="At most serve.ingest_max_articles (1000)")


@router.get("/api/ingest-log", summary="Every input with its status and why: stored, duplicate, skipped, failed")
def ingest_log(ledger: L, status: Literal["stored", "duplicate", "skipped", "failed"] | None = None,
               limit: Limit = 100, offset: Offset = 0) -> list[LogEntry]:
    return ledger.ingest_log(status, limit, offset)


@router.post("/api/ingest", summary="Add articles (needs the server's ingest token as a Bearer token)",
             responses=INGEST_ERRORS, dependencies=[Depends(INGEST_TOKEN)])
def ingest(request: Request, body: IngestRequest) -> IngestReport:
    cfg, served = request.app.state.config, request.app.state.served
    if len(body.articles) > cfg.serve.ingest_max_articles:
        raise HTTPException(413, f"at most {cfg.serve.ingest_max_articles} articles in one request "
                                 "(serve.ingest_max_articles)")
    with served.writing() as store:  # one at a time; reads go on from the snapshot
        counts = Ledger.over(store, cfg).ingest_records([a.model_dump(exclude_none=True) for a in body.articles])
    return IngestReport(**counts.as_dict(), problems=[
        InputProblem(source=p.source, status=p.status, reason=p.reason) for p in counts.problems])
