"""The plumbing every Greenhouse adapter method shares: auth, paths, paging, per-id fan-out."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Final, TypeVar

import httpx

from ..base import Connection, ProviderAdapter
from ..errors import ProviderBadInput, ProviderNotFound
from ..http import CallContext, UpstreamHttp, parse
from ..kit.fanout import map_limited
from ..kit.paging import LinkHeaderPaging, is_path_cursor
from ..kit.times import iso_z
from ..paths import segment
from ..query import Filter, FilterName, ListQuery, Page
from ..records import Record, Resource
from .auth import ClientCredentialsAuth, GreenhouseCredentials, GreenhouseOptions
from .payloads import GreenhouseModel

M = TypeVar("M", bound=GreenhouseModel)
R = TypeVar("R", bound=Record)

_EXCLUSIVE: Final[Mapping[FilterName, str]] = {
    FilterName.CREATED_AFTER: "created_at",
    FilterName.CREATED_BEFORE: "created_at",
    FilterName.UPDATED_AFTER: "updated_at",
    FilterName.UPDATED_BEFORE: "updated_at",
}
"""Greenhouse's time filters are inclusive ("at or after"); ours are strict, so records whose
timestamp equals the bound are dropped from what Greenhouse returns."""

MAX_PER_PAGE: Final = 500


def filter_params(
    flt: Filter, native: frozenset[FilterName], names: Mapping[FilterName, str] | None = None
) -> dict[str, str]:
    """The querystring for the filters of ``flt`` that Greenhouse applies (``names``: renames)."""
    out: dict[str, str] = {}
    for name in sorted(flt.active() & native):
        param = (names or {}).get(name, name.value)
        value = getattr(flt, name.value)
        out[param] = iso_z(value) if isinstance(value, datetime) else str(value)
    return out


def is_greenhouse_id(value: str) -> bool:
    """Greenhouse ids are integers; anything else cannot exist upstream (and must not reach a URL)."""
    return value.isascii() and value.isdigit()


class GreenhouseBase(ProviderAdapter):
    """Connection set-up and the request helpers; the resource methods are in the subclasses."""

    credentials: GreenhouseCredentials
    options: GreenhouseOptions

    def __init__(self, connection: Connection, http: httpx.AsyncClient | None = None) -> None:
        super().__init__(connection, http)
        self._own_client = http is None
        client = http if http is not None else httpx.AsyncClient(timeout=30.0)
        self.version = "v3" if self.credentials.uses_oauth else "v1"
        auth: httpx.Auth | None
        if self.credentials.uses_oauth:
            auth = ClientCredentialsAuth(
                self.credentials, token_url=self.options.token_url, connection=connection.name
            )
        else:
            auth = self.static_auth()
        self.api = UpstreamHttp(
            client, base_url=self.base_url, auth=auth, provider=self.name, connection=connection.name
        )
        # v1 (https://developers.greenhouse.io/harvest.html#pagination) pages by ``page`` numbers
        # and v3 (https://harvestdocs.greenhouse.io/docs/pagination) by a ``cursor``; both put the
        # next page in the ``Link`` header, which the docs say to follow rather than build.
        self.paging = LinkHeaderPaging(self.api.base_url, MAX_PER_PAGE)

    async def aclose(self) -> None:
        if self._own_client:
            await self.api.client.aclose()

    def upstreams(self) -> Sequence[UpstreamHttp]:
        return (self.api,)

    # -- paths and contexts ---------------------------------------------------------------
    def path(self, *parts: str | int) -> str:
        """``/v1/<parts>``, each part one encoded path segment (ids are checked to be integers
        before they get here; this keeps any other value from changing the endpoint)."""
        ctx = self.api.context()
        return "/" + "/".join((self.version, *(segment(str(p), ctx) for p in parts)))

    def ctx(self, resource: Resource, operation: str) -> CallContext:
        return self.api.context(resource.value, operation)

    # -- reading ----------------------------------------------------------------------------
    async def fetch(
        self,
        resource: Resource,
        path: str,
        model: Any,
        *,
        params: Mapping[str, Any] | None = None,
        operation: str = "",
    ) -> tuple[Any, httpx.Response]:
        """One GET, validated against ``model`` (e.g. ``list[GreenhouseJob]``)."""
        ctx = self.ctx(resource, operation or f"read {resource.plural}")
        data, response = await self.api.get_json(path, params=params, ctx=ctx)
        return parse(model, data, ctx), response

    async def page(
        self,
        resource: Resource,
        path: str,
        query: ListQuery,
        model: type[M],
        to: Callable[[M], Sequence[R]],
        *,
        names: Mapping[FilterName, str] | None = None,
        extra: Mapping[str, str] | None = None,
        exclude: frozenset[FilterName] | set[FilterName] = frozenset(),
        paged: bool = True,
    ) -> Page[R]:
        """One page of a list endpoint with the native filters sent (``names``: Greenhouse's
        parameter names; ``exclude``: filters the path already applies; ``paged``: False for the
        per-parent endpoints that take no ``per_page``)."""
        native = self.native_filters.get(resource, frozenset()) - exclude
        if query.cursor is not None:
            # The next URL already carries the filters (v1) or is a bare cursor (v3).
            if not is_path_cursor(query.cursor):
                raise ProviderBadInput(
                    "invalid page cursor for Greenhouse",
                    provider=self.name,
                    connection=self.connection.name,
                    operation="list",
                )
            target = self.paging.request(query.cursor, query.page_size).path or path
            params: dict[str, str] | None = None
        else:
            target = path
            params = {**(extra or {}), **filter_params(query.filter, native, names)}
            if paged:
                params.update(self.paging.request(None, query.page_size).params)
        many: Any = list[model]  # type: ignore[valid-type]
        items, response = await self.fetch(
            resource, target, many, params=params, operation=f"list {resource.plural}"
        )
        records = [r for item in items for r in to(item)]
        for name in query.filter.active() & native:
            stamp = _EXCLUSIVE.get(name)
            if stamp is not None:
                bound = getattr(query.filter, name.value)
                records = [r for r in records if getattr(r, stamp, None) != bound]
        return Page(records, self.paging.next_cursor(items, response))

    async def read_all(
        self, resource: Resource, path: str, model: type[M], *, params: Mapping[str, str] | None = None
    ) -> list[M]:
        """Every page of a list endpoint (for small lists and one parent's children)."""
        out: list[M] = []
        many: Any = list[model]  # type: ignore[valid-type]
        target, query = path, params
        while True:
            items, response = await self.fetch(resource, target, many, params=query)
            out.extend(items)
            cursor = self.paging.next_cursor(items, response)
            if cursor is None:
                return out
            target, query = cursor, None

    async def read_one(self, resource: Resource, path: str, model: type[M]) -> M | None:
        """A by-id read: 404 (or an empty body) is None."""
        try:
            data, _ = await self.fetch(resource, path, model | None, operation=f"get {resource.plural}")
        except ProviderNotFound:
            return None
        return data  # type: ignore[no-any-return]

    async def get_each(
        self,
        resource: Resource,
        ids: Sequence[str],
        path_of: Callable[[str], str],
        model: type[M],
        to: Callable[[M], R],
    ) -> list[R | None]:
        """Greenhouse has only per-id endpoints here: one request per id, concurrently."""

        async def one(i: str) -> R | None:
            if not is_greenhouse_id(i):
                return None
            item = await self.read_one(resource, path_of(i), model)
            return to(item) if item is not None else None

        return await map_limited(one, ids)

    async def per_parent(
        self, ids: Sequence[str], children_of: Callable[[str], Awaitable[Sequence[R]]]
    ) -> dict[str, Sequence[R]]:
        """Children from a per-parent endpoint: one request (chain) per parent, concurrently.
        A parent Greenhouse does not know (404, or not an integer id) has no children."""

        async def one(i: str) -> Sequence[R]:
            if not is_greenhouse_id(i):
                return []
            try:
                return await children_of(i)
            except ProviderNotFound:
                return []

        results = await map_limited(one, ids)
        return dict(zip(ids, results, strict=True))


def embedded_of(records: Sequence[Record | None], kind: type[R]) -> dict[str, list[R]]:
    """The embedded records of type ``kind`` of each record, keyed by that record's id."""
    return {r.id: [e for e in r.embedded if isinstance(e, kind)] for r in records if r is not None}
