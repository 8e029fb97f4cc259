from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx
import pytest

from providers.query import ListQuery, Page
from providers.records import Record, Resource
from providers.sandbox import SandboxAdapter
from tests.graph.support import SMALL, make_client

CALLS: Counter[str] = Counter()


class CountingSandbox(SandboxAdapter):
    """The sandbox, counting every upstream call by the method that made it."""

    name = "counting-sandbox"

    async def list_records(self, resource: Resource, query: ListQuery) -> Page[Record]:
        CALLS["list"] += 1
        return await super().list_records(resource, query)

    async def get_records(self, resource: Resource, ids: Sequence[str]) -> list[Record | None]:
        CALLS["get"] += 1
        return await super().get_records(resource, ids)

    async def list_records_by_parent(
        self, resource: Resource, parent: str, ids: Sequence[str]
    ) -> dict[str, list[Record]]:
        CALLS["children"] += 1
        return await super().list_records_by_parent(resource, parent, ids)


def counting_client(**limits: Any) -> httpx.AsyncClient:
    config: dict[str, Any] = {"connections": {"s": {"provider": "counting-sandbox", **SMALL}}}
    if limits:
        config["limits"] = limits
    return make_client(config, {"counting-sandbox": CountingSandbox})


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    CALLS.clear()
    async with counting_client() as client:
        yield client


@pytest.fixture
def calls() -> Counter[str]:
    CALLS.clear()
    return CALLS
