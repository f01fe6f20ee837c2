"""The API's one error shape, ``{"detail": ...}``, and the handlers that give it.

Requests only read, so what fails is the request: unknown (404) or unclear (400); 503 while
another process writes the store.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from newsledger.errors import NewsledgerError, NotFoundError, StoreBusyError


class Problem(BaseModel):
    """The one error shape."""

    detail: str


# Declared on every route (the app's ``responses``), so the OpenAPI describes them.
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


def ledger_error(request: Request, exc: NewsledgerError) -> JSONResponse:
    """A ``NewsledgerError`` as 404, 400 or 503."""
    if isinstance(exc, StoreBusyError):
        return JSONResponse({"detail": "another process is writing the store; retry when it has finished"},
                            503, headers={"Retry-After": "30"})
    return JSONResponse({"detail": str(exc)}, status_code=404 if isinstance(exc, NotFoundError) else 400)


def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 saying where and what is wrong, without the value.

    FastAPI's own reply repeats each invalid value: a 50 MB text came back whole, and a NaN
    could not be written as JSON at all (a 500).
    """
    return JSONResponse({"detail": [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]}
                                    for e in exc.errors()[:20]]}, 422)


def handle_errors(app: FastAPI) -> None:
    """Answer the ledger's errors and invalid requests in the one shape."""
    app.exception_handler(NewsledgerError)(ledger_error)
    app.exception_handler(RequestValidationError)(invalid_request)
