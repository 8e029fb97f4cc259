"""A sandbox that counts its adapter calls, and a client on it (the ``spy`` fixture)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from providers.query import ListQuery, Page
from providers.records import Record, Resource
from providers.sandbox import SandboxAdapter

CALLS: Counter[str] = Counter()


class SpySandbox(SandboxAdapter):
    name = "spy-sandbox"

    async def list(self, resource: Resource, query: ListQuery) -> Page[Record]:
        CALLS[f"list_{resource.plural}"] += 1
        return await super().list(resource, query)

    async def get_many(self, resource: Resource, ids: Sequence[str]) -> Sequence[Record | None]:
        CALLS[f"get_{resource.plural}"] += 1
        return await super().get_many(resource, ids)

    async def list_children(self, resource: Resource, parent: str, ids: Sequence[str]) -> Any:
        CALLS[f"list_{resource.plural}_by_{parent}_ids"] += 1
        return await super().list_children(resource, parent, ids)
