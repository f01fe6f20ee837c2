"""Browser-facing guards on every response: security headers, and a Host check against DNS rebinding.

Written as plain ASGI middleware, outside everything else, so that no answer escapes them:
pages, JSON, static files, the OpenAPI description, 404s, and the 500 of an unexpected error
(which Starlette would otherwise send from outside any middleware). Starlette's
``TrustedHostMiddleware`` does the Host part too, but answers in plain text and cannot read an
IPv6 Host (``[::1]:8000``); this keeps the API's one error shape and says how to allow a name.
"""

from __future__ import annotations

import logging

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

# The UI builds every element from data with textContent, never innerHTML; the policy is a
# second wall should that ever slip: no inline or foreign script runs, nothing is fetched from
# another host, and no other site may frame a page (clickjacking).
POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
HEADERS = [
    (b"content-security-policy", POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),  # frame-ancestors for browsers that predate it
    (b"referrer-policy", b"no-referrer"),
]
_NAMES = frozenset(name for name, _ in HEADERS)
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
ANY_ADDRESS = frozenset({"", "0.0.0.0", "::"})


class SecurityHeaders:
    """Add ``HEADERS`` to every HTTP response, including the 500 of an error no handler caught."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _NAMES]
                message = {**message, "headers": [*kept, *HEADERS]}
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except Exception:
            if not started:  # answer here, with the headers; Starlette's own 500 then stays unsent
                await JSONResponse({"detail": "internal error"}, 500)(scope, receive, with_headers)
            raise


class HostCheck:
    """Refuse (400) a request whose Host header names none of ``allowed`` ("*" allows any).

    A page on another site can make a browser send requests to this server under the other
    site's name (DNS rebinding); checking the name the browser used is what stops it.
    """

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app, self.allowed = app, frozenset(h.lower().rstrip(".") for h in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "*" in self.allowed:
            await self.app(scope, receive, send)
            return
        host = host_name(dict(scope["headers"]).get(b"host", b"").decode("latin-1"))
        if host in self.allowed:
            await self.app(scope, receive, send)
            return
        log.info("refused a request for host %r", host[:100])  # info: a scan must not flood the log
        detail = ("this server does not answer to that host name; if it is yours, start the server with "
                  "--allow-host NAME (or set serve.allowed_hosts)")
        await JSONResponse({"detail": detail}, 400)(scope, receive, send)


def host_name(header: str) -> str:
    """The name in a Host header, without port or IPv6 brackets: ``[::1]:8000`` -> ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else ""
    return header.rpartition(":")[0].rstrip(".") if ":" in header else header.rstrip(".")


def allowed_hosts(served: str, extra: tuple[str, ...]) -> frozenset[str]:
    """Localhost, the address served (unless it is every address: 0.0.0.0 names no host) and ``extra``."""
    served = host_name(served) if served.startswith("[") else served.lower()
    return LOCAL_HOSTS | {*extra, *({served} - ANY_ADDRESS)}
