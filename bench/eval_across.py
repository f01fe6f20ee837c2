"""The cross-article stage on the example corpus (labelled in examples/MANIFEST.md) and the seeds.

Usage:  .venv/bin/python bench/eval_across.py [--seeds DIR]

Example corpus, against the manifest's labels:
  - duplicates: precision and recall of near-duplicate pairs (T3/T4 is the one republication);
  - merged events: of the manifest's same-event article pairs (English ones), how many share
    at least one merged event (pair recall); of the merged events reported by several
    articles, how many join only articles the manifest says report the same event
    (precision);
  - stories: each with its title, dates and articles.
Seeds (``../shared/corpus/seeds``, skipped when absent): merged events reported by more
than one article with their counts, and the timeline of the largest story.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
from pathlib import Path

from newsledger import Ledger

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"

# Manifest ids -> how their stored source ends.
FILES = {
    "T1": "txt/caspianwire_karabakh_truce_statement.txt", "T2": "txt/caspianwire_prague_border_mission.txt",
    "T3": "txt/meridian_finland_joins_nato.txt", "T4": "txt/blackseaherald_finland_flag_raised.txt",
    "T5": "txt/blackseaherald_grain_corridor_signed.txt", "T6": "txt/caspianwire_kerch_strait_seizure.txt",
    "T7": "txt/alliancemonitor_vienna_karabakh_talks.txt", "T10": "txt/caspianwire_karabakh_separatists_disarm.txt",
    "H1": "html/blackseaherald_karabakh_peace_deal.html", "H2": "html/blackseaherald_karabakh_ceasefire_2023.html",
    "H3": "html/blackseaherald_vilnius_ukraine_council.html", "H4": "html/caspianwire_white_house_summit.html",
    "H7": "html/alliancemonitor_kerch_nato_reaction.html",
    "J1": "meridian_feed.jsonl:1", "J2": "meridian_feed.jsonl:2", "J3": "meridian_feed.jsonl:3",
    "J4": "meridian_feed.jsonl:4", "J5": "meridian_feed.jsonl:5", "J6": "meridian_feed.jsonl:6",
    "W1": "2024/03/07/sweden-joins-nato-32nd-ally", "W2": "2023/07/11/vilnius-summit-ukraine-no-timeline",
    "W3": "2023/10/01/karabakh-exodus-120000",
}
NEAR_DUPLICATES = {frozenset(("T3", "T4"))}
# The manifest's same-event pairs (E7 is across languages: the German article is not analysed).
SAME_EVENT = [("T1", "H1"), ("T2", "J1"), ("T10", "H2"), ("J2", "W3"), ("T3", "T4"), ("J3", "W1"), ("T5", "J5"),
              ("W2", "H3"), ("H4", "J4"), ("T7", "J6"), ("T6", "H7")]


def _ids(ledger: Ledger) -> dict[str, str]:
    docs = ledger.store.query("SELECT doc_id, source FROM documents")
    return {key: next(d["doc_id"] for d in docs if d["source"].replace("\\", "/").endswith(end))
            for key, end in FILES.items()}


def _f(p: float, r: float) -> str:
    return f"P {p:.2f} R {r:.2f} F1 {2 * p * r / max(1e-9, p + r):.2f}"


def examples(ledger: Ledger) -> None:
    ids = _ids(ledger)
    key_of = {v: k for k, v in ids.items()}
    found = {frozenset(key_of.get(i, i) for i in (d.doc_id, d.duplicate_of) if i)
             for d in ledger.duplicates() if d.kind == "near"}
    hit = len(found & NEAR_DUPLICATES)
    print(f"examples: near-duplicate pairs {len(found)} found, {len(NEAR_DUPLICATES)} labelled: "
          + _f(hit / max(1, len(found)), hit / len(NEAR_DUPLICATES)))
    shared = [set(r["doc_ids"]) for r in ledger.store.query("SELECT doc_ids FROM merged_events")]
    same = {frozenset((ids[a], ids[b])) for a, b in SAME_EVENT}
    # The near-duplicate's mentions are not merged, so its pair counts through the original.
    covered = [(a, b) for a, b in SAME_EVENT if any({ids[a], ids[b]} <= docs for docs in shared)
               or frozenset((a, b)) in NEAR_DUPLICATES]
    multi = [docs for docs in shared if len(docs) > 1]
    right = [docs for docs in multi if all(frozenset(p) in same for p in itertools.combinations(sorted(docs), 2))]
    print(f"examples: {len(shared)} merged events, {len(multi)} reported by several articles; same-event pairs "
          f"joined by a merged event {len(covered)}/{len(SAME_EVENT)}; merged events whose articles all report "
          f"the same event {len(right)}/{len(multi)}")
    print("  pairs not joined: " + ", ".join(f"{a}-{b}" for a, b in SAME_EVENT if (a, b) not in covered))
    for s in ledger.stories():
        print(f"  story {s.story_id[2:10]} {s.first_date}..{s.last_date} {s.n_documents} articles, "
              f"{s.n_outlets} outlets: {s.title}")


def seeds(ledger: Ledger) -> None:
    print("seeds: merged events reported by more than one article")
    for m in ledger.merged_events(min_articles=2):
        print(f"  {m.event_type} {', '.join(m.participant_names or [])} {m.date or m.dates} "
              f"{m.locations}: {m.n_mentions} mentions, {m.n_articles} articles, {m.n_outlets} outlets")
    story = ledger.stories()[0]
    print(f"seeds: largest story {story.title!r} ({story.first_date}..{story.last_date}, "
          f"{story.n_documents} articles); its timeline:")
    for e in ledger.timeline(story=story.story_id):
        kinds = ", ".join(sorted({x.event_type for x in e.events}))
        print(f"  {e.date} (weight {e.weight}; {kinds}) {(e.sentence or '')[:100]!r} ({e.outlet})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default=str(SEEDS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        with Ledger(Path(tmp) / "examples.duckdb") as ledger:
            ledger.ingest([str(CORPUS)])
            examples(ledger)
        if Path(args.seeds).is_dir():
            with Ledger(Path(tmp) / "seeds.duckdb") as ledger:
                ledger.ingest([args.seeds])
                seeds(ledger)
        else:
            print(f"{args.seeds} not found: seeds skipped")


if __name__ == "__main__":
    main()
