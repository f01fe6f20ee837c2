"""A response cache for the read API: the store only changes through ingest, so a GET answer
stays right until the next ingest, which clears the cache.

Written as a plain ASGI middleware rather than with a caching library: what it must know (the
store's generation, bumped by ingest) is ours, and it is thirty lines. Answers are kept as the
bytes sent, so a hit costs no query and no JSON encoding; only 200 answers to ``/api/`` GETs
are kept, least recently used first out, within a byte budget.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class ResponseCache:
    """Bounded LRU of whole responses, keyed by path and query string."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self.generation = 0  # bumped by ``clear``: an answer computed before it is not kept
        self._items: OrderedDict[bytes, tuple[int, list[Any], bytes]] = OrderedDict()
        self._bytes = 0
        # Ingest clears from a worker thread while the event loop reads: a short lock keeps
        # the dictionary and its byte count consistent.
        self._lock = threading.Lock()

    def get(self, key: bytes) -> tuple[int, list[Any], bytes] | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def put(self, key: bytes, generation: int, status: int, headers: list[Any], body: bytes) -> None:
        if len(body) > self.max_bytes // 8:
            return  # one huge answer would push out everything else
        with self._lock:
            if generation != self.generation or key in self._items:
                return
            self._items[key] = (status, headers, body)
            self._bytes += len(body)
            while self._bytes > self.max_bytes:
                _, (_, _, old) = self._items.popitem(last=False)
                self._bytes -= len(old)

    def clear(self) -> None:
        with self._lock:
            self.generation += 1
            self._items.clear()
            self._bytes = 0


class CachedAPI:
    """Serve repeated ``GET /api/...`` requests from ``cache``; mark each answer X-Cache hit or miss."""

    def __init__(self, app: ASGIApp, cache: ResponseCache) -> None:
        self.app, self.cache = app, cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        key = scope["path"].encode() + b"?" + scope["query_string"]
        hit = self.cache.get(key)
        if hit is not None:
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status,
                        "headers": [*headers, (b"x-cache", b"hit")]})
            await send({"type": "http.response.body", "body": body})
            return
        generation = self.cache.generation
        start: Message = {}
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                message = {**message, "headers": [*message.get("headers", []), (b"x-cache", b"miss")]}
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200:
                    self.cache.put(key, generation, 200, list(start.get("headers", [])), b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keep)
