"""The dated actor knowledge base: who held which office when, and which groups are what.

Entries live in ``data/actors/*.jsonl`` (written by us: heads of state and government since
1990, leaders of international bodies, armed forces, agencies, armed groups, parties, media),
one entity per line with its aliases and dated roles. A bare name resolves by the article's
publication date (Stoltenberg: NOR GOV in 2012, NATO IGO in 2017); an undated article takes
the most recent role and says so; after every role has ended the person is a former official
(PLOVER ELI). Every entry is validated at load (codes, sectors, dates, unique ids), so a bad
line fails with its file and line rather than coding wrongly. A title stated in the article
always wins over the base (see ``pipeline.actors``); users pin or override with the actor
dictionary CSV, applied last.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from newsledger.errors import KnowledgeError
from newsledger.folding import fold
from newsledger.pipeline.agents import load_agents

KINDS = {"person", "group", "organisation", "state"}
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


_POSSESSIVE = re.compile(r"['’]s\b")
_SPACES = re.compile(r"[\s\-‐–]+")
_ARTICLE = re.compile(r"\b(?:al|el|ul|ad|ar|as|at|az|an|ash|ath)\s(?=\w)")


@lru_cache(maxsize=65536)  # the same names come back in every sentence and document
def key(name: str) -> str:
    """How names are compared: folded case and accents, no dots or possessive, single spaces, and
    Arabic articles as one form ("el-Sisi", "al-Sisi" and "al Sisi" are one name)."""
    text = name.lower()
    if not text.isascii():  # ASCII has no accents to fold: most names skip the per-character pass
        text = fold(text)
    text = _POSSESSIVE.sub("", text).replace(".", "").replace("’", "'")
    text = _SPACES.sub(" ", text).strip()
    text = _ARTICLE.sub("al ", text)
    return text.removeprefix("the ")


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    country: str | None
    body: str | None
    sector: str
    start: str  # YYYY-MM-DD lower bound
    end: str | None  # YYYY-MM-DD upper bound; None: still held


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    body: str | None
    sectors: tuple[str, ...]
    roles: tuple[Role, ...]
    source: str  # file:line


@dataclass(frozen=True, slots=True)
class Resolution:
    entry: Entry
    country: str | None
    igo: str | None
    sector: str | None
    title: str | None
    note: str  # "in office", "undated: most recent role", "former", "before office", "organisation"


def _bound(value: str | None, upper: bool, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise KnowledgeError(f"{where}: bad date {value!r} (YYYY, YYYY-MM or YYYY-MM-DD)")
    parts = value.split("-")
    if len(parts) == 1:
        return f"{value}-12-31" if upper else f"{value}-01-01"
    if len(parts) == 2:
        return f"{value}-31" if upper else f"{value}-01"
    return value


class KnowledgeBase:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = {e.id: e for e in entries}
        self.index: dict[str, list[Entry]] = {}
        for e in entries:
            for name in {key(n) for n in (e.name, *e.aliases) if n.strip()}:
                self.index.setdefault(name, []).append(e)

    def find(self, name: str) -> list[Entry]:
        return self.index.get(key(name), [])

    @staticmethod
    def at(entry: Entry, date: str | None) -> Resolution:
        """What an entry is on a date (``None``: undated, the most recent role)."""
        day = date[:10] if date else None
        held = [r for r in entry.roles if day is None or r.start <= day and (r.end is None or day <= r.end)]
        if not entry.roles or entry.kind != "person" and (day is None or not held):
            # A group is what it is; dated roles only say when it governed ("governing party").
            sector = entry.sectors[0] if entry.sectors else None
            igo = entry.body if sector == "IGO" else None
            return Resolution(entry, entry.country, igo, sector, None, "organisation")
        if day is None:
            role = max(entry.roles, key=lambda r: r.start)
            note = "undated: most recent role"
        else:
            if held:  # the roles in office on the day
                # Of overlapping roles, the one taken up last: a party leader made minister is the
                # minister; a party chair jailed is the jailed opposition figure.
                role, note = max(held, key=lambda r: r.start), "in office"
            elif all(r.end is not None and r.end < day for r in entry.roles):
                last = max(entry.roles, key=lambda r: r.end or "")
                country = last.country
                return Resolution(entry, country, None if country else last.body, "ELI", f"former {last.title}",
                                  "former")
            elif all(day < r.start for r in entry.roles):
                first = min(entry.roles, key=lambda r: r.start)
                return Resolution(entry, first.country, None, None, None, "before office")
            else:  # between two roles: the last one held
                role = max((r for r in entry.roles if r.end is not None and r.end < day), key=lambda r: r.end or "")
                return Resolution(entry, role.country, None if role.country else role.body, "ELI",
                                  f"former {role.title}", "former")
        igo = role.body if role.country is None else None
        # PLOVER codes a party as PTY whether it governs or not: GOV and OPP only add to it (the
        # manual's note 1), so a party's dated role is kept as its title, not as its sector; not a rebellion the
        # party grew out of (the RPF before July 1994 is rebels).
        sector = "PTY" if entry.kind != "person" and entry.sectors[:1] == ("PTY",) and role.sector in (
            "GOV", "OPP", "PTY") else role.sector
        return Resolution(entry, role.country, igo, sector, role.title, note)

    def resolve(self, name: str, date: str | None, kinds: set[str] | None = None) -> Resolution | None:
        """The entry a name means on a date, or None when unknown or ambiguous (unknown beats wrong).

        Several entries under one name: those holding a role on the date; still several, none.
        A one-word name of a person (a surname) needs that person in office on the date.
        """
        found = [e for e in self.find(name) if kinds is None or e.kind in kinds]
        if not found:
            return None
        if len(found) > 1:
            found = [e for e in found if self.at(e, date).note in ("in office", "organisation")]
            if len(found) != 1:
                return None
        res = self.at(found[0], date)
        if found[0].kind == "person" and len(key(name).split()) == 1 and res.note not in (
                "in office", "undated: most recent role"):
            return None
        return res


def _entry(raw: dict[str, Any], where: str, countries: set[str], sectors: set[str]) -> Entry:
    def code(value: Any, what: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or value not in countries:
            raise KnowledgeError(f"{where}: unknown {what} {value!r}")
        return value

    if not isinstance(raw.get("id"), str) or not isinstance(raw.get("name"), str) or raw.get("kind") not in KINDS:
        raise KnowledgeError(f"{where}: needs a string id and name and a kind in {sorted(KINDS)}")
    roles = []
    for r in raw.get("roles") or []:
        if r.get("sector") not in sectors:
            raise KnowledgeError(f"{where}: role sector {r.get('sector')!r} is not a PLOVER sector")
        start = _bound(r.get("start"), False, where)
        if start is None:
            raise KnowledgeError(f"{where}: a role needs a start date")
        roles.append(Role(str(r.get("title") or ""), code(r.get("country"), "country"), r.get("body"),
                          r["sector"], start, _bound(r.get("end"), True, where)))
    listed = raw.get("sectors") or ([raw["sector"]] if raw.get("sector") else [])
    for s in listed:
        if s not in sectors:
            raise KnowledgeError(f"{where}: sector {s!r} is not a PLOVER sector")
    main = raw.get("sector")
    ordered = tuple([main, *[s for s in listed if s != main]] if main else listed)
    return Entry(raw["id"], raw["name"], tuple(str(a) for a in raw.get("aliases") or []),
                 str(raw["kind"]), code(raw.get("country"), "country"), raw.get("body"),
                 ordered, tuple(roles), where)


@cache
def load_knowledge() -> KnowledgeBase:
    """Every packaged knowledge file, validated; ids are unique across files."""
    import pycountry

    # Historic states (SUN, YUG, CSK, DDR) stay coded as themselves; Kosovo is XKX as in GDELT;
    # IMG is CAMEO's code for armed groups of no one state (al-Qaeda, the Islamic State).
    countries = {c.alpha_3 for c in (*pycountry.countries, *pycountry.historic_countries)} | {"XKX", "IMG"}
    sectors = set(load_agents().sectors)
    seen: dict[str, Entry] = {}
    folder = resources.files("newsledger").joinpath("data/actors")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".jsonl"):
            continue
        for n, line in enumerate(item.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"data/actors/{item.name}:{n}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise KnowledgeError(f"{where}: not JSON ({exc.msg})") from exc
            entry = _entry(raw, where, countries, sectors)
            if entry.id in seen:  # one person in two files (a head of state who later led NATO): one entry
                first = seen[entry.id]
                if key(first.name) != key(entry.name) or first.kind != entry.kind:
                    raise KnowledgeError(f"{where}: id {entry.id!r} already names {first.name!r} at {first.source}")
                entry = replace(first, aliases=tuple(dict.fromkeys(first.aliases + entry.aliases)),
                                roles=first.roles + tuple(r for r in entry.roles if r not in first.roles))
            seen[entry.id] = entry
    bodies = set(_gazetteer_igos()) | {e.body for e in seen.values() if e.body and e.kind == "organisation"}
    for entry in seen.values():
        for body in {r.body for r in entry.roles if r.body} | ({entry.body} if entry.body else set()):
            if body not in bodies:
                raise KnowledgeError(f"{entry.source}: body {body!r} is no international body's code "
                                     f"(known: the gazetteer's [igos] and the bodies' own entries)")
    return KnowledgeBase(list(seen.values()))


def _gazetteer_igos() -> dict[str, str]:
    """The hand-listed IGO codes of data/gazetteer.toml, read here because the gazetteer loads
    the knowledge base (for its bodies' names), not the other way round."""
    import tomllib

    data = tomllib.loads(resources.files("newsledger").joinpath("data/gazetteer.toml").read_text("utf-8"))
    return {code: code for code in data["igos"]}
