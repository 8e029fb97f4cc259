"""The typed per-request context: which connection serves, its loaders, what it cost."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from loaders import Loaders
from providers.base import ProviderAdapter
from providers.metering import UpstreamMeter
from providers.records import Resource

from .settings import Settings

if TYPE_CHECKING:
    from tenancy.access import Principal
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
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.adapter)

    @property
    def connection_name(self) -> str:
        return self.adapter.connection.name

    def unsupported_fields(self, resource: Resource) -> frozenset[str]:
        return _unsupported(type(self.adapter), resource)


_UNSUPPORTED: dict[tuple[type[ProviderAdapter], Resource], frozenset[str]] = {}


def _unsupported(adapter: type[ProviderAdapter], resource: Resource) -> frozenset[str]:
    key = (adapter, resource)
    found = _UNSUPPORTED.get(key)
    if found is None:
        found = _UNSUPPORTED[key] = resource.field_names() - adapter.supported_fields(resource)
    return found
