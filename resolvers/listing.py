"""Root list and by-id fields: arguments to adapter calls, and what the gateway does itself.

The gateway's own work happens here and nowhere else:
- a filter the provider cannot apply is applied to what was read, scanning at most
  ``max_scan_pages`` pages per request (then the page ends early, with ``hasNextPage`` and an
  ``endCursor`` to resume from);
- a filter that cannot be decided from a record alone, and any order the provider cannot
  produce, is refused with NOT_SUPPORTED_BY_PROVIDER: both would mean reading every record.
"""

from __future__ import annotations

from dataclasses import fields
from functools import partial
from typing import Any

from strawberry.types import Info

from gateway.errors import BadUserInput, NotSupportedByGateway
from graph.context import Context
from graph.types.common import build
from graph.types.pagination import Connection, Edge, OrderBy, PageInfo, SortDirection
from providers.coverage import camel
from providers.filters import gateway_can_apply, matches
from providers.query import Filter, FilterName, ListQuery, Sort
from providers.records import Record, Resource

from .cursor import Position, decode, encode, query_digest
from .filtering import checked_cursor, checked_filter, checked_id
from .lookahead import load_ahead

_FILTER_FIELDS = tuple(f.name for f in fields(Filter))


def to_filter(given: object | None) -> Filter:
    """A unified ``Filter`` from a ``<Type>Filter`` input (absent keys stay None)."""
    if given is None:
        return Filter()
    values: dict[str, Any] = {name: getattr(given, name, None) for name in _FILTER_FIELDS}
    if values["tags"] is not None:
        values["tags"] = tuple(values["tags"])
    return checked_filter(Filter(**values))


def to_sort(order_by: OrderBy | None) -> Sort | None:
    if order_by is None:
        return None
    return Sort(order_by.field, descending=order_by.direction is SortDirection.DESC)


def _names(filters: frozenset[FilterName]) -> str:
    return ", ".join(sorted(camel(f.value) for f in filters))


async def list_connection(
    info: Info[Context, Any],
    resource: Resource,
    first: int | None,
    after: str | None,
    flt: Filter,
    sort: Sort | None,
) -> Connection[Any]:
    ctx = info.context
    adapter, settings = ctx.adapter, ctx.settings
    first = settings.default_first if first is None else first
    if not 0 <= first <= settings.max_first:
        raise BadUserInput(
            f"`first` must be between 0 and {settings.max_first}; got {first}", argument="first"
        )
    provider = adapter.title or adapter.name
    if not adapter.can_list(resource):
        raise NotSupportedByGateway(f"{provider} cannot list {resource.plural}", provider=adapter.name)
    active = flt.active()
    native = frozenset(f for f in active if adapter.filters_natively(resource, f))
    gateway = active - native
    refused = frozenset(f for f in gateway if not gateway_can_apply(resource, f, adapter.listing_lacks))
    if refused:
        raise NotSupportedByGateway(
            f"{provider} cannot filter {resource.plural} by {_names(refused)}, and deciding it here "
            "would mean reading every record",
            provider=adapter.name,
        )
    if sort is not None and not adapter.sorts_natively(resource, sort):
        raise NotSupportedByGateway(
            f"{provider} cannot order {resource.plural} by {camel(sort.field.value)} "
            f"{'descending' if sort.descending else 'ascending'}, and sorting here would mean reading every record",
            provider=adapter.name,
        )
    digest = query_digest(ctx.connection_name, resource.value, flt, sort)
    if after is not None:
        start = decode(checked_cursor(after), digest)
    else:
        size = adapter.max_page_size if gateway else min(adapter.max_page_size, max(first, 1))
        start = Position(None, size, 0)
    if first == 0:
        return Connection(
            edges=[],
            page_info=PageInfo(
                has_next_page=False, has_previous_page=False, start_cursor=None, end_cursor=None
            ),
        )
    found, has_next, resume = await _collect(info, resource, first, start, flt, native, gateway, sort)
    await load_ahead(info, [rec for rec, _ in found], via=("edges", "node"))
    edges = [
        Edge(position=partial(encode, pos, digest), node=build(resource, rec, ctx)) for rec, pos in found
    ]
    end = encode(resume, digest) if resume is not None else (edges[-1].position() if edges else None)
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=False,
            start_cursor=edges[0].position() if edges else None,
            end_cursor=end,
        ),
    )


async def _collect(
    info: Info[Context, Any],
    resource: Resource,
    first: int,
    start: Position,
    flt: Filter,
    native: frozenset[FilterName],
    gateway: frozenset[FilterName],
    sort: Sort | None,
) -> tuple[list[tuple[Record, Position]], bool, Position | None]:
    """Read pages from ``start`` until ``first`` records pass; returns them with the position
    after each, whether more may follow, and where to resume when the scan stopped early."""
    ctx = info.context
    native_filter = flt.only(native)
    size = start.page_size
    max_pages = ctx.settings.max_scan_pages + -(-first // size) + 1
    found: list[tuple[Record, Position]] = []
    cursor, offset = start.page_cursor, start.offset
    for _ in range(max_pages):
        page = await ctx.loaders.page(resource, ListQuery(native_filter, sort, size, cursor))
        records = page.records
        for i in range(offset, len(records)):
            record = records[i]
            if gateway and not matches(resource, record, flt, gateway):
                continue
            if len(found) == first:
                return found, True, None
            last_of_page = i + 1 == len(records)
            if last_of_page and page.next_cursor is not None:
                found.append((record, Position(page.next_cursor, size, 0)))
            else:
                found.append((record, Position(cursor, size, i + 1)))
        if page.next_cursor is None:
            return found, False, None
        if len(found) == first:
            return found, True, None
        cursor, offset = page.next_cursor, 0
    return found, True, Position(cursor, size, offset)


async def get_by_id(info: Info[Context, Any], resource: Resource, record_id: str) -> Any:
    found = await info.context.loaders.load(resource, checked_id(record_id))
    if found is None:
        return None
    await load_ahead(info, [found])
    return build(resource, found, info.context)
