"""The store in numbers: counts, outlets, dates, languages, top entities and problem inputs."""

from __future__ import annotations

from typing import Any

from newsledger.store import ingest_log
from newsledger.store.db import Store


def summary(store: Store, top: int, outlets: int, problems: int) -> dict[str, Any]:
    """Bounded whatever the store holds: the ``outlets`` largest outlets, ``top`` entities and the
    first ``problems`` problem inputs, each list with its total."""
    return {
        "documents": store.count("documents"),
        "analysed": store.scalar("SELECT count(*) FROM documents WHERE analysed"),
        "sentences": store.count("sentences"),
        "mentions": store.count("mentions"),
        "n_outlets": store.scalar("SELECT count(DISTINCT coalesce(outlet, '(unknown)')) FROM documents"),
        "outlets": store.query(
            "SELECT coalesce(outlet, '(unknown)') AS outlet, count(*) AS documents FROM documents "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", [outlets]
        ),
        "dates": store.query(
            "SELECT min(published) AS first, max(published) AS last, "
            "count(published) AS dated, count(*) - count(published) AS undated FROM documents"
        )[0],
        "languages": store.query(
            "SELECT language, count(*) AS documents FROM documents GROUP BY 1 ORDER BY 2 DESC, 1"
        ),
        "top_entities": store.query(
            "SELECT text, label, count(*) AS mentions, count(DISTINCT doc_id) AS documents "
            "FROM mentions WHERE label IN ('PERSON', 'ORG', 'GPE', 'NORP', 'LOC', 'FAC') "
            "GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT ?",
            [top],
        ),
        "log": ingest_log.statuses(store),
        "n_problems": ingest_log.n_problems(store),
        "problems": ingest_log.problems(store, problems),
    }
