"""Event coding against public gold data: ConfliBERT quad classes and NGEC event types.

Usage:  .venv/bin/python bench/eval_events.py [--ngec-limit 500]

- ConfliBERT (``../shared/gold/conflibert_train.jsonl``, real news sentences, CAMEO-based
  5 classes): each sentence is run through the whole pipeline; its class is the CAMEO
  class of its first non-negated event (no event: "statement", CAMEO 01-02). Reported: macro-F1
  and per-class F1; baseline in the same run: TF-IDF + logistic regression, 5-fold
  cross-validated predictions on the same sentences (needs scikit-learn: `pip install -e .[bench]`).
- NGEC (``ngec_synthetic_events.jsonl``, synthetic stories with one PLOVER type each):
  accuracy of the most frequent non-negated event type per story.
Skips a data set whose file is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from newsledger.config import load_config
from newsledger.models import Document, RawInput
from newsledger.pipeline.annotate import annotate_batch
from newsledger.pipeline.ingest.prepare import prepare

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"
CLASSES = ["statement", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"]
# ConfliBERT's classes follow CAMEO roots: 01-02 statement (so REQUEST's "appeal" too), 03-05 verbal
# cooperation, 06-08 material cooperation, 09-13 and 16 verbal conflict, 14-15 and 17-20 material conflict.
CAMEO_CLASS = {"02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "11": 3, "12": 3, "13": 3,
               "16": 3, "14": 4, "15": 4, "17": 4, "18": 4}


def run_pipeline(texts: list[str]) -> list[list[Any]]:
    cfg = load_config()
    docs = []
    for i, text in enumerate(texts):
        doc = prepare(RawInput(source=f"s{i}", fmt="txt", content=text), cfg.ingest)
        docs.append(doc if isinstance(doc, Document) else None)
    present = [d for d in docs if d is not None]
    annotated = {a.document.source: a for a in annotate_batch(present, cfg.annotate, batch_size=64)}
    return [annotated[d.source].events if d is not None and d.source in annotated else [] for d in docs]


def macro_f1(gold: list[int], pred: list[int], n: int) -> tuple[float, list[float]]:
    per = []
    for c in range(n):
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p != c)
        per.append(2 * tp / max(1, 2 * tp + fp + fn))
    return sum(per) / n, per


def conflibert() -> None:
    path = GOLD / "conflibert_train.jsonl"
    if not path.exists():
        print(f"{path} not found: ConfliBERT skipped")
        return
    rows = [r for r in map(json.loads, path.read_text("utf-8").splitlines()) if r["pentaclass"] is not None]
    gold = [int(r["pentaclass"]) for r in rows]
    events = run_pipeline([r["text"] for r in rows])
    pred = []
    for evs in events:
        kept = [e for e in evs if not e.negated]
        pred.append(CAMEO_CLASS.get(kept[0].cameo, 0) if kept else 0)
    score, per = macro_f1(gold, pred, 5)
    print(f"ConfliBERT: {len(rows)} sentences; newsledger rules macro-F1 {score:.3f}")
    print("  per class: " + ", ".join(f"{c} {f:.2f}" for c, f in zip(CLASSES, per, strict=True)))
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold, cross_val_predict
        from sklearn.pipeline import make_pipeline
    except ImportError:
        print("  TF-IDF baseline skipped: pip install -e .[bench]", file=sys.stderr)
        return
    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                          LogisticRegression(max_iter=2000, class_weight="balanced"))
    base = cross_val_predict(model, [r["text"] for r in rows], gold, cv=StratifiedKFold(5, shuffle=True,
                                                                                           random_state=0))
    b_score, b_per = macro_f1(gold, list(base), 5)
    print(f"  TF-IDF + logistic regression, 5-fold CV on the same sentences: macro-F1 {b_score:.3f}")
    print("  per class: " + ", ".join(f"{c} {f:.2f}" for c, f in zip(CLASSES, b_per, strict=True)))


def ngec(limit: int) -> None:
    path = GOLD / "ngec_synthetic_events.jsonl"
    if not path.exists():
        print(f"{path} not found: NGEC skipped")
        return
    rows = list(map(json.loads, path.read_text("utf-8").splitlines()))[:limit]
    events = run_pipeline([r["text"] for r in rows])
    right = 0
    found = Counter()
    for row, evs in zip(rows, events, strict=True):
        types = Counter(e.event_type for e in evs if not e.negated)
        guess = types.most_common(1)[0][0] if types else None
        found[guess is not None] += 1
        right += guess == str(row["event"]).upper()
    print(f"NGEC: {len(rows)} synthetic stories; document type accuracy {right / max(1, len(rows)):.3f} "
          f"(an event found in {found[True]} of them)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ngec-limit", type=int, default=500)
    args = parser.parse_args()
    conflibert()
    ngec(args.ngec_limit)


if __name__ == "__main__":
    main()
