"""Clean scraped article text into title, subtitle, body paragraphs and captions.

Reads:   decoded text (a .txt file, or the main text trafilatura found in a page) plus
         an optional known title and captions.
Returns: ``Cleaned``: the parts, what was removed and why, and the credits and
         timestamps seen on the way (the metadata finder reads them).
Steps:   normalise characters and whitespace; split paragraphs (re-joining hard-wrapped
         lines); drop site furniture, tracking digits and sign-offs; drop repeats that are
         furniture (the title again, short boilerplate, a block of paragraphs captured twice)
         but keep a sentence the article itself repeats; set photo captions apart. Rules are
         written by hand because no library covers scraped *plain* text; trafilatura does
         this for HTML, and its output goes through the same pass.
Scripts written without spaces (Chinese, Japanese, Thai...) count a word per character, as
word processors count them, so their lines are not taken for one-word furniture.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from newsledger.models import Section

_CHAR_MAP = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\t": " ",
        "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None, "\u00ad": None,
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r" {2,}")

# Whole paragraphs that are page furniture, never article text.
_FURNITURE = re.compile(
    r"""^(?:
        back\ to\ top(?:\ close)? | close | skip\ to\ (?:main\ )?content | print | email | tweet
      | share(?:\ (?:this|the))?(?:\ (?:article|story|page|on\ \w+))? | share\ on\ \w+(?:\ and\ \w+)?
      | follow\ us\ on\ .{1,60} | subscribe(?:\ to\ .{1,60})? | sign\ up\ (?:for|to)\ .{1,60}
      | advertisement | advert | sponsored(?:\ content)? | read\ more.{0,80} | see\ also:?.{0,80}
      | related(?:\ (?:stories|articles|news|content|coverage))?:?.{0,120}
      | click\ here.{0,80} | comments?\ \(\d+\) | \d+\ comments? | (?:leave\ a\ )?comment
      | editor:\ .{1,40} | ©.{0,120} | copyright\ .{0,120} | all\ rights\ reserved\.?
      | (?:we\ use|this\ site\ uses)\ cookies.{0,200} | accept(?:\ all)?\ cookies
      | photo\ gallery | video | listen\ to\ this\ article | \d+\ min(?:ute)?\ read
    )$""",
    re.I | re.X,
)
_TRACKING = re.compile(r"^\d{12,}$")
_GLUED_TRACKING = re.compile(r"(?<=[.!?\"')])\d{12,}$")
# "Source: Xinhua | 2019-03-08 16:02:11 | Editor: liu" and "Source: Xinhua 2019-03-08 16:02:11"
_SOURCE_LINE = re.compile(
    r"^source:\s*(?P<outlet>[A-Za-z][\w .&/'-]{1,40}?)\s*\|?\s*"
    r"(?P<ts>\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?)?\s*(?:\|.*)?$",
    re.I,
)
_PUBLISHED_LINE = re.compile(
    r"^(?:published|posted|updated|first published)(?: on| at)?:?\s+(?P<ts>.{6,60})$", re.I
)
# Reporting credits at the end of wire copy; the outlet is the possessive, when given.
_CREDIT_LINE = re.compile(
    r"^\(?(?:with\ reporting\ by|reporting\ by|compiled\ by|writing\ by|additional\ reporting\ by|"
    r"editing\ by)\b(?P<rest>.{0,200})$",
    re.I | re.X,
)
_CREDIT_OUTLET = re.compile(r"\b(?P<outlet>[A-Z][\w/&.-]*(?: [A-Z][\w/&.-]*){0,3})'s\b")
_DOMAIN = re.compile(
    r"^(?P<name>[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*\.(?:com|net|org|az|am|ru|ge|ua|uk|info|news|tv|co))$"
)
_GLUED_DOMAIN = re.compile(
    r"(?<=[.!?\"'])(?P<name>[A-Z][\w-]*(?:\.[A-Za-z][\w-]*)*\.(?:com|net|org|az|am|ru|ge|ua|uk|info|news|tv))$"
)
# Captions: a photographer / agency credit at the end, position markers, or a label.
_PHOTO_CREDIT = re.compile(
    r"\((?P<credit>[^()]{0,60}?(?:\b(?:photo|getty|reuters|afp|ap|pool|file|handout|via)\b|/)[^()]{0,60})\)\s*\.?$",
    re.I,
)
_POSITION = re.compile(r"\((?:L|R|C|C[LR]|left|right|centre|center|front|back|top|bottom|\d(?:st|nd|rd|th) [LR])\)")
_CAPTION_LABEL = re.compile(r"^(?:photo|caption|image|file photo|picture)\s*[:|-]", re.I)
# Sentence ends, with the full stops of Chinese and Japanese (no space follows those).
_STOPS = ".!?\u3002\uff01\uff1f\uff61"
_CLOSERS = "\"')\\]\u300d\u300f\uff09\u3011\u300b"
_SENTENCE_END = re.compile(rf"[{_STOPS}][{_CLOSERS}]*$|[.!?][{_CLOSERS}]*\s|[\u3002\uff01\uff1f\uff61]")
_FINAL_STOP = re.compile(rf"[{_STOPS}][{_CLOSERS}]*$")
# Scripts written without spaces between words: Han, kana, Thai, Lao, Myanmar, Khmer.
_UNSPACED = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f" \
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\U00020000-\U0002fa1f"
# A word: one character of those scripts, or a run of other non-space characters with a letter
# or digit in it (a lone dash or 。 is no word).
_WORD = re.compile(rf"[{_UNSPACED}]|[^\s{_UNSPACED}]*[^\W{_UNSPACED}][^\s{_UNSPACED}]*")
# A site or outlet name in those scripts is a few characters ("新华网", "共同通信").
_SHORT_NAME = re.compile(rf"[{_UNSPACED}]{{1,4}}")
# A repeated line this short without a final stop is boilerplate ("Scroll to continue").
_BOILERPLATE_WORDS = 8


@dataclass(slots=True)
class Cleaned:
    """Result of cleaning; ``compose`` turns it into text plus section spans."""

    title: str | None = None
    subtitle: str | None = None
    body: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    removed: Counter[str] = field(default_factory=Counter)
    credits: list[tuple[str, str]] = field(default_factory=list)  # (kind, outlet)
    timestamps: list[str] = field(default_factory=list)

    def compose(self) -> tuple[str, list[Section]]:
        """Lay the parts out as one text: title, subtitle, body, then captions."""
        parts: list[tuple[str, str]] = []
        if self.title:
            parts.append(("title", self.title))
        if self.subtitle:
            parts.append(("subtitle", self.subtitle))
        parts += [("body", p) for p in self.body]
        parts += [("caption", c) for c in self.captions]
        sections: list[Section] = []
        pieces: list[str] = []
        offset = 0
        for kind, piece in parts:
            if pieces:
                offset += 2  # the "\n\n" joining paragraphs
            sections.append(Section(kind, offset, offset + len(piece)))
            pieces.append(piece)
            offset += len(piece)
        return "\n\n".join(pieces), sections


def normalise(text: str) -> str:
    """Unicode NFC, straight quotes, plain spaces, no control characters."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text.translate(_CHAR_MAP))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are lines, unless the text is hard-wrapped: then blank lines separate them."""
    lines = text.split("\n")
    filled = [ln for ln in lines if ln]
    if not filled:
        return []
    # Hard-wrapped text: most lines break mid-sentence and continue in lower case.
    continued = sum(
        1
        for a, b in zip(lines, lines[1:], strict=False)
        if a and b and not _SENTENCE_END.search(a) and b[:1].islower()
    )
    if "" in lines and continued >= max(2, len(filled) // 4):
        blocks = re.split(r"\n\s*\n", text)
        return [" ".join(b.split("\n")).strip() for b in blocks if b.strip()]
    return filled


def count_words(text: str) -> int:
    """Words separated by spaces, plus one per character of a script written without spaces."""
    return len(_WORD.findall(text))


def _key(paragraph: str) -> str:
    return re.sub(r"\W+", " ", paragraph.lower()).strip()


def _repeated_blocks(keys: list[str]) -> set[int]:
    """Indices of paragraphs in a run of two or more repeating an earlier run in order.

    That is a body (or part of one) captured twice by a scraper; a single repeated sentence
    may be the article's own (a refrain, "Thank you."), so it is not a block.
    """
    first: dict[str, int] = {}
    block: set[int] = set()
    for i, key in enumerate(keys):
        if key and key in first and i not in block:
            j, n = first[key], 0
            while i + n < len(keys) and j + n < i and keys[i + n] and keys[i + n] == keys[j + n]:
                n += 1
            if n >= 2:
                block.update(range(i, i + n))
        first.setdefault(key, i)
    return block


def is_caption(paragraph: str) -> bool:
    if len(paragraph) > 600:
        return False
    return bool(
        _PHOTO_CREDIT.search(paragraph) or _POSITION.search(paragraph) or _CAPTION_LABEL.match(paragraph)
    )


def _photo_credit_outlet(caption: str) -> str | None:
    """'(Xinhua/Tofik Babayev)' -> 'Xinhua'; '(AFP Photo)' -> 'AFP'; '(Photo: X)' -> None."""
    match = _PHOTO_CREDIT.search(caption)
    if not match:
        return None
    credit = match.group("credit").strip()
    head = re.split(r"/| Photo\b| photo\b|,", credit)[0].strip()
    if not head or head.lower() in {"photo", "file", "pool", "handout", "file photo"}:
        return None
    return head


def _is_one_word(paragraph: str) -> bool:
    """A line of one word, which is never article text (a sign-off or a site name)."""
    return len(paragraph) <= 40 and (count_words(paragraph) <= 1 or bool(_SHORT_NAME.fullmatch(paragraph)))


def _is_boilerplate(paragraph: str) -> bool:
    return count_words(paragraph) <= _BOILERPLATE_WORDS and not _FINAL_STOP.search(paragraph)


def _looks_like_title(paragraph: str) -> bool:
    # Only the final character matters: headlines hold abbreviations such as "U.N.".
    return len(paragraph) <= 200 and not _FINAL_STOP.search(paragraph)


def clean_text(raw: str, title: str | None = None, captions: list[str] | None = None) -> Cleaned:
    """Clean one article. ``title`` and ``captions`` come from markup when known."""
    out = Cleaned(title=normalise(title).replace("\n", " ") if title else None)
    known_captions = {_key(c) for c in (normalise(c) for c in captions or []) if c}
    out.captions = [normalise(c).replace("\n", " ") for c in captions or [] if c.strip()]
    # Lines whose repeat is always furniture: the title, subtitle and markup captions.
    furniture: set[str] = {_key(out.title)} if out.title else set()
    furniture |= known_captions
    seen = set(furniture)
    paragraphs = split_paragraphs(normalise(raw))
    blocks = _repeated_blocks([_key(p) for p in paragraphs])
    last = len(paragraphs) - 1
    for i, para in enumerate(paragraphs):
        para, glued_digits = _GLUED_TRACKING.subn("", para)
        out.removed["tracking_digits"] += glued_digits
        if glued := _GLUED_DOMAIN.search(para):
            out.credits.append(("signoff", glued.group("name")))
            out.removed["signoff"] += 1
            para = para[: glued.start()].rstrip()
        key = _key(para)
        if not key or _TRACKING.match(para.replace(" ", "")):
            out.removed["tracking_digits" if key else "empty"] += 1
            continue
        if key in seen and (key in furniture or i in blocks or _is_boilerplate(para)):
            out.removed["repeated"] += 1
            continue
        if source := _SOURCE_LINE.match(para):
            out.credits.append(("source_line", source.group("outlet").strip()))
            if source.group("ts"):
                out.timestamps.append(source.group("ts"))
            out.removed["source_line"] += 1
            continue
        if published := _PUBLISHED_LINE.match(para):
            out.timestamps.append(published.group("ts"))
            out.removed["timestamp_line"] += 1
            continue
        if _FURNITURE.match(para):
            out.removed["furniture"] += 1
            continue
        if credit := _CREDIT_LINE.match(para):
            if outlet := _CREDIT_OUTLET.search(credit.group("rest")):
                out.credits.append(("credit", outlet.group("outlet")))
            out.removed["credit_line"] += 1
            continue
        if _is_one_word(para):
            # One-word lines are never article text: a sign-off or a site name.
            if i == last or _DOMAIN.match(para):
                out.credits.append(("signoff", para.rstrip(".")))
                out.removed["signoff"] += 1
            else:
                out.removed["furniture"] += 1
            continue
        seen.add(key)
        if is_caption(para):
            out.captions.append(para)
            continue
        if out.title is None and not out.body and _looks_like_title(para):
            out.title = para
            furniture.add(key)
        elif out.subtitle is None and not out.body and out.title and _looks_like_title(para):
            out.subtitle = para
            furniture.add(key)
        else:
            out.body.append(para)
    if not out.body:
        # A headline-only feed entry or a one-line brief: its line is what it says, not the
        # title of a missing body, whether or not the feed gave a title too.
        if title is None:
            out.body = [p for p in (out.title, out.subtitle) if p]
            out.title = out.subtitle = None
        elif out.subtitle:
            out.body, out.subtitle = [out.subtitle], None
        elif out.title:  # the text was only the given title again
            out.body, out.title = [out.title], None
    for caption in out.captions:
        if credited := _photo_credit_outlet(caption):
            out.credits.append(("photo_credit", credited))
    return out
