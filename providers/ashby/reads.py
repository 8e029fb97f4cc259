"""The plumbing every Ashby read shares: one RPC client, paging, get-many helpers.

Ashby has no ids filter on any read. Calls that take one id (``*.info``) are issued
concurrently (``providers.kit.fanout.map_limited``), one call per id; small
organisation-wide lists are read whole and picked from by :meth:`AshbyReads._pick`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import httpx

from providers.base import Connection, ProviderAdapter
from providers.errors import ProviderNotFound
from providers.http import CallContext, UpstreamHttp, parse
from providers.records import Record, Resource

from .client import PAGING, AshbyRpc
from .payloads import AshbyEnvelope

T = TypeVar("T")
R = TypeVar("R", bound=Record)


class AshbyReads(ProviderAdapter):
    """Base of the Ashby adapter: builds the ``UpstreamHttp`` and offers the read helpers."""

    def __init__(self, connection: Connection, http: httpx.AsyncClient | None = None) -> None:
        super().__init__(connection, http)
        self.upstream = UpstreamHttp(
            self.http or httpx.AsyncClient(),
            base_url=self.base_url,
            auth=self.static_auth(),
            headers={"Accept": "application/json"},
            provider=self.name,
            connection=connection.name,
        )
        self.rpc = AshbyRpc(self.upstream)

    def upstreams(self) -> Sequence[UpstreamHttp]:
        return (self.upstream,)

    # -- plumbing ----------------------------------------------------------------------
    async def _read(
        self, method: str, body: Mapping[str, Any], resource: Resource
    ) -> tuple[AshbyEnvelope, CallContext]:
        ctx = self.upstream.context(resource.value, method)
        return await self.rpc.read(method, body, ctx), ctx

    async def _list(
        self, method: str, model: type[T], body: Mapping[str, Any], resource: Resource
    ) -> tuple[list[T], str | None]:
        envelope, ctx = await self._read(method, body, resource)
        items: list[T] = parse(list[model], envelope.results, ctx)  # type: ignore[valid-type]
        return items, PAGING.next_cursor(envelope.raw)

    async def _read_all(
        self, method: str, model: type[T], body: Mapping[str, Any], resource: Resource
    ) -> list[T]:
        out: list[T] = []
        cursor: str | None = None
        while True:
            items, cursor = await self._list(
                method, model, {**body, **({"cursor": cursor} if cursor else {})}, resource
            )
            out.extend(items)
            if cursor is None:
                return out

    async def _info(
        self, method: str, model: type[T], body: Mapping[str, Any], resource: Resource
    ) -> T | None:
        try:
            envelope, ctx = await self._read(method, body, resource)
        except ProviderNotFound:
            return None
        result: T = parse(model, envelope.results, ctx)
        return result

    @staticmethod
    def _pick(records: Sequence[R], ids: Sequence[str]) -> list[R | None]:
        by_id = {r.id: r for r in records}
        return [by_id.get(i) for i in ids]
