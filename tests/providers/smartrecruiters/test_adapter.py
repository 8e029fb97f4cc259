"""The adapter against a mocked SmartRecruiters (respx): the ``X-SmartToken`` header, offset
paging (``totalFound``, and the users list that answers neither offset nor total), the paths and
parameters under an application (``<candidateId>:<jobId>``), ``updatedAfter``, and errors.
Payload shapes: the fixtures' (``shared/fixtures/providers/smartrecruiters``), trimmed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import respx

from providers.base import Connection
from providers.errors import ProviderAuthError, ProviderRateLimited
from providers.query import Filter, ListQuery
from providers.records import ApplicationRecord, OfferRecord, Resource, ScorecardRecord
from providers.smartrecruiters.adapter import USERS, SmartRecruitersAdapter

BASE = "https://api.smartrecruiters.com"
R = Resource


def candidate(i: int) -> dict[str, Any]:
    return {
        "id": f"c{i}",
        "firstName": f"C{i}",
        "updatedOn": "2024-01-02T00:00:00.000Z",
        "primaryAssignment": {
            "job": {"id": "j1", "title": "Job"},
            "status": "INTERVIEW",
            "subStatus": "Onsite",
        },
        "secondaryAssignments": [
            {"job": {"id": "j2"}, "status": "REJECTED", "reasonOfRejection": {"id": "r1", "label": "No"}}
        ],
    }


@pytest.fixture
async def adapter() -> AsyncIterator[SmartRecruitersAdapter]:
    connection = Connection(name="sr", provider="smartrecruiters", credentials={"api_key": "sr-key"})
    async with httpx.AsyncClient() as http:
        yield SmartRecruitersAdapter(connection, http)


@pytest.mark.respx(base_url=BASE, assert_all_called=True)
async def test_offset_pages_against_total_found(
    adapter: SmartRecruitersAdapter, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.get("/candidates").mock(
        side_effect=lambda request: httpx.Response(
            200,
            json={
                "limit": 2,
                "offset": int(request.url.params.get("offset", 0)),
                "totalFound": 3,
                "nextPageId": "opaque",
                "content": [candidate(1), candidate(2)]
                if "offset" not in request.url.params
                else [candidate(3)],
            },
        )
    )
    first = await adapter.list(R.CANDIDATE, ListQuery(page_size=2))
    assert [c.id for c in first.records] == ["c1", "c2"]
    assert first.next_cursor == "2"
    second = await adapter.list(R.CANDIDATE, ListQuery(page_size=2, cursor=first.next_cursor))
    assert [c.id for c in second.records] == ["c3"]
    assert second.next_cursor is None
    sent = [call.request for call in route.calls]
    assert [dict(r.url.params) for r in sent] == [{"limit": "2"}, {"limit": "2", "offset": "2"}]
    assert all(r.headers["X-SmartToken"] == "sr-key" for r in sent)


@pytest.mark.respx(base_url=BASE, assert_all_called=True)
async def test_the_users_list_pages_without_offset_or_total(
    adapter: SmartRecruitersAdapter, respx_mock: respx.MockRouter
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params.get("offset", 0))
        users = [{"id": f"u{i}", "email": f"u{i}@example.com"} for i in range(offset, min(offset + 2, 3))]
        return httpx.Response(200, json={"limit": 2, "nextPageId": "opaque", "content": users})

    respx_mock.get(USERS).mock(side_effect=answer)
    first = await adapter.list(R.USER, ListQuery(page_size=2))
    assert first.next_cursor == "2"  # a full page: another may follow
    second = await adapter.list(R.USER, ListQuery(page_size=2, cursor=first.next_cursor))
    assert [u.id for u in second.records] == ["u2"]
    assert second.next_cursor is None


@pytest.mark.respx(base_url=BASE, assert_all_called=True)
async def test_updated_after_is_sent_and_rechecked(
    adapter: SmartRecruitersAdapter, respx_mock: respx.MockRouter
) -> None:
    stale = {**candidate(2), "updatedOn": "2023-01-01T00:00:00.000Z"}
    route = respx_mock.get("/candidates").respond(
        json={"offset": 0, "totalFound": 2, "content": [candidate(1), stale]}
    )
    page = await adapter.list(
        R.CANDIDATE, ListQuery(filter=Filter(updated_after=datetime(2023, 6, 1, tzinfo=UTC)))
    )
    assert [c.id for c in page.records] == ["c1"]
    assert route.calls.last.request.url.params["updatedAfter"] == "2023-06-01T00:00:00.000+00:00"


@pytest.mark.respx(base_url=BASE, assert_all_called=True)
async def test_applications_are_the_candidates_assignments(
    adapter: SmartRecruitersAdapter, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.get("/candidates/c1").respond(json=candidate(1))
    [primary, rejected, missing] = await adapter.get_many(R.APPLICATION, ["c1:j1", "c1:j2", "c1:j9"])
    assert route.call_count == 1  # one candidate read for all its applications
    assert isinstance(primary, ApplicationRecord)
    assert isinstance(rejected, ApplicationRecord)
    assert (primary.candidate_id, primary.job_id, primary.current_stage_id) == (
        "c1",
        "j1",
        "INTERVIEW:Onsite",
    )
    assert (rejected.current_stage_id, rejected.reject_reason_id) == ("REJECTED", "r1")
    assert missing is None
    [stage] = await adapter.get_many(R.JOB_INTERVIEW_STAGE, ["INTERVIEW:Onsite"])
    assert stage is not None
    assert (getattr(stage, "name", None), getattr(stage, "status", None)) == (
        "Onsite",
        "INTERVIEW",
    )


@pytest.mark.respx(base_url=BASE, assert_all_called=True)
async def test_reads_under_an_application(
    adapter: SmartRecruitersAdapter, respx_mock: respx.MockRouter
) -> None:
    offers = respx_mock.get("/candidates/c%201/jobs/j1/offers").respond(
        json={"offset": 0, "totalFound": 1, "content": [{"id": "o1", "status": "CREATED"}]}
    )
    reviews = respx_mock.get("/reviews").respond(
        json=[{"id": "rv1", "candidateId": "c 1", "jobId": "j1", "reviewerId": "u1", "overallRating": 5}]
    )
    [[offer]] = (await adapter.list_offers_by_application_ids(["c 1:j1"])).values()
    assert isinstance(offer, OfferRecord)
    assert (offer.application_id, offer.candidate_id) == ("c 1:j1", "c 1")
    [[card]] = (await adapter.list_scorecards_by_application_ids(["c 1:j1"])).values()
    assert isinstance(card, ScorecardRecord)
    assert card.application_id == "c 1:j1"
    assert dict(reviews.calls.last.request.url.params) == {"candidateId": "c 1", "jobId": "j1"}
    assert offers.call_count == 1


@pytest.mark.respx(base_url=BASE)
@pytest.mark.parametrize(("status", "error"), [(401, ProviderAuthError), (429, ProviderRateLimited)])
async def test_errors_map_without_the_key(
    adapter: SmartRecruitersAdapter, respx_mock: respx.MockRouter, status: int, error: type[Exception]
) -> None:
    body = {"message": "nope", "errors": [{"code": str(status), "message": "nope"}]}
    respx_mock.get("/jobs").respond(status, json=body, headers={"Retry-After": "0"})
    with pytest.raises(error) as raised:
        await adapter.list(R.JOB, ListQuery())
    assert "sr-key" not in str(raised.value)
