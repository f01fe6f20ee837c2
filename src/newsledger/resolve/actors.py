"""Actors across documents: merge spelling variants, then rebuild the ``actors`` table.

Reads:   ``mentions`` (each carries the actor resolved within its document) and documents'
         publication dates.
Writes:  ``actor_merges`` (which document-level actor became which, with score and reason),
         ``mentions.actor_id`` (the merged id) and ``actors`` (name, kind, country, sector,
         roles with the dates the text asserts them, aliases with counts, first/last seen).
Merging: two people are one when their first names agree, their surnames are close
         (Jaro-Winkler >= 0.85 after folding accents: Sargsyan/Sarkisian, Mammadyarov/
         Mamedyarov) and their countries do not conflict; a bare surname joins the one full
         name it fits. Namesakes with conflicting countries, or whom the knowledge base lists as
         different people (George W. and George H. W. Bush), stay apart. The aggregation is
         SQL (``store/actors.py``); only the distinct person names (a small set) are compared here.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
from rapidfuzz.distance import JaroWinkler

from newsledger.errors import ConfigError
from newsledger.folding import fold
from newsledger.pipeline.knowledge import load_knowledge
from newsledger.store import actors
from newsledger.store.db import Store

DICTIONARY_COLUMNS = ("alias", "actor_id", "name", "kind", "country", "igo", "sector")

SURNAME_SIMILARITY = 0.85


def _person_merges(people: list[tuple[str, str, str | None, int]]) -> dict[str, tuple[str, float, str]]:
    """Map variant person ids to canonical ids. ``people``: (id, name, country, mentions)."""
    parent: dict[str, str] = {pid: pid for pid, *_ in people}
    info = {pid: (name, country, n) for pid, name, country, n in people}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Who each name is in the knowledge base when it names exactly one person there: a cluster holds one such
    # person at most (George W. Bush and George H. W. Bush stay apart, even through an ambiguous "George Bush").
    known = {pid: _base_person(name) for pid, name, *_ in people}
    evidence: dict[str, tuple[float, str]] = {}
    full = [(pid, fold(name).split(), country) for pid, name, country, _ in people if len(name.split()) > 1]
    by_first: dict[str, list[tuple[str, list[str], str | None]]] = defaultdict(list)
    for pid, parts, country in full:
        by_first[parts[0]].append((pid, parts, country))
    for group in by_first.values():
        for i, (a, pa_, ca) in enumerate(group):
            for b, pb, cb in group[i + 1 :]:
                if ca and cb and ca != cb:
                    continue  # namesakes, or a variant with a conflicting role
                score = JaroWinkler.normalized_similarity(pa_[-1], pb[-1])
                ra, rb = find(a), find(b)
                if score >= SURNAME_SIMILARITY and ra != rb and len(known[ra] | known[rb]) <= 1:
                    parent[rb] = ra
                    known[ra] |= known.pop(rb)
                    why = (round(score, 3), f"surname {pb[-1]!r} ~ {pa_[-1]!r}, same first name")
                    evidence.setdefault(a, why)  # whichever side ends up canonical, the other has a reason
                    evidence.setdefault(b, why)
    # A bare surname ("Aliyev" in a document that never gave the full name) joins the one
    # full name it fits; if several people fit, it stays on its own.
    for pid, name, country, _ in people:
        if len(name.split()) != 1:
            continue
        surname = fold(name)
        fits = {find(f) for f, parts, c in full
                if JaroWinkler.normalized_similarity(parts[-1], surname) >= 0.92
                and not (country and c and c != country)}
        if len(fits) == 1 and len(known[pid] | known[target := fits.pop()]) <= 1:
            parent[pid] = target
            evidence[pid] = (1.0, f"bare surname {name!r} fits one full name")
    # Canonical id of each cluster: its most mentioned full name.
    clusters: dict[str, list[str]] = defaultdict(list)
    for pid in parent:
        clusters[find(pid)].append(pid)
    out: dict[str, tuple[str, float, str]] = {}
    for members in clusters.values():
        best = max(members, key=lambda p: (len(info[p][0].split()) > 1, info[p][2], p))
        for pid in members:
            if pid != best:
                score, reason = evidence.get(pid, (1.0, "same cluster"))
                out[pid] = (best, score, reason)
    return out


def _base_person(name: str) -> set[str]:
    """The knowledge base's id of the one person a name gives, as a set (empty when it gives none or several)."""
    found = {e.id for e in load_knowledge().find(name) if e.kind == "person"}
    return found if len(found) == 1 else set()


def load_dictionary(path: str | Path) -> pa.Table:
    """Read the user's actor dictionary CSV.

    Raises:
        ConfigError: unreadable file, missing columns, or a row without alias and actor_id.
    """
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = set(DICTIONARY_COLUMNS) - set(reader.fieldnames or [])
            if missing:
                raise ConfigError(f"actor dictionary {path}: missing columns {', '.join(sorted(missing))}")
            rows = [{k: (row.get(k) or "").strip() or None for k in DICTIONARY_COLUMNS} for row in reader]
    except OSError as exc:
        raise ConfigError(f"cannot read actor dictionary {path}: {exc.strerror or exc}") from exc
    for n, row in enumerate(rows, start=2):
        if not row["alias"] or not row["actor_id"]:
            raise ConfigError(f"actor dictionary {path}, line {n}: alias and actor_id are required")
    return pa.Table.from_pylist(rows, schema=pa.schema([(c, pa.string()) for c in DICTIONARY_COLUMNS]))


def resolve_actors(store: Store, dictionary: str | Path | None = None) -> int:
    """Recompute merges and the actors table from all mentions; returns the number of actors.

    ``dictionary``: optional user CSV (see ``load_dictionary``) applied last, so it pins
    whatever the rules and the merges decided.
    """
    pinned = load_dictionary(dictionary) if dictionary else None
    merges = _person_merges(actors.people(store))
    table = pa.Table.from_pylist(
        [{"local_actor_id": k, "actor_id": v[0], "score": v[1], "reason": v[2]} for k, v in sorted(merges.items())],
        schema=actors.MERGES_SCHEMA)
    return actors.rebuild(store, table, pinned)
