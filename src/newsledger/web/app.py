"""The REST API over the ledger (FastAPI): the same queries as the CLI, as JSON.

Every route calls ``newsledger.api.Ledger``: the CLI, the web app and Python users share one
query layer. Reads come from a read-only snapshot of the store (``web/snapshot.py``) that is
replaced when the store changes, so an ingest can write the store while the server answers;
each request gets its own DuckDB cursor (a connection is not shared across threads). Errors
keep one shape, ``{"detail": ...}``: 404 when nothing has the id or name, 400 for a bad or
ambiguous request (or an unknown Host), 401/403/413 for ingest without the token or too
large, 503 while another process writes the store. GET answers are cached until the served
snapshot changes (``web/cache.py``). Security headers go on every response
(``web/security.py``). OpenAPI is at /openapi.json and its Swagger page at /docs; the web UI
is at /. Every asset is served from the package (no CDN).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from newsledger import __version__
from newsledger.api import Ledger
from newsledger.config import Config, load_config
from newsledger.errors import NewsledgerError, NotFoundError, StoreBusyError
from newsledger.pipeline.ontology import describe
from newsledger.web.cache import CachedAPI, ResponseCache
from newsledger.web.ingest_gate import IngestGate
from newsledger.web.security import HostCheck, SecurityHeaders, allowed_hosts
from newsledger.web.snapshot import SnapshotStore

UI = Path(__file__).parent / "static"
# Swagger UI 5 as fastapi-offline ships it (pinned); /docs loads two of its files, nothing else is served.
SWAGGER = Path(str(resources.files("fastapi_offline").joinpath("static")))
SWAGGER_FILES = frozenset({"swagger-ui-bundle.js", "swagger-ui.css"})
Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
# Documents the token in OpenAPI (Swagger's Authorize button); ``IngestGate`` checks it, before the body is read.
INGEST_TOKEN = HTTPBearer(auto_error=False, description="The token the server was started with (--ingest-token)")


def _ledger(request: Request) -> Iterator[Ledger]:
    with request.app.state.served.reading() as store:
        yield Ledger.over(store, request.app.state.config)


L = Annotated[Ledger, Depends(_ledger)]


class Problem(BaseModel):
    """The one error shape."""

    detail: str


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
INGEST_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "No or wrong token"},
    403: {"model": Problem, "description": "Ingest is not enabled on this server"},
    413: {"model": Problem, "description": "Body over serve.ingest_max_bytes, or over serve.ingest_max_articles"},
    503: {"model": Problem, "description": "Another process is writing the store; retry later"},
}


def create_app(db: str | Path, config: Config | None = None, ingest_token: str | None = None,
               host: str = "127.0.0.1") -> FastAPI:
    """The API and web UI over the store at ``db``: read-only, unless ``ingest_token`` enables POST /api/ingest.

    ``host`` is the address served: with localhost and ``serve.allowed_hosts`` it is what the
    Host header may name.

    Raises:
        StoreError: no store at ``db``.
        StoreBusyError: an ingest is writing it, so there is nothing consistent to serve yet.
    """
    cfg = config or load_config()
    cache = ResponseCache()
    served = SnapshotStore(db, on_change=cache.clear)  # every cached answer may have changed

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            with served.watching(cfg.serve.refresh_seconds):
                yield
        finally:
            served.close()

    app = FastAPI(title="newsledger", version=__version__, docs_url=None, redoc_url=None, responses=ERRORS,
                  description="A source-cited ledger of news events, quotes and actors.", lifespan=lifespan)
    app.state.served, app.state.config = served, cfg
    # The last added runs first: headers on everything, then the Host check, then the ingest gate.
    app.add_middleware(CachedAPI, cache=cache)
    app.add_middleware(IngestGate, token=ingest_token, max_bytes=cfg.serve.ingest_max_bytes)
    app.add_middleware(HostCheck, allowed=allowed_hosts(host, cfg.serve.allowed_hosts))
    app.add_middleware(SecurityHeaders)
    app.mount("/static/ui", StaticFiles(directory=UI), name="ui")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(UI / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        # Our own page rather than FastAPI's: that one starts Swagger UI from an inline script,
        # which the policy forbids, and leaves on the validator badge that calls swagger.io.
        return FileResponse(UI / "docs.html")

    @app.get("/static/swagger/{name}", include_in_schema=False)
    def swagger(name: str) -> FileResponse:
        if name not in SWAGGER_FILES:
            raise HTTPException(404, "not found")
        return FileResponse(SWAGGER / name)

    @app.exception_handler(NewsledgerError)
    def _error(request: Request, exc: NewsledgerError) -> JSONResponse:
        if isinstance(exc, StoreBusyError):
            return JSONResponse({"detail": "another process is writing the store; retry when it has finished"},
                                503, headers={"Retry-After": "30"})
        # Requests only read, so what fails is the request: unknown (404) or unclear (400).
        return JSONResponse({"detail": str(exc)}, status_code=404 if isinstance(exc, NotFoundError) else 400)

    @app.exception_handler(RequestValidationError)
    def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's own reply repeats each invalid value: a 50 MB text came back whole, and a
        # NaN could not be written as JSON at all (a 500). Where and what is wrong is enough.
        return JSONResponse({"detail": [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]}
                                        for e in exc.errors()[:20]]}, 422)

    @app.get("/api/summary", summary="Counts, outlets, dates, languages and the first problem inputs of the store")
    def summary(ledger: L) -> dict[str, Any]:
        return ledger.summary()

    @app.get("/api/status", summary="What is pending: the cross-article stage, interrupted runs, the latest runs")
    def status(ledger: L, runs: Annotated[int, Query(ge=1, le=1000)] = 10) -> dict[str, Any]:
        return ledger.status(runs)

    @app.get("/api/ontology", summary="The PLOVER event types and quad classes the ledger codes with")
    def ontology() -> dict[str, Any]:
        return describe()

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

    @app.get("/api/ingest-log", summary="Every input with its status and why: stored, duplicate, skipped, failed")
    def ingest_log(ledger: L, status: Literal["stored", "duplicate", "skipped", "failed"] | None = None,
                   limit: Limit = 100, offset: Offset = 0) -> list[dict[str, Any]]:
        return ledger.ingest_log(status, limit, offset)

    @app.post("/api/ingest", summary="Add articles (needs the server's ingest token as a Bearer token)",
              responses=INGEST_ERRORS, dependencies=[Depends(INGEST_TOKEN)])
    def ingest(body: IngestRequest) -> IngestReport:
        if len(body.articles) > cfg.serve.ingest_max_articles:
            raise HTTPException(413, f"at most {cfg.serve.ingest_max_articles} articles in one request "
                                     "(serve.ingest_max_articles)")
        with served.writing() as store:  # one at a time; reads go on from the snapshot
            counts = Ledger.over(store, cfg).ingest_records([a.model_dump(exclude_none=True) for a in body.articles])
        return IngestReport(**counts.as_dict(), problems=[
            IngestProblem(source=p.source, status=p.status.value, reason=p.reason) for p in counts.problems])

    return app
