"""The learned event detector and typer: does a sentence report a PLOVER event, and of which type.

A verb list cannot cover the world's news, so a model supplies recall: a multinomial logistic
regression over TF-IDF word uni- and bigrams and a MiniLM sentence embedding
(``pipeline/encoder.py``), trained on labelled sentences (ours ship with the package;
``newsledger train`` makes one from a user's labels). Inference is plain numpy over the saved
vocabulary and weights, so running it needs neither scikit-learn nor pickle, and a model
directory from anyone can be loaded safely. Every label and mode is checked against the
PLOVER ontology when a model is loaded.

A model directory holds ``model.json`` (name, labels, vocabulary, how it was trained and its
held-out figures) and ``weights.npz`` (idf, type and mode coefficients).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from newsledger.errors import KnowledgeError
from newsledger.pipeline.encoder import DIM, load_encoder
from newsledger.pipeline.encoder import NAME as ENCODER
from newsledger.pipeline.ontology import check_coding

NONE = "NONE"
BUILTIN = "builtin"
FORMAT = 1
# scikit-learn's default token pattern: the model is trained with its TfidfVectorizer.
TOKEN = re.compile(r"(?u)\b\w\w+\b")


def ngrams(text: str, n_max: int = 2) -> list[str]:
    """Lower-cased word n-grams, as scikit-learn's TfidfVectorizer makes them."""
    words = TOKEN.findall(text.lower())
    grams = list(words)
    for n in range(2, n_max + 1):
        grams += [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
    return grams


@dataclass(frozen=True, slots=True)
class Prediction:
    label: str  # the most probable label: a PLOVER type or NONE
    score: float  # the model's probability of that label
    mode: str | None
    mode_score: float
    event_type: str | None  # the most probable type (NONE aside): what an event here would be
    event_score: float  # 1 - P(NONE): how sure the model is that the sentence reports an event


class EventModel:
    """A trained sentence typer loaded from a model directory."""

    def __init__(self, meta: dict[str, Any], weights: dict[str, np.ndarray], where: str) -> None:
        if meta.get("format") != FORMAT:
            raise KnowledgeError(f"{where}: model format {meta.get('format')!r}, expected {FORMAT}")
        self.name: str = meta["name"]
        self.labels: list[str] = list(meta["labels"])
        self.kind: str = meta.get("kind", "plover")  # or "quad": figures only, no types
        for label in self.labels if self.kind == "plover" else ():
            if label != NONE:
                check_coding(label, None, f"{where} label")
        self.mode_labels: list[tuple[str, str]] = [tuple(m.split(" ", 1)) for m in meta.get("mode_labels", [])]
        for event_type, mode in self.mode_labels:
            check_coding(event_type, mode, f"{where} mode label")
        self.n_max: int = int(meta.get("ngram_max", 2))
        self.encoder: str | None = meta.get("encoder")
        if self.encoder not in (None, ENCODER):
            raise KnowledgeError(f"{where}: unknown sentence encoder {self.encoder!r} (known: {ENCODER})")
        self.index = {term: i for i, term in enumerate(meta["vocabulary"])}
        self.idf = weights["idf"].astype(np.float32)
        self.coef = weights["coef"].astype(np.float32)
        self.intercept = weights["intercept"].astype(np.float32)
        self.mode_coef = weights.get("mode_coef")
        self.mode_intercept = weights.get("mode_intercept")
        # A cheap first stage: TF-IDF alone says whether a sentence may report an event at all;
        # below ``gate`` the sentence is NONE without computing its embedding.
        self.gate_coef, self.gate_intercept = weights.get("gate_coef"), weights.get("gate_intercept")
        self.gate: float = float(meta.get("gate", {}).get("threshold", 0.0))
        width = len(self.index) + (DIM if self.encoder else 0)
        if self.coef.shape != (len(self.labels), width) or self.idf.shape != (len(self.index),):
            raise KnowledgeError(f"{where}: weights do not fit the vocabulary and labels")
        self.meta = meta

    @classmethod
    def load(cls, path: str | Path) -> EventModel:
        where = Path(path)
        try:
            meta = json.loads((where / "model.json").read_text("utf-8"))
            with np.load(where / "weights.npz", allow_pickle=False) as npz:
                weights = {k: npz[k] for k in npz.files}
        except (OSError, ValueError, KeyError) as exc:
            raise KnowledgeError(f"{where}: not a newsledger event model ({exc})") from exc
        return cls(meta, weights, str(where))

    def _terms(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """A sentence's TF-IDF as (columns, values): sublinear tf, l2-normalised, as scikit-learn."""
        counts = [(col, n) for term, n in Counter(ngrams(text, self.n_max)).items()
                  if (col := self.index.get(term)) is not None]
        cols = np.array([c for c, _ in counts], dtype=np.int64)
        vals = np.array([(1.0 + math.log(n)) for _, n in counts], dtype=np.float32) * self.idf[cols]
        norm = float(np.linalg.norm(vals))
        return cols, vals / norm if norm else vals

    def _scores(self, terms: list[tuple[np.ndarray, np.ndarray]], coef: np.ndarray, intercept: np.ndarray,
                dense: np.ndarray | None) -> np.ndarray:
        """Linear scores of sparse TF-IDF rows (and the embedding columns after them)."""
        out = np.tile(intercept, (len(terms), 1)).astype(np.float32)
        for row, (cols, vals) in enumerate(terms):
            if len(cols):
                out[row] += coef[:, cols] @ vals
        if dense is not None:
            out += dense @ coef[:, len(self.index):].T
        return out

    @staticmethod
    def _softmax(z: np.ndarray) -> np.ndarray:
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)  # type: ignore[no-any-return]

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """One row of label probabilities per text, columns in ``self.labels`` order (no gate)."""
        terms = [self._terms(t) for t in texts]
        dense = load_encoder().embed(texts) if self.encoder else None
        return self._softmax(self._scores(terms, self.coef, self.intercept, dense))

    def predict(self, texts: list[str]) -> list[Prediction]:
        terms = [self._terms(t) for t in texts]
        passed = list(range(len(texts)))
        gate = np.ones(len(texts), dtype=np.float32)
        if self.gate_coef is not None and self.gate_intercept is not None and texts:
            gate = 1 / (1 + np.exp(-self._scores(terms, self.gate_coef, self.gate_intercept, None)[:, 0]))
            passed = [i for i in passed if gate[i] >= self.gate]
        out = [Prediction(NONE, 1.0 - float(gate[i]), None, 0.0, None, float(gate[i])) for i in range(len(texts))]
        if not passed:
            return out
        dense = load_encoder().embed([texts[i] for i in passed]) if self.encoder else None
        kept = [terms[i] for i in passed]
        probs = self._softmax(self._scores(kept, self.coef, self.intercept, dense))
        modes = (self._softmax(self._scores(kept, self.mode_coef, self.mode_intercept, dense))
                 if self.mode_coef is not None and self.mode_intercept is not None and self.mode_labels else None)
        none = self.labels.index(NONE) if NONE in self.labels else None
        types = [i for i, label in enumerate(self.labels) if label != NONE]
        for row, i in enumerate(passed):
            best = int(probs[row].argmax())
            event_type = self.labels[max(types, key=lambda j: probs[row, j])]
            mode, mode_score = None, 0.0
            if modes is not None:
                fits = [j for j, (t, _) in enumerate(self.mode_labels) if t == event_type]
                if fits:
                    j = max(fits, key=lambda k: modes[row, k])
                    mode, mode_score = self.mode_labels[j][1], float(modes[row, j])
            event_score = 1.0 - float(probs[row, none]) if none is not None else 1.0
            out[i] = Prediction(self.labels[best], float(probs[row, best]), mode, mode_score, event_type, event_score)
        return out

    def weight(self, word: str, label: str) -> float:
        """How much one word pushes a sentence towards ``label``: chooses the trigger to show."""
        col = self.index.get(word.lower())  # a TF-IDF column; the embedding columns come after them
        return 0.0 if col is None else float(self.coef[self.labels.index(label), col] * self.idf[col])


@cache
def load_event_model(path: str) -> EventModel | None:
    """The configured model: ``builtin`` (shipped), a directory, or '' / 'none' for rules only."""
    if path.lower() in ("", "none", "off"):
        return None
    model = EventModel.load(Path(str(resources.files("newsledger").joinpath("data/models/events")))
                            if path == BUILTIN else path)
    if model.kind != "plover":
        raise KnowledgeError(f"{path}: a {model.kind} model cannot type events; train it on PLOVER types (or NONE)")
    return model
