"""Event coding against public gold data: ConfliBERT quad classes and NGEC event types.

Usage:  .venv/bin/python bench/eval_events.py [--ngec-limit 500]

- ConfliBERT (``../shared/gold/conflibert_train.jsonl``, real news sentences, CAMEO-based
  5 classes): each sentence is run through the whole pipeline; its class is the CAMEO
  class of its first non-negated event (no event: "statement", CAMEO 01-02). Reported: macro-F1
  and per-class F1 on two halves split by a hash of the sentence id: "tune" (whose errors we
  read while writing the lexicon) and "check" (whose errors we do not read from 2026-11-25 on).
  Baseline in the same run: TF-IDF + logistic regression trained on "tune", scored on "check"
  (needs scikit-learn: `pip install -e .[bench]`).
- NGEC (``ngec_synthetic_events.jsonl``, synthetic stories with one PLOVER type each): the
  story's type is the type of its first non-negated event (news puts the main event in the
  lead); the most frequent type is reported too.
Skips a data set whose file is absent.
"""

from __future__ import annotations

import argparse
import hashlib
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
CAMEO_CLASS = {"02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "09": 3, "10": 3, "11": 3, "12": 3,
               "13": 3, "16": 3, "14": 4, "15": 4, "17": 4, "18": 4}


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


def half(row_id: str) -> str:
    return "tune" if hashlib.sha1(row_id.encode()).digest()[0] % 2 == 0 else "check"


def conflibert() -> None:
    path = GOLD / "conflibert_train.jsonl"
    if not path.exists():
        print(f"{path} not found: ConfliBERT skipped")
        return
    rows = [r for r in map(json.loads, path.read_text("utf-8").splitlines()) if r["pentaclass"] is not None]
    events = run_pipeline([r["text"] for r in rows])
    pred = {}
    for row, evs in zip(rows, events, strict=True):
        kept = [e for e in evs if not e.negated]
        pred[row["id"]] = CAMEO_CLASS.get(kept[0].cameo, 0) if kept else 0
    print(f"ConfliBERT: {len(rows)} sentences")
    for name in ("tune", "check", "all"):
        part = [r for r in rows if name == "all" or half(r["id"]) == name]
        score, per = macro_f1([int(r["pentaclass"]) for r in part], [pred[r["id"]] for r in part], 5)
        print(f"  newsledger rules, {name} ({len(part)}): macro-F1 {score:.3f}; "
              + ", ".join(f"{c} {f:.2f}" for c, f in zip(CLASSES, per, strict=True)))
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
    except ImportError:
        print("  TF-IDF baseline skipped: pip install -e .[bench]", file=sys.stderr)
        return
    train = [r for r in rows if half(r["id"]) == "tune"]
    test = [r for r in rows if half(r["id"]) == "check"]
    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                          LogisticRegression(max_iter=2000, class_weight="balanced"))
    model.fit([r["text"] for r in train], [int(r["pentaclass"]) for r in train])
    b_score, b_per = macro_f1([int(r["pentaclass"]) for r in test], list(model.predict([r["text"] for r in test])), 5)
    print(f"  TF-IDF + logistic regression trained on tune, check: macro-F1 {b_score:.3f}; "
          + ", ".join(f"{c} {f:.2f}" for c, f in zip(CLASSES, b_per, strict=True)))


def ngec(limit: int) -> None:
    path = GOLD / "ngec_synthetic_events.jsonl"
    if not path.exists():
        print(f"{path} not found: NGEC skipped")
        return
    rows = list(map(json.loads, path.read_text("utf-8").splitlines()))[:limit]
    events = run_pipeline([r["text"] for r in rows])
    first = most = found = 0
    for row, evs in zip(rows, events, strict=True):
        kept = [e.event_type for e in evs if not e.negated]
        gold = str(row["event"]).upper()
        found += bool(kept)
        first += bool(kept) and kept[0] == gold
        most += bool(kept) and Counter(kept).most_common(1)[0][0] == gold
    n = max(1, len(rows))
    print(f"NGEC: {len(rows)} synthetic stories; document type accuracy {first / n:.3f} by the first event, "
          f"{most / n:.3f} by the most frequent (an event found in {found} of them)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ngec-limit", type=int, default=500)
    args = parser.parse_args()
    conflibert()
    ngec(args.ngec_limit)


if __name__ == "__main__":
    main()
