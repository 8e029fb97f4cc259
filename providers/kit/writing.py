"""What a provider's write methods share: the errors they raise (a refused input, a write
accepted whose result cannot be read) and the one upstream request they send."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import WriteOutcomeUnknown, WriteRefused
from ..http import CallContext, decode_json

if TYPE_CHECKING:
    from .adapter import HttpAdapter


def write_refused(a: HttpAdapter, field: str, message: str) -> WriteRefused:
    """The input at ``field`` (``input.stageId``) is refused before any call."""
    return WriteRefused(message, provider=a.name, connection=a.connection.name, field=field)


def write_unknown(a: HttpAdapter, what: str, why: str, where: str | None = None) -> WriteOutcomeUnknown:
    """The provider accepted the write (a 2xx), but its result cannot be read (``why``): the
    client must check before trying again. ``what``: the write (``status change``); ``where``:
    its target (``application 7``)."""
    at = f" ({where})" if where else ""
    message = f"{a.title or a.name} accepted the {what}{at}, but its result could not be read ({why})"
    return WriteOutcomeUnknown(message, provider=a.name, connection=a.connection.name)


async def send_write(
    a: HttpAdapter,
    method: str,
    path: str,
    body: Any,
    ctx: CallContext,
    headers: Mapping[str, str] | None = None,
) -> Any:
    """One write of the JSON ``body``, one attempt (``UpstreamHttp.request`` never retries a
    non-idempotent method): the decoded answer, None for an empty one."""
    response = await a.upstream.request(method, path, json=body, ctx=ctx, headers=headers)
    return decode_json(response, ctx) if response.content.strip() else None
