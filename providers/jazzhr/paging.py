"""JazzHR's paging: the page number is the path's last segments (``/applicants/page/2``), a page
holds 100 records and its size cannot be asked, and no answer says how many there are: a page
of fewer than 100 is the last. A page of one record may come back as the bare object (the
Singer tap wraps it; ``JazzHRAdapter.items_of`` does the same)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import httpx

from ..kit.paging import PageRequest

PAGE_PARAM: Final = "page"
"""The page number, as ``request`` hands it to ``JazzHRAdapter.call``, which moves it into the
path (it is never sent as a query parameter)."""
SIZE: Final = 100
_NUMBER = re.compile(r"/page/(\d+)/?$")


def page_number(path: str) -> int:
    """The page a path names (no ``/page/{n}``: the first)."""
    found = _NUMBER.search(path)
    return int(found.group(1)) if found else 1


def items(body: Any) -> Any:
    """A page's records: a bare object is a page of one."""
    return [body] if isinstance(body, Mapping) else body


@dataclass(frozen=True)
class PathPages:
    """Our cursor is the next page's number."""

    max_size: int = SIZE

    def request(self, cursor: str | None, page_size: int) -> PageRequest:
        return PageRequest(None, {PAGE_PARAM: int(cursor) if cursor and cursor.isdigit() else 1})

    def next_cursor(self, body: Any, response: httpx.Response | None = None) -> str | None:
        found = items(body)
        if response is None or not isinstance(found, list) or len(found) < self.max_size:
            return None
        return str(page_number(response.request.url.path) + 1)

    def path(self, path: str, number: int) -> str:
        """``path`` at page ``number``."""
        return f"{path.rstrip('/')}/page/{number}"
