"""The typed per-request context: which connection serves, its loaders, what it cost."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from loaders import Loaders
from providers.base import ProviderAdapter
from providers.metering import UpstreamMeter
from providers.records import Resource

from .settings import Settings

if TYPE_CHECKING:
    from tenancy.access import Principal
    from tenancy.idempotency import IdempotencyStore
    from tenancy.runtime import Tenancy


@dataclass
class Context:
    adapter: ProviderAdapter
    settings: Settings
    request_id: str = ""
    meter: UpstreamMeter = field(default_factory=UpstreamMeter)
    principal: Principal | None = None
    """Who is calling (None: no tenancy layer); the admin fields read it."""
    tenancy: Tenancy | None = None
    idempotency: IdempotencyStore | None = None
    """Where writes' idempotency records live (the database's, else this process's)."""
    idempotency_key: str | None = None
    """The request's ``Idempotency-Key`` header, for its one mutation."""
    loaders: Loaders = field(init=False)
    unsupported: Mapping[Resource, frozenset[str]] = field(init=False)
    """The fields of each resource the connection's provider does not have (read per object
    built, so it is one dict lookup)."""

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.adapter)
        self.unsupported = _unsupported(type(self.adapter))

    @property
    def connection_name(self) -> str:
        return self.adapter.connection.name


_UNSUPPORTED: dict[type[ProviderAdapter], Mapping[Resource, frozenset[str]]] = {}


def _unsupported(adapter: type[ProviderAdapter]) -> Mapping[Resource, frozenset[str]]:
    found = _UNSUPPORTED.get(adapter)
    if found is None:
        found = _UNSUPPORTED[adapter] = {r: r.field_names() - adapter.supported_fields(r) for r in Resource}
    return found
