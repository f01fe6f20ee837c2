"""The REST API over the ledger (FastAPI): the same queries as the CLI, as JSON.

Every route calls ``newsledger.api.Ledger``: the CLI, the web app and Python users share one
query layer. The store is opened read-only once; each request gets its own DuckDB cursor
(a connection is not shared across threads). Errors keep one shape, ``{"detail": "..."}``:
404 when nothing has the id or name, 400 for a bad or ambiguous request. OpenAPI is at
/openapi.json and its Swagger page at /docs, served from the package (no CDN).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from swagger_ui_bundle import swagger_ui_path

from newsledger import __version__
from newsledger.api import Ledger
from newsledger.config import Config, load_config
from newsledger.errors import NewsledgerError, NotFoundError
from newsledger.store.db import Store

Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]


def _ledger(request: Request) -> Iterator[Ledger]:
    cursor = request.app.state.store.cursor()
    try:
        yield Ledger.over(cursor, request.app.state.config)
    finally:
        cursor.close()


L = Annotated[Ledger, Depends(_ledger)]


class Problem(BaseModel):
    """The one error shape."""

    detail: str


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "An unclear request, e.g. an ambiguous id prefix"},
    404: {"model": Problem, "description": "Nothing has that id or name"},
}


def create_app(db: str | Path, config: Config | None = None) -> FastAPI:
    """The API over the store at ``db``, opened read-only."""
    app = FastAPI(title="newsledger", version=__version__, docs_url=None, redoc_url=None, responses=ERRORS,
                  description="A source-cited ledger of news events, quotes and actors.")
    app.state.store = Store(db, read_only=True)
    app.state.config = config or load_config()
    app.state.summary = None
    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_path), name="swagger")

    @app.exception_handler(NewsledgerError)
    def _error(request: Request, exc: NewsledgerError) -> JSONResponse:
        # Requests only read, so what fails is the request: unknown (404) or unclear (400).
        return JSONResponse({"detail": str(exc)}, status_code=404 if isinstance(exc, NotFoundError) else 400)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="newsledger API",
                                   swagger_js_url="/static/swagger/swagger-ui-bundle.js",
                                   swagger_css_url="/static/swagger/swagger-ui.css",
                                   swagger_favicon_url="/static/swagger/favicon-32x32.png")

    @app.get("/api/summary", summary="Counts, outlets, dates and languages of the store")
    def summary(ledger: L, request: Request) -> dict[str, Any]:
        # The store is read-only while served, so its summary is computed once.
        if request.app.state.summary is None:
            request.app.state.summary = ledger.summary()
        return dict(request.app.state.summary)

    @app.get("/api/documents", summary="Documents, newest first")
    def documents(ledger: L, limit: Limit = 50, offset: Offset = 0, outlet: str | None = None,
                  language: str | None = None) -> list[dict[str, Any]]:
        return ledger.documents(limit=limit, offset=offset, outlet=outlet, language=language)

    @app.get("/api/documents/{doc_id}", summary="One document: text, metadata, sentences and entities")
    def document(ledger: L, doc_id: str) -> dict[str, Any]:
        return ledger.document(doc_id)

    @app.get("/api/search", summary="Documents whose title or text holds the words")
    def search(ledger: L, q: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = 20,
               offset: Offset = 0) -> list[dict[str, Any]]:
        return ledger.search(q, limit, offset)

    @app.get("/api/actors", summary="Actors, most mentioned first")
    def actors(ledger: L, country: str | None = None, sector: str | None = None, kind: str | None = None,
               limit: Limit = 100, offset: Offset = 0) -> list[dict[str, Any]]:
        return ledger.actors(country=country, sector=sector, kind=kind, limit=limit, offset=offset)

    @app.get("/api/actors/{name}", summary="One actor: roles over time, aliases, mentions")
    def actor(ledger: L, name: str) -> dict[str, Any]:
        return ledger.actor(name)

    @app.get("/api/events", summary="Event mentions: who did what to whom, when and where")
    def events(ledger: L, type: str | None = None, actor: str | None = None, country: str | None = None,
               date_from: Annotated[str | None, Query(alias="from")] = None,
               date_to: Annotated[str | None, Query(alias="to")] = None, negated: bool = False,
               limit: Limit = 100, offset: Offset = 0) -> list[dict[str, Any]]:
        return ledger.events(event_type=type, actor=actor, country=country, date_from=date_from, date_to=date_to,
                             include_negated=negated, limit=limit, offset=offset)

    @app.get("/api/events/{event_id}", summary="One event mention with its sentence and actors")
    def event(ledger: L, event_id: str) -> dict[str, Any]:
        return ledger.event(event_id)

    @app.get("/api/merged-events", summary="Events merged across articles, most reported first")
    def merged_events(ledger: L, type: str | None = None, actor: str | None = None, story: str | None = None,
                      min_articles: Annotated[int, Query(ge=1)] = 1, limit: Limit = 100,
                      offset: Offset = 0) -> list[dict[str, Any]]:
        return ledger.merged_events(type, actor, story, min_articles, limit, offset)

    @app.get("/api/merged-events/{merged_id}", summary="One merged event with each article's report")
    def merged_event(ledger: L, merged_id: str) -> dict[str, Any]:
        return ledger.merged_event(merged_id)

    @app.get("/api/quotes", summary="Quotes with speakers")
    def quotes(ledger: L, speaker: str | None = None, doc: str | None = None, kind: str | None = None,
               limit: Limit = 100, offset: Offset = 0) -> list[dict[str, Any]]:
        return ledger.quotes(speaker=speaker, doc_id=doc, kind=kind, limit=limit, offset=offset)

    @app.get("/api/claims", summary="Numeric claims with who asserts them")
    def claims(ledger: L, counted: str | None = None, asserter: str | None = None, doc: str | None = None,
               limit: Limit = 100, offset: Offset = 0) -> list[dict[str, Any]]:
        return ledger.claims(counted=counted, asserter=asserter, doc_id=doc, limit=limit, offset=offset)

    @app.get("/api/duplicates", summary="Exact and near-duplicate articles")
    def duplicates(ledger: L) -> list[dict[str, Any]]:
        return ledger.duplicates()

    @app.get("/api/stories", summary="Stories, largest first")
    def stories(ledger: L, limit: Limit = 100) -> list[dict[str, Any]]:
        return ledger.stories(limit)

    @app.get("/api/stories/{story_id}", summary="One story with its documents")
    def story(ledger: L, story_id: str) -> dict[str, Any]:
        return ledger.story(story_id)

    @app.get("/api/stories/{story_id}/compare", summary="How the outlets of a story differ")
    def compare(ledger: L, story_id: str) -> dict[str, Any]:
        return ledger.compare(story_id)

    @app.get("/api/timeline", summary="Dated entries of a story, an actor or a text query")
    def timeline(ledger: L, story: str | None = None, actor: str | None = None, query: str | None = None,
                 limit: Annotated[int, Query(ge=1, le=500)] = 20) -> list[dict[str, Any]]:
        return ledger.timeline(story, actor, query, limit)

    return app
