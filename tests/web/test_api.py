"""The REST API on the example corpus: every route answers, filters and pages, errors have one shape."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsledger import Ledger
from newsledger.config import Config
from newsledger.web.app import create_app

from ..conftest import EXAMPLES

pytestmark = pytest.mark.usefixtures("nlp")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, config: Config) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("web") / "db.duckdb"
    with Ledger(db, config) as ledger:
        ledger.ingest([str(EXAMPLES)])
    with TestClient(create_app(db, config)) as c:
        yield c


def test_summary_and_documents_page(client: TestClient) -> None:
    summary = client.get("/api/summary").json()
    assert summary["documents"] == 28
    first = client.get("/api/documents", params={"limit": 5}).json()
    second = client.get("/api/documents", params={"limit": 5, "offset": 5}).json()
    assert len(first) == len(second) == 5
    assert not {d["doc_id"] for d in first} & {d["doc_id"] for d in second}
    one = client.get(f"/api/documents/{first[0]['doc_id'][:10]}").json()
    assert one["doc_id"] == first[0]["doc_id"] and one["text"]


def test_search_finds_text_and_escapes_wildcards(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Kerch Strait"}).json()
    assert hits and all("Kerch" in (h["snippet"] + (h["title"] or "")) for h in hits)
    assert client.get("/api/search", params={"q": "%_%"}).json() == []  # wildcards are literal
    assert client.get("/api/search", params={"q": ""}).status_code == 422


def test_events_filters(client: TestClient) -> None:
    accuse = client.get("/api/events", params={"type": "accuse", "limit": 50}).json()
    assert accuse and {e["event_type"] for e in accuse} == {"ACCUSE"}
    dated = client.get("/api/events", params={"from": "2023-09-01", "to": "2023-09-30"}).json()
    assert dated and all(e["date"].startswith("2023-09") for e in dated)
    one = client.get(f"/api/events/{accuse[0]['event_id']}").json()
    assert one["rule"] and one["document"]["text"]


def test_actors_stories_timeline_and_compare(client: TestClient) -> None:
    aliyev = client.get("/api/actors/Aliyev").json()
    assert aliyev["name"] == "Ilham Aliyev" and aliyev["country"] == "AZE"
    stories = client.get("/api/stories").json()
    assert stories and stories[0]["top_actors"]
    sid = stories[0]["story_id"]
    story = client.get(f"/api/stories/{sid[2:10]}").json()
    assert story["story_id"] == sid and len(story["documents"]) == stories[0]["n_documents"]
    timeline = client.get("/api/timeline", params={"story": sid}).json()
    assert [e["date"] for e in timeline] == sorted(e["date"] for e in timeline)
    compare = client.get(f"/api/stories/{sid}/compare").json()
    assert set(compare["terms"]) == set(compare["outlets"])
    merged = client.get("/api/merged-events", params={"min_articles": 2}).json()
    assert merged and all(m["n_articles"] >= 2 for m in merged)
    assert client.get(f"/api/merged-events/{merged[0]['merged_id']}").json()["mentions"]


def test_quotes_claims_duplicates(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"speaker": "Stoltenberg"}).json()
    assert quotes and all(q["text"] for q in quotes)
    assert client.get("/api/claims", params={"limit": 3}).json()
    dups = client.get("/api/duplicates").json()
    assert [d["kind"] for d in dups] == ["near"]


@pytest.mark.parametrize(("url", "status"), [
    ("/api/documents/ffffffffff", 404), ("/api/actors/Nobody%20Atall", 404), ("/api/stories/zzzz", 404),
    ("/api/events/nope", 404), ("/api/merged-events/m:nope", 404), ("/api/documents/0", 400),
    ("/api/events?limit=0", 422), ("/api/documents?offset=-1", 422), ("/api/documents/%2e%2e%2fetc", 404),
])
def test_errors_have_one_shape(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert "detail" in response.json()


def test_openapi_and_docs_served_offline(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/events" in spec["paths"] and "/api/stories/{story_id}/compare" in spec["paths"]
    page = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


def test_store_is_read_only(client: TestClient) -> None:
    assert client.post("/api/documents").status_code == 405
