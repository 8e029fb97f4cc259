"""Filter inputs the resources share, and the bounds every filter, id and cursor must keep.

The bounds are checked at the GraphQL boundary, before any loader or upstream call, and are
the same on every connection: an id that could not be one URL path segment
(``providers.paths.id_problem``: empty, ``.``/``..``, a slash, a control character, over
``MAX_ID_CHARS``) or a filter string over its length is BAD_USER_INPUT, instead of a null on
one provider, an upstream call on another and an httpx ``InvalidURL`` (an internal error) on
a third. An id that is well formed but unknown stays a null.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Final

import strawberry

from gateway.errors import BadUserInput
from providers.coverage import camel
from providers.paths import character_problem, id_problem
from providers.query import Filter

MAX_EMAIL_CHARS: Final = 254
"""The longest usable e-mail address (RFC 5321's 256-octet path less its angle brackets)."""

MAX_TEXT_CHARS: Final = 1000
"""``name``, ``title``, ``company`` and each tag: a substring or a name to match, never a
document; a longer one matches no record and would only lengthen the upstream URL."""

MAX_TAGS: Final = 50
"""Tags one ``tags`` filter may list."""

MAX_CURSOR_CHARS: Final = 8192
"""An ``after`` cursor: ours are a provider's page token or next-page path (a few hundred
characters, under 2,000 with every filter at its longest). A cursor is not signed, so its
page token is client input; bounded, it cannot make an upstream URL that httpx refuses."""

_ID_FILTERS: Final = ("job_id", "candidate_id", "application_id", "stage_id")
_TIME_FILTERS: Final = ("created_after", "created_before", "updated_after", "updated_before")
_TEXT_FILTERS: Final = {
    "email": MAX_EMAIL_CHARS,
    "name": MAX_TEXT_CHARS,
    "title": MAX_TEXT_CHARS,
    "company": MAX_TEXT_CHARS,
}


@strawberry.input(description="Bounds on when records were created or last changed (exclusive, UTC).")
class TimeRangeFilter:
    created_after: datetime | None = strawberry.field(
        default=None, description="Only records created strictly after this time."
    )
    created_before: datetime | None = strawberry.field(
        default=None, description="Only records created strictly before this time."
    )
    updated_after: datetime | None = strawberry.field(
        default=None, description="Only records changed strictly after this time."
    )
    updated_before: datetime | None = strawberry.field(
        default=None, description="Only records changed strictly before this time."
    )


def checked_id(value: str, argument: str = "id") -> str:
    """``value`` when it can be an id at any provider, else BAD_USER_INPUT naming ``argument``
    (the message never echoes the value: it may be huge or hold control characters)."""
    problem = id_problem(value)
    if problem is not None:
        raise BadUserInput(f"`{argument}` is not a valid id: it {problem}", argument=argument)
    return value


def checked_cursor(after: str) -> str:
    """``after`` when it is short enough to be a cursor this API issued, else BAD_USER_INPUT."""
    if len(after) > MAX_CURSOR_CHARS:
        raise BadUserInput("`after` is not a cursor this API issued", argument="after")
    return after


def _check_text(value: str, argument: str, limit: int) -> None:
    problem = f"is longer than {limit} characters" if len(value) > limit else character_problem(value)
    if problem is not None:
        raise BadUserInput(f"`{argument}` {problem}", argument=argument)


def checked_filter(flt: Filter) -> Filter:
    """``flt`` when every id and string in it is within bounds, else BAD_USER_INPUT; a time
    given without an offset is a UTC time, as ``TimeRangeFilter`` says (compared with the
    records' times, a time without one could not be compared at all)."""
    naive = {
        name: value.replace(tzinfo=UTC)
        for name in _TIME_FILTERS
        if (value := getattr(flt, name)) is not None and value.tzinfo is None
    }
    if naive:
        flt = dataclasses.replace(flt, **naive)
    for name in _ID_FILTERS:
        value = getattr(flt, name)
        if value is not None:
            checked_id(value, f"filter.{camel(name)}")
    for name, limit in _TEXT_FILTERS.items():
        value = getattr(flt, name)
        if value is not None:
            _check_text(value, f"filter.{name}", limit)
    if flt.tags is not None:
        if len(flt.tags) > MAX_TAGS:
            raise BadUserInput(f"`filter.tags` lists more than {MAX_TAGS} tags", argument="filter.tags")
        for tag in flt.tags:
            _check_text(tag, "filter.tags", MAX_TEXT_CHARS)
    return flt
