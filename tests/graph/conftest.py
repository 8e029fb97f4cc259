from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from .spy import CALLS, SpySandbox
from .support import SMALL, GraphQLClient, make_client


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with make_client({"connections": {"sandbox": {"provider": "sandbox", **SMALL}}}) as client:
        yield client


@pytest.fixture
async def gql(http: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(http)


@pytest.fixture
async def spy() -> AsyncIterator[GraphQLClient]:
    CALLS.clear()
    config = {"connections": {"spy": {"provider": "spy-sandbox", **SMALL}}}
    async with make_client(config, {"spy-sandbox": SpySandbox}) as client:
        yield GraphQLClient(client)
