"""The adapter against a mocked Teamtailor (respx): the headers every call sends, JSON:API paging
through ``links.next``, the includes each read asks, and the errors the README lists."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import respx

from providers.base import Connection
from providers.errors import ProviderAuthError, ProviderRateLimited, ProviderResponseInvalid
from providers.query import Filter, ListQuery, Sort, SortField
from providers.records import ApplicationRecord, CandidateRecord, JobRecord, Resource
from providers.teamtailor.adapter import INCLUDE, TeamtailorAdapter

BASE = "https://api.teamtailor.com/v1"


def candidate(i: int, applications: tuple[str, ...] | None = None) -> dict[str, Any]:
    rels: dict[str, Any] = {
        "job-applications": {"links": {"related": f"{BASE}/candidates/{i}/job-applications"}}
    }
    if applications is not None:
        rels["job-applications"]["data"] = [{"type": "job-applications", "id": a} for a in applications]
    attributes = {"first-name": f"C{i}", "email": f"c{i}@example.com", "tags": ["vip"]}
    return {"id": str(i), "type": "candidates", "attributes": attributes, "relationships": rels}


def application(i: int, job: str) -> dict[str, Any]:
    return {
        "id": str(i),
        "type": "job-applications",
        "attributes": {"created-at": "2020-03-31T15:46:24.154+02:00"},
        "relationships": {
            "job": {"data": {"type": "jobs", "id": job}},
            "stage": {"data": None},
            "reject-reason": {"data": None},
        },
    }


JOB = {
    "id": "26",
    "type": "jobs",
    "attributes": {"title": "Rails developer", "human-status": "published", "remote-status": "fully"},
    "relationships": {
        "department": {"data": {"type": "departments", "id": "3"}},
        "locations": {"data": []},
        "user": {"data": None},
    },
}


@pytest.fixture
async def adapter() -> AsyncIterator[TeamtailorAdapter]:
    connection = Connection(name="tt", provider="teamtailor", credentials={"api_key": "tt-key"})
    async with httpx.AsyncClient() as http:
        yield TeamtailorAdapter(connection, http)


@respx.mock
async def test_every_call_sends_the_token_the_version_and_the_includes(adapter: TeamtailorAdapter) -> None:
    route = respx.get(f"{BASE}/candidates").respond(json={"data": [], "links": {}})
    await adapter.list(Resource.CANDIDATE, ListQuery(page_size=5))
    sent = route.calls.last.request
    assert sent.headers["Authorization"] == "Token token=tt-key"
    assert sent.headers["X-Api-Version"] == "20161108"
    assert sent.headers["Accept"] == "application/vnd.api+json"
    assert sent.url.params["include"] == INCLUDE["candidate"]
    assert sent.url.params["page[size]"] == "5"


async def test_the_na_stack_and_a_pinned_version() -> None:
    credentials = {"api_key": "k", "region": "na", "api_version": "20240404"}
    adapter = TeamtailorAdapter(Connection(name="tt", provider="teamtailor", credentials=credentials))
    try:
        assert adapter.base_url == "https://api.na.teamtailor.com/v1"
        assert adapter.upstream_headers()["X-Api-Version"] == "20240404"
    finally:
        await adapter.aclose()


@respx.mock
async def test_pages_follow_links_next_on_the_connections_host(adapter: TeamtailorAdapter) -> None:
    # Teamtailor writes its own host into links.next; the cursor keeps only the path under /v1
    nxt = "https://api.teamtailor.com/v1/candidates?page%5Bnumber%5D=2&page%5Bsize%5D=1&include=x"

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.params.get("page[number]") == "2":
            return httpx.Response(200, json={"data": [candidate(2)], "links": {}})
        return httpx.Response(200, json={"data": [candidate(1)], "links": {"next": nxt}})

    route = respx.get(f"{BASE}/candidates").mock(side_effect=answer)
    page = await adapter.list(Resource.CANDIDATE, ListQuery(page_size=1))
    assert page.next_cursor == "/candidates?page%5Bnumber%5D=2&page%5Bsize%5D=1&include=x"
    after = await adapter.list(Resource.CANDIDATE, ListQuery(page_size=1, cursor=page.next_cursor))
    assert [c.id for c in after.records] == ["2"]
    assert after.next_cursor is None
    # the next link carries its own include: not sent twice
    assert route.calls.last.request.url.params.get_list("include") == ["x"]


@respx.mock
async def test_filters_and_sorts_are_query_parameters(adapter: TeamtailorAdapter) -> None:
    route = respx.get(f"{BASE}/candidates").respond(json={"data": [candidate(1)]})
    flt = Filter(email="C1@example.com")
    page = await adapter.list(Resource.CANDIDATE, ListQuery(flt, Sort(SortField.UPDATED_AT, True), 10))
    params = route.calls.last.request.url.params
    assert params["filter[email]"] == "C1@example.com"
    assert params["sort"] == "-updated-at"
    assert [c.id for c in page.records] == ["1"]  # re-checked case-insensitively


@respx.mock
async def test_a_candidates_included_applications_and_jobs_are_embedded(adapter: TeamtailorAdapter) -> None:
    body = {"data": [candidate(1, ("7",))], "included": [application(7, "26"), JOB]}
    respx.get(f"{BASE}/candidates").respond(json=body)
    (c,) = (await adapter.list(Resource.CANDIDATE, ListQuery(page_size=5))).records
    assert isinstance(c, CandidateRecord)
    assert c.application_ids == ("7",)
    assert c.tag_ids == ("vip",)
    app = next(r for r in c.embedded if isinstance(r, ApplicationRecord))
    # the application's candidate is its parent: Teamtailor does not repeat that linkage
    assert (app.candidate_id, app.job_id, app.current_stage_id) == ("1", "26", None)
    job = next(r for r in c.embedded if isinstance(r, JobRecord))
    assert (job.department_ids, job.is_remote) == (("3",), True)


@respx.mock
async def test_applications_by_candidate_read_the_related_endpoint(adapter: TeamtailorAdapter) -> None:
    route = respx.get(f"{BASE}/candidates/1/job-applications").respond(json={"data": [application(7, "26")]})
    found = await adapter.list_children(Resource.APPLICATION, "candidate", ["1"])
    assert [a.id for a in found["1"]] == ["7"]
    assert route.calls.last.request.url.params["include"] == INCLUDE["application"]


@respx.mock
async def test_jobs_ask_every_status(adapter: TeamtailorAdapter) -> None:
    route = respx.get(f"{BASE}/jobs").respond(json={"data": [JOB]})
    await adapter.list(Resource.JOB, ListQuery(page_size=5))
    assert route.calls.last.request.url.params["filter[status]"] == "all"


def errors(status: int) -> dict[str, Any]:
    return {"errors": [{"status": str(status), "detail": "nope"}]}


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (401, ProviderAuthError),
        (403, ProviderAuthError),
        (406, ProviderResponseInvalid),
        (422, ProviderResponseInvalid),
    ],
)
@respx.mock
async def test_errors(adapter: TeamtailorAdapter, status: int, error: type[Exception]) -> None:
    respx.get(f"{BASE}/candidates").respond(status, json=errors(status))
    with pytest.raises(error):
        await adapter.list(Resource.CANDIDATE, ListQuery(page_size=5))


@respx.mock
async def test_a_missing_record_is_none(adapter: TeamtailorAdapter) -> None:
    respx.get(f"{BASE}/candidates/9").respond(404, json=errors(404))
    assert await adapter.get_many(Resource.CANDIDATE, ["9"]) == [None]


@respx.mock
async def test_429_is_rate_limited(adapter: TeamtailorAdapter) -> None:
    route = respx.get(f"{BASE}/users/1").respond(429, json=errors(429), headers={"Retry-After": "0"})
    with pytest.raises(ProviderRateLimited):
        await adapter.get_many(Resource.USER, ["1"])
    assert route.called


@respx.mock
async def test_a_list_answer_without_data_is_invalid(adapter: TeamtailorAdapter) -> None:
    respx.get(f"{BASE}/candidates").respond(json={"candidates": []})
    with pytest.raises(ProviderResponseInvalid):
        await adapter.list(Resource.CANDIDATE, ListQuery(page_size=5))


@respx.mock
async def test_the_company_is_the_organization_and_tags_cost_nothing(adapter: TeamtailorAdapter) -> None:
    respx.get(f"{BASE}/company").respond(
        json={"data": {"id": "Fk", "type": "companies", "attributes": {"name": "Acme"}}}
    )
    assert [o.name for o in (await adapter.list(Resource.ORGANIZATION, ListQuery())).records] == ["Acme"]  # type: ignore[attr-defined]
    assert [t.name for t in await adapter.get_many(Resource.TAG, ["vip"]) if t] == ["vip"]  # type: ignore[attr-defined]


@respx.mock
async def test_a_next_link_without_the_include_keeps_its_page(adapter: TeamtailorAdapter) -> None:
    """Were Teamtailor's links.next to drop ``include``, the next page still includes and is
    still page 2 (httpx replaces a URL's query by any ``params``, so they join the query)."""
    route = respx.get(f"{BASE}/job-applications").respond(json={"data": [], "links": {}})
    cursor = "/job-applications?page%5Bnumber%5D=2&page%5Bsize%5D=5"
    await adapter.list(Resource.APPLICATION, ListQuery(page_size=5, cursor=cursor))
    params = route.calls.last.request.url.params
    assert (params["page[number]"], params["page[size]"]) == ("2", "5")
    assert params["include"] == INCLUDE["application"]


@respx.mock
async def test_a_parents_children_are_read_30_a_page(adapter: TeamtailorAdapter) -> None:
    route = respx.get(f"{BASE}/jobs/26/stages").respond(json={"data": [], "links": {}})
    await adapter.list_children(Resource.JOB_INTERVIEW_STAGE, "job", ["26"])
    assert route.calls.last.request.url.params["page[size]"] == "30"
