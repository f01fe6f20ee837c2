"""Which recipe should ``newsledger train`` use? 5-fold cross-validation inside a tune half only.

Usage:  .venv/bin/python bench/train_recipes.py [--data conflibert|ours] [--only "NAME|NAME"]

``conflibert``: the tune half of ``conflibert_train.jsonl`` (bench/splits/conflibert.json; the
check half is never read here), quad macro-F1. ``ours``: our written sentences in
``training/events/``, PLOVER-type macro-F1. For each recipe (features, learner, regularisation, class
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
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV, SGDClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.neural_network import MLPClassifier
from sklearn.svm import LinearSVC

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


def minilm_pooled(pooling: tuple[str, ...]) -> Callable[[], Callable[[list[str]], np.ndarray]]:
    """MiniLM's token states pooled each way of ``pooling`` ("cls": the first token's state)."""
    def make() -> Callable[[list[str]], np.ndarray]:
        from newsledger.pipeline.encoder import load_encoder

        encoder = load_encoder()
        return lambda texts: encoder.pool(texts, pooling)

    return make


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
    "minilm+wordllama": lambda: _both(minilm(), wordllama()),
    "minilm mean+max+cls": minilm_pooled(("mean", "max", "cls")), "minilm cls": minilm_pooled(("cls",))}


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
    # "lr": one logistic regression over the blocks side by side; "svm" (linear SVM) and "sgd"
    # (modified Huber loss) the same with another loss; "late": a logistic regression on the
    # TF-IDF blocks and another on the embedding, their probabilities averaged; "late-mlp": the
    # embedding's model a one-hidden-layer perceptron; "mlp": that perceptron alone.
    learner: str = "lr"
    mask: bool = False  # the TF-IDF blocks read the sentence with its named entities replaced by their type
    weight: float = 0.5  # late fusion: the embedding model's share of the averaged probabilities


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
    Recipe("word 1-2 + char_wb 2-5 + minilm mean+max, linear SVM, C auto", char=(2, 5),
           encoder="minilm mean+max", c=None, learner="svm"),
    Recipe("word 1-2 + char_wb 2-5 + minilm mean+max, SGD modified Huber, alpha auto", char=(2, 5),
           encoder="minilm mean+max", c=None, learner="sgd"),
    Recipe("word 1-2 + char_wb 2-5, linear SVM, C auto", char=(2, 5), c=None, learner="svm"),
    Recipe("word 1-2 + char_wb 2-5 + minilm mean+max+cls, linear SVM, C auto", char=(2, 5),
           encoder="minilm mean+max+cls", c=None, learner="svm"),
    Recipe("word 1-2 + char_wb 2-5 (entities masked) + minilm mean+max, linear SVM, C auto", char=(2, 5),
           encoder="minilm mean+max", c=None, mask=True, learner="svm"),
    Recipe("word 1-2 + char_wb 2-5 + minilm mean+max, linear SVM, C auto, unweighted", char=(2, 5),
           encoder="minilm mean+max", c=None, learner="svm", balanced=False),
    Recipe("late fusion: LR word 1-2 + char_wb 2-5 / LR minilm mean+max, C auto each", char=(2, 5),
           encoder="minilm mean+max", c=None, learner="late"),
    Recipe("late fusion: LR word 1-2 + char_wb 2-5 / MLP minilm mean+max", char=(2, 5),
           encoder="minilm mean+max", c=None, learner="late-mlp"),
    Recipe("MLP minilm mean+max", word=None, encoder="minilm mean+max", c=None, learner="mlp"),
]


def entity_masker() -> Callable[[list[str]], list[str]]:
    """Each sentence with its named entities replaced by their type ("GPE", "ORG"), by
    en_core_web_md's recogniser: the act, not the actors, is what a type is learnt from."""
    from newsledger.pipeline.annotate import load_model

    nlp = load_model("en_core_web_md", ("parser", "tagger", "attribute_ruler", "lemmatizer"))

    def mask(texts: list[str]) -> list[str]:
        out = []
        for doc in nlp.pipe(texts):
            parts, last = [], 0
            for ent in doc.ents:
                parts += [doc.text[last : ent.start_char], ent.label_]
                last = ent.end_char
            out.append("".join(parts) + doc.text[last:])
        return out

    return mask


class Features:
    """A recipe's feature blocks, fitted on training texts; embeddings (and masked sentences)
    come from a cache by text."""

    def __init__(self, recipe: Recipe, embed: Embed | None,
                 mask: Callable[[list[str]], list[str]] | None = None) -> None:
        self.vecs = []
        if recipe.word:
            self.vecs.append(TfidfVectorizer(ngram_range=recipe.word, min_df=2, sublinear_tf=recipe.sublinear,
                                             dtype=np.float32))
        if recipe.char:
            self.vecs.append(TfidfVectorizer(analyzer="char_wb", ngram_range=recipe.char, min_df=2,
                                             sublinear_tf=True, dtype=np.float32))
        self.embed, self.scale, self.mask = embed, recipe.scale, mask

    def fit_transform(self, texts: list[str]) -> tuple[Any, np.ndarray | None]:
        read = self.mask(texts) if self.mask else texts
        for v in self.vecs:
            v.fit(read)
        return self.transform(texts)

    def transform(self, texts: list[str]) -> tuple[Any, np.ndarray | None]:
        """The TF-IDF blocks side by side (sparse, or None) and the scaled embedding (or None)."""
        read = self.mask(texts) if self.mask else texts
        text_x = hstack([v.transform(read) for v in self.vecs]).tocsr() if self.vecs else None
        return text_x, (self.scale * self.embed(texts) if self.embed is not None else None)


def classifier(recipe: Recipe, seed: int) -> Any:
    weight = "balanced" if recipe.balanced else None
    if recipe.c is None:
        return LogisticRegressionCV(Cs=CS, cv=StratifiedKFold(5, shuffle=True, random_state=seed),
                                    scoring="f1_macro", max_iter=3000, class_weight=weight)
    return LogisticRegression(C=recipe.c, max_iter=3000, class_weight=weight)


def _searched(estimator: Any, grid: dict[str, list[float]], seed: int) -> Any:
    """``estimator`` with its regularisation chosen by an inner 5-fold CV (macro-F1)."""
    return GridSearchCV(estimator, grid, cv=StratifiedKFold(5, shuffle=True, random_state=seed), scoring="f1_macro")


def _mlp(seed: int) -> Any:
    """One hidden layer of 256 ReLUs over the embedding, its L2 penalty chosen by inner CV."""
    return _searched(MLPClassifier(hidden_layer_sizes=(256,), max_iter=400, random_state=seed),
                     {"alpha": [0.01, 0.1, 1.0]}, seed)


def _chosen(clf: Any) -> float:
    """The regularisation a fitted (searched) model settled on."""
    if hasattr(clf, "best_params_"):
        return float(next(iter(clf.best_params_.values())))
    return float(np.atleast_1d(getattr(clf, "C_", getattr(clf, "C", 0.0)))[0])


class Learner:
    """A recipe's classifier: one model over the blocks side by side, or (late fusion) one model
    per kind of block whose probabilities are averaged."""

    def __init__(self, recipe: Recipe, seed: int) -> None:
        self.recipe, self.seed = recipe, seed
        self.models: list[Any] = []

    def _one(self) -> Any:
        weight = "balanced" if self.recipe.balanced else None
        if self.recipe.learner == "svm":
            return _searched(LinearSVC(class_weight=weight, max_iter=20000), {"C": [0.1, 0.3, 1.0, 3.0, 10.0]},
                             self.seed)
        if self.recipe.learner == "sgd":
            return _searched(SGDClassifier(loss="modified_huber", class_weight=weight, max_iter=2000,
                                           random_state=self.seed), {"alpha": [1e-4, 3e-4, 1e-3, 3e-3, 1e-2]},
                             self.seed)
        return classifier(self.recipe, self.seed)

    def fit(self, x: tuple[Any, np.ndarray | None], y: np.ndarray) -> Learner:
        text_x, dense = x
        if self.recipe.learner == "mlp":
            self.models = [_mlp(self.seed).fit(dense, y)]
        elif self.recipe.learner in ("late", "late-mlp"):
            embedding = _mlp(self.seed) if self.recipe.learner == "late-mlp" else classifier(self.recipe, self.seed)
            self.models = [classifier(self.recipe, self.seed).fit(text_x, y), embedding.fit(dense, y)]
        else:
            blocks = [b for b in (text_x, None if dense is None else csr_matrix(dense)) if b is not None]
            self.models = [self._one().fit(hstack(blocks).tocsr(), y)]
        return self

    def predict(self, x: tuple[Any, np.ndarray | None]) -> np.ndarray:
        text_x, dense = x
        if self.recipe.learner == "mlp":
            return self.models[0].predict(dense)  # type: ignore[no-any-return]
        if self.recipe.learner in ("late", "late-mlp"):
            w = self.recipe.weight
            probs = (1 - w) * self.models[0].predict_proba(text_x) + w * self.models[1].predict_proba(dense)
            return self.models[0].classes_[probs.argmax(axis=1)]  # type: ignore[no-any-return]
        blocks = [b for b in (text_x, None if dense is None else csr_matrix(dense)) if b is not None]
        return self.models[0].predict(hstack(blocks).tocsr())  # type: ignore[no-any-return]

    def chosen(self) -> list[float]:
        return [_chosen(m) for m in self.models]


def measure(recipe: Recipe, texts: list[str], labels: list[str], embedders: dict[str, Embed],
            masker: Callable[[list[str]], list[str]] | None = None, seed: int = 0) -> dict[str, Any]:
    y = np.array(labels)
    embed = embedders.get(recipe.encoder or "")
    mask = masker if recipe.mask else None
    pred = np.empty_like(y)
    chosen = []
    for fold, (tr, te) in enumerate(StratifiedKFold(5, shuffle=True, random_state=seed).split(texts, y)):
        feats = Features(recipe, embed, mask)
        learner = Learner(recipe, fold).fit(feats.fit_transform([texts[i] for i in tr]), y[tr])
        pred[te] = learner.predict(feats.transform([texts[i] for i in te]))
        chosen.append(learner.chosen())
    start = time.perf_counter()
    feats = Features(recipe, embed, mask)
    learner = Learner(recipe, 0).fit(feats.fit_transform(texts), y)
    fit_s = time.perf_counter() - start
    sample = texts[:300]
    uncached = Features(recipe, ENCODERS[recipe.encoder]() if recipe.encoder else None,
                        entity_masker() if recipe.mask else None)
    uncached.vecs = feats.vecs
    start = time.perf_counter()
    for i in range(0, len(sample), 32):  # as the pipeline scores: a batch of sentences at a time
        learner.predict(uncached.transform(sample[i : i + 32]))
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
    masker = None
    if any(r.mask for r in wanted):
        masked = dict(zip(texts, entity_masker()(texts), strict=True))
        masker = lambda batch: [masked[t] for t in batch]  # noqa: E731
    print(f"{args.data}: {len(texts)} sentences, 5-fold CV")
    for recipe in wanted:
        report(measure(recipe, texts, labels, embedders, masker, args.seed) | {"seed": args.seed})


if __name__ == "__main__":
    main()
