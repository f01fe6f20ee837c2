"""Which days matter in a set of articles: how the articles refer to each day.

A journalist's timeline holds the turning points that coverage keeps coming back to, not
just the busiest news days. Each candidate day gets counts from the articles, the kinds
news-tls's DATEWISE (Ghalandari and Ifrim 2020) learns its date ranking from:

- ``mentioned``: articles whose text names the day ("on 11 June", "on Tuesday");
- ``recalled``: of the articles naming it, those published two days or more after it: a day
  still cited later is a turning point, where the next morning's report is only news;
- ``ahead``: articles naming it before it came (a scheduled vote, a deadline);
- ``published``: articles published that day (a burst of coverage);
- ``outlets``: distinct outlets naming it;
- ``events``: how widely the merged events coded on that day were reported.

Each count is divided by its largest value among the days, so a weight means the same for a
story of ten articles and of ten thousand; a day's score is the weighted sum, a linear model
whose weights ship as data (``data/date_ranking.toml``: fitted on the tune half of Timeline17
by ``bench/eval_timeline.py --fit``, which writes how). ``outlets`` and ``events`` are set by
judgement: Timeline17 has one outlet a collection and the eval runs no event coder. Two more
of DATEWISE's counts, sentences naming the day and articles published in the two days after
it, ranked worse there (docs/architecture.md). Days after the last article was published
(scheduled, or a scraped page's own date) are not candidates.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

FEATURES = ("mentioned", "recalled", "ahead", "published", "outlets", "events")
WEIGHTS_FILE = "data/date_ranking.toml"


@cache
def shipped_weights() -> dict[str, float]:
    """The ranking weights shipped with the package (``data/date_ranking.toml``), checked when loaded."""
    text = resources.files("newsledger").joinpath(WEIGHTS_FILE).read_text("utf-8")
    return checked_weights(tomllib.loads(text).get("weights", {}))


def checked_weights(weights: Mapping[str, object]) -> dict[str, float]:
    """Weights by feature; a misspelt feature or a weight that is not a number is an error, not a zero."""
    numbers = {k: float(v) for k, v in weights.items() if isinstance(v, int | float) and not isinstance(v, bool)}
    unknown = sorted(set(weights) - set(FEATURES))
    bad = sorted(set(weights) - set(numbers))
    if unknown or bad or not weights:
        raise ValueError(f"{WEIGHTS_FILE}: [weights] needs numbers for {', '.join(FEATURES)}"
                         + (f"; unknown: {', '.join(unknown)}" if unknown else "")
                         + (f"; not a number: {', '.join(bad)}" if bad else ""))
    return {k: numbers.get(k, 0.0) for k in FEATURES}


MAX_DAYS = 200  # the longest timeline shown without a limit


@dataclass(frozen=True, slots=True)
class Article:
    doc_id: str
    published: str | None  # ISO day when known to the day
    outlet: str | None


@dataclass(frozen=True, slots=True)
class DayMention:
    """A sentence of an article naming a day."""

    doc_id: str
    sentence_idx: int
    day: str


@dataclass(frozen=True, slots=True)
class ScoredDay:
    day: str
    score: float
    features: dict[str, float]  # raw counts, before scaling


def day_features(articles: Iterable[Article], mentions: Iterable[DayMention],
                 event_weight: Mapping[str, float]) -> dict[str, dict[str, float]]:
    """Raw feature counts for every day that is mentioned, published on, or holds a coded event.

    ``articles`` (not scored) counts the distinct articles naming the day or published on it.
    """
    by_id = {a.doc_id: a for a in articles}
    feats: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys((*FEATURES, "articles"), 0.0))
    outlets: dict[str, set[str]] = defaultdict(set)
    referring: dict[str, set[str]] = defaultdict(set)  # articles naming the day or published on it
    for a in by_id.values():
        if a.published:
            feats[a.published]["published"] += 1
            referring[a.published].add(a.doc_id)
    for doc_id, day in {(m.doc_id, m.day) for m in mentions}:
        named_by = by_id.get(doc_id)
        if named_by is None:
            continue
        f = feats[day]
        f["mentioned"] += 1
        outlets[day].add(named_by.outlet or doc_id)
        referring[day].add(doc_id)
        if named_by.published:
            lag = (date.fromisoformat(named_by.published) - date.fromisoformat(day)).days
            f["recalled"] += lag >= 2
            f["ahead"] += lag < 0
    for day, n in outlets.items():
        feats[day]["outlets"] = len(n)
    for day, docs in referring.items():
        feats[day]["articles"] = len(docs)
    for day, w in event_weight.items():
        feats[day]["events"] += w
    return dict(feats)


def scaled_features(articles: Iterable[Article], mentions: Iterable[DayMention],
                    event_weight: Mapping[str, float]) -> dict[str, tuple[dict[str, float], dict[str, float]]]:
    """Each candidate day's (raw counts, counts divided by their largest value among the days)."""
    articles = list(articles)
    feats = day_features(articles, mentions, event_weight)
    last = max((a.published for a in articles if a.published), default=None)
    if last:
        feats = {d: f for d, f in feats.items() if d[:10] <= last}
    top = {k: max((f[k] for f in feats.values()), default=0.0) or 1.0 for k in FEATURES}
    return {d: (f, {k: f[k] / top[k] for k in FEATURES}) for d, f in feats.items()}


def rank_days(articles: Iterable[Article], mentions: Iterable[DayMention], event_weight: Mapping[str, float],
              weights: Mapping[str, float] | None = None) -> list[ScoredDay]:
    """Every candidate day, the highest score first (ties: the earlier day); shipped weights unless given."""
    weights = shipped_weights() if weights is None else weights
    scored = [ScoredDay(day, sum(weights.get(k, 0.0) * x[k] for k in FEATURES), raw)
              for day, (raw, x) in scaled_features(articles, mentions, event_weight).items()]
    return sorted(scored, key=lambda s: (-s.score, s.day))


def fitting_length(ranked: list[ScoredDay], n_articles: int) -> int:
    """How many days a timeline of these articles should show when the user sets no limit.

    The days that more than one article refers to (by naming them or being published on
    them), up to ten, or one for every ten articles when that is more (the ratio of the tune
    half of Timeline17: 20-38 days for 270-400 articles), and never more than MAX_DAYS, past
    which a list is no longer read as a timeline. A small story shows at least each day an
    article was published, up to ten, and at least three days when it names them.
    """
    referred = sum(1 for s in ranked if s.features["articles"] >= 2)
    news_days = sum(1 for s in ranked if s.features["published"] >= 1)
    return max(min(len(ranked), max(3, min(10, news_days))),
               min(referred, max(10, n_articles // 10), MAX_DAYS))
