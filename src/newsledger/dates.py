"""Every date newsledger reads, in one place: publication dates, event dates and days named.

Three readings of dates, for three uses, sharing one vocabulary (month and weekday names):

- ``parse_date``: an absolute date as metadata gives it (a feed field, a page's meta tag, a
  dateline), to (ISO date, precision). A year is never invented: without one, None.
- ``resolve_date``: a date phrase the parser found near an event trigger ("on Thursday",
  "last month", "in 1994"), resolved against the publication date, as precise as the phrase.
- ``find_dates``: every day-precise phrase of a sentence, for the timelines. Regular
  expressions and ``datetime`` do it: dateparser costs milliseconds a phrase and a timeline
  reads every sentence of a story, while the forms that name a day are few and fixed. A
  phrase without a year is a day of the past 305 days or the next 60 ("on December 26" in a
  January article is last year's; "March 17" in an October chronology is this year's, not
  next); a weekday is the last such day on or before publication ("next" looks ahead; the
  tense of "will meet on Friday" is not read: on Timeline17's tune half it cost a day).
  A date with its year and "at" a clock time ("March 8, 2011 at 10:42 am") stamps a
  reader's comment, not the news, and is skipped. Months and years alone are not days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

import dateparser

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NUMBERS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                 "oct": 10, "nov": 11, "dec": 12}
_WEEKDAY_NAMES = "|".join(WEEKDAYS)

# -- absolute dates, as metadata gives them ---------------------------------------------------
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
FULL_DATE = re.compile(
    rf"\b(?:{MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}} {MONTH},? \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b"
)
DAY_MONTH = re.compile(rf"\b(?:{MONTH} \d{{1,2}}|\d{{1,2}} {MONTH})\b")
# Numbers feeds give as dates: epoch seconds (9-10 digits, 1973-2286) or milliseconds
# (12-13 digits), and compact ISO dates (20171121).
_EPOCH = re.compile(r"(?P<s>\d{9,10})(?:\.\d+)?|(?P<ms>\d{12,13})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")


def _numeric_date(text: str) -> tuple[str, str] | None:
    """An epoch number (UTC day), ``YYYYMMDD``, ``YYYY-MM`` or ``YYYY``; None for anything else."""
    try:
        if epoch := _EPOCH.fullmatch(text):
            seconds = int(epoch["s"]) if epoch["s"] else int(epoch["ms"]) / 1000
            return datetime.fromtimestamp(seconds, UTC).date().isoformat(), "day"
        if compact := _COMPACT.fullmatch(text):
            return date(*map(int, compact.groups())).isoformat(), "day"
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return date.fromisoformat(f"{text}-01").strftime("%Y-%m"), "month"
    except (ValueError, OverflowError, OSError):
        return None
    if re.fullmatch(r"\d{4}", text):
        return text, "year"
    return None


@lru_cache(maxsize=4096)  # dateparser costs ~20 ms a call; the same strings recur
def parse_date(text: str) -> tuple[str, str] | None:
    """Parse an absolute date string to (ISO date, precision); None without a year."""
    text = text.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text[:10]).isoformat(), "day"
        except ValueError:
            return None
    if re.fullmatch(r"\d+(?:\.\d+)?|\d{4}-\d{2}", text):  # not "21.11.2017": dateparser reads that
        return _numeric_date(text)
    if not re.search(r"\b\d{4}\b", text):
        return None
    parsed = dateparser.parse(
        text, languages=["en"], settings={"REQUIRE_PARTS": ["year", "month"], "PREFER_DAY_OF_MONTH": "first"}
    )
    if parsed is None:
        return None
    has_day = bool(re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?!\d)", re.sub(r"\b\d{4}\b", "", text)))
    return (parsed.date().isoformat(), "day") if has_day else (parsed.strftime("%Y-%m"), "month")


def year_from_context(day_month: str, texts: list[str]) -> tuple[str, str] | None:
    """Give a year-less date ("Nov 10") the year of a full date in the text up to a month before.

    Wire copy dated "Nov 10" that reports what happened "on November 9, 2020" was written in
    2020: the year is read from the text, never assumed. Returns (ISO date, evidence).
    """
    for text in texts:
        for found in FULL_DATE.finditer(text):
            parsed = parse_date(found.group(0))
            if not parsed or parsed[1] != "day":
                continue
            anchor = date.fromisoformat(parsed[0])
            for year in (anchor.year, anchor.year + 1):
                candidate = parse_date(f"{day_month} {year}")
                if candidate and 0 <= (date.fromisoformat(candidate[0]) - anchor).days <= 31:
                    return candidate[0], found.group(0)
    return None


# -- date phrases near an event ---------------------------------------------------------------
_WEEKDAY = re.compile(rf"\b(?:{_WEEKDAY_NAMES}|yesterday|today|tomorrow)\b", re.I)
_WEEKDAY_ONLY = re.compile(rf"(?:last\s+)?({_WEEKDAY_NAMES})(?:\s+(?:morning|afternoon|evening|night))?", re.I)
_DURATION = re.compile(r"(?:the\s+)?(?:past|last|next|over|almost|nearly|about|more\s+than)?\s*"
                       r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                       r"several|many|few|a\s+few)(?:\s+and\s+a\s+half)?\s+(?:years?|months?|weeks?|days?|hours?)",
                       re.I)
_MONTH_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.I)
_MONTH_OF_YEAR = re.compile(r"(?P<month>[a-z]+)\.?\s+(?P<which>last|this|next)\s+year", re.I)  # "August last year"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Month names and abbreviations as news writes them, and a day of the month, for the patterns below.
_MONTH_ALTERNATIVES = ("january|february|march|april|may|june|july|august|september|october|november|december"
                       "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec")
_DAY_NUMBER = r"3[01]|[12]\d|0?[1-9]"


def _phrase(text: str) -> str:
    return re.sub(r"^(?:on|in|since|by|during|from|until|at|of|for)\s+", "", text.strip(), flags=re.I)


# A day or month told by another one the text gave before: "that day", "the following day".
_ANAPHOR = re.compile(
    r"(?:later\s+|earlier\s+|late\s+|early\s+)?(?:that|the\s+same)\s+(?P<same>day|night|evening|morning|afternoon|month|year)"
    r"|(?:the\s+(?:following|next)|a\s+day\s+later)(?P<next>\s+(?:day|morning|night|evening|afternoon))?"
    r"|the\s+(?:day\s+before|previous\s+day)|a\s+day\s+earlier", re.I)


def is_anaphor(text: str) -> bool:
    """Whether a date phrase tells its date by one given before ("that day", "the next day")."""
    return bool(_ANAPHOR.fullmatch(_phrase(text)))


def resolve_anaphor(text: str, before: str) -> tuple[str | None, str]:
    """The date ``text`` tells by the date ``before`` (ISO, as precise as known): "that day" is
    it, "the following day" the day after, "that month" its month."""
    match = _ANAPHOR.fullmatch(_phrase(text))
    if match is None:
        return None, "unknown"
    if match.group("same") in ("month", "year"):
        cut = 7 if match.group("same") == "month" else 4
        return (before[:cut], match.group("same")) if len(before) >= cut else (None, "unknown")
    if len(before) != 10:
        return None, "unknown"  # a day told by a month is no day
    day = date.fromisoformat(before)
    if match.group("same"):
        return day.isoformat(), "day"
    shift = 1 if re.match(r"(?:the\s+(?:following|next)|a\s+day\s+later)", _phrase(text), re.I) else -1
    return (day + timedelta(days=shift)).isoformat(), "day"


def is_duration(text: str) -> bool:
    """Whether a date phrase says how long ("for 444 days", "three weeks"), not when."""
    return bool(_DURATION.fullmatch(_phrase(text)))


@lru_cache(maxsize=4096)
def resolve_date(text: str, published: str | None, ahead: bool = False) -> tuple[str | None, str]:
    """(ISO date as precise as the text, precision) for a date phrase; (None, 'unknown') if unsure.

    Relative phrases ("on Thursday", "last month") resolve against the publication date and
    stay unresolved without one; a year or a full date stands on its own ("in 1994"). Dates fall
    before publication unless ``ahead``: what "will" happen "on Wednesday" happens on the next one.
    """
    phrase = _phrase(text)
    if re.search(r"\d0s\b|centur|decade", phrase, re.I):
        return None, "unknown"  # "the early 1990s": no single date
    if is_duration(phrase):
        return None, "unknown"  # "for 35 years", "the past two weeks": how long, not when
    # Without a year of its own ("on Thursday", "November 23") a phrase needs the publication
    # date; otherwise dateparser would supply today's year, and a year is never invented.
    if not re.search(r"\b\d{4}\b", phrase) and not published:
        return None, "unknown"
    base = datetime.fromisoformat(published[:10] if published and len(published) >= 10 else
                                  (published + "-01")[:10]) if published and len(published) >= 7 else None
    month_of = _MONTH_OF_YEAR.fullmatch(phrase)
    if month_of and base is not None and _MONTH_WORD.fullmatch(month_of.group("month")):
        year = base.year + {"last": -1, "this": 0, "next": 1}[month_of.group("which").lower()]
        return f"{year}-{_MONTHS.index(month_of.group('month')[:3].lower()) + 1:02d}", "month"
    weekday = _WEEKDAY_ONLY.fullmatch(phrase.strip())
    if weekday and base is not None and published and len(published) >= 10:
        # "on Tuesday" in a story published on a Tuesday is that day; otherwise the last one (the
        # next one for what is still to come), but "last Tuesday" is always past.
        days_back = (base.weekday() - WEEKDAYS.index(weekday.group(1).lower())) % 7
        if ahead and not phrase.strip().lower().startswith("last"):
            days_back = days_back - 7 if days_back else 0
        return (base - timedelta(days=days_back)).date().isoformat(), "day"
    if (explicit := _explicit(phrase, base, ahead)) is not None:
        return explicit
    settings: dict[str, object] = {"PREFER_DATES_FROM": "future" if ahead else "past", "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    if parsed is None:
        return None, "unknown"
    if re.fullmatch(r"(?:the\s+)?(?:last|next|this)?\s*year|\d{4}", phrase, re.I):
        return parsed.strftime("%Y"), "year"
    if _WEEKDAY.search(phrase) or re.search(r"\b\d{1,2}\b(?!\d)", re.sub(r"\b\d{4}\b", "", phrase)):
        return parsed.date().isoformat(), "day"
    if _MONTH_WORD.search(phrase) or re.search(r"\bmonth\b", phrase, re.I):
        return parsed.strftime("%Y-%m"), "month"
    return parsed.date().isoformat(), "day" if re.search(r"ago|week", phrase, re.I) else "unknown"


_MONTH_FORM = rf"(?:{_MONTH_ALTERNATIVES})\.?"
_DAY_FORM = rf"(?:{_DAY_NUMBER})"
_YEAR_FORM = r"(?:19|20)\d\d"
_EXPLICIT = re.compile(rf"{_YEAR_FORM}|{_MONTH_FORM}(?:\s+{_DAY_FORM},?)?\s+{_YEAR_FORM}"
                       rf"|{_DAY_FORM}\s+{_MONTH_FORM},?\s+{_YEAR_FORM}", re.I)
_YEARLESS = re.compile(rf"{_MONTH_FORM}(?:\s+{_DAY_FORM})?|{_DAY_FORM}\s+{_MONTH_FORM}", re.I)


def _explicit(phrase: str, base: datetime | None, ahead: bool) -> tuple[str, str] | None:
    """A date read without dateparser, which takes a millisecond a phrase for the same answer (``test_event_setting``
    holds them equal): one that names its year ("2014", "March 2011", "15 March 2011", "Oct. 3, 1993"), and a
    month or a day of one without a year ("March", "Oct. 12") at the nearest such date on or before the
    publication date (after it when ``ahead``; dateparser jumps to a leap year for "February" told on the 29th
    to the 31st); None for anything else, dateparser's to read."""
    named = _EXPLICIT.fullmatch(phrase) is not None
    if not named and (base is None or _YEARLESS.fullmatch(phrase) is None):
        return None
    words = re.findall(r"[a-z]+|\d+", phrase.lower())
    month = next((_MONTHS.index(w[:3]) + 1 for w in words if w[:3] in _MONTHS), None)
    day = next((int(w) for w in words if w.isdigit() and len(w) <= 2), None)
    if named:
        year = int(next(w for w in reversed(words) if len(w) == 4))
    elif base is not None and month is not None and (month, day) != (2, 29):  # a leap day: dateparser's to find
        this_year = (base.month, base.day) >= (month, day or 1)  # on or before the publication date
        year = base.year + (1 if this_year else 0) if ahead else base.year - (0 if this_year else 1)
    else:
        return None
    if month is None:
        return f"{year}", "year"
    if day is None:
        return f"{year}-{month:02d}", "month"
    try:
        return date(year, month, day).isoformat(), "day"
    except ValueError:
        return None  # "February 30, 2011": dateparser's to judge


# -- days named in a text, for the timelines --------------------------------------------------
_MONTH_GROUP = rf"(?P<month>{_MONTH_ALTERNATIVES})\.?"
_DAY = rf"(?P<day>{_DAY_NUMBER})(?:st|nd|rd|th)?"
_YEAR = r"(?:\s*,?\s*(?P<year>(?:19|20)\d\d))?"
_NAMED_DAY = re.compile(
    rf"\b(?:{_MONTH_GROUP}\s+{_DAY}(?!\d|:|\s*(?:%|per\s?cent)){_YEAR}"  # March 15, 2011 / Feb. 17
    rf"|(?P<day2>{_DAY_NUMBER})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_GROUP.replace('month', 'month2')}"
    rf"{_YEAR.replace('year', 'year2')}"  # 15 March 2011 / 17th of February
    r"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"  # 2011-03-15
    rf"|(?:(?P<rel>last|next|this)\s+)?(?P<weekday>{_WEEKDAY_NAMES})"  # (last) Tuesday
    r"|(?P<deictic>yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)))\b",
    re.I)
# A clock time right after a date with its year: a comment's or a page's stamp.
_STAMP = re.compile(r"\s*at\s+\d{1,2}:\d\d\s*[ap]\.?m\b", re.I)
PAST_REACH, FUTURE_REACH = 305, 60  # days either side of publication a date without a year may fall


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


def _likely_year(month: int, day: int, pub: date) -> date | None:
    """That day and month within PAST_REACH days before publication or FUTURE_REACH after.

    News looks back more than ahead: a chronology published in October lists "March 17" of
    the same year, while "Jan. 4" in late December is a date to come.
    """
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if -PAST_REACH <= (candidate - pub).days <= FUTURE_REACH:
            return candidate
    return None


def _named_day(m: re.Match[str], pub: date | None) -> date | None:
    g = m.groupdict()
    if g["iso"]:
        try:
            return date.fromisoformat(g["iso"])
        except ValueError:
            return None
    if g["month"] or g["month2"]:
        month = MONTH_NUMBERS[(g["month"] or g["month2"]).lower()[:3]]
        day = int(g["day"] or g["day2"])
        year = g["year"] or g["year2"]
        if year:
            try:
                return date(int(year), month, day)
            except ValueError:
                return None
        return _likely_year(month, day, pub) if pub else None
    if pub is None:
        return None
    if g["weekday"]:
        back = (pub.weekday() - WEEKDAYS.index(g["weekday"].lower())) % 7
        rel = (g["rel"] or "").lower()
        if rel == "next":
            return pub + timedelta(days=(7 - back) or 7)
        return pub - timedelta(days=back or (7 if rel == "last" else 0))
    phrase = g["deictic"].lower()
    if phrase == "tomorrow":
        return pub + timedelta(days=1)
    return pub - timedelta(days=1) if phrase in ("yesterday",) or phrase.startswith("last") else pub


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """Every day-precise date phrase in ``text``, resolved against the publication date."""
    pub = publication_day(published)
    found = []
    for m in _NAMED_DAY.finditer(text):
        if (m["year"] or m["year2"]) and _STAMP.match(text, m.end()):
            continue
        day = _named_day(m, pub)
        if day is not None:
            found.append(DateMention(m.start(), m.end(), m.group(0), day.isoformat()))
    return found
