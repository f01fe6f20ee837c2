"""The store as a whole: its summary, what is pending, the ingest log, whole tables as files."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from newsledger.answers.meta import LogEntry, RunStatus, Summary
from newsledger.ledger.base import LedgerBase, records
from newsledger.store import export as table_export
from newsledger.store import ingest_log
from newsledger.store.runs import status as run_status
from newsledger.store.summary import summary as store_summary

EXPORT_FORMATS = table_export.FORMATS


class StoreQueries(LedgerBase):
    def summary(self, top: int = 10) -> Summary:
        """Counts, outlets, date range, top entities and problem inputs of the whole store.

        Bounded whatever the store holds: the first ``summary.problems`` problem inputs (with
        their total, ``n_problems``; ``ingest_log`` has the rest) and the ``summary.outlets``
        largest outlets (``n_outlets`` in all); a reason or source is cut to a few hundred characters.
        """
        cfg = self.config.summary
        return Summary.model_validate(store_summary(self.store, top, cfg.outlets, cfg.problems))

    def status(self, runs: int = 10) -> RunStatus:
        """What is pending: whether the cross-article tables are current, interrupted runs, the latest runs."""
        return RunStatus.model_validate(run_status(self.store, runs))

    def ingest_log(self, status: str | None = None, limit: int | None = None, offset: int = 0) -> list[LogEntry]:
        """Every input with its status and reason, by source; ``limit`` rows from ``offset`` (None: all)."""
        return records(LogEntry, ingest_log.entries(self.store, status, limit, offset))

    def export(self, table: str, fmt: str, out: str | Path | IO[str]) -> int:
        """Write a whole table as JSON Lines, CSV, Parquet, or (events only) a GDELT-style TSV.

        ``out`` is a path, or a text stream for jsonl/csv/gdelt (Parquet needs a path).
        Returns the row count.
        """
        return table_export.export(self.store, table, fmt, out)
