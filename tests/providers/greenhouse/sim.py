"""Shared set-up of the simulator tests: a small sandbox dataset and clients to the simulator."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from providers import sandbox
from providers.base import Connection
from providers.greenhouse import GreenhouseAdapter
from providers.greenhouse.simulator import SimulatorFaults, create_simulator, simulator_transport
from providers.sandbox import Dataset

BASE = "https://harvest.greenhouse.io"
KEY = "sim-harvest-key-5e1"
V3 = {"client_id": "sim-client", "client_secret": "sim-secret-7d", "user_id": "4242"}
SEED, SIZE = 11, 60


def small_dataset() -> Dataset:
    return sandbox.generate(SEED, SIZE)


def app(data: Dataset, faults: SimulatorFaults | None = None) -> Any:
    return create_simulator(data, credentials={"api_key": KEY, **V3}, faults=faults)


def client(application: Any, *, timeout: float = 5.0) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=simulator_transport(application), base_url=BASE, timeout=timeout)


def adapter(http: httpx.AsyncClient, credentials: Mapping[str, str] | None = None) -> GreenhouseAdapter:
    return GreenhouseAdapter(
        Connection(
            name="sim-greenhouse",
            provider="greenhouse",
            base_url=BASE,
            credentials=credentials or {"api_key": KEY},
            options={"token_url": f"{BASE}/token"},
        ),
        http=http,
    )
