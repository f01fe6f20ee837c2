"""The claims stage: numeric assertions, with what they count and who asserts them.

Reads:   a parsed ``Doc``, the document's quotes and outlet.
Returns: ``Claim`` rows: the number as written and its value, qualifier ("more than",
         "some"), unit, what is counted ("Azerbaijani personnel", "people"), the verb that
         frames it ("killed"), who asserts it (the speaker of the quote it sits in, else the
         outlet itself), and a date phrase in the same sentence.
Number words ("Ninety-four", "one million") are read by a small parser written here: spaCy
marks them as numbers but does not give their value, and no installed library does.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsledger.models import Claim, Quote
from newsledger.pipeline.sentences import sentences

NUMERIC = ("CARDINAL", "QUANTITY", "PERCENT", "MONEY")
UNITS = {
    "percent": "percent", "per cent": "percent", "%": "percent", "kilometer": "km", "kilometre": "km",
    "km": "km", "mile": "mile", "meter": "m", "metre": "m", "tonne": "tonne", "ton": "tonne",
    "dollar": "USD", "$": "USD", "euro": "EUR", "€": "EUR", "pound": "GBP", "£": "GBP", "ruble": "RUB",
    "rouble": "RUB", "manat": "AZN", "dram": "AMD", "hryvnia": "UAH", "barrel": "barrel", "hectare": "ha",
}
QUALIFIERS = ("more than", "less than", "fewer than", "at least", "at most", "up to", "nearly", "almost",
              "about", "around", "some", "over", "roughly", "approximately", "an estimated", "as many as",
              "under", "close to")
_SMALL = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"))}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(
    ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "dozen": 12}


def parse_number(text: str) -> float | None:
    """'30,000' -> 30000; 'Ninety-four' -> 94; 'one million' -> 1e6; '1.5 billion' -> 1.5e9."""
    words = re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", text.lower().replace("-", " "))
    total, current, seen = 0.0, 0.0, False
    for w in words:
        if w[0].isdigit():
            current += float(w.replace(",", ""))
        elif w in _SMALL:
            current += _SMALL[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in _SCALES:
            scale = _SCALES[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        elif w in ("and", "a"):
            continue
        else:
            continue  # units and qualifiers around the number
        seen = True
    return total + current if seen else None


# Counts that organise the story rather than assert a fact: "the two sides", "both countries".
DISCOURSE_NOUNS = {"side", "country", "leader", "party", "minister", "president", "nation", "neighbour",
                   "neighbor", "way", "time", "question", "point", "thing"}
TOTAL_NOUNS = {"number", "total", "toll", "figure", "count", "tally"}


def _of_phrase(noun: Token) -> Token | None:
    """'the number of Azerbaijani troops' -> troops."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((o for o in prep.children if o.dep_ == "pobj"), None)
    return None


def _phrase(head: Token, after: int) -> str:
    mods = [t for t in head.lefts if t.dep_ in ("amod", "compound") and t.i > after]
    return head.doc[min([t.i for t in mods] + [head.i]) : head.i + 1].text


def _counted(ent: Span) -> tuple[str | None, Token | None]:
    """The noun a number counts, with its modifiers: 'Ninety-four Azerbaijani personnel'."""
    root = ent.root
    head = root.head if root.dep_ in ("nummod", "quantmod", "amod", "compound") else None
    if head is None:
        # "now their number amounts to 90": the count of what "the number of X" names.
        verb = root.head.head if root.dep_ == "pobj" else root.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lemma_ in TOTAL_NOUNS:
            counted = _of_phrase(subject) or next((x for t in sentences(ent.doc).of(ent) if t.lemma_ in TOTAL_NOUNS
                                                   and (x := _of_phrase(t)) is not None), None)
            if counted is not None:
                return _phrase(counted, -1), counted
    if head is None and root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        head = root.head.head  # "a number of 90" is rare; "20 percent of Azerbaijan" is common
    if head is None or head.pos_ not in ("NOUN", "PROPN"):
        return None, None
    return _phrase(head, ent.end - 1), head


class DocumentClaims:
    def __init__(self, sdoc: Doc, doc_id: str, quotes: list[Quote], outlet: str | None) -> None:
        self.sdoc, self.doc_id, self.quotes, self.outlet = sdoc, doc_id, quotes, outlet
        self.sents = sentences(sdoc)
        self.text = sentences(sdoc).text

    def _quote_at(self, start: int, end: int) -> Quote | None:
        inside = [q for q in self.quotes if q.start <= start and end <= q.end]
        return min(inside, key=lambda q: q.end - q.start) if inside else None

    def run(self) -> list[Claim]:
        claims: list[Claim] = []
        for ent in self.sdoc.ents:
            if ent.label_ not in NUMERIC:
                continue
            value = parse_number(ent.text)
            if value is None:
                continue
            counted, head = _counted(ent)
            lowered = ent.text.lower()
            unit = next((u for k, u in UNITS.items() if re.search(rf"(?<![a-z]){re.escape(k)}", lowered)), None)
            if ent.label_ == "CARDINAL" and (counted is None or (head is not None and value < 10
                                                                  and head.lemma_.lower() in DISCOURSE_NOUNS)):
                continue  # a bare number ("one of the things") or a discourse count ("the two sides")
            before = self.text[max(0, ent.start_char - 20) : ent.start_char].lower()
            qualifier = next((q for q in QUALIFIERS if lowered.startswith(q) or before.rstrip().endswith(q)), None)
            verb = head.head if head is not None and head.head.pos_ == "VERB" else ent.root.head
            date = next((e.text for e in self.sents.ents(ent) if e.label_ == "DATE"), None)
            quote = self._quote_at(ent.start_char, ent.end_char)
            claims.append(Claim(
                doc_id=self.doc_id, idx=len(claims), start=ent.start_char, end=ent.end_char, text=ent.text,
                value=value, qualifier=qualifier, unit=unit or (head.lemma_.lower() if head is not None else None),
                counted=counted, verb=verb.lemma_ if verb.pos_ == "VERB" else None,
                asserter=(quote.actor_name or quote.speaker) if quote else self.outlet,
                asserter_actor_id=quote.actor_id if quote else None,
                asserter_kind="speaker" if quote else "outlet", quote_idx=quote.idx if quote else None,
                sentence_idx=self.sents.index(ent), date_text=date,
            ))
        return claims


def find_claims(sdoc: Doc, doc_id: str, quotes: list[Quote], outlet: str | None) -> list[Claim]:
    """All numeric claims of one parsed document, in text order."""
    return DocumentClaims(sdoc, doc_id, quotes, outlet).run()
