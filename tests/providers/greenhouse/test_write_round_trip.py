"""Writes through the adapter land in the simulator's dataset and read back through the adapter:
adapter -> simulator write endpoint -> sandbox writer -> dataset -> simulator read -> adapter.

Each test reads the record first, so the simulator has rendered (and kept) its payload before
the write: the read after the write shows the kept payload was dropped."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

import httpx
import pytest

from providers.errors import ProviderRefusedInput
from providers.greenhouse import GreenhouseAdapter
from providers.greenhouse.simulator import encode_id
from providers.records import (
    ApplicationRecord,
    AttachmentType,
    CandidateRecord,
    EmailAddress,
    JobInterviewStageRecord,
    RejectReasonRecord,
    Resource,
    TagRecord,
    Visibility,
)
from providers.sandbox import Dataset
from providers.writes import (
    Actor,
    ApplicationInput,
    ApplicationRef,
    AttachmentInput,
    CandidateInput,
    CandidateUpdate,
    NoteInput,
    Rejection,
    StageMove,
    TagChange,
)

from .sim import BASE, KEY, adapter, app, client, small_dataset

R = Resource


@dataclass
class World:
    data: Dataset
    gh: GreenhouseAdapter
    http: httpx.AsyncClient
    actor: Actor

    def number(self, record: Any) -> str:
        return str(encode_id(record.id))

    async def candidate(self, cid: str) -> CandidateRecord:
        (found,) = await self.gh.get_candidates([cid])
        assert found is not None
        return found

    async def application(self, aid: str) -> ApplicationRecord:
        (found,) = await self.gh.get_applications([aid])  # type: ignore[attr-defined]
        assert found is not None
        return cast("ApplicationRecord", found)

    async def tags(self, cid: str) -> list[str]:
        found = await self.gh.list_tags_by_candidate_ids([cid])  # type: ignore[attr-defined]
        return [cast("TagRecord", t).name or "" for t in found[cid]]


@pytest.fixture
async def world() -> AsyncIterator[World]:
    data = small_dataset().fork()
    async with client(app(data)) as http:
        user = data.records(R.USER)[0]
        yield World(data, adapter(http), http, Actor(str(encode_id(user.id))))


def open_application(w: World, *, stages: int = 2) -> ApplicationRecord:
    """An application that is not rejected, whose job has at least ``stages`` stages."""
    for a in cast("Sequence[ApplicationRecord]", w.data.records(R.APPLICATION)):
        if (
            a.rejected_at is None
            and len(w.data.children(R.JOB_INTERVIEW_STAGE, "job").get(a.job_id or "", ())) >= stages
        ):
            return a
    raise AssertionError("the dataset has no open application")


def stages_of(w: World, job_id: str | None) -> list[JobInterviewStageRecord]:
    stages = cast(
        "Sequence[JobInterviewStageRecord]", w.data.children(R.JOB_INTERVIEW_STAGE, "job")[job_id or ""]
    )
    return sorted(stages, key=lambda s: s.position or 0)


async def test_create_candidate_reads_back(world: World) -> None:
    given = CandidateInput(
        first_name="Ada",
        last_name="Lovelace",
        title="Analyst",
        emails=(EmailAddress(email="ada@example.com", type="personal"),),
        tags=("Engines", "Poetry"),
    )
    made = await world.gh.create_candidate(given, world.actor)
    back = await world.candidate(made.id)
    assert (back.first_name, back.last_name, back.title) == ("Ada", "Lovelace", "Analyst")
    assert [e.email for e in back.emails] == ["ada@example.com"]
    assert sorted(await world.tags(made.id)) == ["Engines", "Poetry"]
    assert back == made  # the write's answer is what a read gives


async def test_update_candidate_reads_back(world: World) -> None:
    cid = world.number(world.data.records(R.CANDIDATE)[3])
    before = await world.candidate(cid)
    made = await world.gh.update_candidate(CandidateUpdate(cid, title="Chief Tester", phones=()), world.actor)
    back = await world.candidate(cid)
    assert back.title == "Chief Tester" != before.title
    assert back.phones == ()
    assert back.first_name == before.first_name  # not given: kept
    assert made == back


async def test_create_application_for_a_candidate_reads_back(world: World) -> None:
    candidate = world.data.records(R.CANDIDATE)[5]
    applied = {a.job_id for a in world.data.children(R.APPLICATION, "candidate").get(candidate.id, ())}
    job = next(
        j for j in world.data.records(R.JOB) if j.id not in applied and len(stages_of(world, j.id)) >= 2
    )
    second = stages_of(world, job.id)[1]
    cid = world.number(candidate)
    await world.candidate(cid)
    given = ApplicationInput(job_id=world.number(job), candidate_id=cid, stage_id=world.number(second))
    made = await world.gh.create_application(given, world.actor)
    back = await world.application(made.id)
    assert (back.candidate_id, back.job_id, back.current_stage_id) == (
        cid,
        world.number(job),
        world.number(second),
    )
    assert made.id in ((await world.candidate(cid)).application_ids or ())


async def test_create_application_with_a_new_candidate_reads_back(world: World) -> None:
    job = next(j for j in world.data.records(R.JOB) if stages_of(world, j.id))
    given = ApplicationInput(
        job_id=world.number(job), candidate=CandidateInput(first_name="New", last_name="Person")
    )
    made = await world.gh.create_application(given, world.actor)
    back = await world.application(made.id)
    assert back.job_id == world.number(job)
    assert back.current_stage_id == world.number(stages_of(world, job.id)[0])
    assert (await world.candidate(back.candidate_id or "")).first_name == "New"


async def test_move_reject_unreject_hire_read_back(world: World) -> None:
    a = open_application(world, stages=3)
    aid, stages = world.number(a), stages_of(world, a.job_id)
    target = next(s for s in stages if s.id != a.current_stage_id)
    assert (await world.application(aid)).current_stage_id == str(encode_id(a.current_stage_id or ""))

    moved = await world.gh.move_application_stage(StageMove(aid, world.number(target)), world.actor)
    assert (await world.application(aid)).current_stage_id == world.number(target) == moved.current_stage_id

    reason = cast("RejectReasonRecord", world.data.records(R.REJECT_REASON)[0])
    rejected = await world.gh.reject_application(
        Rejection(aid, reject_reason_id=world.number(reason), note="Not now"), world.actor
    )
    back = await world.application(aid)
    assert back.rejected_at is not None
    assert back.reject_reason_id == world.number(reason) == rejected.reject_reason_id
    with pytest.raises(ProviderRefusedInput):  # Harvest's 422: a rejected application does not move
        await world.gh.move_application_stage(StageMove(aid, world.number(stages[0])), world.actor)

    await world.gh.unreject_application(ApplicationRef(aid), world.actor)
    assert (await world.application(aid)).rejected_at is None
    with pytest.raises(ProviderRefusedInput):  # the documented error: it is not rejected
        await world.gh.unreject_application(ApplicationRef(aid), world.actor)

    hired = await world.gh.hire_application(ApplicationRef(aid), world.actor)
    assert (
        (await world.application(aid)).current_stage_id == world.number(stages[-1]) == hired.current_stage_id
    )


async def test_add_note_reads_back(world: World) -> None:
    cid = world.number(world.data.records(R.CANDIDATE)[2])
    before = (await world.gh.list_activities_by_candidate_ids([cid]))[cid]
    made = await world.gh.add_note(
        NoteInput(cid, "Strong portfolio", visibility=Visibility.PRIVATE), world.actor
    )
    after = (await world.gh.list_activities_by_candidate_ids([cid]))[cid]
    assert len(after) == len(before) + 1
    (found,) = [a for a in after if a.id == made.id]
    assert (found.body, found.visibility, found.actor_id) == (
        "Strong portfolio",
        Visibility.PRIVATE,
        world.actor.id,
    )
    assert found == made


async def test_upload_attachment_reads_back(world: World) -> None:
    a = open_application(world, stages=1)
    cid = world.number(world.data.get(R.CANDIDATE, a.candidate_id or ""))
    before = (await world.gh.list_attachments_by_candidate_ids([cid]))[cid]
    given = AttachmentInput(
        candidate_id=cid,
        application_id=world.number(a),
        file_name="cv.pdf",
        attachment_type=AttachmentType.RESUME,
        content_type="application/pdf",
        content=b"%PDF-1.4 hello",
    )
    made = await world.gh.upload_attachment(given, world.actor)
    after = (await world.gh.list_attachments_by_candidate_ids([cid]))[cid]
    (found,) = [x for x in after if x not in before]
    assert (found.file_name, found.attachment_type, found.application_id) == (
        "cv.pdf",
        AttachmentType.RESUME,
        world.number(a),
    )
    assert found.file_url == made.file_url
    stored = next(iter(world.data.files.values()))
    assert stored == b"%PDF-1.4 hello"


async def test_tags_read_back(world: World) -> None:
    cid = world.number(world.data.records(R.CANDIDATE)[1])
    start = await world.tags(cid)
    await world.gh.add_candidate_tags(TagChange(cid, ("Remote", "Senior")), world.actor)
    assert await world.tags(cid) == [*start, "Remote", "Senior"]
    await world.gh.remove_candidate_tags(TagChange(cid, ("remote",)), world.actor)
    assert await world.tags(cid) == [*start, "Senior"]


async def test_the_simulator_wants_on_behalf_of_a_user(world: World) -> None:
    auth = {"Authorization": "Basic " + base64.b64encode(f"{KEY}:".encode()).decode()}
    for headers in (auth, {**auth, "On-Behalf-Of": "999999"}):
        answer = await world.http.post(f"{BASE}/v1/candidates", json={"first_name": "A"}, headers=headers)
        assert answer.status_code == 422
        assert answer.json()["errors"][0]["field"] == "On-Behalf-Of"
    answer = await world.http.post(
        f"{BASE}/v1/candidates", json={"first_name": "A"}, headers={"On-Behalf-Of": world.actor.id}
    )
    assert answer.status_code == 401  # the guard: credentials first
    answer = await world.http.post(
        f"{BASE}/v1/applications/999999/hire", json={}, headers={**auth, "On-Behalf-Of": world.actor.id}
    )
    assert answer.status_code == 404
