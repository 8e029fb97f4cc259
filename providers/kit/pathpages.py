"""Page numbers as the last segments of a list's path (``/applicants/page/2``), at a fixed page
size the client cannot ask for, with no total in any answer: a page shorter than the size is
the last, and a page of one record may come back as the bare object.

- :class:`PathNumberPaging`: the paginator (our cursor is the next page's number) and its
  server side (:meth:`PathNumberPaging.serve`, :meth:`PathNumberPaging.routes`).
- :class:`PathPagedAdapter`: an :class:`~providers.kit.adapter.HttpAdapter` whose ``call``
  moves the page number into the path, whose lists take a bare object as a page of one, and
  whose client pages are cut from the fixed upstream pages (the cursor names the upstream
  page and how many of its records were already returned).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar, TypeVar

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..errors import ProviderBadInput
from ..http import CallContext
from ..query import ListQuery
from .adapter import HttpAdapter
from .paging import PageRequest, clamp_size, partial_cursor, split_partial_cursor

M = TypeVar("M")
H = TypeVar("H")


def one_or_many(body: Any) -> Any:
    """A page's records: a bare object is a page of one."""
    return [body] if isinstance(body, Mapping) else body


@dataclass(frozen=True)
class PathNumberPaging:
    """``<path>/<segment>/<n>`` pages of ``max_size`` records. ``request`` hands the number to
    the adapter's ``call`` as the parameter ``param``, which moves it into the path (it is never
    sent as a query parameter)."""

    max_size: int = 100
    segment: str = "page"
    param: str = "page"

    @cached_property
    def _number(self) -> re.Pattern[str]:
        return re.compile(rf"/{re.escape(self.segment)}/(\d+)/?$")

    def request(self, cursor: str | None, page_size: int) -> PageRequest:
        return PageRequest(None, {self.param: int(cursor) if cursor and cursor.isdigit() else 1})

    def next_cursor(self, body: Any, response: httpx.Response | None = None) -> str | None:
        found = one_or_many(body)
        if response is None or not isinstance(found, list) or len(found) < self.max_size:
            return None
        return str(self.page_number(response.request.url.path) + 1)

    def page_number(self, path: str) -> int:
        """The page a path names (none: the first)."""
        found = self._number.search(path)
        return int(found.group(1)) if found else 1

    def path(self, path: str, number: int | str) -> str:
        """``path`` at page ``number``."""
        return f"{path.rstrip('/')}/{self.segment}/{number}"

    # -- the server side ---------------------------------------------------------------------
    def routes(self, handlers: Mapping[str, H]) -> dict[str, H]:
        """Each handler at its path and at the path's numbered pages (``{page:int}``)."""
        out: dict[str, H] = {}
        for path, handler in handlers.items():
            out[path] = out[self.path(path, "{page:int}")] = handler
        return out

    def serve(
        self,
        request: Request,
        rows: Sequence[Any],
        malformed: bool = False,
        shape: Callable[[Any], Any] = lambda row: row,
    ) -> Response | None:
        """The page a request's path names (None: no such page, a number below 1), each of its
        rows through ``shape``, a page of one record sent as the bare object; ``malformed``: the
        simulator's broken-page fault."""
        number = int(request.path_params.get("page", 1))
        if number < 1:
            return None
        chunk = [shape(r) for r in rows[(number - 1) * self.max_size : number * self.max_size]]
        if malformed:
            return JSONResponse("malformed")
        return JSONResponse(chunk[0] if len(chunk) == 1 else chunk)


class PathPagedAdapter(HttpAdapter):
    """An adapter over an API paged by :class:`PathNumberPaging` (declared as its ``paging``)."""

    paging: ClassVar[PathNumberPaging]

    async def call(
        self, path: str, ctx: CallContext, params: Mapping[str, Any] | None = None
    ) -> tuple[Any, httpx.Response]:
        """A page number goes into the path (``/page/{n}``), never the query."""
        rest = dict(params or {})
        number = rest.pop(self.paging.param, None)
        if number is not None:
            path = self.paging.path(path, int(number))
        return await super().call(path, ctx, rest or None)

    def items_of(self, body: Any, ctx: CallContext, field: str | None) -> Any:
        return one_or_many(super().items_of(body, ctx, field))

    async def fetch_query_page(
        self,
        model: type[M],
        path: str,
        ctx: CallContext,
        query: ListQuery,
        *,
        params: Mapping[str, Any] | None = None,
        field: str | None = None,
    ) -> tuple[list[M], str | None]:
        """The client's page, cut from the fixed upstream pages: the cursor names the upstream
        page and how many of its records were already returned."""
        token, taken = split_partial_cursor(query.cursor)
        if token is not None and not token.isdigit():
            raise ctx.error(ProviderBadInput, f"invalid page cursor for {self.title or self.name}")
        number = token or "1"
        found, after = await self.fetch_page(model, path, ctx, params=params, cursor=number, field=field)
        end = taken + clamp_size(query.page_size, self.paging.max_size)
        if end < len(found):
            return found[taken:end], partial_cursor(number, end)
        return found[taken:], after
