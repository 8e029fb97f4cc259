"""What every Greenhouse adapter method shares over the kit's ``HttpAdapter``: the v1/v3 split,
versioned paths, native filters and the ids Greenhouse can have."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from typing import ClassVar, Final, TypeVar

import httpx

from ..base import Connection
from ..errors import ProviderNotFound
from ..kit.adapter import HttpAdapter
from ..kit.paging import LinkHeaderPaging
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


class GreenhouseBase(HttpAdapter):
    """Greenhouse's quirks over the kit's base (the resource methods are in the subclasses):
    the v1/v3 split by credentials, integer ids, inclusive time filters."""

    credentials: GreenhouseCredentials
    options: GreenhouseOptions
    # v1 (https://developers.greenhouse.io/harvest.html#pagination) pages by ``page`` numbers
    # and v3 (https://harvestdocs.greenhouse.io/docs/pagination) by a ``cursor``; both put the
    # next page in the ``Link`` header, which the docs say to follow rather than build.
    paging = LinkHeaderPaging("", MAX_PER_PAGE)
    default_headers: ClassVar[Mapping[str, str]] = {}  # Harvest answers JSON unasked

    def __init__(self, connection: Connection, http: httpx.AsyncClient | None = None) -> None:
        super().__init__(connection, http)
        self.version = "v3" if self.credentials.uses_oauth else "v1"

    def upstream_auth(self) -> httpx.Auth | None:
        """v3 exchanges the client credentials for tokens; v1 sends the API key."""
        if not self.credentials.uses_oauth:
            return self.static_auth()
        return ClientCredentialsAuth(
            self.credentials, token_url=self.options.token_url, connection=self.connection.name
        )

    def path(self, *parts: str | int) -> str:
        """``/v1/<parts>``, each part one encoded path segment (ids are checked to be integers
        before they get here; this keeps any other value from changing the endpoint)."""
        ctx = self.upstream.context()
        return "/" + "/".join((self.version, *(segment(str(p), ctx) for p in parts)))

    # -- reading ----------------------------------------------------------------------------
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
        per-parent endpoints that take no ``per_page``). A next-page cursor already carries the
        filters (v1) or is a bare cursor (v3)."""
        native = self.native_filters.get(resource, frozenset()) - exclude
        params = {**(extra or {}), **filter_params(query.filter, native, names)}
        items, cursor = await self.fetch_page(
            model,
            path,
            self.ctx(resource, f"list {resource.plural}"),
            params=params,
            cursor=query.cursor,
            page_size=query.page_size if paged else None,
        )
        records = [r for item in items for r in to(item)]
        for name in query.filter.active() & native:
            stamp = _EXCLUSIVE.get(name)
            if stamp is not None:
                bound = getattr(query.filter, name.value)
                records = [r for r in records if getattr(r, stamp, None) != bound]
        return Page(records, cursor)

    async def read_all(
        self, resource: Resource, path: str, model: type[M], *, params: Mapping[str, str] | None = None
    ) -> list[M]:
        """Every page of a list endpoint (for small lists and one parent's children)."""
        return await self.fetch_all(model, path, self.ctx(resource, f"read {resource.plural}"), params=params)

    async def get_each(
        self,
        resource: Resource,
        ids: Sequence[str],
        path_of: Callable[[str], str],
        model: type[M],
        to: Callable[[M], R],
    ) -> list[R | None]:
        """Greenhouse has only per-id endpoints here: one request per id, concurrently."""
        ctx = self.ctx(resource, f"get {resource.plural}")

        async def one(i: str) -> R | None:
            if not is_greenhouse_id(i):
                return None
            item = await self.fetch_one(model, path_of(i), ctx)
            return to(item) if item is not None else None

        return await self.fan_out(one, ids)

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

        results = await self.fan_out(one, ids)
        return dict(zip(ids, results, strict=True))


def embedded_of(records: Sequence[Record | None], kind: type[R]) -> dict[str, list[R]]:
    """The embedded records of type ``kind`` of each record, keyed by that record's id."""
    return {r.id: [e for e in r.embedded if isinstance(e, kind)] for r in records if r is not None}
