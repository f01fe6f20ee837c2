"""Ray executor: the shard pipeline on a Ray cluster, or on a Ray started on this machine.

The only module that imports ``ray``, and only inside functions, so ``import newsledger``
never needs it (``pip install 'newsledger[ray]'`` adds it). Ray decides where shards run,
nothing else: ``RayExecutor`` is the run path's executor (``pipeline/runner.py``), an actor
per worker, each loading the spaCy pipeline once and then running a shard per call.
``extract_dataset`` gives the same records as a Ray Dataset for a user's own Ray job.
Measured on 2 cores, a local pool is faster (start-up and serialisation), so the local
executor stays the default and Ray is for more cores than one machine has.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

import pyarrow as pa

from newsledger.config import Config, load_config
from newsledger.errors import MissingDependencyError
from newsledger.pipeline.runner import ShardReport, plan_meta, produce
from newsledger.pipeline.shards import FILES_PER_SHARD, Shard, ShardJob, nest, plan_shards, shard_job
from newsledger.store.db import write_schemas

if TYPE_CHECKING:
    import ray.data

In = TypeVar("In")
Out = TypeVar("Out")

# A local Ray's shared-memory store: only shard plans and per-shard summaries (or, from
# extract_dataset, records) pass through it, so a modest size leaves memory to the parsers.
LOCAL_OBJECT_STORE_BYTES = 1_000_000_000


def import_ray() -> ModuleType:
    """``ray`` with Ray Data, or an error naming the extra that installs it.

    Raises:
        MissingDependencyError: ray is not installed.
    """
    try:
        import ray
        import ray.data  # noqa: F401 - the Data library ships in the ray[data] extra
    except ImportError as exc:
        raise MissingDependencyError(
            "the Ray executor needs Ray: pip install 'newsledger[ray]' (or choose --executor local)"
        ) from exc
    return ray


@contextmanager
def ray_session(address: str | None = None, workers: int = 1) -> Iterator[None]:
    """Connect to the Ray cluster at ``address`` (``ray://HEAD:10001``), or start Ray here with
    ``workers`` CPUs; shut down only what this started. A session already open (the caller's
    own Ray job, a test's) is used as it is.
    """
    ray = import_ray()
    if ray.is_initialized():
        yield
        return
    if address:
        ray.init(address=address)
    else:
        ray.init(num_cpus=workers, include_dashboard=False, object_store_memory=LOCAL_OBJECT_STORE_BYTES)
    try:
        yield
    finally:
        ray.shutdown()


class _Actor:
    """One worker of a ``RayExecutor``: runs what it is given; what it loads (spaCy) stays cached between calls."""

    def run(self, fn: Callable[[Any], Any], item: Any) -> Any:
        return fn(item)


class RayExecutor:
    """Shards on a Ray cluster (``address``), or on a Ray started here with ``workers`` CPUs.

    Each ``map`` is one Ray session: an actor per worker, each handed a shard as it frees up,
    results yielded in order, then the actors (and a Ray started here) let go, so nothing
    holds a spaCy pipeline while the single writer loads. A ``map`` with nothing to do needs
    no Ray at all (a rerun with every shard written).
    """

    def __init__(self, workers: int = 1, address: str | None = None) -> None:
        self.workers, self.address = workers, address

    def map(self, fn: Callable[[In], Out], items: Iterable[In]) -> Iterator[Out]:
        todo = list(items)
        if not todo:
            return
        from ray.util import ActorPool

        ray = import_ray()
        with ray_session(self.address, self.workers):
            actors = [ray.remote(num_cpus=1)(_Actor).remote() for _ in range(self.workers)]
            shared = ray.put(fn)  # sent to the object store once, not with every shard
            try:
                yield from ActorPool(actors).map(lambda a, item: a.run.remote(shared, item), todo)
            finally:
                for actor in actors:
                    ray.kill(actor)

    def close(self) -> None:
        return None  # each map let go of what it started


class _Records:
    """Ray Data's callable for ``extract_dataset``: a shard's records, one row per input (``nest``)."""

    def __init__(self, job: ShardJob) -> None:
        self.job = job

    def __call__(self, batch: pa.Table) -> Iterator[pa.Table]:
        for row in batch.to_pylist():
            for tables in self.job.chunks(Shard.from_row(row)):
                nested = nest(tables)
                if nested.num_rows:
                    yield nested


def extract_dataset(paths: list[str], config: Config | None = None, workers: int = 1,
                    files_per_shard: int = FILES_PER_SHARD) -> ray.data.Dataset:
    """A lazy Ray Dataset of everything newsledger extracts from ``paths``, one row per input.

    Columns: the ingest-log columns (``input_id``, ``source``, ``status``, ``reason``,
    ``doc_id`` ...), ``document`` (a struct, null unless stored) and ``sentences``,
    ``mentions``, ``quotes``, ``claims``, ``events`` (lists of structs, the store's columns).
    Exact duplicates are settled within a shard only; ``write_shards`` and ``newsledger load``
    settle them across shards. Runs in the caller's Ray session (Ray Data starts a local one
    if there is none).

    Example:
        >>> import ray                                                        # doctest: +SKIP
        >>> from newsledger.executors.ray import extract_dataset
        >>> ray.init(address="ray://head:10001")
        >>> ds = extract_dataset(["s3-mount/cc-news/2024-05/"], workers=64)
        >>> events = ds.flat_map(lambda row: row["events"])
        >>> events.groupby("event_type").count().show()

    Raises:
        MissingDependencyError: ray is not installed.
        ConfigError: stdin among ``paths``, or ``files_per_shard`` below 1.
    """
    import_ray()
    import ray.data

    cfg = config or load_config()
    shards = plan_shards(paths, files_per_shard)
    job = shard_job(cfg, write_schemas(), uuid.uuid4().hex)
    plans = ray.data.from_items([s.as_row() for s in shards], override_num_blocks=max(1, len(shards)))
    return plans.map_batches(
        _Records, fn_constructor_kwargs={"job": job}, batch_size=1, batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1,
    )


def write_shards(paths: list[str], out: str | Path, config: Config | None = None, workers: int = 1,
                 address: str | None = None, run_id: str | None = None,
                 files_per_shard: int = FILES_PER_SHARD) -> ShardReport:
    """Write the Parquet shards of ``paths`` under ``out`` (layout in ``store/shards.py``), on Ray.

    Shards already complete are skipped, so rerunning after a crash picks up where it
    stopped. ``out`` must be a folder every Ray worker can write (a shared file system on a
    cluster). Load the result with ``newsledger load OUT`` or ``Ledger.load``.

    Example:
        >>> from newsledger.executors.ray import write_shards               # doctest: +SKIP
        >>> report = write_shards(["crawl/"], "crawl.shards", workers=2)
        >>> len(report.written), len(report.skipped)

    Raises:
        MissingDependencyError: ray is not installed.
        ConfigError: stdin among ``paths``, or ``files_per_shard`` below 1.
    """
    import_ray()  # before anything is written
    cfg = config or load_config()
    job = shard_job(cfg, write_schemas(), run_id or uuid.uuid4().hex)
    shards = plan_shards(paths, files_per_shard)
    return produce(shards, job, RayExecutor(workers, address), Path(out), plan_meta(cfg, paths))
