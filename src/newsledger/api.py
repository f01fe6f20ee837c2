"""``Ledger``: the one query and ingest layer that the CLI, the web app and users call.

Example:
    >>> from newsledger import Ledger
    >>> with Ledger("newsledger.duckdb") as ledger:           # doctest: +SKIP
    ...     report = ledger.ingest(["examples/corpus"], workers=2)
    ...     ledger.summary()["documents"]
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pandas as pd

from newsledger import __version__
from newsledger.config import Config, load_config
from newsledger.errors import AmbiguousError, ConfigError, NotFoundError
from newsledger.executors.local import local_executor
from newsledger.executors.ray import import_ray, write_shards
from newsledger.pipeline.annotate import model_label
from newsledger.pipeline.ingest.readers import iter_inputs, record_to_input
from newsledger.pipeline.runner import RunCounts, run_ingest
from newsledger.resolve.compare import compare
from newsledger.resolve.run import ResolveCounts, resolve_store
from newsledger.resolve.timeline import timeline
from newsledger.store import actors, claims, documents, duplicates, events, ingest_log, merged_events, quotes, stories
from newsledger.store import export as table_export
from newsledger.store.db import Store
from newsledger.store.runs import finish_run, is_current, set_stage, start_run
from newsledger.store.runs import status as run_status
from newsledger.store.search import search as search_documents
from newsledger.store.shards import load_shards, read_plan
from newsledger.store.summary import summary as store_summary

log = logging.getLogger(__name__)

EXPORT_FORMATS = table_export.FORMATS
EXECUTORS = ("local", "ray")
# Queries that return a list of records, and so a DataFrame (``Ledger.frame``).
FRAME_QUERIES = ("documents", "actors", "quotes", "claims", "events", "duplicates", "merged_events", "stories",
                 "timeline", "search", "ingest_log", "story_quotes", "actor_events")


class Ledger:
    """A newsledger store plus the configuration used to fill it."""

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
        if executor == "ray":
            shards = Path(out) if out else self._default_shards()
            import_ray()  # fail before the run is recorded

            def on_ray(run_id: str) -> RunCounts:
                write_shards(paths, shards, self.config, workers, address, run_id)
                set_stage(self.store, run_id, "load")
                return load_shards(self.store, shards, run_id, on_chunk)

            return self._recorded(paths, workers, model, on_ray)
        pool = local_executor(workers)
        try:
            return self._recorded(paths, workers, model, lambda run_id: run_ingest(
                iter_inputs(paths, self.config.ingest, stdin), self.store, self.config, pool, run_id, on_chunk))
        finally:
            pool.close()

    def ingest_records(self, records: list[dict[str, Any]]) -> RunCounts:
        """Ingest articles given as JSON objects (text, title, url, published, outlet), as the web API does.

        Each is logged with source ``api:<url>`` (or ``api``), so posting the same article again adds nothing.
        """
        cfg = self.config.ingest
        items = (record_to_input(f"api:{r['url']}" if r.get("url") else "api", "json", r, cfg) for r in records)
        model = model_label(self.config.annotate.model)
        in_process = local_executor(1)
        return self._recorded(["api"], 1, model, lambda run_id: run_ingest(
            items, self.store, self.config, in_process, run_id, None))

    def load(self, shards: str | Path, on_shard: Callable[[RunCounts], None] | None = None) -> RunCounts:
        """Load Parquet shards written by ``ingest(executor="ray")`` (or ``write_shards``), then
        run the cross-document stage; loading the same shards again adds nothing.

        Raises:
            ConfigError: the folder holds no shard output.
        """
        model = read_plan(Path(shards)).get("model", "")
        return self._recorded([str(shards)], 1, model, lambda run_id: load_shards(self.store, Path(shards), run_id,
                                                                                   on_shard), stage="load")

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
        try:
            counts = work(run_id)
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

    # -- queries ----------------------------------------------------------------------
    def summary(self, top: int = 10) -> dict[str, Any]:
        """Counts, outlets, date range, top entities and problem inputs of the whole store.

        Bounded whatever the store holds: the first ``summary.problems`` problem inputs (with
        their total, ``n_problems``; ``ingest_log`` has the rest) and the ``summary.outlets``
        largest outlets (``n_outlets`` in all); a reason or source is cut to a few hundred characters.
        """
        cfg = self.config.summary
        return store_summary(self.store, top, cfg.outlets, cfg.problems)

    def documents(self, limit: int = 50, offset: int = 0, outlet: str | None = None,
                  language: str | None = None) -> list[dict[str, Any]]:
        return documents.listing(self.store, limit, offset, outlet, language)

    def resolve_doc_id(self, prefix: str) -> str:
        """Full id from a unique prefix (ids are long; users type the first few characters)."""
        ids = documents.with_prefix(self.store, prefix)
        if not ids:
            raise NotFoundError(f"no document with id starting {prefix!r}")
        if len(ids) > 1:
            raise AmbiguousError(f"id prefix {prefix!r} is ambiguous; give more characters")
        return ids[0]

    def document(self, doc_id: str) -> dict[str, Any]:
        """One document with its metadata, sections, sentences and entity mentions."""
        full = self.resolve_doc_id(doc_id)
        doc = documents.one(self.store, full)
        assert doc is not None  # the id was just found
        doc["sections"] = [dict(zip(("kind", "start", "end"), s, strict=True)) for s in json.loads(doc["sections"])]
        doc["sentences"] = documents.sentences(self.store, full)
        doc["mentions"] = documents.mentions(self.store, full)
        return doc

    def actors(self, country: str | None = None, sector: str | None = None, kind: str | None = None,
               limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Actors across the store, most mentioned first; filters match exactly (case-insensitive)."""
        return actors.listing(self.store, country, sector, kind, limit, offset)

    def actor(self, name: str) -> dict[str, Any]:
        """One actor by id, name or alias: roles over time, aliases, mentions, co-occurring actors.

        Raises:
            StoreError: nothing matches, or the name is ambiguous (the candidates are listed).
        """
        rows = actors.matching(self.store, name)
        if not rows:
            raise NotFoundError(f"no actor named {name!r}; try `newsledger actors`")
        if len(rows) > 1 and rows[0]["name"].lower() != name.lower():
            options = ", ".join(f"{r['name']} ({r['actor_id']})" for r in rows[:8])
            raise AmbiguousError(f"{name!r} matches several actors: {options}; give the id")
        actor = rows[0]
        actor["roles"] = json.loads(actor["roles"] or "[]")
        actor["aliases"] = json.loads(actor["aliases"] or "[]")
        actor["mentions"] = actors.mentions(self.store, actor["actor_id"])
        actor["co_actors"] = actors.co_actors(self.store, actor["actor_id"])
        return actor

    def quotes(self, speaker: str | None = None, doc_id: str | None = None, kind: str | None = None,
               limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Quotes with speaker, cue and source; ``speaker`` matches the actor's name or any alias."""
        return quotes.listing(self.store, speaker, self.resolve_doc_id(doc_id) if doc_id else None, kind,
                              limit, offset)

    def claims(self, counted: str | None = None, asserter: str | None = None, doc_id: str | None = None,
               limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Numeric claims with what they count, who asserts them, and their sentence."""
        return claims.listing(self.store, counted, asserter, self.resolve_doc_id(doc_id) if doc_id else None,
                              limit, offset)

    def events(self, event_type: str | None = None, actor: str | None = None, country: str | None = None,
               date_from: str | None = None, date_to: str | None = None, include_negated: bool = False,
               limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Events, filtered by PLOVER type, an actor (name or alias) or country taking part, and dates.

        Negated events ("did not agree") are left out unless asked for: they did not happen.
        """
        named = actors.ids_named(self.store, actor, local=True) if actor else None
        return events.listing(self.store, event_type, named, country, date_from, date_to, include_negated, limit,
                              offset)

    def event(self, event_id: str) -> dict[str, Any]:
        """One event with its sentence, trigger and the spans of its actors, for explaining it."""
        # An id is the document's hash and the event's number: "3fa2c1b0d4:2" is a prefix of both parts.
        doc_part, colon, number = event_id.replace("%", "").partition(":")
        rows = events.like(self.store, f"{doc_part}%{colon}{number}" if colon else f"{doc_part}%")
        if len(rows) != 1:
            raise (NotFoundError(f"no event {event_id!r}") if not rows
                   else AmbiguousError(f"event id {event_id!r} is ambiguous"))
        event = rows[0]
        event["document"] = documents.text_and_source(self.store, event["doc_id"])
        event["mentions"] = events.sentence_actors(self.store, event["doc_id"], event["sentence_idx"])
        return event

    # -- across articles ----------------------------------------------------------------
    def status(self, runs: int = 10) -> dict[str, Any]:
        """What is pending: whether the cross-article tables are current, interrupted runs, the latest runs."""
        return run_status(self.store, runs)

    def resolve(self, full: bool = False) -> ResolveCounts:
        """Bring the cross-document tables up to date (``full``: rebuild them from scratch)."""
        return resolve_store(self.store, self.config.resolve, self.config.actors.dictionary or None, full=full)


    def duplicates(self) -> list[dict[str, Any]]:
        """Exact and near-duplicate inputs, each with the document it repeats."""
        return duplicates.listing(self.store)

    def merged_events(self, event_type: str | None = None, actor: str | None = None, story: str | None = None,
                      min_articles: int = 1, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Events as reported across articles, with their article and outlet counts."""
        return merged_events.listing(self.store, event_type, actors.ids_named(self.store, actor) if actor else None,
                                     self.story_id(story) if story else None, min_articles, limit, offset)

    def merged_event(self, merged_id: str) -> dict[str, Any]:
        """One merged event with each of its mentions (article, outlet, sentence, date, place)."""
        row = merged_events.one(self.store, merged_id)
        if row is None:
            raise NotFoundError(f"no merged event {merged_id!r}")
        row["mentions"] = merged_events.reports(self.store, merged_id)
        return row

    def story_id(self, prefix: str) -> str:
        """The full id of a story from a unique prefix (with or without "s:")."""
        ids = stories.with_prefix(self.store, "s:" + prefix.removeprefix("s:").replace("%", "") + "%")
        if len(ids) != 1:
            raise (NotFoundError(f"no story {prefix!r}: see `newsledger stories`") if not ids
                   else AmbiguousError(f"story id {prefix!r} is ambiguous"))
        return ids[0]

    def stories(self, limit: int = 100) -> list[dict[str, Any]]:
        """Stories, largest first, each with its title, dates, outlets and top actors."""
        return stories.listing(self.store, limit)

    def story(self, story: str) -> dict[str, Any]:
        """One story with its documents."""
        sid = self.story_id(story)
        row = stories.one(self.store, sid)
        row["documents"] = stories.documents(self.store, sid)
        return row

    def timeline(self, story: str | None = None, actor: str | None = None, query: str | None = None,
                 limit: int | None = None) -> list[dict[str, Any]]:
        """Dated entries, the days the articles refer to most; story, actor and query narrow it (combined).

        ``limit`` caps the days; None keeps as many as fit the coverage.
        """
        return timeline(self.store, self.story_id(story) if story else None, actor, query, limit)

    def compare(self, story: str) -> dict[str, Any]:
        """How the outlets of a story differ: events and quotes by outlet, distinctive terms, clashing figures."""
        return compare(self.store, self.story_id(story))

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Documents whose title or text holds every word of ``query``, newest first, each with a snippet."""
        return search_documents(self.store, query, limit, offset)

    def ingest_log(self, status: str | None = None, limit: int | None = None, offset: int = 0
                   ) -> list[dict[str, Any]]:
        """Every input with its status and reason, by source; ``limit`` rows from ``offset`` (None: all)."""
        return ingest_log.entries(self.store, status, limit, offset)

    # -- views for reading one article, story or actor --------------------------------
    def annotations(self, doc_id: str) -> dict[str, Any]:
        """What was extracted from one article, with spans, so a reader can see each fact in place.

        Each event carries its rule, actors, date and place, and the other articles and outlets
        that report the same merged event; each quote the other articles that carry its words.
        """
        full = self.resolve_doc_id(doc_id)
        found = events.in_document(self.store, full)
        others = events.other_reports(self.store, full)
        canonical = actors.canonical(self.store, sorted({i for e in found
                                                         for i in (e["source_ids"] or []) + (e["target_ids"] or [])}))
        for event in found:
            for role in ("source_ids", "target_ids"):  # the actors across documents, as the actor pages know them
                event[role] = [canonical.get(i, i) for i in event[role] or []]
            event["other_reports"] = [{k: o[k] for k in ("doc_id", "outlet", "title", "published")}
                                      for o in others if o["merged_id"] == event["merged_id"]]
        return {"doc_id": full, "events": found, "quotes": quotes.in_document(self.store, full),
                "actors": actors.in_document(self.store, full)}

    def network(self, story: str) -> dict[str, Any]:
        """Who acts on whom in a story: actors as nodes, source-to-target edges by quad class.

        Cooperation (quad 1-2) and conflict (3-4) are counted apart so an edge can show both.
        """
        sid = self.story_id(story)
        edges = events.network(self.store, sid)
        nodes = actors.nodes(self.store, sorted({e["source"] for e in edges} | {e["target"] for e in edges}))
        return {"story_id": sid, "nodes": nodes, "edges": edges}

    def story_quotes(self, story: str, limit: int = 200) -> list[dict[str, Any]]:
        """A story's direct and partial quotes grouped by speaker, most quoted speaker first."""
        groups: dict[str, dict[str, Any]] = {}
        for r in quotes.of_story(self.store, self.story_id(story), limit):
            group = groups.setdefault(r.pop("speaker"), {"actor_id": r["actor_id"], "quotes": []})
            group["quotes"].append(r)
        return [{"speaker": s, **g} for s, g in sorted(groups.items(), key=lambda x: (-len(x[1]["quotes"]), x[0]))]

    def actor_events(self, actor_id: str, role: str = "source", limit: int = 100,
                     offset: int = 0) -> list[dict[str, Any]]:
        """Events in which one actor (by exact id) is the source, or the target, newest first.

        Events name the actor as its document resolved it; ``actor_merges`` says which of those it became.

        Raises:
            ConfigError: ``role`` is neither "source" nor "target".
        """
        return events.of_actor(self.store, actor_id, role, limit, offset)

    def frame(self, query: str, **kwargs: Any) -> pd.DataFrame:
        """Any list query as a pandas DataFrame: ``ledger.frame("events", actor="Aliyev")``."""
        if query not in FRAME_QUERIES:
            raise ConfigError(f"no list query {query!r}; choose one of {', '.join(FRAME_QUERIES)}")
        return pd.DataFrame.from_records(getattr(self, query)(**kwargs))

    # -- export -----------------------------------------------------------------------
    def export(self, table: str, fmt: str, out: str | Path | IO[str]) -> int:
        """Write a whole table as JSON Lines, CSV, Parquet, or (events only) a GDELT-style TSV.

        ``out`` is a path, or a text stream for jsonl/csv/gdelt (Parquet needs a path).
        Returns the row count.
        """
        return table_export.export(self.store, table, fmt, out)
