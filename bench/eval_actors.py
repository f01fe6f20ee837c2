"""Actor accuracy on the labelled dev set (tests/data/actors_dev.jsonl, from examples/corpus).

Usage:  .venv/bin/python bench/eval_actors.py [--db FILE] [--errors N]

Each gold row names a mention by a context string in its article and gives the expected
actor, kind, country or IGO, and sector. The script ingests examples/corpus into a fresh
store (or reads --db), finds each gold mention's span in the cleaned text, and compares it
with the actor mention stored there. Reported:
  - found: gold mentions linked to any actor (recall of linking)
  - actor: of those found, the right actor (persons by name or alias, others by country/IGO
    and sector)
  - country / sector / kind: attribute accuracy on found mentions
  - precision: stored actor mentions in the body of labelled articles that match a gold one
    (the dev set labels every actor mention of an article's body)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from examples_store import examples_ledger

from newsledger import Ledger
from newsledger.folding import fold
from newsledger.pipeline.ingest.clean import normalise

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "actors_dev.jsonl"


def _same_actor(pred: dict[str, Any], gold: dict[str, Any], aliases: dict[str, set[str]]) -> bool:
    if gold["kind"] == "person" and not gold["actor"].startswith("unnamed "):
        names = aliases.get(pred["actor_id"], set()) | {fold(pred["actor_name"] or "")}
        return pred["kind"] == "person" and fold(gold["actor"]) in names
    if gold.get("igo"):
        return pred["igo"] == gold["igo"]
    if gold["kind"] == "group" and gold["sector"] in ("REB", "OPP", "CVL", None):
        return pred["kind"] == "group" and pred["sector"] == gold["sector"]
    return pred["country"] == gold["country"] and (pred["sector"] or None) == (gold["sector"] or None)


def evaluate(ledger: Ledger, gold_rows: list[dict[str, Any]], show_errors: int) -> dict[str, float]:
    docs = {r["source"]: r for r in ledger.store.query("SELECT doc_id, source, text FROM documents")}
    by_doc = {}
    for row in gold_rows:
        match = [d for s, d in docs.items() if s.replace("\\", "/").endswith(row["doc"])]
        by_doc.setdefault(row["doc"], match[0] if match else None)
    aliases: dict[str, set[str]] = {}
    for a in ledger.store.query("SELECT actor_id, name, aliases FROM actors"):
        aliases[a["actor_id"]] = {fold(a["name"])} | {fold(x["text"]) for x in json.loads(a["aliases"] or "[]")}
    counts: Counter[str] = Counter()
    errors: list[str] = []
    matched_pred: set[tuple[str, int]] = set()
    for row in gold_rows:
        doc = by_doc.get(row["doc"])
        counts["gold"] += 1
        if doc is None:
            counts["missing_doc"] += 1
            continue
        context, mention = normalise(row["context"]), normalise(row["mention"])
        at = doc["text"].find(context)
        if at < 0 or mention not in context:
            counts["context_not_found"] += 1
            continue
        start = at + context.index(mention)
        end = start + len(mention)
        preds = ledger.store.query(
            "SELECT idx, text, actor_id, actor_name, kind, country, igo, sector, rule FROM mentions "
            "WHERE doc_id = ? AND actor_id IS NOT NULL AND start_char < ? AND end_char > ? "
            "ORDER BY abs(start_char - ?) LIMIT 1",
            [doc["doc_id"], end, start, start])
        if not preds:
            counts["not_found"] += 1
            errors.append(f"MISSED  {row['mention']!r} -> {row['actor']} ({row['kind']}) | {row['context'][:90]}")
            continue
        pred = preds[0]
        matched_pred.add((doc["doc_id"], pred["idx"]))
        counts["found"] += 1
        ok = _same_actor(pred, row, aliases)
        counts["actor_ok"] += ok
        counts["kind_ok"] += pred["kind"] == row["kind"]
        counts["country_ok"] += (pred["country"] or pred["igo"]) == (row["country"] or row.get("igo"))
        counts["sector_ok"] += (pred["sector"] or None) == (row["sector"] or None)
        attrs = [f"{name} gold {want} pred {got}" for name, want, got in (
            ("kind", row["kind"], pred["kind"]),
            ("country", row["country"] or row.get("igo"), pred["country"] or pred["igo"]),
            ("sector", row["sector"] or None, pred["sector"] or None)) if want != got]
        if ok and attrs:
            errors.append(f"ATTR    {row['mention']!r} -> {pred['actor_name']}: {'; '.join(attrs)} [{pred['rule']}] | "
                          f"{row['context'][:70]}")
        if not ok:
            errors.append(f"WRONG   {row['mention']!r} -> gold {row['actor']}/{row['country'] or row.get('igo')}/"
                          f"{row['sector']} pred {pred['actor_name']}/{pred['country'] or pred['igo']}/"
                          f"{pred['sector']} [{pred['rule']}] | {row['context'][:70]}")
    labelled = [d["doc_id"] for d in by_doc.values() if d]
    body_preds = ledger.store.query(
        "SELECT m.doc_id, m.idx, m.text, m.actor_name, m.rule, s.text AS sentence FROM mentions m "
        "JOIN sentences s ON s.doc_id = m.doc_id AND s.idx = m.sentence_idx "
        "WHERE m.actor_id IS NOT NULL AND s.section = 'body' AND m.doc_id IN (SELECT unnest(?)) "
        "ORDER BY m.doc_id, m.idx", [labelled])
    errors += [f"EXTRA   {r['text']!r} -> {r['actor_name']} [{r['rule']}] | {r['sentence'][:90]}" for r in body_preds
               if (r["doc_id"], r["idx"]) not in matched_pred]
    found = max(counts["found"], 1)
    result = {
        "gold mentions": counts["gold"],
        "context not found": counts["context_not_found"] + counts["missing_doc"],
        "found (linked to an actor)": round(counts["found"] / max(1, counts["gold"] - counts["context_not_found"]
                                                                   - counts["missing_doc"]), 3),
        "actor accuracy (of found)": round(counts["actor_ok"] / found, 3),
        "kind accuracy": round(counts["kind_ok"] / found, 3),
        "country/IGO accuracy": round(counts["country_ok"] / found, 3),
        "sector accuracy": round(counts["sector_ok"] / found, 3),
        "precision (body mentions matching gold)": round(
            len(matched_pred & {(r["doc_id"], r["idx"]) for r in body_preds}) / max(1, len(body_preds)), 3),
    }
    for line in errors[:show_errors]:
        print(line, file=sys.stderr)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="existing store holding examples/corpus (default: ingest afresh)")
    parser.add_argument("--errors", type=int, default=40, help="errors to print")
    args = parser.parse_args()
    gold = [json.loads(line) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]
    with examples_ledger(args.db) as ledger:
        result = evaluate(ledger, gold, args.errors)
    for key, value in result.items():
        print(f"{key:<42} {value}")


if __name__ == "__main__":
    main()
