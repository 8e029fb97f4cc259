"""The kit's HTTP adapter base: what every HTTP provider inherits (the client and its lifecycle,
one record by id, paging through the declared scheme, bounded fan-out)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, ClassVar

import httpx
import pytest
from pydantic import BaseModel

from providers.base import Connection
from providers.errors import ProviderBadInput
from providers.kit.adapter import HttpAdapter, pick
from providers.kit.paging import LinkHeaderPaging
from providers.records import Resource, TagRecord

BASE = "https://toy.example/api"


class Thing(BaseModel):
    id: int


class Toy(HttpAdapter):
    name: ClassVar[str] = "toy"
    default_base_url: ClassVar[str | None] = BASE
    paging = LinkHeaderPaging("", max_size=2)
    fan_out_limit = 2
    max_batch_size = 3


def answer(request: httpx.Request) -> httpx.Response:
    path, page = request.url.path, request.url.params.get("page", "1")
    if path == "/api/things/404":
        return httpx.Response(404)
    if path.startswith("/api/things/"):
        return httpx.Response(200, json={"id": int(path.rsplit("/", 1)[1])})
    if page == "1":
        return httpx.Response(
            200, json=[{"id": 1}, {"id": 2}], headers={"Link": f'<{BASE}/things?page=2>; rel="next"'}
        )
    return httpx.Response(200, json=[{"id": 3}])


def toy() -> tuple[Toy, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(request)

    client = httpx.AsyncClient(transport=httpx.MockTransport(record))
    return Toy(Connection("t", "toy"), client), seen


def test_the_paging_scheme_is_bound_to_the_connection_base_url() -> None:
    adapter, _ = toy()
    assert adapter.paginator == LinkHeaderPaging(BASE, max_size=2)
    assert adapter.upstreams() == (adapter.upstream,)
    assert adapter.upstream.headers == {"Accept": "application/json"}


async def test_a_record_by_id_is_none_on_404() -> None:
    adapter, _ = toy()
    ctx = adapter.ctx(Resource.TAG, "get")
    assert await adapter.fetch_one(Thing, "/things/7", ctx) == Thing(id=7)
    assert await adapter.fetch_one(Thing, "/things/404", ctx) is None


async def test_every_page_follows_the_paginator_and_sends_a_size_only_when_asked() -> None:
    adapter, seen = toy()
    ctx = adapter.ctx(Resource.TAG, "list")
    assert await adapter.fetch_all(Thing, "/things", ctx) == [Thing(id=1), Thing(id=2), Thing(id=3)]
    assert [str(r.url) for r in seen] == [f"{BASE}/things", f"{BASE}/things?page=2"]
    seen.clear()
    items, cursor = await adapter.fetch_page(Thing, "/things", ctx, params={"q": "x"}, page_size=50)
    assert (len(items), cursor) == (2, "/things?page=2")
    assert seen[0].url.params == httpx.QueryParams({"q": "x", "per_page": "2"})


async def test_a_cursor_that_is_not_a_path_here_is_refused_before_any_call() -> None:
    adapter, seen = toy()
    with pytest.raises(ProviderBadInput, match="invalid page cursor"):
        await adapter.fetch_page(
            Thing, "/things", adapter.ctx("tag", "list"), cursor="https://evil.example/x"
        )
    assert seen == []


async def test_fan_out_and_batches_keep_to_the_declared_bounds() -> None:
    adapter, _ = toy()
    running, most = 0, 0

    async def one(i: int) -> int:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.01)
        running -= 1
        return i * 2

    assert await adapter.fan_out(one, range(6)) == [0, 2, 4, 6, 8, 10]
    assert most == 2

    async def size(batch: Sequence[int]) -> int:
        return len(batch)

    assert await adapter.in_batches(size, list(range(7))) == [3, 3, 1]


async def test_only_a_client_the_adapter_made_is_closed_by_it() -> None:
    given, _ = toy()
    await given.aclose()
    assert not given.upstream.client.is_closed
    own = Toy(Connection("t", "toy"))
    await own.aclose()
    assert own.upstream.client.is_closed


def test_pick_answers_a_get_many_from_a_whole_list() -> None:
    tags = [TagRecord(id="a", remote_id="a", name="A"), TagRecord(id="b", remote_id="b", name="B")]
    assert pick(tags, ["b", "x", "a"]) == [tags[1], None, tags[0]]


def test_a_provider_folder_without_a_simulator_module_has_no_simulation() -> None:
    from providers.kit.adapter import HttpAdapter as Base

    class NoSimulator(Base):
        name = "no-simulator"

    assert NoSimulator.simulation() is None  # tests.providers has no ``simulator`` module


def test_a_provider_folder_with_one_is_found_by_convention() -> None:
    from providers.lever import LeverAdapter
    from providers.lever.simulator import SIMULATION

    assert LeverAdapter.simulation() is SIMULATION


def test_an_account_url_is_filled_from_the_options_and_a_missing_one_refused() -> None:
    from providers.base import Connection
    from providers.errors import ConnectionConfigError
    from providers.recruitee import RecruiteeAdapter

    def adapter(**kw: Any) -> RecruiteeAdapter:
        return RecruiteeAdapter(
            Connection(name="rc", provider="recruitee", credentials={"api_token": "t"}, **kw)
        )

    assert adapter(options={"company_id": "acme"}).base_url == "https://api.recruitee.com/c/acme"
    assert (
        adapter(base_url="http://127.0.0.1:9/c/x").base_url == "http://127.0.0.1:9/c/x"
    )  # the config's wins
    with pytest.raises(ConnectionConfigError, match="missing option 'company_id'"):
        adapter()
