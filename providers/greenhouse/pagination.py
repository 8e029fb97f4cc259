"""Greenhouse paging: ``per_page`` on the first request, then follow the ``Link`` header.

v1/v2 (https://developers.greenhouse.io/harvest.html#pagination): ``per_page`` (1-500) and
``page``; the response's ``Link`` header carries ``rel="next"`` until the last page, and the docs
say to follow it rather than build page numbers. v3 (https://harvestdocs.greenhouse.io/docs/pagination):
filters and ``per_page`` on the first request only, then the ``rel="next"`` URL, whose ``cursor``
is its only parameter. Both are handled the same way: our cursor is the next URL's path and
query, replayed against the connection's base URL (so a proxy or regional ``base_url`` stays in
the path, and a cursor can never send the credentials to another host).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Final
from urllib.parse import urlsplit

import httpx

from ..errors import ProviderBadInput
from ..http import link_header_next
from ..query import Filter, FilterName

MAX_PER_PAGE: Final = 500


def per_page(page_size: int) -> int:
    return max(1, min(page_size, MAX_PER_PAGE))


def format_param(value: object) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return str(value)


def filter_params(
    flt: Filter, native: frozenset[FilterName], names: Mapping[FilterName, str] | None = None
) -> dict[str, str]:
    """The querystring for the filters of ``flt`` that Greenhouse applies (``names``: renames)."""
    out: dict[str, str] = {}
    for name in sorted(flt.active() & native):
        param = (names or {}).get(name, name.value)
        out[param] = format_param(getattr(flt, name.value))
    return out


def next_cursor(response: httpx.Response, base_url: str) -> str | None:
    """Our opaque cursor for the page after ``response``: the ``rel="next"`` path and query."""
    url = link_header_next(response)
    if url is None:
        return None
    if url.startswith(base_url + "/"):
        return url[len(base_url) :]
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def cursor_path(cursor: str, *, provider: str, connection: str) -> str:
    """Check a cursor we issued before replaying it (a path, never a URL to another host;
    ``UpstreamHttp.url`` also refuses one that would climb out of the base URL)."""
    if not cursor.startswith("/") or cursor.startswith("//") or "://" in cursor.split("?", 1)[0]:
        raise ProviderBadInput(
            "invalid page cursor for Greenhouse", provider=provider, connection=connection, operation="list"
        )
    return cursor
