"""Quote attribution on PolNeAR (dev split), against textacy's direct_quotations in the same run.

Usage:  .venv/bin/python bench/eval_quotes.py [--gold ../shared/gold/polnear_train_dev.jsonl] [--limit N]

Metrics (stated because definitions matter):
  - content token-overlap F1: words are matched by position in the article (our spans index
    the cleaned text, so its words are aligned to the raw text's with difflib). Two ways:
    "best": precision is the share of predicted content words inside the best-overlapping
    gold content, recall the share of gold content words inside the best-overlapping single
    prediction (strict: a quote split in two around "said X" loses one half);
    "union": per article, the words of all predicted contents against the words of all gold
    contents.
  - "direct": gold attributions whose content holds a quote mark; predictions that are direct
    or partial quotes, or reported speech that holds a mark. "all": every attribution and
    every prediction.
  - speaker accuracy: of gold attributions a prediction overlaps, the share whose predicted
    speaker overlaps the gold source span, or (when the prediction names a resolved actor)
    whose actor name holds the gold source's last word.
Skips cleanly when the gold file is absent; the textacy baseline needs `pip install -e .[bench]`.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsledger.config import load_config
from newsledger.models import Document, RawInput
from newsledger.pipeline.annotate import annotate_batch, load_model

WORD = re.compile(r"\w+")
MARKS = re.compile(r"[\"“”«»]")
DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "polnear_train_dev.jsonl"


def words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text)]


def word_ids(spans: Iterable[tuple[int, int]], index: list[tuple[int, int, str]]) -> frozenset[int]:
    return frozenset(i for i, (s, e, _) in enumerate(index) for a, b in spans if s >= a and e <= b)


@dataclass
class Tally:
    pred_words: int = 0
    pred_hit: int = 0
    gold_words: int = 0
    gold_hit: int = 0
    union_pred: int = 0
    union_gold: int = 0
    union_hit: int = 0
    speakers: int = 0
    speakers_ok: int = 0
    raised: int = 0
    docs: int = 0
    seconds: float = 0.0
    extra: dict[str, int] = field(default_factory=dict)

    def add(self, preds: list[tuple[frozenset[int], frozenset[int], str | None]],
            golds: list[tuple[frozenset[int], frozenset[int], str]]) -> None:
        all_pred = frozenset().union(*(p[0] for p in preds)) if preds else frozenset()
        all_gold = frozenset().union(*(g[0] for g in golds)) if golds else frozenset()
        self.union_pred += len(all_pred)
        self.union_gold += len(all_gold)
        self.union_hit += len(all_pred & all_gold)
        for content, _, _ in preds:
            self.pred_words += len(content)
            self.pred_hit += max((len(content & g) for g, _, _ in golds), default=0)
        for content, source, source_text in golds:
            self.gold_words += len(content)
            best = max(preds, key=lambda p: len(p[0] & content), default=None)
            if best is None or not best[0] & content:
                continue
            self.gold_hit += len(best[0] & content)
            if source:
                self.speakers += 1
                last = (WORD.findall(source_text.lower()) or [""])[-1]
                named = best[2] is not None and last and last in best[2].lower()
                self.speakers_ok += bool(best[1] & source) or bool(named)

    def row(self) -> dict[str, float]:
        def f1(p: float, r: float) -> float:
            return round(2 * p * r / max(1e-9, p + r), 3)

        p = self.pred_hit / max(1, self.pred_words)
        r = self.gold_hit / max(1, self.gold_words)
        up = self.union_hit / max(1, self.union_pred)
        ur = self.union_hit / max(1, self.union_gold)
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": f1(p, r), "union_f1": f1(up, ur),
                "speaker_acc": round(self.speakers_ok / max(1, self.speakers), 3)}


def align(clean: str, raw: str) -> tuple[list[tuple[int, int, str]], dict[int, int]]:
    """Map word indices of the cleaned text to word indices of the raw text."""
    cw, rw = words(clean), words(raw)
    mapping: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, [w for *_, w in cw], [w for *_, w in rw], autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapping[block.a + k] = block.b + k
    return cw, mapping


def ours(articles: list[dict[str, Any]]) -> tuple[dict[str, list[Any]], float]:
    cfg = load_config()
    docs = []
    for art in articles:
        # The article text as it stands; PolNeAR texts carry no furniture to clean.
        raw = RawInput(source=art["id"], fmt="txt", content=art["text"], given={"title": art.get("title") or ""})
        from newsledger.pipeline.ingest.prepare import prepare

        doc = prepare(raw, cfg.ingest)
        docs.append(doc if isinstance(doc, Document) else None)
    start = time.perf_counter()
    annotated = annotate_batch([d for d in docs if d is not None], cfg.annotate)
    seconds = time.perf_counter() - start
    by_id = {a.document.source: a for a in annotated}
    out: dict[str, list[Any]] = {}
    for art in articles:
        a = by_id.get(art["id"])
        if a is None:
            out[art["id"]] = []
            continue
        cw, mapping = align(a.document.text, art["text"])
        rows = []
        for q in a.quotes:
            content = frozenset(mapping[i] for i, (s, e, _) in enumerate(cw) if s >= q.start and e <= q.end
                                and i in mapping)
            speaker = frozenset(mapping[i] for i, (s, e, _) in enumerate(cw)
                                if q.speaker_start is not None and q.speaker_end is not None
                                and s >= q.speaker_start and e <= q.speaker_end and i in mapping)
            direct = q.kind in ("direct", "partial") or bool(MARKS.search(q.text))
            rows.append((content, speaker, q.actor_name or q.speaker, direct))
        out[art["id"]] = rows
    return out, seconds


def textacy_baseline(articles: list[dict[str, Any]], tally: Tally) -> dict[str, list[Any]] | None:
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        print("textacy baseline skipped: pip install -e .[bench]", file=sys.stderr)
        return None
    nlp = load_model(load_config().annotate.model)
    out: dict[str, list[Any]] = {}
    start = time.perf_counter()
    for art, sdoc in zip(articles, nlp.pipe(a["text"] for a in articles), strict=True):
        index = words(art["text"])
        rows = []
        try:
            for triple in direct_quotations(sdoc):
                content = word_ids([(triple.content.start_char, triple.content.end_char)], index)
                speaker = word_ids([(t.idx, t.idx + len(t.text)) for t in triple.speaker], index)
                rows.append((content, speaker, " ".join(t.text for t in triple.speaker), True))
        except ValueError:  # textacy raises on unbalanced quote marks
            tally.raised += 1
        out[art["id"]] = rows
    tally.seconds = time.perf_counter() - start
    return out


def score(preds: dict[str, list[Any]], articles: list[dict[str, Any]], direct_only: bool, tally: Tally) -> Tally:
    for art in articles:
        index = words(art["text"])
        golds = []
        for att in art["attributions"]:
            content = [(s["start"], s["end"]) for s in att["content"]]
            text = " ".join(s["text"] for s in att["content"])
            if direct_only and not MARKS.search(text):
                continue
            source = [(s["start"], s["end"]) for s in att.get("source") or []]
            golds.append((word_ids(content, index), word_ids(source, index),
                          " ".join(s["text"] for s in att.get("source") or [])))
        rows = [(c, s, n) for c, s, n, direct in preds.get(art["id"], []) if direct or not direct_only]
        tally.add(rows, golds)
        tally.docs += 1
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--limit", type=int, default=0, help="only the first N dev articles")
    args = parser.parse_args()
    if not args.gold.exists():
        print(f"gold file {args.gold} not found: skipped")
        return
    articles = [a for a in map(json.loads, args.gold.read_text("utf-8").splitlines()) if a["split"] == "dev"]
    articles = articles[: args.limit] if args.limit else articles
    print(f"PolNeAR dev: {len(articles)} articles, {sum(len(a['attributions']) for a in articles)} attributions")
    mine, seconds = ours(articles)
    base_tally = Tally()
    base = textacy_baseline(articles, base_tally)
    print(f"{'system':<22}{'set':<8}{'precision':>10}{'recall':>8}{'best f1':>9}{'union f1':>10}{'speaker':>9}")
    for name, preds in (("newsledger", mine), ("textacy (md)", base)):
        if preds is None:
            continue
        for direct_only in (True, False):
            row = score(preds, articles, direct_only, Tally()).row()
            print(f"{name:<22}{'direct' if direct_only else 'all':<8}{row['precision']:>10}{row['recall']:>8}"
                  f"{row['f1']:>9}{row['union_f1']:>10}{row['speaker_acc']:>9}")
    if base is not None:
        print(f"textacy raised on {base_tally.raised} of {len(articles)} articles (unbalanced quote marks)")
    print(f"newsledger annotate+actors+quotes: {seconds:.1f}s; textacy parse+quotes: {base_tally.seconds:.1f}s")


if __name__ == "__main__":
    main()
