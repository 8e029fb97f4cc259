"""Running a provider against its in-process simulator: the demo connections and the
benchmark use this. A simulator renders the sandbox dataset in the provider's real wire
format, so the adapter under it runs exactly as against the real API, over httpx's ASGI
transport (no socket, no network)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, Field

from .base import Connection, ProviderAdapter
from .errors import ConnectionConfigError
from .kit.simulator import SimulatorFaults
from .records import CandidateRecord, Resource
from .sandbox.dataset import Dataset, dataset


class TimedASGITransport(httpx.ASGITransport):
    """``httpx.ASGITransport`` that honours the request's read timeout like a network transport
    (the plain one waits for the app however long it takes), so a simulator's slow-answer fault
    reaches the adapter as the ``httpx.ReadTimeout`` a real provider's would."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeout = (request.extensions.get("timeout") or {}).get("read")
        if timeout is None:
            return await super().handle_async_request(request)
        try:
            return await asyncio.wait_for(super().handle_async_request(request), timeout)
        except TimeoutError:
            raise httpx.ReadTimeout("the simulator did not answer in time", request=request) from None


def timed_transport(app: Any) -> httpx.AsyncBaseTransport:
    """A :class:`TimedASGITransport` to the ASGI ``app``."""
    return TimedASGITransport(app=app)


def _same_ids(candidate: CandidateRecord) -> list[str]:
    return [candidate.id]


def _latency_only(latency_s: float) -> SimulatorFaults:
    """The faults of a demo or benchmark connection: none, only the latency it asks for."""
    return SimulatorFaults(latency_s=latency_s)


@dataclass(frozen=True)
class Simulation:
    """What a provider's ``simulator`` module offers (see ``ProviderAdapter.simulation``)."""

    create: Callable[..., Any]
    """``create_simulator(dataset, *, credentials, faults)`` -> an ASGI app."""
    credentials: Mapping[str, str]
    """Credentials the simulator accepts for demo connections."""
    base_url: str
    faults: Callable[[float], Any] = _latency_only
    """Builds the simulator's fault switches for a given latency in seconds."""
    transport: Callable[[Any], httpx.AsyncBaseTransport] = httpx.ASGITransport
    options: Mapping[str, Any] = field(default_factory=dict)
    """Provider options a simulated connection takes unless it sets them itself: what the
    demo account's key is granted (e.g. Lever's confidential access), so that the demo answers
    what the sandbox it renders holds."""
    listed_from: Mapping[Resource, Resource] = field(default_factory=dict)
    """A resource whose listing yields another sandbox resource's records, one each (Workable
    lists a candidate per application): what the contract tests count a full listing against."""

    candidate_ids: Callable[[CandidateRecord], list[str]] = _same_ids
    """The ids a connection over the simulator gives one sandbox candidate (a provider with
    ids of its own encodes them; Workable has a candidate per application): what the demo
    tests look every candidate up by."""

    def listing_source(self, resource: Resource) -> Resource:
        """The sandbox resource a full listing of ``resource`` yields one record per."""
        return self.listed_from.get(resource, resource)


class SimulatedOptions(BaseModel):
    """Options of a connection with ``simulated = true``, taken before the provider's own."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    simulated: bool = False
    seed: int = 42
    size: int = Field(2000, ge=1, le=1_000_000)
    latency_ms: float = Field(0, ge=0)


SIMULATION_KEYS = frozenset(SimulatedOptions.model_fields)


def simulated_options(connection: Connection) -> SimulatedOptions:
    """The simulation options of ``connection``; ``ConnectionConfigError`` when malformed."""
    try:
        return SimulatedOptions.model_validate(dict(connection.options))
    except ValueError:
        raise ConnectionConfigError(
            f"connection '{connection.name}': simulated connections take seed (int), size (1-1000000) "
            "and latency_ms (>= 0)"
        ) from None


async def simulated_adapter_async(
    cls: type[ProviderAdapter], connection: Connection, timeout_s: float
) -> tuple[ProviderAdapter, httpx.AsyncClient]:
    """``simulated_adapter`` for a running server: the dataset is generated in a worker thread
    (seconds at large sizes), so the event loop keeps serving other requests meanwhile."""
    options = simulated_options(connection)
    if cls.simulation() is None:  # refused by simulated_adapter, before generating anything
        return simulated_adapter(cls, connection, timeout_s)
    data = await asyncio.to_thread(dataset, options.seed, options.size)
    return simulated_adapter(cls, connection, timeout_s, data=data)


def simulated_adapter(
    cls: type[ProviderAdapter], connection: Connection, timeout_s: float, *, data: Dataset | None = None
) -> tuple[ProviderAdapter, httpx.AsyncClient]:
    """The adapter for ``connection`` wired to its simulator, and the client to close later.
    ``data``: its dataset, when the caller already has it (else it is generated here)."""
    simulation = cls.simulation()
    if simulation is None:
        raise ConnectionConfigError(f"connection '{connection.name}': {cls.name} has no simulator")
    options = simulated_options(connection)
    credentials = dict(connection.credentials) or dict(simulation.credentials)
    app = simulation.create(
        data if data is not None else dataset(options.seed, options.size),
        credentials=credentials,
        faults=simulation.faults(options.latency_ms / 1000),
    )
    client = httpx.AsyncClient(transport=simulation.transport(app), timeout=timeout_s)
    wired = replace(
        connection,
        base_url=connection.base_url or simulation.base_url,
        credentials=credentials,
        options={
            **simulation.options,
            **{k: v for k, v in connection.options.items() if k not in SIMULATION_KEYS},
        },
    )
    return cls(wired, client), client


def is_simulated(options: Mapping[str, Any]) -> bool:
    return bool(options.get("simulated", False))
