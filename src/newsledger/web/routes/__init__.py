"""The API's routes, one router per resource; ``create_app`` includes them all (``ROUTERS``).

Each route calls one ``Ledger`` query and declares the model of its answer (``newsledger.answers``).
"""

from __future__ import annotations

from newsledger.web.routes import actors, documents, events, ingest, meta, pages, quotes, stories

ROUTERS = (pages.router, meta.router, documents.router, actors.router, events.router, quotes.router,
           stories.router, ingest.router)
