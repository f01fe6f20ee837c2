"""Event coding against public gold data: ConfliBERT quad classes, PLV PLOVER roots, NGEC types.

Usage:  .venv/bin/python bench/eval_events.py [--halves check] [--ngec-limit 500] [--gate] [--json FILE]

Tune and check halves are recorded by id in bench/splits/ (bench/splits/make_splits.py made
them once). Errors are read on "tune" only; "check" is what we report.
- ConfliBERT (``conflibert_train.jsonl``, real news sentences, CAMEO-based 5 classes): each
  sentence runs through the whole pipeline; its class is the CAMEO class of its first
  non-negated event (no event: "statement", CAMEO 01-02). Reported as macro-F1 for frames
  only (``events.model=none``) and for frames + the shipped model, and for the shipped model
  alone on the sentence. In the same run, what ``newsledger train --encoder --learner
  linear_svm`` makes of the tune half (``newsledger.train.fit``: word and character TF-IDF +
  MiniLM, a linear SVM with C chosen by CV on tune), scored on check; bench/train_recipes.py
  chose that recipe inside the tune half.
- PLV (``plv_train.jsonl``, real news sentences with a marked source and target and the
  PLOVER root of the event between them; YIELD = CONCEDE or RETREAT): the root of the
  pipeline's event whose source and target match the marked ones (else the one sharing either,
  else the first non-negated event; none: wrong), per-type precision/recall/F1 and the
  confusion table, and how often one event has both the source and the target right.
- NGEC (``ngec_synthetic_events.jsonl``, synthetic stories): the story's type is the type of
  its first non-negated event.
``--gate`` compares the check figures with the floors in bench/eval_floors.json and exits 1 when
one drops (CI runs it where ../shared/gold is present). Skips a data set whose file is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from newsledger.config import load_config
from newsledger.models import Document, Event, RawInput
from newsledger.pipeline.annotate import annotate_batch
from newsledger.pipeline.event_model import EventModel, load_event_model
from newsledger.pipeline.ingest.prepare import prepare
from newsledger.train import QUAD_LABELS, fit, quad_of, scores

HERE = Path(__file__).resolve().parent
GOLD = HERE.parents[1] / "shared" / "gold"
FLOORS = HERE / "eval_floors.json"
# ConfliBERT's classes follow CAMEO roots: 01-02 statement (so REQUEST's "appeal" too), 03-05 verbal
# cooperation, 06-08 material cooperation, 09-13 and 16 verbal conflict, 14-15 and 17-20 material conflict.
CAMEO_CLASS = {"02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "09": 3, "10": 3, "11": 3, "12": 3,
               "13": 3, "16": 3, "14": 4, "15": 4, "17": 4, "18": 4}
STOP = {"the", "a", "an", "of", "and", "s", "in", "on", "for", "to", "its", "his", "her", "their"}


def split(name: str) -> dict[str, str]:
    halves = json.loads((HERE / "splits" / f"{name}.json").read_text("utf-8"))
    return {i: half for half, ids in halves.items() for i in ids}


def read(name: str) -> list[dict[str, Any]]:
    path = GOLD / name
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()] if path.exists() else []


def run_pipeline(texts: list[str], model: str) -> list[list[Event]]:
    """Each text's events, each event's source and target names widened by the texts of the
    mentions of those actors in its sentence ("Iran" is also "Iranian Foreign Minister ...")."""
    cfg = load_config(overrides=[f"events.model={model}"])
    docs = []
    for i, text in enumerate(texts):
        doc = prepare(RawInput(source=f"s{i}", fmt="txt", content=text), cfg.ingest)
        docs.append(doc if isinstance(doc, Document) else None)
    present = [d for d in docs if d is not None]
    # By document id: the same sentence twice is one document.
    annotated = {a.document.doc_id: a for a in annotate_batch(present, cfg.annotate, batch_size=64)}
    out: list[list[Event]] = []
    for d in docs:
        a = annotated.get(d.doc_id) if d is not None else None
        if a is None:
            out.append([])
            continue
        said: dict[tuple[int, str], list[str]] = defaultdict(list)
        for m in a.mentions:
            if m.actor_id:
                said[(m.sentence_idx, m.actor_id)].append(m.text)
        def texts(ids: list[str], sentence: int) -> list[str]:
            return [t for i in ids for t in said[(sentence, i)]]  # noqa: B023 (used at once)
        out.append([replace(e, source_names=e.source_names + texts(e.source_ids, e.sentence_idx),
                            target_names=e.target_names + texts(e.target_ids, e.sentence_idx)) for e in a.events])
    return out


def first_class(events: list[Event]) -> int:
    kept = [e for e in events if not e.negated]
    return CAMEO_CLASS.get(kept[0].cameo, 0) if kept else 0


def f1_line(name: str, gold: list[str], pred: list[str]) -> float:
    s = scores(gold, pred)
    per = ", ".join(f"{c} {s['per_label'].get(c, {}).get('f1', 0):.2f}" for c in QUAD_LABELS)
    print(f"  {name}: macro-F1 {s['macro_f1']:.3f}; {per}")
    return float(s["macro_f1"])


def conflibert(halves: list[str], figures: dict[str, float]) -> None:
    rows = [r for r in read("conflibert_train.jsonl") if r["pentaclass"] is not None]
    if not rows:
        print("conflibert_train.jsonl not found: ConfliBERT skipped")
        return
    half = split("conflibert")
    model = load_event_model("builtin")
    assert model is not None
    wanted = [r for r in rows if half[r["id"]] in halves]
    texts = [r["text"] for r in wanted]
    runs = {"frames only": run_pipeline(texts, "none"), "frames + model": run_pipeline(texts, "builtin")}
    alone = [quad_of(p.label) for p in model.predict(texts)]
    print(f"ConfliBERT ({len(rows)} sentences; halves {', '.join(halves)})")
    for name in halves:
        idx = [i for i, r in enumerate(wanted) if half[r["id"]] == name]
        gold = [QUAD_LABELS[int(wanted[i]["pentaclass"])] for i in idx]
        print(f" {name} ({len(idx)})")
        for run, events in runs.items():
            figures[f"conflibert.{name}.{run}"] = f1_line(run, gold, [QUAD_LABELS[first_class(events[i])] for i in idx])
        figures[f"conflibert.{name}.model alone"] = f1_line("model alone", gold, [alone[i] for i in idx])
    if "check" in halves:
        train_rows = [{"text": r["text"], "label": QUAD_LABELS[int(r["pentaclass"])]} for r in rows
                      if half[r["id"]] == "tune"]
        meta, weights = fit(train_rows, "conflibert-tune", kind="quad", encoder=True, learner="linear_svm")
        trained = EventModel(meta, weights, "conflibert-tune")
        check = [r for r in rows if half[r["id"]] == "check"]
        figures["conflibert.check.train on tune"] = f1_line(
            "newsledger train --encoder --learner linear_svm on tune, check",
            [QUAD_LABELS[int(r["pentaclass"])] for r in check],
            [p.label for p in trained.predict([r["text"] for r in check])])


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"\w+", name.lower()) if w not in STOP}


def _matches(names: list[str], gold: str) -> bool:
    """A name shares a word with the marked span ("Iran" and "Iranian" share one: a 4+ letter prefix)."""
    g = _words(gold)
    return any(a == b or min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a))
               for n in names for a in _words(n) for b in g)


def plv(halves: list[str], figures: dict[str, float], confusion: bool) -> None:
    rows = read("plv_train.jsonl")
    if not rows:
        print("plv_train.jsonl not found: PLV skipped")
        return
    half = split("plv")
    wanted = [r for r in rows if half[r["id"]] in halves]
    texts = sorted({r["text"] for r in wanted})
    for run in ("none", "builtin"):
        events = dict(zip(texts, run_pipeline(texts, run), strict=True))
        print(f"PLV ({run if run != 'none' else 'frames only'}; {len(wanted)} pairs)")
        for name in halves:
            part = [r for r in wanted if half[r["id"]] == name]
            gold, pred, both = [], [], 0
            for r in part:
                evs = [e for e in events[r["text"]] if not e.negated]
                hits = [(_matches(e.source_names, r["source"]), _matches(e.target_names, r["target"]), e) for e in evs]
                pair = [e for s, t, e in hits if s and t]
                either = [e for s, t, e in hits if s or t]
                chosen = (pair or either or evs or [None])[0]
                both += bool(pair)
                root = r["plover_root"]
                p = chosen.event_type if chosen else "NONE"
                if root == "YIELD" and p in ("CONCEDE", "RETREAT"):
                    p = "YIELD"
                gold.append(root)
                pred.append(p)
            s = scores(gold, pred)
            tag = "frames only" if run == "none" else "frames + model"
            figures[f"plv.{name}.{tag}.root"] = s["accuracy"]
            figures[f"plv.{name}.{tag}.source and target"] = both / max(1, len(part))
            print(f" {name} ({len(part)}): root accuracy {s['accuracy']:.3f}, macro-F1 {s['macro_f1']:.3f}; "
                  f"source and target both right {both / max(1, len(part)):.3f}")
            if confusion and run == "builtin":
                print("  type        P     R     F1   n")
                for label, v in sorted(s["per_label"].items()):
                    print(f"  {label:10s} {v['precision']:.2f}  {v['recall']:.2f}  {v['f1']:.2f}  {v['support']}")
                table: dict[str, Counter[str]] = defaultdict(Counter)
                for g, p in zip(gold, pred, strict=True):
                    table[g][p] += 1
                print("  confusion (gold: predicted counts)")
                for g in sorted(table):
                    print(f"  {g:10s} " + ", ".join(f"{p} {n}" for p, n in table[g].most_common()))


def ngec(limit: int) -> None:
    rows = read("ngec_synthetic_events.jsonl")[:limit]
    if not rows:
        print("ngec_synthetic_events.jsonl not found: NGEC skipped")
        return
    events = run_pipeline([r["text"] for r in rows], "builtin")
    first = found = 0
    for row, evs in zip(rows, events, strict=True):
        kept = [e.event_type for e in evs if not e.negated]
        found += bool(kept)
        first += bool(kept) and kept[0] == str(row["event"]).upper()
    print(f"NGEC: {len(rows)} synthetic stories; type accuracy by the first event {first / max(1, len(rows)):.3f} "
          f"(an event in {found})")


def gate(figures: dict[str, float]) -> int:
    floors = {k: v for k, v in json.loads(FLOORS.read_text("utf-8")).items() if k.startswith(("conflibert.", "plv."))}
    failed = [f"{k}: {figures[k]:.3f} < floor {v:.3f}" for k, v in floors.items() if k in figures and figures[k] < v]
    missing = [k for k in floors if k not in figures]
    for line in failed:
        print(f"GATE FAIL {line}", file=sys.stderr)
    print(f"eval gate: {len(floors) - len(failed) - len(missing)} figures at or above their floors, "
          f"{len(failed)} below" + (f", {len(missing)} not measured" if missing else ""))
    return 1 if failed else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--halves", default="tune,check")
    parser.add_argument("--ngec-limit", type=int, default=500)
    parser.add_argument("--gate", action="store_true", help="check halves only, compared with eval_floors.json")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    halves = ["check"] if args.gate else args.halves.split(",")
    figures: dict[str, float] = {}
    conflibert(halves, figures)
    plv(halves, figures, confusion=not args.gate)
    if not args.gate:
        ngec(args.ngec_limit)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n")
    if args.gate:
        sys.exit(gate(figures) if figures else 0)


if __name__ == "__main__":
    main()
