"""Greenhouse's quirks over the kit that the other tests do not name: integer ids on every
derived read, versioned paths, and the simulator's Harvest-only rate-limit headers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import respx

from providers.query import ListQuery

from . import sim
from .helpers import BASE, adapter, page


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as c:
        yield c


async def test_a_parent_id_that_is_no_integer_has_no_children_and_costs_no_call(
    client: httpx.AsyncClient,
) -> None:
    gh = adapter(client)
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        tags = mock.get("/v1/candidates/5/tags").mock(return_value=page([{"id": 1, "name": "Ruby"}]))
        by_candidate = await gh.list_tags_by_candidate_ids(["5", "../users", "x"])
        feeds = await gh.list_activities_by_candidate_ids(["abc"])
        offers = await gh.list_offers_by_application_ids(["1/2"])
        stages = await gh.get_job_interview_stages(["-1"])
    assert [t.id for t in by_candidate["5"]] == ["1"]
    assert by_candidate["../users"] == by_candidate["x"] == []
    assert (feeds, offers, stages) == ({"abc": []}, {"1/2": []}, [None])
    assert tags.call_count == 1  # any other request would have no route: respx refuses it


async def test_declared_paths_are_read_under_the_credentials_version(client: httpx.AsyncClient) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/v1/offers/7").mock(return_value=httpx.Response(200, json={"id": 7}))
        (offer,) = await adapter(client).get_offers(["7"])
    assert offer is not None
    assert offer.id == "7"
    assert route.call_count == 1


async def test_the_simulator_announces_a_reset_only_on_a_429() -> None:
    faults = sim.SimulatorFaults(rate_limit=1, retry_after_s=5)
    async with sim.client(sim.app(sim.small_dataset(), faults)) as http:
        served = await http.get("/v1/tags/candidate", auth=(sim.KEY, ""))
        refused = await http.get("/v1/tags/candidate", auth=(sim.KEY, ""))
    assert served.status_code == 200
    assert "X-RateLimit-Reset" not in served.headers
    assert served.headers["X-RateLimit-Limit"] == "1"
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "5"
    assert "X-RateLimit-Reset" in refused.headers


async def test_a_v3_listing_pages_through_the_simulator_with_bearer_tokens() -> None:
    async with sim.client(sim.app(sim.small_dataset())) as http:
        gh = sim.adapter(http, sim.V3)
        first = await gh.list_jobs(ListQuery(page_size=2))
        second = await gh.list_jobs(ListQuery(page_size=2, cursor=first.next_cursor))
    assert first.next_cursor is not None
    assert first.next_cursor.startswith("/v3/jobs?cursor=")
    assert {r.id for r in first.records}.isdisjoint({r.id for r in second.records})


def test_the_simulator_renders_a_record_once_per_shape() -> None:
    from providers.greenhouse.simulator.render import Renderer
    from providers.records import Resource

    data = sim.small_dataset()
    renderer = Renderer(data)
    user = data.records(Resource.USER)[0]
    assert renderer.user(user) is renderer.user(user)  # kept: the dataset never changes
    assert "custom_fields" in renderer.user(user, custom_fields=True)
    assert "custom_fields" not in renderer.user(user)
