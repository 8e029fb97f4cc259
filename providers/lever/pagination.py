"""Lever paging and time bounds.

Every list answers ``{"data": [...], "hasNext": bool, "next": "<token>"}``; the next page is
requested with ``offset=<token>`` (opaque, passed back verbatim) and ``limit`` (1-100).
https://hire.lever.co/developer/documentation#pagination

Lever's ``*_start`` / ``*_end`` time filters are inclusive epoch milliseconds; the unified
filters are exclusive bounds, hence the +1 / -1 below.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any, Final

from providers.http import CallContext, parse

from .payloads import ListEnvelope

MAX_LIMIT: Final = 100


def limit_for(page_size: int) -> int:
    return max(1, min(page_size, MAX_LIMIT))


def after_ms(bound: datetime) -> int:
    """Lever inclusive ``*_start`` for "strictly after ``bound``"."""
    return math.floor(bound.timestamp() * 1000) + 1


def before_ms(bound: datetime) -> int:
    """Lever inclusive ``*_end`` for "strictly before ``bound``"."""
    return math.ceil(bound.timestamp() * 1000) - 1


def envelope(data: Any, ctx: CallContext) -> ListEnvelope:
    """A list answer. The documentation shows ``/files`` as a bare array: accepted as one page."""
    if isinstance(data, list):
        data = {"data": data, "hasNext": False}
    env: ListEnvelope = parse(ListEnvelope, data, ctx)
    return env


def next_cursor(env: ListEnvelope) -> str | None:
    return env.next if env.has_next and env.next else None


CURSOR_PREFIX: Final = "hg1:"
"""Marks a cursor inside a listing page: ``hg1:<records taken>:<token of the page>``."""


def join_cursor(token: str | None, taken: int) -> str:
    return f"{CURSOR_PREFIX}{taken}:{token or ''}"


def split_cursor(cursor: str | None) -> tuple[str | None, int]:
    """(Lever token or None for the first page, records of that page already returned)."""
    if not cursor or not cursor.startswith(CURSOR_PREFIX):
        return cursor or None, 0
    taken, _, token = cursor[len(CURSOR_PREFIX) :].partition(":")
    return token or None, int(taken) if taken.isdigit() else 0
