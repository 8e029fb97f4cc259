"""What an HTTP provider's writes are made of (``docs/writing-a-provider.md``, "Writes"), for a
writes mixin of an ``HttpAdapter``: a refusal naming the input field, one write request sent
once, a path with an id escaped (an id that cannot be a path segment is a refusal of its field),
and the unknown outcome of a write accepted whose result cannot be read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from ..errors import ProviderError, WriteOutcomeUnknown, WriteRefused
from ..http import decode_json
from .resources import path_to

if TYPE_CHECKING:
    from ..base import Connection
    from ..http import CallContext, UpstreamHttp
    from ..records import Resource
    from .resources import Endpoints


class WriteCalls:
    """Mixed into an ``HttpAdapter`` (which provides what is declared here for type checks)."""

    if TYPE_CHECKING:
        name: ClassVar[str]
        title: ClassVar[str]
        connection: Connection
        upstream: UpstreamHttp

        @classmethod
        def endpoints(cls, resource: Resource) -> Endpoints: ...

        def ctx(self, resource: Resource | str, operation: str) -> CallContext: ...

    def refuse(self, field: str, message: str) -> WriteRefused:
        """The account refuses the input at ``field`` (``input.stageId``): BAD_USER_INPUT."""
        return WriteRefused(message, provider=self.name, connection=self.connection.name, field=field)

    def unknown_outcome(self, what: str, why: str) -> WriteOutcomeUnknown:
        """The write was accepted (a 2xx) but its result cannot be read: the client must check."""
        return WriteOutcomeUnknown(
            f"{self.title or self.name} accepted the {what}, but its result could not be read ({why})",
            provider=self.name,
            connection=self.connection.name,
        )

    async def send_write(self, method: str, path: str, body: Any, resource: Resource, operation: str) -> Any:
        """One write request, one attempt (``UpstreamHttp.request`` never retries a write): its
        decoded answer (None: an empty body, as a 204 or an action's bare 200)."""
        ctx = self.ctx(resource, operation)
        response = await self.upstream.request(method, path, json=body, ctx=ctx)
        return decode_json(response, ctx) if response.content.strip() else None

    def write_path(self, resource: Resource, template: str, value: str, field: str) -> str:
        """``template`` with ``{id}`` replaced by ``value`` escaped as one path segment; a value
        that cannot be one is a refusal of ``field``, before any call."""
        try:
            return path_to(cast("Any", self), self.endpoints(resource), template, value)
        except ProviderError as exc:
            raise self.refuse(field, exc.message) from None
