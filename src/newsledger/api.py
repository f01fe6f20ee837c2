"""``Ledger``: the one query and ingest layer that the CLI, the web app and users call.

Example:
    >>> from newsledger import Ledger
    >>> with Ledger("newsledger.duckdb") as ledger:           # doctest: +SKIP
    ...     report = ledger.ingest(["examples/corpus"], workers=2)
    ...     ledger.summary().documents
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from newsledger import __version__
from newsledger.config import Config, load_config
from newsledger.errors import ConfigError
from newsledger.executors.local import InProcessExecutor, local_executor
from newsledger.executors.ray import RayExecutor, import_ray
from newsledger.ledger.actors import ActorQueries
from newsledger.ledger.documents import DocumentQueries
from newsledger.ledger.events import EventQueries
from newsledger.ledger.frames import FrameQueries
from newsledger.ledger.meta import StoreQueries
from newsledger.ledger.quotes import QuoteQueries
from newsledger.ledger.stories import StoryQueries
from newsledger.pipeline.annotate import model_label
from newsledger.pipeline.ingest.readers import iter_inputs, record_to_input
from newsledger.pipeline.runner import Executor, plan_meta, run
from newsledger.pipeline.runner import load as load_shards
from newsledger.pipeline.shards import plan_shards, shard_job, stream_shards
from newsledger.resolve.run import ResolveCounts, load_in_background, resolve_store
from newsledger.store.db import Store
from newsledger.store.runs import finish_run, is_current, set_stage, start_run
from newsledger.store.settle import RunCounts
from newsledger.store.shards import read_plan

log = logging.getLogger(__name__)

EXECUTORS = ("local", "ray")


class Ledger(DocumentQueries, ActorQueries, EventQueries, QuoteQueries, StoryQueries, StoreQueries, FrameQueries):
    """A newsledger store plus the configuration used to fill it.

    The read queries come from ``newsledger.ledger``, one mixin per resource; ingest, load and
    resolve (the run path) are here.
    """

    def __init__(self, db: str | Path = "newsledger.duckdb", config: Config | None = None,
                 read_only: bool = False) -> None:
        self.config = config or load_config()
        self.store = Store(db, read_only=read_only)

    @classmethod
    def over(cls, store: Store, config: Config | None = None) -> Ledger:
        """A ledger on an open store (``Store.cursor()`` gives each web request its own)."""
        ledger = object.__new__(cls)
        ledger.config, ledger.store = config or load_config(), store
        return ledger

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest -----------------------------------------------------------------------
    def ingest(
        self,
        paths: list[str],
        workers: int = 1,
        stdin: IO[bytes] | None = None,
        on_chunk: Callable[[RunCounts], None] | None = None,
        executor: str = "local",
        address: str | None = None,
        out: str | Path | None = None,
    ) -> RunCounts:
        """Ingest files, folders or ``-`` (stdin) into the store; safe to rerun.

        ``executor="ray"`` runs on Ray (the cluster at ``address``, else a Ray started here),
        writes Parquet shards to ``out`` (default: the store's name with ``.shards``) and
        loads them; a rerun skips the shards already written.

        Raises:
            ConfigError: no paths, a worker count below 1, an unknown executor.
            ModelNotFoundError: the configured spaCy pipeline is missing.
            MissingDependencyError: ``executor="ray"`` without Ray installed.
        """
        if not paths:
            raise ConfigError("give at least one file, folder or - for stdin")
        if workers < 1:
            raise ConfigError("--workers must be at least 1")
        if executor not in EXECUTORS:
            raise ConfigError(f"unknown executor {executor!r}; choose one of {', '.join(EXECUTORS)}")
        model = model_label(self.config.annotate.model)  # fail before reading anything
        cfg = self.config
        if executor == "ray":
            import_ray()  # fail before the run is recorded
            out_dir: Path | None = Path(out) if out else self._default_shards()
            pool: Executor = RayExecutor(workers, address)
        else:
            out_dir, pool = None, local_executor(workers, cfg)

        def work(run_id: str) -> RunCounts:
            # Workers on other machines read the files themselves; a local run reads them here.
            shards = (plan_shards(paths) if out_dir else
                      stream_shards(iter_inputs(paths, cfg.ingest, stdin), cfg.ingest.batch_size))
            job = shard_job(cfg, self.store.schemas(), run_id)
            meta = plan_meta(cfg, paths) if out_dir else None
            return run(shards, job, pool, self.store, run_id, on_chunk, out_dir, meta)

        try:
            return self._recorded(paths, workers, model, work)
        finally:
            pool.close()

    def ingest_records(self, records: list[dict[str, Any]]) -> RunCounts:
        """Ingest articles given as JSON objects (text, title, url, published, outlet), as the web API does.

        Each is logged with source ``api:<url>`` (or ``api``), so posting the same article again adds nothing.
        """
        cfg = self.config
        items = (record_to_input(f"api:{r['url']}" if r.get("url") else "api", "json", r, cfg.ingest) for r in records)
        model = model_label(cfg.annotate.model)
        return self._recorded(["api"], 1, model, lambda run_id: run(
            stream_shards(items, cfg.ingest.batch_size), shard_job(cfg, self.store.schemas(), run_id),
            InProcessExecutor(), self.store, run_id))

    def load(self, shards: str | Path, on_shard: Callable[[RunCounts], None] | None = None) -> RunCounts:
        """Load Parquet shards written by ``ingest(executor="ray")`` (or ``write_shards``), then
        run the cross-document stage; loading the same shards again adds nothing.

        Raises:
            ConfigError: the folder holds no shard output.
        """
        model = read_plan(Path(shards)).get("model", "")
        return self._recorded([str(shards)], 1, model, lambda run_id: load_shards(
            self.store, Path(shards), run_id, self.config.ingest.commit_size, on_shard), stage="load")

    def _default_shards(self) -> Path:
        if self.store.path == ":memory:":
            raise ConfigError("an in-memory store has no folder for the Ray shards: give --out DIR")
        return Path(self.store.path).with_suffix(".shards")

    def _recorded(self, inputs: list[str], workers: int, model: str, work: Callable[[str], RunCounts],
                  stage: str = "ingest") -> RunCounts:
        """Run ``work(run_id)`` as one row of ``runs``, then the cross-document stage if it is stale.

        Stale means new documents or duplicates since the stage last completed, whether this
        run stored them or an interrupted one did (``store/runs.py``).
        """
        run_id = uuid.uuid4().hex
        start_run(self.store, run_id, __version__, model, workers, inputs, self.config.to_json(), stage)
        status = "failed"
        counts = RunCounts()
        # With a pool, the knowledge base loads here while the workers parse (in-process, annotating loads it)
        knowledge = load_in_background() if workers > 1 else None
        try:
            counts = work(run_id)
            if knowledge is not None:
                knowledge.join()
            if self.config.actors.dictionary or not is_current(self.store):
                set_stage(self.store, run_id, "resolve")
                resolve_store(self.store, self.config.resolve, self.config.actors.dictionary or None, run_id=run_id)
                counts.resolved = True
            status = "done"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            finish_run(self.store, run_id, status, counts.as_dict())
        return counts

    # -- across articles ----------------------------------------------------------------
    def resolve(self, full: bool = False) -> ResolveCounts:
        """Bring the cross-document tables up to date (``full``: rebuild them from scratch)."""
        return resolve_store(self.store, self.config.resolve, self.config.actors.dictionary or None, full=full)
