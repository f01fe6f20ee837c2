"""The ingest log: every input with its status and why, and the problem inputs a summary reports."""

from __future__ import annotations

from typing import Any

from newsledger.store.db import Store

# Inputs a summary reports: skipped, failed, or stored but not analysed (a language other than English).
_PROBLEM = "(status IN ('skipped', 'failed') OR reason LIKE 'not analysed%')"
_CUT = 300  # characters of a source or reason a summary shows


def entries(store: Store, status: str | None, limit: int | None, offset: int) -> list[dict[str, Any]]:
    """Inputs by source, optionally of one status; ``limit`` rows from ``offset`` (None: all)."""
    where, params = ("WHERE status = ?", [status]) if status else ("", [])
    return store.query(
        "SELECT source, fmt, status, reason, doc_id, n_bytes, logged_at FROM ingest_log "
        f"{where} ORDER BY source LIMIT ? OFFSET ?", [*params, limit, offset])


def statuses(store: Store) -> dict[str, int]:
    """Inputs per status."""
    return {str(k): int(v) for k, v in store.rows("SELECT status, count(*) FROM ingest_log GROUP BY 1 ORDER BY 1")}


def n_problems(store: Store) -> int:
    return int(store.scalar(f"SELECT count(*) FROM ingest_log WHERE {_PROBLEM}"))


def problems(store: Store, limit: int) -> list[dict[str, Any]]:
    """The first problem inputs by status and source, source and reason cut to a few hundred characters.

    A stored reason may predate the cap on reasons (issue 16: one was a gigabyte long).
    """
    return store.query(
        f"SELECT left(source, {_CUT}) AS source, status, left(reason, {_CUT}) AS reason FROM ingest_log "
        f"WHERE {_PROBLEM} ORDER BY status, source LIMIT ?", [limit])
