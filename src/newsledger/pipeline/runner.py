"""The one run path: plan shards, skip completed ones, run the stages on each shard, write.

datatrove's model (``PipelineExecutor._run_for_rank``): every run, local or on Ray, goes
through ``run``; an ``Executor`` only decides *where* ``ShardJob`` runs on a shard (this
process, a local pool, Ray actors) and hands the results back in plan order. The single
writer then settles each shard against the store and the shards not yet written
(``store/settle.py``) and commits them a few at a time, each group in one transaction, so the
store is the same whichever executor ran the shards and in what order they finished. Results
travel back in memory, or, given ``out``, as Parquet shards a worker on another machine writes
(``store/shards.py``), which a rerun skips and ``load`` reads.
This module never imports an executor: it is handed one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pyarrow as pa

from newsledger import __version__
from newsledger.config import Config
from newsledger.models import RawInput
from newsledger.pipeline.annotate import model_label
from newsledger.pipeline.shards import AnyShard, ItemShard, ShardJob
from newsledger.store.db import Store
from newsledger.store.rows import concat
from newsledger.store.runs import set_stage
from newsledger.store.settle import RunCounts, Unwritten, settle
from newsledger.store.shards import is_complete, read_shards, write_plan, write_shard

In = TypeVar("In")
Out = TypeVar("Out")

OnShard = Callable[[RunCounts], None]


class Executor(Protocol):
    """Where shards run (``executors/``): ``map`` yields ``fn(item)`` for every item, in input order."""

    def map(self, fn: Callable[[In], Out], items: Iterable[In]) -> Iterator[Out]: ...

    def close(self) -> None: ...


@dataclass(slots=True)
class ShardReport:
    written: list[str]  # shard ids processed by this call
    skipped: list[str]  # complete before it: a rerun after a crash does not redo them


def run(shards: Iterable[AnyShard], job: ShardJob, executor: Executor, store: Store, run_id: str,
        on_shard: OnShard | None = None, out: Path | None = None, meta: dict[str, Any] | None = None) -> RunCounts:
    """Run ``job`` on every shard not yet done, where ``executor`` says, and write the results in plan order.

    Without ``out`` the tables come back in memory and inputs the store (or this run) already
    holds are dropped before any worker sees them. With ``out`` the shards are first written
    there as Parquet (``produce``, recording ``meta`` with the plan), then loaded (``load``).
    """
    if out is not None:
        produce(list(shards), job, executor, out, meta or {})
        set_stage(store, run_id, "load")
        return load(store, out, run_id, job.ingest.commit_size, on_shard)
    counts = RunCounts()
    in_flight: deque[set[str]] = deque()  # input ids of the shards handed out, oldest first
    todo = _unfinished(shards, store, in_flight, counts)
    return _write(executor.map(job, todo), store, run_id, job.ingest.commit_size, on_shard, counts, in_flight)


def produce(shards: Sequence[AnyShard], job: ShardJob, executor: Executor, out: Path, meta: dict[str, Any]
            ) -> ShardReport:
    """Write each shard's tables under ``out`` (one Parquet file per table, then its marker),
    skipping the shards already complete there. The plan is recorded first: loading follows it.
    """
    write_plan(out, [s.as_row() for s in shards], meta)
    todo = [s for s in shards if not is_complete(out, s.shard_id)]
    for _ in executor.map(partial(_write_shard, job=job, out=str(out.resolve())), todo):
        pass
    written = {s.shard_id for s in todo}
    return ShardReport([s.shard_id for s in todo], [s.shard_id for s in shards if s.shard_id not in written])


def load(store: Store, out: Path, run_id: str, commit_size: int, on_shard: OnShard | None = None) -> RunCounts:
    """Write the complete shards under ``out`` into ``store`` in plan order; loading again adds nothing.

    Raises:
        ConfigError: ``out`` holds no shard output.
    """
    return _write(read_shards(out, store.schemas()), store, run_id, commit_size, on_shard, RunCounts())


def plan_meta(cfg: Config, inputs: list[str]) -> dict[str, Any]:
    """What a shard folder records about the run that planned it."""
    return {"version": __version__, "model": model_label(cfg.annotate.model), "config": cfg.to_json(),
            "inputs": inputs}


def _write_shard(shard: AnyShard, job: ShardJob, out: str) -> dict[str, int]:
    """A worker's part with ``out``: the shard's chunks streamed to Parquet as they are made."""
    return write_shard(Path(out), shard.shard_id, job.chunks(shard), job.schemas)


def _unfinished(shards: Iterable[AnyShard], store: Store, in_flight: deque[set[str]], counts: RunCounts
                ) -> Iterator[AnyShard]:
    """Shards without the inputs already done: stored by an earlier run, or handed out earlier in this one.

    Only a shard the coordinator read can be trimmed; what a worker reads itself is settled
    when written. A shard left with nothing to do is not handed out.
    """
    for shard in shards:
        if not isinstance(shard, ItemShard):
            in_flight.append(set())
            yield shard
            continue
        ids = [i.input_id for i in shard.items if isinstance(i, RawInput)]
        done = store.known_inputs(ids).union(*in_flight)
        items, taken = [], set()
        for item in shard.items:
            if isinstance(item, RawInput):
                if item.input_id in done or item.input_id in taken:
                    counts.unchanged += 1
                    continue
                taken.add(item.input_id)
            items.append(item)
        if items:
            in_flight.append(taken)
            yield ItemShard(shard.shard_id, tuple(items))


def _write(results: Iterable[dict[str, pa.Table]], store: Store, run_id: str, commit_size: int,
           on_shard: OnShard | None, counts: RunCounts, in_flight: deque[set[str]] | None = None) -> RunCounts:
    """The single writer: shards settled against the store in order and committed a group at a time.

    A group is one transaction of the shards that reach ``commit_size`` inputs (or what is left
    at the end): each insert has a fixed cost of milliseconds a table, paid once per group
    instead of once per shard. A kill loses the uncommitted group, which a rerun redoes.
    """
    group: list[dict[str, pa.Table]] = []
    tally, unwritten = RunCounts(), Unwritten()

    def commit() -> None:
        nonlocal tally, unwritten
        store.write_tables(concat(group))
        counts.absorb(tally)
        for _ in group:
            if in_flight:
                in_flight.popleft()
            if on_shard:
                on_shard(counts)
        group.clear()
        tally, unwritten = RunCounts(), Unwritten()

    for tables in results:
        group.append(settle(store, tables, run_id, tally, unwritten))
        if sum(t["ingest_log"].num_rows for t in group) >= commit_size:
            commit()
    if group:
        commit()
    return counts
