"""The simulator renders the sandbox in BambooHR's wire format by inverting the adapter's
mappings, and the adapter reads it back: what BambooHR can say about a record comes back as
the sandbox holds it (ids as BambooHR numbers), what it cannot is rendered as BambooHR would
(a rejection as the ``Not a Fit`` status; a candidate without applications as a General
Application)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest

from providers.bamboohr import BambooHRAdapter
from providers.bamboohr.simulator import SIMULATION, create_simulator
from providers.bamboohr.simulator.render import GENERAL_JOB, encode
from providers.base import Connection
from providers.errors import ProviderAuthError
from providers.query import ListQuery
from providers.records import (
    ApplicationRecord,
    CandidateRecord,
    JobRecord,
    Record,
    Resource,
    UserRecord,
)
from providers.sandbox import Dataset, generate

R = Resource
DATA = generate(11, 12)


@asynccontextmanager
async def wired(data: Dataset = DATA, key: str = "demo-bamboohr-key") -> AsyncIterator[BambooHRAdapter]:
    app = create_simulator(data, credentials=dict(SIMULATION.credentials))
    connection = Connection("b", "bamboohr", base_url=SIMULATION.base_url, credentials={"api_key": key})
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as http:
        yield BambooHRAdapter(connection, http)


async def every(adapter: BambooHRAdapter, resource: Resource) -> dict[str, Record]:
    page = await adapter.list(resource, ListQuery(page_size=100))
    assert page.next_cursor is None
    return {r.id: r for r in page.records}


def sandbox(resource: Resource, data: Dataset = DATA) -> list[Record]:
    return list(data.records(resource))


async def test_applications_and_their_details_round_trip() -> None:
    async with wired() as adapter:
        listed = await every(adapter, R.APPLICATION)
        details = await adapter.get_many(R.APPLICATION, list(listed))
    assert len(listed) == len(sandbox(R.APPLICATION))
    by_id = {d.id: d for d in details if d is not None}
    for a in sandbox(R.APPLICATION):
        assert isinstance(a, ApplicationRecord)
        got, detail = listed[encode(R.APPLICATION, a.id)], by_id[encode(R.APPLICATION, a.id)]
        assert isinstance(got, ApplicationRecord)
        assert isinstance(detail, ApplicationRecord)
        assert got.candidate_id == encode(R.CANDIDATE, a.candidate_id or "")
        assert got.job_id == encode(R.JOB, a.job_id or "")
        assert (got.applied_at, got.source) == (
            a.applied_at,
            a.source and a.source.model_copy(update={"id": None}),
        )
        stage = "10" if a.rejected_at else encode(R.JOB_INTERVIEW_STAGE, a.current_stage_id or "")
        assert got.current_stage_id == detail.current_stage_id == stage
        assert detail.rejected_at == a.rejected_at  # the rejecting status's dateChanged


async def test_candidates_jobs_users_and_tables_round_trip() -> None:
    async with wired() as adapter:
        candidates = await every(adapter, R.CANDIDATE)
        jobs = await every(adapter, R.JOB)
        users = await every(adapter, R.USER)
        departments = await every(adapter, R.DEPARTMENT)
        offices = await every(adapter, R.OFFICE)
        stages = await every(adapter, R.JOB_INTERVIEW_STAGE)
    for c in sandbox(R.CANDIDATE):
        assert isinstance(c, CandidateRecord)
        got = candidates[encode(R.CANDIDATE, c.id)]
        assert isinstance(got, CandidateRecord)
        assert (got.first_name, got.last_name, got.name) == (c.first_name, c.last_name, c.name)
        assert got.emails[0].email == next(e.email for e in c.emails if e.is_primary)
        assert set(got.application_ids or ()) == {encode(R.APPLICATION, i) for i in c.application_ids or ()}
    for j in sandbox(R.JOB):
        assert isinstance(j, JobRecord)
        got = jobs[encode(R.JOB, j.id)]
        assert isinstance(got, JobRecord)
        assert (got.name, got.status, got.opened_at) == (j.name, j.status, j.opened_at)
        assert got.department_ids == tuple(encode(R.DEPARTMENT, d) for d in j.department_ids[:1])
        assert got.office_ids == tuple(encode(R.OFFICE, o) for o in j.office_ids[:1])
        assert got.job_posting_urls[:1] == j.job_posting_urls[:1]
    for u in sandbox(R.USER):
        assert isinstance(u, UserRecord)
        got = users[encode(R.USER, u.id)]
        assert isinstance(got, UserRecord)
        assert (got.name, got.disabled, got.emails[0].email) == (u.name, u.disabled, u.emails[0].email)
    for resource, found in (
        (R.DEPARTMENT, departments),
        (R.OFFICE, offices),
        (R.JOB_INTERVIEW_STAGE, stages),
    ):
        for r in sandbox(resource):
            assert getattr(found[encode(resource, r.id)], "name", None) == getattr(r, "name", None)
    assert {getattr(stages[i], "name", None) for i in ("1", "10")} == {
        "New",
        "Not a Fit",
    }  # BambooHR's own, kept apart


async def test_a_candidate_without_applications_is_a_general_application() -> None:
    alone = CandidateRecord(id="cand_000099", first_name="Solo", last_name="Pool", name="Solo Pool")
    tables = {r: sandbox(r) for r in Resource}
    data = Dataset(DATA.seed, DATA.size, {**tables, R.CANDIDATE: [*tables[R.CANDIDATE], alone]})
    async with wired(data) as adapter:
        candidates = await every(adapter, R.CANDIDATE)
        jobs = await every(adapter, R.JOB)
        [general] = candidates["99"].application_ids  # type: ignore[attr-defined]
        [application] = await adapter.get_many(R.APPLICATION, [general])
    assert len(candidates) == len(sandbox(R.CANDIDATE)) + 1
    assert isinstance(application, ApplicationRecord)
    assert (application.candidate_id, application.job_id) == ("99", str(GENERAL_JOB))
    assert getattr(jobs[str(GENERAL_JOB)], "name", None) == "General Application"


async def test_a_wrong_key_is_refused_whatever_the_password() -> None:
    async with wired(key="not-the-key") as adapter:
        with pytest.raises(ProviderAuthError):
            await adapter.list(R.APPLICATION, ListQuery())


async def test_per_page_is_ignored_and_the_page_says_when_it_is_complete() -> None:
    app = create_simulator(generate(3, 60), credentials=dict(SIMULATION.credentials))
    auth = httpx.BasicAuth(SIMULATION.credentials["api_key"], "anything")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), auth=auth) as http:
        url = f"{SIMULATION.base_url}/applicant_tracking/applications"
        first = (await http.get(url, params={"page": 1, "per_page": 2})).json()
        last = (await http.get(url, params={"page": 99})).json()
    assert len(first["applications"]) == 50
    assert first["paginationComplete"] is False
    assert last == {"paginationComplete": True, "applications": [], "nextPageUrl": None}


@pytest.mark.parametrize("company", ["acme", "DEMO", "demo2"])
async def test_a_company_domain_the_key_is_not_of_is_not_found(company: str) -> None:
    """The simulator served any company domain in the path with the demo company's data; a key
    is one company's, so another's paths are no API of it (a 404 in BambooHR's error format)."""
    app = create_simulator(DATA, credentials=dict(SIMULATION.credentials))
    auth = httpx.BasicAuth(SIMULATION.credentials["api_key"], "x")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), auth=auth) as http:
        own = await http.get(f"{SIMULATION.base_url}/applicant_tracking/jobs")
        other = await http.get(
            f"https://api.bamboohr.com/api/gateway.php/{company}/v1/applicant_tracking/jobs"
        )
    assert own.status_code == 200
    assert other.status_code == 404
