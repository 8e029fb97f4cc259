"""The adapter side of a provider's writes (``providers/writes``), for an ``HttpAdapter``: one
request per write with one attempt, paths whose ids are refused as input rather than sent,
answers read with the same models as reads, and the two errors a write raises besides the
HTTP ones (``WriteRefused`` for input the provider cannot take, ``WriteOutcomeUnknown`` for a
write that landed but whose answer cannot be read).

A provider mixes :class:`WriteKit` into its adapter (before ``HttpAdapter``) and writes only its
bodies and the order of its calls.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import ProviderError, UnsupportedOperation, WriteOutcomeUnknown, WriteRefused
from ..http import CallContext, Multipart, decode_json, parse
from ..paths import segment
from ..records import Record, Resource
from .resources import get_records, read_payload

if TYPE_CHECKING:
    from .adapter import HttpAdapter

    _Base = HttpAdapter
else:
    _Base = object


def refusal(ctx: CallContext, field: str, message: str) -> WriteRefused:
    """A ``WriteRefused`` naming the input ``field`` (``input.stageId``), from a call's context
    (for body builders that know no adapter)."""
    return WriteRefused(message, provider=ctx.provider, connection=ctx.connection, field=field)


class WriteKit(_Base):
    """Write helpers of an ``HttpAdapter`` (mixed in before it)."""

    def write_refused(self, field: str, message: str) -> WriteRefused:
        """Input the provider cannot take, refused before any call; ``field`` names it."""
        return WriteRefused(message, provider=self.name, connection=self.connection.name, field=field)

    def write_unknown(self, what: str, why: str) -> WriteOutcomeUnknown:
        """Accepted (a 2xx), but its result cannot be read: the client must check."""
        return WriteOutcomeUnknown(
            f"{self.title or self.name} accepted the {what}, but its result could not be read ({why})",
            provider=self.name,
            connection=self.connection.name,
        )

    def write_unsupported(self, resource: Resource, operation: str, message: str) -> UnsupportedOperation:
        """A write of a kind the provider does not take (refused before any call)."""
        return UnsupportedOperation(
            message,
            provider=self.name,
            connection=self.connection.name,
            resource=resource.value,
            operation=operation,
        )

    def write_path(self, template: str, ids: Mapping[str, str], field: str, ctx: CallContext) -> str:
        """``template`` with each ``{name}`` replaced by its id as one path segment; an id that
        cannot be one is refused as the input ``field``."""
        path = template
        try:
            for name, value in ids.items():
                path = path.replace(f"{{{name}}}", segment(value, ctx))
        except ProviderError as exc:
            raise self.write_refused(field, exc.message) from None
        return path

    async def send_write(
        self,
        method: str,
        path: str,
        ctx: CallContext,
        *,
        json: Any = None,
        multipart: Multipart | None = None,
        what: str | None = None,
    ) -> Any:
        """One write, one attempt: the decoded answer (None: an empty one, as a 204). ``what``:
        an answer that is not JSON is an unknown outcome of it (else the read error)."""
        response = await self.upstream.request(
            method, path, json=json, multipart=multipart, ctx=ctx, idempotent=False
        )
        if not response.content.strip():
            return None
        try:
            return decode_json(response, ctx)
        except ProviderError as exc:
            if what is None:
                raise
            raise self.write_unknown(what, exc.message) from exc

    def written(self, model: Any, answer: Any, what: str, ctx: CallContext) -> Any:
        """A write's answer validated against ``model``; one that is not is an unknown outcome
        (the write landed)."""
        try:
            return parse(model, answer, ctx)
        except ProviderError as exc:
            raise self.write_unknown(what, exc.message) from exc

    def read_written(self, resource: Resource, payload: Any, ctx: Mapping[str, Any] | None = None) -> Any:
        """The record a write's answer reads into, as the resource's reads read it."""
        return read_payload(self.endpoints(resource), payload, ctx or {})[0]

    async def read_back(self, resource: Resource, record_id: str, what: str) -> Record:
        """The record as it now is, after a write whose answer does not describe it."""
        try:
            (found,) = await get_records(self, self.endpoints(resource), [record_id])
        except ProviderError as exc:
            raise self.write_unknown(what, exc.message) from exc
        if found is None:
            raise self.write_unknown(what, f"{resource.value} {record_id} is not found")
        return found
