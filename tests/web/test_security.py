"""Security headers on every response, the Host check against DNS rebinding, and a /docs page that stays home."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsledger.api import Ledger
from newsledger.config import Config
from newsledger.store.db import Store
from newsledger.web.app import UI, create_app
from newsledger.web.security import host_name

from ..helpers import empty_store

LOCAL = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return empty_store(tmp_path_factory.mktemp("security"))


@pytest.fixture(scope="module")
def app(db: Path, config: Config) -> FastAPI:
    return create_app(db, config)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as c:
        yield c


def _guarded(headers: dict[str, str]) -> bool:
    policy = headers.get("content-security-policy", "")
    return ("frame-ancestors 'none'" in policy and "script-src 'self'" in policy
            and headers.get("x-content-type-options") == "nosniff" and headers.get("x-frame-options") == "DENY")


@pytest.mark.parametrize(("method", "url", "status"), [
    ("GET", "/", 200), ("GET", "/docs", 200), ("GET", "/openapi.json", 200), ("GET", "/static/ui/app.js", 200),
    ("GET", "/static/ui/docs.js", 200), ("GET", "/static/swagger/swagger-ui-bundle.js", 200),
    ("GET", "/static/swagger/swagger-ui.css", 200), ("GET", "/api/summary", 200), ("GET", "/api/summary", 200),
    ("GET", "/api/documents/ffff", 404), ("GET", "/nowhere", 404), ("GET", "/static/ui/none.js", 404),
    ("GET", "/api/events?limit=0", 422), ("POST", "/api/documents", 405), ("POST", "/api/ingest", 403),
])
def test_every_response_carries_the_security_headers(client: TestClient, method: str, url: str, status: int) -> None:
    reply = client.request(method, url)
    assert reply.status_code == status and _guarded(dict(reply.headers))


def test_an_unexpected_error_is_a_500_with_the_headers(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Ledger, *args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(Ledger, "stories", broken)
    reply = client.get("/api/stories", params={"limit": 3})
    assert reply.status_code == 500 and _guarded(dict(reply.headers)) and reply.json() == {"detail": "internal error"}


def test_cached_answers_carry_the_headers_once(client: TestClient) -> None:
    client.get("/api/duplicates")
    hit = client.get("/api/duplicates")
    assert hit.headers["x-cache"] == "hit" and _guarded(dict(hit.headers))
    assert [k for k, _ in hit.headers.multi_items()].count("content-security-policy") == 1


@pytest.mark.parametrize(("host", "status"), [
    ("127.0.0.1:8000", 200), ("localhost:8000", 200), ("LOCALHOST", 200), ("[::1]:8000", 200), ("localhost.", 200),
    ("attacker.example:8000", 400), ("attacker.example", 400), ("127.0.0.1.attacker.example", 400), ("", 400),
    ("[::1", 400), ("0.0.0.0:8000", 400),
])
def test_the_host_header_must_name_this_server(client: TestClient, host: str, status: int) -> None:
    reply = client.get("/api/summary", headers={"host": host})
    assert reply.status_code == status and _guarded(dict(reply.headers))
    if status == 400:
        assert "--allow-host" in reply.json()["detail"]


def test_the_served_address_and_configured_names_are_allowed(db: Path, config: Config) -> None:
    named = replace(config, serve=replace(config.serve, allowed_hosts=("ledger.lan",)))
    cases = [(create_app(db, config, host="10.0.0.7"), {"10.0.0.7": 200, "ledger.lan": 400}),
             (create_app(db, named, host="0.0.0.0"), {"ledger.lan:8000": 200, "10.0.0.7": 400, "0.0.0.0": 400}),
             (create_app(db, replace(config, serve=replace(config.serve, allowed_hosts=("*",)))),
              {"anything.example": 200})]
    for app, hosts in cases:
        with TestClient(app, base_url=LOCAL) as c:
            assert {h: c.get("/api/summary", headers={"host": h}).status_code for h in hosts} == hosts


@pytest.mark.parametrize(("header", "name"), [
    ("example.org:8000", "example.org"), ("Example.ORG", "example.org"), ("[::1]:8000", "::1"), ("[::1]", "::1"),
    ("127.0.0.1", "127.0.0.1"), ("host.:80", "host"), ("[broken", ""), ("", ""),
])
def test_host_name(header: str, name: str) -> None:
    assert host_name(header) == name


def test_the_docs_page_loads_nothing_from_another_host(client: TestClient) -> None:
    page = client.get("/docs").text
    scripts = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert scripts and all(s.startswith("/") or s.startswith("data:") for s in scripts)
    assert "<script>" not in page  # no inline script: the policy forbids them
    init = (UI / "docs.js").read_text("utf-8")
    assert "validatorUrl: null" in init and "http" not in init  # the badge would call swagger.io
    # Only the two files the page needs are served from the Swagger UI package.
    assert client.get("/static/swagger/index.html").status_code == 404
    assert client.get("/static/swagger/swagger-initializer.js").status_code == 404


def test_newsledger_serve_answers_the_hosts_it_is_told(tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys
    import time

    import httpx

    db = tmp_path / "served.duckdb"
    Store(db).close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(Path(sys.executable).parent / "newsledger"), "serve", "--db", str(db), "--port",
                               str(port), "--allow-host", "ledger.lan", "--set", "serve.refresh_seconds=0.5"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/api/summary"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(url, timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, "newsledger serve did not start"
                time.sleep(0.2)
        answers = {host: httpx.get(url, headers={"Host": host}, timeout=5).status_code
                   for host in ("ledger.lan:8000", "127.0.0.1", "elsewhere.example")}
        assert answers == {"ledger.lan:8000": 200, "127.0.0.1": 200, "elsewhere.example": 400}
    finally:
        server.terminate()
        server.communicate(timeout=20)
    assert not list(db.parent.glob(f".{db.name}.served-*"))  # the server removed its snapshot on the way out
