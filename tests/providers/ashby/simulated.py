"""Shared plumbing of the simulator tests: a small sandbox dataset served by the Ashby
simulator, and an adapter connected to it through :class:`SimulatorTransport`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import httpx

from providers.ashby import AshbyAdapter
from providers.ashby.simulator import SimulatorFaults, SimulatorTransport, create_simulator
from providers.base import Connection

if TYPE_CHECKING:
    from providers.sandbox import Dataset

SIM_BASE = "https://ashby.simulator.test"
SIM_KEY = "simulated-ashby-key-0001"
SEED, SIZE = 11, 12


def small_dataset() -> Dataset:
    from providers.sandbox import generate

    return generate(SEED, SIZE)


@asynccontextmanager
async def connected(
    data: Dataset, faults: SimulatorFaults | None = None, *, key: str = SIM_KEY, client_timeout: float = 5.0
) -> AsyncIterator[tuple[AshbyAdapter, httpx.AsyncClient]]:
    app = create_simulator(data, credentials={"api_key": SIM_KEY}, faults=faults)
    transport = SimulatorTransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=SIM_BASE, timeout=client_timeout) as client:
        connection = Connection(
            name="simulated", provider="ashby", base_url=SIM_BASE, credentials={"api_key": key}
        )
        yield AshbyAdapter(connection, http=client), client
