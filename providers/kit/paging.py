"""How providers page their lists, one small class per scheme; an adapter declares the one
its API uses. Each turns our opaque page cursor into the next request and reads the cursor
of the page after an answer:

- :class:`LinkHeaderPaging`: page size on the first request, then the ``rel="next"`` URL of
  the ``Link`` header (Greenhouse v1 page numbers, v3 cursors).
- :class:`BodyCursorPaging`: a continuation token in the answer's body, sent back as a
  parameter (Lever ``next``/``hasNext`` -> ``offset``; Ashby ``nextCursor``/``moreDataAvailable``
  -> ``cursor``).
- :class:`NextUrlPaging`: a full next-page URL in the body (Workable ``paging.next``).
- :class:`OffsetPaging`: ``offset`` + ``limit``, a short page being the last.
- :class:`PageNumberPaging`: page number + size without totals, a short page being the last
  (Recruiterflow's ``current_page``/``items_per_page``).
- :class:`SyncTokenPaging`: the token for the next incremental sync, on the last page only.

Cursors are what the gateway hands out and takes back: a scheme's cursor format is part of
the API contract and must not change (a client may hold one across a deploy).

Each class also has its server side, ``serve``: the page of a list a provider answers to the
request ``request`` builds, and the next-page pointer it renders (body fields or headers), so a
simulator pages with the same object its adapter requests with. ``serve`` raises ValueError for
a size or token it cannot read; each simulator answers that in its provider's own way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Protocol, TypeVar
from urllib.parse import urlencode, urlsplit

import httpx

from ..http import link_header_next


@dataclass(frozen=True)
class PageRequest:
    """What to send for one page: ``path`` replaces the endpoint's own path (a cursor that is a
    URL path already carries every filter) or is None; ``params`` go in the query string, or the
    body of an RPC call."""

    path: str | None
    params: dict[str, Any] = field(default_factory=dict)


class Paginator(Protocol):
    """A paging scheme: the request for a page, and our cursor for the page after an answer."""

    @property
    def max_size(self) -> int:
        """The largest page the provider serves."""
        ...

    def request(self, cursor: str | None, page_size: int) -> PageRequest: ...

    def next_cursor(self, body: Any, response: httpx.Response | None = None) -> str | None: ...


T = TypeVar("T")

Json = dict[str, Any]


def clamp_size(page_size: int, max_size: int) -> int:
    """The page size asked, within what the provider serves (1 to ``max_size``)."""
    return max(1, min(page_size, max_size))


def asked_size(params: Mapping[str, Any], size_param: str, default_size: int, max_size: int) -> int:
    """Server side: the page size a request asks (``default_size`` when absent), clamped. A size
    that is no integer is a ``ValueError``, whether it is text (``int`` raises one) or a JSON
    body's list, object or infinity (``int`` raises another error), so that one refusal of the
    caller's answers them all."""
    asked = params.get(size_param) or default_size
    try:
        return clamp_size(int(asked), max_size)
    except (TypeError, OverflowError):
        raise ValueError(f"{size_param}: no page size: {asked!r}") from None


def _nested(path: tuple[str, ...], value: Any) -> Json:
    """``{"a": {"b": value}}`` for the path ``("a", "b")``."""
    for key in reversed(path[1:]):
        value = {key: value}
    return {path[0]: value}


def _path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def is_path_cursor(cursor: str) -> bool:
    """A cursor that is a path on the connection's own host: never a URL to another host, never
    climbing out of the base URL (``UpstreamHttp.url`` refuses that too)."""
    return (
        cursor.startswith("/") and not cursor.startswith("//") and "://" not in cursor and ".." not in cursor
    )


def _link(links: list[str]) -> dict[str, str]:
    return {"Link": ", ".join(links)} if links else {}


@dataclass(frozen=True)
class LinkHeaderPaging:
    """``size_param`` on the first request, then the ``Link`` header's ``rel="next"`` URL. Our
    cursor is that URL's path and query, replayed against the connection's base URL (so a
    proxy or regional base URL stays in the path, and a cursor never sends the credentials to
    another host)."""

    base_url: str
    max_size: int
    size_param: str = "per_page"

    def request(self, cursor: str | None, page_size: int) -> PageRequest:
        if cursor is not None:
            return PageRequest(cursor)
        return PageRequest(None, {self.size_param: str(clamp_size(page_size, self.max_size))})

    def next_cursor(self, body: Any, response: httpx.Response | None = None) -> str | None:
        url = link_header_next(response) if response is not None else None
        if url is None:
            return None
        if url.startswith(self.base_url + "/"):
            return url[len(self.base_url) :]
        return _path_and_query(url)

    def serve_numbered(
        self,
        url: str,
        params: Mapping[str, str],
        items: Sequence[T],
        default_size: int,
        page_param: str = "page",
        count_param: str = "skip_count",
    ) -> tuple[Sequence[T], dict[str, str]]:
        """Server side of page numbers: the page ``page_param`` names, and a ``Link`` header
        with ``next``/``prev`` and, unless ``count_param`` is ``true``, ``last`` URLs (``url``
        with the request's other parameters)."""
        size = asked_size(params, self.size_param, default_size, self.max_size)
        page = int(params.get(page_param, "1"))
        rest = {k: v for k, v in params.items() if k not in (page_param, self.size_param)}
        last = max(1, -(-len(items) // size))

        def page_url(n: int) -> str:
            return f"{url}?{urlencode({page_param: str(n), self.size_param: str(size), **rest})}"

        links = []
        if page < last:
            links.append(f'<{page_url(page + 1)}>; rel="next"')
        if page > 1:
            links.append(f'<{page_url(page - 1)}>; rel="prev"')
        if params.get(count_param) != "true":
            links.append(f'<{page_url(last)}>; rel="last"')
        start = (page - 1) * size
        return items[start : start + size], _link(links)

    def serve_cursor(
        self,
        url: str,
        params: Mapping[str, str],
        items: Sequence[T],
        default_size: int,
        start: int,
        save: Callable[[dict[str, str], int], str],
        cursor_param: str = "cursor",
    ) -> tuple[Sequence[T], dict[str, str]]:
        """Server side of opaque cursors: ``size`` items from ``start`` and a ``Link`` header
        whose ``next`` URL carries only ``cursor_param``: the token ``save`` keeps for the
        request's parameters (size included) and the next start."""
        size = asked_size(params, self.size_param, default_size, self.max_size)
        end = start + size
        links = []
        if end < len(items):
            token = save({**params, self.size_param: str(size)}, end)
            links.append(f'<{url}?{urlencode({cursor_param: token})}>; rel="next"')
        return items[start:end], _link(links)


@dataclass(frozen=True)
class BodyCursorPaging:
    """A continuation token in the answer (``next_field``, while ``more_field`` is true), sent
    back verbatim as ``cursor_param`` with ``size_param``. Our cursor is the token itself."""

    max_size: int
    next_field: str
    more_field: str
    cursor_param: str
    size_param: str = "limit"

    def request(self, cursor: str | None, page_size: int) -> PageRequest:
        params: dict[str, Any] = {self.size_param: clamp_size(page_size, self.max_size)}
        if cursor:
            params[self.cursor_param] = cursor
        return PageRequest(None, params)

    def next_cursor(self, body: Any, response: httpx.Response | None = None) -> str | None:
        if not isinstance(body, Mapping) or not body.get(self.more_field):
            return None
        token = body.get(self.next_field)
        return str(token) if token else None

    def serve(
        self,
        params: Mapping[str, Any],
        items: Sequence[T],
        default_size: int,
        token: Callable[[int, Sequence[T]], str] = lambda end, _page: str(end),
        start_of: Callable[[str], int] = int,
    ) -> tuple[Sequence[T], Json]:
        """Server side: the page at ``cursor_param`` (``start_of`` reads the offset in a token)
        and the body fields ``more_field`` and, while more remain, ``next_field`` (``token``
        writes the offset after the page, given the page)."""
        size = asked_size(params, self.size_param, default_size, self.max_size)
        cursor = params.get(self.cursor_param)
        start = start_of(str(cursor)) if cursor else 0
        end = start + size
        page = items[start:end]
        more = end < len(items)
        fields: Json = {self.more_field: more}
        if more:
            fields[self.next_field] = token(end, page)
        return page, fields


@dataclass(frozen=True)
class NextUrlPaging:
    """A full next-page URL in the answer (at ``next_field``, a path into the body; absent on
    the last page). Our cursor is that URL made relative to ``api_root`` (or to the connection's
    base path): resolved against the connection's own base URL, so a proxy or simulator base
    URL keeps working although the provider writes its own host into the URL."""

    base_url: str
    api_root: str
    max_size: int
    next_field: tuple[str, ...]
    size_param: str = "limit"

    def request(self, cursor: str | None, page_size: int) -> PageRequest:
        if cursor is not None:
            return PageRequest(cursor)
        return PageRequest(None, {self.size_param: clamp_size(page_size, self.max_size)})

    def next_cursor(self, body: Any, response: httpx.Response | None = None) -> str | None:
        next_url = body
        for key in self.next_field:
            next_url = next_url.get(key) if isinstance(next_url, Mapping) else None
        if not isinstance(next_url, str) or not next_url:
            return None
        parts = urlsplit(next_url)
        path = parts.path
        base_path = urlsplit(self.base_url).path.rstrip("/")
        if self.api_root in path:
            relative = path[path.index(self.api_root) + len(self.api_root) :]
        elif base_path and path.startswith(base_path + "/"):
            relative = path[len(base_path) :]
        else:
            return None
        if not relative.startswith("/"):
            return None
        return relative + (f"?{parts.query}" if parts.query else "")

    def serve(
        self,
        url: str,
        params: Mapping[str, str],
        keyed: Sequence[tuple[str, T]],
        default_size: int,
        key_param: str = "since_id",
    ) -> tuple[list[T], Json]:
        """Server side of keyset paging over ``(key, item)`` pairs: the items from the key
        ``key_param`` names on, in key order, and while more remain ``next_field`` set to
        ``url`` with the request's parameters, the size and the next page's first key."""
        size = asked_size(params, self.size_param, default_size, self.max_size)
        ordered = sorted(keyed, key=lambda pair: pair[0])
        since = params.get(key_param)
        if since:
            ordered = [pair for pair in ordered if pair[0] >= since]
        fields: Json = {}
        if len(ordered) > size:
            query = {k: v for k, v in params.items() if k != key_param}
            query.update({self.size_param: str(size), key_param: ordered[size][0]})
            fields = _nested(self.next_field, f"{url}?{urlencode(query)}")
        return [item for _, item in ordered[:size]], fields


@dataclass(frozen=True)
class OffsetPaging:
    """``offset`` and ``limit`` parameters; the answer says where it stands (``offset_field``,
    ``total_field``). Our cursor is the next offset."""

    max_size: int
    size_param: str = "limit"
    offset_param: str = "offset"
    offset_field: str = "offset"
    total_field: str = "total"

    def request(self, cursor: str | None, page_size: int) -> PageRequest:
        params: dict[str, Any] = {self.size_param: clamp_size(page_size, self.max_size)}
        if cursor:
            params[self.offset_param] = int(cursor) if cursor.isdigit() else 0
        return PageRequest(None, params)

    def next_cursor(self, body: Any, response: httpx.Response | None = None) -> str | None:
        if not isinstance(body, Mapping):
            return None
        offset, total = body.get(self.offset_field), body.get(self.total_field)
        items = next((v for v in body.values() if isinstance(v, list)), [])
        if not isinstance(offset, int) or not isinstance(total, int) or not items:
            return None
        after = offset + len(items)
        return str(after) if after < total else None

    def serve(
        self, params: Mapping[str, Any], items: Sequence[T], default_size: int
    ) -> tuple[Sequence[T], Json]:
        """Server side: ``size`` items from ``offset_param``, and the body fields that say
        where the page stands (``offset_field``, ``total_field``)."""
        size = asked_size(params, self.size_param, default_size, self.max_size)
        start = int(params.get(self.offset_param) or 0)
        return items[start : start + size], {self.offset_field: start, self.total_field: len(items)}


@dataclass(frozen=True)
class PageNumberPaging:
    """A page number (from 1) and a size, an answer with no total or next pointer: a page
    shorter than the size asked is the last. Our cursor is ``<next page>:<size>``, the size
    kept because a page number means nothing under another size."""

    max_size: int
    page_param: str = "page"
    size_param: str = "per_page"

    def request(self, cursor: str | None, page_size: int) -> PageRequest:
        page, _, size = (cursor or "").partition(":")
        number = max(1, int(page)) if page.isdigit() else 1
        sent = clamp_size(int(size) if size.isdigit() else page_size, self.max_size)
        return PageRequest(None, {self.page_param: number, self.size_param: sent})

    def next_cursor(self, body: Any, response: httpx.Response | None = None) -> str | None:
        """From the request's own page and size (``response.request``): without a size asked,
        the page size is the API's unknown default and this page is taken as the only one."""
        items = body if isinstance(body, list) else None
        if isinstance(body, Mapping):
            items = next((v for v in body.values() if isinstance(v, list)), None)
        sent = response.request.url.params if response is not None else httpx.QueryParams()
        size, page = sent.get(self.size_param, ""), sent.get(self.page_param, "1")
        if items is None or not size.isdigit() or len(items) < int(size) or not page.isdigit():
            return None
        return f"{int(page) + 1}:{size}"

    def serve(self, params: Mapping[str, Any], items: Sequence[T], default_size: int) -> Sequence[T]:
        """Server side: the page ``page_param`` names (ValueError for one that is not a number)."""
        size = asked_size(params, self.size_param, default_size, self.max_size)
        number = max(1, int(params.get(self.page_param) or 1))
        return items[(number - 1) * size : number * size]


@dataclass(frozen=True)
class SyncTokenPaging:
    """The token for the next incremental sync (``token_field``, on the last page only) and the
    parameter that sends it back; paging within a sync is the body cursor's."""

    pages: BodyCursorPaging
    token_field: str
    token_param: str

    @property
    def max_size(self) -> int:
        return self.pages.max_size

    def request(self, cursor: str | None, page_size: int) -> PageRequest:
        return self.pages.request(cursor, page_size)

    def next_cursor(self, body: Any, response: httpx.Response | None = None) -> str | None:
        return self.pages.next_cursor(body, response)

    def sync_token(self, body: Any) -> str | None:
        token = body.get(self.token_field) if isinstance(body, Mapping) else None
        return str(token) if token else None

    def serve(
        self,
        params: Mapping[str, Any],
        items: Sequence[T],
        default_size: int,
        sync_token: str,
        token: Callable[[int, Sequence[T]], str] = lambda end, _page: str(end),
        start_of: Callable[[str], int] = int,
    ) -> tuple[Sequence[T], Json]:
        """Server side: the body cursor's page and fields, and ``sync_token`` on the last page."""
        page, fields = self.pages.serve(params, items, default_size, token, start_of)
        if not fields[self.pages.more_field]:
            fields[self.token_field] = sync_token
        return page, fields


def at_base_url(paging: Paginator, base_url: str) -> Paginator:
    """``paging`` for a connection at ``base_url``. The schemes that resolve next-page URLs
    (:class:`LinkHeaderPaging`, :class:`NextUrlPaging`) are declared on an adapter class with
    a blank base URL, the connection's being known only per adapter."""
    if isinstance(paging, LinkHeaderPaging | NextUrlPaging):
        return dataclasses.replace(paging, base_url=base_url)
    return paging


PARTIAL_PREFIX: Final = "hg1:"
"""Marks a cursor inside an upstream page: ``hg1:<records taken>:<token of that page>``."""


def partial_cursor(token: str | None, taken: int) -> str:
    """A cursor for the rest of the upstream page at ``token`` after ``taken`` records (for
    adapters whose records per upstream page differ from the page size asked)."""
    return f"{PARTIAL_PREFIX}{taken}:{token or ''}"


def split_partial_cursor(cursor: str | None) -> tuple[str | None, int]:
    """(upstream token or None for the first page, records of that page already returned)."""
    if not cursor or not cursor.startswith(PARTIAL_PREFIX):
        return cursor or None, 0
    taken, _, token = cursor[len(PARTIAL_PREFIX) :].partition(":")
    return token or None, int(taken) if taken.isdigit() else 0
