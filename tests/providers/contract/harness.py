"""The contract suite's plumbing: every registered provider with a simulator, its real adapter
wired in process to that simulator, and what the suite reads from the provider's declarations
(its ``Simulation``, credentials model, capabilities and call model) instead of its name."""

from __future__ import annotations

import typing
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Final

import httpx
from pydantic import SecretStr

from providers.base import Connection, ProviderAdapter
from providers.errors import ProviderError
from providers.kit.simulator import SimulatorFaults
from providers.query import ListQuery, Page
from providers.records import Record, Resource
from providers.registry import PROVIDERS
from providers.sandbox import Dataset, generate
from providers.simulation import Simulation

DATA: Final[Dataset] = generate(11, 12)
"""A small sandbox every simulator renders (12 candidates, 18 applications, 6 jobs)."""

PAGE: Final = 5
"""A page size below every listing's record count, so listings take several pages."""

SIMULATED: Final[tuple[type[ProviderAdapter], ...]] = tuple(
    cls for cls in PROVIDERS.values() if cls.simulation() is not None
)
"""The providers the suite runs: registering a provider with a simulator enrols it."""

LISTED: Final = (Resource.CANDIDATE, Resource.APPLICATION, Resource.JOB)
"""The resources whose full listings the paging contract reads, where a provider lists them."""


def simulation(cls: type[ProviderAdapter]) -> Simulation:
    declared = cls.simulation()
    assert declared is not None, f"{cls.name} has no simulator"
    return declared


def secret_fields(cls: type[ProviderAdapter]) -> tuple[str, ...]:
    """The credentials its model keeps secret (typed ``SecretStr``), that the simulator checks."""
    hints = typing.get_type_hints(cls.credentials_model)
    return tuple(
        name
        for name in simulation(cls).credentials
        if SecretStr in (hints[name], *typing.get_args(hints[name]))
    )


def probe_resource(cls: type[ProviderAdapter]) -> Resource:
    """The resource the error contract lists: the first of :data:`LISTED` the provider lists."""
    return next(r for r in LISTED if cls.can_list(r))


def sent_forms(adapter: ProviderAdapter, secrets: Iterable[str]) -> set[str]:
    """``secrets`` as given and as the adapter sends them: what its declared key or token auth
    adds to a request's headers or query string (a Basic header carries the secret
    base64-encoded, so a leaked header would not show it verbatim)."""
    forms = set(secrets)
    auth = adapter.static_auth()
    if auth is not None:
        plain = httpx.Request("GET", "https://contract.test/")
        sent = next(auth.auth_flow(httpx.Request("GET", "https://contract.test/")))
        for name, value in sent.headers.items():
            if plain.headers.get(name) != value:
                forms |= {value, value.rpartition(" ")[2]}
        # a key sent in the query string (JazzHR's ``apikey``), decoded and as the URL carries it
        for name, value in sent.url.params.multi_items():
            if plain.url.params.get(name) != value:
                forms |= {value, str(httpx.QueryParams({name: value}))}
    return forms


@asynccontextmanager
async def recording(sim: Simulated) -> AsyncIterator[list[httpx.Request]]:
    """The requests the adapter sends meanwhile, as sent (auth applied)."""
    sent: list[httpx.Request] = []

    async def record(request: httpx.Request) -> None:
        sent.append(request)

    sim.client.event_hooks["request"].append(record)
    try:
        yield sent
    finally:
        sim.client.event_hooks["request"].remove(record)


async def listing_reads(sim: Simulated) -> list[httpx.Request]:
    """The adapter's reads of two pages of each listed resource: every path, page parameter
    and cursor a listing sends, the first page's and the next's (a token request left out)."""
    adapter = sim.adapter()
    async with recording(sim) as sent:
        for resource in (r for r in LISTED if sim.cls.can_list(r)):
            first = await adapter.list(resource, ListQuery(page_size=PAGE))
            if first.next_cursor is not None:
                await adapter.list(resource, ListQuery(page_size=PAGE, cursor=first.next_cursor))
    reads = {(r.method, str(r.url), r.content): r for r in sent if not r.url.path.endswith("/token")}
    return list(reads.values())


async def whole_listing(adapter: ProviderAdapter, resource: Resource, page_size: int) -> list[Page[Record]]:
    """Every page of ``resource``'s listing without a filter, followed to its end."""
    pages: list[Page[Record]] = []
    cursor: str | None = None
    while True:
        pages.append(await adapter.list(resource, ListQuery(page_size=page_size, cursor=cursor)))
        if (cursor := pages[-1].next_cursor) is None:
            return pages


def error_chain(error: BaseException) -> Iterator[BaseException]:
    """``error`` and what it was raised from or during, each once."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def shown(error: ProviderError) -> str:
    """Everything an error could show: messages and representations of its whole chain."""
    return " ".join(f"{e} {e!r}" for e in error_chain(error))


@dataclass
class Simulated:
    """One provider's simulator, its fault switches, and adapters wired to it."""

    cls: type[ProviderAdapter]
    faults: SimulatorFaults
    credentials: Mapping[str, str]
    """What the simulator accepts: the demo credentials, each secret replaced by a unique one."""
    client: httpx.AsyncClient
    app: Any
    """The simulator's ASGI app (a Starlette app: its routes are what it serves)."""
    adapters: list[ProviderAdapter] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.cls.name

    @property
    def secrets(self) -> tuple[str, ...]:
        return tuple(self.credentials[f] for f in secret_fields(self.cls))

    def adapter(self, credentials: Mapping[str, str] | None = None) -> ProviderAdapter:
        """A fresh adapter (nothing cached from an earlier one) on the simulator's client."""
        declared = simulation(self.cls)
        connection = Connection(
            name=f"contract-{self.name}",
            provider=self.name,
            base_url=declared.base_url,
            credentials=dict(self.credentials if credentials is None else credentials),
            options=dict(declared.options),
        )
        made = self.cls(connection, self.client)
        self.adapters.append(made)
        return made

    def wrong_credentials(self, secret: str) -> dict[str, str]:
        return {**self.credentials, secret: f"wrong-{self.name}-{secret}-DO-NOT-LEAK"}

    async def probe(self, adapter: ProviderAdapter | None = None) -> Page[Record]:
        """One listing page: the call every error contract makes."""
        return await (adapter or self.adapter()).list(probe_resource(self.cls), ListQuery(page_size=PAGE))

    async def requests_of(self, call: Any) -> int:
        """How many requests reached the simulator while ``call`` (an awaitable) ran."""
        before = self.faults.requests
        await call
        return self.faults.requests - before


@asynccontextmanager
async def simulated(
    cls: type[ProviderAdapter],
    *,
    timeout_s: float = 5.0,
    wrap: Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport] | None = None,
) -> AsyncIterator[Simulated]:
    """``cls``'s simulator over :data:`DATA`, fault-free until a test switches a fault on;
    ``wrap`` puts a transport of the test's between the adapters and the simulator."""
    declared = simulation(cls)
    credentials = {
        **declared.credentials,
        **{f: f"contract-{cls.name}-{f}-DO-NOT-LEAK" for f in secret_fields(cls)},
    }
    faults = SimulatorFaults()
    app = declared.create(DATA, credentials=credentials, faults=faults)
    transport = declared.transport(app)
    if wrap is not None:
        transport = wrap(transport)
    async with httpx.AsyncClient(transport=transport, timeout=timeout_s) as client:
        sim = Simulated(cls, faults, credentials, client, app)
        try:
            yield sim
        finally:
            for adapter in sim.adapters:
                await adapter.aclose()
