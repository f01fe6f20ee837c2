"""The store as a whole: summary, status, and the ontology the web UI draws with."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from newsledger.answers.meta import Ontology, RunStatus, Summary
from newsledger.pipeline.ontology import describe
from newsledger.web.routes.params import L

router = APIRouter(tags=["store"])


@router.get("/api/summary", summary="Counts, outlets, dates, languages and the first problem inputs of the store")
def summary(ledger: L) -> Summary:
    return ledger.summary()


@router.get("/api/status", summary="What is pending: the cross-article stage, interrupted runs, the latest runs")
def status(ledger: L, runs: Annotated[int, Query(ge=1, le=1000)] = 10) -> RunStatus:
    return ledger.status(runs)


@router.get("/api/ontology", summary="The PLOVER event types and quad classes the ledger codes with")
def ontology() -> Ontology:
    return Ontology.model_validate(describe())
