"""Actors across documents: merge spelling variants, then rebuild the ``actors`` table.

Reads:   ``mentions`` (each carries the actor resolved within its document) and documents'
         publication dates.
Writes:  ``actor_merges`` (which document-level actor became which, with score and reason),
         ``mentions.actor_id`` (the merged id) and ``actors`` (name, kind, country, sector,
         roles with the dates the text asserts them, aliases with counts, first/last seen).
Merging: two people are one when their first names agree, their surnames are close
         (Jaro-Winkler >= 0.85 after folding accents: Sargsyan/Sarkisian, Mammadyarov/
         Mamedyarov) and their countries do not conflict; a bare surname joins the one full
         name it fits. Namesakes with conflicting countries stay apart. The aggregation is
         SQL; only the distinct person names (a small set) are compared in Python.
"""

from __future__ import annotations

import csv
import unicodedata
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
from rapidfuzz.distance import JaroWinkler

from newsledger.errors import ConfigError
from newsledger.store.db import Store

DICTIONARY_COLUMNS = ("alias", "actor_id", "name", "kind", "country", "igo", "sector")

SURNAME_SIMILARITY = 0.85


def fold(name: str) -> str:
    """Lower case without accents: 'Erdoğan' -> 'erdogan'."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


def _person_merges(people: list[tuple[str, str, str | None, int]]) -> dict[str, tuple[str, float, str]]:
    """Map variant person ids to canonical ids. ``people``: (id, name, country, mentions)."""
    parent: dict[str, str] = {pid: pid for pid, *_ in people}
    info = {pid: (name, country, n) for pid, name, country, n in people}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

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
                if score >= SURNAME_SIMILARITY and find(a) != find(b):
                    parent[find(b)] = find(a)
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
        if len(fits) == 1:
            target = fits.pop()
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
    con = store.con
    people = con.execute(
        "SELECT local_actor_id, mode(actor_name ORDER BY actor_name), mode(country ORDER BY country), count(*) "
        "FROM mentions "
        "WHERE kind = 'person' AND local_actor_id IS NOT NULL GROUP BY 1 ORDER BY 1"
    ).fetchall()
    merges = _person_merges([(r[0], r[1], r[2], r[3]) for r in people])
    table = pa.Table.from_pylist(
        [{"local_actor_id": k, "actor_id": v[0], "score": v[1], "reason": v[2]} for k, v in sorted(merges.items())],
        schema=pa.schema([("local_actor_id", pa.string()), ("actor_id", pa.string()), ("score", pa.float64()),
                          ("reason", pa.string())]),
    )
    with store.transaction():
        con.execute("DELETE FROM actor_merges")
        con.register("_merges", table)
        con.execute("INSERT INTO actor_merges SELECT * FROM _merges")
        con.unregister("_merges")
        con.execute(
            "UPDATE mentions SET actor_id = coalesce("
            "(SELECT g.actor_id FROM actor_merges g WHERE g.local_actor_id = mentions.local_actor_id), "
            "local_actor_id) WHERE local_actor_id IS NOT NULL"
        )
        if pinned is not None:
            con.register("_pinned", pinned)
            con.execute(
                "UPDATE mentions SET actor_id = p.actor_id, "
                "kind = coalesce(p.kind, mentions.kind), country = coalesce(p.country, mentions.country), "
                "igo = coalesce(p.igo, mentions.igo), sector = coalesce(p.sector, mentions.sector), "
                "actor_name = coalesce(p.name, mentions.actor_name) FROM _pinned p "
                "WHERE mentions.label <> 'PRON' AND (lower(mentions.text) = lower(p.alias) "
                "OR lower(mentions.actor_name) = lower(p.alias)) "
                "OR mentions.label = 'PRON' AND lower(mentions.actor_name) = lower(p.alias)"
            )
        con.execute("DELETE FROM actors")
        con.execute(_ACTORS_SQL)
        if pinned is not None:
            con.execute(
                "UPDATE actors SET name = coalesce(p.name, actors.name), kind = coalesce(p.kind, actors.kind), "
                "country = coalesce(p.country, actors.country), igo = coalesce(p.igo, actors.igo), "
                "sector = coalesce(p.sector, actors.sector) FROM "
                "(SELECT actor_id, any_value(name) AS name, any_value(kind) AS kind, any_value(country) AS country, "
                "any_value(igo) AS igo, any_value(sector) AS sector FROM _pinned GROUP BY 1) p "
                "WHERE actors.actor_id = p.actor_id"
            )
            con.unregister("_pinned")
    return int(con.execute("SELECT count(*) FROM actors").fetchone()[0])  # type: ignore[index]


_ACTORS_SQL = """
INSERT INTO actors
WITH m AS (
    SELECT m.*, d.published FROM mentions m JOIN documents d USING (doc_id) WHERE m.actor_id IS NOT NULL
),
names AS (   -- the name an actor goes by: its most frequent name, on a tie the fuller one
    SELECT actor_id, first(actor_name ORDER BY n DESC, length(actor_name) DESC, actor_name) AS name FROM (
        SELECT actor_id, actor_name, count(*) AS n FROM m GROUP BY 1, 2) GROUP BY 1
),
aliases AS (
    SELECT actor_id, to_json(list({'text': text, 'count': n} ORDER BY n DESC, text)) AS aliases FROM (
        SELECT actor_id, text, count(*) AS n FROM m WHERE label NOT IN ('PRON') GROUP BY 1, 2) GROUP BY 1
),
roles AS (
    SELECT actor_id, to_json(list({'role': role, 'country': country, 'igo': igo, 'sector': sector,
                                   'date': published, 'doc_id': doc_id}
                                  ORDER BY published NULLS LAST, role, doc_id)) AS roles
    FROM (SELECT DISTINCT actor_id, role, country, igo, sector, published, doc_id FROM m WHERE role IS NOT NULL)
    GROUP BY 1
)
SELECT m.actor_id, any_value(names.name), mode(kind ORDER BY kind), mode(country ORDER BY country),
       mode(igo ORDER BY igo), mode(sector ORDER BY sector),  -- ordered: ties fall the same way on every run
       any_value(roles.roles), any_value(aliases.aliases), count(*), count(DISTINCT doc_id),
       min(published), max(published)
FROM m JOIN names USING (actor_id) LEFT JOIN roles USING (actor_id) LEFT JOIN aliases USING (actor_id)
GROUP BY m.actor_id
"""
