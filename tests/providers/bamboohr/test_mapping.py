"""Golden mapping tests over every payload in ``shared/fixtures/providers/bamboohr`` (the
bamboozled client's recorded responses and Nango's recordings of BambooHR's demo company; see
that folder's README), each answered to the real adapter by a mocked BambooHR (respx) at the
path it was recorded from, so the adapter's own envelope, paging and table reads are used.
Every file is either read here, or listed in :data:`NOT_READ` with why. They skip on a plain
clone without ``../shared``."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Final

import httpx
import pytest
import respx

from providers.bamboohr import BambooHRAdapter
from providers.base import Connection
from providers.query import ListQuery
from providers.records import (
    ApplicationRecord,
    CandidateRecord,
    EmailAddress,
    JobRecord,
    JobStatus,
    Resource,
    Source,
    Url,
    UserRecord,
)
from tests.shared import PROVIDER_FIXTURES, load_fixture

R = Resource
BASE = "https://api.bamboohr.com/api/gateway.php/acme/v1"
P = "bamboohr"
NANGO = "recorded-nango/"
READ: Final = {
    "GET_applicant_tracking_applications.json",
    "GET_applicant_tracking_applications_{id}.json",
    "GET_applicant_tracking_jobs.json",
    "GET_applicant_tracking_statuses.json",
    NANGO + "GET_applicant_tracking_applications.applicants.page1.json",
    NANGO + "GET_applicant_tracking_applications.applicants.page2.json",
    NANGO + "GET_applicant_tracking_applications.list-applicants.json",
    NANGO + "GET_applicant_tracking_applications_{id}.get-applicant.json",
    NANGO + "GET_applicant_tracking_jobs.job-openings.json",
    NANGO + "GET_applicant_tracking_jobs.list-job-openings.json",
    NANGO + "GET_meta_lists.list-locations.json",
    NANGO + "GET_meta_users.list-users.json",
}
NOT_READ: Final = {
    "POST_applicant_tracking_applications_{id}_comments.json": "a write's answer (writes are not served yet)",
    "POST_applicant_tracking_applications_{id}_comments.request.json": "a write's body",
    "POST_applicant_tracking_applications_{id}_status.json": "a write's answer",
    "POST_applicant_tracking_applications_{id}_status.request.json": "a write's body",
    NANGO + "POST_applicant_tracking_application.create-applicant.json": "a write's answer",
    NANGO + "POST_applicant_tracking_application.create-applicant.request.json": "a write's body",
    NANGO + "GET_webhooks.list-webhooks.json": "webhooks report employee fields only, no ATS event",
    NANGO + "POST_webhooks.create-webhook.json": "idem (a webhook's registration)",
    NANGO + "POST_webhooks.create-webhook.request.json": "idem",
}


@pytest.fixture
async def adapter() -> AsyncIterator[BambooHRAdapter]:
    connection = Connection(
        name="b", provider=P, credentials={"api_key": "k"}, options={"company_domain": "acme"}
    )
    async with httpx.AsyncClient() as http:
        yield BambooHRAdapter(connection, http)


def serve(path: str, name: str) -> respx.Route:
    return respx.get(f"{BASE}{path}").respond(json=load_fixture(P, name))


def test_every_fixture_is_read_or_said_why_not() -> None:
    folder = PROVIDER_FIXTURES / P
    if not folder.is_dir():
        pytest.skip(f"shared fixtures not found at {folder}")
    found = {str(f.relative_to(folder)) for f in folder.rglob("*.json") if f.name != "_index.json"}
    assert found == READ | set(NOT_READ)


@pytest.mark.parametrize("name", sorted(NOT_READ))
def test_the_write_and_webhook_payloads_parse(name: str) -> None:
    """At least parsed: each is a JSON object (their shapes are kept for the writes to come)."""
    assert isinstance(load_fixture(P, name), dict)


@respx.mock
async def test_the_bamboozled_listing_gives_applications_and_their_applicants(
    adapter: BambooHRAdapter,
) -> None:
    serve("/applicant_tracking/applications", "GET_applicant_tracking_applications.json")
    page = await adapter.list(R.APPLICATION, ListQuery(page_size=100))
    first = page.records[0]
    assert isinstance(first, ApplicationRecord)
    assert (first.id, first.candidate_id, first.job_id, first.current_stage_id) == ("33", "95", "15", "5")
    assert first.applied_at == datetime(2019, 2, 5, 21, 3, 16, tzinfo=UTC)
    assert first.rejected_at is None  # a list item's status has no dateChanged
    assert first.remote_data["rating"] == 5
    body = load_fixture(P, "GET_applicant_tracking_applications.json")
    assert [r.id for r in page.records] == [str(a["id"]) for a in body["applications"]]
    assert page.next_cursor is None  # paginationComplete

    people = await adapter.list(R.CANDIDATE, ListQuery(page_size=100))
    applicants = {a["applicant"]["id"] for a in body["applications"]}
    assert len(people.records) == len(applicants)
    nathan = people.records[0]
    assert isinstance(nathan, CandidateRecord)
    assert (nathan.id, nathan.name, nathan.application_ids) == ("95", "Nathan Rose", ("33",))
    assert nathan.emails == (EmailAddress(email="nathan@efficientoffice.com", is_primary=True),)
    assert [r.id for r in nathan.embedded] == ["33"]


@respx.mock
async def test_the_nango_pages_end_where_pagination_is_complete(adapter: BambooHRAdapter) -> None:
    """Nango asked ``per_page=2`` and got 18 applications on a complete page 1 (and an empty
    page 2 when it asked anyway): one request lists them all."""
    route = serve(
        "/applicant_tracking/applications",
        NANGO + "GET_applicant_tracking_applications.applicants.page1.json",
    )
    page = await adapter.list(R.APPLICATION, ListQuery(page_size=100))
    assert len(page.records) == 18
    assert route.call_count == 1
    james = page.records[0]
    assert isinstance(james, ApplicationRecord)
    assert (james.id, james.candidate_id, james.job_id) == ("58", "114", "19")  # "General Application"
    assert james.source == Source(name="ZipRecruiter")


@respx.mock
async def test_the_default_order_listing_reads_the_same_applications(adapter: BambooHRAdapter) -> None:
    """Nango's plain listing (``page=1`` only): the same 18 in BambooHR's default order."""
    name = NANGO + "GET_applicant_tracking_applications.list-applicants.json"
    serve("/applicant_tracking/applications", name)
    page = await adapter.list(R.APPLICATION, ListQuery(page_size=100))
    assert [r.remote_data for r in page.records] == load_fixture(P, name)["applications"]
    assert [r.id for r in page.records][:3] == ["61", "60", "48"]


@respx.mock
async def test_an_incomplete_page_is_followed_by_the_next_number(adapter: BambooHRAdapter) -> None:
    first = load_fixture(P, NANGO + "GET_applicant_tracking_applications.applicants.page1.json")
    last = load_fixture(P, NANGO + "GET_applicant_tracking_applications.applicants.page2.json")
    route = respx.get(f"{BASE}/applicant_tracking/applications").mock(
        side_effect=[
            httpx.Response(200, json={**first, "paginationComplete": False}),
            httpx.Response(200, json=last),
        ]
    )
    people = await adapter.list(R.CANDIDATE, ListQuery(page_size=100))
    assert [c.request.url.params["page"] for c in route.calls] == ["1", "2"]
    assert len(people.records) == len({a["applicant"]["id"] for a in first["applications"]})


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("GET_applicant_tracking_applications_{id}.json", ("33", "95", "15", "5")),
        (NANGO + "GET_applicant_tracking_applications_{id}.get-applicant.json", ("61", "118", "22", "1")),
    ],
)
@respx.mock
async def test_an_application_detail(adapter: BambooHRAdapter, name: str, expected: tuple[str, ...]) -> None:
    serve(f"/applicant_tracking/applications/{expected[0]}", name)
    [found] = await adapter.get_many(R.APPLICATION, [expected[0]])
    assert isinstance(found, ApplicationRecord)
    assert (found.id, found.candidate_id, found.job_id, found.current_stage_id) == expected
    assert found.rejected_at is None
    assert "questionsAndAnswers" in found.remote_data  # unmapped detail stays reachable


@respx.mock
async def test_a_rejecting_status_dates_the_rejection(adapter: BambooHRAdapter) -> None:
    detail = load_fixture(P, "GET_applicant_tracking_applications_{id}.json")
    detail["status"] = {**detail["status"], "id": 10, "label": "Not a Fit"}
    respx.get(f"{BASE}/applicant_tracking/applications/33").respond(json=detail)
    [found] = await adapter.get_many(R.APPLICATION, ["33"])
    assert isinstance(found, ApplicationRecord)
    assert found.rejected_at == datetime(2019, 2, 11, 19, 25, 3, tzinfo=UTC)


@pytest.mark.parametrize(
    "name",
    [
        "GET_applicant_tracking_jobs.json",
        NANGO + "GET_applicant_tracking_jobs.job-openings.json",
        NANGO + "GET_applicant_tracking_jobs.list-job-openings.json",
    ],
)
@respx.mock
async def test_job_summaries(adapter: BambooHRAdapter, name: str) -> None:
    route = serve("/applicant_tracking/jobs", name)
    body = load_fixture(P, name)
    page = await adapter.list(R.JOB, ListQuery(page_size=100))
    assert route.calls.last.request.url.params["statusGroups"] == "ALL"
    assert [j.id for j in page.records] == [str(j["id"]) for j in body]
    by_id = {j.id: j for j in page.records if isinstance(j, JobRecord)}
    software = by_id["20"]
    assert (software.name, software.status) == ("Software Engineer", JobStatus.OPEN)
    assert (software.department_ids, software.office_ids) == (("18264",), ("18240",))
    assert software.locations == ("Sydney, New South Wales",)
    assert software.job_posting_urls[0].url.endswith("/jobs/view.php?id=20")
    for job in by_id.values():
        assert job.status is not JobStatus.OTHER, job.raw_status


@respx.mock
async def test_a_draft_job_and_the_posted_date(adapter: BambooHRAdapter) -> None:
    serve("/applicant_tracking/jobs", "GET_applicant_tracking_jobs.json")
    [general, software] = await adapter.get_many(R.JOB, ["19", "20"])
    assert isinstance(general, JobRecord)
    assert (general.name, general.status, general.raw_status) == (
        "General Application",
        JobStatus.DRAFT,
        "Draft",
    )
    assert isinstance(software, JobRecord)
    assert software.opened_at == datetime(2019, 1, 27, 16, 21, 8, tzinfo=UTC)
    assert software.job_posting_urls == (
        Url(url="https://x.bamboohr.com/jobs/view.php?id=20", type="job_board"),
    )


@respx.mock
async def test_statuses_are_the_account_pipeline(adapter: BambooHRAdapter) -> None:
    serve("/applicant_tracking/statuses", "GET_applicant_tracking_statuses.json")
    page = await adapter.list(R.JOB_INTERVIEW_STAGE, ListQuery(page_size=100))
    assert len(page.records) == 19
    by_id = {s.id: s for s in page.records}
    assert getattr(by_id["10"], "name", None) == "Not a Fit"
    assert by_id["5"].remote_data["code"] == "SCHEDINT"
    assert all(getattr(s, "job_id", None) is None for s in page.records)


@respx.mock
async def test_users_are_the_values_of_an_object_keyed_by_id(adapter: BambooHRAdapter) -> None:
    serve("/meta/users", NANGO + "GET_meta_users.list-users.json")
    body = load_fixture(P, NANGO + "GET_meta_users.list-users.json")
    page = await adapter.list(R.USER, ListQuery(page_size=1000))
    assert sorted(u.id for u in page.records) == sorted(body)
    [dwight] = await adapter.get_many(R.USER, ["2370"])
    assert isinstance(dwight, UserRecord)
    assert (dwight.name, dwight.disabled) == ("Dwight Goodman", False)
    assert dwight.emails == (EmailAddress(email="dwight@efficientoffice.com", is_primary=True),)


@respx.mock
async def test_departments_and_offices_are_two_of_the_meta_lists(adapter: BambooHRAdapter) -> None:
    serve("/meta/lists", NANGO + "GET_meta_lists.list-locations.json")
    lists = {
        x["fieldId"]: x["options"] for x in load_fixture(P, NANGO + "GET_meta_lists.list-locations.json")
    }
    departments = await adapter.list(R.DEPARTMENT, ListQuery(page_size=1000))
    offices = await adapter.list(R.OFFICE, ListQuery(page_size=1000))
    assert [(d.id, getattr(d, "name", None)) for d in departments.records] == [
        (str(o["id"]), o["name"]) for o in lists[4]
    ]
    assert [(o.id, getattr(o, "name", None)) for o in offices.records] == [
        (str(o["id"]), o["name"]) for o in lists[18]
    ]
    assert ("18238", "London, UK") in [(o.id, getattr(o, "name", None)) for o in offices.records]


def test_statuses_payload_ids_are_strings() -> None:
    """The one string id of the API (``"id": "1"``), kept as sent."""
    ids = [s["id"] for s in load_fixture(P, "GET_applicant_tracking_statuses.json")]
    assert all(isinstance(i, str) for i in ids)
    assert json.dumps(ids).startswith('["1"')
