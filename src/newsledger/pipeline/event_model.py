"""The learned event detector and typer: does a sentence report a PLOVER event, and of which type.

A verb list cannot cover the world's news, so a model supplies recall: a linear classifier
(multinomial logistic regression, or a linear SVM, one class against the rest) over TF-IDF
blocks (word n-grams, optionally character n-grams within words) and, optionally, a MiniLM
sentence embedding (``pipeline/encoder.py``), trained on labelled sentences (ours ship with
the package; ``newsledger train`` makes one from a user's labels).
Inference is plain numpy over the saved vocabularies and weights, so running it needs neither
scikit-learn nor pickle, and a model directory from anyone can be loaded safely. Every label
and mode is checked against the PLOVER ontology when a model is loaded.

A model directory holds ``model.json`` (name, labels, feature blocks with their vocabularies,
how it was trained and its held-out figures) and ``weights.npz`` (idf of every block in order,
type and mode coefficients). Format 4 says how the TF-IDF blocks read a sentence (``reads``:
named entities as their label, words as their lemmas; see ``model_text``); format 3 names its
learner (``logistic`` or ``linear_svm``); formats 3, 2 (logistic) and 1 (also one word block,
``vocabulary`` and ``ngram_max`` at the top level) still load and read the sentence as written.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Span, Token

from newsledger.errors import KnowledgeError
from newsledger.pipeline.encoder import DIM, POOLINGS, load_encoder
from newsledger.pipeline.ontology import check_coding

NONE = "NONE"
Words = Span | Sequence[Token]  # a parsed sentence, or the words of one clause in order
BUILTIN = "builtin"
# 4: how the sentence is read; 3: the learner named; 2: a list of TF-IDF feature blocks (word and
# character n-grams), logistic; 1: word n-grams only, logistic
FORMAT = 4
READS = (1, 2, 3, 4)
LEARNERS = ("logistic", "linear_svm")
# scikit-learn's default token pattern: the model is trained with its TfidfVectorizer.
TOKEN = re.compile(r"(?u)\b\w\w+\b")
ANALYZERS = ("word", "char_wb")
# How the TF-IDF blocks may read a sentence besides as written: each named entity as its label
# ("GPE"), each word as its lemma.
READINGS = ("entities", "lemmas")
PARSER = "en_core_web_md"  # parses the texts given as strings to a model that reads entities or lemmas


def words_text(words: Words) -> str:
    """The text of a parsed sentence or of a clause's words (in order, perhaps with gaps)."""
    return words.text if isinstance(words, Span) else "".join(t.text_with_ws for t in words).strip()


def span_text(span: Words, reads: tuple[str, ...]) -> str:
    """A parsed sentence (or a clause's words) as a model that ``reads`` entities or lemmas sees it:
    "Rebels shelled GPE" rather than "Rebels shelled Goma", so the model learns the act, not the actors
    or places our sentences happen to name; lemmas join "shelled" and "shelling" to "shell"."""
    if not reads:
        return words_text(span)
    parts: list[str] = []
    for n, tok in enumerate(span):
        if "entities" in reads and tok.ent_iob_ in ("B", "I"):
            if tok.ent_iob_ == "B" or n == 0:  # an entity counts once, as its label
                parts.append(tok.ent_type_)
            continue
        parts.append(tok.lemma_ if "lemmas" in reads else tok.text)
    return " ".join(parts)


def model_text(items: Sequence[str | Words], reads: tuple[str, ...], parser: str = PARSER) -> list[str]:
    """The texts a model's TF-IDF blocks read, the same at training and at run time. The pipeline
    hands parsed sentences; a string (training rows, a user's call) is parsed by the
    pipeline's own spaCy model, entity ruler included, only when the model reads entities or lemmas."""
    if not reads:
        return [i if isinstance(i, str) else words_text(i) for i in items]
    strings = [i for i in items if isinstance(i, str)]
    parsed: dict[str, str] = {}
    if strings:
        from newsledger.pipeline.annotate import load_model  # annotate loads this module

        nlp = load_model(parser)
        unique = list(dict.fromkeys(strings))
        parsed = {t: span_text(doc[:], reads) for t, doc in zip(unique, nlp.pipe(unique, batch_size=256), strict=True)}
    return [parsed[i] if isinstance(i, str) else span_text(i, reads) for i in items]


def ngrams(text: str, n_max: int = 2, n_min: int = 1) -> list[str]:
    """Lower-cased word n-grams, as scikit-learn's TfidfVectorizer makes them."""
    words = TOKEN.findall(text.lower())
    return [" ".join(words[i : i + n]) for n in range(n_min, n_max + 1) for i in range(len(words) - n + 1)]


def char_ngrams(text: str, n_max: int = 5, n_min: int = 2) -> list[str]:
    """Lower-cased character n-grams inside words, padded with a space at each edge, as
    scikit-learn's ``char_wb`` analyzer makes them: they carry spelling variants and
    inflections ("shelled", "shelling") that word n-grams see as unrelated."""
    out = []
    for word in text.lower().split():
        padded = f" {word} "
        for n in range(n_min, n_max + 1):
            out += [padded[i : i + n] for i in range(max(1, len(padded) - n + 1))]
            if len(padded) <= n:  # a short word counts once, not once per n
                break
    return out


@dataclass(frozen=True, slots=True)
class TextBlock:
    """One TF-IDF block of the features: its analyzer, n-gram range, and its vocabulary mapped to
    its columns in the weights."""

    analyzer: str
    n_min: int
    n_max: int
    sublinear: bool
    index: dict[str, int]

    def terms(self, text: str) -> list[str]:
        return (ngrams if self.analyzer == "word" else char_ngrams)(text, self.n_max, self.n_min)


def _blocks(meta: dict[str, Any], where: str) -> list[TextBlock]:
    """The feature blocks a model declares; format 1 had one block of word 1..ngram_max-grams."""
    specs: list[dict[str, Any]] | None = meta.get("features") if meta.get("format") != 1 else [
        {"analyzer": "word", "ngram": [1, int(meta.get("ngram_max", 2))], "sublinear": True,
         "vocabulary": meta.get("vocabulary")}]
    blocks, start = [], 0
    for spec in specs or []:
        try:
            analyzer, vocab = str(spec["analyzer"]), list(spec["vocabulary"])
            n_min, n_max = (int(n) for n in spec["ngram"])
        except (KeyError, TypeError, ValueError) as exc:
            raise KnowledgeError(f"{where}: a feature block needs an analyzer, an n-gram range and a vocabulary "
                                 f"({exc!r})") from exc
        if analyzer not in ANALYZERS or not 1 <= n_min <= n_max:
            raise KnowledgeError(f"{where}: unknown feature block {analyzer!r} {n_min}-{n_max} (known: {ANALYZERS})")
        blocks.append(TextBlock(analyzer, n_min, n_max, bool(spec.get("sublinear", True)),
                                {term: start + i for i, term in enumerate(vocab)}))
        start += len(vocab)
    if not blocks:
        raise KnowledgeError(f"{where}: the model declares no features")
    return blocks


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
        if meta.get("format") not in READS:
            raise KnowledgeError(f"{where}: model format {meta.get('format')!r}; this newsledger reads formats "
                                 f"{', '.join(map(str, READS))}: retrain it with newsledger train")
        self.name: str = meta["name"]
        self.labels: list[str] = list(meta["labels"])
        self.kind: str = meta.get("kind", "plover")  # or "quad": figures only, no types
        for label in self.labels if self.kind == "plover" else ():
            if label != NONE:
                check_coding(label, None, f"{where} label")
        self.mode_labels: list[tuple[str, str]] = [tuple(m.split(" ", 1)) for m in meta.get("mode_labels", [])]
        for event_type, mode in self.mode_labels:
            check_coding(event_type, mode, f"{where} mode label")
        self.learner: str = meta.get("learner", "logistic") if meta["format"] >= 3 else "logistic"
        if self.learner not in LEARNERS:
            raise KnowledgeError(f"{where}: unknown learner {self.learner!r} (known: {', '.join(LEARNERS)})")
        self.encoder: str | None = meta.get("encoder")
        if self.encoder is not None and self.encoder not in POOLINGS:
            raise KnowledgeError(f"{where}: unknown sentence encoder {self.encoder!r} (known: {', '.join(POOLINGS)})")
        self.reads: tuple[str, ...] = tuple(meta.get("reads", ())) if meta["format"] >= 4 else ()
        if unknown := [r for r in self.reads if r not in READINGS]:
            raise KnowledgeError(f"{where}: unknown reading {unknown[0]!r} (known: {', '.join(READINGS)})")
        self.parser: str = str(meta.get("parser", PARSER))
        self.blocks = _blocks(meta, where)
        self.width = sum(len(b.index) for b in self.blocks)  # TF-IDF columns; the embedding's come after
        self.words = next((b.index for b in self.blocks if b.analyzer == "word"), {})
        self.idf = weights["idf"].astype(np.float32)
        self.coef = weights["coef"].astype(np.float32)
        self.intercept = weights["intercept"].astype(np.float32)
        self.mode_coef = weights.get("mode_coef")
        self.mode_intercept = weights.get("mode_intercept")
        # A cheap first stage: TF-IDF alone says whether a sentence may report an event at all;
        # below ``gate`` the sentence is NONE without computing its embedding.
        self.gate_coef, self.gate_intercept = weights.get("gate_coef"), weights.get("gate_intercept")
        self.gate: float = float(meta.get("gate", {}).get("threshold", 0.0))
        width = self.width + (DIM * len(POOLINGS[self.encoder]) if self.encoder else 0)
        if self.coef.shape != (len(self.labels), width) or self.idf.shape != (self.width,):
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
        """A sentence's TF-IDF as (columns, values), each block l2-normalised on its own, as
        scikit-learn's vectorizers side by side make it."""
        all_cols, all_vals = [], []
        for block in self.blocks:
            counts = [(col, n) for term, n in Counter(block.terms(text)).items()
                      if (col := block.index.get(term)) is not None]
            cols = np.array([c for c, _ in counts], dtype=np.int64)
            tf = [(1.0 + math.log(n)) if block.sublinear else float(n) for _, n in counts]
            vals = np.array(tf, dtype=np.float32) * self.idf[cols]
            norm = float(np.linalg.norm(vals))
            all_cols.append(cols)
            all_vals.append(vals / norm if norm else vals)
        return np.concatenate(all_cols), np.concatenate(all_vals)

    def _scores(self, terms: list[tuple[np.ndarray, np.ndarray]], coef: np.ndarray, intercept: np.ndarray,
                dense: np.ndarray | None) -> np.ndarray:
        """Linear scores of sparse TF-IDF rows (and the embedding columns after them)."""
        out = np.tile(intercept, (len(terms), 1)).astype(np.float32)
        for row, (cols, vals) in enumerate(terms):
            if len(cols):
                out[row] += coef[:, cols] @ vals
        if dense is not None:
            out += dense @ coef[:, self.width:].T
        return out

    def _probabilities(self, z: np.ndarray) -> np.ndarray:
        """Label probabilities from linear scores: a softmax for logistic regression, as its
        ``predict_proba``; a linear SVM has none, and its margins, trained towards +1 and -1, are
        read as scikit-learn reads those of its other margin loss (modified Huber): each class's
        score clipped to [-1, 1] and mapped to [0, 1], normalised over the classes (uniform where
        all are 0). A softmax of margins would be flat, and no sentence would pass a threshold."""
        if self.learner == "linear_svm":
            p = (np.clip(z, -1.0, 1.0) + 1.0) / 2.0
            total = p.sum(axis=1, keepdims=True)
            return np.where(total > 0, p / np.where(total > 0, total, 1.0), 1.0 / z.shape[1])  # type: ignore[no-any-return]
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)  # type: ignore[no-any-return]

    def probabilities(self, items: Sequence[str | Words]) -> np.ndarray:
        """One row of label probabilities per text, columns in ``self.labels`` order (no gate)."""
        terms = [self._terms(t) for t in model_text(items, self.reads, self.parser)]
        texts = [i if isinstance(i, str) else words_text(i) for i in items]
        dense = load_encoder().embed(texts, self.encoder) if self.encoder else None
        return self._probabilities(self._scores(terms, self.coef, self.intercept, dense))

    def predict(self, items: Sequence[str | Words]) -> list[Prediction]:
        """Each sentence's prediction; a parsed sentence (a Span) or a clause's words are read without
        parsing them again."""
        terms = [self._terms(t) for t in model_text(items, self.reads, self.parser)]
        texts = [i if isinstance(i, str) else words_text(i) for i in items]
        passed = list(range(len(texts)))
        gate = np.ones(len(texts), dtype=np.float32)
        if self.gate_coef is not None and self.gate_intercept is not None and texts:
            gate = 1 / (1 + np.exp(-self._scores(terms, self.gate_coef, self.gate_intercept, None)[:, 0]))
            passed = [i for i in passed if gate[i] >= self.gate]
        out = [Prediction(NONE, 1.0 - float(gate[i]), None, 0.0, None, float(gate[i])) for i in range(len(texts))]
        if not passed:
            return out
        dense = load_encoder().embed([texts[i] for i in passed], self.encoder) if self.encoder else None
        kept = [terms[i] for i in passed]
        # The label is the highest score, as scikit-learn predicts: a linear SVM's probabilities
        # may tie at 1 where its margins do not.
        scores = self._scores(kept, self.coef, self.intercept, dense)
        probs = self._probabilities(scores)
        mode_scores = (self._scores(kept, self.mode_coef, self.mode_intercept, dense)
                       if self.mode_coef is not None and self.mode_intercept is not None and self.mode_labels else None)
        modes = self._probabilities(mode_scores) if mode_scores is not None else None
        none = self.labels.index(NONE) if NONE in self.labels else None
        types = [i for i, label in enumerate(self.labels) if label != NONE]
        for row, i in enumerate(passed):
            best = int(scores[row].argmax())
            event_type = self.labels[max(types, key=lambda j: scores[row, j])]
            mode, mode_score = None, 0.0
            if modes is not None and mode_scores is not None:
                fits = [j for j, (t, _) in enumerate(self.mode_labels) if t == event_type]
                if fits:
                    j = max(fits, key=lambda k: mode_scores[row, k])
                    mode, mode_score = self.mode_labels[j][1], float(modes[row, j])
            event_score = 1.0 - float(probs[row, none]) if none is not None else 1.0
            out[i] = Prediction(self.labels[best], float(probs[row, best]), mode, mode_score, event_type, event_score)
        return out

    def weight(self, word: str | Token, label: str) -> float:
        """How much one word pushes a sentence towards ``label``: chooses the trigger to show.
        A token is looked up as the model reads it (its lemma, for a model that reads lemmas)."""
        key = word if isinstance(word, str) else word.lemma_ if "lemmas" in self.reads else word.text
        col = self.words.get(key.lower())  # a word column (a unigram)
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
