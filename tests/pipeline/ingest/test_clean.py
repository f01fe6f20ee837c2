"""Cleaning scraped article text. Fixtures imitate common scraping damage; all text is invented."""

from __future__ import annotations

import textwrap

import pytest

from newsledger.pipeline.ingest.clean import Cleaned, clean_text, count_words, normalise, split_paragraphs


def joined(c: Cleaned) -> str:
    return "\n".join(filter(None, [c.title, c.subtitle, *c.body, *c.captions]))


# (a) headline, deck, repeated headline ------------------------------------------------


def test_headline_deck_and_repeated_headline() -> None:
    raw = (
        "Ministers Agree on Pipeline Transit Fees\n"
        "The accord ends two years of wrangling between the three governments\n"
        "Ministers Agree on Pipeline Transit Fees\n"
        "Energy ministers from three countries signed an agreement on Tuesday that settles "
        "a long dispute over transit fees.\n"
        "The deal takes effect next year, officials said.\n"
    )
    c = clean_text(raw)
    assert c.title == "Ministers Agree on Pipeline Transit Fees"
    assert c.subtitle == "The accord ends two years of wrangling between the three governments"
    assert c.body == [
        "Energy ministers from three countries signed an agreement on Tuesday that settles "
        "a long dispute over transit fees.",
        "The deal takes effect next year, officials said.",
    ]
    assert all("Transit Fees" not in p for p in c.body)
    assert c.removed["repeated"] == 1


def test_known_title_is_not_repeated_in_body() -> None:
    raw = "Port Expansion Approved\nThe government approved the expansion of the port on Tuesday.\n"
    c = clean_text(raw, title="Port Expansion Approved")
    assert c.title == "Port Expansion Approved"
    assert c.body == ["The government approved the expansion of the port on Tuesday."]
    assert c.removed["repeated"] == 1


# (b) body captured twice, furniture between, tracking digits ----------------------------

BODY = [
    "Diplomats met again in Vienna on Monday to discuss the stalled agreement on fishing rights.",
    "The meeting lasted four hours, according to two officials who attended.",
    "Both delegations said that progress had been made but that gaps remained on quotas.",
]


def test_body_captured_twice_appears_once() -> None:
    raw = "\n".join(
        [
            "Talks Resume in Vienna",
            *BODY,
            "Back to Top Close",
            "Meridian",
            "Talks Resume in Vienna",
            *BODY,
            "4" * 40,
        ]
    )
    c = clean_text(raw)
    assert c.title == "Talks Resume in Vienna"
    assert c.body == BODY
    for paragraph in BODY:
        assert joined(c).count(paragraph) == 1
    assert c.removed["repeated"] == len(BODY) + 1  # the body and the headline
    assert c.removed["furniture"] >= 2  # "Back to Top Close" and the lone site name
    assert c.removed["tracking_digits"] == 1
    assert "4444444444" not in joined(c)


def test_tracking_digits_glued_to_last_sentence_are_stripped() -> None:
    raw = "Talks End Without Deal\n" + BODY[0] + "\n" + BODY[1] + "9081726354" * 4 + "\n"
    c = clean_text(raw)
    assert c.body == BODY[:2]


def test_short_numbers_are_not_tracking_digits() -> None:
    raw = "Budget Passed\nThe budget was approved by 2024 votes to 12.\n20240319\n"
    c = clean_text(raw)
    assert c.body[0] == "The budget was approved by 2024 votes to 12."
    assert c.removed["tracking_digits"] == 0


# (c) source line ----------------------------------------------------------------------


def test_source_line_gives_credit_and_timestamp() -> None:
    raw = (
        "Port Expansion Approved\n"
        "Source: Caspian Wire | 2019-04-02 10:15:00 | Editor: staff\n"
        "The government approved the expansion of the port on Tuesday, officials said.\n"
    )
    c = clean_text(raw)
    assert c.body == ["The government approved the expansion of the port on Tuesday, officials said."]
    assert "Source:" not in joined(c)
    assert ("source_line", "Caspian Wire") in c.credits
    assert c.timestamps == ["2019-04-02 10:15:00"]
    assert c.removed["source_line"] == 1


def test_source_line_without_separators() -> None:
    c = clean_text("Headline Words Here\nSource: Black Sea Herald 2021-03-14\nThe body sentence is here.\n")
    assert ("source_line", "Black Sea Herald") in c.credits
    assert c.timestamps == ["2021-03-14"]


def test_published_line_is_a_timestamp() -> None:
    c = clean_text("Headline Words Here\nPublished on: March 19, 2024 08:00\nThe body sentence is here.\n")
    assert c.timestamps == ["March 19, 2024 08:00"]
    assert c.body == ["The body sentence is here."]


# (d) photo captions -------------------------------------------------------------------

CAPTION_PLACE = (
    "Foreign Minister Ali Karimov (L) and his counterpart Anna Berg shake hands in Vienna, "
    "Austria, on May 4, 2019. (Meridian/Jane Roe)"
)
CAPTION_AGENCY = "Protesters gather outside the parliament building before the vote. (AFP Photo)"
CAPTION_POSITION = "A delegate (left) speaks with reporters before the morning session"


def test_photo_captions_are_set_apart() -> None:
    raw = "\n".join(
        [
            "Leaders Meet in Vienna",
            "The two foreign ministers met on Saturday to discuss trade and security.",
            CAPTION_PLACE,
            CAPTION_AGENCY,
            "They agreed to meet again in the autumn, a spokesman said.",
            CAPTION_POSITION,
        ]
    )
    c = clean_text(raw)
    assert c.body == [
        "The two foreign ministers met on Saturday to discuss trade and security.",
        "They agreed to meet again in the autumn, a spokesman said.",
    ]
    assert c.captions == [CAPTION_PLACE, CAPTION_AGENCY, CAPTION_POSITION]
    assert ("photo_credit", "Meridian") in c.credits
    assert ("photo_credit", "AFP") in c.credits


def test_known_captions_from_markup_are_not_repeated_in_body() -> None:
    raw = "Leaders Meet\nThe ministers met on Saturday in the capital.\n" + CAPTION_PLACE + "\n"
    c = clean_text(raw, captions=[CAPTION_PLACE])
    assert c.captions == [CAPTION_PLACE]
    assert c.body == ["The ministers met on Saturday in the capital."]


def test_caption_label_and_anonymous_credit() -> None:
    raw = (
        "Storm Hits Coast\nThe storm flooded three towns overnight, officials said.\n"
        "Photo: Rescue workers clear a road near the harbour\n"
        "Waves break over the sea wall on Thursday. (File Photo)\n"
    )
    c = clean_text(raw)
    assert c.captions == [
        "Photo: Rescue workers clear a road near the harbour",
        "Waves break over the sea wall on Thursday. (File Photo)",
    ]
    assert not [credit for credit in c.credits if credit[0] == "photo_credit"]


def test_parenthesis_in_body_is_not_a_caption() -> None:
    para = "The agreement (signed in 2019) covers oil and gas transit through the region."
    c = clean_text("Pipeline Deal\n" + para + "\n")
    assert c.body == [para]
    assert c.captions == []


# (e) sign-offs ------------------------------------------------------------------------


def test_glued_signoff_domain_is_stripped() -> None:
    raw = (
        "Talks End Without Deal\n"
        "Negotiators left the capital on Friday without an agreement.\n"
        "Both delegations promised to return for the talks.BlackSeaHerald.com\n"
    )
    c = clean_text(raw)
    assert c.body[-1] == "Both delegations promised to return for the talks."
    assert ("signoff", "BlackSeaHerald.com") in c.credits
    assert "BlackSeaHerald" not in joined(c)


def test_signoff_domain_on_its_own_last_line_is_stripped() -> None:
    raw = (
        "Talks End Without Deal\n"
        "Negotiators left the capital on Friday without an agreement.\n"
        "Both delegations promised to return for the talks.\n"
        "CaspianWire.az\n"
    )
    c = clean_text(raw)
    assert c.body == [
        "Negotiators left the capital on Friday without an agreement.",
        "Both delegations promised to return for the talks.",
    ]
    assert ("signoff", "CaspianWire.az") in c.credits
    assert c.removed["signoff"] == 1


def test_signoff_site_name_on_last_line() -> None:
    c = clean_text("Talks End\nNegotiators left the capital on Friday.\nMeridian.\n")
    assert ("signoff", "Meridian") in c.credits
    assert c.body == ["Negotiators left the capital on Friday."]


# (f) credit line ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "With reporting by Meridian's Baku bureau",
        "(Additional reporting by Meridian's correspondents in Tbilisi)",
    ],
)
def test_credit_line_names_the_outlet(line: str) -> None:
    raw = f"Talks End\nNegotiators left the capital on Friday without a deal.\n{line}\n"
    c = clean_text(raw)
    assert c.body == ["Negotiators left the capital on Friday without a deal."]
    assert ("credit", "Meridian") in c.credits
    assert c.removed["credit_line"] == 1


def test_credit_line_without_outlet_is_removed_without_credit() -> None:
    c = clean_text("Talks End\nNegotiators left the capital on Friday.\nEditing by Jane Roe and John Doe\n")
    assert c.body == ["Negotiators left the capital on Friday."]
    assert not [credit for credit in c.credits if credit[0] == "credit"]


# (g) characters -----------------------------------------------------------------------


def test_quotes_spaces_and_invisible_characters_are_normalised() -> None:
    raw = (
        "Quotes Test Headline\n"
        "\u201cWe will not back down,\u201d the minister said.\u00a0He\u2019s firm, and "
        "\u00abnon\u00bb was\u200b the\u200d answer;  \u2018fine\u2019   she\u2009replied.\n"
    )
    c = clean_text(raw)
    assert c.body == [
        '"We will not back down," the minister said. He\'s firm, and "non" was the answer; \'fine\' she replied.'
    ]


def test_normalise_composes_and_strips_controls() -> None:
    assert normalise("Zu\u0308rich\x07 talks\r\n  next  line ") == "Zürich talks\nnext line"


# (h) hard-wrapped text ----------------------------------------------------------------

PARAGRAPHS = [
    "Energy ministers from the three neighbouring countries met in the capital on Tuesday to "
    "settle a dispute over transit fees that has delayed the pipeline for two years, officials "
    "said after the session ended late in the evening.",
    "The agreement still has to be ratified by each parliament, and opposition parties in two "
    "of the countries have already said they would vote against it when it comes up for debate.",
    "Analysts said the deal could lower fuel prices across the region if the pipeline opens on "
    "schedule in the second half of next year, though construction delays remain likely.",
]


def test_hard_wrapped_text_is_rejoined_into_paragraphs() -> None:
    raw = "Pipeline Deal Reached\n\n" + "\n\n".join(textwrap.fill(p, 70) for p in PARAGRAPHS) + "\n"
    assert max(len(line) for line in raw.splitlines()) <= 70
    c = clean_text(raw)
    assert c.title == "Pipeline Deal Reached"
    assert c.body == PARAGRAPHS


def test_one_paragraph_per_line_is_kept_as_is() -> None:
    lines = ["First paragraph of the story.", "Second paragraph of the story.", "Third one."]
    assert split_paragraphs("\n".join(lines)) == lines
    assert split_paragraphs("\n\n".join(lines)) == lines


# (i) crossheads -----------------------------------------------------------------------


@pytest.mark.parametrize("crosshead", ["'Renewed Talks'", "Renewed Talks"])
def test_short_crosshead_inside_body_is_kept(crosshead: str) -> None:
    raw = (
        "Ceasefire Holds for Third Day\n"
        "The ceasefire held for a third day on Sunday, residents said.\n"
        f"{crosshead}\n"
        "Negotiators are expected to meet again on Wednesday.\n"
    )
    c = clean_text(raw)
    assert c.body == [
        "The ceasefire held for a third day on Sunday, residents said.",
        crosshead,
        "Negotiators are expected to meet again on Wednesday.",
    ]


# furniture ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Share this article",
        "Follow us on Telegram",
        "Advertisement",
        "Related: NATO ministers meet",
        "Skip to main content",
        "Read more: Talks stall again",
        "© 2021 Black Sea Herald",
        "We use cookies to improve your experience.",
        "3 min read",
    ],
)
def test_furniture_lines_are_removed(line: str) -> None:
    raw = (
        "Ministers Meet in Brussels\n"
        "The defence ministers met in Brussels on Thursday.\n"
        f"{line}\n"
        "They discussed spending targets for next year.\n"
    )
    c = clean_text(raw)
    assert c.body == [
        "The defence ministers met in Brussels on Thursday.",
        "They discussed spending targets for next year.",
    ]
    assert c.removed["furniture"] == 1


def test_sentence_that_starts_like_furniture_is_kept() -> None:
    para = "Share prices fell sharply on Monday after the central bank raised interest rates."
    c = clean_text("Markets Fall\n" + para + "\n")
    assert c.body == [para]


def test_empty_input() -> None:
    c = clean_text("  \n\n \u200b \n")
    assert c.title is None
    assert c.body == []
    assert c.compose() == ("", [])


# (j) compose --------------------------------------------------------------------------


def test_compose_spans_match_the_parts_and_captions_come_last() -> None:
    raw = "\n".join(
        [
            "Leaders Meet in Vienna",
            "A first meeting since the spring",
            "The two foreign ministers met on Saturday to discuss trade and security.",
            CAPTION_PLACE,
            "They agreed to meet again in the autumn, a spokesman said.",
        ]
    )
    c = clean_text(raw, captions=["Crowds wait outside the venue. (Reuters/John Doe)"])
    text, sections = c.compose()
    parts = [c.title, c.subtitle, *c.body, *c.captions]
    assert [s.kind for s in sections] == ["title", "subtitle", "body", "body", "caption", "caption"]
    assert [text[s.start : s.end] for s in sections] == parts
    assert text == "\n\n".join(p for p in parts if p)
    assert text.index(CAPTION_PLACE) > text.index("They agreed to meet again")
    starts = [s.start for s in sections]
    assert starts == sorted(starts)


def test_compose_without_title() -> None:
    c = Cleaned(body=["One sentence here.", "Another sentence here."], captions=["A caption (AFP Photo)"])
    text, sections = c.compose()
    assert [(s.kind, text[s.start : s.end]) for s in sections] == [
        ("body", "One sentence here."),
        ("body", "Another sentence here."),
        ("caption", "A caption (AFP Photo)"),
    ]


# --- repeats are dropped only when they are furniture (#16) ------------------------------

MARCH = [
    "Thousands of people marched through the capital on Saturday to demand an end to the fighting.",
    "The crowd chanted: we want peace.",
    "Organisers said the march was the largest since the conflict began two years ago.",
    "The crowd chanted: we want peace.",
    "Police said the protest passed off peacefully and no arrests were made.",
    "Scroll to continue with content",
    "Speakers called on both governments to return to talks without conditions.",
    "Scroll to continue with content",
    "The crowd chanted: we want peace.",
]


def test_a_sentence_the_article_repeats_is_kept_and_short_boilerplate_dropped() -> None:
    c = clean_text("Thousands March for Peace\n" + "\n".join(MARCH))
    assert c.body.count("The crowd chanted: we want peace.") == 3
    assert c.body.count("Scroll to continue with content") == 1
    assert c.removed["repeated"] == 1


def test_a_block_of_paragraphs_captured_twice_is_dropped_but_a_lone_repeat_kept() -> None:
    raw = "\n".join([*BODY, "Diplomats said so.", BODY[1], *BODY[:2]])
    c = clean_text(raw)
    assert c.body == [*BODY, "Diplomats said so.", BODY[1]]
    assert c.removed["repeated"] == 2


# --- Chinese and Japanese (#16) ----------------------------------------------------------

CHINESE = [
    "三国能源部长签署过境费协议",
    "三国能源部长星期二在维也纳签署了一项协议，结束了持续两年的管道过境费争端。",
    "官员说，协议将于明年一月生效。",
    "新华网",
]


def test_chinese_lines_are_kept_and_full_stops_end_sentences() -> None:
    c = clean_text("\n".join(CHINESE))
    assert c.title == CHINESE[0]  # no final stop: a headline
    assert c.body == CHINESE[1:3]  # short lines with a 。 are sentences, not one-word furniture
    assert c.credits == [("signoff", "新华网")]


def test_japanese_short_paragraphs_are_body() -> None:
    lines = ["通過料金で合意", "協定は来年一月に発効する。", "閣僚らは譲歩したと述べた。"]
    c = clean_text("\n".join(lines))
    assert (c.title, c.body) == (lines[0], lines[1:])


@pytest.mark.parametrize(("text", "words"), [
    ("Energy ministers signed an agreement.", 5),
    ("三国能源部长签署协议。", 10),
    ("Die Minister trafen sich in Wien", 6),
    ("国連 Security Council", 4),
])
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words


# --- a one-line brief with a title (#16) -------------------------------------------------

BRIEF = "Azerbaijan frees two detained Armenian shepherds"


@pytest.mark.parametrize(("title", "body_title"), [
    (None, (None, [BRIEF])),
    ("Shepherds freed", ("Shepherds freed", [BRIEF])),
    (BRIEF, (None, [BRIEF])),  # the text is only the given title again
])
def test_a_one_line_brief_is_its_text_with_or_without_a_title(
    title: str | None, body_title: tuple[str | None, list[str]]
) -> None:
    c = clean_text(BRIEF, title=title)
    assert (c.title, c.body) == body_title
