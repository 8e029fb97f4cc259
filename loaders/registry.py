"""Per-request loaders over one connection's adapter.

``Loaders`` builds, on first use, one by-id loader per resource and one by-parent loader
per (resource, parent key) pair, named like ``candidate_by_id`` or
``applications_by_candidate_id`` in traces. Results align with keys: a missing record is
None, a failed batch fails only its own keys. Every record that passes through (listed,
fetched, or embedded in another record) primes the by-id cache, so a relationship the
provider already shipped costs nothing.

Loaders are built per request (in ``graph/context.py``): they cache for the request's life
only, and aiodataloader binds the running event loop when it is created.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from providers.base import ProviderAdapter
from providers.errors import ProviderError, ProviderNotFound
from providers.query import ListQuery, Page
from providers.records import Record, Resource

from .batching import LevelDataLoader

RecordLoader = LevelDataLoader[str, Record | None]
ChildrenLoader = LevelDataLoader[str, Sequence[Record]]


class Loaders:
    looks_ahead: bool = True
    """Whether the lookahead may load a response's relationships level by level ahead of
    graphql-core (the benchmark's naive loaders turn it off)."""

    def __init__(self, adapter: ProviderAdapter) -> None:
        self.adapter = adapter
        self._by_id: dict[Resource, RecordLoader] = {}
        self._children: dict[tuple[Resource, str], ChildrenLoader] = {}
        self._pages: dict[tuple[Resource, ListQuery], asyncio.Future[Page[Record]]] = {}

    async def page(self, resource: Resource, query: ListQuery) -> Page[Record]:
        """One page of a listing; the same page asked twice in a request is read once."""
        key = (resource, query)
        pending = self._pages.get(key)
        if pending is None:
            pending = self._pages[key] = asyncio.ensure_future(self._read_page(resource, query))
        return await asyncio.shield(pending)

    async def _read_page(self, resource: Resource, query: ListQuery) -> Page[Record]:
        page = await self.adapter.list(resource, query)
        self.prime(page.records)
        return page

    def by_id(self, resource: Resource) -> RecordLoader:
        loader = self._by_id.get(resource)
        if loader is None:

            async def load(ids: list[str]) -> list[Any]:
                return await self._get_many(resource, ids)

            loader = LevelDataLoader(load, max_batch_size=self.adapter.max_batch_size)
            self._by_id[resource] = loader
        return loader

    def children(self, resource: Resource, parent: str) -> ChildrenLoader:
        key = (resource, parent)
        loader = self._children.get(key)
        if loader is None:

            async def load(ids: list[str]) -> list[Any]:
                return await self._list_children(resource, parent, ids)

            loader = LevelDataLoader(load, max_batch_size=self.adapter.max_batch_size)
            self._children[key] = loader
        return loader

    async def load(self, resource: Resource, record_id: str | None) -> Record | None:
        if record_id is None:
            return None
        return await self.by_id(resource).load(record_id)

    async def load_many(self, resource: Resource, ids: Sequence[str]) -> list[Record]:
        if not ids:
            return []
        futures = [self.by_id(resource).load(i) for i in ids]
        if all(f.done() and not f.cancelled() and f.exception() is None for f in futures):
            # Primed or loaded earlier, as most to-many ids are by the time they are asked:
            # gathering settled futures cost a task per key (a third of an interviewer list).
            found = [f.result() for f in futures]
        else:
            found = await asyncio.gather(*futures)
        return [r for r in found if r is not None]

    @staticmethod
    async def landed(loaders: Iterable[LevelDataLoader[str, Any]]) -> None:
        """Until the batches ``loaders`` hold now, waiting or in flight, have landed.

        Only these loaders: another root field's batches elsewhere are not waited for."""
        busy = [task for loader in loaders for task in loader.busy]
        if busy:
            await asyncio.wait(busy)

    def settled(self, resource: Resource, record_id: str) -> asyncio.Future[Record | None] | None:
        """This request's finished load of ``record_id`` (primed, embedded or read), if any.

        Lets a resolver answer without awaiting; it only looks, so a subclass that overrides
        ``load`` (the benchmark's naive loaders) keeps its own behaviour for everything else.
        """
        loader = self._by_id.get(resource)
        return _finished(None if loader is None else loader._cache.get(record_id))

    def settled_children(
        self, resource: Resource, parent: str, parent_id: str
    ) -> asyncio.Future[Sequence[Record]] | None:
        """This request's finished by-parent load of ``parent_id``'s children, if any."""
        loader = self._children.get((resource, parent))
        return _finished(None if loader is None else loader._cache.get(parent_id))

    def forget(self, written: Iterable[Record]) -> None:
        """After a write: drop everything this request read (any record, list or page may
        have changed with it), then hold what the write returned."""
        self._by_id.clear()
        self._children.clear()
        self._pages.clear()
        self.prime(written)

    def prime(self, records: Iterable[Record]) -> None:
        for record in records:
            resource = _RESOURCE_OF[type(record)]
            loader = self.by_id(resource)
            if record.id not in loader._cache:
                loader.prime(record.id, record)
            if record.embedded:
                self.prime(record.embedded)

    async def _get_many(self, resource: Resource, ids: list[str]) -> list[Any]:
        try:
            found = await self.adapter.get_many(resource, ids)
        except ProviderNotFound:
            return [None] * len(ids)
        except ProviderError as exc:
            return [exc] * len(ids)
        if len(found) != len(ids):
            raise RuntimeError(f"{self.adapter.name}.get_{resource.plural} returned misaligned results")
        self.prime(r for r in found if r is not None)
        return list(found)

    async def _list_children(self, resource: Resource, parent: str, ids: list[str]) -> list[Any]:
        try:
            by_parent = await self.adapter.list_children(resource, parent, ids)
        except ProviderError as exc:
            return [exc] * len(ids)
        results = [list(by_parent.get(i, ())) for i in ids]
        for records in results:
            self.prime(records)
        return results


F = TypeVar("F", bound=asyncio.Future[Any])


def _finished(future: F | None) -> F | None:
    if future is None or not future.done() or future.cancelled() or future.exception() is not None:
        return None
    return future


_RESOURCE_OF: dict[type[Record], Resource] = {r.record_type: r for r in Resource}
