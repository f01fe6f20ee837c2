"""How complete the actor knowledge base is: the share of the years 1990-2026 for which some entry
holds each office of each state (head of state, head of government, foreign, defence and
interior minister).

Usage:  .venv/bin/python bench/kb_coverage.py [--under 0.8] [--extra FILE.jsonl ...]

Prints every state with an office covered for less than ``--under`` of the years it existed, then
how many states fall under it per office. ``--extra`` adds files not yet in the package (a
contributor's draft). The years a state did not have an office (no army, police under the justice
ministry, a presidential system with no head of government) are listed with their reasons in
``bench/kb_absent_offices.toml`` and not counted; an office that never existed prints as "-". An
office is recognised by its title, so a state whose office has an unusual name may still show a
gap the base does not have.
"""

from __future__ import annotations

import argparse
import json
import re
import tomllib
from collections import defaultdict
from importlib import resources
from pathlib import Path

FIRST, LAST = 1990, 2026
def _any(*words: str, start: bool = False) -> re.Pattern[str]:
    return re.compile(("^" if start else "") + "(" + "|".join(words) + ")", re.I)


OFFICES = {
    "HOS": re.compile("|".join((_any(
        "president", "king", "queen", "emir", "sultan", "monarch", "supreme leader", "head of state",
        "chairman of the presidential", "governor[- ]general", "grand duke", "prince", "co-prince", "captain regent",
        "emperor", "chairman of the state council", "chair of the presidency", "state counsellor",
        "chairman of the state peace", "general secretary", "yang di-pertuan agong", "o le ao o le malo",
        "acting president", "brotherly leader",
        "chairman of the (transitional military|sovereignty|revolutionary command|national transitional|presidential) "
        "council", start=True).pattern, "member of the presidency")), re.I),
    "HOG": _any("prime minister", "premier", "chancellor", "head of government", "chief executive", "taoiseach",
                "first minister", "(chairman|president) of the council of ministers",
                "chairman of the cabinet of ministers"),
    "FM": _any("foreign", "external affairs", "external relations", "secretary of state$", "international relations"),
    "DEF": _any("defen[cs]e(?! council)", "armed forces", "minister of war", "military department"),
    "INT": _any("interior", "home affairs", "home secretary", "home minister", "internal affairs", "public security",
                "internal security", "minister of security", "security minister", "minister of government",
                # "Defence and National Security" (Lesotho, Fiji, Maldives) is the army and intelligence, not the police
                "national public safety", "public safety", "(?<!defence and )national security", "homeland security",
                "internal administration", "territorial administration", "minister (of|for) police",
                "secretary for security", "solicitor general of canada", "people's security", "law and order",
                "public order", "policing", "justice and security", "internal order"),
}
ABSENT = Path(__file__).with_name("kb_absent_offices.toml")
JOINED = re.compile(r",? and (?=(?:the )?(?:minister|secretary|first|prime|president|chairman|head)\b)|; "
                    r"|, (?=minister\b)", re.I)  # "First Deputy Prime Minister, Minister of the Interior"
NOT_THE_OFFICE = _any(
    "deputy", r"\bvice\b", "state secretary", "shadow", "opposition", "spokes",
    "ambassador", "permanent representative", "assistant", "under-?secretary",
    "(?<!general people's )(?<!state )committee",
    "former(?! combatants)", "advis[eo]r(?! for)",
    # offices below or beside the state's: a city's, a province's, a company's, a bank's
    "of (the )?(city|province) of", "head of government of", "mayor", "provincial(?! administration)", "premier of",
    "bank", "court", "tribunal", "company", "(?<!local )corporation", "chief executive of (?!hong kong)",
    "religious(?! affairs)",
    "republika srpska", "abkhazia", "south ossetia")


def offices(title: str) -> set[str]:
    """The offices (``OFFICES``) a role's title holds: each office a title joins is judged on its own
    ("Deputy Prime Minister and Minister of Foreign Affairs" holds the foreign ministry)."""
    held = [part for part in JOINED.split(title) if not NOT_THE_OFFICE.search(part)]
    return {office for office, pattern in OFFICES.items() if any(pattern.search(part) for part in held)}


def _rows(extra: list[Path]) -> list[dict[str, object]]:
    folder = resources.files("newsledger").joinpath("data/actors")
    texts = [f.read_text("utf-8") for f in folder.iterdir() if f.name.endswith(".jsonl")]
    texts += [p.read_text("utf-8") for p in extra]
    return [json.loads(line) for text in texts for line in text.splitlines() if line.strip()]


def absent_years() -> dict[str, dict[str, set[int]]]:
    """State -> office -> the years it did not exist (``kb_absent_offices.toml``), checked."""
    absent: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for state, offices in tomllib.loads(ABSENT.read_text("utf-8")).items():
        for office, spans in offices.items():
            if office not in OFFICES or not all({"from", "to", "why"} <= span.keys() for span in spans):
                raise SystemExit(f"{ABSENT.name} [{state}] {office}: an office of {list(OFFICES)}, each span "
                                 f"with from, to and why")
            for span in spans:
                absent[state][office].update(range(span["from"], span["to"] + 1))
    return absent


def coverage(extra: list[Path]) -> dict[str, dict[str, float | None]]:
    """State -> office -> share of the years FIRST..LAST the office existed that some role covers
    (None when it never existed)."""
    years: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for entry in _rows(extra):
        for role in entry.get("roles", []):  # type: ignore[attr-defined]
            title, country = role.get("title") or "", role.get("country")
            if not country or role.get("sector") not in ("GOV", "COP", None):
                continue
            start = int((role.get("start") or str(FIRST))[:4])
            end = int((role.get("end") or str(LAST))[:4])
            for office in offices(title):
                years[country][office].update(range(max(start, FIRST), min(end, LAST) + 1))
    absent = absent_years()
    table: dict[str, dict[str, float | None]] = {}
    for state in years:
        if not (years[state]["HOS"] or years[state]["HOG"]):
            continue  # a body or a sub-national role, not a state
        table[state] = {}
        for office in OFFICES:
            existed = set(range(FIRST, LAST + 1)) - absent[state][office]
            table[state][office] = len(years[state][office] & existed) / len(existed) if existed else None
    return table


def _under(share: float | None, limit: float) -> bool:
    return share is not None and share < limit


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--under", type=float, default=0.8, help="list offices covered for less than this share")
    ap.add_argument("--extra", type=Path, nargs="*", default=[], help="draft knowledge files to count too")
    args = ap.parse_args()
    table = coverage(args.extra)
    print("state  " + "  ".join(f"{o:>4s}" for o in OFFICES))
    for state in sorted(table):
        if any(_under(table[state][o], args.under) for o in ("FM", "DEF", "INT")):
            print(f"{state:5s}  " + "  ".join("   -" if (v := table[state][o]) is None else f"{v:4.2f}"
                                              for o in OFFICES))
    under = {o: sum(_under(table[s][o], args.under) for s in table) for o in OFFICES}
    print(f"{len(table)} states; offices covered for less than {args.under:.0%} of the years {FIRST}-{LAST} they "
          f"existed: {under}")


if __name__ == "__main__":
    main()
