"""Quotes on text we write: forms, marks, partial quotes, reported speech, pronoun speakers."""

from __future__ import annotations

import pytest

from newsledger.config import Config
from newsledger.models import Quote

from ..helpers import annotate_text

pytestmark = pytest.mark.usefixtures("nlp")


def quotes_of(text: str, config: Config) -> list[Quote]:
    return annotate_text(text, config).quotes


def one(quotes: list[Quote], words: str, kind: str | None = None, cue: str | None = None) -> Quote:
    hits = [q for q in quotes if words in q.text and kind in (None, q.kind) and cue in (None, q.cue)]
    assert hits, f"no quote holding {words!r}; got {[(q.kind, q.text) for q in quotes]}"
    return hits[0]


ARTICLE = (
    "Ministers trade warnings over border\n\n"
    "Georgian Foreign Minister Ilia Darchiashvili met his Armenian counterpart Ararat Mirzoyan in "
    "Tbilisi on Tuesday.\n\n"
    "\u201cWe will not accept any change to the border by force,\u201d Darchiashvili told a news conference. "
    "\u201cOur position has not changed.\u201d\n\n"
    "Mirzoyan urged both sides to \u201cavoid any step that could inflame the situation\u201d and accused "
    "neighbouring states of stalling the talks.\n\n"
    "\"The talks were useful,\" he added.\n\n"
    "Addressing Darchiashvili, Mirzoyan said: \"I thank you for your hospitality.\"\n\n"
    "The Armenian foreign minister said the two countries would open a second crossing next year.\n\n"
    "\u00abThe door remains open,\u00bb the minister said.\n"
)


def test_direct_quotes_with_speaker_cue_and_addressee(config: Config) -> None:
    qs = quotes_of(ARTICLE, config)
    q = one(qs, "We will not accept any change")
    assert (q.kind, q.actor_id, q.cue, q.addressee) == ("direct", "person:ilia darchiashvili", "told",
                                                        "a news conference")
    # The unattributed quote right after an attributed one goes on with the same speaker.
    assert one(qs, "Our position has not changed").actor_id == "person:ilia darchiashvili"


def test_partial_quote_belongs_to_the_one_who_urged(config: Config) -> None:
    q = one(quotes_of(ARTICLE, config), "avoid any step", kind="partial")
    assert (q.kind, q.actor_id, q.cue) == ("partial", "person:ararat mirzoyan", "urged")


def test_pronoun_lead_in_and_description_speakers(config: Config) -> None:
    qs = quotes_of(ARTICLE, config)
    assert one(qs, "The talks were useful").actor_id == "person:ararat mirzoyan"  # "he added"
    lead_in = one(qs, "I thank you")
    assert (lead_in.actor_id, lead_in.kind) == ("person:ararat mirzoyan", "direct")
    assert one(qs, "The door remains open").actor_id == "person:ararat mirzoyan"  # guillemets, "the minister"


def test_reported_speech(config: Config) -> None:
    qs = quotes_of(ARTICLE, config)
    crossing = one(qs, "would open a second crossing")
    assert (crossing.kind, crossing.actor_id, crossing.cue) == ("indirect", "person:ararat mirzoyan", "said")
    stalling = one(qs, "stalling the talks", cue="accused")
    assert (stalling.kind, stalling.actor_id) == ("indirect", "person:ararat mirzoyan")


def test_multi_paragraph_quote_and_odd_marks(config: Config) -> None:
    text = (
        "Envoy sets out plan\n\n"
        "The OSCE envoy said: \"First, both sides must pull back heavy weapons.\n\n"
        "\"Second, monitors must have full access to the line of contact,\" he said.\n\n"
        "Officials called the plan \"ambitious and a stray mark follows.\n"
    )
    qs = quotes_of(text, config)  # an odd number of marks never raises
    first = one(qs, "pull back heavy weapons")
    assert first.kind == "direct" and first.speaker == "The OSCE envoy"
    assert one(qs, "monitors must have full access").speaker == "he"


def test_according_to_and_bracketed_insertion(config: Config) -> None:
    text = (
        "Talks resume\n\n"
        "Armenian Prime Minister Nikol Pashinyan met Azerbaijani President Ilham Aliyev in Prague.\n\n"
        "\"He [Aliyev] agreed to the mission,\" Pashinyan said afterwards.\n\n"
        "The monitors will deploy within weeks, according to Pashinyan.\n\n"
        "The border will reopen in May, according to Aliyev's statement.\n"
    )
    qs = quotes_of(text, config)
    assert one(qs, "agreed to the mission").actor_id == "person:nikol pashinyan"
    reported = one(qs, "The monitors will deploy within weeks")
    assert (reported.kind, reported.actor_id, reported.rule) == ("indirect", "person:nikol pashinyan", "according_to")
    assert "according" not in reported.text
    assert one(qs, "The border will reopen in May").actor_id == "person:ilham aliyev"


def test_a_quote_repeated_on_the_page_counts_once(config: Config) -> None:
    text = ("Leaders agree\n\n\"We have a deal,\" Pashinyan said in Yerevan on Monday.\n\n"
            "Aliyev welcomed the news in Baku.\n\n\"We have a deal,\" Pashinyan said.\n")
    assert len([q for q in quotes_of(text, config) if "We have a deal" in q.text]) == 1
