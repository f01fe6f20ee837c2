"""Model resolution: installed pipelines are found without loading; a missing one says how to get it."""

from __future__ import annotations

import pytest

from newsledger.errors import ModelNotFoundError
from newsledger.pipeline.annotate import model_dir, model_label
from newsledger.pipeline.lemmas import checked, verb_lemmas


def test_vendored_pipelines_are_found_without_loading(nlp: object) -> None:
    assert (model_dir("en_core_web_md") / "config.cfg").is_file()
    assert model_label("en_core_web_sm").endswith("-3.8.0")


def test_missing_pipeline_names_the_fix() -> None:
    with pytest.raises(ModelNotFoundError, match="not installed.*annotate.model"):
        model_label("en_core_web_trf")


def test_the_lemma_table_is_checked_when_loaded() -> None:
    assert verb_lemmas()["waged"] == "wage"
    with pytest.raises(ValueError, match="lemmas.toml"):
        checked({"Waged": "wage"})
    with pytest.raises(ValueError, match="lemmas.toml"):
        checked({"waged": 3})
