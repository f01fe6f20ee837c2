"""Days a text refers to: "on 11 June", "March 15, 2011", "on Tuesday", "yesterday".

A timeline is built from the days articles refer to, so every day-precise date phrase of a
sentence is resolved against the article's publication day. Regular expressions and
``datetime`` do it: dateparser costs milliseconds a phrase and the timeline reads every
sentence of a story, while these forms are few and fixed. A phrase without a year takes the
year that puts the day nearest the publication date ("on December 26" in a January article
is last year's); a weekday is the last such day on or before publication ("next" looks
ahead). Relative phrases need a publication day; without one only full dates count.
Months and years alone are not days, and are left to the event coder's dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
           "nov": 11, "dec": 12}
_MONTH = (r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:\s*,?\s*(?P<year>(?:19|20)\d\d))?"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PATTERN = re.compile(
    rf"\b(?:{_MONTH}\s+{_DAY}(?!\d|:|\s*(?:%|per\s?cent)){_YEAR}"  # March 15, 2011 / Feb. 17
    rf"|(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH.replace('month', 'month2')}"
    rf"{_YEAR.replace('year', 'year2')}"  # 15 March 2011 / 17th of February
    r"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"  # 2011-03-15
    r"|(?:(?P<rel>last|next|this)\s+)?(?P<weekday>" + "|".join(_WEEKDAYS) + r")"  # (last) Tuesday
    r"|(?P<deictic>yesterday|today|tonight|last\s+night|this\s+(?:morning|afternoon|evening)))\b",
    re.I)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A day a text refers to: where the phrase is (offsets into the text given) and the ISO day."""

    start: int
    end: int
    text: str
    day: str


def publication_day(published: str | None) -> date | None:
    """The publication date when it is known to the day, else None."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _nearest_year(month: int, day: int, pub: date) -> date | None:
    """The date of that day and month nearest the publication date (last, this or next year)."""
    options = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - pub).days), default=None)


def _resolve(m: re.Match[str], pub: date | None) -> date | None:
    g = m.groupdict()
    if g["iso"]:
        try:
            return date.fromisoformat(g["iso"])
        except ValueError:
            return None
    if g["month"] or g["month2"]:
        month = _MONTHS[(g["month"] or g["month2"]).lower()[:3]]
        day = int(g["day"] or g["day2"])
        year = g["year"] or g["year2"]
        if year:
            try:
                return date(int(year), month, day)
            except ValueError:
                return None
        return _nearest_year(month, day, pub) if pub else None
    if pub is None:
        return None
    if g["weekday"]:
        back = (pub.weekday() - _WEEKDAYS.index(g["weekday"].lower())) % 7
        rel = (g["rel"] or "").lower()
        if rel == "next":
            return pub + timedelta(days=(7 - back) or 7)
        return pub - timedelta(days=back or (7 if rel == "last" else 0))
    phrase = g["deictic"].lower()
    return pub - timedelta(days=1) if phrase in ("yesterday",) or phrase.startswith("last") else pub


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """Every day-precise date phrase in ``text``, resolved against the publication date."""
    pub = publication_day(published)
    found = []
    for m in _PATTERN.finditer(text):
        day = _resolve(m, pub)
        if day is not None:
            found.append(DateMention(m.start(), m.end(), m.group(0), day.isoformat()))
    return found
