"""POST /api/ingest (issue 16): token before body, a bounded body, no input echoed, 4xx for any malformed body."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsledger.config import Config
from newsledger.web.app import create_app

from ..helpers import empty_store, held_elsewhere

TOKEN = "test-token-0123456789abcdef"
LOCAL = "http://127.0.0.1:8000"
AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
SECRET = "The minister's unpublished remarks, which must never come back in an error reply. " * 40
LIMIT = 200_000


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return empty_store(tmp_path_factory.mktemp("gate"))


@pytest.fixture(scope="module")
def app(db: Path, config: Config) -> FastAPI:
    small = replace(config.serve, ingest_max_bytes=LIMIT, ingest_max_articles=50)
    return create_app(db, replace(config, serve=small), ingest_token=TOKEN)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url=LOCAL) as c:
        yield c


def _post(app: FastAPI, headers: dict[str, str], chunks: Iterator[bytes]) -> tuple[int, bytes, int]:
    """Send a streamed POST /api/ingest straight to the ASGI app: (status, reply body, body bytes the app pulled)."""
    pulled = 0
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        nonlocal pulled
        chunk = next(chunks, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        pulled += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/api/ingest", "raw_path": b"/api/ingest", "query_string": b"", "root_path": "",
             "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 5000),
             "headers": [(b"host", b"127.0.0.1:8000"), *((k.lower().encode(), v.encode()) for k, v in headers.items())]}
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")  # type: ignore[misc]
    return int(status), body, pulled  # type: ignore[call-overload]


def _endless() -> Iterator[bytes]:
    while True:
        yield b'{"articles": [{"text": "' + b"x" * 65_536


def test_a_wrong_or_missing_token_is_refused_before_any_of_the_body_is_read(app: FastAPI) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong-token-0123456789"}, {"Authorization": f"Basic {TOKEN}"}):
        status, reply, pulled = _post(app, headers, _endless())
        assert (status, pulled) == (401, 0) and b"Bearer" in reply


def test_a_body_over_the_limit_is_refused_413_without_being_read_whole(app: FastAPI) -> None:
    declared = _post(app, {**AUTH, "Content-Length": str(LIMIT + 1)}, _endless())
    assert declared[0] == 413 and declared[2] == 0  # the declared length is enough
    status, reply, pulled = _post(app, AUTH, _endless())  # chunked: no length declared
    assert status == 413 and b"serve.ingest_max_bytes" in reply and pulled <= LIMIT + 65_536 + 24


def test_ingest_disabled_refuses_without_reading_or_echoing(db: Path, config: Config) -> None:
    status, reply, pulled = _post(create_app(db, config), AUTH, iter([json.dumps({"articles": [
        {"text": SECRET}]}).encode()]))
    assert (status, pulled) == (403, 0) and b"--ingest-token" in reply and b"minister" not in reply


def test_a_rejected_body_is_never_echoed(client: TestClient) -> None:
    reply = client.post("/api/ingest", headers=AUTH, json={"articles": [{"text": SECRET, "title": ["not", "a", "str"]},
                                                                         {"text": 12, "url": SECRET}]})
    assert reply.status_code == 422
    assert "minister" not in reply.text and {tuple(e["loc"]) for e in reply.json()["detail"]} == {
        ("body", "articles", 0, "title"), ("body", "articles", 1, "text")}


@pytest.mark.parametrize("body", [
    b'{"articles": [{"text": NaN}]}', b'{"text": NaN}', b'{"articles": [{"text": "a", "title": Infinity}]}',
    b'{"articles": [{"text": 1e999}]}', b'{"articles": [{"text": ' + b"9" * 5000 + b"}]}",
    b'{"articles": [{"text": "a"}', b"not json", b"", b"[]", b"null", b'"text"', b'{"articles": {}}',
    b'{"articles": [{"text": ""}]}', b'{"articles": []}', b'{"articles": [null]}', b"\xff\xfe{}",
    b"[" * 100_000 + b"]" * 100_000,
], ids=lambda b: b[:30].decode("latin-1"))
def test_any_malformed_body_gets_a_4xx(client: TestClient, body: bytes) -> None:
    reply = client.post("/api/ingest", headers=AUTH, content=body)
    assert 400 <= reply.status_code < 500 and "detail" in reply.json()


def test_too_many_articles_are_refused_413(client: TestClient) -> None:
    reply = client.post("/api/ingest", headers=AUTH, json={"articles": [{"text": "Talks."}] * 51})
    assert reply.status_code == 413 and "serve.ingest_max_articles" in reply.json()["detail"]


def test_ingest_while_another_process_writes_the_store_is_503(db: Path, client: TestClient) -> None:
    with held_elsewhere(db, "write"):
        reply = client.post("/api/ingest", headers=AUTH, json={"articles": [{"text": "Talks in Brussels."}]})
    assert reply.status_code == 503 and reply.headers["retry-after"] and "retry" in reply.json()["detail"]
