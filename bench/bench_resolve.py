"""Scale of the cross-article stage: add 1,000 articles to a store of 100,000.

Usage:  .venv/bin/python bench/bench_resolve.py [--base 100000] [--add 1000] [--db FILE]

The store is synthetic, made by varying the example corpus: examples/corpus is ingested once,
then its documents, actor mentions and events are copied in SQL, copy k with its text
altered (a copy-specific word after every word, so no two copies share a shingle), its dates
shifted by k days and its people renamed into 50 variants, so
events and stories spread as in a real archive instead of piling into one. Parsing is not
measured here (`newsledger bench` does that): the figure is what the cross-document stage
costs once parsed articles land in a large store.

Printed, in the same run: the cost of building duplicates, merged events and stories for the
whole base store from scratch, and the cost of the incremental update for the added
articles, step by step, with the added articles' ratio to the rebuild.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from newsledger import Ledger
from newsledger.config import load_config
from newsledger.resolve.actors import resolve_actors
from newsledger.resolve.doc_dates import index_dates
from newsledger.resolve.duplicates import find_duplicates
from newsledger.resolve.merge import merge_events
from newsledger.resolve.stories import group_stories
from newsledger.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"


def _copy(store: Store, first: int, last: int) -> None:
    """Copies first..last-1 of the seed documents (table ``seed_*``) into the store."""
    con = store.con
    sfx = "'~' || k"
    con.execute(f"""
        INSERT INTO documents SELECT doc_id || {sfx}, source || {sfx}, fmt, url, outlet, outlet_source, title,
            regexp_replace(text, '(\\w+)', '\\1 w' || k, 'g'), sections,
            CASE WHEN length(published) >= 10 THEN strftime(published::DATE + to_days(k::INT), '%Y-%m-%d') END,
            published_precision, published_source, published_text, dateline, language, language_score, analysed,
            n_chars, n_words, n_bytes, input_id || {sfx}, run_id, ingested_at, schema_version
        FROM seed_documents, range({first}, {last}) t(k)""")
    people = "CASE WHEN {c} LIKE 'person:%' THEN {c} || '#' || (k % 50) ELSE {c} END"
    con.execute(f"""
        INSERT INTO mentions SELECT seed_mentions.* REPLACE (doc_id || {sfx} AS doc_id,
            {people.format(c='actor_id')} AS actor_id, {people.format(c='local_actor_id')} AS local_actor_id)
        FROM seed_mentions, range({first}, {last}) t(k)""")
    ids = "list_transform({c}, lambda x: CASE WHEN x LIKE 'person:%' THEN x || '#' || (k % 50) ELSE x END)"
    con.execute(f"""
        INSERT INTO events SELECT seed_events.* REPLACE (
            doc_id || {sfx} || ':' || idx AS event_id, doc_id || {sfx} AS doc_id,
            {ids.format(c='source_ids')} AS source_ids, {ids.format(c='target_ids')} AS target_ids,
            CASE WHEN length(date) = 10 THEN strftime(date::DATE + to_days(k::INT), '%Y-%m-%d') END AS date)
        FROM seed_events, range({first}, {last}) t(k)""")
    con.execute(f"""
        INSERT INTO sentences SELECT seed_sentences.* REPLACE (doc_id || {sfx} AS doc_id)
        FROM seed_sentences, range({first}, {last}) t(k)""")


def _timed(label: str, step, results: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    step()
    results[label] = time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=int, default=100_000, help="articles in the store before")
    parser.add_argument("--add", type=int, default=1_000, help="articles added")
    parser.add_argument("--db", help="store file (default: a temporary one)")
    args = parser.parse_args()
    cfg = load_config()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "scale.duckdb")
        with Ledger(db, cfg) as ledger:
            ledger.ingest([str(CORPUS)])
            store = ledger.store
            for table in ("documents", "mentions", "events", "sentences"):
                store.con.execute(f"CREATE TABLE seed_{table} AS SELECT * FROM {table} "
                                  "WHERE doc_id IN (SELECT doc_id FROM documents WHERE analysed)")
            seeds = int(store.scalar("SELECT count(*) FROM seed_documents"))
            for table in ("doc_minhash", "doc_bands", "duplicates", "event_mentions", "merged_events",
                          "doc_actors", "story_documents", "stories", "doc_dates", "documents", "mentions",
                          "events", "sentences"):
                store.con.execute(f"DELETE FROM {table}")
            copies = -(-args.base // seeds)
            start = time.perf_counter()
            _copy(store, 0, copies)
            made = time.perf_counter() - start
            n_base = int(store.scalar("SELECT count(*) FROM documents"))
            print(f"base store: {n_base:,} articles, {store.scalar('SELECT count(*) FROM events'):,} events "
                  f"(made in {made:.0f} s from {seeds} example articles)")
            rebuild: dict[str, float] = {}
            _timed("actors (always a full rebuild)", lambda: resolve_actors(store), rebuild)
            _timed("duplicates", lambda: find_duplicates(store, cfg.resolve), rebuild)
            _timed("merged events", lambda: merge_events(store, cfg.resolve), rebuild)
            _timed("stories", lambda: group_stories(store, cfg.resolve), rebuild)
            _timed("days named (timelines)", lambda: index_dates(store), rebuild)
            added_copies = -(-args.add // seeds)
            _copy(store, copies, copies + added_copies)
            n_added = int(store.scalar("SELECT count(*) FROM documents")) - n_base
            update: dict[str, float] = {}
            _timed("actors (always a full rebuild)", lambda: resolve_actors(store), update)
            _timed("duplicates", lambda: find_duplicates(store, cfg.resolve), update)
            _timed("merged events", lambda: merge_events(store, cfg.resolve), update)
            _timed("stories", lambda: group_stories(store, cfg.resolve), update)
            _timed("days named (timelines)", lambda: index_dates(store), update)
    print(f"{'step':<32} {'build, ' + format(n_base, ','):>16} {'add ' + format(n_added, ','):>12}")
    for step in rebuild:
        print(f"{step:<32} {rebuild[step]:>14.1f} s {update[step]:>10.1f} s")
    inc = sum(v for k, v in update.items() if not k.startswith("actors"))
    full = sum(v for k, v in rebuild.items() if not k.startswith("actors"))
    print(f"duplicates + merged events + stories + days named: {inc:.1f} s for {n_added:,} added articles "
          f"(target < 60 s); building them for the whole store took {full:.1f} s ({inc / full:.3f}x)")


if __name__ == "__main__":
    main()
