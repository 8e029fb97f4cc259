"""Fixtures of the contract suite: ``sim`` runs once per registered provider with a simulator."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from providers.base import ProviderAdapter

from .harness import SIMULATED, Simulated, simulated


@pytest.fixture(params=SIMULATED, ids=[cls.name for cls in SIMULATED])
def provider(request: pytest.FixtureRequest) -> type[ProviderAdapter]:
    cls: type[ProviderAdapter] = request.param
    return cls


@pytest.fixture
async def sim(provider: type[ProviderAdapter]) -> AsyncIterator[Simulated]:
    async with simulated(provider) as wired:
        yield wired


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits between retries, recorded instead of slept (no fault here delays an answer)."""
    waited: list[float] = []
    real_sleep = asyncio.sleep

    async def record(seconds: float) -> None:
        if seconds > 0:
            waited.append(seconds)
        await real_sleep(0)  # still a checkpoint, as the libraries that sleep(0) expect

    monkeypatch.setattr(asyncio, "sleep", record)  # what stamina waits with
    return waited
