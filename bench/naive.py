"""The naive-resolver baseline: the same schema without batching or de-duplication.

Every relationship of every parent calls the adapter for that parent alone (one call per
parent, as a resolver written without DataLoaders does), concurrently as graphql-core runs
sibling resolvers. Records a provider embeds in its parent are still used (a naive resolver
reads what it was given); nothing else is cached across the request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from typing import Any

from loaders import Loaders
from loaders.batching import LevelDataLoader
from loaders.registry import ChildrenLoader
from providers.base import ProviderAdapter
from providers.records import Record, Resource


class NaiveLoaders(Loaders):
    looks_ahead = False

    def __init__(self, adapter: ProviderAdapter) -> None:
        super().__init__(adapter)
        self._embedded: dict[tuple[Resource, str], Record] = {}

    def children(self, resource: Resource, parent: str) -> ChildrenLoader:
        async def load(ids: list[str]) -> list[Any]:
            return await self._list_children(resource, parent, ids)

        return LevelDataLoader(load, batch=False, cache=False)

    async def load(self, resource: Resource, record_id: str | None) -> Record | None:
        if record_id is None:
            return None
        found = self._embedded.get((resource, record_id))
        if found is not None:
            return found
        records = await self._get_many(resource, [record_id])
        first = records[0]
        if isinstance(first, BaseException):
            raise first
        return first  # type: ignore[no-any-return]

    async def load_many(self, resource: Resource, ids: Sequence[str]) -> list[Record]:
        found = await asyncio.gather(*(self.load(resource, i) for i in ids))
        return [r for r in found if r is not None]

    def prime(self, records: Iterable[Record]) -> None:
        for record in records:
            for inner in record.embedded:
                self._embedded[(_resource(inner), inner.id)] = inner
                self.prime([inner])


def _resource(record: Record) -> Resource:
    return next(r for r in Resource if r.record_type is type(record))
