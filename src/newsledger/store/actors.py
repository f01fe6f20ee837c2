"""Actors: the ``actors`` and ``actor_merges`` tables, read for the Ledger and rebuilt by the resolve step.

Events and quotes name actors as their document resolved them (a "local" id); ``actor_merges``
says which actor across documents each of those became.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from newsledger.store.db import Store

_COLUMNS = "actor_id, name, kind, country, igo, sector, n_mentions, n_documents, first_seen, last_seen"


def with_merged(actors: str) -> str:
    """SQL: the actor ids that ``actors`` (a subquery) selects, and the per-document ids merged into them."""
    return (f"WITH chosen AS ({actors}) SELECT actor_id FROM chosen UNION "
            "SELECT local_actor_id FROM actor_merges WHERE actor_id IN (SELECT actor_id FROM chosen)")


def ids_named(store: Store, name: str, local: bool = False) -> list[str]:
    """Ids of the actors whose name or an alias holds ``name``, for "who took part" filters.

    Looked up first, on the small actors table, so the filter over events is a plain join:
    as a subquery inside ``list_has_any`` it made a nested-loop join over every event.
    ``local`` adds the per-document ids merged into those actors, which is how events and
    quotes name them.
    """
    pattern = f"%{name}%"
    sql = "SELECT actor_id FROM actors WHERE name ILIKE ? OR aliases ILIKE ?"
    return sorted(str(r[0]) for r in store.rows(with_merged(sql) if local else sql, [pattern, pattern]))


def listing(store: Store, country: str | None, sector: str | None, kind: str | None, limit: int,
            offset: int) -> list[dict[str, Any]]:
    """Actors, most mentioned first; filters match exactly (case-insensitive)."""
    where, params = ["1=1"], []
    for column, value in (("country", country), ("sector", sector), ("kind", kind)):
        if value:
            where.append(f"upper({column}) = upper(?)")
            params.append(value)
    return store.query(
        f"SELECT {_COLUMNS} FROM actors WHERE {' AND '.join(where)} ORDER BY n_mentions DESC, actor_id "
        "LIMIT ? OFFSET ?", [*params, limit, offset])


def matching(store: Store, name: str) -> list[dict[str, Any]]:
    """Actors ``name`` may mean, most mentioned first: by id or name, else a mention's words, else a part
    of a name or alias."""
    rows = store.query(
        "SELECT * FROM actors WHERE actor_id = ? OR lower(name) = lower(?) ORDER BY n_mentions DESC, actor_id",
        [name, name])
    if not rows:
        rows = store.query(
            "SELECT DISTINCT a.* FROM actors a JOIN mentions m USING (actor_id) "
            "WHERE lower(m.text) = lower(?) AND m.label <> 'PRON' ORDER BY a.n_mentions DESC, a.actor_id", [name])
    if not rows:
        rows = store.query("SELECT * FROM actors WHERE name ILIKE ? OR aliases ILIKE ? "
                           "ORDER BY n_mentions DESC, actor_id", [f"%{name}%", f"%{name}%"])
    return rows


def mentions(store: Store, actor_id: str) -> list[dict[str, Any]]:
    """The first 200 mentions of an actor, with their document and sentence, oldest first."""
    return store.query(
        "SELECT m.doc_id, d.outlet, d.published, m.text, m.label, m.rule, m.role, s.text AS sentence "
        "FROM mentions m JOIN documents d USING (doc_id) "
        "JOIN sentences s ON s.doc_id = m.doc_id AND s.idx = m.sentence_idx "
        "WHERE m.actor_id = ? ORDER BY d.published NULLS LAST, m.doc_id, m.start_char LIMIT 200", [actor_id])


def co_actors(store: Store, actor_id: str) -> list[dict[str, Any]]:
    """The ten actors most often named in the same sentences as ``actor_id``."""
    return store.query(
        "SELECT a.actor_id, a.name, count(*) AS sentences FROM "
        "(SELECT DISTINCT doc_id, sentence_idx FROM mentions WHERE actor_id = ?) s "
        "JOIN (SELECT DISTINCT doc_id, sentence_idx, actor_id FROM mentions WHERE actor_id IS NOT NULL) o "
        "USING (doc_id, sentence_idx) JOIN actors a ON a.actor_id = o.actor_id "
        "WHERE o.actor_id <> ? GROUP BY 1, 2 ORDER BY 3 DESC, 2 LIMIT 10", [actor_id, actor_id])


def in_document(store: Store, doc_id: str) -> list[dict[str, Any]]:
    """A document's mentions that resolved to an actor, in text order, with the actor's name across documents."""
    return store.query(
        "SELECT m.start_char, m.end_char, m.text, m.label, m.actor_id, coalesce(a.name, m.actor_name) AS actor, "
        "m.role, m.kind, m.country, m.sector, m.rule FROM mentions m LEFT JOIN actors a USING (actor_id) "
        "WHERE m.doc_id = ? AND m.actor_id IS NOT NULL ORDER BY m.start_char, m.idx", [doc_id])


def canonical(store: Store, local_ids: list[str] | None = None) -> dict[str, str]:
    """The actor each per-document id (these, or all when None) was merged into; ids never merged are left out."""
    if local_ids is None:
        return dict(store.rows("SELECT local_actor_id, actor_id FROM actor_merges"))
    if not local_ids:
        return {}
    return dict(store.rows("SELECT local_actor_id, actor_id FROM actor_merges "
                           "WHERE local_actor_id IN (SELECT unnest(?::VARCHAR[]))", [local_ids]))


def nodes(store: Store, actor_ids: list[str]) -> list[dict[str, Any]]:
    """The given actors, most mentioned first (a network's nodes)."""
    if not actor_ids:
        return []
    return store.query(
        "SELECT actor_id, name, kind, country, sector, n_mentions FROM actors WHERE actor_id IN "
        "(SELECT unnest(?::VARCHAR[])) ORDER BY n_mentions DESC, actor_id", [actor_ids])


# -- the resolve step ------------------------------------------------------------------
def people(store: Store) -> list[tuple[str, str, str | None, int]]:
    """Each person resolved within a document: (local id, usual name, usual country, mentions)."""
    return [(r[0], r[1], r[2], r[3]) for r in store.rows(
        "SELECT local_actor_id, mode(actor_name ORDER BY actor_name), mode(country ORDER BY country), count(*) "
        "FROM mentions WHERE kind = 'person' AND local_actor_id IS NOT NULL GROUP BY 1 ORDER BY 1")]


MERGES_SCHEMA = pa.schema([("local_actor_id", pa.string()), ("actor_id", pa.string()), ("score", pa.float64()),
                           ("reason", pa.string())])


def rebuild(store: Store, merges: pa.Table, pinned: pa.Table | None) -> int:
    """Replace the merges, point every mention at its merged actor, and rebuild ``actors``; returns its rows.

    ``merges``: rows of ``MERGES_SCHEMA``. ``pinned``: the user's dictionary (alias, actor_id, name,
    kind, country, igo, sector), applied last so it overrides the rules and the merges.
    """
    with store.transaction():
        store.execute("DELETE FROM actor_merges")
        with store.registered("_merges", merges):
            store.execute("INSERT INTO actor_merges SELECT * FROM _merges")
        store.execute(
            "UPDATE mentions SET actor_id = coalesce("
            "(SELECT g.actor_id FROM actor_merges g WHERE g.local_actor_id = mentions.local_actor_id), "
            "local_actor_id) WHERE local_actor_id IS NOT NULL")
        if pinned is None:
            store.execute("DELETE FROM actors")
            store.execute(_ACTORS_SQL)
            store.execute(_EVENT_STATES_SQL)
        else:
            with store.registered("_pinned", pinned):
                store.execute(_PIN_MENTIONS)
                store.execute("DELETE FROM actors")
                store.execute(_ACTORS_SQL)
                store.execute(_EVENT_STATES_SQL)
                store.execute(_PIN_ACTORS)
    return store.count("actors")


# States that only events name, by a rule rather than a mention: the country a visit went to ("arrived in
# Nairobi": Kenya), the state a protest is aimed at. Rows of their own, so the export's Actor2 codes and
# the actor pages know them; no mention counts, their documents are the events'.
_EVENT_STATES_SQL = """
INSERT INTO actors
WITH named AS (
    SELECT e.doc_id, d.published, unnest(e.source_ids) AS actor_id, unnest(e.source_names) AS name,
           len(e.source_ids) = len(e.source_names) AS aligned FROM events e JOIN documents d USING (doc_id)
    UNION ALL
    SELECT e.doc_id, d.published, unnest(e.target_ids), unnest(e.target_names),
           len(e.target_ids) = len(e.target_names) FROM events e JOIN documents d USING (doc_id)
)
SELECT actor_id, coalesce(any_value(name) FILTER (WHERE aligned), substr(actor_id, 7)), 'state',
       substr(actor_id, 7), NULL, 'GOV', NULL, NULL, 0, count(DISTINCT doc_id), min(published), max(published)
FROM named
WHERE actor_id LIKE 'state:%' AND actor_id NOT IN (SELECT actor_id FROM actors)
GROUP BY actor_id
"""

_PIN_MENTIONS = """
UPDATE mentions SET actor_id = p.actor_id,
    kind = coalesce(p.kind, mentions.kind), country = coalesce(p.country, mentions.country),
    igo = coalesce(p.igo, mentions.igo), sector = coalesce(p.sector, mentions.sector),
    actor_name = coalesce(p.name, mentions.actor_name) FROM _pinned p
WHERE mentions.label <> 'PRON' AND (lower(mentions.text) = lower(p.alias)
    OR lower(mentions.actor_name) = lower(p.alias))
    OR mentions.label = 'PRON' AND lower(mentions.actor_name) = lower(p.alias)
"""

_PIN_ACTORS = """
UPDATE actors SET name = coalesce(p.name, actors.name), kind = coalesce(p.kind, actors.kind),
    country = coalesce(p.country, actors.country), igo = coalesce(p.igo, actors.igo),
    sector = coalesce(p.sector, actors.sector) FROM
    (SELECT actor_id, any_value(name) AS name, any_value(kind) AS kind, any_value(country) AS country,
     any_value(igo) AS igo, any_value(sector) AS sector FROM _pinned GROUP BY 1) p
WHERE actors.actor_id = p.actor_id
"""

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
