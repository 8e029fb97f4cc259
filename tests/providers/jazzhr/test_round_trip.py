"""Sandbox -> simulator (the mappings inverted) -> adapter: what the adapter fills comes back as
the sandbox has it, in the simulator's JazzHR ids (dates as days: JazzHR sends no time)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Final

import httpx
import pytest

from providers.base import Connection
from providers.errors import ProviderAuthError
from providers.jazzhr.adapter import JazzHRAdapter
from providers.jazzhr.simulator import SIMULATION, create_simulator, encode
from providers.query import ListQuery
from providers.records import (
    ApplicationRecord,
    CandidateRecord,
    JobRecord,
    JobStatus,
    Record,
    Resource,
    UserRecord,
)
from providers.sandbox import Dataset, generate

R = Resource
DATA: Final[Dataset] = generate(5, 150)  # more than one upstream page of applicants and applications


async def _adapter(credentials: dict[str, str]) -> AsyncIterator[JazzHRAdapter]:
    app = create_simulator(DATA, credentials=dict(SIMULATION.credentials))
    async with httpx.AsyncClient(transport=SIMULATION.transport(app)) as http:
        connection = Connection(
            name="jz", provider="jazzhr", base_url=SIMULATION.base_url, credentials=credentials
        )
        yield JazzHRAdapter(connection, http)


@pytest.fixture
async def adapter() -> AsyncIterator[JazzHRAdapter]:
    async for made in _adapter(dict(SIMULATION.credentials)):
        yield made


async def _all(adapter: JazzHRAdapter, resource: Resource) -> list[Record]:
    out: list[Record] = []
    cursor: str | None = None
    while True:
        page = await adapter.list(resource, ListQuery(page_size=100, cursor=cursor))
        out += page.records
        if (cursor := page.next_cursor) is None:
            return out


@pytest.mark.parametrize(
    "resource", [R.CANDIDATE, R.APPLICATION, R.JOB, R.USER, R.TAG, R.ACTIVITY, R.ATTACHMENT]
)
async def test_every_record_is_listed_once(adapter: JazzHRAdapter, resource: Resource) -> None:
    listed = [r.id for r in await _all(adapter, resource)]
    assert sorted(listed) == sorted(_id(resource, r) for r in DATA.records(resource))


def _id(resource: Resource, record: Record) -> str:
    """A sandbox record's id through the simulator: an application's is its applicant's and job's."""
    if isinstance(record, ApplicationRecord):
        return f"{encode(R.CANDIDATE, record.candidate_id or '')}:{encode(R.JOB, record.job_id or '')}"
    return encode(resource, record.id)


async def test_a_candidate_read_by_id_has_the_detail(adapter: JazzHRAdapter) -> None:
    tags = {t.id: t for t in DATA.records(R.TAG)}
    for want in DATA.records(R.CANDIDATE)[:20]:
        assert isinstance(want, CandidateRecord)
        (got,) = await adapter.get_many(R.CANDIDATE, [encode(R.CANDIDATE, want.id)])
        assert isinstance(got, CandidateRecord)
        assert (got.first_name, got.last_name, got.name) == (want.first_name, want.last_name, want.name)
        assert [e.email for e in got.emails] == [e.email for e in want.emails][:1]
        assert [p.number for p in got.phones] == [p.number for p in want.phones][:1]
        assert got.locations == want.locations[:1]
        assert got.tag_ids == tuple(encode(R.TAG, t) for t in want.tag_ids or () if t in tags)
        assert got.created_at is not None
        assert want.created_at is not None
        assert got.created_at.date() == want.created_at.date()
        apps = [DATA.get(R.APPLICATION, a) for a in want.application_ids or ()]
        expected = sorted(_id(R.APPLICATION, a) for a in apps if a is not None)
        assert sorted(got.application_ids or ()) == expected
        listed = (await adapter.list_applications_by_candidate_ids([got.id]))[got.id]  # type: ignore[attr-defined]
        assert sorted(a.id for a in listed) == expected
        by_id = await adapter.get_many(R.APPLICATION, expected)
        assert [a.id if a else None for a in by_id] == expected


async def test_applications_jobs_and_users(adapter: JazzHRAdapter) -> None:
    apps = {a.id: a for a in await _all(adapter, R.APPLICATION)}
    for want in DATA.records(R.APPLICATION):
        assert isinstance(want, ApplicationRecord)
        got = apps[_id(R.APPLICATION, want)]
        assert isinstance(got, ApplicationRecord)
        assert got.candidate_id == encode(R.CANDIDATE, want.candidate_id or "")
        assert got.job_id == encode(R.JOB, want.job_id or "")
    jobs = {j.id: j for j in await _all(adapter, R.JOB)}
    for want in DATA.records(R.JOB):
        assert isinstance(want, JobRecord)
        got = jobs[encode(R.JOB, want.id)]
        assert isinstance(got, JobRecord)
        assert (got.name, got.locations) == (want.name, want.locations[:1])
        if want.status in (JobStatus.OPEN, JobStatus.DRAFT, JobStatus.CLOSED, JobStatus.ARCHIVED):
            assert got.status == want.status
        assert got.hiring_manager_ids == tuple(encode(R.USER, u) for u in want.hiring_manager_ids[:1])
    users = {u.id: u for u in await _all(adapter, R.USER)}
    for want in DATA.records(R.USER):
        assert isinstance(want, UserRecord)
        got = users[encode(R.USER, want.id)]
        assert isinstance(got, UserRecord)
        assert (got.name, got.access_role) == (want.name, want.access_role)


async def test_a_wrong_key_is_refused() -> None:
    async for adapter in _adapter({"api_key": "wrong"}):
        with pytest.raises(ProviderAuthError):
            await adapter.list(R.JOB, ListQuery(page_size=5))


async def test_a_missing_record_is_none(adapter: JazzHRAdapter) -> None:
    assert await adapter.get_many(R.CANDIDATE, ["prospect_999999"]) == [None]
