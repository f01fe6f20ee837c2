"""What the routes share: the request's ``Ledger`` on the served snapshot, and paging parameters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request

from newsledger.api import Ledger


def _ledger(request: Request) -> Iterator[Ledger]:
    with request.app.state.served.reading() as store:
        yield Ledger.over(store, request.app.state.config)


L = Annotated[Ledger, Depends(_ledger)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
