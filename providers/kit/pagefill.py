"""Filling the page a client asks from upstream pages that hold fewer (or more) of its records
than it asked: an upstream page of 100 rows can make 70 records, or none once filtered.

:func:`fill_page` reads upstream pages until the page is full, and points its cursor just
after the last record returned: the upstream token, or a partial cursor
(:func:`~providers.kit.paging.partial_cursor`) into a page only partly returned, which can be
kept a while so that the next page starts from its rest without reading it again."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from ..cache import Cached
from ..query import Page
from ..records import Record
from .paging import partial_cursor, split_partial_cursor

T = TypeVar("T", bound=Record)
Upstream = tuple[list[T], str | None]
"""One upstream page's records, and the next page's token (None: the last page)."""


async def fill_page(
    read: Callable[[str | None], Awaitable[Upstream[T]]],
    cursor: str | None,
    wanted: int,
    *,
    max_reads: int = 5,
    kept: Cached[str, Upstream[T]] | None = None,
    scope: Any = None,
) -> Page[T]:
    """Up to ``wanted`` records from the upstream pages ``read(token)`` returns (None: the
    first), at most ``max_reads`` of them, resuming at ``cursor``. A page only partly returned
    is put in ``kept`` (under its token and ``scope``, such as the filters it was read with)
    and a partial cursor into it is read from there while it lasts; a query from the start
    always reads afresh."""
    token, skip = split_partial_cursor(cursor)
    records: list[T] = []
    for _ in range(max_reads):
        key = json.dumps([scope, token], sort_keys=True, default=str)
        found, after = (kept.peek(key) if kept is not None and skip else None) or await read(token)
        taken = found[skip : skip + wanted - len(records)]
        records.extend(taken)
        if skip + len(taken) < len(found):
            if kept is not None:
                kept.put(key, (found, after))
            return Page(records, partial_cursor(token, skip + len(taken)))
        if after is None or len(records) == wanted:
            return Page(records, after)
        token, skip = after, 0
    return Page(records, token)
