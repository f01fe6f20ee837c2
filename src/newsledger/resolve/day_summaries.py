"""What happened on each day of a timeline: one to three sentences from the articles.

A day's candidates are the sentences that name it and the opening sentences of the articles
published on it or the day after that name no day of their own (a report's lead is about
its news day; news-tls's DATEWISE collects the same two kinds). Each candidate is scored by
its TF-IDF cosine with the centroid of the day's candidates, so a sentence many reports
paraphrase wins over a stray one; sentences too close to one already shown, on this day or
on a better-ranked one, are skipped, so two days never tell the same thing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from newsledger.resolve.date_ranking import Article, DayMention

LEAD = 5  # opening sentences of an article that stand for its news day
WINDOW = 2  # an article's lead speaks for the day it was published and the day before
REDUNDANT = 0.3  # cosine above which a sentence repeats one already chosen (tuned on Timeline17 tune: AR-1)
MIN_WORDS, MAX_WORDS = 6, 60  # shorter is a caption or a fragment; longer, a run-on scrape


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    idx: int
    start: int  # character span in the document's cleaned text
    end: int
    text: str


def candidate_keys(days: Iterable[str], articles: Iterable[Article],
                   mentions: Iterable[DayMention]) -> dict[str, list[tuple[str, int]]]:
    """(doc_id, sentence index) of each day's candidate sentences; indices may exceed an article's length."""
    wanted = set(days)
    keys: dict[str, list[tuple[str, int]]] = defaultdict(list)
    dated: set[tuple[str, int]] = set()
    for m in mentions:
        dated.add((m.doc_id, m.sentence_idx))
        if m.day in wanted:
            keys[m.day].append((m.doc_id, m.sentence_idx))
    for a in articles:
        if not a.published:
            continue
        pub = date.fromisoformat(a.published)
        for back in range(WINDOW):
            day = (pub - timedelta(days=back)).isoformat()
            if day in wanted:
                keys[day] += [(a.doc_id, i) for i in range(LEAD) if (a.doc_id, i) not in dated]
    return {day: list(dict.fromkeys(k)) for day, k in keys.items()}


def _usable(s: Sentence) -> bool:
    return MIN_WORDS <= len(s.text.split()) <= MAX_WORDS


def summarise_days(days: Sequence[str], candidates: Mapping[str, list[Sentence]],
                   per_day: Mapping[str, int]) -> dict[str, list[Sentence]]:
    """Up to ``per_day[day]`` central, non-redundant sentences for each day, best-ranked day first."""
    pools = {d: [s for s in candidates.get(d, []) if _usable(s)] for d in days}
    texts = list(dict.fromkeys(s.text for pool in pools.values() for s in pool))
    if not texts:
        return {d: [] for d in days}
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # nothing but stop words
        return {d: [] for d in days}
    row = {t: i for i, t in enumerate(texts)}
    chosen: list[int] = []
    out: dict[str, list[Sentence]] = {}
    for d in days:
        pool = pools[d]
        if not pool:
            out[d] = []
            continue
        rows = matrix[[row[s.text] for s in pool]]
        centroid = np.asarray(rows.mean(axis=0)).ravel()
        norm = float(np.linalg.norm(centroid)) or 1.0
        central = np.asarray(rows @ centroid).ravel() / norm  # rows are L2-normalised
        # Each candidate's highest cosine with a sentence already shown, updated as sentences are picked.
        seen = ((rows @ matrix[chosen].T).toarray().max(axis=1) if chosen else np.zeros(len(pool)))
        picked: list[Sentence] = []
        for i in np.argsort(-central, kind="stable"):
            if seen[i] > REDUNDANT:
                continue
            s = pool[int(i)]
            picked.append(s)
            chosen.append(row[s.text])
            if len(picked) >= per_day.get(d, 1):
                break
            seen = np.maximum(seen, (rows @ rows[int(i)].T).toarray().ravel())
        out[d] = picked
    return out


def first_told(days: Sequence[str], told: Mapping[str, list[Sentence]], n: int,
               also: Collection[str] = ()) -> list[str]:
    """The first ``n`` days, in rank order, with something to tell: a sentence, or a coded event (``also``).

    A day no usable sentence speaks for is skipped for the next one, as news-tls does.
    """
    return [d for d in days if told.get(d) or d in also][:n]


def over_ask(n: int) -> int:
    """How many ranked days to summarise to end with ``n`` told ones (some have no usable sentence)."""
    return 2 * n + 10
