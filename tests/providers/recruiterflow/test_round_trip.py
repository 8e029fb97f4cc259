"""Sandbox -> simulator (the mappings inverted) -> adapter: what the adapter fills comes back
as the sandbox has it, in Recruiterflow's ids (numbers; stages and reject reasons by name);
the simulator's key check and page rules."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Final

import httpx
import pytest

from providers.base import Connection
from providers.errors import ProviderAuthError
from providers.query import Filter, ListQuery
from providers.records import (
    ActivityRecord,
    ApplicationRecord,
    CandidateRecord,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    Record,
    Resource,
)
from providers.recruiterflow.adapter import RecruiterflowAdapter
from providers.recruiterflow.mapping import PROFILES
from providers.recruiterflow.simulator import SIMULATION, create_simulator, number
from providers.sandbox import Dataset, generate

R = Resource
DATA: Final[Dataset] = generate(5, 30)


def name_of(resource: Resource, sandbox_id: str | None) -> str | None:
    found = DATA.get(resource, sandbox_id) if sandbox_id else None
    return getattr(found, "name", None)


async def adapter_for(key: str) -> AsyncIterator[RecruiterflowAdapter]:
    app = create_simulator(DATA, credentials=dict(SIMULATION.credentials))
    async with httpx.AsyncClient(transport=SIMULATION.transport(app)) as http:
        credentials = {"api_key": key}
        connection = Connection(
            name="rf", provider="recruiterflow", base_url=SIMULATION.base_url, credentials=credentials
        )
        yield RecruiterflowAdapter(connection, http)


@pytest.fixture
async def adapter() -> AsyncIterator[RecruiterflowAdapter]:
    async for made in adapter_for(SIMULATION.credentials["api_key"]):
        yield made


async def every(adapter: RecruiterflowAdapter, resource: Resource) -> list[Record]:
    out: list[Record] = []
    cursor: str | None = None
    while True:
        page = await adapter.list(resource, ListQuery(page_size=7, cursor=cursor))
        out.extend(page.records)
        if (cursor := page.next_cursor) is None:
            return out


async def test_candidates_and_their_applications(adapter: RecruiterflowAdapter) -> None:
    listed = await every(adapter, R.CANDIDATE)
    assert [c.id for c in listed] == [number(c.id) for c in DATA.records(R.CANDIDATE)]
    for got, want in zip(listed, DATA.records(R.CANDIDATE), strict=True):
        assert isinstance(got, CandidateRecord)
        assert isinstance(want, CandidateRecord)
        same = ("first_name", "last_name", "name", "title", "company", "locations", "can_email")
        assert {k: getattr(got, k) for k in same} == {k: getattr(want, k) for k in same}
        assert (got.created_at, got.last_interaction_at) == (want.created_at, want.last_interaction_at)
        assert [e.email for e in got.emails] == [e.email for e in want.emails]
        assert [x.number for x in got.phones] == [x.number for x in want.phones]
        # Recruiterflow keeps profile URLs only (``<name>_profile``), no website
        assert [(u.type, u.url) for u in got.urls] == [
            (u.type, u.url) for u in want.urls if u.type in PROFILES
        ]
        apps = {a.id: a for a in got.embedded if isinstance(a, ApplicationRecord)}
        assert tuple(apps) == got.application_ids
        for sandbox_id in want.application_ids or ():
            w = DATA.get(R.APPLICATION, sandbox_id)
            assert isinstance(w, ApplicationRecord)
            a = apps[f"{got.id}:{number(w.job_id or '')}"]
            stage = "Disqualified" if w.rejected_at else name_of(R.JOB_INTERVIEW_STAGE, w.current_stage_id)
            assert (a.applied_at, a.rejected_at, a.current_stage_id) == (w.applied_at, w.rejected_at, stage)
            assert a.reject_reason_id == (
                name_of(R.REJECT_REASON, w.reject_reason_id) if w.rejected_at else None
            )
            assert a.credited_to_id == (number(w.credited_to_id) if w.credited_to_id else None)


async def test_jobs_with_their_tables(adapter: RecruiterflowAdapter) -> None:
    listed = await every(adapter, R.JOB)
    for got, want in zip(listed, DATA.records(R.JOB), strict=True):
        assert isinstance(got, JobRecord)
        assert isinstance(want, JobRecord)
        assert (got.id, got.name, got.job_type, got.created_at) == (
            number(want.id),
            want.name,
            want.job_type,
            want.created_at,
        )
        assert got.status is (JobStatus.OPEN if want.status is JobStatus.OPEN else JobStatus.CLOSED)
        # a Recruiterflow job has one department
        assert got.department_ids == tuple(number(i) for i in want.department_ids[:1])
        for field in ("office_ids", "recruiter_ids"):
            assert getattr(got, field) == tuple(number(i) for i in getattr(want, field)), field
    departments = await adapter.get_many(R.DEPARTMENT, [number(d.id) for d in DATA.records(R.DEPARTMENT)])
    assert [getattr(d, "name", None) for d in departments] == [
        name_of(R.DEPARTMENT, d.id) for d in DATA.records(R.DEPARTMENT)
    ]


async def test_a_pipeline_agrees_with_the_candidates_page(adapter: RecruiterflowAdapter) -> None:
    job = DATA.records(R.JOB)[0]
    by_job = await adapter.list_applications_by_job_ids([number(job.id)])
    from_pipeline = {a.id: a for a in by_job[number(job.id)] if isinstance(a, ApplicationRecord)}
    assert from_pipeline
    embedded = {
        a.id: a
        for c in await every(adapter, R.CANDIDATE)
        for a in c.embedded
        if isinstance(a, ApplicationRecord) and a.job_id == number(job.id)
    }
    assert set(from_pipeline) == set(embedded)
    for i, a in from_pipeline.items():
        e = embedded[i]
        assert (a.current_stage_id, a.rejected_at, a.reject_reason_id) == (
            e.current_stage_id,
            e.rejected_at,
            e.reject_reason_id,
        )
    stages = (await adapter.list_job_interview_stages_by_job_ids([number(job.id)]))[number(job.id)]
    want = DATA.children(R.JOB_INTERVIEW_STAGE, "job")[job.id]
    assert [s.id for s in stages] == [name_of(R.JOB_INTERVIEW_STAGE, s.id) for s in want]
    assert all(isinstance(s, JobInterviewStageRecord) and s.job_id == number(job.id) for s in stages)


async def test_an_application_read_by_id_is_the_one_its_candidate_brings(
    adapter: RecruiterflowAdapter,
) -> None:
    """By id, an application is read from its job's pipeline, whose moves say what the
    candidate's ``jobs[]`` say (stage, when added, rejection), but not who added the candidate."""
    embedded = [
        a for c in await every(adapter, R.CANDIDATE) for a in c.embedded if isinstance(a, ApplicationRecord)
    ]
    assert len(embedded) == len(DATA.records(R.APPLICATION))
    by_id = await adapter.get_many(R.APPLICATION, [a.id for a in embedded])
    unsaid = {"remote_data", "credited_to_id"}
    for e, a in zip(embedded, by_id, strict=True):
        assert isinstance(a, ApplicationRecord)
        assert a.model_dump(exclude=unsaid) == e.model_dump(exclude=unsaid)
        assert (a.created_at, a.credited_to_id) == (e.applied_at, None)
        assert e.created_at is not None


async def test_a_candidates_activities(adapter: RecruiterflowAdapter) -> None:
    candidate = DATA.records(R.CANDIDATE)[0]
    want = DATA.children(R.ACTIVITY, "candidate")[candidate.id]
    page = await adapter.list(
        R.ACTIVITY, ListQuery(page_size=100, filter=Filter(candidate_id=number(candidate.id)))
    )
    got = [a for a in page.records if isinstance(a, ActivityRecord)]
    assert [(a.id, a.body, a.activity_type, a.created_at) for a in got] == [
        (number(w.id), w.body, w.activity_type, w.created_at) for w in want if isinstance(w, ActivityRecord)
    ]


async def test_the_simulator_refuses_another_key() -> None:
    async for adapter in adapter_for("wrong-key"):
        with pytest.raises(ProviderAuthError):
            await adapter.list(R.CANDIDATE, ListQuery())
