from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from providers.ashby import AshbyAdapter
from providers.base import Connection

BASE = "https://api.ashbyhq.com"
API_KEY = "ashby-test-key-DO-NOT-LEAK-1234"
CONNECTION = "acme-ashby"


def make_adapter(client: httpx.AsyncClient, base_url: str | None = None) -> AshbyAdapter:
    connection = Connection(
        name=CONNECTION, provider="ashby", base_url=base_url, credentials={"api_key": API_KEY}
    )
    return AshbyAdapter(connection, http=client)


@pytest.fixture
async def adapter() -> AsyncIterator[AshbyAdapter]:
    async with httpx.AsyncClient() as client:
        yield make_adapter(client)
