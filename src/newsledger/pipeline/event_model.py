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


def tfidf(texts: list[str], index: dict[str, int], idf: np.ndarray, n_max: int = 2) -> np.ndarray:
    """TF-IDF as scikit-learn computes it with ``sublinear_tf=True`` and l2 norm."""
    x = np.zeros((len(texts), len(index)), dtype=np.float32)
    for row, text in enumerate(texts):
        for term, count in Counter(ngrams(text, n_max)).items():
            col = index.get(term)
            if col is not None:
                x[row, col] = (1.0 + math.log(count)) * idf[col]
        norm = float(np.linalg.norm(x[row]))
        if norm:
            x[row] /= norm
    return x


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

    def features(self, texts: list[str]) -> np.ndarray:
        """TF-IDF rows (sublinear tf, l2-normalised; dense: sentences are short and few per call),
        then the sentence embedding when the model was trained with one."""
        x = tfidf(texts, self.index, self.idf, self.n_max)
        return np.hstack([x, load_encoder().embed(texts)]) if self.encoder else x

    @staticmethod
    def _softmax(z: np.ndarray) -> np.ndarray:
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)  # type: ignore[no-any-return]

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """One row of label probabilities per text, columns in ``self.labels`` order."""
        return self._softmax(self.features(texts) @ self.coef.T + self.intercept)

    def predict(self, texts: list[str]) -> list[Prediction]:
        if not texts:
            return []
        x = self.features(texts)
        probs = self._softmax(x @ self.coef.T + self.intercept)
        modes = (self._softmax(x @ self.mode_coef.T + self.mode_intercept)
                 if self.mode_coef is not None and self.mode_intercept is not None and self.mode_labels else None)
        none = self.labels.index(NONE) if NONE in self.labels else None
        types = [i for i, label in enumerate(self.labels) if label != NONE]
        out = []
        for row in range(len(texts)):
            best = int(probs[row].argmax())
            typed = max(types, key=lambda i: probs[row, i])
            event_type = self.labels[typed]
            mode, mode_score = None, 0.0
            if modes is not None:
                fits = [i for i, (t, _) in enumerate(self.mode_labels) if t == event_type]
                if fits:
                    i = max(fits, key=lambda j: modes[row, j])
                    mode, mode_score = self.mode_labels[i][1], float(modes[row, i])
            event_score = 1.0 - float(probs[row, none]) if none is not None else 1.0
            out.append(Prediction(self.labels[best], float(probs[row, best]), mode, mode_score, event_type,
                                  event_score))
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
