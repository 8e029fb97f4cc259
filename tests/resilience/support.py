"""Shared set-up of the resilience tests: a fake clock, a transport that counts what reaches
a simulator, and Greenhouse adapters bound to a policy over the Greenhouse simulator."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

import httpx
from starlette.applications import Starlette

from providers.base import Connection
from providers.greenhouse import GreenhouseAdapter
from providers.greenhouse.simulator import SimulatorFaults, create_simulator, simulator_transport
from providers.records import Resource
from providers.resilience import InProcessState, UpstreamPolicy
from providers.resilience.binding import bind_upstream
from providers.resilience.clock import SYSTEM_CLOCK, Clock
from providers.sandbox import Dataset
from providers.sandbox.dataset import dataset

GH_BASE = "https://harvest.greenhouse.io"
GH_KEY = "resilience-test-key-81f"
DATA = dataset(7, 40)

FAST = UpstreamPolicy(
    call_timeout_s=1.0,
    backoff_initial_s=0.001,
    backoff_max_s=0.005,
    backoff_jitter_s=0.0,
    breaker_failures=50,
)
"""Retries without real waiting, and a breaker that stays out of the way."""


class FakeClock:
    """Time that moves only when something sleeps on it (or a test advances it)."""

    def __init__(self, start: float = 1_000.0) -> None:
        self.now = start
        self.epoch_offset = 1_700_000_000.0

    def monotonic(self) -> float:
        return self.now

    def time(self) -> float:
        return self.epoch_offset + self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    async def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0)
        await asyncio.sleep(0)


class FakeTimeModule:
    """Stands in for the ``time`` module inside a simulator, so its windows follow a FakeClock."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock

    def monotonic(self) -> float:
        return self.clock.monotonic()

    def time(self) -> float:
        return self.clock.time()


class CountingTransport(httpx.AsyncBaseTransport):
    """Counts the requests that reach ``inner`` and the statuses it answers; ``before`` runs
    before each request is passed on (tests flip simulator faults from it)."""

    def __init__(
        self, inner: httpx.AsyncBaseTransport, before: Callable[[int, httpx.Request], None] | None = None
    ) -> None:
        self.inner = inner
        self.before = before
        self.requests = 0
        self.statuses: Counter[int] = Counter()
        self.paths: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        self.paths.append(request.url.path)
        if self.before is not None:
            self.before(self.requests, request)
        response = await self.inner.handle_async_request(request)
        self.statuses[response.status_code] += 1
        return response


def greenhouse_simulator(faults: SimulatorFaults, key: str = GH_KEY, data: Dataset = DATA) -> Starlette:
    return create_simulator(data, credentials={"api_key": key}, faults=faults)


def greenhouse(
    faults: SimulatorFaults | None = None,
    *,
    policy: UpstreamPolicy = FAST,
    clock: Clock = SYSTEM_CLOCK,
    rate_limited: bool = True,
    bound: bool = True,
) -> tuple[GreenhouseAdapter, CountingTransport, SimulatorFaults]:
    """A Greenhouse adapter over its simulator, bound as a connection pool would bind it."""
    faults = faults if faults is not None else SimulatorFaults()
    counting = CountingTransport(simulator_transport(greenhouse_simulator(faults)))
    http = httpx.AsyncClient(transport=counting, base_url=GH_BASE, timeout=30.0)
    adapter = GreenhouseAdapter(
        Connection(name="gh", provider="greenhouse", base_url=GH_BASE, credentials={"api_key": GH_KEY}),
        http=http,
    )
    if bound:
        bind_upstream(adapter, policy, InProcessState(), clock=clock, rate_limited=rate_limited)
    return adapter, counting, faults


def first_id(resource: Resource, where: Callable[[Any], bool] | None = None) -> str:
    from providers.greenhouse.simulator import encode_id

    return str(encode_id(next(r.id for r in DATA.records(resource) if where is None or where(r))))


def gh_config(connections: Mapping[str, str], upstream: Mapping[str, Any]) -> dict[str, Any]:
    """A config of Greenhouse connections (name -> api key), each at ``https://<name>.test``."""
    return {
        "connections": {
            name: {
                "provider": "greenhouse",
                "base_url": f"https://{name}.test",
                "credentials": {"api_key": key},
            }
            for name, key in connections.items()
        },
        "upstream": dict(upstream),
    }


def app_over_simulators(
    config: Mapping[str, Any], transports: Mapping[str, httpx.AsyncBaseTransport]
) -> httpx.AsyncClient:
    """A hiregraph app from ``config`` whose pooled client reaches ``https://<name>.test`` through
    ``transports[name]``: real connections, real pool, simulators in-process."""
    from graph.app import create_app
    from graph.settings import parse_settings

    pooled = httpx.AsyncClient(mounts={f"https://{name}.test": t for name, t in transports.items()})
    app = create_app(parse_settings(config, "test config"), http=pooled)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hiregraph.test")
