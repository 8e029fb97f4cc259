"""The typed per-request context: which connection serves, its loaders, what it cost."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from loaders import Loaders
from providers.base import ProviderAdapter
from providers.metering import UpstreamMeter, current_meter
from providers.records import Resource
from providers.resilience import operation_meter

from .settings import Settings

if TYPE_CHECKING:
    from tenancy.access import Principal
    from tenancy.events.service import EventAccess
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
    events: EventAccess | None = None
    """The connection's event log and live feed (None: the server keeps no events)."""
    connection_params: dict[str, object] | None = None
    """A WebSocket's ``connection_init`` payload (set by the subscription transport)."""
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

    def serve(self, adapter: ProviderAdapter, principal: Principal, events: EventAccess | None) -> None:
        """Bind a WebSocket's context, made before its ``connection_init`` said who calls."""
        self.adapter, self.principal, self.events = adapter, principal, events
        self.__post_init__()

    def next_event(self) -> None:
        """Ready a subscription's context for its next event, which is resolved like one
        request: new loaders (it reads the records as they are then, not a long-lived cache)
        and a new upstream meter (its own budget and deadline, as an operation has).

        Called from the subscription's generator, which runs in the task that then resolves
        the event, so the meter set here is the one its upstream calls are charged to."""
        self.loaders = Loaders(self.adapter)
        self.meter = operation_meter(self.settings.upstream)
        current_meter.set(self.meter)

    @property
    def connection_name(self) -> str:
        return self.adapter.connection.name


_UNSUPPORTED: dict[type[ProviderAdapter], Mapping[Resource, frozenset[str]]] = {}


def _unsupported(adapter: type[ProviderAdapter]) -> Mapping[Resource, frozenset[str]]:
    found = _UNSUPPORTED.get(adapter)
    if found is None:
        found = _UNSUPPORTED[adapter] = {r: r.field_names() - adapter.supported_fields(r) for r in Resource}
    return found
