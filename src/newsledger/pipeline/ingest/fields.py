"""JSON field values -> the strings an article carries, read for what each field means.

Feeds put other types than strings in their fields: the text as a list of paragraphs, dates as
epoch numbers, MongoDB's ``{"$date": ...}`` or ``{"year": .., "month": .., "day": ..}``, the
outlet as ``{"name": ...}``. Each is read for what it says; a text that is no text is refused
with a reason. Python's repr of a value is never stored (issue #16).
"""

from __future__ import annotations

import json
import re
from typing import Any

# Surrogates are paired into one character by the JSON parser; any left are lone.
_SURROGATE = re.compile("[\ud800-\udfff]")


class FieldError(ValueError):
    """A field's value cannot be read; the message is the ingest-log reason."""


def valid_text(text: str) -> str:
    """``text`` with each lone surrogate (JSON's ``"\\ud800"``) made U+FFFD: none can be encoded or stored."""
    return _SURROGATE.sub("\ufffd", text)


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", bool: "true/false"}.get(type(value), "a number")


def text_value(value: Any) -> str | None:
    """The article text: a string, or a list of paragraphs joined by blank lines.

    Raises:
        FieldError: an object, a number, or a list holding anything but strings.
    """
    if isinstance(value, str):
        return valid_text(value) if value.strip() else None
    if isinstance(value, list):
        if not all(isinstance(part, str) for part in value):
            odd = next(part for part in value if not isinstance(part, str))
            raise FieldError(f"text is a list holding {_kind(odd)}, not paragraphs")
        joined = "\n\n".join(part.strip() for part in value if part.strip())
        return valid_text(joined) if joined else None
    if value is None:
        return None
    raise FieldError(f"text is {_kind(value)}, not text")


def _date_parts(value: dict[str, Any]) -> str:
    """``{"year": 2017, "month": 11, "day": 21}`` -> ``2017-11-21``, as precise as the parts given."""
    parts = []
    for name, width in (("year", 4), ("month", 2), ("day", 2)):
        part = value.get(name)
        if part is None:
            break
        parts.append(f"{int(part):0{width}d}")
    return "-".join(parts)


def date_value(value: Any) -> str | None:
    """A publication date as text the metadata finder parses (epoch numbers stay digits).

    A structured value it cannot read is kept as compact JSON, so the date's text is still
    recorded (``published_text``) rather than dropped.
    """
    if value is None or isinstance(value, bool) or value == "":
        return None
    if isinstance(value, str):
        return valid_text(value)
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, dict):
        inner = value.get("$date", value.get("$numberLong"))
        try:
            if inner is not None:
                return date_value(inner)
            if "year" in value:
                return _date_parts(value)
        except (TypeError, ValueError):
            pass  # unreadable parts: kept as JSON below
    return valid_text(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)[:200])


def plain_value(value: Any) -> str | None:
    """A title, URL or outlet: a string, a number, a list of strings, or an object's ``name``."""
    if isinstance(value, str):
        return valid_text(value) if value.strip() else None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return plain_value(" ".join(part for part in value if isinstance(part, str)))
    if isinstance(value, dict):
        return plain_value(value.get("name"))
    return None
