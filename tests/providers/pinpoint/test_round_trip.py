"""Sandbox -> simulator (the mappings inverted) -> adapter: what the adapter reads is what the
sandbox holds, in Pinpoint's ids; the simulator's key and page rules."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Final

import httpx
import pytest

from providers.base import Connection
from providers.errors import ProviderAuthError
from providers.pinpoint.adapter import PinpointAdapter
from providers.pinpoint.simulator import SIMULATION, create_simulator
from providers.pinpoint.simulator.render import number
from providers.query import ListQuery
from providers.records import ActivityType, CandidateRecord, InterviewStatus, Record, Resource
from providers.sandbox import Dataset, generate

R = Resource
DATA: Final[Dataset] = generate(5, 30)


async def adapter_for(key: str) -> AsyncIterator[PinpointAdapter]:
    app = create_simulator(DATA, credentials=dict(SIMULATION.credentials))
    async with httpx.AsyncClient(transport=SIMULATION.transport(app)) as http:
        connection = Connection(
            name="pp",
            provider="pinpoint",
            base_url=SIMULATION.base_url,
            credentials={"api_key": key},
            options=dict(SIMULATION.options),
        )
        yield PinpointAdapter(connection, http)


@pytest.fixture
async def adapter() -> AsyncIterator[PinpointAdapter]:
    async for made in adapter_for(SIMULATION.credentials["api_key"]):
        yield made


async def read_all(adapter: PinpointAdapter, resource: Resource) -> dict[str, Any]:
    out: dict[str, Record] = {}
    cursor = None
    while True:
        page = await adapter.list(resource, ListQuery(page_size=100, cursor=cursor))
        out.update({r.id: r for r in page.records})
        if (cursor := page.next_cursor) is None:
            return out


def rows(resource: Resource) -> list[Any]:
    return list(DATA.records(resource))


def ids(values: Any) -> tuple[str, ...]:
    return tuple(number(v) for v in values or ())


async def test_applications_jobs_and_stages_come_back(adapter: PinpointAdapter) -> None:
    apps = await read_all(adapter, R.APPLICATION)
    assert len(apps) == len(rows(R.APPLICATION))
    reasons = {r.id: r.name for r in rows(R.REJECT_REASON)}
    for a in rows(R.APPLICATION):
        got = apps[number(a.id)]
        assert (got.job_id, got.current_stage_id) == (number(a.job_id), number(a.current_stage_id))
        assert (got.created_at, got.rejected_at) == (a.created_at, a.rejected_at)
        assert got.reject_reason_id == reasons.get(a.reject_reason_id)
        assert got.source == (a.source and a.source.model_copy(update={"id": None}))
        assert len(got.attachment_ids) == len(a.attachment_ids or ())
    jobs = await read_all(adapter, R.JOB)
    for j in rows(R.JOB):
        got = jobs[number(j.id)]
        assert (got.name, got.requisition_id, got.opened_at) == (j.name, j.requisition_id, j.opened_at)
        assert (got.department_ids, got.office_ids) == (ids(j.department_ids[:1]), ids(j.office_ids[:1]))
        assert (got.raw_status, got.hiring_manager_ids) == (j.status.value, ids(j.hiring_manager_ids[:1]))
        stages: list[Any] = list(
            (await adapter.list_children(R.JOB_INTERVIEW_STAGE, "job", [got.id]))[got.id]
        )
        sandbox: list[Any] = list(DATA.children(R.JOB_INTERVIEW_STAGE, "job").get(j.id, ()))
        assert [(s.id, s.name, s.position) for s in stages] == [
            (number(s.id), s.name, s.position) for s in sandbox
        ]


async def test_people_comments_and_interviews_come_back(adapter: PinpointAdapter) -> None:
    users = await read_all(adapter, R.USER)
    assert {u.name for u in users.values()} == {u.name for u in rows(R.USER)}
    assert {d.name for d in (await read_all(adapter, R.DEPARTMENT)).values()} == {
        d.name for d in rows(R.DEPARTMENT)
    }
    assert len(await read_all(adapter, R.OFFICE)) == len(rows(R.OFFICE))
    emails = {c.id: c.emails[0].email.casefold() for c in rows(R.CANDIDATE)}
    notes = [a for a in rows(R.ACTIVITY) if a.activity_type is ActivityType.NOTE]
    comments = await read_all(adapter, R.ACTIVITY)
    assert sorted(comments) == sorted(number(n.id) for n in notes)
    for n in notes:
        got = comments[number(n.id)]
        assert (got.body, got.candidate_id, got.actor_id) == (
            n.body,
            emails[n.candidate_id],
            number(n.actor_id),
        )
    interviews = await read_all(adapter, R.INTERVIEW)
    for i in rows(R.INTERVIEW):
        got = interviews[number(i.id)]
        assert got.application_id == number(i.application_id)
        assert (got.interviewer_ids, got.start_at) == (ids(i.interviewer_ids), i.start_at)
        known = i.status in (InterviewStatus.SCHEDULED, InterviewStatus.COMPLETED)
        assert got.status == (i.status if known else InterviewStatus.OTHER)


async def test_a_wrong_key_is_refused_and_pages_hold_at_most_100() -> None:
    async for bad in adapter_for("wrong"):
        with pytest.raises(ProviderAuthError):
            await bad.list(R.JOB, ListQuery(page_size=5))
    async for good in adapter_for(SIMULATION.credentials["api_key"]):
        page = await good.list(R.ACTIVITY, ListQuery(page_size=500))
        assert len(page.records) <= 100


async def test_a_parents_interviews_comments_and_files_are_picked_from_the_kept_lists(
    adapter: PinpointAdapter,
) -> None:
    app = next(a for a in rows(R.APPLICATION) if DATA.children(R.INTERVIEW, "application").get(a.id))
    found = (await adapter.list_children(R.INTERVIEW, "application", [number(app.id)]))[number(app.id)]
    want = DATA.children(R.INTERVIEW, "application")[app.id]
    assert sorted(i.id for i in found) == sorted(number(i.id) for i in want)
    person = next(
        c
        for c in rows(R.CANDIDATE)
        if any(n.candidate_id == c.id for n in rows(R.ACTIVITY) if n.activity_type is ActivityType.NOTE)
    )
    email = person.emails[0].email.casefold()
    notes = (await adapter.list_children(R.ACTIVITY, "candidate", [email]))[email]
    assert sorted(n.id for n in notes) == sorted(
        number(n.id)
        for n in rows(R.ACTIVITY)
        if n.candidate_id == person.id and n.activity_type is ActivityType.NOTE
    )
    (read,) = await adapter.get_many(R.CANDIDATE, [email])
    assert isinstance(read, CandidateRecord)
    files = [f for a in rows(R.APPLICATION) if a.candidate_id == person.id for f in a.attachment_ids or ()]
    assert len(read.attachment_ids or ()) == len(files)
