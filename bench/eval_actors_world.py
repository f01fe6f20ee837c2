"""Actor coding on news of the whole world: country and PLOVER sector of each labelled mention.

Usage:  .venv/bin/python bench/eval_actors_world.py [--set dev|check] [--errors N] [--kind name] [--json FILE]

tests/data/actors_world_dev.jsonl (written by us, blind to the knowledge base): one actor
mention per row in a news sentence we wrote, with the publication date, the expected country
(ISO3, or an international body's code) and sector. Each sentence runs through the pipeline
with its date; the mention is the stored actor mention overlapping the labelled span (the
longest overlap). Reported, overall and by kind (bare names, titles, groups, places acting,
states under other names): country accuracy on rows that have a country, sector accuracy,
country and sector together, the share left unresolved (no country or body), and how many
of the resolved country codes are wrong ("wrong is worse than unknown").

``--set check`` scores tests/data/actors_world_check.jsonl instead: 400 more rows written the
same way with other people, places and groups, whose errors are never printed (the dev set's
were read while building the knowledge base). Its floors are the ``actors_check.*`` keys.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsledger.config import load_config
from newsledger.models import Document, Mention, RawInput
from newsledger.pipeline.annotate import annotate_batch
from newsledger.pipeline.ingest.prepare import prepare

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "actors_world_dev.jsonl"
CHECK = ROOT / "tests" / "data" / "actors_world_check.jsonl"


def mentions_of(rows: list[dict[str, Any]]) -> list[Mention | None]:
    cfg = load_config()
    docs = []
    for r in rows:
        given = {"published": r["published"]} if r.get("published") else {}
        doc = prepare(RawInput(source=r["id"], fmt="txt", content=r["sentence"], given=given), cfg.ingest)
        docs.append(doc if isinstance(doc, Document) else None)
    # By document id: two rows may label two mentions of one sentence (one document).
    annotated = {a.document.doc_id: a for a in annotate_batch([d for d in docs if d], cfg.annotate, batch_size=64)}
    found: list[Mention | None] = []
    for r, d in zip(rows, docs, strict=True):
        a = annotated.get(d.doc_id) if d is not None else None
        if a is None:
            found.append(None)
            continue
        offset = a.document.text.find(r["mention"])
        if offset < 0:
            found.append(None)
            continue
        start, end = offset, offset + len(r["mention"])
        overlapping = [m for m in a.mentions if m.actor_id and m.start < end and start < m.end]
        found.append(max(overlapping, key=lambda m: min(end, m.end) - max(start, m.start), default=None))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=("dev", "check"), default="dev", help="which labelled set")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors (dev set only)")
    parser.add_argument("--kind", help="only rows of this kind")
    parser.add_argument("--json", help="write the figures here")
    parser.add_argument("--gate", action="store_true", help="fail when a figure drops below bench/eval_floors.json")
    args = parser.parse_args()
    if args.set == "check" and args.errors:
        sys.exit("the check set's errors are not printed: tune on the dev set")
    gold = GOLD if args.set == "dev" else CHECK
    prefix = "actors" if args.set == "dev" else "actors_check"
    rows = [json.loads(line) for line in gold.read_text("utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if not args.kind or r["kind"] == args.kind]
    found = mentions_of(rows)
    tally: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    errors = []
    for r, m in zip(rows, found, strict=True):
        code = (m.country or m.igo) if m else None
        for group in ("all", r["kind"]):
            t = tally[group]
            t["rows"] += 1
            if r["country"]:
                t["with country"] += 1
                t["country right"] += code == r["country"]
                t["resolved"] += code is not None
                t["resolved wrong"] += code is not None and code != r["country"]
            t["sector right"] += bool(m and m.sector == r["sector"])
            t["both right"] += bool(m and code == r["country"] and m.sector == r["sector"])
        if not (m and code == r["country"] and m.sector == r["sector"]):
            errors.append(f"[{r['kind']}] {r['mention']!r} ({r.get('published')}): want {r['country']} {r['sector']}, "
                          f"got {code} {m.sector if m else None} via {m.rule if m else 'no mention'} | {r['sentence']}")
    figures = {}
    print(f"actors of the world: {len(rows)} labelled mentions ({gold.name})")
    for group, t in sorted(tally.items(), key=lambda kv: (kv[0] != "all", kv[0])):
        country = t["country right"] / max(1, t["with country"])
        both = t["both right"] / max(1, t["rows"])
        figures[group] = {"country": country, "sector": t["sector right"] / max(1, t["rows"]), "country+sector": both,
                          "unresolved": 1 - t["resolved"] / max(1, t["with country"]),
                          "wrong of resolved": t["resolved wrong"] / max(1, t["resolved"])}
        f = figures[group]
        print(f"  {group:6s} ({t['rows']:3d}): country {f['country']:.3f}, sector {f['sector']:.3f}, "
              f"country+sector {f['country+sector']:.3f}, unresolved {f['unresolved']:.3f}, "
              f"wrong of resolved {f['wrong of resolved']:.3f}")
    for line in errors[: args.errors]:
        print("  " + line)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n")
    if args.gate:
        floors = json.loads((ROOT / "bench" / "eval_floors.json").read_text("utf-8"))
        measured = {f"{prefix}.{group}.{name}": value for group, f in figures.items() for name, value in f.items()}
        # Higher is better, except for the shares left unresolved or wrong.
        failed = [k for k, floor in floors.items() if k in measured and (
            measured[k] > floor if k.endswith(("unresolved", "wrong of resolved")) else measured[k] < floor)]
        for k in failed:
            print(f"GATE FAIL {k}: {measured[k]:.3f} against {floors[k]:.3f}", file=sys.stderr)
        print(f"actors gate: {len(failed)} of {sum(k in measured for k in floors)} figures past their bound")
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
