"""Writes through the adapter land in the simulator's dataset and read back through it.

Each test builds its own simulator: the first write forks the dataset, so the shared ``DATA``
of the other simulator tests is never changed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, cast

import pytest

from providers.errors import ProviderBadInput, ProviderRefusedInput
from providers.query import Filter, ListQuery
from providers.records import (
    ActivityRecord,
    ApplicationRecord,
    CandidateRecord,
    EmailAddress,
    JobInterviewStageRecord,
    RejectReasonRecord,
    Resource,
    UserRecord,
)
from providers.workable import WorkableAdapter
from providers.writes import (
    Actor,
    ApplicationInput,
    ApplicationRef,
    CandidateInput,
    CandidateUpdate,
    NoteInput,
    Rejection,
    StageMove,
    TagChange,
)

from .simkit import DATA, IDS, adapter_for, client_for, simulator

R = Resource


@pytest.fixture
async def sim() -> AsyncIterator[tuple[WorkableAdapter, Any]]:
    app = simulator()
    with client_for(app) as client:
        yield adapter_for(client), app
        await client.aclose()


def _member() -> Actor:
    user = next(u for u in DATA.records(R.USER) if isinstance(u, UserRecord))
    return Actor(IDS.adapter_id(R.USER, user.id))


def _open_application() -> ApplicationRecord:
    """An application that is not rejected, of a job with at least two stages, that is its
    person's first (Workable shows a person's activities there)."""
    for a in DATA.records(R.APPLICATION):
        assert isinstance(a, ApplicationRecord)
        person = DATA.get(R.CANDIDATE, a.candidate_id or "")
        first = isinstance(person, CandidateRecord) and sorted(person.application_ids or ())[:1] == [a.id]
        stages = DATA.children(R.JOB_INTERVIEW_STAGE, "job").get(a.job_id or "", ())
        if a.rejected_at is None and a.reject_reason_id is None and len(stages) > 1 and first:
            return a
    raise AssertionError("the dataset has no open application")


def _other_stage(a: ApplicationRecord) -> str:
    stages = DATA.children(R.JOB_INTERVIEW_STAGE, "job")[a.job_id or ""]
    other = next(s for s in stages if isinstance(s, JobInterviewStageRecord) and s.id != a.current_stage_id)
    return IDS.adapter_id(R.JOB_INTERVIEW_STAGE, other.id)


async def _read(adapter: WorkableAdapter, resource: Resource, workable_id: str) -> Any:
    (found,) = await adapter.get_many(resource, [workable_id])
    return found


async def test_move_reads_back(sim: tuple[WorkableAdapter, Any]) -> None:
    adapter, _ = sim
    a = _open_application()
    wid, target = IDS.adapter_id(R.APPLICATION, a.id), _other_stage(a)
    moved = await adapter.move_application_stage(StageMove(wid, target), _member())
    assert moved.current_stage_id == target
    assert (await _read(adapter, R.APPLICATION, wid)).current_stage_id == target
    # the shared dataset is untouched: the simulator wrote to its own fork
    assert DATA.get(R.APPLICATION, a.id) is a


async def test_hire_reads_back_in_the_jobs_hired_stage(sim: tuple[WorkableAdapter, Any]) -> None:
    adapter, _ = sim
    a = _open_application()
    wid = IDS.adapter_id(R.APPLICATION, a.id)
    stages = DATA.children(R.JOB_INTERVIEW_STAGE, "job")[a.job_id or ""]
    last = max(stages, key=lambda s: (getattr(s, "position", 0) or 0, s.id))
    hired = await adapter.hire_application(ApplicationRef(wid), _member())
    expected = IDS.adapter_id(R.JOB_INTERVIEW_STAGE, last.id)
    assert hired.current_stage_id == expected  # the sandbox's hire: the job's last stage
    assert (await _read(adapter, R.APPLICATION, wid)).current_stage_id == expected


async def test_reject_then_unreject_read_back(sim: tuple[WorkableAdapter, Any]) -> None:
    adapter, _ = sim
    a = _open_application()
    wid = IDS.adapter_id(R.APPLICATION, a.id)
    reason = next(r for r in DATA.records(R.REJECT_REASON) if isinstance(r, RejectReasonRecord))
    reason_id = IDS.adapter_id(R.REJECT_REASON, reason.id)
    rejected = await adapter.reject_application(Rejection(wid, reason_id, note="not now"), _member())
    assert rejected.rejected_at is not None
    assert rejected.reject_reason_id == reason_id
    again = await _read(adapter, R.APPLICATION, wid)
    assert (again.rejected_at is not None, again.reject_reason_id) == (True, reason_id)
    back = await adapter.unreject_application(ApplicationRef(wid), _member())
    assert (back.rejected_at, back.reject_reason_id) == (None, None)
    # unrejecting what is not rejected is refused by the account: a 422, as Workable answers it
    with pytest.raises(ProviderRefusedInput):
        await adapter.unreject_application(ApplicationRef(wid), _member())


async def test_update_candidate_reads_back(sim: tuple[WorkableAdapter, Any]) -> None:
    adapter, _ = sim
    wid = IDS.adapter_id(R.APPLICATION, _open_application().id)
    email = EmailAddress(email="renamed@example.com", is_primary=True)
    given = CandidateUpdate(wid, first_name="Ada", last_name="Lovelace", title="Engineer", emails=(email,))
    updated = await adapter.update_candidate(given, _member())
    assert (updated.first_name, updated.name, updated.title, updated.emails) == (
        "Ada",
        "Ada Lovelace",
        "Engineer",
        (email,),
    )
    again = await _read(adapter, R.CANDIDATE, wid)
    assert (again.name, again.title, again.emails) == ("Ada Lovelace", "Engineer", (email,))


async def test_note_reads_back_among_the_activities(sim: tuple[WorkableAdapter, Any]) -> None:
    adapter, _ = sim
    wid = IDS.adapter_id(R.APPLICATION, _open_application().id)
    member = _member()
    note = await adapter.add_note(NoteInput(wid, "Strong portfolio"), member)
    page = await adapter.list(R.ACTIVITY, ListQuery(Filter(candidate_id=wid), None, 100, None))
    listed = {r.id: cast("ActivityRecord", r) for r in page.records}
    assert note.id in listed
    assert (listed[note.id].body, listed[note.id].actor_id) == ("Strong portfolio", member.id)


async def test_tags_read_back(sim: tuple[WorkableAdapter, Any]) -> None:
    adapter, _ = sim
    wid = IDS.adapter_id(R.APPLICATION, _open_application().id)
    before = (await _read(adapter, R.CANDIDATE, wid)).tag_ids or ()
    added = await adapter.add_candidate_tags(TagChange(wid, ("Brand-New-Tag",)), _member())
    assert added.tag_ids == (*before, "Brand-New-Tag")
    assert (await _read(adapter, R.CANDIDATE, wid)).tag_ids == (*before, "Brand-New-Tag")
    removed = await adapter.remove_candidate_tags(TagChange(wid, ("brand-new-tag",)), _member())
    assert removed.tag_ids == before
    assert (await _read(adapter, R.CANDIDATE, wid)).tag_ids == before


async def test_create_application_for_a_new_person_reads_back(sim: tuple[WorkableAdapter, Any]) -> None:
    adapter, _ = sim
    job = _open_application().job_id or ""
    code = IDS.adapter_id(R.JOB, job)
    person = CandidateInput(
        first_name="Grace", last_name="Hopper", emails=(EmailAddress(email="g@example.com"),)
    )
    created = await adapter.create_application(ApplicationInput(code, candidate=person), _member())
    first = min(
        (
            s
            for s in DATA.children(R.JOB_INTERVIEW_STAGE, "job")[job]
            if isinstance(s, JobInterviewStageRecord)
        ),
        key=lambda s: s.position or 0,
    )
    assert (created.job_id, created.current_stage_id) == (
        code,
        IDS.adapter_id(R.JOB_INTERVIEW_STAGE, first.id),
    )
    again = await _read(adapter, R.CANDIDATE, created.id)
    assert (again.name, again.emails[0].email) == ("Grace Hopper", "g@example.com")
    found = await adapter.list(R.CANDIDATE, ListQuery(Filter(email="g@example.com"), None, 10, None))
    assert [r.id for r in found.records] == [created.id]


async def test_copy_to_another_job_reads_back(sim: tuple[WorkableAdapter, Any]) -> None:
    adapter, _ = sim
    a = _open_application()
    person = cast("CandidateRecord", DATA.get(R.CANDIDATE, a.candidate_id or ""))
    applied = {
        cast("ApplicationRecord", DATA.get(R.APPLICATION, i)).job_id for i in person.application_ids or ()
    }
    other = next(
        j.id
        for j in DATA.records(R.JOB)
        if j.id not in applied and DATA.children(R.JOB_INTERVIEW_STAGE, "job").get(j.id)
    )
    code = IDS.adapter_id(R.JOB, other)
    wid = IDS.adapter_id(R.APPLICATION, a.id)
    copied = await adapter.create_application(ApplicationInput(code, candidate_id=wid), _member())
    assert copied.id != wid
    assert copied.job_id == code
    again = await _read(adapter, R.CANDIDATE, copied.id)
    assert again.name == person.name
    # the same person cannot be copied to the same job twice
    with pytest.raises(ProviderRefusedInput):
        await adapter.create_application(ApplicationInput(code, candidate_id=wid), _member())


async def test_an_unknown_member_is_refused(sim: tuple[WorkableAdapter, Any]) -> None:
    adapter, _ = sim
    a = _open_application()
    wid = IDS.adapter_id(R.APPLICATION, a.id)
    with pytest.raises(ProviderRefusedInput):
        await adapter.move_application_stage(StageMove(wid, _other_stage(a)), Actor("00ff"))
    assert (await _read(adapter, R.APPLICATION, wid)).current_stage_id == IDS.adapter_id(
        R.JOB_INTERVIEW_STAGE, a.current_stage_id or ""
    )


async def test_a_stage_of_another_job_is_refused_before_any_call(sim: tuple[WorkableAdapter, Any]) -> None:
    adapter, _ = sim
    with pytest.raises(ProviderBadInput):
        await adapter.move_application_stage(StageMove("00", "not-a-stage-id"), _member())


async def test_create_candidate_reads_back_from_the_talent_pool(sim: tuple[WorkableAdapter, Any]) -> None:
    adapter, _ = sim
    email = EmailAddress(email="pool@example.com", is_primary=True)
    given = CandidateInput(first_name="Alan", last_name="Turing", title="Mathematician", emails=(email,))
    created = await adapter.create_candidate(given, _member())
    assert (created.name, created.title, created.emails) == ("Alan Turing", "Mathematician", (email,))
    again = await _read(adapter, R.CANDIDATE, created.id)
    assert (again.id, again.name, again.title, again.emails) == (
        created.id,
        "Alan Turing",
        "Mathematician",
        (email,),
    )
    assert again.application_ids == (created.id,)  # as every Workable candidate, its own one application
    tagged = await adapter.add_candidate_tags(TagChange(created.id, ("pool",)), _member())
    assert tagged.tag_ids == ("pool",)
