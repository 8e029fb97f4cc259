"""What a provider's write methods share: the errors they raise (a refused input, a write
accepted whose result cannot be read) and the one upstream request they send."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import WriteOutcomeUnknown, WriteRefused
from ..http import CallContext, decode_json
from ..records import Record

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


def _same(a: Record, b: Record) -> bool:
    return type(a) is type(b) and a.id == b.id


def keep_record(a: HttpAdapter, key: str, record: Record) -> None:
    """The kept table ``key`` (``a.tables``), if kept, takes ``record`` as a write returned it:
    in place of the record with its id, else added at the end (a table not kept is read
    afresh anyway)."""
    kept: list[Record] | None = a.tables.peek(key)
    if kept is None:
        return
    if any(_same(r, record) for r in kept):
        a.tables.put(key, [record if _same(r, record) else r for r in kept])
    else:
        a.tables.put(key, [*kept, record])


def keep_embedded(a: HttpAdapter, key: str, record: Record) -> None:
    """The kept table ``key``, if kept, takes ``record`` in place of the record with its id
    that its records carry ``embedded`` (an application in its candidate), so that reads
    within the table's TTL are not stale."""
    kept: list[Record] | None = a.tables.peek(key)
    if kept is None:
        return

    def fresh(r: Record) -> Record:
        if not any(_same(e, record) for e in r.embedded):
            return r
        return r.model_copy(update={"embedded": tuple(record if _same(e, record) else e for e in r.embedded)})

    a.tables.put(key, [fresh(r) for r in kept])
