"""Which recipe should ``newsledger train`` use? 5-fold cross-validation inside a tune half only.

Usage:  .venv/bin/python bench/train_recipes.py [--data conflibert|ours] [--only "NAME|NAME"]

``conflibert``: the tune half of ``conflibert_train.jsonl`` (bench/splits/conflibert.json; the
check half is never read here), quad macro-F1. ``ours``: our written sentences in
``training/events/``, PLOVER-type macro-F1. For each recipe (features, regularisation, class
weights) it prints the cross-validated macro-F1, the seconds to fit once on all rows and the
milliseconds per sentence to featurise and score (embeddings included). Regularisation "auto"
is chosen in each outer fold by an inner 5-fold CV over the training folds (nested), which is
what ``newsledger train`` does.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from newsledger.train import QUAD_LABELS

HERE = Path(__file__).resolve().parent
GOLD = HERE.parents[1] / "shared" / "gold"
OURS = HERE.parent / "training" / "events"
CS = [1.0, 4.0, 16.0, 64.0, 256.0]


def tune_half() -> tuple[list[str], list[str]]:
    tune = set(json.loads((HERE / "splits" / "conflibert.json").read_text("utf-8"))["tune"])
    rows = [json.loads(line) for line in (GOLD / "conflibert_train.jsonl").read_text("utf-8").splitlines()]
    rows = [r for r in rows if r["id"] in tune and r["pentaclass"] is not None]
    return [r["text"] for r in rows], [QUAD_LABELS[int(r["pentaclass"])] for r in rows]


def our_sentences() -> tuple[list[str], list[str]]:
    rows = [json.loads(line) for f in sorted(OURS.glob("*.jsonl")) for line in f.read_text("utf-8").splitlines()]
    return [r["text"] for r in rows], [r["label"] or "NONE" for r in rows]


def minilm() -> Callable[[list[str]], np.ndarray]:
    from newsledger.pipeline.encoder import load_encoder

    encoder = load_encoder()
    return lambda texts: encoder.embed(texts)


def minilm_mean_max() -> Callable[[list[str]], np.ndarray]:
    """MiniLM's token states pooled two ways, mean and max, side by side (768 columns)."""
    from newsledger.pipeline.encoder import MEAN_MAX, load_encoder

    encoder = load_encoder()
    return lambda texts: encoder.embed(texts, MEAN_MAX)


def wordllama() -> Callable[[list[str]], np.ndarray]:
    import wordllama as wl_package
    from wordllama import WordLlama

    # 0.4.0.post1 ships its tokenizer inside the package but looks for it in a cache; point it there.
    model = WordLlama.load(cache_dir=Path(wl_package.__file__).parent, disable_download=True)
    return lambda texts: np.asarray(model.embed(texts, norm=True), dtype=np.float32)


def spacy_vectors() -> Callable[[list[str]], np.ndarray]:
    """en_core_web_md's static word vectors averaged over the sentence (what a parse already holds)."""
    from newsledger.pipeline.annotate import load_model

    nlp = load_model("en_core_web_md", ("parser", "ner", "tagger", "attribute_ruler", "lemmatizer", "senter"))

    def embed(texts: list[str]) -> np.ndarray:
        vectors: np.ndarray = np.array([d.vector for d in nlp.pipe(texts)], dtype=np.float32)
        norms: np.ndarray = np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        unit: np.ndarray = vectors / norms
        return unit

    return embed


ENCODERS: dict[str, Callable[[], Callable[[list[str]], np.ndarray]]] = {
    "spacy vectors": spacy_vectors,
    "minilm mean+max + spacy vectors": lambda: _both(minilm_mean_max(), spacy_vectors()),
    "minilm": minilm, "minilm mean+max": minilm_mean_max, "wordllama": wordllama,
    "minilm+wordllama": lambda: _both(minilm(), wordllama())}


Embed = Callable[[list[str]], np.ndarray]


def _cached(cache: dict[str, np.ndarray]) -> Embed:
    """Embeddings computed once for every text, looked up by text in each fold."""
    return lambda batch: np.stack([cache[t] for t in batch])


def _both(a: Embed, b: Embed) -> Embed:
    return lambda texts: np.hstack([a(texts), b(texts)])


@dataclass(frozen=True)
class Recipe:
    name: str
    word: tuple[int, int] | None = (1, 2)
    sublinear: bool = True
    char: tuple[int, int] | None = None
    encoder: str | None = None
    c: float | None = 4.0  # None: chosen by inner CV
    scale: float = 1.0  # the embedding's weight beside the TF-IDF blocks (each of norm 1)
    balanced: bool = True


RECIPES = [
    Recipe("word 1-2 (today), C 4"),
    Recipe("word 1-2, C auto", c=None),
    Recipe("word 1-2 + char_wb 2-5, C auto", char=(2, 5), c=None),
    Recipe("word 1-2 + minilm, C 4 (today's --encoder)", encoder="minilm"),
    Recipe("word 1-2 + minilm, C auto", encoder="minilm", c=None),
    Recipe("word 1-2 + char_wb 2-5 + minilm, C auto", char=(2, 5), encoder="minilm", c=None),
    Recipe("word 1-2 + char_wb 2-5 + wordllama, C auto", char=(2, 5), encoder="wordllama", c=None),
    Recipe("word 1-2 + wordllama, C auto", encoder="wordllama", c=None),
    Recipe("char_wb 2-5, C auto", word=None, char=(2, 5), c=None),
    Recipe("word 1-2, C auto, unweighted", c=None, balanced=False),
    Recipe("word 1-2, C auto, raw tf", c=None, sublinear=False),
    Recipe("word 1, C auto", word=(1, 1), c=None),
    Recipe("word 1-3, C auto", word=(1, 3), c=None),
    Recipe("minilm, C auto", word=None, encoder="minilm", c=None),
    Recipe("wordllama, C auto", word=None, encoder="wordllama", c=None),
    Recipe("word 1-2 + char_wb 2-5 + minilm x2, C auto", char=(2, 5), encoder="minilm", c=None, scale=2.0),
    Recipe("word 1-2 + char_wb 2-5 + minilm x3, C auto", char=(2, 5), encoder="minilm", c=None, scale=3.0),
    Recipe("word 1-2 + minilm x2, C auto", encoder="minilm", c=None, scale=2.0),
    Recipe("word 1-2 + char_wb 2-5 + minilm mean+max, C auto", char=(2, 5), encoder="minilm mean+max", c=None),
    Recipe("word 1-2 + char_wb 2-5 + minilm + wordllama, C auto", char=(2, 5), encoder="minilm+wordllama", c=None),
    Recipe("word 1-2 + char_wb 2-5 + spacy vectors, C auto", char=(2, 5), encoder="spacy vectors", c=None),
    Recipe("word 1-2 + char_wb 2-5 + minilm mean+max + spacy vectors, C auto", char=(2, 5),
           encoder="minilm mean+max + spacy vectors", c=None),
]


class Features:
    """A recipe's feature blocks, fitted on training texts; embeddings come from a cache by text."""

    def __init__(self, recipe: Recipe, embed: Callable[[list[str]], np.ndarray] | None) -> None:
        self.vecs = []
        if recipe.word:
            self.vecs.append(TfidfVectorizer(ngram_range=recipe.word, min_df=2, sublinear_tf=recipe.sublinear,
                                             dtype=np.float32))
        if recipe.char:
            self.vecs.append(TfidfVectorizer(analyzer="char_wb", ngram_range=recipe.char, min_df=2,
                                             sublinear_tf=True, dtype=np.float32))
        self.embed, self.scale = embed, recipe.scale

    def fit_transform(self, texts: list[str]) -> Any:
        for v in self.vecs:
            v.fit(texts)
        return self.transform(texts)

    def transform(self, texts: list[str]) -> Any:
        blocks = [v.transform(texts) for v in self.vecs]
        if self.embed is not None:
            blocks.append(csr_matrix(self.scale * self.embed(texts)))
        return hstack(blocks).tocsr()


def classifier(recipe: Recipe, seed: int) -> Any:
    weight = "balanced" if recipe.balanced else None
    if recipe.c is None:
        return LogisticRegressionCV(Cs=CS, cv=StratifiedKFold(5, shuffle=True, random_state=seed),
                                    scoring="f1_macro", max_iter=3000, class_weight=weight)
    return LogisticRegression(C=recipe.c, max_iter=3000, class_weight=weight)


def measure(recipe: Recipe, texts: list[str], labels: list[str],
            embedders: dict[str, Callable[[list[str]], np.ndarray]], seed: int = 0) -> dict[str, Any]:
    y = np.array(labels)
    embed = embedders.get(recipe.encoder or "")
    pred = np.empty_like(y)
    chosen = []
    for fold, (tr, te) in enumerate(StratifiedKFold(5, shuffle=True, random_state=seed).split(texts, y)):
        feats = Features(recipe, embed)
        clf = classifier(recipe, fold).fit(feats.fit_transform([texts[i] for i in tr]), y[tr])
        pred[te] = clf.predict(feats.transform([texts[i] for i in te]))
        chosen.append(float(np.atleast_1d(clf.C_)[0]) if recipe.c is None else recipe.c)
    start = time.perf_counter()
    feats = Features(recipe, embed)
    clf = classifier(recipe, 0).fit(feats.fit_transform(texts), y)
    fit_s = time.perf_counter() - start
    sample = texts[:300]
    uncached = Features(recipe, ENCODERS[recipe.encoder]() if recipe.encoder else None)
    uncached.vecs = feats.vecs
    start = time.perf_counter()
    for i in range(0, len(sample), 32):  # as the pipeline scores: a batch of sentences at a time
        clf.predict_proba(uncached.transform(sample[i : i + 32]))
    ms = 1000 * (time.perf_counter() - start) / len(sample)
    return {"recipe": recipe.name, "cv_macro_f1": round(float(f1_score(y, pred, average="macro")), 4),
            "C": chosen, "fit_s": round(fit_s, 1), "ms_per_sentence": round(ms, 2),
            "width": int(sum(len(v.vocabulary_) for v in feats.vecs))}


def spacy_textcat(texts: list[str], labels: list[str], architecture: str, epochs: int = 10) -> dict[str, Any]:
    """spaCy's own text classifier (``architecture``: TextCatBOW.v3 word 1-2-grams or its default
    ensemble with a CNN), trained from a blank English pipeline, 5-fold CV as above."""
    import random

    import spacy
    from spacy.pipeline import TextCategorizer
    from spacy.pipeline.textcat import DEFAULT_SINGLE_TEXTCAT_MODEL
    from spacy.training import Example

    model = dict(DEFAULT_SINGLE_TEXTCAT_MODEL) if architecture == "ensemble" else {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
        "no_output_layer": False, "length": 262144}
    classes = sorted(set(labels))

    def train(idx: list[int]) -> Any:
        nlp = spacy.blank("en")
        textcat = nlp.add_pipe("textcat", config={"model": model})
        assert isinstance(textcat, TextCategorizer)  # tells the type checker what add_pipe made
        for c in classes:
            textcat.add_label(c)
        examples = [Example.from_dict(nlp.make_doc(texts[i]), {"cats": {c: float(c == labels[i]) for c in classes}})
                    for i in idx]
        optimizer = nlp.initialize(lambda: examples)
        rng = random.Random(0)
        for _ in range(epochs):
            rng.shuffle(examples)
            for start in range(0, len(examples), 16):
                nlp.update(examples[start : start + 16], sgd=optimizer, drop=0.2)
        return nlp

    y = np.array(labels)
    pred = np.empty_like(y)
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, y):
        nlp = train(list(tr))
        pred[te] = [max(d.cats, key=d.cats.__getitem__) for d in nlp.pipe([texts[i] for i in te])]
    start = time.perf_counter()
    nlp = train(list(range(len(texts))))
    fit_s = time.perf_counter() - start
    start = time.perf_counter()
    list(nlp.pipe(texts[:300]))
    return {"recipe": f"spaCy textcat {architecture}, {epochs} epochs",
            "cv_macro_f1": round(float(f1_score(y, pred, average="macro")), 4), "C": [],
            "fit_s": round(fit_s, 1), "ms_per_sentence": round(1000 * (time.perf_counter() - start) / 300, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", choices=["conflibert", "ours"], default="conflibert")
    parser.add_argument("--only", help="recipe names separated by | (default: all)")
    parser.add_argument("--json", help="append each result here as a JSON line")
    parser.add_argument("--seed", type=int, default=0, help="how the rows are dealt into folds")
    parser.add_argument("--spacy", action="store_true", help="measure spaCy's textcat (bow, ensemble) instead")
    args = parser.parse_args()
    texts, labels = tune_half() if args.data == "conflibert" else our_sentences()

    def report(result: dict[str, Any]) -> None:
        print(f"{result['cv_macro_f1']:.3f}  fit {result['fit_s']:5.1f} s  {result['ms_per_sentence']:5.2f} ms  "
              f"C {result['C']}  {result['recipe']}", flush=True)
        if args.json:
            with open(args.json, "a", encoding="utf-8") as out:
                out.write(json.dumps(result | {"data": args.data}) + "\n")

    if args.spacy:
        for architecture in ("bow", "ensemble"):
            report(spacy_textcat(texts, labels, architecture))
        return
    wanted = [r for r in RECIPES if not args.only or r.name in args.only.split("|")]
    embedders: dict[str, Embed] = {}
    for name in {r.encoder for r in wanted if r.encoder}:
        vectors = ENCODERS[name]()(texts)
        embedders[name] = _cached({t: vectors[i] for i, t in enumerate(texts)})
    print(f"{args.data}: {len(texts)} sentences, 5-fold CV")
    for recipe in wanted:
        report(measure(recipe, texts, labels, embedders, args.seed) | {"seed": args.seed})


if __name__ == "__main__":
    main()
