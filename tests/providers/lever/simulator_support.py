"""Helpers for the simulator tests: a small sandbox dataset and an adapter wired to the app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from starlette.applications import Starlette

from providers import sandbox
from providers.lever import LeverAdapter
from providers.lever.simulator import SimulatorFaults, create_simulator

from .conftest import API_KEY, make_adapter

BASE = "http://lever.test/v1"
SEED = 11
SIZE = 6


def small_dataset() -> Any:
    return sandbox.generate(SEED, SIZE)


def simulator(dataset: Any, faults: SimulatorFaults | None = None) -> Starlette:
    return create_simulator(dataset, credentials={"api_key": API_KEY}, faults=faults)


@asynccontextmanager
async def wired(
    app: Starlette, *, credentials: dict[str, str] | None = None, client_timeout: float = 5.0
) -> AsyncIterator[LeverAdapter]:
    """A Lever adapter whose HTTP client talks to ``app`` in process."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, timeout=client_timeout) as client:
        yield make_adapter(
            client, base_url=BASE, credentials=credentials, options={"include_confidential": True}
        )
