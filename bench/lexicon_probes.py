"""Run the event coder on the lexicon probes (tests/data/event_lexicon_probes.jsonl) and print which fail.

Usage:  .venv/bin/python bench/lexicon_probes.py [--all] [--type ASSAULT]

Each probe is one news-style sentence we wrote for one PLOVER type or mode, its act carried by one
word or phrase (``trigger``), or a hard negative (``type`` null) using such a word for no event. The
probes cover each type's vocabulary by design, from the manual, rather than by any set's errors, so
their failures say which words the frames lack. A probe passes when a non-negated event of its type
is coded (a probe's sentence reports one act, and a light verb may be the trigger shown: "imposed"
for "imposed tariffs"); a negative passes when no asserted or reported event is coded. All probes
go through one batched pipeline call, so a run takes seconds. Failures print as
MISSING (no event on the trigger), TYPE (an event of another type) or EXTRA (an event on a negative);
probes marked ``known_gap`` print as GAP, and as FIXED when they pass.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsledger.config import Config, load_config
from newsledger.models import Document, Event, RawInput
from newsledger.pipeline.annotate import annotate_batch
from newsledger.pipeline.ingest.prepare import prepare

PROBES = Path(__file__).resolve().parents[1] / "tests" / "data" / "event_lexicon_probes.jsonl"


@dataclass(frozen=True, slots=True)
class Verdict:
    probe: dict[str, Any]
    ok: bool
    kind: str  # "" when ok, else MISSING | TYPE | EXTRA
    coded: list[tuple[str, str | None, str]]  # (type, mode, trigger) of the sentence's events


def load_probes(path: Path = PROBES) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _stems(text: str) -> set[str]:
    """Word stems of a trigger, so that 'clashes' meets 'clashed' and 'air strikes' meets 'strikes'."""
    return {word[:5] for word in text.lower().replace("-", " ").split() if len(word) > 2}


def judge(probe: dict[str, Any], events: list[Event]) -> Verdict:
    coded = [(e.event_type, e.mode, e.trigger) for e in events]
    live = [e for e in events if not e.negated]
    if probe["type"] is None:
        extra = [e for e in live if e.modality in ("asserted", "reported")]
        return Verdict(probe, not extra, "EXTRA" if extra else "", coded)
    if any(e.event_type == probe["type"] for e in live):
        return Verdict(probe, True, "", coded)
    on_trigger = [e for e in live if _stems(e.trigger) & _stems(probe["trigger"])]
    return Verdict(probe, False, "TYPE" if on_trigger else "MISSING", coded)


def code_probes(probes: list[dict[str, Any]], config: Config) -> list[Verdict]:
    """Every probe as a one-sentence document, annotated in one batch."""
    docs = []
    for n, probe in enumerate(probes):
        doc = prepare(RawInput(source=f"probe-{n}.txt", fmt="txt", content=probe["text"].encode()), config.ingest)
        if not isinstance(doc, Document):
            raise ValueError(f"probe {n} was not read as a document: {doc}")
        docs.append(doc)
    annotated = annotate_batch(docs, config.annotate)
    return [judge(probe, result.events) for probe, result in zip(probes, annotated, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--all", action="store_true", help="print passing probes too")
    parser.add_argument("--type", help="only probes of this type (NONE: the negatives)")
    args = parser.parse_args()
    probes = load_probes()
    if args.type:
        probes = [p for p in probes if (p["type"] or "NONE") == args.type]
    verdicts = code_probes(probes, load_config(environ={}))
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for v in verdicts:
        key = v.probe["type"] or "NONE"
        total[key] += 1
        passed[key] += v.ok
        gap = v.probe.get("known_gap")
        label = ("FIXED" if v.ok else "GAP") if gap else (v.kind or "ok")
        if args.all or label != "ok":
            print(f"{label:8} {key:9} {v.probe['trigger']!r:28} {v.coded}  {v.probe['text']}"
                  + (f"  [gap: {gap}]" if gap and not v.ok else ""))
    for key in sorted(total):
        print(f"  {key:9} {passed[key]:4} / {total[key]}")
    print(f"  passing   {sum(passed.values())} / {len(verdicts)}")


if __name__ == "__main__":
    main()
