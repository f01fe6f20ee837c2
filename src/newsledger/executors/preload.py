"""A forkserver that loads the pipeline once, so that pool workers start ready to parse.

Spawned workers each imported spaCy and loaded the pipeline, the knowledge base, the frames
and the event typer before their first article (about 4 s of CPU each, issue 14), while the
raw ``nlp.pipe`` the benchmark compares with forks workers that inherit a loaded model. The
coordinator itself must not fork (its DuckDB connection runs threads), but multiprocessing's
forkserver is a fresh interpreter holding no store: it loads once, and every worker is a fork
of it that shares its pages. The forkserver preloads modules by name only, so the settings
travel in an environment variable that this module reads when the forkserver imports it.

One forkserver serves a process; newsledger assumes it is its only user. It runs while a
pool uses it (``acquire``/``release`` count the users) and stops with the last one, which
frees its memory and reaps it, so its CPU time is counted as its workers' is.
"""

from __future__ import annotations

import base64
import gc
import logging
import multiprocessing
import os
import pickle
import threading
from multiprocessing import forkserver
from multiprocessing.context import BaseContext

import pyarrow as pa

from newsledger.config import AnnotateConfig, Config, IngestConfig
from newsledger.models import Document, RawInput
from newsledger.pipeline.annotate import annotate_batch
from newsledger.pipeline.ingest.prepare import prepare_batch

log = logging.getLogger(__name__)

# Set only while the forkserver starts: what it warms up with (a base64 pickle of the ingest
# and annotate settings; the forkserver is this process's own child, as trusted as the pickles
# a pool sends its workers).
ENV = "NEWSLEDGER_PRELOAD"

# Written in our own words about no real event: one short article that goes through every
# step a worker takes, so whatever a worker loads lazily is loaded before any worker forks.
# Its dated dateline makes the metadata step parse a date: dateparser's first parse loads its
# tables (about 1 s of CPU), which each worker paid when the warm-up had no date.
WARM_UP = ("Ferry talks resume in Tromso\n\nTROMSO, March 3, 2015 - Norway's fisheries minister met trawler crews in "
           "Tromso on Tuesday and promised to review the quota rules, a ministry spokesman said.\n")

_lock = threading.Lock()
_users = 0


def acquire(cfg: Config | None = None, wait: bool = False) -> BaseContext:
    """The forkserver context for a pool, its server running and loaded with ``cfg``.

    A server already in use is shared as it is; a worker then loads whatever of ``cfg`` it
    lacks, as a spawned worker would. ``wait`` returns only once the server has loaded (a
    benchmark starts its clock after it); otherwise the first worker to start waits for it.
    """
    global _users
    context = multiprocessing.get_context("forkserver")
    with _lock:
        if _users == 0:
            _start(_encode(cfg) if cfg is not None else None)
        _users += 1
    if wait:
        probe = context.Process(target=os.getpid)  # a fork of the server exists once it has loaded
        probe.start()
        probe.join()
    return context


def release() -> None:
    """A pool is done with the forkserver; the last one stops it (workers must have exited)."""
    global _users
    with _lock:
        _users = max(0, _users - 1)
        if _users == 0:
            # No public call stops it; ForkServer._stop (CPython's own tests use it) closes the
            # "alive" pipe and waits for the server to exit, as it does once its workers have.
            stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
            if stop is not None:
                stop()


def warm(ingest: IngestConfig, annotate: AnnotateConfig) -> None:
    """Take one short article through preparing and annotating, loading all a worker needs."""
    raw = RawInput("newsledger:warm-up", "txt", WARM_UP.encode())
    documents = [d for d in prepare_batch([raw], ingest) if isinstance(d, Document)]
    annotate_batch(documents, annotate)
    # The rows step's first Arrow table from Python rows imports pandas inside pyarrow (about
    # 300 modules, 0.23 s of CPU), which each worker paid on its first shard; the table's
    # schema does not matter, and the rows step needs the store's.
    pa.Table.from_pylist([{"warm_up": 1}])


def _encode(cfg: Config) -> str:
    return base64.b64encode(pickle.dumps((cfg.ingest, cfg.annotate))).decode("ascii")


def _start(settings: str | None) -> None:
    """Start the forkserver, importing this module there with ``settings`` in its environment."""
    forkserver.set_forkserver_preload([__name__])
    if settings is not None:
        os.environ[ENV] = settings
    try:
        forkserver.ensure_running()
    finally:
        os.environ.pop(ENV, None)


def _warm_from_environment() -> None:
    """In the forkserver: load what the settings name; a failure leaves it to each worker.

    What it loaded is then frozen out of the garbage collector's sight: a worker's full
    collections no longer walk (and so copy, page by page) the inherited objects.
    """
    settings = os.environ.get(ENV)
    if not settings:
        return
    try:
        ingest, annotate = pickle.loads(base64.b64decode(settings))  # noqa: S301 - written by our parent
        warm(ingest, annotate)
    except Exception:  # noqa: BLE001 - a worker loading by itself reports the real error, per input
        log.warning("the forkserver could not load the pipeline; each worker loads its own", exc_info=True)
    gc.freeze()


_warm_from_environment()
