"""Lists whose server picks the page size: ``page=n`` until a flag in the answer says the list
is complete (:class:`PageFlagPaging`), and a listing page filled to the size a client asks
from as many of the server's pages as it takes (:func:`filled_page`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from ..query import ListQuery, Page
from ..records import Record
from .paging import PageRequest, clamp_size, partial_cursor, split_partial_cursor
from .resources import Endpoints, list_records

if TYPE_CHECKING:
    from .adapter import HttpAdapter

T = TypeVar("T")


@dataclass(frozen=True)
class PageFlagPaging:
    """``page=n`` (no size: the server picks it) and the answer's ``flag``, false while pages
    remain: the next page is the one after the page asked, whatever next link the answer
    gives. The cursor is the page number."""

    flag: str = "paginationComplete"
    page_param: str = "page"
    max_size: int = 100

    def request(self, cursor: str | None, page_size: int) -> PageRequest:
        return PageRequest(None, {self.page_param: cursor if cursor and cursor.isdigit() else "1"})

    def next_cursor(self, body: Any, response: httpx.Response | None = None) -> str | None:
        if not isinstance(body, Mapping) or body.get(self.flag, True) is not False:
            return None
        page = response.request.url.params.get(self.page_param, "1") if response is not None else "1"
        return str(int(page) + 1) if page.isdigit() else None

    def serve(
        self, params: Mapping[str, Any], items: Sequence[T], size: int
    ) -> tuple[Sequence[T], dict[str, Any]]:
        """The server side: the page ``params`` asks, of ``size`` items, and the flag
        (``ValueError``: the page is not a number)."""
        page = max(1, int(params.get(self.page_param) or 1))
        return items[(page - 1) * size : page * size], {self.flag: page * size >= len(items)}


async def filled_page(
    a: HttpAdapter, e: Endpoints, query: ListQuery, max_reads: int = 50, first: str = "1"
) -> Page[Record]:
    """The page ``query`` asks of ``e``'s list, filled from as many upstream pages (of the
    server's size) as it takes, at most ``max_reads``; the cursor points into an upstream page
    (a ``partial_cursor``) when that page was only partly returned. ``first``: the cursor of
    the first upstream page."""
    wanted = clamp_size(query.page_size, a.max_page_size)
    token, skip = split_partial_cursor(query.cursor)
    found: list[Record] = []
    for _ in range(max_reads):
        page = await list_records(a, e, ListQuery(query.filter, query.sort, wanted, token or first))
        taken = page.records[skip : skip + wanted - len(found)]
        found += taken
        if skip + len(taken) < len(page.records):
            return Page(found, partial_cursor(token or first, skip + len(taken)))
        if page.next_cursor is None or len(found) == wanted:
            return Page(found, page.next_cursor)
        token, skip = page.next_cursor, 0
    return Page(found, token)
