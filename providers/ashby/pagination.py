"""Ashby's cursor paging: ``limit`` (max and default 100) and ``cursor`` in the request body,
``moreDataAvailable`` + ``nextCursor`` in the answer. Our opaque cursor is Ashby's ``nextCursor``.

https://developers.ashbyhq.com/docs/pagination-and-incremental-sync
"""

from __future__ import annotations

from typing import Any, Final

from providers.query import ListQuery

from .payloads import AshbyEnvelope

MAX_LIMIT: Final = 100


def page_body(query: ListQuery, **filters: Any) -> dict[str, Any]:
    """The request body of one page: ``limit``, ``cursor`` when continuing, and the filters."""
    body: dict[str, Any] = {k: v for k, v in filters.items() if v is not None}
    body["limit"] = max(1, min(query.page_size, MAX_LIMIT))
    if query.cursor:
        body["cursor"] = query.cursor
    return body


def next_cursor(envelope: AshbyEnvelope) -> str | None:
    """Ashby's cursor for the next page, or None on the last page."""
    if envelope.more_data_available and envelope.next_cursor:
        return envelope.next_cursor
    return None
