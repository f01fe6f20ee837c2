"""Event frames as data: which verbs and nouns are which PLOVER events, and the manual's rules.

Loads ``data/event_frames.toml`` (and, when ``events.frames`` names one, a user's file whose
entries extend or override it), and validates every coding against the PLOVER ontology and
every ``@class`` reference against the word classes, so a typo fails at load with the file
and entry named rather than silently coding nothing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsledger.errors import KnowledgeError
from newsledger.pipeline.agents import load_agents
from newsledger.pipeline.ontology import check_coding

Coding = tuple[str, str | None]
Guard = tuple[frozenset[str], str, str | None]


# The [promise] keys that name a kind of promise, not a coding: a promised retreat, promised
# cooperation, the terms a deal sets out ("under the deal, the rebels will hand in their arms"), and an
# act no frame coded said to be coming ("said it would ensure their safety"), or coming against someone.
PROMISED = ("retreat", "cooperation", "terms", "commitment", "commitment_against")


@dataclass(frozen=True, slots=True)
class Frames:
    verbs: dict[str, Coding]
    nouns: dict[str, Coding]
    possessed: dict[str, Coding]
    ceasefire_by_verb: dict[str, Coding]
    promise: dict[str, Coding]  # what a promised retreat, and promised cooperation, are coded as
    objects: dict[str, list[Guard]]
    noun_guards: dict[str, list[Guard]]  # event noun -> codings by a word of its phrase ("joint exercises")
    vetoes: dict[str, frozenset[str]]  # verb -> objects with which it is no event ("fight the outbreak")
    classes: dict[str, frozenset[str]]
    rules: dict[str, frozenset[str]]


def parse_coding(text: str, where: str) -> Coding:
    """'ASSAULT aerial' -> ('ASSAULT', 'aerial'), checked against the ontology."""
    parts = text.split()
    if not 1 <= len(parts) <= 2:
        raise KnowledgeError(f"{where}: a coding is 'TYPE' or 'TYPE mode', not {text!r}")
    event_type, mode = parts[0], parts[1] if len(parts) == 2 else None
    check_coding(event_type, mode, where)
    return event_type, mode


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """A user's file adds entries and replaces those it names, section by section."""
    merged = dict(base)
    for section, entries in extra.items():
        merged[section] = {**merged.get(section, {}), **entries} if isinstance(entries, dict) else entries
    return merged


def _word_classes(raw: dict[str, list[str]], name: str) -> dict[str, frozenset[str]]:
    """Word classes, where an entry "@other" takes in another class, so that a word shared by
    two lists ("say": a reporting verb, hence a speech verb) is written once."""
    classes: dict[str, frozenset[str]] = {}

    def expand(key: str, path: tuple[str, ...]) -> frozenset[str]:
        if key in path:
            raise KnowledgeError(f"{name} [classes] {path[0]}: includes itself through @{key}")
        if key not in classes:
            words: set[str] = set()
            for word in raw[key]:
                if word.startswith("@") and word[1:] not in raw:
                    raise KnowledgeError(f"{name} [classes] {key}: {word!r} is not a defined @class")
                words |= expand(word[1:], (*path, key)) if word.startswith("@") else {word}
            classes[key] = frozenset(words)
        return classes[key]

    for key in raw:
        expand(key, ())
    return classes


def build(data: dict[str, Any], name: str) -> Frames:
    """Validate parsed frame data; ``name`` says where errors come from."""
    known = {"verbs", "nouns", "possessed", "ceasefire_by_verb", "promise", "objects", "noun_guards", "vetoes", "rules",
             "classes"}
    if unknown := set(data) - known:
        raise KnowledgeError(f"{name}: unknown sections {sorted(unknown)}")
    classes = _word_classes(data.get("classes", {}), name)

    def words(value: str | list[str], where: str) -> frozenset[str]:
        """A guard's or veto's words: an @class, or a list of words and @classes ("MONEY", "@loans")."""
        if isinstance(value, str):
            if not value.startswith("@") or value[1:] not in classes:
                raise KnowledgeError(f"{where}: {value!r} is not a defined @class")
            return classes[value[1:]]
        return frozenset().union(*(words(w, where) if w.startswith("@") else {w} for w in value))

    def codings(section: str) -> dict[str, Coding]:
        return {k: parse_coding(v, f"{name} [{section}] {k}") for k, v in data.get(section, {}).items()}

    def guarded(section: str) -> dict[str, list[Guard]]:
        return {key: [(words(g["when"], f"{name} [{section}] {key}"),
                       *parse_coding(g["coding"], f"{name} [{section}] {key}")) for g in guards]
                for key, guards in data.get(section, {}).items()}

    objects = guarded("objects")
    vetoes = {verb: words(when, f"{name} [vetoes] {verb}") for verb, when in data.get("vetoes", {}).items()}
    rules = {k: frozenset(v) for k, v in data.get("rules", {}).items()}
    sectors = set(load_agents().sectors)
    for rule, values in rules.items():
        if rule.endswith("_sectors"):
            if bad := values - sectors:
                raise KnowledgeError(f"{name} [rules] {rule}: unknown values {sorted(bad)}")
            continue
        for value in values:  # a type, or one mode of it: "PROTEST riot"
            parse_coding(value, f"{name} [rules] {rule}")
    promise = codings("promise")
    if missing := set(PROMISED) - promise.keys():
        raise KnowledgeError(f"{name} [promise]: needs {sorted(missing)}")
    for act in promise.keys() - set(PROMISED):  # "PROTEST boycott": a coding as the key
        parse_coding(act, f"{name} [promise] {act!r}")
    nouns = codings("nouns")
    noun_guards = guarded("noun_guards")
    if unknown_nouns := noun_guards.keys() - nouns.keys():  # a guard refines a noun's coding, never adds a noun
        raise KnowledgeError(f"{name} [noun_guards]: not in [nouns]: {sorted(unknown_nouns)}")
    # Typed by [nouns] when they stand alone or a verb's "on" carries them.
    for noun_class in ("standalone_events", "mentioned_events", "undertaken_on"):
        if untyped := classes.get(noun_class, frozenset()) - nouns.keys():
            raise KnowledgeError(f"{name} [classes] {noun_class}: not in [nouns]: {sorted(untyped)}")
    return Frames(codings("verbs"), nouns, codings("possessed"), codings("ceasefire_by_verb"),
                  promise, objects, noun_guards, vetoes, classes, rules)


@cache
def load_frames(user_file: str | None = None) -> Frames:
    """The packaged frames, extended by ``user_file`` when given."""
    data = tomllib.loads(resources.files("newsledger").joinpath("data/event_frames.toml").read_text("utf-8"))
    name = "event_frames.toml"
    if user_file:
        try:
            extra = tomllib.loads(Path(user_file).read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise KnowledgeError(f"{user_file}: {exc}") from exc
        data, name = _merge(data, extra), f"event_frames.toml + {user_file}"
    return build(data, name)
