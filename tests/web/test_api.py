"""The REST API on the example corpus: every route answers, filters and pages, errors have one shape."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsledger import Ledger
from newsledger.answers.events import EventRow
from newsledger.config import Config
from newsledger.web.app import create_app

pytestmark = pytest.mark.usefixtures("nlp")
TOKEN = "test-token-0123456789abcdef"
LOCAL = "http://127.0.0.1:8000"  # TestClient's own "testserver" is a host the server refuses


@pytest.fixture(scope="module")
def client(example_db: Path, config: Config) -> Iterator[TestClient]:
    with TestClient(create_app(example_db, config), base_url=LOCAL) as c:
        yield c


@pytest.fixture
def writable(example_db: Path, config: Config, tmp_path: Path) -> Iterator[TestClient]:
    """A copy of the example store served with ingest enabled."""
    db = tmp_path / "db.duckdb"
    shutil.copy(example_db, db)
    with TestClient(create_app(db, config, ingest_token=TOKEN), base_url=LOCAL) as c:
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


def test_search_finds_documents_holding_every_word(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Kerch Strait"}).json()
    assert hits and all("kerch" in (h["snippet"] + (h["title"] or "")).lower() for h in hits)
    # Every word must be in the document, in any order and case; not a substring of a longer word.
    reordered = client.get("/api/search", params={"q": "strait, KERCH!"}).json()
    assert [h["doc_id"] for h in reordered] == [h["doc_id"] for h in hits]
    kerch_only = {h["doc_id"] for h in client.get("/api/search", params={"q": "Kerch", "limit": 100}).json()}
    assert {h["doc_id"] for h in hits} <= kerch_only
    assert client.get("/api/search", params={"q": "Kerch Stoltenbergian"}).json() == []
    assert client.get("/api/search", params={"q": "Kerc"}).json() == []
    assert client.get("/api/search", params={"q": "%_%"}).json() == []  # punctuation is not a word
    assert client.get("/api/search", params={"q": ""}).status_code == 422


def test_answers_are_cached_until_ingest(writable: TestClient) -> None:
    first = writable.get("/api/events", params={"actor": "Aliyev", "limit": 5})
    again = writable.get("/api/events", params={"actor": "Aliyev", "limit": 5})
    assert (first.headers["x-cache"], again.headers["x-cache"]) == ("miss", "hit")
    assert again.json() == first.json() and again.headers["content-type"] == "application/json"
    assert writable.get("/api/events/nope").headers["x-cache"] == "miss"
    assert writable.get("/api/events/nope").headers["x-cache"] == "miss"  # errors are not kept
    writable.post("/api/ingest", headers={"Authorization": f"Bearer {TOKEN}"}, json={"articles": [
        {"text": "Azerbaijani President Ilham Aliyev met Georgian Prime Minister Irakli Kobakhidze in Baku.",
         "title": "Aliyev meets Kobakhidze", "published": "2025-03-03"}]})
    assert writable.get("/api/events", params={"actor": "Aliyev", "limit": 5}).headers["x-cache"] == "miss"


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


def test_annotations_carry_spans_rules_and_other_reports(client: TestClient) -> None:
    merged = client.get("/api/merged-events", params={"min_articles": 2}).json()[0]
    mentions = client.get(f"/api/merged-events/{merged['merged_id']}").json()["mentions"]
    report = mentions[0]
    doc = client.get(f"/api/documents/{report['doc_id']}").json()
    notes = client.get(f"/api/documents/{report['doc_id']}/annotations").json()
    event = next(e for e in notes["events"] if e["event_id"] == report["event_id"])
    assert doc["text"][event["trigger_start"]:event["trigger_end"]] == event["trigger"]
    assert event["rule"] and event["merged_id"] == merged["merged_id"]
    others = {m["doc_id"] for m in mentions} - {report["doc_id"]}
    assert others and {o["doc_id"] for o in event["other_reports"]} == others
    for quote in notes["quotes"]:
        assert quote["end_char"] > quote["start_char"] and quote["rule"]
    for actor in notes["actors"]:
        assert doc["text"][actor["start_char"]:actor["end_char"]] and actor["actor_id"]


def test_story_network_quotes_and_actor_events(client: TestClient) -> None:
    # The Karabakh story (the two largest stories have as many articles: which comes first may vary).
    sid = next(s["story_id"] for s in client.get("/api/stories").json() if "Nikol Pashinyan" in s["title"]
               or "Nikol Pashinyan" in json.dumps(s["top_actors"]))
    network = client.get(f"/api/stories/{sid}/network").json()
    ids = {n["actor_id"] for n in network["nodes"]}
    assert network["edges"] and all(e["source"] in ids and e["target"] in ids for e in network["edges"])
    assert any(e["cooperation"] for e in network["edges"]) and any(e["conflict"] for e in network["edges"])
    groups = client.get(f"/api/stories/{sid}/quotes").json()
    counts = [len(g["quotes"]) for g in groups]
    assert counts == sorted(counts, reverse=True) and groups[0]["speaker"] in {"Nikol Pashinyan", "Ilham Aliyev"}
    as_source = client.get("/api/actors/person:ilham aliyev/events", params={"role": "source"}).json()
    as_target = client.get("/api/actors/person:ilham aliyev/events", params={"role": "target"}).json()
    # Documents that name him "Aliyev" or "Ilham Aliev" count too: the knowledge base gives each the
    # canonical name, and local actors merge into him.
    spellings = {a["text"] for a in client.get("/api/actors/person:ilham aliyev").json()["aliases"]}
    assert {"Aliyev", "Ilham Aliev"} <= spellings and len({e["doc_id"] for e in as_source}) >= 3
    assert all(set(e["source_names"]) & spellings for e in as_source)
    assert as_target and all(set(e["target_names"]) & spellings for e in as_target)
    assert client.get("/api/actors/x/events", params={"role": "both"}).status_code == 422


def test_ui_is_served_from_the_package_with_a_strict_policy(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "/static/ui/app.js" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "http" not in page.text.replace("http-equiv", "")  # nothing from another host
    assert client.get("/static/ui/app.js").status_code == 200
    for sneaky in ("/static/ui/..%2f..%2fapi.py", "/static/ui/%2e%2e/app.py", "/static/ui/../web/app.py"):
        assert client.get(sneaky).status_code == 404


def test_the_ui_reads_the_ontology_from_the_api_and_never_repeats_it(client: TestClient) -> None:
    ontology = client.get("/api/ontology").json()
    assert ontology["quads"]["4"] == "material conflict" and len(ontology["types"]) == 16
    assert ontology["types"]["CONSULT"] == {"quad": 1, "cameo": "04", "score": 2.5,
                                            "modes": {"visit": 4, "third-party": 1, "multilateral": 4, "phone": 1.5}}
    script = client.get("/static/ui/app.js").text
    assert "/api/ontology" in script
    assert not any(f'"{name}"' in script for name in [*ontology["types"], *ontology["quads"].values()])


def test_ingest_needs_the_token(client: TestClient, writable: TestClient) -> None:
    article = {"articles": [{"text": "Azerbaijan and Armenia held talks in Brussels on Monday.", "title": "Talks"}]}
    assert client.post("/api/ingest", json=article).status_code == 403  # not enabled
    assert writable.post("/api/ingest", json=article).status_code == 401
    wrong = writable.post("/api/ingest", json=article, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["detail"]
    assert writable.post("/api/ingest", json={"articles": []}, headers={"Authorization": f"Bearer {TOKEN}"}
                         ).status_code == 422


def test_ingest_through_the_api_is_queryable_at_once(writable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = writable.get("/api/summary").json()["documents"]
    body = {"articles": [
        {"text": "BAKU, March 3 (Caspian Wire) -- Azerbaijani President Ilham Aliyev met Georgian Prime Minister "
                 "Irakli Kobakhidze in Baku on Monday. The two leaders signed an agreement on a new rail link.",
         "title": "Aliyev and Kobakhidze sign rail deal", "url": "https://example.org/rail", "outlet": "Caspian Wire",
         "published": "2025-03-03"},
        {"text": "\x00\x01\x02", "title": "binary junk"},
    ]}
    report = writable.post("/api/ingest", json=body, headers=auth).json()
    assert report["stored"] == 1 and report["skipped"] + report["failed"] == 1
    assert report["problems"][0]["reason"]
    assert writable.get("/api/summary").json()["documents"] == before + 1
    hits = writable.get("/api/search", params={"q": "Kobakhidze"}).json()
    assert [h["title"] for h in hits] == ["Aliyev and Kobakhidze sign rail deal"]
    events = writable.get("/api/events", params={"actor": "Kobakhidze"}).json()
    assert events and {e["date"] for e in events} == {"2025-03-03"}
    again = writable.post("/api/ingest", json=body, headers=auth).json()
    assert again["stored"] == 0 and again["unchanged"] == 1


def test_ledger_frames(example_db: Path, config: Config) -> None:
    with Ledger(example_db, config, read_only=True) as ledger:
        frame = ledger.frame("events", event_type="ASSAULT", limit=20)
        events = ledger.events(event_type="ASSAULT", limit=20)
        assert list(frame["event_id"]) == [e.event_id for e in events] and events
        assert set(frame["event_type"]) == {"ASSAULT"} and list(frame.columns) == list(EventRow.model_fields)
        # The query's own argument named "query" reaches it: a frame's name is positional only.
        hits = ledger.frame("search", query="NATO", limit=5)
        assert list(hits["doc_id"]) == [h.doc_id for h in ledger.search("NATO", limit=5)] and len(hits)
        with pytest.raises(Exception, match="no list query"):
            ledger.frame("export")
