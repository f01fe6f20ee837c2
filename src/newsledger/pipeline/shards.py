"""Shards: the units a run processes independently, how they are planned, and what one yields.

Reads:   the paths given to ``ingest`` (``Shard``: a container file, a Parquet row group, or a
         run of loose article files, read where the shard runs), or inputs the coordinator
         read itself (``ItemShard``: standard input, records, a local run's files).
Yields:  per shard, the Arrow tables the store writes, ingest log included (``ShardJob``).
A shard runs the stages of ``pipeline/stages.py`` chunk by chunk, so memory follows the
chunk and not the shard. Shards know nothing of each other or of a store: exact duplicates
*across* shards, and inputs stored by an earlier run, are settled by the writer
(``store/settle.py``).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pyarrow as pa
import pyarrow.parquet as pq

from newsledger.config import Config, IngestConfig
from newsledger.errors import ConfigError
from newsledger.models import LogEntry, RawInput, Status, content_hash
from newsledger.pipeline.ingest.readers import CONTAINERS, Item, detect_format, iter_inputs, read_parquet
from newsledger.pipeline.ingest.walk import rejected, scan
from newsledger.pipeline.stages import Batch, Stage, pipeline
from newsledger.store.rows import concat
from newsledger.store.tables import RECORD_TABLES

T = TypeVar("T")

# Loose article files (.txt, .html) grouped into one shard: about 5 s of parsing on one core,
# enough to pay for a shard's handful of output files.
FILES_PER_SHARD = 32


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


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

    def read(self, cfg: IngestConfig) -> Iterator[Item]:
        """The shard's inputs, exactly as a local run reads them (same sources, same input ids)."""
        yield from (rejected(source, fmt, Status(status), reason) for source, fmt, status, reason in self.problems)
        if not self.paths:
            return
        if self.row_group is None:
            yield from iter_inputs(list(self.paths), cfg)
        else:
            yield from read_parquet(Path(self.paths[0]), cfg, self.row_group)


@dataclass(frozen=True, slots=True)
class ItemShard:
    """Inputs the coordinator has read (a local run's files, standard input, API records)."""

    shard_id: str
    items: tuple[Item, ...]

    def as_row(self) -> dict[str, Any]:
        """What a shard folder's plan records of it: its inputs' sources."""
        return {"shard_id": self.shard_id, "sources": [i.source for i in self.items]}

    def read(self, cfg: IngestConfig) -> Iterator[Item]:
        return iter(self.items)


AnyShard = Shard | ItemShard


def stream_shards(items: Iterable[Item], size: int) -> Iterator[ItemShard]:
    """Consecutive runs of ``size`` inputs, read lazily: a local run's plan.

    Reading is cheap and sequential (a WARC is one stream), parsing is not; cutting the stream
    rather than the files keeps every worker busy whatever the files' sizes, and lets the run
    path drop inputs the store already holds before any worker sees them.
    """
    for i, chunk in enumerate(batched(items, size)):
        yield ItemShard(f"stream-{i}", tuple(chunk))


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


@dataclass(frozen=True, slots=True)
class ShardJob:
    """What a worker does with one shard: read it and run the stages over it, a chunk at a time.

    An input seen twice in the shard (a WARC record repeated) is read once. Picklable, so an
    executor can send it anywhere; it never touches a store.
    """

    stages: tuple[Stage, ...]
    ingest: IngestConfig
    schemas: dict[str, pa.Schema]  # of the tables each chunk yields
    chunk: int  # inputs per chunk

    def chunks(self, shard: AnyShard) -> Iterator[dict[str, pa.Table]]:
        """The shard's tables a chunk at a time; at least one chunk, so an empty shard still yields its tables."""
        seen_inputs: set[str] = set()
        seen_docs: set[str] = set()
        for chunk in _at_least_one(batched(shard.read(self.ingest), self.chunk)):
            fresh: list[Item] = []
            for item in chunk:
                if isinstance(item, RawInput):
                    if item.input_id in seen_inputs:
                        continue
                    seen_inputs.add(item.input_id)
                fresh.append(item)
            batch = Batch(fresh, seen_docs)
            for stage in self.stages:
                batch = stage.run(batch)
            yield batch.tables

    def __call__(self, shard: AnyShard) -> dict[str, pa.Table]:
        """The whole shard's tables: what a worker returns when the result travels back in memory."""
        return concat(list(self.chunks(shard)))


def _at_least_one(chunks: Iterator[list[Item]]) -> Iterator[list[Item]]:
    """``chunks``, or one empty chunk when there are none: its tables still carry the schemas."""
    first = next(chunks, [])
    yield first
    yield from chunks


def shard_job(cfg: Config, schemas: dict[str, pa.Schema], run_id: str) -> ShardJob:
    """The job of a run: the pipeline's stages, and chunks of four batches."""
    return ShardJob(pipeline(cfg, schemas, run_id), cfg.ingest, schemas, cfg.ingest.batch_size * 4)


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
