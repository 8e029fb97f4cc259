"""A table derived from a whole listing: a resource the API has no endpoint for, made of what
another resource's records carry (candidates from the people on applications), read once with
every page of that listing and kept for the adapter's ``tables_ttl_s``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from ..records import Resource
from .resources import Endpoints

if TYPE_CHECKING:
    from .adapter import HttpAdapter

T = TypeVar("T")


async def derived_table(
    a: HttpAdapter, key: str, source: Endpoints, derive: Callable[[Sequence[Any]], T], resource: Resource
) -> T:
    """``derive`` of every payload of ``source``'s list (its declared parameters, the largest
    pages), read in the name of ``resource`` (its call context) and kept in ``a.tables`` under
    ``key`` (a write may update it there)."""

    async def read() -> T:
        ctx = a.ctx(resource, "list")
        size = a.paginator.max_size
        assert source.list is not None
        payloads = await a.fetch_all(
            source.model, source.list, ctx, params=source.params, page_size=size, field=source.items
        )
        return derive(payloads)

    found: T = await a.tables.get(key, read)
    return found
