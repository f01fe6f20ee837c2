"""Our labelled sentences in training/events/: the shipped typer's only data, so a bad edit there
(a typo in a label or mode, a duplicated row, a type left without examples) must fail here, not
quietly drop rows when someone retrains."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from newsledger.pipeline.ontology import EVENT_TYPES
from newsledger.train import read_labels

FILES = sorted((Path(__file__).resolve().parents[1] / "training" / "events").glob("*.jsonl"))
FIELDS = {"id", "text", "label", "mode", "source", "target", "status", "region", "year"}


def _rows() -> list[dict[str, object]]:
    return [json.loads(line) for path in FILES for line in path.read_text("utf-8").splitlines()]


def test_every_line_is_read_as_a_label() -> None:
    data = read_labels(FILES)
    assert data.rejected == []
    assert len(data.rows) == len(_rows())


def test_ids_and_sentences_are_unique_across_files() -> None:
    rows = _rows()
    assert all(set(r) == FIELDS for r in rows)
    for key in ("id", "text"):
        twice = [v for v, n in Counter(str(r[key]) for r in rows).items() if n > 1]
        assert twice == [], f"{key} repeated: {twice[:3]}"


def test_every_type_and_mode_has_examples_and_negatives_are_a_third() -> None:
    rows = _rows()
    labels = Counter(str(r["label"]) for r in rows)
    modes = Counter(f"{r['label']} {r['mode']}" for r in rows if r["mode"])
    for name, event_type in EVENT_TYPES.items():
        assert labels[name] >= 100, name
        for mode in event_type.modes:
            assert modes[f"{name} {mode}"] >= 10, f"{name} {mode}"
    assert 0.25 <= labels["NONE"] / len(rows) <= 0.4
