"""Sandbox -> simulator (the mappings inverted) -> adapter: what the adapter reads is what the
sandbox holds, in SmartRecruiters' ids (UUIDs encoding the sandbox's), and the simulator's auth."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Final

import httpx
import pytest

from providers.base import Connection
from providers.errors import ProviderAuthError
from providers.query import ListQuery
from providers.records import (
    ApplicationRecord,
    CandidateRecord,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    OfferRecord,
    Resource,
    ScorecardRecord,
    UserRecord,
)
from providers.sandbox import Dataset, generate
from providers.smartrecruiters.adapter import SmartRecruitersAdapter
from providers.smartrecruiters.mapping import JOB_STATUS
from providers.smartrecruiters.simulator import SIMULATION, create_simulator
from providers.smartrecruiters.simulator.render import decode, encode

R = Resource
DATA: Final[Dataset] = generate(5, 30)


async def adapter_for(key: str) -> AsyncIterator[SmartRecruitersAdapter]:
    app = create_simulator(DATA, credentials=dict(SIMULATION.credentials))
    async with httpx.AsyncClient(transport=SIMULATION.transport(app)) as http:
        connection = Connection(
            name="sr", provider="smartrecruiters", base_url=SIMULATION.base_url, credentials={"api_key": key}
        )
        yield SmartRecruitersAdapter(connection, http)


@pytest.fixture
async def adapter() -> AsyncIterator[SmartRecruitersAdapter]:
    async for made in adapter_for(SIMULATION.credentials["api_key"]):
        yield made


def test_ids_encode_and_decode() -> None:
    assert decode(encode("cand_000042")) == "cand_000042"
    assert decode("not-a-uuid") is None


async def test_candidates_users_and_jobs_come_back_as_the_sandbox_has_them(
    adapter: SmartRecruitersAdapter,
) -> None:
    for resource, fields in (
        (R.CANDIDATE, ("first_name", "last_name", "emails", "phones", "created_at", "updated_at")),
        (R.USER, ("name", "emails", "disabled", "access_role")),
        (R.JOB, ("name", "code", "description", "status", "locations", "created_at")),
    ):
        page = await adapter.list(resource, ListQuery(page_size=100))
        got = {decode(r.id): r for r in page.records}
        assert set(got) == {r.id for r in DATA.records(resource)}
        for want in DATA.records(resource):
            read = got[want.id]
            for name in fields:
                value = getattr(want, name)
                if name in ("emails", "phones"):  # one, without its type
                    value = tuple(v.model_copy(update={"type": None}) for v in value[:1])
                    value = (
                        tuple(v.model_copy(update={"extension": None}) for v in value)
                        if name == "phones"
                        else value
                    )
                if name == "status" and value not in set(JOB_STATUS.values()):
                    value = JobStatus.OTHER  # no such SmartRecruiters status (archived): kept raw
                assert getattr(read, name) == value, (resource, name)


async def test_applications_offers_and_reviews_of_a_candidate(adapter: SmartRecruitersAdapter) -> None:
    candidate = next(
        c
        for c in DATA.records(R.CANDIDATE)
        if isinstance(c, CandidateRecord) and len(c.application_ids or ()) > 1
    )
    [found] = (await adapter.list_applications_by_candidate_ids([encode(candidate.id)])).values()
    assert len(found) == len(candidate.application_ids or ())
    for read in found:
        assert isinstance(read, ApplicationRecord)
        want = next(
            a
            for a in DATA.children(R.APPLICATION, "candidate")[candidate.id]
            if isinstance(a, ApplicationRecord) and encode(a.job_id or "") == read.job_id
        )
        stage = DATA.get(R.JOB_INTERVIEW_STAGE, want.current_stage_id or "")
        assert isinstance(stage, JobInterviewStageRecord)
        [read_stage] = await adapter.get_many(R.JOB_INTERVIEW_STAGE, [read.current_stage_id or ""])
        assert read_stage is not None
        assert getattr(read_stage, "name", None) == stage.name
        offers = (await adapter.list_offers_by_application_ids([read.id]))[read.id]
        assert sorted(decode(o.id) for o in offers) == sorted(
            o.id for o in DATA.children(R.OFFER, "application").get(want.id, ())
        )
        assert all(isinstance(o, OfferRecord) and o.job_id == read.job_id for o in offers)
        cards = (await adapter.list_scorecards_by_application_ids([read.id]))[read.id]
        expected = DATA.children(R.SCORECARD, "application").get(want.id, ())
        assert sorted(decode(c.id) for c in cards) == sorted(c.id for c in expected)
        for card in cards:
            assert isinstance(card, ScorecardRecord)
            sandbox = DATA.get(R.SCORECARD, decode(card.id) or "")
            assert isinstance(sandbox, ScorecardRecord)
            assert card.overall_recommendation == sandbox.overall_recommendation
            assert card.application_id == read.id


async def test_a_job_brings_its_department(adapter: SmartRecruitersAdapter) -> None:
    job = next(j for j in DATA.records(R.JOB) if isinstance(j, JobRecord) and j.department_ids)
    [read] = await adapter.get_many(R.JOB, [encode(job.id)])
    assert read is not None
    assert read.embedded
    department = DATA.get(R.DEPARTMENT, job.department_ids[0])
    assert getattr(read.embedded[0], "name", None) == getattr(department, "name", None)
    [user] = await adapter.get_many(R.USER, [encode(DATA.records(R.USER)[0].id)])
    assert isinstance(user, UserRecord)


async def test_a_wrong_key_is_refused() -> None:
    async for wrong in adapter_for("wrong-key"):
        with pytest.raises(ProviderAuthError):
            await wrong.list(R.JOB, ListQuery())
