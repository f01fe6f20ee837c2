"""newsledger train: labels in, a model directory out, held-out figures, and the same model in numpy."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.errors import ConfigError, KnowledgeError
from newsledger.pipeline.event_model import EventModel, load_event_model
from newsledger.train import fit, read_labels, train

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
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = read_labels([labels]).rows
    meta, weights = fit(rows, "m", encoder=False)
    texts = ["Riot police fired tear gas at marchers in Quetta.", "The ministers met in Quetta."]
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, dtype=np.float32)
    clf = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced")
    clf.fit(vec.fit_transform([r["text"] for r in rows]), [r["label"] for r in rows])
    ours = EventModel(meta, weights, "m").probabilities(texts)
    np.testing.assert_allclose(ours, clf.predict_proba(vec.transform(texts)), atol=1e-4)


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
