"""prepare(): RawInput -> Document or LogEntry, end to end (decode, extract, clean, metadata)."""

from __future__ import annotations

import dataclasses
import random

import pytest

from newsledger.config import IngestConfig, load_config
from newsledger.models import Document, LogEntry, RawInput, Status, content_hash
from newsledger.pipeline.ingest import prepare as prepare_module
from newsledger.pipeline.ingest.clean import Cleaned
from newsledger.pipeline.ingest.prepare import prepare, prepare_batch


@pytest.fixture(scope="module")
def cfg() -> IngestConfig:
    return load_config(environ={}).ingest


CAPTION = (
    "Foreign ministers shake hands after the signing ceremony in Tbilisi, Georgia, "
    "on March 13, 2021. "
    "(Black Sea Herald/Ana Kvaratskhelia)"
)
BODY = [
    "TBILISI, March 13 (Black Sea Herald) -- The foreign ministers of Georgia and Armenia "
    "signed an "
    "agreement on Saturday that reopens three border crossings closed since last autumn, ending "
    "months of negotiations over customs rules.",
    "The crossings will reopen to freight traffic within two weeks and to passenger cars "
    "by the end "
    "of April, the two ministries said in a joint statement released after the ceremony.",
    "Truck drivers had waited for days at the closed checkpoints during the winter, and business "
    "groups on both sides had warned that the closures were costing exporters millions of dollars.",
    "\u201cThis is a practical step that our citizens will feel immediately,\u201d "
    "one of the ministers "
    "told reporters at the signing, adding that talks on rail links would begin in May.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Ministers agree on border crossings | Black Sea Herald</title>
  <meta property="og:site_name" content="Black Sea Herald">
  <meta property="og:title" content="Ministers agree on border crossings">
  <meta property="article:published_time" content="2021-03-14T09:30:00+00:00">
</head>
<body>
  <header>
    <nav><ul>
      <li><a href="/">Home</a></li><li><a href="/world">World Affairs</a></li>
      <li><a href="/business">Business Desk</a></li><li><a href="/sport">Sport Pages</a></li>
    </ul></nav>
  </header>
  <div class="cookie-banner" id="cookie-consent">
    <p>We value your privacy. Press accept to allow tracking of your visits to our pages.</p>
    <button>Accept</button>
  </div>
  <main>
    <article>
      <h1>Ministers agree on border crossings</h1>
      <figure>
        <img src="/img/ministers.jpg" alt="">
        <figcaption>{CAPTION}</figcaption>
      </figure>
      {"".join(f"<p>{p}</p>" for p in BODY)}
    </article>
    <aside class="related">
      <h2>Related stories</h2>
      <ul>
        <li><a href="/a">Rail link talks stall again over tariff dispute</a></li>
        <li><a href="/b">Exporters count the cost of winter closures</a></li>
      </ul>
    </aside>
  </main>
  <footer>
    <p>Copyright 2021 Black Sea Herald Media Group. All rights reserved.</p>
    <p><a href="/privacy">Privacy policy</a> | <a href="/contact">Contact the newsroom</a></p>
  </footer>
</body>
</html>"""


def as_document(result: Document | LogEntry) -> Document:
    assert isinstance(result, Document), result
    return result


def section_texts(doc: Document, kind: str) -> list[str]:
    return [doc.text[s.start : s.end] for s in doc.sections if s.kind == kind]


def test_realistic_page(cfg: IngestConfig) -> None:
    raw = RawInput("site/ministers.html", "html", PAGE.encode("utf-8"))
    doc = as_document(prepare(raw, cfg))

    assert doc.title == "Ministers agree on border crossings"
    assert section_texts(doc, "title") == ["Ministers agree on border crossings"]
    body = section_texts(doc, "body")
    assert body == [p.replace("\u201c", '"').replace("\u201d", '"') for p in BODY]
    assert section_texts(doc, "caption") == [CAPTION]
    assert doc.text.endswith(CAPTION)  # captions come after the body

    # page furniture is gone
    for furniture in [
        "Home",
        "World Affairs",
        "Sport Pages",
        "privacy",
        "Accept",
        "Related stories",
        "Rail link talks stall",
        "All rights reserved",
        "Contact the newsroom",
    ]:
        assert furniture not in doc.text, furniture

    # metadata, each with its origin
    assert (doc.outlet, doc.outlet_source) == ("Black Sea Herald", "html")
    assert (doc.published, doc.published_precision, doc.published_source) == (
        "2021-03-14",
        "day",
        "html",
    )
    assert doc.dateline == "Tbilisi"
    assert doc.language == "en"
    assert doc.analysable

    # bookkeeping
    assert doc.source == "site/ministers.html"
    assert doc.fmt == "html"
    assert doc.input_id == raw.input_id
    assert doc.n_bytes == len(PAGE.encode("utf-8"))
    assert doc.doc_id == content_hash(doc.text)


def test_container_metadata_beats_page_metadata(cfg: IngestConfig) -> None:
    raw = RawInput(
        "crawl.warc::https://example.org/x",
        "html",
        PAGE.encode("utf-8"),
        given={"url": "https://example.org/x", "published": "2021-03-15", "outlet": "Feed Outlet"},
    )
    doc = as_document(prepare(raw, cfg))
    assert doc.url == "https://example.org/x"
    assert (doc.outlet, doc.outlet_source) == ("Feed Outlet", "given")
    assert (doc.published, doc.published_source) == ("2021-03-15", "given")


def test_declared_charset_from_container_is_used(cfg: IngestConfig) -> None:
    page = PAGE.replace('<meta charset="utf-8">', "")
    raw = RawInput("crawl.warc::x", "html", page.encode("cp1252"), charset="windows-1252")
    doc = as_document(prepare(raw, cfg))
    assert "our citizens will feel immediately" in doc.text
    assert '"This is a practical step' in doc.text


def test_broken_html_still_gives_text(cfg: IngestConfig) -> None:
    page = (
        "<html><head><title>Storm hits coast</title><body><div class=story><h1>Storm hits coast\n"
        "<p>A powerful storm struck the northern coast on Thursday night, flooding streets "
        "in three "
        "towns and cutting power to thousands of homes, local officials said.\n"
        "<p>Emergency crews worked through the night to clear fallen trees from the main coastal "
        "road, which remained closed on Friday <b>morning.\n"
        "<div><p>Forecasters expect the wind to ease by Saturday, but warned that heavy rain could "
        "cause more flooding in low-lying <i>areas</div>\n"
    )
    doc = as_document(prepare(RawInput("storm.html", "html", page.encode()), cfg))
    assert "A powerful storm struck the northern coast on Thursday night" in doc.text
    assert "Emergency crews worked through the night" in doc.text
    assert "heavy rain could cause more flooding" in doc.text
    assert "<p>" not in doc.text


def test_html_without_article_text_is_skipped(cfg: IngestConfig) -> None:
    page = (
        "<html><head><title>Menu</title></head><body><nav><ul>"
        '<li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
        '<li><a href="/about">About</a></li>'
        "</ul></nav></body></html>"
    )
    result = prepare(RawInput("menu.html", "html", page.encode()), cfg)
    assert isinstance(result, LogEntry)
    assert result.status is Status.SKIPPED
    assert result.source == "menu.html"


def test_binary_bytes_as_txt_are_skipped(cfg: IngestConfig) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    result = prepare(RawInput("photo.txt", "txt", data), cfg)
    assert isinstance(result, LogEntry)
    assert result.status is Status.SKIPPED
    assert "binary" in result.reason
    assert result.n_bytes == len(data)


def test_undecodable_bytes_fail(cfg: IngestConfig) -> None:
    rng = random.Random(0)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(4000))
    result = prepare(RawInput("noise.txt", "txt", data), cfg)
    assert isinstance(result, LogEntry)
    assert result.status is Status.FAILED
    assert "undecodable" in result.reason


def test_text_that_is_only_furniture_is_skipped(cfg: IngestConfig) -> None:
    result = prepare(RawInput("x.txt", "txt", b"Advertisement\nShare this article\nFollow us on Telegram\n"), cfg)
    assert isinstance(result, LogEntry)
    assert result.status is Status.SKIPPED
    assert "no article text" in result.reason


def test_text_over_max_chars_is_skipped(cfg: IngestConfig) -> None:
    raw = RawInput("long.txt", "txt", "\n".join(BODY).encode())
    result = prepare(raw, dataclasses.replace(cfg, max_chars=100))
    assert isinstance(result, LogEntry)
    assert result.status is Status.SKIPPED
    assert "too long" in result.reason
    assert isinstance(prepare(raw, cfg), Document)


FRENCH_PAGE = """<html lang="fr"><head><meta charset="utf-8">
<title>Accord sur les frontières</title></head>
<body><article><h1>Accord sur les frontières</h1>
<p>Les ministres des affaires étrangères des deux pays se sont réunis mardi dans la capitale pour
discuter d'un accord longtemps retardé sur les passages frontaliers et le commerce.</p>
<p>Selon les responsables, les discussions ont été constructives et les deux parties ont convenu de
poursuivre le travail sur les questions restantes au cours des prochaines semaines.</p>
<p>Une déclaration commune devrait être publiée après la prochaine série de négociations, prévue au
début du printemps.</p></article></body></html>"""


def test_french_article(cfg: IngestConfig) -> None:
    doc = as_document(prepare(RawInput("fr.html", "html", FRENCH_PAGE.encode("utf-8")), cfg))
    assert doc.language == "fr"
    assert not doc.analysable
    assert "négociations" in doc.text


def test_plain_text_article(cfg: IngestConfig) -> None:
    text = (
        "Port Expansion Approved\n"
        "Source: Caspian Wire | 2019-04-02 10:15:00 | Editor: staff\n"
        "BAKU, April 2 (Caspian Wire) -- The government approved the expansion of the port on "
        "Tuesday, officials said.\n"
        "Share this article\n"
    )
    doc = as_document(prepare(RawInput("port.txt", "txt", text.encode()), cfg))
    assert doc.title == "Port Expansion Approved"
    assert (doc.outlet, doc.outlet_source) == ("Caspian Wire", "source_line")
    assert (doc.published, doc.published_source) == ("2019-04-02", "timestamp")
    assert doc.dateline == "Baku"
    assert "Share this article" not in doc.text
    assert "Source:" not in doc.text


def test_json_record_with_given_title(cfg: IngestConfig) -> None:
    raw = RawInput("feed.jsonl:1", "txt", "\n".join(BODY[1:]), given={"title": "Border Crossings Reopen"})
    doc = as_document(prepare(raw, cfg))
    assert doc.title == "Border Crossings Reopen"
    assert doc.text.startswith("Border Crossings Reopen\n\n")


def test_doc_id_is_content_hash_and_same_content_gives_same_id(cfg: IngestConfig) -> None:
    text = "\n".join(["Border Crossings Reopen", *BODY[1:]])
    from_file = as_document(prepare(RawInput("a/story.txt", "txt", text.encode("utf-8")), cfg))
    from_feed = as_document(prepare(RawInput("feed.jsonl:7", "txt", text), cfg))
    assert from_file.doc_id == content_hash(from_file.text)
    assert from_file.doc_id == from_feed.doc_id
    assert from_file.input_id != from_feed.input_id  # inputs differ by source

    other = as_document(prepare(RawInput("b.txt", "txt", (text + "\nA new closing line was added.").encode()), cfg))
    assert other.doc_id != from_file.doc_id


def test_prepare_batch_survives_a_crash_on_one_input(cfg: IngestConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    real = prepare_module.clean_text

    def exploding(raw: str, title: str | None = None, captions: list[str] | None = None) -> Cleaned:
        if "EXPLODE" in raw:
            raise RuntimeError("cleaner blew up")
        return real(raw, title=title, captions=captions)

    monkeypatch.setattr(prepare_module, "clean_text", exploding)
    batch = [
        RawInput("one.txt", "txt", "\n".join(BODY[:2]).encode()),
        RawInput("two.txt", "txt", b"EXPLODE\nThis input makes the cleaner fail."),
        RawInput("three.txt", "txt", b"\x89PNG\r\n\x1a\n\x00\x00"),
        RawInput("four.txt", "txt", "\n".join(BODY[2:]).encode()),
    ]
    out = prepare_batch(batch, cfg)
    assert [r.source for r in out] == ["one.txt", "two.txt", "three.txt", "four.txt"]
    assert isinstance(out[0], Document)
    assert isinstance(out[3], Document)
    failed = out[1]
    assert isinstance(failed, LogEntry)
    assert failed.status is Status.FAILED
    assert failed.reason.startswith("internal error")
    assert "RuntimeError" in failed.reason
    assert failed.input_id == batch[1].input_id
    skipped = out[2]
    assert isinstance(skipped, LogEntry)
    assert skipped.status is Status.SKIPPED


def test_junk_bytes_that_decode_are_not_an_article(cfg: IngestConfig) -> None:
    result = prepare(RawInput(source="junk.txt", fmt="txt", content=b"\xe9" * 4000), cfg)
    assert isinstance(result, LogEntry) and "too little text" in result.reason


@pytest.mark.parametrize("line", [
    b"Azerbaijan frees two detained Armenian shepherds.",
    b"The last Russian peacekeepers have left Karabakh at the end of a mission cut short by two years",
])
def test_a_one_line_brief_or_headline_is_kept_as_its_text(cfg: IngestConfig, line: bytes) -> None:
    result = prepare(RawInput("brief.txt", "txt", line), cfg)
    assert isinstance(result, Document) and result.text == line.decode() and result.title is None


def test_a_title_with_a_body_stays_a_title(cfg: IngestConfig) -> None:
    result = prepare(RawInput("story.txt", "txt", ("Ministers meet in Baku\n\n" + "\n\n".join(BODY)).encode()), cfg)
    assert isinstance(result, Document) and result.title == "Ministers meet in Baku"


CHINESE = (
    "三国能源部长签署过境费协议\n"
    "三国能源部长星期二在维也纳签署了一项协议，结束了持续两年的管道过境费争端。\n"
    "官员说，协议将于明年一月生效，五年后进行审查。\n"
    "部长们对记者表示，谈判十分艰难。\n"
)


def test_a_chinese_article_is_stored_whole_and_not_analysed(cfg: IngestConfig) -> None:
    doc = as_document(prepare(RawInput("zh.txt", "txt", CHINESE.encode()), cfg))
    assert (doc.language, doc.analysable) == ("zh", False)
    assert doc.title == "三国能源部长签署过境费协议"
    assert doc.text == CHINESE.strip().replace("\n", "\n\n")


def test_a_titled_one_line_brief_is_kept_like_an_untitled_one(cfg: IngestConfig) -> None:
    line = "Azerbaijan frees two detained Armenian shepherds"
    untitled = as_document(prepare(RawInput("a.json#0", "txt", line), cfg))
    titled = as_document(prepare(RawInput("b.json#0", "txt", line, given={"title": "Shepherds freed"}), cfg))
    assert untitled.text == line and untitled.title is None
    assert titled.text == f"Shepherds freed\n\n{line}" and titled.title == "Shepherds freed"
