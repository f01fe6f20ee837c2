"""The Ray executor: the same store as the local executor, resumable shards, idempotent load.

One local Ray (2 CPUs, a 500 MB object store) serves the whole module; the local and Ray
stores are built once and compared table by table.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsledger import Ledger
from newsledger.cli import app
from newsledger.config import Config
from newsledger.store.shards import DONE, shard_file
from newsledger.store.tables import TABLES, WRITE_TABLES
from tests.conftest import EXAMPLES

runner = CliRunner(env={"COLUMNS": "200"})

# Columns that say which run wrote a row and when: the only ones allowed to differ.
PER_RUN = {"run_id", "ingested_at", "logged_at"}
# Every table a user can export except the record of runs: the cross-document ones too, as
# they depend on the documents only, never on when a worker stored each one.
COMPARED = tuple(t for t in TABLES if t != "runs")


@pytest.fixture(scope="module")
def ray_session() -> Iterator[None]:
    if not os.environ.get("CI"):  # CI installs the ray extra (make install): there a missing ray fails
        pytest.importorskip("ray", reason="ray is not installed: pip install 'newsledger[ray]'")
    import ray

    ray.init(num_cpus=2, object_store_memory=500 * 1024 * 1024, include_dashboard=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The example corpus plus exact duplicates: one in another shard, one within a shard."""
    extra = tmp_path_factory.mktemp("extra")
    shutil.copy(EXAMPLES / "txt" / "meridian_finland_joins_nato.txt", extra / "copy.txt")
    text = (EXAMPLES / "txt" / "blackseaherald_grain_corridor_signed.txt").read_text("utf-8")
    record = json.dumps({"title": "Grain corridor", "text": text})
    (extra / "feed.jsonl").write_text(f"{record}\n{record}\n", "utf-8")
    return [str(EXAMPLES), str(extra)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, inputs: list[str], config: Config, nlp: object,
          ray_session: None) -> dict[str, Path]:
    """A store ingested locally and one ingested through Ray by the command line, with its shards."""
    root = tmp_path_factory.mktemp("stores")
    with Ledger(root / "local.duckdb", config) as ledger:
        ledger.ingest(inputs, workers=2)
    result = runner.invoke(app, ["ingest", *inputs, "--executor", "ray", "--workers", "2", "--db",
                                 str(root / "ray.duckdb"), "--out", str(root / "shards"), "--quiet"])
    assert result.exit_code == 0, result.output
    return {"local": root / "local.duckdb", "ray": root / "ray.duckdb", "shards": root / "shards"}


def rows(db: Path, table: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        cols = [c[0] for c in con.execute(f"SELECT * FROM {table} LIMIT 0").description if c[0] not in PER_RUN]
        return sorted(con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)


@pytest.mark.ray
@pytest.mark.slow
@pytest.mark.parametrize("table", COMPARED)
def test_ray_store_equals_local_store(built: dict[str, Path], table: str) -> None:
    local = rows(built["local"], table)
    assert local and rows(built["ray"], table) == local


@pytest.mark.ray
def test_duplicates_across_and_within_shards_are_logged_not_stored(built: dict[str, Path]) -> None:
    for db in (built["local"], built["ray"]):
        with duckdb.connect(str(db), read_only=True) as con:
            dup = con.execute("SELECT source FROM ingest_log WHERE status = 'duplicate' ORDER BY 1").fetchall()
            assert [s.rsplit("/", 1)[1] for (s,) in dup] == ["copy.txt", "feed.jsonl:2"]
            assert con.execute("SELECT count(*) = count(DISTINCT doc_id) FROM documents").fetchone() == (True,)


@pytest.mark.ray
def test_rerun_redoes_only_the_missing_shard(built: dict[str, Path], inputs: list[str], config: Config,
                                             tmp_path: Path) -> None:
    from newsledger.executors.ray import write_shards

    out = tmp_path / "shards"
    shutil.copytree(built["shards"], out)
    marker = sorted((out / DONE).glob("*.json"))[1]
    shard_id = marker.stem
    before = pq.read_table(shard_file(out, "events", shard_id))
    for table in WRITE_TABLES:  # a crash before this shard was written
        shard_file(out, table, shard_id).unlink()
    marker.unlink()
    report = write_shards(inputs, out, config, workers=1)
    assert report.written == [shard_id]
    assert len(report.skipped) == len(list((out / DONE).glob("*.json"))) - 1 > 0
    assert pq.read_table(shard_file(out, "events", shard_id)).equals(before)
    assert write_shards(inputs, out, config).written == []  # all done: Ray is not even needed


@pytest.mark.ray
def test_load_is_idempotent_and_reproduces_the_store(built: dict[str, Path], tmp_path: Path) -> None:
    counts = {t: len(rows(built["ray"], t)) for t in COMPARED}
    with duckdb.connect(str(built["ray"]), read_only=True) as con:
        (known,) = con.execute("SELECT count(*) FROM ingest_log WHERE status IN ('stored', 'duplicate')").fetchone()
    again = runner.invoke(app, ["load", str(built["shards"]), "--db", str(built["ray"]), "--quiet"])
    assert again.exit_code == 0, again.output
    assert f"0 stored, 0 duplicate, {known} unchanged" in again.output
    assert {t: len(rows(built["ray"], t)) for t in COMPARED} == counts
    fresh = tmp_path / "fresh.duckdb"
    first = runner.invoke(app, ["load", str(built["shards"]), "--db", str(fresh), "--quiet"])
    assert first.exit_code == 0, first.output
    for table in COMPARED:
        assert rows(fresh, table) == rows(built["ray"], table), table


@pytest.mark.ray
def test_extract_dataset_nests_records_under_inputs(built: dict[str, Path], inputs: list[str],
                                                    config: Config) -> None:
    from newsledger.executors.ray import extract_dataset

    ds = extract_dataset(inputs[1:], config, workers=1).materialize()  # the small folder: two shards
    got = sorted(ds.take_all(), key=lambda r: r["source"])
    assert [(r["source"].rsplit("/", 1)[1], r["status"]) for r in got] == [
        ("copy.txt", "stored"), ("feed.jsonl:1", "stored"), ("feed.jsonl:2", "duplicate")]
    copy = got[0]
    assert copy["document"]["doc_id"] == copy["doc_id"]
    stored = {(e["doc_id"], e["idx"]) for e in copy["events"]}
    with duckdb.connect(str(built["local"]), read_only=True) as con:
        local = con.execute("SELECT doc_id, idx FROM events WHERE doc_id = ?", [copy["doc_id"]]).fetchall()
    assert stored == set(local)
    events = ds.flat_map(lambda row: row["events"])  # as in the README: records out of their articles
    assert events.count() == sum(len(r["events"]) for r in got)


def test_missing_ray_is_a_clean_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, nlp: object) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--executor", "ray", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert "pip install 'newsledger[ray]'" in result.output and "Traceback" not in result.output
    with duckdb.connect(str(tmp_path / "x.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM runs").fetchone() == (0,)  # failed before any run began
