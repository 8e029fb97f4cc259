"""A write an adapter refuses before any call: the input is wrong for the provider (an id it
cannot name, a combination it does not take), said once instead of per provider."""

from __future__ import annotations

from typing import Protocol

from ..base import Connection
from ..errors import WriteRefused


class Named(Protocol):
    """What a refusal names: the adapter's provider and connection."""

    @property
    def name(self) -> str: ...

    @property
    def connection(self) -> Connection: ...


def refused(adapter: Named, field: str, message: str) -> WriteRefused:
    """A ``WriteRefused`` of ``adapter``'s connection about the input ``field`` (``input.stageId``)."""
    return WriteRefused(message, provider=adapter.name, connection=adapter.connection.name, field=field)
