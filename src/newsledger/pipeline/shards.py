"""Shards: the units a distributed run processes independently, and what one shard yields.

Reads:   the paths given to ``ingest``.
Yields:  ``Shard`` plans (a container file, a Parquet row group, or a run of loose article
         files), then per shard the same Arrow tables a local ingest writes, ingest log included.
A shard is processed with the local pipeline's own steps (``prepare_batch``, ``split_fresh``,
``annotate_tables``), chunk by chunk so memory follows the chunk and not the shard. Shards
know nothing of each other or of a store: exact duplicates *across* shards, and inputs
stored by an earlier run, are settled when the shards are loaded (``store/shards.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsledger.config import Config
from newsledger.errors import ConfigError
from newsledger.models import LogEntry, RawInput, Status, content_hash
from newsledger.pipeline.ingest.prepare import prepare_batch
from newsledger.pipeline.ingest.readers import CONTAINERS, Item, detect_format, iter_inputs, read_parquet
from newsledger.pipeline.ingest.walk import rejected, scan
from newsledger.pipeline.runner import annotate_tables, batched, split_fresh
from newsledger.store.rows import concat, log_table
from newsledger.store.tables import RECORD_TABLES

# Loose article files (.txt, .html) grouped into one shard: about 5 s of parsing on one core,
# enough to pay for a shard's handful of output files.
FILES_PER_SHARD = 32


@dataclass(frozen=True, slots=True)
class Shard:
    """Files read in order (``row_group``: only that row group of a single Parquet file).

    The id hashes each file's path, size and modification time, so an input that changes gets
    a new shard and is redone, and a rerun finds the shards it already wrote.
    """

    shard_id: str
    paths: tuple[str, ...]
    row_group: int | None = None
    # What planning found but could not read (a dangling link, a loop, a link leaving the input
    # folder, a folder it could not list): (source, format, status, reason), logged by the shard
    # exactly as a local run logs them.
    problems: tuple[tuple[str, str, str, str], ...] = ()

    def as_row(self) -> dict[str, Any]:
        """The shard as a dataset row (a Ray Dataset of shards is what workers are fed)."""
        return {"shard_id": self.shard_id, "paths": list(self.paths), "row_group": self.row_group,
                "problems": [list(p) for p in self.problems]}

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Shard:
        group = row["row_group"]
        problems = tuple((str(a), str(b), str(c), str(d)) for a, b, c, d in row.get("problems") or ())
        return cls(row["shard_id"], tuple(row["paths"]), None if group is None else int(group), problems)


def _shard(paths: list[str], row_group: int | None = None) -> Shard:
    stamp = []
    for p in paths:
        try:
            st = Path(p).stat()
            stamp.append([p, st.st_size, st.st_mtime_ns])
        except OSError:  # missing or unreadable: its shard logs why, like a local run
            stamp.append([p, None, None])
    return Shard(content_hash(json.dumps([stamp, row_group]))[:20], tuple(paths), row_group)


def plan_shards(paths: list[str], files_per_shard: int = FILES_PER_SHARD) -> list[Shard]:
    """Shards in the order a local run reads the same paths; the same path twice is one shard.

    Every container file (JSON, JSON Lines, WARC) is a shard, and so is every row group of a
    Parquet file; runs of consecutive loose files make shards of up to ``files_per_shard``.
    A run never spans a container, so shards taken in order read inputs in local order.

    Raises:
        ConfigError: ``-`` (stdin) given, or ``files_per_shard`` below 1.
    """
    if "-" in paths:
        raise ConfigError("a distributed run reads files, not standard input: save it to a file first")
    if files_per_shard < 1:
        raise ConfigError("files_per_shard must be at least 1")
    shards: list[Shard] = []
    loose: list[str] = []

    def flush() -> None:
        shards.extend(_shard(group) for group in batched(loose, files_per_shard))
        loose.clear()

    for p in paths:
        path = Path(p)
        problems: list[tuple[str, str, str, str]] = []
        for f in scan(path) if path.is_dir() else [path]:
            if isinstance(f, LogEntry):
                problems.append((f.source, f.fmt, f.status.value, f.reason))
                continue
            fmt = detect_format(f) if f.is_file() else None
            if fmt not in CONTAINERS:
                loose.append(str(f))
                continue
            flush()
            groups = _row_groups(f) if fmt == "parquet" else 1
            shards.extend(_shard([str(f)], g if groups > 1 else None) for g in range(groups))
        flush()
        if problems:
            shards.append(Shard(content_hash(json.dumps(problems))[:20], (), None, tuple(problems)))
    return list({s.shard_id: s for s in shards}.values())  # dicts keep first insertion order


def _row_groups(path: Path) -> int:
    try:
        return int(pq.ParquetFile(path).num_row_groups)
    except (OSError, ValueError):  # damaged: one shard, whose reader logs the failure
        return 1


def read_shard(shard: Shard, cfg: Config) -> Iterator[Item]:
    """The shard's inputs, exactly as a local run reads them (same sources, same input ids)."""
    yield from (rejected(source, fmt, Status(status), reason) for source, fmt, status, reason in shard.problems)
    if not shard.paths:
        return
    if shard.row_group is None:
        yield from iter_inputs(list(shard.paths), cfg.ingest)
    else:
        yield from read_parquet(Path(shard.paths[0]), cfg.ingest, shard.row_group)


def extract_shard(shard: Shard, cfg: Config, schemas: dict[str, pa.Schema], run_id: str
                  ) -> Iterator[dict[str, pa.Table]]:
    """Run the pipeline over one shard, yielding a chunk's tables at a time (``store.rows`` layout).

    Exact duplicates within the shard are logged ``duplicate`` and not parsed, as locally; an
    input seen twice in the shard (a WARC record repeated) is read once.
    """
    seen_inputs: set[str] = set()
    seen_docs: set[str] = set()
    for chunk in batched(read_shard(shard, cfg), cfg.ingest.batch_size * 4):
        logs = [i for i in chunk if isinstance(i, LogEntry)]
        raws = []
        for item in chunk:
            if isinstance(item, RawInput) and item.input_id not in seen_inputs:
                seen_inputs.add(item.input_id)
                raws.append(item)
        fresh = split_fresh(prepare_batch(raws, cfg.ingest), seen_docs, logs)
        tables = concat([annotate_tables(b, cfg, schemas, run_id) for b in batched(fresh, cfg.ingest.batch_size)])
        tables["ingest_log"] = log_table(logs, schemas["ingest_log"], run_id)
        yield {name: tables.get(name, schema.empty_table()) for name, schema in schemas.items()}


def nest(tables: dict[str, pa.Table]) -> pa.Table:
    """One row per input: its ingest-log columns, its ``document`` (null unless stored) and
    that document's sentences, mentions, quotes, claims and events as lists of structs.

    The shape a user's Ray job wants: every record of an article travels with the article.
    """
    log = tables["ingest_log"]
    row_of = {d: i for i, (d, s) in enumerate(zip(log["doc_id"].to_pylist(), log["status"].to_pylist(), strict=True))
              if s == "stored"}
    docs = tables["documents"]
    where: list[int | None] = [None] * log.num_rows
    for j, d in enumerate(docs["doc_id"].to_pylist()):
        where[row_of[d]] = j
    out = log.append_column("document", _structs(docs).take(pa.array(where, pa.int64())))
    for name in RECORD_TABLES:
        table = tables[name]
        rows = [row_of[d] for d in table["doc_id"].to_pylist()]
        order = sorted(range(len(rows)), key=rows.__getitem__)  # stable: records keep their order
        offsets = [0] * (log.num_rows + 1)
        for r in rows:
            offsets[r + 1] += 1
        for i in range(log.num_rows):
            offsets[i + 1] += offsets[i]
        values = _structs(table).take(pa.array(order, pa.int64()))
        out = out.append_column(name, pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), values))
    return out


def _structs(table: pa.Table) -> pa.StructArray:
    return pa.StructArray.from_arrays([c.combine_chunks() for c in table.columns], fields=list(table.schema))
