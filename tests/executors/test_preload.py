"""The local pool's workers fork from a forkserver that loaded the pipeline once.

What a worker has loaded is read through ``load_model``'s cache: a hit on the configured
pipeline before the worker did anything means it inherited it from the server.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsledger import Ledger
from newsledger.config import Config
from newsledger.errors import ModelNotFoundError
from newsledger.executors import preload
from newsledger.executors.local import PoolExecutor
from newsledger.pipeline.annotate import load_model, model_dir
from newsledger.store.tables import TABLES
from tests.conftest import EXAMPLES


def loaded(model: str) -> bool:
    """In a worker: was ``model`` loaded before this call? (Loads it when it was not.)"""
    hits = load_model.cache_info().hits
    load_model(model, ())
    return load_model.cache_info().hits > hits


def models_loaded(_: int) -> int:
    return load_model.cache_info().currsize


def _with_model(config: Config, model: str) -> Config:
    return replace(config, annotate=replace(config.annotate, model=model))


def test_workers_start_with_the_configured_pipeline_loaded(config: Config, nlp: object) -> None:
    pool = PoolExecutor(2, config)
    try:
        assert list(pool.map(loaded, [config.annotate.model] * 4)) == [True] * 4
    finally:
        pool.close()


def test_the_warm_up_article_takes_the_date_parsing_path(config: Config) -> None:
    """dateparser loads its tables on its first parse (about 1 s of CPU): the warm-up must parse a date."""
    from newsledger.models import Document, RawInput
    from newsledger.pipeline.ingest.prepare import prepare_batch

    docs = prepare_batch([RawInput("newsledger:warm-up", "txt", preload.WARM_UP.encode())], config.ingest)
    assert isinstance(docs[0], Document)
    assert (docs[0].published, docs[0].published_source) == ("2015-03-03", "dateline")


def test_without_a_configuration_workers_load_on_first_use(nlp: object) -> None:
    pool = PoolExecutor(2)
    try:
        assert list(pool.map(models_loaded, range(2))) == [0, 0]
    finally:
        pool.close()


def test_the_server_stops_with_its_last_pool_and_the_next_loads_its_own_pipeline(config: Config,
                                                                                  nlp: object) -> None:
    try:
        model_dir("en_core_web_sm")
    except ModelNotFoundError:
        pytest.skip("en_core_web_sm is not installed")
    for model in ("en_core_web_sm", config.annotate.model):
        pool = PoolExecutor(2, _with_model(config, model))
        try:
            assert list(pool.map(loaded, [model] * 2)) == [True, True]
        finally:
            pool.close()


def test_a_pipeline_the_server_cannot_load_leaves_the_pool_working(config: Config, tmp_path: Path) -> None:
    pool = PoolExecutor(2, _with_model(config, str(tmp_path / "no-such-model")))
    try:
        assert list(pool.map(models_loaded, range(3))) == [0, 0, 0]
    finally:
        pool.close()
    assert preload.ENV not in os.environ  # set for the server only


def _records(db: Path) -> dict[str, list[Any]]:
    per_run = {"run_id", "ingested_at", "logged_at"}
    out = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for table in TABLES:
            if table == "runs":
                continue
            cols = [c[0] for c in con.execute(f"SELECT * FROM {table} LIMIT 0").description if c[0] not in per_run]
            out[table] = sorted(con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)
    return out


@pytest.mark.slow
def test_forked_workers_store_what_one_process_stores(example_db: Path, config: Config, tmp_path: Path) -> None:
    with Ledger(tmp_path / "pool.duckdb", config) as ledger:
        ledger.ingest([str(EXAMPLES)], workers=2)
    assert _records(tmp_path / "pool.duckdb") == _records(example_db)
