"""Small pieces of a simulator's read side that do not depend on the provider's wire format:
sandbox ids as UUIDs, the records updated after a filter's time, a record-by-id handler.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..records import Record

Handler = Callable[[Request], Awaitable[Response]]
R = TypeVar("R", bound=Record)


def uuid_of(sandbox_id: str) -> str:
    """A sandbox id as a UUID, for a provider whose ids are UUIDs (its ASCII bytes,
    zero-padded: sandbox ids are under 16 characters)."""
    return str(uuid.UUID(bytes=sandbox_id.encode("ascii").ljust(16, b"\0")))


def sandbox_id_of(value: str) -> str | None:
    """The sandbox id a :func:`uuid_of` UUID encodes (None: not one)."""
    try:
        return uuid.UUID(value).bytes.rstrip(b"\0").decode("ascii")
    except (ValueError, UnicodeDecodeError):
        return None


def updated_since(records: Iterable[Record], after: datetime | None) -> list[Record]:
    """The records updated after ``after`` (all of them for None; one without an update time
    is left out when a time is asked)."""
    return [r for r in records if after is None or (getattr(r, "updated_at", None) or after) > after]


def by_id_handler(
    find: Callable[[str], R | None],
    out: Callable[[R], Any],
    missing: Callable[[], Response],
    param: str = "id",
) -> Handler:
    """A handler answering the record the path parameter ``param`` names (``find``), rendered
    by ``out``, or ``missing()``."""

    async def handler(request: Request) -> Response:
        found = find(request.path_params[param])
        return JSONResponse(out(found)) if found is not None else missing()

    return handler
