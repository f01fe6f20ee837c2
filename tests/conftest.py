"""Shared fixtures: configuration, fresh stores, and the spaCy pipeline check."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from newsledger.config import Config, load_config
from newsledger.errors import ModelNotFoundError
from newsledger.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"


@pytest.fixture(scope="session")
def config() -> Config:
    return load_config(environ={})


@pytest.fixture(scope="session")
def small_batches(config: Config) -> Config:
    """Batches of two documents, each committed alone, so that a handful of inputs spans several chunks."""
    return replace(config, ingest=replace(config.ingest, batch_size=2, commit_size=2))


@pytest.fixture(scope="session")
def nlp(config: Config):  # type: ignore[no-untyped-def]
    """The configured spaCy pipeline; skips (never under CI) when it is not installed."""
    from newsledger.pipeline.annotate import load_model

    try:
        return load_model(config.annotate.model)
    except ModelNotFoundError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"{exc} (run `make install`)")


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory, config: Config, nlp: object) -> Path:
    """The example corpus ingested once per run; a test that writes works on a copy."""
    from newsledger.api import Ledger

    db = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    with Ledger(db, config) as ledger:
        ledger.ingest([str(EXAMPLES)])
    return db


@pytest.fixture
def fresh_store() -> Iterator[Store]:
    store = Store(":memory:")
    yield store
    store.close()
