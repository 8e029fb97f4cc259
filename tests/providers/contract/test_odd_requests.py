"""Contract: an HTTP request no adapter sends is still answered by the simulator as an API
answers, never with an unhandled exception (the simulator's 500, which httpx's ASGI transport
raises into the client). A method a path does not take is a 405 whose ``Allow`` names every
method the path takes, in the provider's own error format; a HEAD of a read answers like its
GET without the body; query strings that are no valid percent-encoding or no UTF-8, that repeat
or spoil several parameters at once, and paths with encoded junk, encoded slashes, trailing or
double slashes are answered below 500.

The paths probed are the simulator's own routes and the adapter's own reads (auth included),
so that every provider with a simulator is covered without naming one here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

import httpx
from starlette.routing import Route

from .harness import Simulated, listing_reads

ODD_METHODS: Final = ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND")
"""Methods a route may not take: the usual ones, and two no API here serves."""
ODD_QUERIES: Final = (
    "q=%ff%fe",
    "%zz=1",
    "a=%",
    "a=%00",
    "a=%C0%80",
    "=1",
    "&&=&",
    "x=" + "y" * 20_000,
    "&".join(f"p{i}=1" for i in range(2_000)),
)
"""Query strings that are no valid percent-encoding, no UTF-8 (an overlong NUL), have empty
names, or are very long: added to a read's own parameters."""
BAD_VALUES: Final = (b"nonsense", b"-1", b"", b"%ff", b"%zz")
"""Values every parameter of a read takes at once, or takes again after its own value."""
PATH_JUNK: Final = (b"%2F", b"a%2Fb", b"%ff", b"%zz", b"%00", b"%", b"%2e%2e")
"""What replaces, or is appended to, one segment of a read's path."""


def _filled(path: str) -> str:
    """A route's path with each ``{parameter}`` given a value (a method is refused before it is read)."""
    return re.sub(r"\{[^}]+\}", "1", path)


def _routes(sim: Simulated) -> list[Route]:
    return [r for r in sim.app.router.routes if isinstance(r, Route) and r.methods]


def _with(read: httpx.Request, raw_path: bytes, method: str | None = None) -> httpx.Request:
    """``read`` (its auth and body) sent to ``raw_path`` (path and query, as given) with ``method``."""
    headers = {k: v for k, v in read.headers.items() if k.lower() != "content-length"}
    return httpx.Request(
        method or read.method,
        read.url.copy_with(raw_path=raw_path),
        headers=headers,
        content=read.content or None,
    )


async def _answered(sim: Simulated, request: httpx.Request) -> httpx.Response:
    """``request`` is answered, and below 500."""
    answer = await sim.client.send(request)
    assert answer.status_code < 500, (request.method, request.url.raw_path[:200], answer.text[:200])
    return answer


async def _error_shape(sim: Simulated, read: httpx.Request) -> Any:
    """The keys of the provider's error body: a 503 the faults switch on, as the simulator renders it."""
    sim.faults.fail_next_n_with_status = (1, 503)
    answer = await sim.client.send(_with(read, read.url.raw_path))
    assert answer.status_code == 503
    body = answer.json()
    return sorted(body) if isinstance(body, dict) else type(body).__name__


async def test_a_method_a_path_does_not_take_is_a_405_naming_every_method_it_takes(sim: Simulated) -> None:
    """Starlette's own 405 named the methods of the first route at the path only (a read's path
    that takes a write too answered ``Allow: POST`` to a ``DELETE``), in plain text."""
    [read, *_] = await listing_reads(sim)
    shape = await _error_shape(sim, read)
    routes = _routes(sim)
    for path in {_filled(r.path) for r in routes}:
        # every route serving the path, its own or another's pattern (``/{id}/{child}``)
        taken = {m for r in routes if r.path_regex.match(path) for m in r.methods or ()}
        for method in (m for m in ODD_METHODS if m not in taken):
            url = read.url.copy_with(raw_path=path.encode())
            answer = await sim.client.request(method, url)
            assert answer.status_code == 405, (method, path, answer.status_code)
            allowed = {m.strip() for m in answer.headers["allow"].split(",")}
            assert allowed == taken, (method, path, allowed)
            body = answer.json()
            assert (sorted(body) if isinstance(body, dict) else type(body).__name__) == shape, body


async def test_a_path_no_route_serves_is_a_404_in_the_providers_error_format(sim: Simulated) -> None:
    [read, *_] = await listing_reads(sim)
    shape = await _error_shape(sim, read)
    answer = await sim.client.send(_with(read, b"/hiregraph-no-such-path"))
    assert answer.status_code == 404
    body = answer.json()
    assert (sorted(body) if isinstance(body, dict) else type(body).__name__) == shape, body


async def test_a_head_of_a_read_answers_like_its_get_without_a_body(sim: Simulated) -> None:
    for read in (r for r in await listing_reads(sim) if r.method == "GET"):
        got = await sim.client.send(read)
        head = await sim.client.send(_with(read, read.url.raw_path, "HEAD"))
        assert (head.status_code, head.headers.get("content-type")) == (
            got.status_code,
            got.headers.get("content-type"),
        ), read.url
        assert head.content == b""


def _odd_queries(read: httpx.Request) -> Iterator[bytes]:
    path, _, query = read.url.raw_path.partition(b"?")
    for odd in ODD_QUERIES:
        yield path + b"?" + (query + b"&" if query else b"") + odd.encode()
    names = [pair.partition(b"=")[0] for pair in query.split(b"&") if pair]
    for bad in BAD_VALUES:
        if names:
            yield path + b"?" + b"&".join(name + b"=" + bad for name in names)
        for name in names:
            yield path + b"?" + query + b"&" + name + b"=" + bad  # repeated: the API's own value first
            yield path + b"?" + name + b"=" + bad + b"&" + query  # repeated: the odd value first


def _odd_paths(read: httpx.Request) -> Iterator[bytes]:
    path, mark, query = read.url.raw_path.partition(b"?")
    tail = mark + query
    yield path + b"/" + tail
    yield b"/" + path + tail
    yield path.replace(b"/", b"//") + tail
    segments = path.split(b"/")
    for i in range(1, len(segments)):
        for junk in PATH_JUNK:
            for segment in (junk, segments[i] + junk):
                yield b"/".join([*segments[:i], segment, *segments[i + 1 :]]) + tail


async def test_odd_query_strings_are_answered_below_500(sim: Simulated) -> None:
    for read in await listing_reads(sim):
        for raw in _odd_queries(read):
            await _answered(sim, _with(read, raw))


async def test_odd_paths_are_answered_below_500(sim: Simulated) -> None:
    for read in await listing_reads(sim):
        for raw in _odd_paths(read):
            await _answered(sim, _with(read, raw))
