"""Any list query as a pandas DataFrame, for notebooks: one row a record, one column a field."""

from __future__ import annotations

from typing import Any

import pandas as pd

from newsledger.errors import ConfigError
from newsledger.ledger.base import LedgerBase

# Queries that return a list of records, and so a DataFrame.
FRAME_QUERIES = ("documents", "actors", "quotes", "claims", "events", "duplicates", "merged_events", "stories",
                 "timeline", "search", "ingest_log", "story_quotes", "actor_events")


class FrameQueries(LedgerBase):
    def frame(self, query: str, /, **kwargs: Any) -> pd.DataFrame:
        """Any list query as a pandas DataFrame: ``ledger.frame("events", actor="Aliyev")``.

        ``query`` is positional only, so ``frame("search", query="NATO")`` passes the search its words.
        """
        if query not in FRAME_QUERIES:
            raise ConfigError(f"no list query {query!r}; choose one of {', '.join(FRAME_QUERIES)}")
        return pd.DataFrame.from_records([r.model_dump() for r in getattr(self, query)(**kwargs)])
