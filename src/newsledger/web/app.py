"""The REST API over the ledger (FastAPI): the same queries as the CLI, as JSON.

Every route calls ``newsledger.api.Ledger``: the CLI, the web app and Python users share one
query layer. The routes live in ``web/routes/``, one router per resource, and each returns
the Ledger's answer as the model it declares (``newsledger.answers``), so the OpenAPI
describes it; this module only wires the app: the snapshot, the middleware, the error
handlers (``web/errors.py``) and the routers. Reads come from a read-only snapshot of the store
(``web/snapshot.py``) that is replaced when the store changes, so an ingest can write the store
while the server answers; each request gets its own DuckDB cursor (a connection is not shared
across threads). Errors keep one shape, ``{"detail": ...}``: 404 when nothing has the id or
name, 400 for a bad or ambiguous request (or an unknown Host), 401/403/413 for ingest without
the token or too large, 503 while another process writes the store. GET answers are cached
until the served snapshot changes (``web/cache.py``). Security headers go on every response
(``web/security.py``). OpenAPI is at /openapi.json and its Swagger page at /docs; the web UI
is at /. Every asset is served from the package (no CDN).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsledger import __version__
from newsledger.config import Config, load_config
from newsledger.web.cache import CachedAPI, ResponseCache
from newsledger.web.errors import ERRORS, handle_errors
from newsledger.web.ingest_gate import IngestGate
from newsledger.web.routes import ROUTERS
from newsledger.web.routes.pages import UI
from newsledger.web.security import HostCheck, SecurityHeaders, allowed_hosts
from newsledger.web.snapshot import SnapshotStore


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
    app.state.served, app.state.config = served, cfg  # what the routes read (web/routes/)
    # The last added runs first: headers on everything, then the Host check, then the ingest gate.
    app.add_middleware(CachedAPI, cache=cache)
    app.add_middleware(IngestGate, token=ingest_token, max_bytes=cfg.serve.ingest_max_bytes)
    app.add_middleware(HostCheck, allowed=allowed_hosts(host, cfg.serve.allowed_hosts))
    app.add_middleware(SecurityHeaders)
    app.mount("/static/ui", StaticFiles(directory=UI), name="ui")
    handle_errors(app)
    for router in ROUTERS:
        app.include_router(router)
    return app
