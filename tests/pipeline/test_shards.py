"""Shards: planning in local read order, stable ids, and nesting a shard's records per input."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsledger.config import Config
from newsledger.errors import ConfigError
from newsledger.models import LogEntry, RawInput
from newsledger.pipeline.ingest.readers import iter_inputs
from newsledger.pipeline.shards import Shard, nest, plan_shards, shard_job
from newsledger.store.db import write_schemas
from tests.conftest import EXAMPLES


def test_plan_follows_local_read_order(config: Config) -> None:
    shards = plan_shards([str(EXAMPLES)], files_per_shard=4)
    # Containers are shards of their own; loose files run in groups that never span a container.
    assert [len(s.paths) for s in shards] == [1, 1, 1, 4, 4, 4, 4, 1]
    local = [i.input_id for i in iter_inputs([str(EXAMPLES)], config.ingest)]
    assert [i.input_id for s in shards for i in s.read(config.ingest)] == local


def test_what_planning_cannot_read_is_logged_as_locally(tmp_path: Path, config: Config) -> None:
    """A distributed run logs a dangling link, a loop and a link leaving the folder, as a local run does."""
    inputs = tmp_path / "crawl"
    inputs.mkdir()
    (inputs / "story.txt").write_text("Kenyan police arrested 40 opposition supporters in Kisumu.", "utf-8")
    (inputs / "gone.txt").symlink_to(inputs / "deleted.txt")
    (inputs / "loop").symlink_to(inputs)
    (tmp_path / "secret.txt").write_text("not an article", "utf-8")
    (inputs / "outside.txt").symlink_to(tmp_path / "secret.txt")
    shards = plan_shards([str(inputs)])
    assert [s.paths for s in shards if not s.problems] == [(str(inputs / "story.txt"),)]
    assert Shard.from_row(shards[-1].as_row()) == shards[-1]  # problems survive the Ray dataset
    read = [i for s in shards for i in s.read(config.ingest)]
    local = list(iter_inputs([str(inputs)], config.ingest))
    assert sorted(i.input_id for i in read) == sorted(i.input_id for i in local)
    assert len([i for i in read if isinstance(i, LogEntry)]) == 3
    assert not [i for i in read if isinstance(i, RawInput) and "secret" in i.source]


def test_shard_ids_are_stable_and_follow_content(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Story {name}.", "utf-8")
    first = plan_shards([str(tmp_path)])
    assert plan_shards([str(tmp_path), str(tmp_path)]) == first  # the same path twice is read once
    (tmp_path / "b.txt").write_text("A longer, changed story.", "utf-8")
    assert plan_shards([str(tmp_path)])[0].shard_id != first[0].shard_id


def test_parquet_row_groups_are_shards(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "feed.parquet"
    pq.write_table(pa.table({"text": [f"Story {i}." for i in range(5)]}), path, row_group_size=2)
    shards = plan_shards([str(path)])
    assert [s.row_group for s in shards] == [0, 1, 2]
    assert Shard.from_row(shards[1].as_row()) == shards[1]
    assert [len(list(s.read(config.ingest))) for s in shards] == [2, 2, 1]


def test_stdin_cannot_be_sharded() -> None:
    with pytest.raises(ConfigError, match="standard input"):
        plan_shards(["-"])


@pytest.mark.usefixtures("nlp")
def test_shard_records_nest_under_their_input(tmp_path: Path, config: Config) -> None:
    text = ("Leaders meet in Vienna\n\nAustrian Chancellor Karl Nehammer met NATO Secretary-General Jens "
            "Stoltenberg in Vienna on Monday, the chancellery said.\n")
    (tmp_path / "a.txt").write_text(text, "utf-8")
    (tmp_path / "b.txt").write_text(text, "utf-8")  # an exact duplicate: logged, not parsed
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    [shard] = plan_shards([str(tmp_path)])
    [tables] = list(shard_job(config, write_schemas(), "run").chunks(shard))
    nested = nest(tables).to_pylist()
    # As in a local chunk's log: the readers' rejections first, then the prepared inputs in order.
    assert [(r["source"].rsplit("/", 1)[1], r["status"]) for r in nested] == [
        ("c.pdf", "skipped"), ("a.txt", "stored"), ("b.txt", "duplicate")]
    _, stored, duplicate = nested
    assert stored["document"]["doc_id"] == stored["doc_id"] and duplicate["document"] is None
    assert len(stored["sentences"]) == tables["sentences"].num_rows > 0
    assert {m["doc_id"] for m in stored["mentions"]} == {stored["doc_id"]}
    assert [m["idx"] for m in stored["mentions"]] == sorted(m["idx"] for m in stored["mentions"])
    assert duplicate["events"] == [] and isinstance(next(iter(shard.read(config.ingest))), RawInput)
