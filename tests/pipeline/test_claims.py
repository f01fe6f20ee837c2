"""Numeric claims on text we write: values, qualifiers, what is counted, who asserts them."""

from __future__ import annotations

import pytest

from newsledger.config import Config
from newsledger.models import Claim
from newsledger.pipeline.claims import parse_number

from ..helpers import annotate_text


@pytest.mark.parametrize(
    ("text", "value"),
    [("30,000", 30000), ("Ninety-four", 94), ("one million", 1e6), ("more than one million", 1e6),
     ("1.5 billion", 1.5e9), ("two hundred and fifty", 250), ("20 percent", 20), ("$2 billion", 2e9)],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_parse_number_refuses_words_without_a_number() -> None:
    assert parse_number("several") is None


ARTICLE = (
    "Refugees and troops\n\n"
    "\"More than 40,000 Armenians have left their homes,\" Armenian Prime Minister Nikol Pashinyan said "
    "in Yerevan on Monday.\n\n"
    "The fighting in the early 1990s killed some 30,000 people. Sixty-two Georgian soldiers serve with "
    "the NATO mission.\n\n"
    "In 2015 the number of Moldovan peacekeepers in the mission was doubled, and today their number amounts to 40, "
    "the defence ministry said.\n\n"
    "The two sides agreed to meet again.\n"
)


@pytest.fixture(scope="module")
def claims(config: Config, nlp: object) -> list[Claim]:
    return annotate_text(ARTICLE, config).claims


def find(claims: list[Claim], value: float) -> Claim:
    hits = [c for c in claims if c.value == value]
    assert hits, [(c.text, c.value) for c in claims]
    return hits[0]


def test_a_quoted_figure_belongs_to_the_speaker(claims: list[Claim]) -> None:
    c = find(claims, 40000)
    assert (c.qualifier, c.counted, c.asserter_kind, c.asserter_actor_id) == (
        "more than", "Armenians", "speaker", "person:nikol pashinyan")


def test_the_outlets_own_figures(claims: list[Claim]) -> None:
    killed = find(claims, 30000)
    assert (killed.qualifier, killed.counted, killed.verb, killed.asserter_kind) == ("some", "people", "kill",
                                                                                   "outlet")
    assert killed.date_text == "the early 1990s"
    assert find(claims, 62).counted == "Georgian soldiers"


def test_their_number_counts_what_the_sentence_names(claims: list[Claim]) -> None:
    assert find(claims, 40).counted == "Moldovan peacekeepers"


def test_discourse_counts_are_not_claims(claims: list[Claim]) -> None:
    assert not [c for c in claims if c.value == 2]
