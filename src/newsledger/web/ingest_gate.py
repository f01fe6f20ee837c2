"""The gate in front of ``POST /api/ingest``: the token first, then the size, and only then the body.

FastAPI reads and validates a request body before any dependency runs, so a token check in
the route came after the server had taken in whatever was sent (issue 16: 100 MB grew it by
400 MB, with no token at all). This ASGI middleware answers 403 (ingest disabled) or 401 (no
or wrong token) from the headers alone, 413 from the declared length, and otherwise reads at
most ``max_bytes`` of the body (413 beyond, whatever the length claimed) before handing it on.
"""

from __future__ import annotations

import secrets

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PATH = "/api/ingest"


class IngestGate:
    """Check ``POST /api/ingest`` against ``token`` (None: ingest disabled) and ``max_bytes``."""

    def __init__(self, app: ASGIApp, token: str | None, max_bytes: int) -> None:
        self.app, self.token, self.max_bytes = app, token, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"].rstrip("/") != PATH:
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        refusal = self._refusal(headers.get(b"authorization", b""), headers.get(b"content-length"))
        if refusal is None:
            body = await self._read(receive)
            if body is None:
                refusal = self._too_large()
            else:
                await self.app(scope, _replay(body, receive), send)
                return
        await refusal(scope, receive, send)

    def _refusal(self, authorization: bytes, length: bytes | None) -> JSONResponse | None:
        if self.token is None:
            return JSONResponse({"detail": "ingest is disabled: start the server with --ingest-token"}, 403)
        scheme, _, given = authorization.partition(b" ")
        if scheme.lower() != b"bearer" or not secrets.compare_digest(given.strip(), self.token.encode()):
            return JSONResponse({"detail": "give the ingest token as 'Authorization: Bearer TOKEN'"}, 401,
                                headers={"WWW-Authenticate": "Bearer"})
        if length is not None:
            if not length.isdigit():
                return JSONResponse({"detail": "the Content-Length header is not a number"}, 400)
            if int(length) > self.max_bytes:
                return self._too_large()
        return None

    def _too_large(self) -> JSONResponse:
        detail = (f"the request body is larger than {self.max_bytes} bytes (serve.ingest_max_bytes): "
                  "send the articles in several requests")
        return JSONResponse({"detail": detail}, 413)

    async def _read(self, receive: Receive) -> bytes | None:
        """The whole body, or None as soon as it passes ``max_bytes``."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return b"".join(chunks)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return None
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the app the body already read, then whatever the client sends next."""
    sent = False

    async def again() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return again
