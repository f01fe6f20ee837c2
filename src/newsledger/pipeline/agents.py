"""The PLOVER agent vocabulary as data: sectors, and the titles and nouns that signal them.

``data/agents.toml`` lists every sector the PLOVER manual defines (plus IGO, newsledger's
sector for international bodies), the titles that name a person's office ("prosecutor" JUD,
"police chief" COP), the nouns that head a group or an occupation ("syndicate" CRM,
"strikers" LAB), multi-word phrases that decide over their head noun ("intelligence
officer" SPY) and modifiers that change a sector ("former" ELI), unless it is one the modifier
keeps ("armed police" stay COP); what a definite description can refer back to ("the council",
"the group": ``[descriptions]``) and the people of a body who act as it ("leaders of ...":
``[members]``). Every value is checked against the sector list at load.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from newsledger.errors import KnowledgeError


@dataclass(frozen=True, slots=True)
class Description:
    """What a definite description ("the council") can refer back to (``[descriptions]``): a body whose
    name holds the noun, a body of one of these sectors, or one of these international bodies."""

    named: bool
    sectors: frozenset[str]
    bodies: tuple[str, ...]


@dataclass(frozen=True, slots=True, eq=False)  # by identity, so phrase lookups can be cached per vocabulary
class Agents:
    sectors: dict[str, str]  # code -> description
    titles: dict[str, str]  # title phrase (lower case) -> sector
    nouns: dict[str, str]  # noun lemma -> sector
    phrases: dict[str, str]  # multi-word phrase -> sector
    modifiers: dict[str, str]  # modifier -> sector it turns the phrase into
    keeps: dict[str, frozenset[str]]  # a modifier's sector -> sectors it does not replace
    kinds: dict[str, str]  # head noun -> "state" or "organisation" (else people: person or group)
    place_heads: frozenset[str]  # heads of names that are places or things: "route", "sea"
    office_heads: frozenset[str]  # offices whose "of"/"for" phrase is a portfolio: "secretary"
    descriptions: dict[str, Description]  # noun -> the bodies "the <noun>" can refer back to
    members: frozenset[str]  # people of a named body who, in the plural, act as it: "leaders of the Rio Group"
    phrase_words: int  # words in the longest phrase: the longest run looked up
    title_words: int  # words in the longest title

    def title_pattern(self) -> re.Pattern[str]:
        """Longest title first, so "prime minister" wins over "minister"."""
        return _title_pattern(tuple(sorted(self.titles, key=len, reverse=True)))

    def sector_of_phrase(self, words: Sequence[str], lemmas: Sequence[str]) -> str | None:
        """The sector a noun phrase names: a known phrase, else its head noun, turned by a modifier.
        Cached: the same phrases ("the government", "police officers") recur in every batch."""
        return _sector_of_phrase(self, tuple(words), tuple(lemmas))

    def _uncached_sector(self, words: tuple[str, ...], lemmas: tuple[str, ...]) -> str | None:
        text = re.sub(r"\s*-\s*", "-", " ".join(words).lower())  # spaCy splits "pro-government"
        tokens = text.split()
        longest = min(len(tokens), self.phrase_words)
        # Every run of whole words looked up in the phrase table: far cheaper than one regular
        # expression alternating 1,500 phrases, and the same matches (phrases are whole words).
        found = [p for n in range(longest, 0, -1) for i in range(len(tokens) - n + 1)
                 if (p := " ".join(tokens[i : i + n])) in self.phrases]
        phrase = max(found, key=len) if found else ""
        sector = self.phrases[phrase] if found else None
        if sector is None and lemmas:
            # A name's plural keeps its form as its lemma ("Marines"): its singular is looked up too.
            sector = self.nouns.get(lemmas[-1].lower()) or self.nouns.get(words[-1].lower()) or (
                self.nouns.get(words[-1].lower().removesuffix("s")) if words[-1][:1].isupper() else None)
        if sector is None:
            sector = self._title_heading(tokens, lemmas[-1].lower() if lemmas else tokens[-1])
        if sector is None:
            return None
        # Not a modifier inside the phrase found ("armed forces"), and not over a sector it keeps.
        turned = next((self.modifiers[w.lower()] for w in words[:-1] if w.lower() in self.modifiers
                       and w.lower() not in phrase.split()), None)
        return turned if turned and sector not in self.keeps.get(turned, ()) else sector

    def kind_of(self, head: str, one_person: bool, sector: str) -> str:
        """What an agent phrase headed by ``head`` (a lemma) names: the state's government, one of
        its bodies, one person ("a French official") or a group ("Armenian officials", "the
        separatist leadership": only a government's leadership is the state)."""
        kind = self.kinds.get(head.lower())
        if kind == "state" and sector != "GOV":
            kind = None
        return kind or ("person" if one_person else "group")

    def _title_heading(self, tokens: list[str], head_lemma: str) -> str | None:
        """A title that ends the phrase, singular or plural: "a Malian colonel", "the Moldovan
        prosecutor general", "Croatian generals". Only at the end, where the head is: "general"
        inside "a general strike" is no title."""
        for n in range(min(len(tokens), self.title_words), 0, -1):
            for last in dict.fromkeys((tokens[-1], head_lemma)):
                if (title := " ".join([*tokens[len(tokens) - n : -1], last])) in self.titles:
                    return self.titles[title]
        return None


def _descriptions(data: dict[str, object], sectors: dict[str, str]) -> dict[str, Description]:
    """``[descriptions]``, checked: lower-case nouns, each saying what it can refer back to."""
    found: dict[str, Description] = {}
    table = data.get("descriptions", {})
    for noun, entry in (table.items() if isinstance(table, dict) else ()):
        entry = entry if isinstance(entry, dict) else {"not a table": entry}
        named, wanted, bodies = entry.get("named", False), entry.get("sectors", []), entry.get("bodies", [])
        if noun != noun.lower() or set(entry) - {"named", "sectors", "bodies"} or not isinstance(named, bool) \
                or set(wanted) - sectors.keys() or not all(isinstance(b, str) for b in bodies) \
                or not (named or wanted or bodies):
            raise KnowledgeError(f"agents.toml [descriptions] {noun!r}: a lower-case noun with named (true or false), "
                                 f"sectors (of [sectors]) or bodies (codes), at least one of them")
        found[noun] = Description(named, frozenset(wanted), tuple(bodies))
    return found


@lru_cache(maxsize=65536)
def _sector_of_phrase(agents: Agents, words: tuple[str, ...], lemmas: tuple[str, ...]) -> str | None:
    return agents._uncached_sector(words, lemmas)


@cache
def _title_pattern(titles: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in titles) + r")(?![\w-])")


@cache
def load_agents() -> Agents:
    data = tomllib.loads(resources.files("newsledger").joinpath("data/agents.toml").read_text("utf-8"))
    sectors = dict(data.get("sectors", {}))
    if not sectors:
        raise KnowledgeError("agents.toml: no [sectors]")
    tables: dict[str, dict[str, str]] = {}
    for table in ("titles", "nouns", "phrases", "modifiers"):
        entries = data.get(table, {})
        for word, sector in entries.items():
            if sector not in sectors:
                raise KnowledgeError(f"agents.toml [{table}] {word!r}: {sector!r} is not a sector")
            if word != word.lower():
                raise KnowledgeError(f"agents.toml [{table}] {word!r}: keys are lower case")
        tables[table] = dict(entries)
    kinds = dict(data.get("kinds", {}))
    if bad := {w: k for w, k in kinds.items() if k not in ("state", "organisation") or w != w.lower()}:
        raise KnowledgeError(f"agents.toml [kinds] {bad}: lower-case nouns, each 'state' or 'organisation'")
    not_actors = {key: frozenset(data.get("not_actors", {}).get(key, ())) for key in ("place_heads", "office_heads")}
    if odd := [w for words in not_actors.values() for w in words if not isinstance(w, str) or w != w.lower()]:
        raise KnowledgeError(f"agents.toml [not_actors] {odd}: lower-case words")
    members = frozenset(data.get("members", {}).get("nouns", ()))
    if odd := [w for w in members if not isinstance(w, str) or w != w.lower()]:
        raise KnowledgeError(f"agents.toml [members] {odd}: lower-case nouns")
    keeps = {sector: frozenset(kept) for sector, kept in data.get("modifier_keeps", {}).items()}
    if bad := {s: sorted(k - sectors.keys()) for s, k in keeps.items() if s not in sectors or k - sectors.keys()}:
        raise KnowledgeError(f"agents.toml [modifier_keeps] {bad}: unknown sectors")
    return Agents(sectors, tables["titles"], tables["nouns"], tables["phrases"], tables["modifiers"], keeps, kinds,
                  not_actors["place_heads"], not_actors["office_heads"], _descriptions(data, sectors), members,
                  max((len(p.split()) for p in tables["phrases"]), default=0),
                  max((len(t.split()) for t in tables["titles"]), default=0))
