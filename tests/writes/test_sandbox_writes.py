"""The sandbox's writes at the adapter: one dataset change each, all or nothing, and every
index a read uses is right afterwards (compared with indexes rebuilt from the records)."""

from __future__ import annotations

from typing import Any, cast

import pytest

from providers.base import Connection
from providers.errors import WriteRefused
from providers.query import Filter, ListQuery
from providers.records import (
    ApplicationRecord,
    AttachmentType,
    CandidateRecord,
    EmailAddress,
    JobInterviewStageRecord,
    Resource,
    Visibility,
)
from providers.sandbox.adapter import SandboxAdapter
from providers.sandbox.dataset import Dataset
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

from .support import fresh_options

R = Resource


@pytest.fixture
def adapter() -> SandboxAdapter:
    built = SandboxAdapter(Connection("sandbox", "sandbox", options=fresh_options()))
    data = built.writable()
    # Build every index up front: the writes must keep built indexes right, not just rebuild.
    for resource, parent in [*data_keys(data)]:
        data.children(resource, parent)
    return built


def data_keys(data: Dataset) -> list[tuple[Resource, str]]:
    from providers.sandbox.dataset import INDEX_KEYS

    return [*INDEX_KEYS, (R.TAG, "candidate")]


def assert_indexes_match_records(data: Dataset) -> None:
    for key in data.built_indexes():
        built = data.built_index(key)
        assert built is not None
        fresh = data._build_children(*key)
        ids = {k: [r.id for r in v] for k, v in built.items()}
        assert ids == {k: [r.id for r in v] for k, v in fresh.items()}, key
        # The index holds the current record objects, not stale copies.
        for records in built.values():
            for record in records:
                assert data.get(key[0], record.id) is record


def stages_of(data: Dataset, job_id: str) -> list[JobInterviewStageRecord]:
    stages = cast("list[JobInterviewStageRecord]", list(data.children(R.JOB_INTERVIEW_STAGE, "job")[job_id]))
    return sorted(stages, key=lambda s: s.position or 0)


def _open_application(data: Dataset) -> str:
    return next(a.id for a in data.records(R.APPLICATION) if a.rejected_at is None)  # type: ignore[attr-defined]


async def listed(adapter: SandboxAdapter, resource: Resource, **flt: Any) -> list[str]:
    page = await adapter.list_records(resource, ListQuery(Filter(**flt), None, 500, None))
    return [r.id for r in page.records]


async def test_each_write_is_one_change_and_reads_see_it(adapter: SandboxAdapter) -> None:
    data = adapter.dataset
    # Prime the adapter's selection cache: a write must invalidate it.
    assert "ada@example.com" not in await listed(adapter, R.CANDIDATE, email="ada@example.com")
    before = data.version
    candidate = await adapter.create_candidate(
        CandidateInput(
            first_name="Ada",
            last_name="Lovelace",
            emails=(EmailAddress(email="Ada@Example.com"),),
            tags=("Python", "Brand new tag"),
        ),
        None,
    )
    assert data.version == before + 1
    assert candidate.name == "Ada Lovelace"
    assert await listed(adapter, R.CANDIDATE, email="ada@example.com") == [candidate.id]
    assert await listed(adapter, R.CANDIDATE, tags=("brand new tag",)) == [candidate.id]
    assert (await adapter.get_records(R.CANDIDATE, [candidate.id]))[0] is candidate

    job = data.records(R.JOB)[0]
    app = await adapter.create_application(ApplicationInput(job_id=job.id, candidate_id=candidate.id), None)
    assert data.version == before + 2
    assert app.current_stage_id == stages_of(data, job.id)[0].id
    assert candidate.id in await listed(adapter, R.CANDIDATE, job_id=job.id)
    assert app.id in await listed(adapter, R.APPLICATION, candidate_id=candidate.id)
    stored = cast("CandidateRecord", data.get(R.CANDIDATE, candidate.id))
    assert stored.application_ids == (app.id,)

    target = stages_of(data, job.id)[2]
    moved = await adapter.move_application_stage(StageMove(app.id, target.id), None)
    assert moved.current_stage_id == target.id
    assert app.id in await listed(adapter, R.APPLICATION, stage_id=target.id)
    assert app.id not in await listed(adapter, R.APPLICATION, stage_id=app.current_stage_id)
    assert data.version == before + 3
    assert_indexes_match_records(data)


async def test_reject_unreject_hire(adapter: SandboxAdapter) -> None:
    data = adapter.dataset
    app = next(cast("ApplicationRecord", a) for a in data.records(R.APPLICATION) if a.rejected_at is None)  # type: ignore[attr-defined]
    reason = data.records(R.REJECT_REASON)[0].id
    user = data.records(R.USER)[0].id
    notes_before = len(data.children(R.ACTIVITY, "candidate").get(app.candidate_id or "", ()))
    rejected = await adapter.reject_application(
        Rejection(app.id, reject_reason_id=reason, note="Not this time"), Actor(user)
    )
    assert rejected.rejected_at is not None
    assert rejected.reject_reason_id == reason
    notes = data.children(R.ACTIVITY, "candidate")[app.candidate_id or ""]
    assert len(notes) == notes_before + 1
    assert notes[-1].actor_id == user
    with pytest.raises(WriteRefused) as refused:
        await adapter.move_application_stage(StageMove(app.id, app.current_stage_id or ""), None)
    assert refused.value.field == "input.applicationId"
    back = await adapter.unreject_application(ApplicationRef(app.id), None)
    assert back.rejected_at is None
    assert back.reject_reason_id is None
    hired = await adapter.hire_application(ApplicationRef(app.id), None)
    assert hired.current_stage_id == stages_of(data, app.job_id or "")[-1].id
    assert_indexes_match_records(data)


async def test_notes_attachments_and_tags(adapter: SandboxAdapter) -> None:
    data = adapter.dataset
    candidate = next(cast("CandidateRecord", c) for c in data.records(R.CANDIDATE) if c.application_ids)  # type: ignore[attr-defined]
    app_id = (candidate.application_ids or ("",))[0]
    note = await adapter.add_note(
        NoteInput(candidate.id, "Great call", application_id=app_id, visibility=Visibility.PRIVATE), None
    )
    assert note.visibility is Visibility.PRIVATE
    assert note.body == "Great call"
    assert note.id in await listed(adapter, R.ACTIVITY, candidate_id=candidate.id)
    attachment = await adapter.upload_attachment(
        AttachmentInput(
            candidate.id,
            "cv.pdf",
            application_id=app_id,
            attachment_type=AttachmentType.RESUME,
            content=b"%PDF-1",
        ),
        None,
    )
    assert data.files[attachment.id] == b"%PDF-1"
    assert attachment.id in await listed(adapter, R.ATTACHMENT, application_id=app_id)
    assert attachment.id in (
        cast("CandidateRecord", data.get(R.CANDIDATE, candidate.id)).attachment_ids or ()
    )
    tagged = await adapter.add_candidate_tags(TagChange(candidate.id, ("VIP", "vip", "Rust")), None)
    names = {t.name for t in data.children(R.TAG, "candidate")[candidate.id]}  # type: ignore[attr-defined]
    assert {"VIP", "Rust"} <= names
    assert len(tagged.tag_ids or ()) == len(names)
    untagged = await adapter.remove_candidate_tags(TagChange(candidate.id, ("vip", "not-a-tag")), None)
    assert "VIP" not in {t.name for t in data.children(R.TAG, "candidate").get(candidate.id, ())}  # type: ignore[attr-defined]
    assert len(untagged.tag_ids or ()) == len(names) - 1
    updated = await adapter.update_candidate(
        CandidateUpdate(candidate.id, last_name="Renamed", emails=(EmailAddress(email="new@example.com"),)),
        None,
    )
    assert updated.last_name == "Renamed"
    assert updated.first_name == candidate.first_name
    assert await listed(adapter, R.CANDIDATE, email="new@example.com") == [candidate.id]
    assert_indexes_match_records(data)


@pytest.mark.parametrize(
    ("write", "field"),
    [
        (lambda a, d: a.update_candidate(CandidateUpdate("cand_999999", title="x"), None), "input.id"),
        (
            lambda a, d: a.create_application(
                ApplicationInput(job_id="job_9999", candidate_id="cand_000001"), None
            ),
            "input.jobId",
        ),
        (
            lambda a, d: a.create_application(
                ApplicationInput(
                    job_id=d.records(R.JOB)[0].id,
                    candidate=CandidateInput(first_name="A", last_name="B"),
                    stage_id="stage_999999",
                ),
                None,
            ),
            "input.stageId",
        ),
        (
            lambda a, d: a.move_application_stage(StageMove(_open_application(d), "stage_999999"), None),
            "input.stageId",
        ),
        (lambda a, d: a.reject_application(Rejection("app_999999"), None), "input.applicationId"),
        (
            lambda a, d: a.add_note(NoteInput("cand_000001", "x", application_id="app_999999"), None),
            "input.applicationId",
        ),
        (lambda a, d: a.add_note(NoteInput("cand_000001", "x"), Actor("user_9999")), "actorId"),
        (lambda a, d: a.upload_attachment(AttachmentInput("cand_000001", "x.txt"), None), "input.file"),
    ],
)
async def test_a_refused_write_changes_nothing(adapter: SandboxAdapter, write: Any, field: str) -> None:
    data = adapter.dataset
    before = (data.version, data.counts())
    with pytest.raises(WriteRefused) as refused:
        await write(adapter, data)
    assert refused.value.field == field
    assert (data.version, data.counts()) == before
    assert_indexes_match_records(data)


async def test_a_write_lands_in_the_connections_own_fork() -> None:
    options = fresh_options()
    one = SandboxAdapter(Connection("one", "sandbox", options=options))
    two = SandboxAdapter(Connection("two", "sandbox", options=options))
    shared = one.dataset
    assert two.dataset is shared  # reads share the generated dataset
    shared.children(R.CANDIDATE, "email")  # an index built before the fork is copied, not shared
    candidate = await one.create_candidate(
        CandidateInput(first_name="A", last_name="B", emails=(EmailAddress(email="fork@example.com"),)), None
    )
    assert one.dataset is not shared
    assert one.dataset.get(R.CANDIDATE, candidate.id) is candidate
    assert shared.get(R.CANDIDATE, candidate.id) is None
    assert two.dataset is shared
    assert await listed(two, R.CANDIDATE, email="fork@example.com") == []
    assert await listed(one, R.CANDIDATE, email="fork@example.com") == [candidate.id]
    assert (shared.version, shared.counts()) == (0, two.dataset.counts())
    with pytest.raises(RuntimeError, match="never written"):
        shared.apply([(R.CANDIDATE, candidate)])
    assert_indexes_match_records(one.dataset)


async def test_an_inline_candidate_and_new_tags_land_together(adapter: SandboxAdapter) -> None:
    data = adapter.dataset
    counts = data.counts()
    job = data.records(R.JOB)[1]
    app = await adapter.create_application(
        ApplicationInput(
            job_id=job.id,
            candidate=CandidateInput(first_name="Grace", last_name="Hopper", tags=("Navy",)),
            source="Referral",
        ),
        None,
    )
    after = data.counts()
    assert (after[R.CANDIDATE], after[R.APPLICATION], after[R.TAG]) == (
        counts[R.CANDIDATE] + 1,
        counts[R.APPLICATION] + 1,
        counts[R.TAG] + 1,
    )
    assert app.source is not None
    assert app.source.name == "Referral"
    assert app.candidate_id is not None
    assert app.candidate_id in await listed(adapter, R.CANDIDATE, tags=("navy",))
    with pytest.raises(WriteRefused, match="already applied"):
        await adapter.create_application(ApplicationInput(job_id=job.id, candidate_id=app.candidate_id), None)
    assert_indexes_match_records(data)
