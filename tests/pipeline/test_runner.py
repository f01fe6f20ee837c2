"""The one run path: skip what is done, run shards where the executor says, settle and write in plan order.

These runs leave spaCy out (a stand-in stage stores documents unparsed), so they test the
path itself in a second: what is skipped, what becomes a duplicate, and that the executor
and the Parquet detour change nothing in the store.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from newsledger.config import Config
from newsledger.executors.local import InProcessExecutor, PoolExecutor
from newsledger.models import Annotated
from newsledger.pipeline.ingest.readers import iter_inputs
from newsledger.pipeline.runner import Executor, run
from newsledger.pipeline.shards import ShardJob, plan_shards, stream_shards
from newsledger.pipeline.stages import Batch, Dedup, Prepare, Rows
from newsledger.store.db import Store
from newsledger.store.settle import RunCounts
from newsledger.store.tables import WRITE_TABLES

STORY = ("{city} talks end without a deal\n\nForeign ministers met in {city} on Monday and agreed to meet "
         "again next month, the host government said in a statement.\n")


@dataclass(frozen=True, slots=True)
class Unparsed:
    """Stands in for the annotate stage: every document stored, nothing found in it."""

    name: str = "annotate"
    reads: tuple[str, ...] = ("documents",)
    adds: tuple[str, ...] = ("annotated",)

    def run(self, batch: Batch) -> Batch:
        batch.annotated = [Annotated(d) for d in batch.documents]
        return batch


def _job(config: Config, store: Store) -> ShardJob:
    schemas = store.schemas()
    return ShardJob((Prepare(config.ingest), Dedup(), Unparsed(), Rows(schemas, "run")), config.ingest, schemas, 4)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Five files, two of them the same text under other names, in read order a-e."""
    root = tmp_path / "in"
    root.mkdir()
    for name, city in (("a", "Vienna"), ("b", "Minsk"), ("c", "Vienna"), ("d", "Baku"), ("e", "Minsk")):
        (root / f"{name}.txt").write_text(STORY.format(city=city), "utf-8")
    return root


def _ingest(root: Path, db: Path, config: Config, executor: Executor, shard_size: int = 1,
            out: Path | None = None) -> RunCounts:
    with Store(db) as store:
        if out is None:
            shards = stream_shards(iter_inputs([str(root)], config.ingest), shard_size)
            return run(shards, _job(config, store), executor, store, "run")
        return run(plan_shards([str(root)], files_per_shard=2), _job(config, store), executor, store, "run",
                   out=out, meta={})


def _log(db: Path) -> list[tuple[str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT source, status FROM ingest_log").fetchall()
    return sorted((Path(s).name, status) for s, status in rows)


def _tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    per_run = {"run_id", "ingested_at", "logged_at"}
    with duckdb.connect(str(db), read_only=True) as con:
        out = {}
        for table in WRITE_TABLES:
            cols = [c[0] for c in con.execute(f"SELECT * FROM {table} LIMIT 0").description if c[0] not in per_run]
            out[table] = sorted(con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)
    return out


def test_first_copy_in_read_order_wins_across_shards_and_a_rerun_adds_nothing(
        corpus: Path, tmp_path: Path, config: Config) -> None:
    db = tmp_path / "one.duckdb"
    counts = _ingest(corpus, db, config, InProcessExecutor())  # a shard per file: every copy in another shard
    assert (counts.stored, counts.duplicate, counts.unchanged) == (3, 2, 0)
    assert _log(db) == [("a.txt", "stored"), ("b.txt", "stored"), ("c.txt", "duplicate"), ("d.txt", "stored"),
                        ("e.txt", "duplicate")]
    again = _ingest(corpus, db, config, InProcessExecutor())
    assert (again.stored, again.duplicate, again.unchanged) == (0, 0, 5)
    assert _log(db) == [("a.txt", "stored"), ("b.txt", "stored"), ("c.txt", "duplicate"), ("d.txt", "stored"),
                        ("e.txt", "duplicate")]


def test_pool_and_parquet_detour_write_the_same_store_as_one_process(
        corpus: Path, tmp_path: Path, config: Config) -> None:
    reference = tmp_path / "ref.duckdb"
    _ingest(corpus, reference, config, InProcessExecutor(), shard_size=2)
    pool = PoolExecutor(2)
    try:
        _ingest(corpus, tmp_path / "pool.duckdb", config, pool, shard_size=2)
    finally:
        pool.close()
    out = tmp_path / "shards"
    counts = _ingest(corpus, tmp_path / "parquet.duckdb", config, InProcessExecutor(), out=out)
    assert (counts.stored, counts.duplicate) == (3, 2)
    assert _tables(tmp_path / "pool.duckdb") == _tables(reference) == _tables(tmp_path / "parquet.duckdb")
    assert len(list((out / "_done").glob("*.json"))) == 3  # files per shard 2: a-b, c-d, e


def test_an_input_given_twice_is_done_once_even_while_its_first_copy_is_in_flight(
        corpus: Path, tmp_path: Path, config: Config) -> None:
    twice = [str(corpus / "a.txt"), str(corpus / "d.txt"), str(corpus / "a.txt")]
    pool = PoolExecutor(2)  # three shards of one input handed out before the first is written
    try:
        with Store(tmp_path / "db.duckdb") as store:
            counts = run(stream_shards(iter_inputs(twice, config.ingest), 1), _job(config, store), pool, store, "run")
    finally:
        pool.close()
    assert (counts.stored, counts.duplicate, counts.unchanged) == (2, 0, 1)
    assert _log(tmp_path / "db.duckdb") == [("a.txt", "stored"), ("d.txt", "stored")]


def test_pool_map_reads_lazily_and_keeps_order() -> None:
    pulled = []

    def numbers() -> Iterator[int]:
        for i in range(50):
            pulled.append(i)
            yield i

    pool = PoolExecutor(2)
    try:
        results = pool.map(operator.neg, numbers())
        assert next(results) == 0 and len(pulled) <= 5  # two in flight per worker, and one queued behind
        assert list(results) == [-i for i in range(1, 50)]
    finally:
        pool.close()

