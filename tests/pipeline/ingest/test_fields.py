"""JSON field values read for what they mean; never stored as Python's repr (#16)."""

from __future__ import annotations

from typing import Any

import pytest

from newsledger.dates import parse_date
from newsledger.pipeline.ingest.fields import FieldError, date_value, plain_value, text_value

PARAGRAPHS = [
    "Energy ministers from three countries signed an agreement on Tuesday.",
    "  ",
    "The accord takes effect in January, officials said.",
]


def test_a_list_of_paragraphs_is_joined_by_blank_lines() -> None:
    assert text_value(PARAGRAPHS) == (
        "Energy ministers from three countries signed an agreement on Tuesday.\n\n"
        "The accord takes effect in January, officials said."
    )


@pytest.mark.parametrize(("value", "reason"), [
    ({"body": PARAGRAPHS[0]}, "text is an object, not text"),
    ([{"type": "p", "text": PARAGRAPHS[0]}], "text is a list holding an object, not paragraphs"),
    (42, "text is a number, not text"),
    (True, "text is true/false, not text"),
])
def test_text_that_is_no_text_is_refused_with_a_reason(value: Any, reason: str) -> None:
    with pytest.raises(FieldError, match=f"^{reason}$"):
        text_value(value)


def test_lone_surrogates_become_replacement_characters() -> None:
    text = text_value("Ministers met \ud800 in Vienna.")
    assert text == "Ministers met \ufffd in Vienna." and text.encode()


@pytest.mark.parametrize(("value", "published"), [
    (1511222400, ("2017-11-21", "day")),  # epoch seconds
    (1511222400000, ("2017-11-21", "day")),  # epoch milliseconds
    (1511222400.75, ("2017-11-21", "day")),
    ("1511222400", ("2017-11-21", "day")),
    ({"$date": "2017-11-21T05:44:27Z"}, ("2017-11-21", "day")),  # MongoDB extended JSON
    ({"$date": 1511222400000}, ("2017-11-21", "day")),
    ({"$date": {"$numberLong": "1511222400000"}}, ("2017-11-21", "day")),
    ({"year": 2017, "month": 11, "day": 21}, ("2017-11-21", "day")),
    ({"year": 2017, "month": 11}, ("2017-11", "month")),
    ({"year": "2017"}, ("2017", "year")),
    ("20171121", ("2017-11-21", "day")),
])
def test_numeric_and_structured_dates_are_read(value: Any, published: tuple[str, str]) -> None:
    text = date_value(value)
    assert text is not None and parse_date(text) == published


def test_an_unreadable_date_object_keeps_its_text_not_its_repr() -> None:
    text = date_value({"when": "last Tuesday", "tz": "UTC"})
    assert text == '{"tz": "UTC", "when": "last Tuesday"}' and parse_date(text) is None
    assert date_value({"year": "around 2017"}) == '{"year": "around 2017"}'


def test_other_fields_take_strings_names_and_lists() -> None:
    assert plain_value({"id": "reuters", "name": "Reuters"}) == "Reuters"  # NewsAPI's "source"
    assert plain_value(["Ministers agree", "on transit fees"]) == "Ministers agree on transit fees"
    assert plain_value({"id": 7}) is None and plain_value(False) is None
    assert plain_value(2024) == "2024"
