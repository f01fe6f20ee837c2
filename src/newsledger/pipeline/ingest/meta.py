"""Metadata finder: outlet, publication date, dateline and language, each with its origin.

Reads:   the ``Cleaned`` parts and whatever the container gave (JSON fields, HTML meta).
Returns: a dict of Document fields. Precedence follows how much each kind of evidence can be
         trusted: given metadata > an explicit timestamp line > the dateline > a caption date.
         A date without a year stays unresolved (its text is kept): a year is never invented.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

import dateparser
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from newsledger.pipeline.ingest.clean import Cleaned, count_words

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_FULL_DATE = re.compile(
    rf"\b(?:{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}} {_MONTH},? \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b"
)
_DAY_MONTH = re.compile(rf"\b(?:{_MONTH} \d{{1,2}}|\d{{1,2}} {_MONTH})\b")
# "BAKU, Nov. 20 (Xinhua) -- ", "PRAGUE, Czech Republic, Oct. 6, 2022 (Meridian) - ",
# "WASHINGTON (Reuters) - ", "YEREVAN, Armenia -- "
_DATELINE = re.compile(
    rf"""^(?P<place>[A-Z][A-Z.'/-]+(?:\ [A-Z][A-Z.'/-]+){{0,3}})
    (?:,\ (?P<region>[A-Z][a-z]+(?:\ [A-Z][a-z]+){{0,2}}))?
    (?:,?\ (?P<date>{_MONTH}\ \d{{1,2}}(?:,\ \d{{4}})?))?
    \ ?(?:\((?P<credit>[^()]{{2,40}})\))?
    \s*(?:--|—|–|-|:)\s+""",
    re.X,
)


# English-lexified creoles in py3langid's model: the English pipeline reads them, and English
# text with African names is often classified as one of them.
ENGLISH_LEXIFIED = {"pcm"}


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, min_confidence: float) -> tuple[str, float]:
    """ISO 639-1 code and probability; 'und' when the model is unsure or text is short."""
    sample = text[:1500]  # the identifier's cost grows with the text; 1,500 characters decide as well
    if count_words(sample) < 5:
        return "und", 0.0
    lang, prob = _identifier().classify(sample)
    if lang in ENGLISH_LEXIFIED:  # measured: English news naming Nigerian or Kenyan leaders comes out "pcm"
        lang, prob = "en", prob + dict(_identifier().rank(sample)).get("en", 0.0)
    return (lang if prob >= min_confidence else "und"), round(float(prob), 4)


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
        for found in _FULL_DATE.finditer(text):
            parsed = parse_date(found.group(0))
            if not parsed or parsed[1] != "day":
                continue
            anchor = date.fromisoformat(parsed[0])
            for year in (anchor.year, anchor.year + 1):
                candidate = parse_date(f"{day_month} {year}")
                if candidate and 0 <= (date.fromisoformat(candidate[0]) - anchor).days <= 31:
                    return candidate[0], found.group(0)
    return None


def find_dateline(body: list[str]) -> dict[str, str] | None:
    if not body:
        return None
    match = _DATELINE.match(body[0])
    if not match or len(match.group("place")) < 3:
        return None
    return {k: v for k, v in match.groupdict().items() if v}


def find_metadata(cleaned: Cleaned, given: dict[str, str], min_language_confidence: float) -> dict[str, Any]:
    """Outlet, publication date, dateline and language for one cleaned article."""
    meta: dict[str, Any] = {}
    dateline = find_dateline(cleaned.body)
    if dateline:
        meta["dateline"] = dateline["place"].title() if dateline["place"].isupper() else dateline["place"]

    # Outlet: given > page metadata > credits in the text > a sign-off line.
    credits = dict(reversed(cleaned.credits))  # first credit of each kind wins
    outlet_candidates = [
        ("given", given.get("outlet")),
        ("html", given.get("sitename")),
        ("source_line", credits.get("source_line")),
        ("dateline", dateline.get("credit") if dateline else None),
        ("credit", credits.get("credit")),
        ("photo_credit", credits.get("photo_credit")),
        ("signoff", credits.get("signoff")),
    ]
    for how, outlet in outlet_candidates:
        if outlet:
            meta["outlet"], meta["outlet_source"] = outlet.strip(), how
            break

    # Publication date: given > page metadata > timestamp line > dateline > caption.
    date_candidates: list[tuple[str, str | None]] = [
        ("given", given.get("published")),
        ("html", given.get("html_date")),
        *(("timestamp", ts) for ts in cleaned.timestamps),
        ("dateline", dateline.get("date") if dateline else None),
    ]
    for caption in cleaned.captions:
        found = _FULL_DATE.search(caption) or _DAY_MONTH.search(caption)
        date_candidates.append(("caption", found.group(0) if found else None))
    first_unresolved: tuple[str, str] | None = None
    for how, text in date_candidates:
        if not text:
            continue
        parsed = parse_date(text)
        if parsed:
            meta["published"], meta["published_precision"] = parsed
            meta["published_source"], meta["published_text"] = how, text
            break
        first_unresolved = first_unresolved or (how, text)
    else:
        if first_unresolved:  # e.g. a dateline "Nov. 20": kept as evidence
            how, text = first_unresolved
            meta["published_source"], meta["published_text"] = how, text
            dated = year_from_context(text, cleaned.body) if _DAY_MONTH.fullmatch(text.strip()) else None
            if dated:
                meta["published"], meta["published_precision"] = dated[0], "day"
                meta["published_text"] = f"{text} (year from {dated[1]!r})"

    sample = " ".join(filter(None, [cleaned.title, *cleaned.body[:12]]))
    meta["language"], meta["language_score"] = detect_language(sample, min_language_confidence)
    return meta
