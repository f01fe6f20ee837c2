"""Ray executor: the shard pipeline on a Ray cluster, or on a Ray started on this machine.

The only module that imports ``ray``, and only inside functions, so ``import newsledger``
never needs it (``pip install 'newsledger[ray]'`` adds it). Ray decides where shards run,
nothing else: a Ray Dataset of shard plans goes through ``map_batches`` with an actor pool
whose actors load the spaCy pipeline once and then run ``pipeline/shards.py`` on one shard
per call. Measured on 2 cores, a local pool is faster (start-up and serialisation), so the
local executor stays the default and Ray is for more cores than one machine has.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from newsledger import __version__
from newsledger.config import Config, load_config
from newsledger.errors import MissingDependencyError
from newsledger.pipeline.annotate import load_model, model_label
from newsledger.pipeline.shards import FILES_PER_SHARD, Shard, extract_shard, nest, plan_shards
from newsledger.store.db import write_schemas
from newsledger.store.shards import is_complete, write_plan, write_shard

if TYPE_CHECKING:
    import ray.data

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


class _ShardWorker:
    """An actor of the pool: the spaCy pipeline is loaded once, then whole shards run one per call."""

    def __init__(self, cfg: Config, schemas: dict[str, pa.Schema], run_id: str) -> None:
        self.cfg, self.schemas, self.run_id = cfg, schemas, run_id
        load_model(cfg.annotate.model, cfg.annotate.disable)  # cached: shards reuse it

    def __call__(self, batch: pa.Table) -> Iterator[pa.Table]:
        for row in batch.to_pylist():
            shard = Shard.from_row(row)
            yield from self.emit(shard, extract_shard(shard, self.cfg, self.schemas, self.run_id))

    def emit(self, shard: Shard, chunks: Iterator[dict[str, pa.Table]]) -> Iterator[pa.Table]:
        """Records, one row per input (``nest``), as they are made."""
        for tables in chunks:
            nested = nest(tables)
            if nested.num_rows:
                yield nested


class _ShardWriter(_ShardWorker):
    """Writes each shard's Parquet files and marker; yields one row of counts per shard."""

    def __init__(self, cfg: Config, schemas: dict[str, pa.Schema], run_id: str, out: str) -> None:
        super().__init__(cfg, schemas, run_id)
        self.out = Path(out)

    def emit(self, shard: Shard, chunks: Iterator[dict[str, pa.Table]]) -> Iterator[pa.Table]:
        counts = write_shard(self.out, shard.shard_id, chunks, self.schemas)
        yield pa.Table.from_pylist([{"shard_id": shard.shard_id, **counts}])


def _over_shards(shards: list[Shard], worker: type[_ShardWorker], workers: int, **kwargs: Any) -> ray.data.Dataset:
    import_ray()
    import ray.data

    plans = ray.data.from_items([s.as_row() for s in shards], override_num_blocks=max(1, len(shards)))
    return plans.map_batches(
        worker, fn_constructor_kwargs=kwargs, batch_size=1, batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1,
    )


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
    cfg = config or load_config()
    shards = plan_shards(paths, files_per_shard)
    return _over_shards(shards, _ShardWorker, workers, cfg=cfg, schemas=write_schemas(), run_id=uuid.uuid4().hex)


@dataclass(slots=True)
class ShardReport:
    written: list[str]  # shard ids processed by this call
    skipped: list[str]  # complete before it: a rerun after a crash does not redo them


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
    out = Path(out)
    shards = plan_shards(paths, files_per_shard)
    write_plan(out, [s.as_row() for s in shards], {"version": __version__, "model": model_label(cfg.annotate.model),
                                                   "config": cfg.to_json(), "inputs": paths})
    todo = [s for s in shards if not is_complete(out, s.shard_id)]
    if todo:  # nothing left to do needs no Ray at all
        with ray_session(address, workers):
            _over_shards(todo, _ShardWriter, workers, cfg=cfg, schemas=write_schemas(),
                         run_id=run_id or uuid.uuid4().hex, out=str(out.resolve())).materialize()
    written = {s.shard_id for s in todo}
    return ShardReport([s.shard_id for s in todo], [s.shard_id for s in shards if s.shard_id not in written])
