"""The adapter against a mocked BambooHR (respx): the HR API's base URL and Basic auth, the
parameters an application listing sends, pages of the server's size cut to the size asked,
and candidates derived from (and kept with) the whole listing. Payload shapes follow the
fixtures' ``GET_applicant_tracking_applications.json``."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import respx

from providers.bamboohr import BambooHRAdapter
from providers.base import Connection
from providers.errors import ConnectionConfigError, ProviderAuthError
from providers.query import Filter, ListQuery
from providers.records import CandidateRecord, Resource

R = Resource
BASE = "https://api.bamboohr.com/api/gateway.php/acme/v1"
APPLICATIONS = f"{BASE}/applicant_tracking/applications"


def application(i: int, applicant: int, job: int = 15) -> dict[str, Any]:
    return {
        "id": i,
        "appliedDate": f"2019-02-05T21:{i % 60:02d}:16+00:00",
        "status": {"id": 2, "label": "Reviewed"},
        "rating": None,
        "applicant": {
            "id": applicant,
            "firstName": "A",
            "lastName": str(applicant),
            "email": f"{applicant}@x.test",
        },
        "job": {"id": job, "title": {"id": None, "label": "IT Security Engineer"}},
    }


def page(items: list[dict[str, Any]], complete: bool) -> httpx.Response:
    return httpx.Response(
        200, json={"paginationComplete": complete, "applications": items, "nextPageUrl": None}
    )


def connect(**options: Any) -> Connection:
    return Connection(name="b", provider="bamboohr", credentials={"api_key": "secret-key"}, options=options)


@pytest.fixture
async def adapter() -> AsyncIterator[BambooHRAdapter]:
    async with httpx.AsyncClient() as http:
        yield BambooHRAdapter(connect(company_domain="acme"), http)


@respx.mock
async def test_calls_go_to_the_company_under_the_hr_api_with_the_key_as_basic_user(
    adapter: BambooHRAdapter,
) -> None:
    route = respx.get(f"{BASE}/applicant_tracking/statuses").respond(json=[])
    await adapter.list(R.JOB_INTERVIEW_STAGE, ListQuery())
    sent = route.calls.last.request
    assert sent.headers["Authorization"] == "Basic " + base64.b64encode(b"secret-key:x").decode()
    assert sent.headers["Accept"] == "application/json"  # BambooHR answers XML otherwise


async def test_a_connection_without_its_company_domain_is_refused() -> None:
    async with httpx.AsyncClient() as http:
        with pytest.raises(ConnectionConfigError, match="company_domain"):
            BambooHRAdapter(connect(), http)
        with pytest.raises(ConnectionConfigError):
            BambooHRAdapter(connect(company_domain="../x"), http)


@respx.mock
async def test_a_listing_asks_every_status_and_sends_filters_as_bamboohr_names_them(
    adapter: BambooHRAdapter,
) -> None:
    route = respx.get(APPLICATIONS).mock(return_value=page([application(1, 9)], True))
    since = datetime(2024, 1, 1, 13, 0, tzinfo=UTC)
    await adapter.list(R.APPLICATION, ListQuery(Filter(job_id="15", created_after=since), page_size=5))
    params = route.calls.last.request.url.params
    assert params["applicationStatus"] == params["jobStatusGroups"] == "ALL"
    assert params["jobId"] == "15"
    assert params["newSince"] == "2024-01-01 13:00:00"  # "Y-m-d H:i:s", UTC
    assert params["page"] == "1"
    assert "per_page" not in params  # ignored by BambooHR: never sent


@respx.mock
async def test_pages_of_the_servers_size_are_cut_and_filled_to_the_size_asked(
    adapter: BambooHRAdapter,
) -> None:
    upstream = [[application(i, i) for i in range(n, n + 3)] for n in (1, 4, 7)]
    route = respx.get(APPLICATIONS).mock(
        side_effect=lambda request: page(
            upstream[int(request.url.params["page"]) - 1], request.url.params["page"] == "3"
        )
    )
    ids: list[str] = []
    cursor = None
    sizes = []
    while True:
        got = await adapter.list(R.APPLICATION, ListQuery(page_size=4, cursor=cursor))
        ids += [r.id for r in got.records]
        sizes.append(len(got.records))
        if (cursor := got.next_cursor) is None:
            break
    assert ids == [str(i) for i in range(1, 10)]
    assert sizes == [4, 4, 1]
    assert route.call_count >= 3


@respx.mock
async def test_candidates_are_applicants_once_with_every_application_read_once(
    adapter: BambooHRAdapter,
) -> None:
    route = respx.get(APPLICATIONS).mock(
        side_effect=[page([application(1, 7), application(2, 8)], False), page([application(3, 7)], True)]
    )
    first = await adapter.list(R.CANDIDATE, ListQuery(page_size=1))
    rest = await adapter.list(R.CANDIDATE, ListQuery(page_size=1, cursor=first.next_cursor))
    found = await adapter.get_many(R.CANDIDATE, ["8", "7", "404"])
    assert [c.id for c in [*first.records, *rest.records]] == ["7", "8"]
    assert rest.next_cursor is None
    seven = first.records[0]
    assert isinstance(seven, CandidateRecord)
    assert seven.application_ids == ("1", "3")  # across upstream pages
    assert [c.id if c else None for c in found] == ["8", "7", None]
    assert route.call_count == 2  # the whole listing, once, kept for the pages and the gets


@respx.mock
async def test_a_refused_key_is_an_auth_error_without_the_key(adapter: BambooHRAdapter) -> None:
    respx.get(APPLICATIONS).respond(401)
    with pytest.raises(ProviderAuthError) as caught:
        await adapter.list(R.APPLICATION, ListQuery())
    assert "secret-key" not in f"{caught.value} {caught.value!r}"
