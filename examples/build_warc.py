#!/usr/bin/env python3
"""Build examples/corpus/archive/alliance_monitor.warc.gz for the newsledger example corpus.

The three Alliance Monitor articles below are original, synthetic texts written for the
newsledger examples ("Alliance Monitor" is a fictional outlet; all URLs use the reserved
.example TLD). The HTML in this script is the source of truth: edit it here, then rerun

    /work/main/.venv/bin/python examples/build_warc.py

The output is byte-for-byte reproducible: WARC-Date values and WARC-Record-IDs are fixed,
and zlib writes a zero gzip timestamp.

Records written, in order:
  0      warcinfo
  1-6    request + response (200, text/html) for each of the three articles
  7-8    request + response (200, application/json)  -- not HTML, readers must skip it
  9-10   request + response (404, text/html)         -- error page, readers must skip it
"""

from datetime import datetime, timezone
from email.utils import format_datetime
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parent / "corpus" / "archive" / "alliance_monitor.warc.gz"
HOST = "alliancemonitor.example"
UA = "newsledger-example-crawler/1.0 (+https://newsledger.example/bot)"


def page(title, url, published, author, h1, dek, byline, img, caption, paragraphs, related):
    """Render one Alliance Monitor article page (same site template as the .html examples)."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    rel = "\n".join(f'<li><a href="{href}">{text}</a></li>' for href, text in related)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} &mdash; Alliance Monitor</title>
<meta property="og:site_name" content="Alliance Monitor">
<meta property="og:title" content="{title}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{published}">
<meta name="author" content="{author}">
<link rel="stylesheet" href="/css/am.css">
</head>
<body>
<div class="cookiebar" role="dialog" aria-label="Cookie consent">
  Alliance Monitor uses cookies for analytics and to remember your preferences.
  <button id="cookie-ok">Accept</button> <a href="/cookie-policy">Cookie policy</a>
</div>
<div class="masthead"><a href="/">ALLIANCE MONITOR</a><span class="tagline">Security &amp; defence in Europe</span></div>
<nav class="menu">
  <ul>
    <li><a href="/nato">NATO</a></li>
    <li><a href="/eu">EU</a></li>
    <li><a href="/osce">OSCE</a></li>
    <li><a href="/eastern-flank">Eastern Flank</a></li>
    <li><a href="/analysis">Analysis</a></li>
    <li><a href="/newsletter">Newsletter</a></li>
  </ul>
</nav>
<div class="page">
<article class="post">
<header>
<h1>{h1}</h1>
<p class="dek">{dek}</p>
<p class="byline">{byline}</p>
</header>
<figure>
<img src="{img}" alt="">
<figcaption>{caption}</figcaption>
</figure>
{body}
</article>
<section class="related">
<h2>Related stories</h2>
<ul>
{rel}
</ul>
</section>
</div>
<footer class="site-footer">&copy; {published[:4]} Alliance Monitor &middot; <a href="/about">About</a> &middot; <a href="/terms">Terms</a></footer>
</body>
</html>
"""


ARTICLES = [
    # ---- W1: Sweden joins NATO (pair with meridian_feed.jsonl line 3) ----
    dict(
        path="/2024/03/07/sweden-joins-nato-32nd-ally",
        warc_date="2024-03-07T20:31:07Z",
        ids=("9c6d1f0e-0001-4a6b-8a10-5e1d4c3b2a01", "9c6d1f0e-0002-4a6b-8a10-5e1d4c3b2a02"),
        html=dict(
            title="Sweden joins NATO as 32nd ally after Hungary, Turkey drop objections",
            published="2024-03-07T20:15:00Z",
            author="Helena Strand",
            h1="Sweden joins NATO as 32nd ally after Hungary, Turkey drop objections",
            dek="Stockholm completes accession in Washington; Swedish flag to be raised in Brussels on Monday",
            byline='Helena Strand, Washington &mdash; <time datetime="2024-03-07T20:15:00Z">7 Mar 2024</time>',
            img="/uploads/2024/03/kristersson-blinken.jpg",
            caption="Swedish Prime Minister Ulf Kristersson (L) and U.S. Secretary of State Antony Blinken "
                    "hold Sweden's NATO accession documents at the State Department in Washington, "
                    "March 7, 2024. (Alliance Monitor Photo/Pool)",
            paragraphs=[
                "Sweden became the 32nd member of the North Atlantic Treaty Organization on Thursday, "
                "when Prime Minister Ulf Kristersson deposited his country's instrument of accession with "
                "the U.S. government at a ceremony at the State Department.",
                "The step closed a 22-month accession process that was held up first by Turkey and then by "
                "Hungary, and ended roughly two centuries in which Sweden stayed out of military alliances. "
                "Stockholm applied in May 2022, weeks after Russian forces invaded Ukraine.",
                "&ldquo;Today is a historic day,&rdquo; Kristersson told reporters after handing the documents "
                "to Secretary of State Antony Blinken. &ldquo;We are humble, but also proud. Sweden will "
                "carry its share of the burden.&rdquo;",
                "NATO Secretary-General Jens Stoltenberg said Sweden's membership made the alliance stronger "
                "and the whole of the Nordic region safer. &ldquo;Sweden brings with it capable armed forces and "
                "a first-class defence industry,&rdquo; the Norwegian said in a statement.",
                "Turkish President Recep Tayyip Erdogan approved Sweden's membership in January, after "
                "Turkey's parliament ratified it. Ankara had demanded that Stockholm take a tougher line "
                "against Kurdish militant groups and had linked the issue to its own request to buy U.S. "
                "F-16 fighter jets.",
                "Hungary was the last holdout. Its parliament voted last month to approve the bid, after "
                "Kristersson travelled to Budapest and agreed a deal with Prime Minister Viktor Orban on the "
                "sale of four more Gripen fighter jets. President Tamas Sulyok signed the ratification into "
                "law earlier this week.",
                "With Sweden and Finland inside the alliance, every country bordering the Baltic Sea except "
                "Russia is now a NATO member. Military planners say the Swedish island of Gotland will be "
                "central to the defence of the Baltic states.",
                "The Kremlin said it would closely watch Sweden's integration into the alliance and respond "
                "according to what military infrastructure was deployed there. Moscow has said the "
                "enlargement of the alliance will not make Europe more secure.",
                "The Swedish flag will be raised outside NATO headquarters in Brussels on Monday.",
            ],
            related=[
                ("/2024/02/26/hungary-parliament-sweden-vote", "Hungary's parliament backs Sweden's NATO bid"),
                ("/2023/04/04/finland-joins-nato", "Finland joins NATO as alliance's 31st member"),
            ],
        ),
    ),
    # ---- W2: Vilnius summit day one (pair with html/blackseaherald_vilnius_ukraine_council.html) ----
    dict(
        path="/2023/07/11/vilnius-summit-ukraine-no-timeline",
        warc_date="2023-07-11T19:58:42Z",
        ids=("9c6d1f0e-0003-4a6b-8a10-5e1d4c3b2a03", "9c6d1f0e-0004-4a6b-8a10-5e1d4c3b2a04"),
        html=dict(
            title="NATO says Ukraine's future is in the alliance, but sets no timeline",
            published="2023-07-11T19:40:00Z",
            author="Helena Strand",
            h1="NATO says Ukraine's future is in the alliance, but sets no timeline",
            dek="Allies drop Membership Action Plan requirement; Zelensky calls lack of timeframe \"absurd\"",
            byline='Helena Strand, Vilnius &mdash; <time datetime="2023-07-11T19:40:00Z">11 Jul 2023</time>',
            img="/uploads/2023/07/vilnius-family-photo.jpg",
            caption="NATO leaders pose for a family photo at the alliance summit in Vilnius, Lithuania, "
                    "July 11, 2023. (Alliance Monitor/Helena Strand)",
            paragraphs=[
                "NATO leaders declared on Tuesday that Ukraine's future lies in the alliance and removed one "
                "of the procedural hurdles to its membership, but did not agree to give Kyiv a timetable, "
                "prompting an angry response from Ukrainian President Volodymyr Zelensky.",
                "In their communique at the summit in the Lithuanian capital, the 31 allies said they would "
                "be in a position to extend an invitation to Ukraine &ldquo;when allies agree and conditions "
                "are met.&rdquo; They said Ukraine would no longer need to go through a Membership Action Plan, "
                "a step that Finland and Sweden were also spared.",
                "Zelensky, travelling to Vilnius, wrote on social media that it was \"unprecedented and "
                "absurd\" that no time frame had been set either for an invitation or for membership. "
                "Uncertainty, he said, was weakness.",
                "Several allies, led by the United States and Germany, had resisted firmer language, arguing "
                "that membership could not be offered to a country at war. Eastern members, including Poland "
                "and the Baltic states, had pushed for a clearer path.",
                "\"This is a strong message, and a clear path towards membership,\" NATO Secretary-General "
                "Jens Stoltenberg said, rejecting suggestions that Kyiv had been snubbed. According to "
                "Stoltenberg, the allies also agreed a multi-year programme to help Ukraine's forces become "
                "fully interoperable with NATO's.",
                "The summit opened on a positive note for the alliance after Turkish President Recep Tayyip "
                "Erdogan agreed on Monday evening to forward Sweden's accession protocol to the Turkish "
                "parliament for ratification, following talks with Swedish Prime Minister Ulf Kristersson "
                "and Stoltenberg.",
                "Leaders also approved the alliance's most detailed defence plans since the Cold War and "
                "committed to spend at least 2 percent of their economic output on defence every year, "
                "turning what had been a target into a floor.",
                "Russia warned that moving NATO closer to its borders would bring consequences. Kremlin "
                "spokesman Dmitry Peskov said the summit's decisions would be analysed carefully and that "
                "Moscow would respond as needed.",
                "Zelensky is due to attend the first meeting of a new NATO-Ukraine Council on Wednesday, "
                "where Group of Seven leaders are also expected to announce long-term security commitments "
                "for Kyiv.",
            ],
            related=[
                ("/2023/07/10/erdogan-sweden-protocol", "Erdogan agrees to send Sweden's bid to parliament"),
                ("/2023/07/04/stoltenberg-term-extended", "Stoltenberg's term extended by a year"),
            ],
        ),
    ),
    # ---- W3: Karabakh exodus (pair with meridian_feed.jsonl line 2; conflicting refugee figure) ----
    dict(
        path="/2023/10/01/karabakh-exodus-120000",
        warc_date="2023-10-01T19:12:05Z",
        ids=("9c6d1f0e-0005-4a6b-8a10-5e1d4c3b2a05", "9c6d1f0e-0006-4a6b-8a10-5e1d4c3b2a06"),
        html=dict(
            title="Karabakh empties as some 120,000 Armenians flee in a week",
            published="2023-10-01T19:00:00Z",
            author="Helena Strand",
            h1="Karabakh empties as some 120,000 Armenians flee in a week",
            dek="U.N. team reaches region for first time in three decades; Yerevan accuses Baku of ethnic cleansing",
            byline='Helena Strand &mdash; <time datetime="2023-10-01T19:00:00Z">1 Oct 2023</time>',
            img="/uploads/2023/10/goris-refugees.jpg",
            caption="Refugees from Nagorno-Karabakh wait at a registration centre in Goris, Armenia, "
                    "September 28, 2023. (Alliance Monitor Photo/Staff)",
            paragraphs=[
                "Some 120,000 people, almost the entire ethnic Armenian population of Nagorno-Karabakh, have "
                "now fled the region for Armenia, a little over a week after Azerbaijan's lightning offensive "
                "forced the Armenian separatists who ran it for three decades to surrender.",
                "The exodus began on September 24, when the de facto authorities in Nagorno-Karabakh said "
                "residents who wished to leave would be evacuated to Armenia. Within days the only road out, "
                "through the Lachin corridor, was jammed with cars loaded with belongings.",
                "A U.N. team reached the region on Sunday for the first time in about 30 years. Its members "
                "said they had found the regional capital, which Azerbaijan calls Khankendi and Armenians "
                "call Stepanakert, nearly deserted.",
                "Baku says ethnic Armenians are free to stay and will enjoy the same rights as other "
                "citizens. &ldquo;Nobody is forcing them to leave,&rdquo; an aide to Azerbaijani President "
                "Ilham Aliyev told foreign diplomats in Baku.",
                "Yerevan rejected that. Armenian Prime Minister Nikol Pashinyan said on Thursday that what was "
                "happening was a direct act of ethnic cleansing, and he accused Russian peacekeepers of failing "
                "to protect the population. The Kremlin rejected the criticism.",
                "Samvel Shahramanyan, the separatist leader, signed a decree on Thursday under which the "
                "self-proclaimed republic and all its institutions will be dissolved by January 1, 2024.",
                "Turkish President Recep Tayyip Erdogan visited Azerbaijan's Nakhchivan exclave on Monday for "
                "talks with Aliyev, who thanked Ankara for its support.",
                "In Brussels, NATO and EU officials said they were watching the humanitarian situation closely. "
                "The European Union has pledged additional aid for the refugees, and the United States urged "
                "Baku to allow independent monitors into the region.",
                "Armenia, a country of under three million people, is struggling to house the new arrivals. "
                "Many are staying with relatives or in hotels and schools in Goris, Vayk and Yerevan.",
            ],
            related=[
                ("/2023/09/20/karabakh-ceasefire", "Karabakh separatists agree to disarm"),
                ("/2023/09/26/fuel-depot-blast", "Fuel depot blast near Stepanakert kills dozens"),
            ],
        ),
    ),
]

JSON_PATH = "/api/v1/most-read.json"
JSON_BODY = (
    b'{"generated":"2023-10-01T19:30:00Z","items":['
    b'{"rank":1,"url":"https://alliancemonitor.example/2023/10/01/karabakh-exodus-120000"},'
    b'{"rank":2,"url":"https://alliancemonitor.example/2023/07/11/vilnius-summit-ukraine-no-timeline"}]}'
)
NOT_FOUND_PATH = "/2023/07/12/vilnius-liveblog"
NOT_FOUND_BODY = (
    b"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Page not found - Alliance Monitor</title>"
    b"</head><body><h1>404 - Page not found</h1><p>Sorry, the page you were looking for does not exist "
    b"or has been moved.</p><p><a href=\"/\">Back to the home page</a></p></body></html>\n"
)


def http_date(warc_date):
    """'2024-03-07T20:31:07Z' -> 'Thu, 07 Mar 2024 20:31:07 GMT' (HTTP Date header)."""
    dt = datetime.strptime(warc_date, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    return format_datetime(dt, usegmt=True)


def urn(uuid):
    return f"<urn:uuid:{uuid}>"


def write_pair(writer, path, warc_date, req_id, resp_id, status, content_type, body):
    uri = f"https://{HOST}{path}"
    http_resp = StatusAndHeaders(
        status,
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            ("Server", "nginx"),
            ("Date", http_date(warc_date)),
        ],
        protocol="HTTP/1.1",
    )
    resp = writer.create_warc_record(
        uri, "response", payload=BytesIO(body), length=None, http_headers=http_resp,
        warc_headers_dict={"WARC-Date": warc_date, "WARC-Record-ID": urn(resp_id)},
    )
    http_req = StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [("Host", HOST), ("User-Agent", UA), ("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")],
        is_http_request=True,
    )
    req = writer.create_warc_record(
        uri, "request", payload=BytesIO(b""), http_headers=http_req,
        warc_headers_dict={
            "WARC-Date": warc_date,
            "WARC-Record-ID": urn(req_id),
            "WARC-Concurrent-To": urn(resp_id),
        },
    )
    writer.write_record(req)
    writer.write_record(resp)


def main():
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        info = (
            b"software: newsledger examples/build_warc.py (warcio)\r\n"
            b"format: WARC File Format 1.0\r\n"
            b"description: Synthetic Alliance Monitor pages for the newsledger example corpus. "
            b"Fictional outlet; texts written for testing.\r\n"
            b"isPartOf: newsledger-example-corpus\r\n"
        )
        winfo = writer.create_warc_record(
            "", "warcinfo", payload=BytesIO(info), warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Date": "2024-03-08T00:00:00Z",
                "WARC-Record-ID": urn("9c6d1f0e-0000-4a6b-8a10-5e1d4c3b2a00"),
                "WARC-Filename": OUT.name,
            },
        )
        writer.write_record(winfo)

        for art in ARTICLES:
            h = dict(art["html"])
            h["url"] = f"https://{HOST}{art['path']}"
            body = page(**h).encode("utf-8")
            req_id, resp_id = art["ids"]
            write_pair(writer, art["path"], art["warc_date"], req_id, resp_id,
                       "200 OK", "text/html; charset=utf-8", body)

        write_pair(writer, JSON_PATH, "2023-10-01T19:30:11Z",
                   "9c6d1f0e-0007-4a6b-8a10-5e1d4c3b2a07", "9c6d1f0e-0008-4a6b-8a10-5e1d4c3b2a08",
                   "200 OK", "application/json", JSON_BODY)
        write_pair(writer, NOT_FOUND_PATH, "2023-07-12T09:02:44Z",
                   "9c6d1f0e-0009-4a6b-8a10-5e1d4c3b2a09", "9c6d1f0e-0010-4a6b-8a10-5e1d4c3b2a10",
                   "404 Not Found", "text/html; charset=utf-8", NOT_FOUND_BODY)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
