"""Shard output on disk: Parquet per table and completion markers, written by workers, read back in plan order.

Layout under the output folder ``OUT``::

    _plan.json                   the last run's shards in input order, version, model, config
    <table>/<shard_id>.parquet   documents, sentences, mentions, quotes, claims, events, ingest_log
    _done/<shard_id>.json        written last: the shard is complete (its row counts)

Files are written under a hidden temporary name and renamed, and the marker follows the
renames (datatrove's completion markers), so a crash leaves complete shards and debris that
a rerun overwrites. The folders can be queried in place (DuckDB or Spark:
``read_parquet('OUT/events/*.parquet')``), where an article repeated in two shards appears twice.

Shards are read back in plan order; the run path settles each against the store
(``store/settle.py``) as it settles a shard that came back from a local worker.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsledger.errors import ConfigError
from newsledger.models import Status
from newsledger.store.tables import WRITE_TABLES

log = logging.getLogger(__name__)

PLAN = "_plan.json"
DONE = "_done"


def shard_file(out: Path, table: str, shard_id: str) -> Path:
    return out / table / f"{shard_id}.parquet"


def _marker(out: Path, shard_id: str) -> Path:
    return out / DONE / f"{shard_id}.json"


def is_complete(out: Path, shard_id: str) -> bool:
    """The marker is there and so is every table file: a rerun may skip this shard."""
    return _marker(out, shard_id).is_file() and all(shard_file(out, t, shard_id).is_file() for t in WRITE_TABLES)


def write_plan(out: Path, shards: list[dict[str, Any]], meta: dict[str, Any]) -> None:
    """Record the run's shards in input order: loading follows it, so the first copy of an article wins."""
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / f".{PLAN}.tmp"
    tmp.write_text(json.dumps({**meta, "shards": shards}, indent=1), "utf-8")
    os.replace(tmp, out / PLAN)


def read_plan(out: Path) -> dict[str, Any]:
    """The plan, or an empty one when the folder has none (shards copied from elsewhere)."""
    try:
        return json.loads((out / PLAN).read_text("utf-8"))  # type: ignore[no-any-return]
    except FileNotFoundError:
        return {"shards": []}


def write_shard(out: Path, shard_id: str, chunks: Iterable[dict[str, pa.Table]],
                schemas: dict[str, pa.Schema]) -> dict[str, int]:
    """Stream a shard's chunks into one Parquet file per table, then mark it complete.

    Returns rows per table and inputs per ingest-log status (what the marker holds).
    """
    tmp = {t: out / t / f".{shard_id}.parquet.tmp" for t in WRITE_TABLES}
    for path in tmp.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    writers = {t: pq.ParquetWriter(tmp[t], schemas[t]) for t in WRITE_TABLES}
    counts = dict.fromkeys(WRITE_TABLES, 0) | {s.value: 0 for s in Status}
    try:
        for tables in chunks:
            for t, writer in writers.items():
                writer.write_table(tables[t])
                counts[t] += tables[t].num_rows
            for status in tables["ingest_log"]["status"].to_pylist():
                counts[status] += 1
    finally:
        for writer in writers.values():
            writer.close()
    for t, path in tmp.items():
        os.replace(path, shard_file(out, t, shard_id))
    marker = _marker(out, shard_id)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.with_suffix(".tmp").write_text(json.dumps(counts), "utf-8")
    os.replace(marker.with_suffix(".tmp"), marker)
    return counts


def read_shards(out: Path, schemas: dict[str, pa.Schema]) -> Iterator[dict[str, pa.Table]]:
    """Every complete shard under ``out``, as tables, in plan order; then the complete shards the
    plan does not list (from an earlier run with other inputs), in id order. Incomplete ones are
    left out with a warning.

    Raises:
        ConfigError: ``out`` holds no shard output.
    """
    if not (out / DONE).is_dir():
        raise ConfigError(f"no shard output in {out}: write some with "
                          f"`newsledger ingest PATH --executor ray --out {out}`")
    planned = [s["shard_id"] for s in read_plan(out)["shards"]]
    done = sorted(p.stem for p in (out / DONE).glob("*.json"))
    for shard_id in dict.fromkeys(planned + done):
        if not is_complete(out, shard_id):
            log.warning("shard %s is not complete and was not loaded: rerun the ingest to write it", shard_id)
            continue
        yield {t: pq.read_table(shard_file(out, t, shard_id), schema=schemas[t]) for t in WRITE_TABLES}
