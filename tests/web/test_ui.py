"""The web UI end to end in real headless Chromium (Debian's package, driven by Playwright).

The server runs in a thread on a loopback port over a copy of the example store, with ingest
enabled so that a hostile article can be added through the API. Every page is screenshotted;
set NEWSLEDGER_SCREENSHOTS=docs/screenshots (``make screenshots``) to keep them.
Without /usr/bin/chromium the tests skip, saying what to install; under CI=true they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from newsledger.config import Config
from newsledger.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
TOKEN = "ui-test-token-0123456789"
HOSTILE_TITLE = "Alert <script>window.pwned = 1</script> <img src=x onerror=\"window.pwned = 2\">"
HOSTILE_TEXT = (
    "TBILISI, May 2 (Caspian Wire) -- Georgian Prime Minister Irakli Kobakhidze met Azerbaijani President "
    "Ilham Aliyev in Tbilisi on Friday. <script>window.pwned = 3</script> The two leaders signed an agreement "
    "on energy transit. \"<b>We</b> <img src=x onerror=window.pwned=4> trust each other,\" Kobakhidze said."
)


def _browser_or_skip() -> None:
    if CHROMIUM.exists():
        return
    message = ("browser tests need Debian's chromium at /usr/bin/chromium: `apt-get install chromium` "
               "(make test installs it when run as root)")
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(example_db: Path, config: Config, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _browser_or_skip()
    db = tmp_path_factory.mktemp("ui") / "db.duckdb"
    shutil.copy(example_db, db)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, config, ingest_token=TOKEN), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    report = httpx.post(f"{url}/api/ingest", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120, json={
        "articles": [{"text": HOSTILE_TEXT, "title": HOSTILE_TITLE, "outlet": "Caspian Wire",
                      "url": "javascript:window.pwned=5", "published": "2025-05-02"}]}).json()
    assert report["stored"] == 1, report
    yield url
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    _browser_or_skip()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A page that fails the test on any script error or request to another host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    outside: list[str] = []
    context.route("**/*", lambda route: (route.continue_() if route.request.url.startswith(base_url)
                                         else (outside.append(route.request.url), route.abort())))
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # A 404 from the API is a page's answer (tested as such), not a script error.
    page.on("console", lambda msg: errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource") else None)
    yield page
    context.close()
    assert not outside, f"requests left loopback: {outside}"
    assert not errors, f"errors in the page: {errors}"


def _shot(page: Page, name: str, tmp_path: Path) -> None:
    """Screenshot the page; kept in NEWSLEDGER_SCREENSHOTS when set (the README shows them)."""
    folder = Path(os.environ.get("NEWSLEDGER_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    page.screenshot(path=str(target), full_page=False)
    assert target.stat().st_size > 10_000


def test_story_to_event_to_article(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(f"{base_url}/")
    cards = page.locator("#stories > li")
    cards.first.wait_for()
    assert cards.count() >= 5
    # The Karabakh story (the two largest stories have as many articles: which comes first may vary).
    card = cards.filter(has_text="Pashinyan").first
    first_title = card.locator("h3").inner_text()
    _shot(page, "stories", tmp_path)

    card.locator("h3 a").click()
    page.locator("svg.network").wait_for()
    assert page.locator("h1").inner_text() == first_title
    bars = page.locator("svg .bar")
    assert bars.count() >= 5
    bars.first.click()
    assert page.locator("#timeline-detail h3").inner_text() == bars.first.get_attribute("data-date")
    assert page.locator("svg.network .node").count() >= 5
    assert page.locator("svg.network .edge.coop").count() and page.locator("svg.network .edge.conflict").count()
    speakers = page.locator(".speakers summary strong").all_inner_texts()
    assert "Nikol Pashinyan" in speakers[:3]
    assert page.locator("text=Figures that disagree").count() == 1
    page.locator("svg.network").scroll_into_view_if_needed()
    _shot(page, "story", tmp_path)

    # The most widely reported event of the story, then one of its reports in its article.
    page.locator("section:has(h2:text('Events')) table a").first.click()
    reports = page.locator(".reports > li")
    reports.first.wait_for()
    assert reports.count() >= 2
    outlet = reports.first.locator(".meta").inner_text().split(" · ")[0]
    _shot(page, "event", tmp_path)
    # Follow the link from the keyboard, the pointer out of the way: a pointer resting where the
    # link was would hover over whatever annotation of the article lands under it.
    page.mouse.move(0, 0)
    reports.first.locator("a").focus()
    page.keyboard.press("Enter")
    focus = page.locator(".article-text .focus")
    focus.first.wait_for()
    assert outlet in page.locator(".lede").inner_text()
    # The explanation of the focused event names its rule and the other outlet reporting it.
    panel = page.locator("#explain")
    assert "rule" in panel.inner_text() and "also reported by" in panel.inner_text()
    assert panel.locator("dd ul li").count() >= 1
    _shot(page, "article", tmp_path)

    # Pointing at another highlighted actor explains it in place.
    actor = page.locator(".article-text .ann.actor").first
    actor.hover()
    assert panel.locator("h3").first.inner_text().startswith("actor:")


def test_actor_page_shows_roles_events_and_quotes(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(f"{base_url}/#/actors")
    page.locator("table a", has_text="Ilham Aliyev").click()
    page.locator("text=Roles over time").wait_for()
    assert page.locator("h1").inner_text() == "Ilham Aliyev"
    assert "Azerbaijani President" in page.locator("section:has(h2:text('Roles over time'))").inner_text()
    assert page.locator("section:has(h2:text-matches('Events as source')) tbody tr").count() >= 3
    assert page.locator("section:has(h2:text-matches('Events as target')) tbody tr").count() >= 1
    assert page.locator("section:has(h2:text-matches('Quotes')) blockquote").count() >= 1
    _shot(page, "actor", tmp_path)


def test_hostile_article_renders_as_text(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(f"{base_url}/#/search?q=Kobakhidze")
    hit = page.locator(".hits h3 a").first
    hit.wait_for()
    assert hit.inner_text() == HOSTILE_TITLE
    hit.click()
    page.locator(".article-text").wait_for()
    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    text = page.locator(".article-text").inner_text()
    assert "trust each other" in text
    assert page.locator("main script, main img, main b").count() == 0
    assert page.evaluate("window.pwned") is None
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator(".article-text .ann.event").count() >= 1


def test_event_types_and_quad_classes_come_from_the_api(page: Page, base_url: str) -> None:
    ontology = httpx.get(f"{base_url}/api/ontology", timeout=10).json()
    page.goto(f"{base_url}/#/events")
    badge = page.locator("table .badge").first
    badge.wait_for()
    assert page.locator("select option").all_inner_texts() == ["all types", *ontology["types"]]
    assert badge.get_attribute("title") == ontology["quads"][str(ontology["types"][badge.inner_text()]["quad"])]


def test_unknown_pages_say_so(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/#/story/s:doesnotexist")
    alert = page.locator("[role=alert]")
    alert.wait_for()
    assert "no story" in alert.inner_text()
    page.goto(f"{base_url}/#/nowhere")
    assert "no page" in page.locator("[role=alert]").inner_text()


def test_the_api_docs_page_works_under_the_policy_and_stays_home(page: Page, base_url: str, tmp_path: Path) -> None:
    # A script or style the policy blocks shows as a console error; a request elsewhere is caught by the fixture.
    page.goto(f"{base_url}/docs")
    page.locator(".opblock-summary-path", has_text="/api/events").first.wait_for()
    assert page.locator(".opblock").count() >= 15
    page.locator(".opblock-summary", has_text="/api/summary").first.click()
    page.locator(".try-out__btn").first.click()
    page.locator(".execute").first.click()
    page.locator(".response-col_status", has_text="200").first.wait_for()
    _shot(page, "api-docs", tmp_path)
