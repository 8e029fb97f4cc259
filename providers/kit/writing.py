"""What a provider's write methods share (``docs/writing-a-provider.md#writes``): send the
write once (``UpstreamHttp`` never retries a non-idempotent method), refuse input with the field
it came from, and read the answer into the unified record, an answer that cannot be read after a
2xx being an unknown outcome (the write may have landed), never a failed write; as functions
over the adapter, or as the :class:`WriteHelpers` mixin of the adapter's write class."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from ..errors import ProviderError, UnsupportedOperation, WriteOutcomeUnknown, WriteRefused
from ..http import CallContext, Multipart, decode_json, parse
from ..paths import segment
from ..records import Record, Resource
from .resources import get_records, path_to, read_payload

if TYPE_CHECKING:
    from .adapter import HttpAdapter

    _Base = HttpAdapter
else:
    _Base = object


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


def write_path(a: HttpAdapter, resource: Resource, template: str, value: str, field: str) -> str:
    """``template`` with ``{id}`` replaced by ``value`` as one path segment (as ``path_to``); a
    value that cannot be one (``..``, a slash) is the input at ``field`` refused."""
    try:
        return template.replace("{id}", segment(value, a.ctx(resource, "get")))
    except ProviderError as exc:
        raise write_refused(a, field, exc.message) from None


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


class WriteHelpers(_Base):
    """Mixed into a provider's write class (before ``HttpAdapter`` in the adapter's bases)."""

    write_content_type: ClassVar[str | None] = None
    """The ``Content-Type`` of a write's JSON body, where the provider wants its own."""

    def refused(self, field: str, message: str) -> WriteRefused:
        """Input the account refuses, naming the input field (``input.stageId``)."""
        return WriteRefused(message, provider=self.name, connection=self.connection.name, field=field)

    def outcome_unknown(self, what: str, why: str) -> WriteOutcomeUnknown:
        """The write was accepted (a 2xx) but its result cannot be read: the client must check."""
        return WriteOutcomeUnknown(
            f"{self.title or self.name} accepted the {what}, but its result could not be read ({why})",
            provider=self.name,
            connection=self.connection.name,
        )

    def unsupported(self, resource: Resource, operation: str, message: str) -> UnsupportedOperation:
        """A write of a kind the provider does not take, refused before any call."""
        return UnsupportedOperation(
            message,
            provider=self.name,
            connection=self.connection.name,
            resource=resource.value,
            operation=operation,
        )

    def id_path(
        self,
        resource: Resource,
        template: str,
        value: str,
        field: str,
        *,
        ids: Mapping[str, str] | None = None,
    ) -> str:
        """``template`` with ``{id}`` as ``value`` and each other ``{name}`` of ``ids`` as its
        id (each one escaped segment); an id that cannot be one is refused as the input
        ``field``, before any call."""
        try:
            path = path_to(self, self.endpoints(resource), template, value)
            ctx = self.ctx(resource, "get")
            for name, other in (ids or {}).items():
                path = path.replace(f"{{{name}}}", segment(other, ctx))
        except ProviderError as exc:
            raise self.refused(field, exc.message) from None
        return path

    async def send(
        self,
        method: str,
        path: str,
        body: Any,
        resource: Resource,
        op: str,
        *,
        params: Mapping[str, Any] | None = None,
        empty: bool = False,
        multipart: Multipart | None = None,
        what: str | None = None,
    ) -> Any:
        """One write, one attempt: the decoded answer (``empty``: None for an empty answer, as a
        204's; otherwise an answer that is not JSON is the provider's error, or with ``what``
        an unknown outcome of that write). ``multipart``: a form sent instead of ``body`` (an
        upload), with its own content type."""
        ctx = self.ctx(resource, op)
        own_type = self.write_content_type if multipart is None else None
        headers = {"Content-Type": own_type} if own_type else None
        response = await self.upstream.request(
            method, path, params=params, json=body, ctx=ctx, headers=headers, multipart=multipart
        )
        if empty and not response.content.strip():
            return None
        try:
            return decode_json(response, ctx)
        except ProviderError as exc:
            if what is None:
                raise
            raise self.outcome_unknown(what, exc.message) from exc

    def written(
        self, resource: Resource, answer: Any, what: str, *, at: Mapping[str, Any] | None = None
    ) -> tuple[Record, Any]:
        """The record a write answered (read as ``resource``'s reads read it) and its payload; an
        answer that does not parse is an unknown outcome. ``at``: what the reads know of where
        the record was listed (``{"parent": id}`` for a record read under its parent)."""
        e = self.endpoints(resource)
        try:
            payload = parse(e.model, answer, self.ctx(resource, "write"))
            return read_payload(e, payload, at or {})[0], payload
        except ProviderError as exc:
            raise self.outcome_unknown(what, exc.message) from exc

    async def reread(self, resource: Resource, ident: str, what: str, missing: str | None = None) -> Record:
        """The record as it now is, after a write whose answer does not describe it (a failed
        read is an unknown outcome: the write was accepted; ``missing``: the provider's words
        for a record no longer found)."""
        try:
            (found,) = await get_records(self, self.endpoints(resource), [ident])
        except ProviderError as exc:
            raise self.outcome_unknown(what, exc.message) from exc
        if found is None:
            gone = missing or f"{resource.value.replace('_', ' ')} {ident} is not found"
            raise self.outcome_unknown(what, gone)
        return found


def write_refusal(ctx: CallContext, message: str, field: str) -> WriteRefused:
    """``WriteRefused(message)`` about the input ``field`` (``"input.candidateId"``), naming
    the provider, connection, resource and operation of ``ctx``; raise it."""
    return WriteRefused(
        message,
        provider=ctx.provider,
        connection=ctx.connection,
        resource=ctx.resource,
        operation=ctx.operation,
        field=field,
    )
