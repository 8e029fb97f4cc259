"""Workable keyset paging: ``limit`` (max 100) plus ``since_id``/``max_id``; a collection carries
``"paging": {"next": "<full URL>"}`` while more results exist and no ``paging`` on its last page
(https://workable.readme.io/reference/job-candidates-index; recorded in ``GET_candidates*.json``).

Our opaque cursor is that ``next`` URL made relative to the API root (``/spi/v3``): the path
and query after it. It is always resolved against the connection's own base URL, so a base URL
override (a proxy, the simulator) keeps working although Workable writes its own host into
``next``, and a forged cursor can never send the token to another host.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final
from urllib.parse import urlsplit

MAX_LIMIT: Final = 100
API_ROOT: Final = "/spi/v3"


def limit(page_size: int) -> int:
    return max(1, min(page_size, MAX_LIMIT))


def timestamp(value: datetime) -> str:
    """ISO-8601 in UTC, as the ``created_after``/``updated_after`` parameters take it."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def cursor_from_next(next_url: str | None, base_url: str) -> str | None:
    """The cursor for ``paging.next`` (None on the last page, or when it cannot be placed)."""
    if not next_url:
        return None
    parts = urlsplit(next_url)
    path = parts.path
    base_path = urlsplit(base_url).path.rstrip("/")
    if API_ROOT in path:
        relative = path[path.index(API_ROOT) + len(API_ROOT) :]
    elif base_path and path.startswith(base_path + "/"):
        relative = path[len(base_path) :]
    else:
        return None
    if not relative.startswith("/"):
        return None
    return relative + (f"?{parts.query}" if parts.query else "")


def is_valid_cursor(cursor: str) -> bool:
    """Only a path under the API root that this module produced."""
    if not cursor.startswith("/") or cursor.startswith("//"):
        return False
    return ".." not in cursor and "://" not in cursor
