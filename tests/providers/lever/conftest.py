from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from providers.base import Connection
from providers.lever import LeverAdapter
from tests.shared import load_fixture

BASE = "https://api.lever.co/v1"
API_KEY = "lever-test-key-DO-NOT-LEAK-5678"
TOKEN = "lever-oauth-token-DO-NOT-LEAK-9012"
CONNECTION = "acme-lever"


def make_adapter(
    client: httpx.AsyncClient,
    *,
    base_url: str | None = None,
    credentials: dict[str, Any] | None = None,
    options: dict[str, Any] | None = None,
) -> LeverAdapter:
    connection = Connection(
        name=CONNECTION,
        provider="lever",
        base_url=base_url,
        credentials=credentials if credentials is not None else {"api_key": API_KEY},
        options=options or {},
    )
    return LeverAdapter(connection, http=client)


def fixture(name: str) -> Any:
    """A deep copy of a shared Lever fixture (tests may edit it)."""
    return copy.deepcopy(load_fixture("lever", name))


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as c:
        yield c


@pytest.fixture
async def adapter(client: httpx.AsyncClient) -> LeverAdapter:
    return make_adapter(client)
