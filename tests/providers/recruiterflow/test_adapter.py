"""The adapter against a mocked Recruiterflow (respx): the ``RF-Api-Key`` header, page-number
paging over bare arrays (a short page is the last), the per-job pipeline read, the reads by id
that read the whole list once, and the errors. Payloads are built from the fixture shapes'
keys (``shared/fixtures/providers/recruiterflow/*.shape.json``) with invented values."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import respx

from providers.base import Connection
from providers.errors import ProviderAuthError, UnsupportedOperation
from providers.query import Filter, ListQuery
from providers.records import ApplicationRecord, CandidateRecord, Resource
from providers.recruiterflow.adapter import BASE_URL, RecruiterflowAdapter

R = Resource
KEY = "rf-secret-key"


def candidate(i: int, *jobs: tuple[int, str]) -> dict[str, Any]:
    """A ``candidate/list`` item: the shape's keys this test needs, invented values."""
    return {
        "id": i,
        "name": f"C {i}",
        "email": [f"c{i}@example.com"],
        "jobs": [{"job_id": j, "stage_name": s, "added_time": "2024-01-02T03:04:05+0000"} for j, s in jobs],
    }


@pytest.fixture
async def adapter() -> AsyncIterator[RecruiterflowAdapter]:
    connection = Connection(name="rf", provider="recruiterflow", credentials={"api_key": KEY})
    async with httpx.AsyncClient() as http:
        yield RecruiterflowAdapter(connection, http)


@respx.mock
async def test_the_key_header_and_page_numbers(adapter: RecruiterflowAdapter) -> None:
    route = respx.get(f"{BASE_URL}/candidate/list").respond(json=[candidate(1), candidate(2)])
    page = await adapter.list(R.CANDIDATE, ListQuery(page_size=2))
    sent = route.calls.last.request
    assert sent.headers["RF-Api-Key"] == KEY
    assert "Authorization" not in sent.headers
    assert dict(sent.url.params) == {"current_page": "1", "items_per_page": "2"}
    assert [r.id for r in page.records] == ["1", "2"]
    assert page.next_cursor == "2:2"  # a full page: there may be another
    await adapter.list(R.CANDIDATE, ListQuery(page_size=50, cursor=page.next_cursor))
    # the cursor's size wins: page 2 means nothing under another size
    assert dict(route.calls.last.request.url.params) == {"current_page": "2", "items_per_page": "2"}


@respx.mock
async def test_a_short_page_is_the_last(adapter: RecruiterflowAdapter) -> None:
    respx.get(f"{BASE_URL}/candidate/list").respond(json=[candidate(1)])
    page = await adapter.list(R.CANDIDATE, ListQuery(page_size=2))
    assert page.next_cursor is None


@respx.mock
async def test_a_candidate_page_brings_its_applications(adapter: RecruiterflowAdapter) -> None:
    respx.get(f"{BASE_URL}/candidate/list").respond(json=[candidate(5, (531, "Offer"), (9, "Disqualified"))])
    [c] = (await adapter.list(R.CANDIDATE, ListQuery(page_size=10))).records
    assert isinstance(c, CandidateRecord)
    assert c.application_ids == ("5:531", "5:9")
    apps = [a for a in c.embedded if isinstance(a, ApplicationRecord)]
    assert [(a.id, a.job_id, a.current_stage_id) for a in apps] == [
        ("5:531", "531", "Offer"),
        ("5:9", "9", "Disqualified"),
    ]


@respx.mock
async def test_by_id_the_whole_list_is_read_once_and_kept(adapter: RecruiterflowAdapter) -> None:
    """No endpoint reads one candidate: every page of the list, then no call for a while."""
    full = [candidate(i) for i in range(1, 101)]
    route = respx.get(f"{BASE_URL}/candidate/list").mock(
        side_effect=lambda request: httpx.Response(
            200, json=full if request.url.params["current_page"] == "1" else [candidate(101)]
        )
    )
    found = await adapter.get_many(R.CANDIDATE, ["101", "3", "999"])
    assert [r.id if r else None for r in found] == ["101", "3", None]
    assert [c.request.url.params["current_page"] for c in route.calls] == ["1", "2"]
    await adapter.get_many(R.CANDIDATE, ["4"])
    assert route.call_count == 2


PIPELINE = {  # the keys of GET_api_external_job_pipeline.shape.json
    "summary": [{"id": 1, "name": "Applied", "count": 1}, {"id": 2, "name": "Disqualified", "count": 1}],
    "detail": [
        {
            "candidate": {"id": 5, "name": "C 5"},
            "stages": [
                {"from": None, "to": "Applied", "time": "2024-01-02T03:04:05+0000"},
                {
                    "from": "Applied",
                    "to": "Disqualified",
                    "time": "2024-02-02T03:04:05+0000",
                    "reason": "No visa",
                },
            ],
        }
    ],
}


@respx.mock
async def test_applications_and_stages_by_job_come_from_its_pipeline(adapter: RecruiterflowAdapter) -> None:
    route = respx.get(f"{BASE_URL}/job/pipeline").respond(json=PIPELINE)
    [app] = await adapter.get_many(R.APPLICATION, ["5:531"])
    assert route.calls.last.request.url.params["job_id"] == "531"
    assert isinstance(app, ApplicationRecord)
    assert (app.current_stage_id, app.reject_reason_id) == ("Disqualified", "No visa")
    assert app.rejected_at is not None
    stages = await adapter.list_job_interview_stages_by_job_ids(["531"])
    assert [(s.id, getattr(s, "position", None)) for s in stages["531"]] == [
        ("Applied", 0),
        ("Disqualified", 1),
    ]


@respx.mock
async def test_an_unknown_job_has_no_pipeline(adapter: RecruiterflowAdapter) -> None:
    respx.get(f"{BASE_URL}/job/pipeline").respond(404, json={"error": "Job not found"})
    assert await adapter.get_many(R.APPLICATION, ["5:1"]) == [None]
    assert await adapter.get_many(R.APPLICATION, ["no-job"]) == [None]  # no call at all


@respx.mock
async def test_activities_need_a_candidate(adapter: RecruiterflowAdapter) -> None:
    route = respx.get(f"{BASE_URL}/candidate/activity/list").respond(json={"data": []})
    with pytest.raises(UnsupportedOperation):
        await adapter.list(R.ACTIVITY, ListQuery())
    await adapter.list(R.ACTIVITY, ListQuery(page_size=5, filter=Filter(candidate_id="47509")))
    assert dict(route.calls.last.request.url.params) == {
        "id": "47509",
        "current_page": "1",
        "items_per_page": "5",
    }


async def test_a_reject_reason_is_its_text_without_a_call(adapter: RecruiterflowAdapter) -> None:
    [reason] = await adapter.get_many(R.REJECT_REASON, ["No visa"])
    assert reason is not None
    assert reason.name == "No visa"  # type: ignore[attr-defined]


async def test_a_reject_reasons_remote_data_is_its_text(adapter: RecruiterflowAdapter) -> None:
    """As Pinpoint's and Recruitee's: the reason as the wire has it, the text of the move."""
    [reason, none] = await adapter.get_many(R.REJECT_REASON, ["No visa", ""])
    assert reason is not None
    assert reason.remote_data == "No visa"
    assert none is None


@respx.mock
async def test_a_refused_key_is_an_auth_error_that_does_not_show_it(adapter: RecruiterflowAdapter) -> None:
    respx.get(f"{BASE_URL}/job/list").respond(401, json={"error": "Invalid API key"})
    with pytest.raises(ProviderAuthError) as caught:
        await adapter.list(R.JOB, ListQuery())
    assert KEY not in f"{caught.value} {caught.value!r}"
