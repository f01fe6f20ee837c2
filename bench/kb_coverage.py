"""How complete the actor knowledge base is: the share of the years 1990-2026 for which some entry
holds each office of each state (head of state, head of government, foreign, defence and
interior minister).

Usage:  .venv/bin/python bench/kb_coverage.py [--under 0.8] [--extra FILE.jsonl ...]

Prints every state with an office covered for less than ``--under`` of the years, then how many
states fall under it per office. ``--extra`` adds files not yet in the package (a contributor's
draft). An office is recognised by its title, so a state whose office has an unusual name may
show a gap the base does not have; a state without the office (no army, police under the
justice ministry) shows one too.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path

FIRST, LAST = 1990, 2026
OFFICES = {
    "HOS": re.compile(r"^(president|king|queen|emir|sultan|monarch|supreme leader|head of state|chairman of the "
                      r"presidential|governor-general|grand duke|prince|co-prince|captain regent|emperor|chairman of "
                      r"the state council|chair of the presidency|member of the presidency|state counsellor|chairman "
                      r"of the state peace|general secretary)", re.I),
    "HOG": re.compile(r"(prime minister|premier|chancellor|head of government|chief executive|taoiseach|"
                      r"first minister)", re.I),
    "FM": re.compile(r"(foreign|external affairs|secretary of state$|international relations)", re.I),
    "DEF": re.compile(r"(defen[cs]e|armed forces|minister of war|military department)", re.I),
    "INT": re.compile(r"(interior|home affairs|home secretary|home minister|internal affairs|public security|"
                      r"internal security|minister of security|security minister|minister of government|"
                      r"national public safety|public safety|national security|homeland security|"
                      r"internal administration|territorial administration|minister of police|"
                      r"secretary for security)", re.I),
}
NOT_THE_OFFICE = re.compile(r"(deputy|vice|state secretary|shadow|opposition|spokes|ambassador|permanent "
                            r"representative|assistant|under-?secretary|committee|former|adviser|advisor)", re.I)


def _rows(extra: list[Path]) -> list[dict[str, object]]:
    folder = resources.files("newsledger").joinpath("data/actors")
    texts = [f.read_text("utf-8") for f in folder.iterdir() if f.name.endswith(".jsonl")]
    texts += [p.read_text("utf-8") for p in extra]
    return [json.loads(line) for text in texts for line in text.splitlines() if line.strip()]


def coverage(extra: list[Path]) -> dict[str, dict[str, float]]:
    """State -> office -> share of the years FIRST..LAST that some role covers."""
    years: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for entry in _rows(extra):
        for role in entry.get("roles", []):  # type: ignore[attr-defined]
            title, country = role.get("title") or "", role.get("country")
            if not country or NOT_THE_OFFICE.search(title) or role.get("sector") not in ("GOV", "COP", None):
                continue
            start = int((role.get("start") or str(FIRST))[:4])
            end = int((role.get("end") or str(LAST))[:4])
            for office, pattern in OFFICES.items():
                if pattern.search(title):
                    years[country][office].update(range(max(start, FIRST), min(end, LAST) + 1))
    span = LAST - FIRST + 1
    return {state: {o: len(years[state][o]) / span for o in OFFICES} for state in years
            if years[state]["HOS"] or years[state]["HOG"]}  # states, not bodies or sub-national roles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--under", type=float, default=0.8, help="list offices covered for less than this share")
    ap.add_argument("--extra", type=Path, nargs="*", default=[], help="draft knowledge files to count too")
    args = ap.parse_args()
    table = coverage(args.extra)
    print("state  " + "  ".join(f"{o:>4s}" for o in OFFICES))
    for state in sorted(table):
        if min(table[state][o] for o in ("FM", "DEF", "INT")) < args.under:
            print(f"{state:5s}  " + "  ".join(f"{table[state][o]:4.2f}" for o in OFFICES))
    under = {o: sum(table[s][o] < args.under for s in table) for o in OFFICES}
    print(f"{len(table)} states; offices covered for less than {args.under:.0%} of {FIRST}-{LAST}: {under}")


if __name__ == "__main__":
    main()
