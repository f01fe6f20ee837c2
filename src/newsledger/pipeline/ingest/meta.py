"""Metadata finder: outlet, publication date, dateline and language, each with its origin.

Reads:   the ``Cleaned`` parts and whatever the container gave (JSON fields, HTML meta).
Returns: a dict of Document fields. Precedence follows how much each kind of evidence can be
         trusted: given metadata > an explicit timestamp line > the dateline > a caption date.
         A date without a year stays unresolved (its text is kept): a year is never invented.
"""

from __future__ import annotations

import lzma
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, Any

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
from py3langid.modelio import _to_array
from spacy.lang.en.stop_words import STOP_WORDS

from newsledger.cache import cached_file, versions
from newsledger.dates import DAY_MONTH, FULL_DATE, MONTH, parse_date, year_from_context
from newsledger.pipeline.ingest.clean import Cleaned, count_words

# "BAKU, Nov. 20 (Xinhua) -- ", "PRAGUE, Czech Republic, Oct. 6, 2022 (Meridian) - ",
# "WASHINGTON (Reuters) - ", "YEREVAN, Armenia -- "
_DATELINE = re.compile(
    rf"""^(?P<place>[A-Z][A-Z.'/-]+(?:\ [A-Z][A-Z.'/-]+){{0,3}})
    (?:,\ (?P<region>[A-Z][a-z]+(?:\ [A-Z][a-z]+){{0,2}}))?
    (?:,?\ (?P<date>{MONTH}\ \d{{1,2}}(?:,\ \d{{4}})?))?
    \ ?(?:\((?P<credit>[^()]{{2,40}})\))?
    \s*(?:--|—|–|-|:)\s+""",
    re.X,
)


# English-lexified creoles in py3langid's model: the English pipeline reads them, and English
# text with African names is often classified as one of them.
ENGLISH_LEXIFIED = {"pcm"}


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """py3langid's model, read from an uncompressed copy in the cache (``newsledger.cache``).

    Its file is LZMA-compressed: decompressing it cost every worker 0.4 s of CPU at start-up;
    the 65 MB copy loads in under 0.1 s. The arrays are handed over as py3langid's own loader
    (``modelio.load_model``) hands them; the copy is keyed by py3langid's version.
    """
    model = cached_file("langid-model", versions("py3langid"), ".npz", _decompress_langid)
    if model is None:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    with np.load(model, allow_pickle=False) as data:
        return LanguageIdentifier(data["ptc"], data["pc"], data["classes"].tolist(), _to_array(data["nextmove"]),
                                  data["out_feat"].tolist(), norm_probs=True, tk_row=_to_array(data["nextmove_row"]))


def _decompress_langid(out: IO[bytes]) -> None:
    with lzma.open(MODEL_DIR / MODEL_FILE) as src:
        shutil.copyfileobj(src, out, 1 << 20)


def detect_language(text: str, min_confidence: float) -> tuple[str, float]:
    """ISO 639-1 code and probability; 'und' when the model is unsure or text is short."""
    sample = text[:1500]  # the identifier's cost grows with the text; 1,500 characters decide as well
    if count_words(sample) < 5:
        return "und", 0.0
    lang, prob = _identifier().classify(sample)
    if lang in ENGLISH_LEXIFIED:  # measured: English news naming Nigerian or Kenyan leaders comes out "pcm"
        lang, prob = "en", prob + dict(_identifier().rank(sample)).get("en", 0.0)
    elif lang != "en" and _names_misled(sample):
        return "und", round(float(prob), 4)
    return (lang if prob >= min_confidence else "und"), round(float(prob), 4)


def _names_misled(sample: str) -> bool:
    """Whether a non-English verdict rests on names alone: the words that are not capitalised
    read as English ("Kenyan President Ruto held talks with ... Museveni in Kampala" came out
    Luganda), by the identifier or by being mostly English function words. Names belong to no
    language, and a short English item full of them is otherwise left unanalysed."""
    plain = [w for w in sample.split() if not w[:1].isupper()]
    if not plain or len(plain) > 40:  # a long text's own words decided already
        return False
    function_words = sum(w.strip(".,;:!?\"'()").lower() in STOP_WORDS for w in plain)
    return function_words * 2 >= len(plain) or _identifier().classify(" ".join(plain))[0] == "en"


@dataclass(frozen=True, slots=True)
class Dateline:
    """The dateline opening an article's body: where it is in the text and the place it names
    ("COLOMBO - ..."), so that its date is not taken for an event's and "here" means its place."""

    start: int
    end: int
    place: str


def _dateline(paragraph: str) -> re.Match[str] | None:
    match = _DATELINE.match(paragraph)
    return match if match and len(match.group("place")) >= 3 else None


def _place_name(place: str) -> str:
    return place.title() if place.isupper() else place  # "BAKU" -> "Baku"


def dateline_at(text: str, start: int) -> Dateline | None:
    """The dateline of the paragraph starting at ``start``, if it opens with one."""
    match = _dateline(text[start : start + 200])
    return Dateline(start, start + match.end(), _place_name(match.group("place"))) if match else None


def find_dateline(body: list[str]) -> dict[str, str] | None:
    match = _dateline(body[0]) if body else None
    return {k: v for k, v in match.groupdict().items() if v} if match else None


def find_metadata(cleaned: Cleaned, given: dict[str, str], min_language_confidence: float) -> dict[str, Any]:
    """Outlet, publication date, dateline and language for one cleaned article."""
    meta: dict[str, Any] = {}
    dateline = find_dateline(cleaned.body)
    if dateline:
        meta["dateline"] = _place_name(dateline["place"])

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
        found = FULL_DATE.search(caption) or DAY_MONTH.search(caption)
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
            dated = year_from_context(text, cleaned.body) if DAY_MONTH.fullmatch(text.strip()) else None
            if dated:
                meta["published"], meta["published_precision"] = dated[0], "day"
                meta["published_text"] = f"{text} (year from {dated[1]!r})"

    sample = " ".join(filter(None, [cleaned.title, *cleaned.body[:12]]))
    meta["language"], meta["language_score"] = detect_language(sample, min_language_confidence)
    return meta
