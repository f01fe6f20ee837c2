"""``newsledger train``: fit the event typer on labelled sentences and report held-out figures.

Labels are JSON Lines with ``text`` and ``label`` (a PLOVER type or NONE; ``type`` or
``event_type`` are read too) and optionally ``mode`` and ``id``. A research set labelled by
CAMEO quad class instead (``label`` 0-4 or a class name, as ConfliBERT's pentaclass) trains
a quad model: it reports figures but cannot type events, so the pipeline refuses it.
A fixed share of the rows, chosen by a hash of their id (or text), is held out; the saved
model is the one trained without them, so the printed figures are the model's own.
The recipe (word and character TF-IDF, C chosen by cross-validation, MiniLM pooled by mean and
max with ``encoder``, and with it a linear SVM rather than logistic regression) won a 5-fold
cross-validation inside ConfliBERT's tune half (``bench/train_recipes.py``; docs/architecture.md
has the tables).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from newsledger.errors import ConfigError
from newsledger.pipeline.encoder import MEAN_MAX as ENCODER
from newsledger.pipeline.encoder import load_encoder
from newsledger.pipeline.event_model import FORMAT, LEARNERS, NONE, PARSER, READINGS, EventModel, model_text
from newsledger.pipeline.ontology import EVENT_TYPES, QUADS

QUAD_LABELS = ["statement", *QUADS.values()]  # ConfliBERT's pentaclass order


@dataclass
class LabelledSet:
    rows: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)  # "file:line: reason"
    kind: str = "plover"  # or "quad"


def _label_of(row: dict[str, Any]) -> str | None:
    for key in ("label", "type", "event_type", "pentaclass"):
        if key in row:
            value = row[key]
            if value is None or str(value).strip().upper() in ("", "NONE", "NULL"):
                return NONE
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(QUAD_LABELS):
                return QUAD_LABELS[value]
            return str(value).strip()
    return None


def read_labels(paths: Iterable[str | Path]) -> LabelledSet:
    """Read and check labelled sentences; bad lines are listed with the reason, never fatal."""
    out = LabelledSet()
    for path in paths:
        try:
            lines = Path(path).read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read labels {path}: {exc}") from exc
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                out.rejected.append(f"{path}:{n}: not JSON ({exc.msg})")
                continue
            label = _label_of(row) if isinstance(row, dict) else None
            text = row.get("text") if isinstance(row, dict) else None
            if not isinstance(text, str) or not text.strip() or label is None:
                out.rejected.append(f"{path}:{n}: needs a text and a label")
                continue
            if label.upper() in EVENT_TYPES:
                label = label.upper()
            elif label.lower() in QUAD_LABELS:
                label = label.lower()
            elif label != NONE:
                out.rejected.append(f"{path}:{n}: label {label!r} is neither a PLOVER type, NONE nor a quad class")
                continue
            mode = row.get("mode") if label in EVENT_TYPES else None
            if mode is not None and (not isinstance(mode, str) or mode not in EVENT_TYPES[label].modes):
                out.rejected.append(f"{path}:{n}: {label} has no mode {mode!r}; mode ignored")
                mode = None
            out.rows.append({"id": str(row.get("id") or text), "text": text, "label": label, "mode": mode})
    labels = {r["label"] for r in out.rows}
    quad = labels & set(QUAD_LABELS)
    if quad and labels - set(QUAD_LABELS) - {NONE}:
        raise ConfigError("labels mix PLOVER types and quad classes; use one codebook per model")
    out.kind = "quad" if quad else "plover"
    if out.kind == "quad":
        for r in out.rows:
            r["label"] = "statement" if r["label"] == NONE else r["label"]
    return out


def heldout(row_id: str, share: float) -> bool:
    return hashlib.sha1(row_id.encode()).digest()[1] < share * 256


def _class_rows(clf: Any, learner: str = "logistic") -> tuple[np.ndarray, np.ndarray]:
    """One coefficient row per class; scikit-learn keeps a single row for two classes."""
    coef, intercept = clf.coef_.astype(np.float32), clf.intercept_.astype(np.float32)
    if len(clf.classes_) == 2:
        # logistic: P(1) = sigmoid(w.x + b) = softmax of (-(w.x + b)/2, (w.x + b)/2); a margin
        # learner: the rows -(w.x + b), w.x + b, whose probabilities are 1 - P(1) and P(1).
        half = 2 if learner == "logistic" else 1
        coef, intercept = np.vstack([-coef[0], coef[0]]) / half, np.array([-intercept[0], intercept[0]]) / half
    return coef, intercept.astype(np.float32)


def _fit_gate(x: Any, is_event: list[bool], c: float, weights: dict[str, np.ndarray],
              recall: float = 0.97) -> dict[str, float]:
    """A TF-IDF-only event/NONE classifier that spares the encoder on sentences that are surely
    NONE; its threshold keeps ``recall`` of the events, judged by 5-fold cross-validation."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    probs = cross_val_predict(clf, x, is_event, cv=5, method="predict_proba")[:, 1]
    event_probs = np.sort(probs[np.array(is_event)])
    threshold = float(event_probs[int((1 - recall) * len(event_probs))]) if len(event_probs) else 0.0
    clf.fit(x, is_event)
    weights["gate_coef"], weights["gate_intercept"] = clf.coef_.astype(np.float32), clf.intercept_.astype(np.float32)
    kept = float((probs >= threshold).mean())
    return {"threshold": round(threshold, 4), "event_recall": recall, "share_passed": round(kept, 3)}


CS = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0)  # the inverse regularisation strengths tried
SVM_CS = (0.1, 0.3, 1.0, 3.0, 10.0)  # the same for the linear SVM, whose squared hinge loss grows faster


def _classifier(x: Any, y: list[str], c: float | None, learner: str = "logistic") -> tuple[Any, dict[str, Any]]:
    """A linear classifier with classes weighted by their rarity: multinomial logistic regression,
    or a linear SVM (squared hinge loss, one class against the rest); without ``c``, the strength
    that scores best by macro-F1 in a 5-fold cross-validation of these rows (a user's labels
    differ from ours in size and noise, so no one C fits all)."""
    from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
    from sklearn.model_selection import GridSearchCV, StratifiedKFold
    from sklearn.svm import LinearSVC

    smallest = min(Counter(y).values())
    svm = LinearSVC(class_weight="balanced", max_iter=20000, random_state=0)
    if c is None and smallest >= 2:
        folds = StratifiedKFold(min(5, smallest), shuffle=True, random_state=0)
        grid = SVM_CS if learner == "linear_svm" else CS
        by = f"{folds.get_n_splits()}-fold CV over {list(grid)}"
        if learner == "linear_svm":
            search = GridSearchCV(svm, {"C": list(grid)}, cv=folds, scoring="f1_macro").fit(x, y)
            return search.best_estimator_, {"C": float(search.best_params_["C"]), "C_by": by,
                                            "cv_macro_f1": round(float(search.best_score_), 4)}
        clf = LogisticRegressionCV(Cs=list(grid), cv=folds, scoring="f1_macro", l1_ratios=(0.0,), max_iter=3000,
                                   class_weight="balanced", use_legacy_attributes=False).fit(x, y)
        scores = np.asarray(clf.scores_).reshape(-1, len(grid)).mean(axis=0)
        return clf, {"C": float(clf.C_), "C_by": by, "cv_macro_f1": round(float(scores.max()), 4)}
    c = 4.0 if c is None else c  # too few rows of a label to cross-validate: the old default
    if learner == "linear_svm":
        return svm.set_params(C=c).fit(x, y), {"C": c}
    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x, y), {"C": c}


def fit(rows: list[dict[str, Any]], name: str, kind: str = "plover", c: float | None = None,
        min_df: int = 2, chars: bool = True, encoder: bool = False,
        learner: str = "logistic", reads: tuple[str, ...] = ()) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Fit a linear ``learner`` (multinomial logistic regression, or a linear SVM) over
    TF-IDF word 1-2-grams, with ``chars`` character 2-5-grams within words, and with ``encoder``
    sentence embeddings, and a mode classifier; returns what ``save`` writes. ``c`` None chooses
    the regularisation by cross-validation.
    ``reads`` says how the TF-IDF blocks read a sentence (``event_model.READINGS``: entities as
    their label, words as lemmas)."""
    if learner not in LEARNERS:
        raise ConfigError(f"unknown learner {learner!r} (known: {', '.join(LEARNERS)})")
    if unknown := [r for r in reads if r not in READINGS]:
        raise ConfigError(f"unknown reading {unknown[0]!r} (known: {', '.join(READINGS)})")
    try:
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
    except ImportError as exc:  # a dependency, but say so plainly if an install lacks it
        raise ConfigError("newsledger train needs scikit-learn: pip install scikit-learn") from exc
    texts = [r["text"] for r in rows]
    labels = sorted({r["label"] for r in rows})
    if len(labels) < 2:
        raise ConfigError("training needs at least two different labels")
    specs = [("word", (1, 2))] + ([("char_wb", (2, 5))] if chars else [])
    vecs = [TfidfVectorizer(analyzer=a, ngram_range=n, min_df=min_df, sublinear_tf=True, dtype=np.float32)
            for a, n in specs]
    read = model_text(texts, reads)
    try:
        text_x = hstack([v.fit_transform(read) for v in vecs]).tocsr()
    except ValueError as exc:  # every term below min_df
        raise ConfigError(f"too few rows to learn a vocabulary from ({exc})") from exc
    x = hstack([text_x, csr_matrix(load_encoder().embed(texts, ENCODER))]).tocsr() if encoder else text_x
    clf, chosen = _classifier(x, [r["label"] for r in rows], c, learner)
    weights = {"idf": np.concatenate([v.idf_ for v in vecs]).astype(np.float32)}
    weights["coef"], weights["intercept"] = _class_rows(clf, learner)
    with_mode = [i for i, r in enumerate(rows) if r.get("mode")]
    mode_labels: list[str] = []
    if kind == "plover" and len({f"{rows[i]['label']} {rows[i]['mode']}" for i in with_mode}) >= 2:
        mode_y = [f"{rows[i]['label']} {rows[i]['mode']}" for i in with_mode]
        mclf, _ = _classifier(x[with_mode], mode_y, chosen["C"], learner)
        mode_labels = list(mclf.classes_)
        weights["mode_coef"], weights["mode_intercept"] = _class_rows(mclf, learner)
    gate: dict[str, float] = {}
    if encoder and kind == "plover" and NONE in labels:  # without the encoder the typer is as cheap as a gate
        # An SVM's C makes a more regularised logistic gate; its threshold is set by recall either way.
        gate = _fit_gate(text_x, [r["label"] != NONE for r in rows], chosen["C"], weights)
    features = [{"analyzer": analyzer, "ngram": list(ngram), "sublinear": True,
                 "vocabulary": [str(t) for t in vec.get_feature_names_out()]}  # the terms in column order
                for (analyzer, ngram), vec in zip(specs, vecs, strict=True)]
    meta = {"format": FORMAT, "name": name, "kind": kind, "learner": learner, "encoder": ENCODER if encoder else None,
            "reads": list(reads), "parser": PARSER, "labels": [str(c) for c in clf.classes_],
            "mode_labels": mode_labels, "gate": gate, "features": features,
            "trained": {"rows": len(rows), "by_label": {lab: sum(r["label"] == lab for r in rows) for lab in labels},
                        **chosen, "min_df": min_df, "at": datetime.now(UTC).isoformat(timespec="seconds")}}
    return meta, weights


def save(meta: dict[str, Any], weights: dict[str, np.ndarray], out: str | Path) -> Path:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "weights.npz", **weights)  # type: ignore[arg-type]
    (out / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return out


def quad_of(label: str) -> str:
    """A label's quad class name (NONE and REQUEST's appeals count as 'statement', as CAMEO 01-02 do)."""
    if label in QUAD_LABELS:
        return label
    if label == NONE or label == "REQUEST":
        return "statement"
    return QUADS[EVENT_TYPES[label].quad]


def scores(gold: list[str], pred: list[str]) -> dict[str, Any]:
    """Per-label precision, recall, F1 and support; macro-F1 over labels seen in gold; accuracy."""
    per: dict[str, dict[str, float]] = {}
    for label in sorted(set(gold) | set(pred)):
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, pred, strict=True))
        per[label] = {"precision": tp / max(1, tp + fp), "recall": tp / max(1, tp + fn),
                      "f1": 2 * tp / max(1, 2 * tp + fp + fn), "support": tp + fn}
    in_gold = [per[label]["f1"] for label in set(gold)]
    return {"macro_f1": sum(in_gold) / max(1, len(in_gold)),
            "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(gold)),
            "n": len(gold), "per_label": per}


def evaluate(model: EventModel, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Held-out figures: by label, and by quad class (comparable with ConfliBERT's five classes)."""
    pred = [p.label for p in model.predict([r["text"] for r in rows])]
    gold = [r["label"] for r in rows]
    report = {"label": scores(gold, pred)}
    if model.meta.get("kind") == "plover":
        report["quad"] = scores([quad_of(g) for g in gold], [quad_of(p) for p in pred])
    return report


def train(paths: list[str | Path], out: str | Path, name: str | None = None, share: float = 0.2,
          c: float | None = None, chars: bool = True, encoder: bool = False,
          learner: str = "logistic", reads: tuple[str, ...] = ()) -> dict[str, Any]:
    """Read labels, hold out ``share`` of them, fit on the rest, save to ``out``, return figures."""
    data = read_labels(paths)
    if not 0 <= share < 1:
        raise ConfigError("--heldout must be in [0, 1)")
    train_rows = [r for r in data.rows if not heldout(r["id"], share)]
    test_rows = [r for r in data.rows if heldout(r["id"], share)]
    if not train_rows:
        raise ConfigError("no usable labelled rows")
    meta, weights = fit(train_rows, name or Path(out).name, data.kind, c=c, chars=chars, encoder=encoder,
                        learner=learner, reads=reads)
    model = EventModel(meta, weights, str(out))
    report: dict[str, Any] = {"rows": len(data.rows), "train": len(train_rows), "heldout": len(test_rows),
                              "rejected": data.rejected, "kind": data.kind,
                              "chosen": {k: v for k, v in meta["trained"].items()
                                         if k in ("C", "C_by", "cv_macro_f1")}}
    if data.rejected:  # kept with the model, so whoever uses it sees what its labels lacked
        meta["rejected"] = {"count": len(data.rejected), "first": data.rejected[:50]}
    if test_rows:
        figures = evaluate(model, test_rows)
        report["figures"] = figures
        meta["heldout"] = {k: {"macro_f1": round(v["macro_f1"], 4), "accuracy": round(v["accuracy"], 4)}
                           for k, v in figures.items()} | {"rows": len(test_rows)}
    save(meta, weights, out)
    return report

