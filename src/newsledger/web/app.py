"""The REST API over the ledger (FastAPI): the same queries as the CLI, as JSON.

Every route calls ``newsledger.api.Ledger``: the CLI, the web app and Python users share one
query layer. The store is opened once, read-only unless an ingest token is given; each
request gets its own DuckDB cursor (a connection is not shared across threads). Errors keep
one shape, ``{"detail": "..."}``: 404 when nothing has the id or name, 400 for a bad or
ambiguous request, 401/403 for ingest without the token. GET answers are cached until the
next ingest (``web/cache.py``): while served, the store changes only through this app, since
DuckDB lets no other process write a file that is open. OpenAPI is at /openapi.json and its
Swagger page at /docs; the web UI is at /. Every asset is served from the package (no CDN).
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from swagger_ui_bundle import swagger_ui_path

from newsledger import __version__
from newsledger.api import Ledger
from newsledger.config import Config, load_config
from newsledger.errors import NewsledgerError, NotFoundError
from newsledger.store.db import Store
from newsledger.web.cache import CachedAPI, ResponseCache

UI = Path(__file__).parent / "static"
# The UI builds every element from data with textContent, never innerHTML; the policy is a
# second wall should that ever slip: no inline or foreign script runs on its pages.
UI_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
             "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
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


class Article(BaseModel):
    """One article to ingest; the same fields as a JSON Lines input."""

    text: str = Field(min_length=1, max_length=10_000_000, description="Plain text or the page's HTML")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="A date or date-time, e.g. 2024-03-18")
    outlet: str | None = None


class IngestRequest(BaseModel):
    articles: list[Article] = Field(min_length=1, max_length=1000)


class IngestProblem(BaseModel):
    source: str
    status: str
    reason: str


class IngestReport(BaseModel):
    stored: int
    duplicate: int
    unchanged: int
    skipped: int
    failed: int
    problems: list[IngestProblem]


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "An unclear request, e.g. an ambiguous id prefix"},
    404: {"model": Problem, "description": "Nothing has that id or name"},
}


def create_app(db: str | Path, config: Config | None = None, ingest_token: str | None = None) -> FastAPI:
    """The API and web UI over the store at ``db``: read-only, unless ``ingest_token`` enables POST /api/ingest."""
    app = FastAPI(title="newsledger", version=__version__, docs_url=None, redoc_url=None, responses=ERRORS,
                  description="A source-cited ledger of news events, quotes and actors.")
    app.state.store = Store(db, read_only=ingest_token is None)
    app.state.config = config or load_config()
    app.state.cache = cache = ResponseCache()
    app.add_middleware(CachedAPI, cache=cache)
    ingesting = threading.Lock()  # one ingest at a time; reads go on beside it
    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_path), name="swagger")
    app.mount("/static/ui", StaticFiles(directory=UI), name="ui")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(UI / "index.html", headers={"Content-Security-Policy": UI_POLICY,
                                                        "X-Content-Type-Options": "nosniff"})

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
    def summary(ledger: L) -> dict[str, Any]:
        return ledger.summary()

    @app.get("/api/documents", summary="Documents, newest first")
    def documents(ledger: L, limit: Limit = 50, offset: Offset = 0, outlet: str | None = None,
                  language: str | None = None) -> list[dict[str, Any]]:
        return ledger.documents(limit=limit, offset=offset, outlet=outlet, language=language)

    @app.get("/api/documents/{doc_id}", summary="One document: text, metadata, sentences and entities")
    def document(ledger: L, doc_id: str) -> dict[str, Any]:
        return ledger.document(doc_id)

    @app.get("/api/documents/{doc_id}/annotations",
             summary="What was extracted from one document, with spans: events, quotes and actor mentions")
    def annotations(ledger: L, doc_id: str) -> dict[str, Any]:
        return ledger.annotations(doc_id)

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

    @app.get("/api/actors/{actor_id}/events", summary="Events in which an actor (exact id) is source or target")
    def actor_events(ledger: L, actor_id: str, role: Literal["source", "target"] = "source", limit: Limit = 100,
                     offset: Offset = 0) -> list[dict[str, Any]]:
        return ledger.actor_events(actor_id, role, limit, offset)

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

    @app.get("/api/stories/{story_id}/network", summary="Who acts on whom in a story, by cooperation and conflict")
    def network(ledger: L, story_id: str) -> dict[str, Any]:
        return ledger.network(story_id)

    @app.get("/api/stories/{story_id}/quotes", summary="A story's quotes grouped by speaker")
    def story_quotes(ledger: L, story_id: str, limit: Annotated[int, Query(ge=1, le=1000)] = 200
                     ) -> list[dict[str, Any]]:
        return ledger.story_quotes(story_id, limit)

    @app.get("/api/timeline", summary="The days that matter in a story, for an actor or a text query, with what "
             "happened (sentences with their source) and the events; no limit: as many days as fit the coverage")
    def timeline(ledger: L, story: str | None = None, actor: str | None = None, query: str | None = None,
                 limit: Annotated[int | None, Query(ge=1, le=500)] = None) -> list[dict[str, Any]]:
        return ledger.timeline(story, actor, query, limit)

    @app.post("/api/ingest", summary="Add articles (needs the server's ingest token as a Bearer token)",
              responses={401: {"model": Problem, "description": "No or wrong token"},
                         403: {"model": Problem, "description": "Ingest is not enabled on this server"}})
    def ingest(ledger: L, body: IngestRequest,
               authorization: Annotated[str | None, Header(description="Bearer TOKEN")] = None) -> IngestReport:
        if ingest_token is None:
            raise HTTPException(403, "ingest is disabled: start the server with --ingest-token")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.encode(), ingest_token.encode()):
            raise HTTPException(401, "give the ingest token as 'Authorization: Bearer TOKEN'",
                                headers={"WWW-Authenticate": "Bearer"})
        with ingesting:
            counts = ledger.ingest_records([a.model_dump(exclude_none=True) for a in body.articles])
            cache.clear()  # every cached answer may have changed
        return IngestReport(**counts.as_dict(), problems=[
            IngestProblem(source=p.source, status=p.status.value, reason=p.reason) for p in counts.problems])

    return app
