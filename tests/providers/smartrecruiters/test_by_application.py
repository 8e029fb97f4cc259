"""An application's attachments (``/candidates/{id}/jobs/{jobId}/attachments``) are served as
the ``application.attachments`` relationship and as the ``attachments`` listing filtered by
``applicationId``, and its reviews (``/reviews?candidateId&jobId``) as the ``scorecards``
listing so filtered, and its offers too (``/candidates/{id}/jobs/{jobId}/offers``: the
account's ``/offers`` names no application, so filtered there none would match): against a mocked SmartRecruiters (respx), and through GraphQL on a
simulated connection, whose answers are the sandbox's. The answers' shapes are the fixtures'
(``GET_candidates_{id}_jobs_{jobId}_attachments.json``: ``content`` items with ``id``, ``name``,
``type``, ``contentType`` and ``actions.download.url``; ``GET_reviews.json``: a bare array)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any, Final, cast

import httpx
import pytest
import respx

from bench.minimum import minimum
from graph.types import application
from loaders.registry import Loaders
from providers.base import Connection
from providers.errors import UnsupportedOperation
from providers.query import Filter, FilterName, ListQuery
from providers.records import AttachmentRecord, Resource
from providers.sandbox import Dataset, generate
from providers.smartrecruiters import SmartRecruitersAdapter
from providers.smartrecruiters.simulator.render import decode
from tests.graph.support import GraphQLClient, make_client
from tests.providers.contract.harness import simulated
from tests.providers.contract.test_calls import LoadersOnly

if TYPE_CHECKING:
    from graph.context import Context

BASE: Final = "https://api.smartrecruiters.com"
R = Resource
SR = SmartRecruitersAdapter


def attachment(i: int) -> dict[str, Any]:
    return {
        "id": f"a{i}",
        "name": f"cv{i}.pdf",
        "type": "RESUME",
        "contentType": "application/pdf",
        "actions": {"download": {"url": f"{BASE}/attachments/a{i}", "method": "GET"}},
    }


@pytest.fixture
async def adapter() -> AsyncIterator[SmartRecruitersAdapter]:
    connection = Connection(name="sr", provider="smartrecruiters", credentials={"api_key": "sr-key"})
    async with httpx.AsyncClient() as http:
        yield SmartRecruitersAdapter(connection, http)


def test_the_relationship_and_the_filters_are_declared() -> None:
    assert "attachments" in SR.supported_fields(R.APPLICATION)
    for resource in (R.ATTACHMENT, R.SCORECARD, R.OFFER):
        assert SR.can_list(resource)
        assert SR.filters_natively(resource, FilterName.APPLICATION_ID)
    assert SR.can_list_children(R.ATTACHMENT, "application")
    # the candidate's own files (``/candidates/{id}/attachments``) are not read
    assert not SR.can_list_children(R.ATTACHMENT, "candidate")


@pytest.mark.respx(base_url=BASE, assert_all_called=True)
async def test_the_listing_by_application_reads_its_attachments_page_by_page(
    adapter: SmartRecruitersAdapter, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.get("/candidates/c%201/jobs/j1/attachments").respond(
        json={"totalFound": 3, "content": [attachment(i) for i in range(3)]}
    )
    flt = Filter(application_id="c 1:j1")
    first = await adapter.list(R.ATTACHMENT, ListQuery(flt, None, 2))
    assert [r.id for r in first.records] == ["a0", "a1"]
    assert first.next_cursor is not None
    rest = await adapter.list(R.ATTACHMENT, ListQuery(flt, None, 2, first.next_cursor))
    assert [r.id for r in rest.records] == ["a2"]
    assert rest.next_cursor is None
    read = first.records[0]
    assert isinstance(read, AttachmentRecord)
    assert (read.application_id, read.candidate_id, read.job_id) == ("c 1:j1", "c 1", "j1")
    assert (read.file_name, read.file_url) == ("cv0.pdf", f"{BASE}/attachments/a0")
    assert route.call_count == 2
    assert route.calls.last.request.headers["X-SmartToken"] == "sr-key"


@pytest.mark.respx(base_url=BASE, assert_all_called=True)
async def test_the_scorecards_listing_by_application_reads_its_reviews(
    adapter: SmartRecruitersAdapter, respx_mock: respx.MockRouter
) -> None:
    review = {"candidateId": "c 1", "jobId": "j1", "reviewerId": "u1", "overallRating": 4}
    route = respx_mock.get("/reviews").respond(json=[{**review, "id": f"rv{i}"} for i in range(2)])
    page = await adapter.list(R.SCORECARD, ListQuery(Filter(application_id="c 1:j1"), None, 10))
    assert [r.id for r in page.records] == ["rv0", "rv1"]
    assert page.next_cursor is None
    assert all(getattr(r, "application_id", None) == "c 1:j1" for r in page.records)
    assert dict(route.calls.last.request.url.params) == {"candidateId": "c 1", "jobId": "j1"}


@pytest.mark.respx(base_url=BASE, assert_all_called=True)
async def test_offers_by_application_are_read_under_it_and_the_rest_at_offers(
    adapter: SmartRecruitersAdapter, respx_mock: respx.MockRouter
) -> None:
    under = respx_mock.get("/candidates/c%201/jobs/j1/offers").respond(
        json={"offset": 0, "totalFound": 1, "content": [{"id": "o1", "status": "CREATED"}]}
    )
    every = respx_mock.get("/offers").respond(
        json={"offset": 0, "totalFound": 1, "content": [{"id": "o2", "status": "ACCEPTED"}]}
    )
    page = await adapter.list(R.OFFER, ListQuery(Filter(application_id="c 1:j1"), None, 10))
    assert [(r.id, getattr(r, "application_id", None)) for r in page.records] == [("o1", "c 1:j1")]
    assert (under.call_count, every.call_count) == (1, 0)
    listed = await adapter.list(R.OFFER, ListQuery(Filter(), None, 10))
    assert [r.id for r in listed.records] == ["o2"]
    assert every.call_count == 1


@pytest.mark.respx(base_url=BASE)
async def test_no_listing_without_an_application_and_none_for_a_foreign_id(
    adapter: SmartRecruitersAdapter, respx_mock: respx.MockRouter
) -> None:
    for resource in (R.ATTACHMENT, R.SCORECARD):
        with pytest.raises(UnsupportedOperation, match="applicationId"):
            await adapter.list(resource, ListQuery(Filter(candidate_id="c1"), None, 10))
        # not ``<candidateId>:<jobId>``: no such application, so no call
        page = await adapter.list(resource, ListQuery(Filter(application_id="c1"), None, 10))
        assert page.records == []
    assert not respx_mock.calls


DATA: Final[Dataset] = generate(5, 30)
CONFIG: Final = {
    "connections": {"demo": {"provider": "smartrecruiters", "simulated": True, "seed": 5, "size": 30}}
}
QUERY: Final = """{
  candidates(first: 30) { edges { node { applications {
    id attachments { id fileName application { id } candidate { id } }
  } } } }
}"""
LISTING: Final = """query($app: ID!) {
  attachments(first: 50, filter: {applicationId: $app}) { edges { node { id fileName } } }
  scorecards(first: 50, filter: {applicationId: $app}) { edges { node { id application { id } } } }
  offers(first: 50, filter: {applicationId: $app}) { edges { node { id application { id } } } }
}"""


def sandbox_children(resource: Resource, application_id: str) -> list[str]:
    """The sandbox's ``resource`` records of the application ``<candidate>:<job>``."""
    candidate, _, job = application_id.partition(":")
    [app] = [
        a
        for a in DATA.children(R.APPLICATION, "candidate").get(decode(candidate) or "", ())
        if getattr(a, "job_id", None) == decode(job)
    ]
    return sorted(a.id for a in DATA.children(resource, "application").get(app.id, ()))


async def test_graphql_serves_the_sandboxs_attachments_of_each_application() -> None:
    async with make_client(CONFIG) as http:
        client = GraphQLClient(http)
        body = await client.post(QUERY)
        assert "errors" not in body, body.get("errors")
        apps = [a for e in body["data"]["candidates"]["edges"] for a in e["node"]["applications"]]
        with_files = [a for a in apps if a["attachments"]]
        assert with_files, "the sandbox attaches files to some applications"
        for app in apps:
            files = app["attachments"]
            assert sorted(decode(f["id"]) or "" for f in files) == sandbox_children(R.ATTACHMENT, app["id"])
            assert all(f["application"]["id"] == app["id"] and f["fileName"] for f in files)
            assert all(f["candidate"]["id"] == app["id"].split(":")[0] for f in files)
        # an application with files, reviews and offers, so that no listing passes empty
        one = next(
            a
            for a in with_files
            if sandbox_children(R.SCORECARD, a["id"]) and sandbox_children(R.OFFER, a["id"])
        )
        listed = await client.post(LISTING, {"app": one["id"]})
    assert "errors" not in listed, listed.get("errors")
    got = [e["node"] for e in listed["data"]["attachments"]["edges"]]
    assert sorted(n["id"] for n in got) == sorted(f["id"] for f in one["attachments"])
    cards = [e["node"] for e in listed["data"]["scorecards"]["edges"]]
    assert cards
    assert sorted(decode(c["id"]) or "" for c in cards) == sandbox_children(R.SCORECARD, one["id"])
    assert all(c["application"]["id"] == one["id"] for c in cards)
    offers = [e["node"] for e in listed["data"]["offers"]["edges"]]
    assert offers
    assert sorted(decode(o["id"]) or "" for o in offers) == sandbox_children(R.OFFER, one["id"])
    assert all(o["application"]["id"] == one["id"] for o in offers)


async def test_the_relationship_costs_what_the_call_model_says() -> None:
    """The contract suite's measure (``tests/providers/contract/test_calls.py``), which skips
    SmartRecruiters there because its applications are not listed: the attachments of a
    candidate's applications, loaded as the gateway loads them, cost one call per application."""
    async with simulated(SR) as sim:
        loaders = Loaders(sim.adapter())
        candidates = await loaders.page(R.CANDIDATE, ListQuery(page_size=10))
        by = await sim.adapter().list_children(R.APPLICATION, "candidate", [c.id for c in candidates.records])
        apps = [a for found in by.values() for a in found]
        assert apps
        ctx = cast("Context", LoadersOnly(loaders))
        before = sim.faults.requests
        started = [application.ATTACHMENTS.request(ctx, a) for a in apps]
        await Loaders.landed(loader for loader in started if loader is not None)
        measured = sim.faults.requests - before
        roots = [
            {"id": a.id, "attachments": [{"id": r.id} for r in application.ATTACHMENTS.reached(ctx, a)]}
            for a in apps
        ]
    assert any(r["attachments"] for r in roots)
    assert measured == len(apps) == sum(minimum(SR.name, "applications", roots).by_level[1:2])


async def test_offers_by_candidate_or_job_are_refused_not_answered_empty() -> None:
    """``GET /offers`` names neither the candidate nor the job: scanning it for one would find
    nothing where there are offers, so the filter is refused (listing_lacks)."""
    from tests.graph.support import GraphQLClient, make_client

    config = {
        "connections": {"sr": {"provider": "smartrecruiters", "simulated": True, "seed": 5, "size": 30}}
    }
    async with make_client(config) as http:
        gql = GraphQLClient(http)
        for flt in ('{candidateId: "c1"}', '{jobId: "j1"}'):
            body = await gql.post(f"{{ offers(first: 5, filter: {flt}) {{ edges {{ node {{ id }} }} }} }}")
            assert body["errors"][0]["extensions"]["code"] == "NOT_SUPPORTED_BY_PROVIDER", flt
            assert body["extensions"]["upstream"]["requests"] == 0
        listed = await gql.post("{ offers(first: 5) { edges { node { id } } } }")
        assert "errors" not in listed
