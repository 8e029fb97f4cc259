"""Writes through the adapter land in the simulator's dataset and read back through it.

Each test builds its own simulator: the first write forks the dataset, so the shared ``DATA``
is never changed (checked)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Final, cast

import httpx
import pytest

from providers.base import Connection
from providers.errors import ProviderNotFound, ProviderRefusedInput
from providers.query import Filter, ListQuery
from providers.records import (
    ActivityRecord,
    ApplicationRecord,
    AttachmentRecord,
    CandidateRecord,
    EmailAddress,
    JobInterviewStageRecord,
    PhoneNumber,
    Record,
    Resource,
)
from providers.sandbox import Dataset, generate
from providers.teamtailor.adapter import TeamtailorAdapter
from providers.teamtailor.simulator import SIMULATION, create_simulator
from providers.teamtailor.simulator.render import number
from providers.writes import (
    BY_MUTATION,
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
from resolvers.writes.validation import refused_field

R = Resource
DATA: Final[Dataset] = generate(11, 30)


@pytest.fixture
async def adapter() -> AsyncIterator[TeamtailorAdapter]:
    app = create_simulator(DATA, credentials=dict(SIMULATION.credentials))
    async with httpx.AsyncClient(transport=SIMULATION.transport(app)) as http:
        connection = Connection(
            name="tt",
            provider="teamtailor",
            base_url=SIMULATION.base_url,
            credentials=dict(SIMULATION.credentials),
        )
        yield TeamtailorAdapter(connection, http)


def _stages(job_id: str | None) -> list[JobInterviewStageRecord]:
    found = DATA.children(R.JOB_INTERVIEW_STAGE, "job").get(job_id or "", ())
    return sorted(cast("list[JobInterviewStageRecord]", list(found)), key=lambda s: s.position or 0)


def _open_application() -> ApplicationRecord:
    for a in DATA.records(R.APPLICATION):
        assert isinstance(a, ApplicationRecord)
        if a.rejected_at is None and len(_stages(a.job_id)) > 1:
            return a
    raise AssertionError("the dataset has no open application")


async def _read(adapter: TeamtailorAdapter, resource: Resource, teamtailor_id: str) -> Any:
    (found,) = await adapter.get_many(resource, [teamtailor_id])
    return found


def _first(resource: Resource) -> Record:
    return DATA.records(resource)[0]


async def test_create_then_update_a_candidate(adapter: TeamtailorAdapter) -> None:
    given = CandidateInput(
        first_name="Ada",
        last_name="Lovelace",
        emails=(EmailAddress(email="ada.lovelace@example.com"),),
        phones=(PhoneNumber(number="+44 20 7946 0000"),),
        tags=("Analytical",),
    )
    made = await adapter.create_candidate(given, None)
    assert (made.name, made.tag_ids) == ("Ada Lovelace", ("Analytical",))
    assert made.emails == (EmailAddress(email="ada.lovelace@example.com", is_primary=True),)
    found = await adapter.list(
        R.CANDIDATE, ListQuery(Filter(email="ada.lovelace@example.com"), None, 5, None)
    )
    assert [c.id for c in found.records] == [made.id]
    updated = await adapter.update_candidate(CandidateUpdate(made.id, first_name="Augusta", phones=()), None)
    again = cast("CandidateRecord", await _read(adapter, R.CANDIDATE, made.id))
    for record in (updated, again):
        assert (record.name, record.phones, record.tag_ids) == ("Augusta Lovelace", (), ("Analytical",))
    assert len(DATA.records(R.CANDIDATE)) == 30  # the shared dataset is untouched


async def test_apply_move_reject_unreject(adapter: TeamtailorAdapter) -> None:
    person = cast("CandidateRecord", _first(R.CANDIDATE))
    applied = {
        cast("ApplicationRecord", a).job_id for a in DATA.children(R.APPLICATION, "candidate")[person.id]
    }
    job = next(j for j in DATA.records(R.JOB) if j.id not in applied and len(_stages(j.id)) > 1)
    stages = [number(s.id) for s in _stages(job.id)]
    made = await adapter.create_application(
        ApplicationInput(number(job.id), candidate_id=number(person.id)), None
    )
    assert (made.candidate_id, made.job_id, made.current_stage_id) == (
        number(person.id),
        number(job.id),
        stages[0],
    )
    listed = await adapter.list_children(R.APPLICATION, "candidate", [number(person.id)])
    assert made.id in {a.id for a in listed[number(person.id)]}

    moved = await adapter.move_application_stage(StageMove(made.id, stages[1]), None)
    assert moved.current_stage_id == stages[1]
    assert (await _read(adapter, R.APPLICATION, made.id)).current_stage_id == stages[1]

    reason = number(_first(R.REJECT_REASON).id)
    rejected = await adapter.reject_application(Rejection(made.id, reject_reason_id=reason), None)
    again = await _read(adapter, R.APPLICATION, made.id)
    for record in (rejected, again):
        assert (record.rejected_at is not None, record.reject_reason_id) == (True, reason)

    back = await adapter.unreject_application(ApplicationRef(made.id), None)
    assert (back.rejected_at, back.reject_reason_id) == (None, None)
    assert (await _read(adapter, R.APPLICATION, made.id)).rejected_at is None


async def test_a_stage_of_another_job_is_refused_naming_the_field(adapter: TeamtailorAdapter) -> None:
    a = _open_application()
    other = next(s for s in DATA.records(R.JOB_INTERVIEW_STAGE) if getattr(s, "job_id", None) != a.job_id)
    with pytest.raises(ProviderRefusedInput) as info:
        await adapter.move_application_stage(StageMove(number(a.id), number(other.id)), None)
    assert (
        refused_field(TeamtailorAdapter, BY_MUTATION["moveApplicationStage"], info.value) == "input.stageId"
    )
    with pytest.raises(ProviderNotFound):
        await adapter.move_application_stage(StageMove("999999", number(other.id)), None)


async def test_note_and_its_author_read_back(adapter: TeamtailorAdapter) -> None:
    person, user = number(_first(R.CANDIDATE).id), number(_first(R.USER).id)
    note = await adapter.add_note(NoteInput(person, "Strong portfolio"), Actor(user))
    assert (note.candidate_id, note.actor_id, note.body) == (person, user, "Strong portfolio")
    again = cast("ActivityRecord", await _read(adapter, R.ACTIVITY, note.id))
    assert (again.candidate_id, again.actor_id, again.body) == (person, user, "Strong portfolio")
    # an author the account does not have is Teamtailor's to refuse: the field is actorId
    with pytest.raises(ProviderRefusedInput) as info:
        await adapter.add_note(NoteInput(person, "x"), Actor("999999"))
    assert refused_field(TeamtailorAdapter, BY_MUTATION["addNote"], info.value) == "actorId"


async def test_tags_replace_the_list_and_read_back(adapter: TeamtailorAdapter) -> None:
    person = number(_first(R.CANDIDATE).id)
    before = cast("CandidateRecord", await _read(adapter, R.CANDIDATE, person)).tag_ids or ()
    added = await adapter.add_candidate_tags(TagChange(person, ("Shortlist",)), None)
    assert added.tag_ids == (*before, "Shortlist")
    removed = await adapter.remove_candidate_tags(TagChange(person, ("SHORTLIST", *before)), None)
    assert removed.tag_ids == ()
    assert cast("CandidateRecord", await _read(adapter, R.CANDIDATE, person)).tag_ids == ()


async def test_an_upload_by_url_reads_back(adapter: TeamtailorAdapter) -> None:
    person = number(_first(R.CANDIDATE).id)
    given = AttachmentInput(person, "", url="https://files.example.com/cv/ada.pdf")
    made = await adapter.upload_attachment(given, None)
    assert (made.file_name, made.candidate_id) == ("ada.pdf", person)
    again = cast("AttachmentRecord", await _read(adapter, R.ATTACHMENT, made.id))
    assert (again.file_name, again.candidate_id) == ("ada.pdf", person)
    under = await adapter.list_children(R.ATTACHMENT, "candidate", [person])
    assert made.id in {f.id for f in under[person]}


async def test_hire_lands_in_the_jobs_hired_stage(adapter: TeamtailorAdapter) -> None:
    """The simulator renders a job's last stage with ``stage-type`` Hired (the sandbox hires
    into it): the hire moves there, and reads back so."""
    a = _open_application()
    last = number(_stages(a.job_id)[-1].id)
    hired = await adapter.hire_application(ApplicationRef(number(a.id)), None)
    assert hired.current_stage_id == last
    assert (await _read(adapter, R.APPLICATION, number(a.id))).current_stage_id == last
