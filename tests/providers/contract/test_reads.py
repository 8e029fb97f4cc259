"""Contract: a read a simulator cannot serve as asked is never an unhandled exception (the
simulator's 500, which httpx's ASGI transport raises into the client). Whatever an id, a page
parameter, a cursor, a time bound or an RPC body's value holds, the simulator answers as the
provider does: the record, a page, or a 4xx in the provider's own error format; a time filter
that is no time is always refused.

The reads replayed are the adapter's own (its listings, recorded as sent, auth included), each
with one of its parameters replaced, so that every path and parameter a simulator serves to its
adapter is covered without naming any here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import suppress
from typing import Any, Final

import httpx
import pytest

from providers.errors import ProviderNotFound, ProviderResponseInvalid
from providers.kit.adapter import HttpAdapter
from providers.kit.pathpages import PathPagedAdapter
from providers.kit.resources import Endpoints
from providers.paths import segment

from .harness import Simulated, listing_reads

NO_NUMBERS: Final = ("nonsense", "-1", "0", "1.5", "²", "99999999999999999999999", "", "1e400")
"""Page sizes, page numbers and offsets that are no page: negative, zero, huge, not a number,
a float, a digit ``int`` cannot read (``"²".isdigit()`` holds)."""
NO_CURSORS: Final = ("{}", "[]", "[1]", '["x", 1]', "Zm9vYmFy", "eyJ4IjoxfQ==", "%7B%7D", "é😀")
"""Cursors that are no cursor: JSON of the wrong shape, base64 of nothing the simulator wrote."""
NO_TIMES: Final = ("2026-01-01", "2026-01-01T00:00:00")
"""ISO 8601 times without an offset: text a time parser reads, into a time that has none."""
NO_IDS: Final = (
    "²",
    "1²",
    "٣",
    "abc",
    "-1",
    "99999999999999999999999",
    "é😀",
    "00000000-0000-0000-0000-000000000000",
)
"""Ids no API gives: not a number, not a UUID, huge, unicode, a digit ``int`` cannot read (``²``)
and one it reads (``٣``, which a simulator may take for ``3``, and must then answer with)."""
WRONG_TYPES: Final[tuple[Any, ...]] = (["x"], [[1]], {"a": 1}, 1.5, -1, True, "nonsense")
"""JSON values of the wrong type for an RPC body's key (a list for a number, a number for a
list, a list of lists for a list of names)."""


def _adapter(sim: Simulated) -> HttpAdapter:
    adapter = sim.adapter()
    assert isinstance(adapter, HttpAdapter)
    return adapter


def _listed(adapter: HttpAdapter) -> Iterator[Endpoints]:
    """The resources listed at a path of their own (no parent's id in it)."""
    return (e for e in adapter.resources if isinstance(e.list, str) and "{" not in e.list)


async def _ask(adapter: HttpAdapter, e: Endpoints, name: str, value: str) -> None:
    """``e``'s listing with its parameter ``name`` set to ``value``, as the adapter sends it."""
    await adapter.call(e.list or "", adapter.ctx(e.resource, "list"), {name: value})


def _queries(request: httpx.Request, values: tuple[str, ...]) -> Iterator[httpx.Request]:
    """``request`` with each query parameter in turn set to each of ``values``, then repeated."""
    for name, kept in request.url.params.multi_items():
        for value in values:
            yield _asking(request, request.url.params.set(name, value))
        yield _asking(request, request.url.params.add(name, values[0]))
        yield _asking(request, request.url.params.set(name, values[0]).add(name, kept))


def _asking(request: httpx.Request, params: httpx.QueryParams) -> httpx.Request:
    return httpx.Request(request.method, request.url.copy_with(params=params), headers=request.headers)


async def _answered(sim: Simulated, request: httpx.Request) -> None:
    """``request`` is answered, and below 500."""
    answer = await sim.client.send(request)
    assert answer.status_code < 500, (request.method, str(request.url), request.content, answer.text)


async def _query_reads(sim: Simulated) -> list[httpx.Request]:
    reads = [r for r in await listing_reads(sim) if r.method == "GET" and r.url.params]
    if not reads:
        pytest.skip(f"{sim.name} reads with no query string (an RPC body, or a path it pages in)")
    return reads


async def test_page_parameters_that_are_no_page_are_refused_or_ignored(sim: Simulated) -> None:
    for read in await _query_reads(sim):
        for request in _queries(read, NO_NUMBERS):
            await _answered(sim, request)


async def test_cursors_that_are_no_cursor_are_refused_or_ignored(sim: Simulated) -> None:
    for read in await _query_reads(sim):
        for request in _queries(read, NO_CURSORS):
            await _answered(sim, request)


async def test_unknown_parameters_are_ignored(sim: Simulated) -> None:
    for read in await listing_reads(sim):
        if read.method == "GET":
            await _answered(sim, _asking(read, read.url.params.add("hiregraph_unknown", "1")))


async def test_a_time_bound_without_an_offset_is_read_or_refused(sim: Simulated) -> None:
    adapter = _adapter(sim)
    asked = [
        (e, p.name)
        for e in _listed(adapter)
        for name, p in e.filters.items()
        if name.value.endswith(("_after", "_before"))
    ]
    if not asked:
        pytest.skip(f"{sim.name} declares no time filter on a list path")
    for e, name in asked:
        for value in NO_TIMES:
            with suppress(ProviderResponseInvalid):  # a 4xx: refused
                await _ask(adapter, e, name, value)


async def test_a_time_filter_that_is_no_time_is_a_4xx(sim: Simulated) -> None:
    """Refused, in the provider's own error format: not a crash, nor a filter matching nothing."""
    adapter = _adapter(sim)
    asked = [
        (e, p.name)
        for e in _listed(adapter)
        for name, p in e.filters.items()
        if p.parse is not str or name.value.endswith(("_after", "_before"))
    ]
    if not asked:
        pytest.skip(f"{sim.name} declares no time filter (nor a parsed one) on a list path")
    for e, name in asked:
        with pytest.raises(ProviderResponseInvalid) as info:  # what a 4xx refusal is
            await _ask(adapter, e, name, "nonsense")
        assert info.value.provider == sim.name, (e.resource, name)


async def test_a_first_page_number_that_is_no_number_is_refused_or_ignored(sim: Simulated) -> None:
    """On every listed resource, not only those whose reads are replayed above."""
    adapter = _adapter(sim)
    if isinstance(adapter, PathPagedAdapter):
        pytest.skip(f"{sim.name} pages in the path: the adapter writes the number there itself")
    first = adapter.paginator.request(None, 5).params
    numeric = [name for name, value in first.items() if str(value).isdigit()]
    if not numeric:
        pytest.skip(f"{sim.name}'s first page sends no number in the query")
    for e in _listed(adapter):
        for name in numeric:
            with suppress(ProviderResponseInvalid, ProviderNotFound):  # a 4xx: refused
                await _ask(adapter, e, name, "nonsense")


async def test_ids_that_name_no_record_are_not_found_or_refused(sim: Simulated) -> None:
    """Every declared read by id or by parent, and every declared filter, with an id that
    names nothing: the provider's 404 (or another 4xx), never a crash."""
    adapter = _adapter(sim)
    paths = [
        (e, path)
        for e in adapter.resources
        for path in (e.get, *(c.path for c in e.children.values()))
        if isinstance(path, str) and "{id}" in path
    ]
    filters = [
        (e, p.name)
        for e in _listed(adapter)
        for name, p in e.filters.items()
        if not name.value.endswith(("_after", "_before"))
    ]
    if not paths and not filters:
        pytest.skip(f"{sim.name} declares no read by id in a path, nor a filter by id")
    for e, path in paths:
        ctx = adapter.ctx(e.resource, "get")
        for value in NO_IDS:
            with suppress(ProviderNotFound, ProviderResponseInvalid):  # a 4xx
                await adapter.call(path.replace("{id}", segment(value, ctx)), ctx)
    for e, name in filters:
        for value in NO_IDS:
            with suppress(ProviderNotFound, ProviderResponseInvalid):  # a 4xx
                await _ask(adapter, e, name, value)


async def test_rpc_body_values_of_the_wrong_type_are_refused(sim: Simulated) -> None:
    """An RPC read's body (Ashby's): each key the adapter sends, or its resource declares as a
    filter, set to a JSON value of the wrong type, is refused (an error envelope) or ignored."""
    adapter = _adapter(sim)
    rpc = [r for r in await listing_reads(sim) if r.method == "POST"]
    if not rpc:
        pytest.skip(f"{sim.name} reads with GET: its parameters are text, not typed JSON")
    declared = {p.name for e in adapter.resources for p in e.filters.values()}
    for read in rpc:
        body = json.loads(read.content or b"{}")
        for key in {*body, *declared}:
            for value in WRONG_TYPES:
                content = json.dumps({**body, key: value}).encode()
                headers = {k: v for k, v in read.headers.items() if k.lower() != "content-length"}
                await _answered(sim, httpx.Request("POST", read.url, content=content, headers=headers))
