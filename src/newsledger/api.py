"""``Ledger``: the one query and ingest layer that the CLI, the web app and users call.

Example:
    >>> from newsledger import Ledger
    >>> with Ledger("newsledger.duckdb") as ledger:           # doctest: +SKIP
    ...     report = ledger.ingest(["examples/corpus"], workers=2)
    ...     ledger.summary()["documents"]
"""

from __future__ import annotations

import csv
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
from newsledger.executors.local import InProcessExecutor, local_executor
from newsledger.executors.ray import RayExecutor, import_ray
from newsledger.pipeline.annotate import model_label
from newsledger.pipeline.ingest.readers import iter_inputs, record_to_input
from newsledger.pipeline.runner import Executor, plan_meta, run
from newsledger.pipeline.runner import load as load_shards
from newsledger.pipeline.shards import plan_shards, shard_job, stream_shards
from newsledger.resolve.compare import compare
from newsledger.resolve.run import ResolveCounts, resolve_store
from newsledger.resolve.search import DOCS_WITH_WORDS, query_words
from newsledger.resolve.timeline import MERGED_IN_STORY, timeline
from newsledger.store.db import Store, with_merged
from newsledger.store.gdelt import GDELT_SQL
from newsledger.store.runs import finish_run, is_current, set_stage, start_run
from newsledger.store.runs import status as run_status
from newsledger.store.settle import RunCounts
from newsledger.store.shards import read_plan
from newsledger.store.tables import TABLES

log = logging.getLogger(__name__)

EXPORT_FORMATS = ("jsonl", "csv", "parquet", "gdelt")
EXECUTORS = ("local", "ray")
# Queries that return a list of records, and so a DataFrame (``Ledger.frame``).
FRAME_QUERIES = ("documents", "actors", "quotes", "claims", "events", "duplicates", "merged_events", "stories",
                 "timeline", "search", "ingest_log", "story_quotes", "actor_events")


def _naming(ids: str, actors: str) -> str:
    """SQL: event ``e`` names one of ``actors`` (a subquery) in its ``ids`` (a list expression).

    A join on the unnested id lists: ``list_has_any`` with a subquery's list made a nested-loop
    join over every event (events by actor 230 ms at 100k events with a long id list).
    """
    return (f"e.rowid IN (SELECT r FROM (SELECT rowid AS r, unnest({ids}) AS actor_id FROM events) "
            f"WHERE actor_id IN ({actors}))")

# Inputs a summary reports: skipped, failed, or stored but not analysed (a language other than English).
_PROBLEM = "(status IN ('skipped', 'failed') OR reason LIKE 'not analysed%')"
_CUT = 300  # characters of a source or reason a summary shows


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
        cfg = self.config
        if executor == "ray":
            import_ray()  # fail before the run is recorded
            out_dir: Path | None = Path(out) if out else self._default_shards()
            pool: Executor = RayExecutor(workers, address)
        else:
            out_dir, pool = None, local_executor(workers)

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
        s, cfg = self.store, self.config.summary
        return {
            "documents": s.scalar("SELECT count(*) FROM documents"),
            "analysed": s.scalar("SELECT count(*) FROM documents WHERE analysed"),
            "sentences": s.scalar("SELECT count(*) FROM sentences"),
            "mentions": s.scalar("SELECT count(*) FROM mentions"),
            "n_outlets": s.scalar("SELECT count(DISTINCT coalesce(outlet, '(unknown)')) FROM documents"),
            "outlets": s.query(
                "SELECT coalesce(outlet, '(unknown)') AS outlet, count(*) AS documents FROM documents "
                "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", [cfg.outlets]
            ),
            "dates": s.query(
                "SELECT min(published) AS first, max(published) AS last, "
                "count(published) AS dated, count(*) - count(published) AS undated FROM documents"
            )[0],
            "languages": s.query(
                "SELECT language, count(*) AS documents FROM documents GROUP BY 1 ORDER BY 2 DESC, 1"
            ),
            "top_entities": s.query(
                "SELECT text, label, count(*) AS mentions, count(DISTINCT doc_id) AS documents "
                "FROM mentions WHERE label IN ('PERSON', 'ORG', 'GPE', 'NORP', 'LOC', 'FAC') "
                "GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT ?",
                [top],
            ),
            "log": s.log_status(),
            "n_problems": s.scalar(f"SELECT count(*) FROM ingest_log WHERE {_PROBLEM}"),
            # A stored reason may predate the cap on reasons (issue 16: one was a gigabyte long).
            "problems": s.query(
                f"SELECT left(source, {_CUT}) AS source, status, left(reason, {_CUT}) AS reason FROM ingest_log "
                f"WHERE {_PROBLEM} ORDER BY status, source LIMIT ?", [cfg.problems]
            ),
        }

    def documents(self, limit: int = 50, offset: int = 0, outlet: str | None = None,
                  language: str | None = None) -> list[dict[str, Any]]:
        where, params = ["1=1"], []
        if outlet:
            where.append("outlet ILIKE ?")
            params.append(outlet)
        if language:
            where.append("language = ?")
            params.append(language)
        return self.store.query(
            "SELECT doc_id, outlet, published, published_precision, language, title, n_words, source "
            f"FROM documents WHERE {' AND '.join(where)} "
            "ORDER BY published NULLS LAST, source LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def resolve_doc_id(self, prefix: str) -> str:
        """Full id from a unique prefix (ids are long; users type the first few characters)."""
        rows = self.store.query("SELECT doc_id FROM documents WHERE doc_id LIKE ? LIMIT 2",
                                [prefix.replace("%", "") + "%"])
        if not rows:
            raise NotFoundError(f"no document with id starting {prefix!r}")
        if len(rows) > 1:
            raise AmbiguousError(f"id prefix {prefix!r} is ambiguous; give more characters")
        return str(rows[0]["doc_id"])

    def document(self, doc_id: str) -> dict[str, Any]:
        """One document with its metadata, sections, sentences and entity mentions."""
        full = self.resolve_doc_id(doc_id)
        doc = self.store.query("SELECT * FROM documents WHERE doc_id = ?", [full])[0]
        doc["sections"] = [dict(zip(("kind", "start", "end"), s, strict=True)) for s in json.loads(doc["sections"])]
        doc["sentences"] = self.store.query(
            "SELECT idx, start_char, end_char, section, text FROM sentences WHERE doc_id = ? ORDER BY idx", [full])
        doc["mentions"] = self.store.query(
            "SELECT idx, start_char, end_char, text, label, sentence_idx, actor_id, role FROM mentions "
            "WHERE doc_id = ? ORDER BY idx", [full])
        return doc

    def actors(self, country: str | None = None, sector: str | None = None, kind: str | None = None,
               limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Actors across the store, most mentioned first; filters match exactly (case-insensitive)."""
        where, params = ["1=1"], []
        for column, value in (("country", country), ("sector", sector), ("kind", kind)):
            if value:
                where.append(f"upper({column}) = upper(?)")
                params.append(value)
        return self.store.query(
            "SELECT actor_id, name, kind, country, igo, sector, n_mentions, n_documents, first_seen, last_seen "
            f"FROM actors WHERE {' AND '.join(where)} ORDER BY n_mentions DESC, actor_id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def actor(self, name: str) -> dict[str, Any]:
        """One actor by id, name or alias: roles over time, aliases, mentions, co-occurring actors.

        Raises:
            StoreError: nothing matches, or the name is ambiguous (the candidates are listed).
        """
        rows = self.store.query(
            "SELECT * FROM actors WHERE actor_id = ? OR lower(name) = lower(?) ORDER BY n_mentions DESC", [name, name])
        if not rows:
            rows = self.store.query(
                "SELECT DISTINCT a.* FROM actors a JOIN mentions m USING (actor_id) "
                "WHERE lower(m.text) = lower(?) AND m.label <> 'PRON' ORDER BY a.n_mentions DESC", [name])
        if not rows:
            rows = self.store.query("SELECT * FROM actors WHERE name ILIKE ? OR aliases ILIKE ? "
                                    "ORDER BY n_mentions DESC", [f"%{name}%", f"%{name}%"])
        if not rows:
            raise NotFoundError(f"no actor named {name!r}; try `newsledger actors`")
        if len(rows) > 1 and rows[0]["name"].lower() != name.lower():
            options = ", ".join(f"{r['name']} ({r['actor_id']})" for r in rows[:8])
            raise AmbiguousError(f"{name!r} matches several actors: {options}; give the id")
        actor = rows[0]
        actor["roles"] = json.loads(actor["roles"] or "[]")
        actor["aliases"] = json.loads(actor["aliases"] or "[]")
        actor["mentions"] = self.store.query(
            "SELECT m.doc_id, d.outlet, d.published, m.text, m.label, m.rule, m.role, s.text AS sentence "
            "FROM mentions m JOIN documents d USING (doc_id) "
            "JOIN sentences s ON s.doc_id = m.doc_id AND s.idx = m.sentence_idx "
            "WHERE m.actor_id = ? ORDER BY d.published NULLS LAST, m.doc_id, m.start_char LIMIT 200",
            [actor["actor_id"]])
        actor["co_actors"] = self.store.query(
            "SELECT a.actor_id, a.name, count(*) AS sentences FROM "
            "(SELECT DISTINCT doc_id, sentence_idx FROM mentions WHERE actor_id = ?) s "
            "JOIN (SELECT DISTINCT doc_id, sentence_idx, actor_id FROM mentions WHERE actor_id IS NOT NULL) o "
            "USING (doc_id, sentence_idx) JOIN actors a ON a.actor_id = o.actor_id "
            "WHERE o.actor_id <> ? GROUP BY 1, 2 ORDER BY 3 DESC, 2 LIMIT 10",
            [actor["actor_id"], actor["actor_id"]])
        return actor

    def quotes(self, speaker: str | None = None, doc_id: str | None = None, kind: str | None = None,
               limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Quotes with speaker, cue and source; ``speaker`` matches the actor's name or any alias."""
        where, params = ["1=1"], []
        if speaker:
            where.append("(q.actor_id IN (SELECT actor_id FROM actors WHERE name ILIKE ? OR aliases ILIKE ?) "
                         "OR q.speaker ILIKE ?)")
            params += [f"%{speaker}%", f"%{speaker}%", f"%{speaker}%"]
        if doc_id:
            where.append("q.doc_id = ?")
            params.append(self.resolve_doc_id(doc_id))
        if kind:
            where.append("q.kind = ?")
            params.append(kind)
        return self.store.query(
            "SELECT q.doc_id, d.outlet, d.published, q.kind, q.speaker, q.actor_id, "
            "coalesce(a.name, q.actor_name) AS actor, q.cue, q.addressee, q.text, q.start_char, q.end_char, "
            "q.rule, (SELECT count(DISTINCT o.doc_id) FROM quotes o WHERE o.content_key = q.content_key) "
            "AS n_documents FROM quotes q JOIN documents d USING (doc_id) LEFT JOIN actors a USING (actor_id) "
            f"WHERE {' AND '.join(where)} ORDER BY d.published NULLS LAST, q.doc_id, q.start_char LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def claims(self, counted: str | None = None, asserter: str | None = None, doc_id: str | None = None,
               limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Numeric claims with what they count, who asserts them, and their sentence."""
        where, params = ["1=1"], []
        if counted:
            where.append("(c.counted ILIKE ? OR c.unit ILIKE ?)")
            params += [f"%{counted}%", f"%{counted}%"]
        if asserter:
            where.append("c.asserter ILIKE ?")
            params.append(f"%{asserter}%")
        if doc_id:
            where.append("c.doc_id = ?")
            params.append(self.resolve_doc_id(doc_id))
        return self.store.query(
            "SELECT c.doc_id, d.outlet, d.published, c.text, c.value, c.qualifier, c.unit, c.counted, c.verb, "
            "c.asserter, c.asserter_kind, c.date_text, s.text AS sentence FROM claims c "
            "JOIN documents d USING (doc_id) JOIN sentences s ON s.doc_id = c.doc_id AND s.idx = c.sentence_idx "
            f"WHERE {' AND '.join(where)} ORDER BY d.published NULLS LAST, c.doc_id, c.start_char LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def events(self, event_type: str | None = None, actor: str | None = None, country: str | None = None,
               date_from: str | None = None, date_to: str | None = None, include_negated: bool = False,
               limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Events, filtered by PLOVER type, an actor (name or alias) or country taking part, and dates.

        Negated events ("did not agree") are left out unless asked for: they did not happen.
        """
        where: list[str] = ["1=1"]
        params: list[Any] = []
        if not include_negated:
            where.append("NOT e.negated")
        if event_type:
            where.append("e.event_type = upper(?)")
            params.append(event_type)
        if actor:
            where.append(_naming("list_concat(source_ids, target_ids)", "SELECT unnest(?::VARCHAR[])"))
            params.append(self.store.actor_ids_named(actor, local=True))
        if country:
            of_country = with_merged("SELECT actor_id FROM actors WHERE upper(country) = upper(?)")
            where.append(f"({_naming('list_concat(source_ids, target_ids)', of_country)} "
                         "OR upper(e.location_country) = upper(?))")
            params += [country, country]
        if date_from:
            where.append("e.date >= ?")
            params.append(date_from)
        if date_to:
            where.append("e.date <= ?")
            params.append(date_to + "\uffff")
        # Page first, then read the sentences of that page only: taking a substring of every
        # matching article's text before sorting cost most of the query.
        return self.store.query(
            "WITH page AS (SELECT e.*, d.outlet, d.published FROM events e JOIN documents d USING (doc_id) "
            f"WHERE {' AND '.join(where)} ORDER BY e.date NULLS LAST, d.published NULLS LAST, e.event_id "
            "LIMIT ? OFFSET ?) "
            "SELECT p.event_id, p.doc_id, p.outlet, p.published, p.event_type, p.mode, p.quad, p.cameo, "
            "p.intensity, p.source_names, p.target_names, p.source_ids, p.target_ids, p.negated, p.modality, "
            "p.date, p.date_precision, p.date_text, p.location, p.location_country, p.trigger, p.rule, "
            "p.confidence, substr(t.text, p.start_char + 1, p.end_char - p.start_char) AS sentence "
            "FROM page p JOIN documents t USING (doc_id) "
            "ORDER BY p.date NULLS LAST, p.published NULLS LAST, p.event_id",
            [*params, limit, offset],
        )

    def event(self, event_id: str) -> dict[str, Any]:
        """One event with its sentence, trigger and the spans of its actors, for explaining it."""
        # An id is the document's hash and the event's number: "3fa2c1b0d4:2" is a prefix of both parts.
        doc_part, colon, number = event_id.replace("%", "").partition(":")
        rows = self.store.query("SELECT * FROM events WHERE event_id LIKE ? ORDER BY event_id LIMIT 2",
                                [f"{doc_part}%{colon}{number}" if colon else f"{doc_part}%"])
        if len(rows) != 1:
            raise (NotFoundError(f"no event {event_id!r}") if not rows
                   else AmbiguousError(f"event id {event_id!r} is ambiguous"))
        event = rows[0]
        doc = self.store.query("SELECT text, outlet, published, source, title FROM documents WHERE doc_id = ?",
                               [event["doc_id"]])[0]
        event["document"] = doc
        event["mentions"] = self.store.query(
            "SELECT start_char, end_char, text, actor_id, actor_name, rule FROM mentions WHERE doc_id = ? "
            "AND sentence_idx = ? AND actor_id IS NOT NULL ORDER BY start_char", [event["doc_id"],
                                                                                   event["sentence_idx"]])
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
        return self.store.query(
            "SELECT x.kind, x.similarity, x.source, x.doc_id, x.duplicate_of, o.source AS original_source, "
            "o.outlet AS original_outlet, d.outlet FROM duplicates x JOIN documents o ON o.doc_id = x.duplicate_of "
            "LEFT JOIN documents d ON d.doc_id = x.doc_id ORDER BY x.kind DESC, x.similarity DESC, x.source")

    def merged_events(self, event_type: str | None = None, actor: str | None = None, story: str | None = None,
                      min_articles: int = 1, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Events as reported across articles, with their article and outlet counts."""
        where: list[str] = ["me.n_articles >= ?"]
        params: list[Any] = [min_articles]
        if event_type:
            where.append("me.event_type = upper(?)")
            params.append(event_type)
        if actor:
            where.append("list_has_any(me.participants, ?::VARCHAR[])")
            params.append(self.store.actor_ids_named(actor))
        if story:
            where.append(f"me.merged_id IN {MERGED_IN_STORY}")
            params.append(self.story_id(story))
        return self.store.query(
            "SELECT merged_id, event_type, quad, participant_names, date, dates, locations, n_mentions, n_articles, "
            f"n_outlets, outlets, sentence, event_id FROM merged_events me WHERE {' AND '.join(where)} "
            "ORDER BY me.n_articles DESC, me.n_outlets DESC, coalesce(me.date, me.dates[1]) NULLS LAST, me.merged_id "
            "LIMIT ? OFFSET ?", [*params, limit, offset])

    def merged_event(self, merged_id: str) -> dict[str, Any]:
        """One merged event with each of its mentions (article, outlet, sentence, date, place)."""
        rows = self.store.query("SELECT * FROM merged_events WHERE merged_id = ?", [merged_id])
        if not rows:
            raise NotFoundError(f"no merged event {merged_id!r}")
        rows[0]["mentions"] = self.store.query(
            "SELECT e.event_id, e.doc_id, d.outlet, d.published, d.title, e.date, e.date_text, e.location, e.trigger, "
            "substr(d.text, e.start_char + 1, e.end_char - e.start_char) AS sentence FROM event_mentions em "
            "JOIN events e USING (event_id) JOIN documents d USING (doc_id) WHERE em.merged_id = ? "
            "ORDER BY d.published NULLS LAST, e.event_id", [merged_id])
        return rows[0]

    def story_id(self, prefix: str) -> str:
        """The full id of a story from a unique prefix (with or without "s:")."""
        pattern = "s:" + prefix.removeprefix("s:").replace("%", "") + "%"
        ids = [r["story_id"] for r in self.store.query(
            "SELECT story_id FROM stories WHERE story_id LIKE ? ORDER BY 1 LIMIT 2", [pattern])]
        if len(ids) != 1:
            raise (NotFoundError(f"no story {prefix!r}: see `newsledger stories`") if not ids
                   else AmbiguousError(f"story id {prefix!r} is ambiguous"))
        return str(ids[0])

    def stories(self, limit: int = 100) -> list[dict[str, Any]]:
        """Stories, largest first, each with its title, dates, outlets and top actors."""
        return self._stories("SELECT * FROM stories ORDER BY n_documents DESC, first_date, story_id LIMIT ?", [limit])

    def _stories(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        rows = self.store.query(sql, params)
        for r in rows:
            r["top_actors"], r["top_events"] = json.loads(r["top_actors"]), json.loads(r["top_events"])
        return rows

    def story(self, story: str) -> dict[str, Any]:
        """One story with its documents."""
        sid = self.story_id(story)
        row = self._stories("SELECT * FROM stories WHERE story_id = ?", [sid])[0]
        row["documents"] = self.store.query(
            "SELECT d.doc_id, d.outlet, d.published, d.title, d.source FROM story_documents sd "
            "JOIN documents d USING (doc_id) WHERE sd.story_id = ? ORDER BY d.published NULLS LAST, d.doc_id", [sid])
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
        words = query_words(query)
        if not words:
            return []
        return self.store.query(
            "WITH page AS (SELECT d.doc_id, d.title, d.outlet, d.published FROM documents d "
            f"WHERE d.doc_id IN {DOCS_WITH_WORDS} ORDER BY d.published DESC NULLS LAST, d.doc_id LIMIT ? OFFSET ?) "
            "SELECT p.*, substr(t.text, greatest(1, instr(lower(t.text), ?) - 80), 240) AS snippet "
            "FROM page p JOIN documents t USING (doc_id) ORDER BY p.published DESC NULLS LAST, p.doc_id",
            [words, len(words), limit, offset, words[0]])

    def ingest_log(self, status: str | None = None, limit: int | None = None, offset: int = 0
                   ) -> list[dict[str, Any]]:
        """Every input with its status and reason, by source; ``limit`` rows from ``offset`` (None: all)."""
        where, params = ("WHERE status = ?", [status]) if status else ("", [])
        return self.store.query(
            "SELECT source, fmt, status, reason, doc_id, n_bytes, logged_at FROM ingest_log "
            f"{where} ORDER BY source LIMIT ? OFFSET ?", [*params, limit, offset])

    # -- views for reading one article, story or actor --------------------------------
    def annotations(self, doc_id: str) -> dict[str, Any]:
        """What was extracted from one article, with spans, so a reader can see each fact in place.

        Each event carries its rule, actors, date and place, and the other articles and outlets
        that report the same merged event; each quote the other articles that carry its words.
        """
        full = self.resolve_doc_id(doc_id)
        events = self.store.query(
            "SELECT e.event_id, e.start_char, e.end_char, e.trigger_start, e.trigger_end, e.trigger, e.event_type, "
            "e.mode, e.quad, e.cameo, e.source_ids, e.source_names, e.target_ids, e.target_names, e.negated, "
            "e.modality, e.date, e.date_precision, e.date_text, e.location, e.location_country, e.confidence, "
            "e.rule, em.merged_id, me.n_articles, me.n_outlets, me.outlets FROM events e "
            "LEFT JOIN event_mentions em USING (event_id) LEFT JOIN merged_events me USING (merged_id) "
            "WHERE e.doc_id = ? ORDER BY e.trigger_start, e.event_id", [full])
        others = self.store.query(
            "SELECT em.merged_id, d.doc_id, d.outlet, d.title, d.published FROM event_mentions em "
            "JOIN events e USING (event_id) JOIN documents d ON d.doc_id = e.doc_id "
            "WHERE em.merged_id IN (SELECT em2.merged_id FROM event_mentions em2 JOIN events e2 USING (event_id) "
            "WHERE e2.doc_id = ?) AND e.doc_id <> ? "
            "GROUP BY ALL ORDER BY d.published NULLS LAST, d.doc_id", [full, full])
        local = sorted({i for e in events for i in (e["source_ids"] or []) + (e["target_ids"] or [])})
        canonical = {r["local_actor_id"]: r["actor_id"] for r in self.store.query(
            "SELECT local_actor_id, actor_id FROM actor_merges WHERE local_actor_id IN (SELECT unnest(?::VARCHAR[]))",
            [local])} if local else {}
        for event in events:
            for role in ("source_ids", "target_ids"):  # the actors across documents, as the actor pages know them
                event[role] = [canonical.get(i, i) for i in event[role] or []]
            event["other_reports"] = [{k: o[k] for k in ("doc_id", "outlet", "title", "published")}
                                      for o in others if o["merged_id"] == event["merged_id"]]
        quotes = self.store.query(
            "SELECT q.idx, q.start_char, q.end_char, q.kind, q.speaker, q.speaker_start, q.speaker_end, q.actor_id, "
            "coalesce(a.name, q.actor_name) AS actor, q.cue, q.addressee, q.rule, "
            "(SELECT list(DISTINCT coalesce(d.outlet, d.source)) FROM quotes o JOIN documents d USING (doc_id) "
            " WHERE o.content_key = q.content_key AND o.doc_id <> q.doc_id) AS other_outlets "
            "FROM quotes q LEFT JOIN actors a USING (actor_id) WHERE q.doc_id = ? ORDER BY q.start_char", [full])
        actors = self.store.query(
            "SELECT m.start_char, m.end_char, m.text, m.label, m.actor_id, coalesce(a.name, m.actor_name) AS actor, "
            "m.role, m.kind, m.country, m.sector, m.rule FROM mentions m LEFT JOIN actors a USING (actor_id) "
            "WHERE m.doc_id = ? AND m.actor_id IS NOT NULL ORDER BY m.start_char", [full])
        return {"doc_id": full, "events": events, "quotes": quotes, "actors": actors}

    def network(self, story: str) -> dict[str, Any]:
        """Who acts on whom in a story: actors as nodes, source-to-target edges by quad class.

        Cooperation (quad 1-2) and conflict (3-4) are counted apart so an edge can show both.
        """
        sid = self.story_id(story)
        edges = self.store.query(
            "WITH ev AS (SELECT e.quad, unnest(e.source_ids) AS source, e.target_ids FROM events e "
            "  JOIN story_documents sd ON sd.doc_id = e.doc_id AND sd.story_id = ? "
            "  WHERE NOT e.negated AND e.modality IN ('asserted', 'reported')), "
            "local AS (SELECT source, unnest(target_ids) AS target, quad FROM ev), "
            "pairs AS (SELECT coalesce(s.actor_id, l.source) AS source, coalesce(t.actor_id, l.target) AS target, "
            "  l.quad FROM local l LEFT JOIN actor_merges s ON s.local_actor_id = l.source "
            "  LEFT JOIN actor_merges t ON t.local_actor_id = l.target) "
            "SELECT source, target, count(*) FILTER (WHERE quad <= 2) AS cooperation, "
            "count(*) FILTER (WHERE quad >= 3) AS conflict FROM pairs WHERE source <> target "
            "GROUP BY ALL ORDER BY cooperation + conflict DESC, source, target LIMIT 60", [sid])
        ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
        nodes = self.store.query(
            "SELECT actor_id, name, kind, country, sector, n_mentions FROM actors WHERE actor_id IN "
            "(SELECT unnest(?::VARCHAR[])) ORDER BY n_mentions DESC, actor_id", [ids]) if ids else []
        return {"story_id": sid, "nodes": nodes, "edges": edges}

    def story_quotes(self, story: str, limit: int = 200) -> list[dict[str, Any]]:
        """A story's direct and partial quotes grouped by speaker, most quoted speaker first."""
        rows = self.store.query(
            "SELECT coalesce(a.name, q.actor_name, q.speaker, '(unattributed)') AS speaker, q.actor_id, q.doc_id, "
            "d.outlet, d.published, q.kind, q.cue, q.text, q.start_char, q.end_char FROM quotes q "
            "JOIN story_documents sd ON sd.doc_id = q.doc_id AND sd.story_id = ? "
            "JOIN documents d ON d.doc_id = q.doc_id LEFT JOIN actors a ON a.actor_id = q.actor_id "
            "WHERE q.kind IN ('direct', 'partial') ORDER BY d.published NULLS LAST, q.doc_id, q.start_char LIMIT ?",
            [self.story_id(story), limit])
        groups: dict[str, dict[str, Any]] = {}
        for r in rows:
            group = groups.setdefault(r.pop("speaker"), {"actor_id": r["actor_id"], "quotes": []})
            group["quotes"].append(r)
        return [{"speaker": s, **g} for s, g in sorted(groups.items(), key=lambda x: (-len(x[1]["quotes"]), x[0]))]

    def actor_events(self, actor_id: str, role: str = "source", limit: int = 100,
                     offset: int = 0) -> list[dict[str, Any]]:
        """Events in which one actor (by exact id) is the source, or the target, newest first.

        Events name the actor as its document resolved it; ``actor_merges`` says which of those it became.
        """
        if role not in ("source", "target"):
            raise ConfigError(f"role must be source or target, not {role!r}")
        return self.store.query(
            "SELECT e.event_id, e.doc_id, d.outlet, d.published, e.event_type, e.quad, e.source_names, "
            "e.target_names, e.negated, e.modality, e.date, e.location, e.trigger, "
            "substr(d.text, e.start_char + 1, e.end_char - e.start_char) AS sentence FROM events e "
            "JOIN documents d USING (doc_id) WHERE "
            + _naming(f"{role}_ids", with_merged("SELECT ?::VARCHAR AS actor_id"))
            + " ORDER BY coalesce(e.date, d.published) DESC NULLS LAST, e.event_id LIMIT ? OFFSET ?",
            [actor_id, limit, offset])

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
        if table not in TABLES:
            raise ConfigError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
        if fmt not in EXPORT_FORMATS:
            raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        if fmt == "gdelt" and table != "events":
            raise ConfigError("the gdelt format is for the events table: --table events --format gdelt")
        order = "ORDER BY doc_id, idx" if table in ("sentences", "mentions") else "ORDER BY 1"
        sql = GDELT_SQL if fmt == "gdelt" else f"SELECT * FROM {table} {order}"  # table checked above
        n = int(self.store.scalar(f"SELECT count(*) FROM ({sql})"))
        if fmt == "parquet":
            if not isinstance(out, str | Path):
                raise ConfigError("Parquet export needs a file: give -o FILE.parquet")
            target = str(out).replace("'", "''")
            self.store.con.execute(f"COPY ({sql}) TO '{target}' (FORMAT parquet)")
            return n
        if isinstance(out, str | Path):
            with open(out, "w", encoding="utf-8", newline="") as fh:
                return self._write_rows(sql, fmt, fh)
        return self._write_rows(sql, fmt, out)

    def _write_rows(self, sql: str, fmt: str, fh: IO[str]) -> int:
        n = 0
        writer = None
        tabular = {"csv": csv.excel, "gdelt": csv.excel_tab}.get(fmt)
        for cols, rows in self.store.iter_rows(sql):
            if tabular is not None and writer is None:
                writer = csv.writer(fh, dialect=tabular)
                writer.writerow(cols)
            for row in rows:
                if writer is not None:
                    writer.writerow(row)
                else:
                    fh.write(json.dumps(dict(zip(cols, row, strict=True)), default=str, ensure_ascii=False) + "\n")
                n += 1
        if tabular is not None and writer is None:  # empty table: still write the header
            cols = [c[0] for c in self.store.con.execute(f"SELECT * FROM ({sql}) LIMIT 0").description or []]
            csv.writer(fh, dialect=tabular).writerow(cols)
        return n
