"""Two loaders that need the same upstream read at once share one request (the kit's
``HttpAdapter.call``): JazzHR's applicant detail carries both a listed candidate's tags and its
applications, and a query selecting both used to read each detail twice."""

from __future__ import annotations

import asyncio

import httpx
import respx

from providers.base import Connection
from providers.jazzhr import JazzHRAdapter
from tests.graph.support import GraphQLClient, make_client

BOTH = "{ candidates(first: 5) { edges { node { id tags { name } applications { id } } } } }"
TAGS = "{ candidates(first: 5) { edges { node { id tags { name } } } } }"


async def _requests(query: str) -> int:
    config = {"connections": {"jz": {"provider": "jazzhr", "simulated": True, "seed": 5, "size": 30}}}
    async with make_client(config) as http:
        body = await GraphQLClient(http).post(query)
    assert "errors" not in body, body["errors"]
    requests: int = body["extensions"]["upstream"]["requests"]
    return requests


async def test_a_detail_needed_twice_at_once_is_read_once() -> None:
    # the page, then one detail per candidate, whether one field needs the detail or two
    assert await _requests(BOTH) == await _requests(TAGS) == 1 + 5


async def test_a_finished_read_is_not_kept() -> None:
    connection = Connection(name="jz", provider="jazzhr", credentials={"api_key": "k"})
    async with httpx.AsyncClient() as client:
        adapter = JazzHRAdapter(connection, client)
        with respx.mock(base_url=adapter.base_url) as router:
            route = router.get("/jobs/1").respond(json={"id": "1"})
            ctx = adapter.ctx("job", "get")
            await asyncio.gather(adapter.call("/jobs/1", ctx), adapter.call("/jobs/1", ctx))
            assert route.call_count == 1
            assert adapter._in_flight == {}  # no answer is held once it is in
            await adapter.call("/jobs/1", ctx)
            assert route.call_count == 2  # afterwards a read goes upstream again


async def test_one_caller_giving_up_does_not_cancel_the_read_for_the_other() -> None:
    connection = Connection(name="jz", provider="jazzhr", credentials={"api_key": "k"})
    release = asyncio.Event()

    async def slow(_request: httpx.Request) -> httpx.Response:
        await release.wait()
        return httpx.Response(200, json={"id": "1"})

    async with httpx.AsyncClient() as client:
        adapter = JazzHRAdapter(connection, client)
        with respx.mock(base_url=adapter.base_url) as router:
            route = router.get("/jobs/1").mock(side_effect=slow)
            ctx = adapter.ctx("job", "get")
            first = asyncio.ensure_future(adapter.call("/jobs/1", ctx))
            second = asyncio.ensure_future(adapter.call("/jobs/1", ctx))
            await asyncio.sleep(0.01)
            first.cancel()
            release.set()
            body, _ = await second
    assert body == {"id": "1"}
    assert route.call_count == 1
