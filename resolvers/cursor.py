"""Edge cursors: where to resume in the provider's own paging.

A cursor is (the provider's cursor of a page, the page size it was read with, an offset
into that page, a digest of the query). Re-reading that page with the same size and
skipping ``offset`` records resumes exactly; the digest refuses a cursor from another
query or connection instead of silently returning the wrong records.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass

from gateway.errors import BadUserInput


@dataclass(frozen=True, slots=True)
class Position:
    page_cursor: str | None
    page_size: int
    offset: int


def query_digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:12]


def encode(position: Position, digest: str) -> str:
    raw = json.dumps(
        [position.page_cursor, position.page_size, position.offset, digest], separators=(",", ":")
    )
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor: str, digest: str) -> Position:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        page_cursor, page_size, offset, found = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError, binascii.Error):
        raise BadUserInput("`after` is not a cursor this API issued") from None
    if found != digest:
        raise BadUserInput("`after` belongs to another query: keep filter, order and connection unchanged")
    valid = (
        (page_cursor is None or isinstance(page_cursor, str))
        and isinstance(page_size, int)
        and isinstance(offset, int)
        and page_size > 0
        and offset >= 0
    )
    if not valid:
        raise BadUserInput("`after` is not a cursor this API issued")
    return Position(page_cursor, page_size, offset)
