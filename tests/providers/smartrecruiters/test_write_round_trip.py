"""Writes through the adapter land in the simulator's dataset and read back through it.

Each test builds its own simulator: the first write forks the dataset, so the shared ``DATA``
is never changed (checked). Ids are SmartRecruiters': UUIDs encoding the sandbox's, an
application ``<candidateId>:<jobId>``, a stage ``STATUS:subStatus`` (the sandbox stage's name)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Final, cast

import httpx
import pytest

from providers.base import Connection
from providers.errors import ProviderNotFound, ProviderRefusedInput
from providers.records import (
    ApplicationRecord,
    CandidateRecord,
    EmailAddress,
    JobInterviewStageRecord,
    PhoneNumber,
    Resource,
    Url,
)
from providers.sandbox import Dataset, generate
from providers.smartrecruiters.adapter import SmartRecruitersAdapter
from providers.smartrecruiters.simulator import SIMULATION, create_simulator
from providers.smartrecruiters.simulator.render import encode
from providers.writes import (
    ApplicationInput,
    CandidateInput,
    CandidateUpdate,
    Rejection,
    StageMove,
    TagChange,
)

R = Resource
DATA: Final[Dataset] = generate(13, 30)


@pytest.fixture
async def adapter() -> AsyncIterator[SmartRecruitersAdapter]:
    app = create_simulator(DATA, credentials=dict(SIMULATION.credentials))
    async with httpx.AsyncClient(transport=SIMULATION.transport(app)) as http:
        connection = Connection(
            name="sr",
            provider="smartrecruiters",
            base_url=SIMULATION.base_url,
            credentials=dict(SIMULATION.credentials),
        )
        yield SmartRecruitersAdapter(connection, http)


def _stages(job_id: str | None) -> list[JobInterviewStageRecord]:
    found = DATA.children(R.JOB_INTERVIEW_STAGE, "job").get(job_id or "", ())
    return sorted(cast("list[JobInterviewStageRecord]", list(found)), key=lambda s: s.position or 0)


def _open_application() -> ApplicationRecord:
    for a in DATA.records(R.APPLICATION):
        assert isinstance(a, ApplicationRecord)
        if a.rejected_at is None and len(_stages(a.job_id)) > 2:
            return a
    raise AssertionError("the dataset has no open application")


def _app_id(a: ApplicationRecord) -> str:
    return f"{encode(a.candidate_id or '')}:{encode(a.job_id or '')}"


async def _read(adapter: SmartRecruitersAdapter, resource: Resource, record_id: str) -> Any:
    (found,) = await adapter.get_many(resource, [record_id])
    return found


ADA: Final = CandidateInput(
    first_name="Ada",
    last_name="Lovelace",
    emails=(EmailAddress(email="ada.lovelace@example.com"),),
    phones=(PhoneNumber(number="+44 20 7946 0000"),),
    urls=(Url(url="https://www.linkedin.com/in/ada", type="linkedin"),),
    tags=("Analytical",),
)


async def test_create_then_update_a_candidate(adapter: SmartRecruitersAdapter) -> None:
    made = await adapter.create_candidate(ADA, None)
    assert (made.name, made.tag_ids) == ("Ada Lovelace", ("Analytical",))
    assert made.emails == (EmailAddress(email="ada.lovelace@example.com", is_primary=True),)
    assert made.urls == (Url(url="https://www.linkedin.com/in/ada", type="linkedin"),)
    updated = await adapter.update_candidate(CandidateUpdate(made.id, first_name="Augusta"), None)
    again = cast("CandidateRecord", await _read(adapter, R.CANDIDATE, made.id))
    for record in (updated, again):
        assert (record.name, record.tag_ids) == ("Augusta Lovelace", ("Analytical",))
        assert record.phones == (PhoneNumber(number="+44 20 7946 0000"),)
    assert len(DATA.records(R.CANDIDATE)) == 30  # the shared dataset is untouched


async def test_apply_a_new_candidate_then_move_and_reject(adapter: SmartRecruitersAdapter) -> None:
    job = next(j for j in DATA.records(R.JOB) if len(_stages(j.id)) > 2)
    stages = _stages(job.id)
    made = await adapter.create_application(ApplicationInput(encode(job.id), candidate=ADA), None)
    assert made.job_id == encode(job.id)
    assert (made.current_stage_id or "").endswith(f":{stages[0].name}")
    person = cast("CandidateRecord", await _read(adapter, R.CANDIDATE, made.candidate_id or ""))
    assert (person.name, person.application_ids) == ("Ada Lovelace", (made.id,))

    target = f"INTERVIEW:{stages[2].name}"
    moved = await adapter.move_application_stage(StageMove(made.id, target), None)
    assert moved.current_stage_id == target
    assert (await _read(adapter, R.APPLICATION, made.id)).current_stage_id == target

    reason = DATA.records(R.REJECT_REASON)[0].id
    rejected = await adapter.reject_application(Rejection(made.id, reject_reason_id=encode(reason)), None)
    again = await _read(adapter, R.APPLICATION, made.id)
    for record in (rejected, again):  # the sub-status stays where the rejection happened
        assert (record.current_stage_id, record.reject_reason_id) == (
            f"REJECTED:{stages[2].name}",
            encode(reason),
        )
    assert len(DATA.records(R.APPLICATION)) == len(generate(13, 30).records(R.APPLICATION))


async def test_a_move_of_a_rejected_application_reopens_it(adapter: SmartRecruitersAdapter) -> None:
    """SmartRecruiters' status is one field: setting another one ends the rejection."""
    a = _open_application()
    await adapter.reject_application(Rejection(_app_id(a)), None)
    target = f"INTERVIEW:{_stages(a.job_id)[1].name}"
    moved = await adapter.move_application_stage(StageMove(_app_id(a), target), None)
    assert (moved.current_stage_id, moved.reject_reason_id) == (target, None)


async def test_what_the_account_lacks_is_refused(adapter: SmartRecruitersAdapter) -> None:
    a = _open_application()
    before = (await _read(adapter, R.APPLICATION, _app_id(a))).current_stage_id
    with pytest.raises(ProviderRefusedInput):  # no such sub-status in the job's process
        await adapter.move_application_stage(StageMove(_app_id(a), "INTERVIEW:No such stage"), None)
    with pytest.raises(ProviderRefusedInput):
        await adapter.reject_application(Rejection(_app_id(a), reject_reason_id=encode("nope")), None)
    with pytest.raises(ProviderNotFound):
        await adapter.move_application_stage(
            StageMove(f"{encode('nobody')}:{encode(a.job_id or '')}", "NEW"), None
        )
    with pytest.raises(ProviderRefusedInput):  # CandidateInput requires an e-mail
        await adapter.create_candidate(CandidateInput(first_name="A", last_name="B"), None)
    after = await _read(adapter, R.APPLICATION, _app_id(a))
    assert (after.current_stage_id, after.reject_reason_id) == (before, None)


async def test_tags_add_and_remove_read_back(adapter: SmartRecruitersAdapter) -> None:
    person = encode(DATA.records(R.CANDIDATE)[0].id)
    before = cast("CandidateRecord", await _read(adapter, R.CANDIDATE, person)).tag_ids or ()
    added = await adapter.add_candidate_tags(TagChange(person, ("Shortlist",)), None)
    assert added.tag_ids == (*before, "Shortlist")
    removed = await adapter.remove_candidate_tags(TagChange(person, ("SHORTLIST", *before)), None)
    assert removed.tag_ids == ()
    assert cast("CandidateRecord", await _read(adapter, R.CANDIDATE, person)).tag_ids == ()
