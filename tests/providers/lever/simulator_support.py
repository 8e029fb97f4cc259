"""Helpers for the simulator tests: a small sandbox dataset and an adapter wired to the app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from providers.lever import LeverAdapter
from providers.lever.simulator import SimulatorFaults, create_simulator

from .conftest import API_KEY, make_adapter

BASE = "http://lever.test/v1"
SEED = 11
SIZE = 6


def sandbox() -> Any:
    """The sandbox generator, or skip (it is written in parallel and may not import yet)."""
    module = pytest.importorskip("providers.sandbox", reason="providers.sandbox is not importable yet")
    return module


def small_dataset() -> Any:
    return sandbox().generate(SEED, SIZE)


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
