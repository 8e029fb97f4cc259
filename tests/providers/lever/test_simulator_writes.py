"""Writes through the adapter land in the simulator's dataset and read back through it (the
simulator runs the sandbox's own writer on a fork; the shared dataset is never written)."""

from __future__ import annotations

from typing import Any, cast

import httpx
import pytest

from providers.errors import ProviderNotFound, ProviderRefusedInput
from providers.lever.simulator.render import Account, account_pipeline
from providers.records import (
    ApplicationRecord,
    EmailAddress,
    JobInterviewStageRecord,
    Resource,
    Visibility,
)
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

from .conftest import API_KEY
from .simulator_support import BASE, simulator, small_dataset, wired

pytestmark = pytest.mark.shared

R = Resource


def _open_application(data: Any) -> tuple[ApplicationRecord, list[JobInterviewStageRecord]]:
    """An unrejected application whose job has a stage of another name than its own."""
    stages = cast("list[JobInterviewStageRecord]", list(data.records(R.JOB_INTERVIEW_STAGE)))
    for app in cast("list[ApplicationRecord]", list(data.records(R.APPLICATION))):
        mine = [s for s in stages if s.job_id == app.job_id]
        current = next((s for s in mine if s.id == app.current_stage_id), None)
        if app.rejected_at is None and current is not None and any(s.name != current.name for s in mine):
            return app, mine
    raise AssertionError("the small dataset has no open application to move")


def _actor(data: Any) -> Actor:
    return Actor(data.records(R.USER)[0].id)


async def test_stage_reject_unreject_read_back() -> None:
    data = small_dataset()
    app, mine = _open_application(data)
    _, stage_of = account_pipeline(list(data.records(R.JOB_INTERVIEW_STAGE)))
    before = await _read_application(data, app.id)
    target = next(stage_of[s.id] for s in mine if stage_of[s.id] != before.current_stage_id)
    reason = data.records(R.REJECT_REASON)[0].id
    actor = _actor(data)
    async with wired(simulator(data)) as adapter:
        moved = await adapter.move_application_stage(StageMove(app.id, target), actor)
        assert moved.current_stage_id == target
        read = (await adapter.get_applications([app.id]))[0]
        assert read is not None
        assert read.current_stage_id == target
        assert read.job_id == app.job_id

        rejected = await adapter.reject_application(Rejection(app.id, reject_reason_id=reason), actor)
        assert rejected.reject_reason_id == reason
        read = (await adapter.get_applications([app.id]))[0]
        assert read is not None
        assert read.rejected_at is not None
        assert read.reject_reason_id == reason

        back = await adapter.unreject_application(ApplicationRef(app.id), actor)
        assert back.rejected_at is None
        read = (await adapter.get_applications([app.id]))[0]
        assert read is not None
        assert read.rejected_at is None
    # the shared dataset is untouched: the simulator wrote to its own fork
    assert not data.writable
    assert data.get(R.APPLICATION, app.id) == app


async def test_hire_reads_back_in_the_last_stage() -> None:
    """The sandbox's hire is its job's last stage; the simulator archives no hire."""
    data = small_dataset()
    app, mine = _open_application(data)
    _, stage_of = account_pipeline(list(data.records(R.JOB_INTERVIEW_STAGE)))
    last = max(mine, key=lambda s: s.position or 0)
    async with wired(simulator(data)) as adapter:
        hired = await adapter.hire_application(ApplicationRef(app.id), _actor(data))
        read = (await adapter.get_applications([app.id]))[0]
    assert hired.current_stage_id == stage_of[last.id]
    assert read is not None
    assert read.current_stage_id == stage_of[last.id]
    assert read.rejected_at is None


async def test_tags_read_back() -> None:
    data = small_dataset()
    app, _ = _open_application(data)
    contact, actor = app.candidate_id or "", _actor(data)
    async with wired(simulator(data)) as adapter:
        await adapter.list_tags_by_candidate_ids([contact])  # keeps the contact's opportunities
        added = await adapter.add_candidate_tags(TagChange(contact, ("Rust", "Remote-OK")), actor)
        kept = await adapter.list_tags_by_candidate_ids([contact])  # from the kept ones: no stale tags
        assert {"Rust", "Remote-OK"} <= {t.name for t in kept[contact]}
        assert {"Rust", "Remote-OK"} <= set(added.tag_ids or ())
        read = (await adapter.get_candidates([contact]))[0]
        assert read is not None
        assert {"Rust", "Remote-OK"} <= set(read.tag_ids or ())
        removed = await adapter.remove_candidate_tags(TagChange(contact, ("rust",)), actor)
        assert "Rust" not in (removed.tag_ids or ())
        read = (await adapter.get_candidates([contact]))[0]
    assert read is not None
    assert "Rust" not in (read.tag_ids or ())
    assert "Remote-OK" in (read.tag_ids or ())


async def test_the_refreshed_account_is_a_full_re_render() -> None:
    """After writes of every kind, what the simulator serves equals rendering its dataset
    afresh: re-rendering only the written contacts' opportunities misses nothing."""
    data = small_dataset()
    app, mine = _open_application(data)
    _, stage_of = account_pipeline(list(data.records(R.JOB_INTERVIEW_STAGE)))
    actor, contact = _actor(data), app.candidate_id or ""
    served = simulator(data)
    async with wired(served) as adapter:
        current = (await adapter.get_applications([app.id]))[0]
        assert current is not None
        target = next(stage_of[s.id] for s in mine if stage_of[s.id] != current.current_stage_id)
        await adapter.move_application_stage(StageMove(app.id, target), actor)
        await adapter.add_candidate_tags(TagChange(contact, ("Brand-new-tag",)), actor)
        await adapter.add_note(NoteInput(contact, "n", app.id, Visibility.PUBLIC), actor)
        await adapter.upload_attachment(AttachmentInput(contact, "cv.pdf", app.id, content=b"%PDF"), actor)
        await adapter.create_candidate(CandidateInput(first_name="New", tags=("Other-new",)), actor)
        await adapter.reject_application(Rejection(app.id, data.records(R.REJECT_REASON)[0].id), actor)
    writes = served.state.writes
    fresh = Account(writes.dataset)
    assert writes.account.opportunities == fresh.opportunities
    assert writes.account.tags == fresh.tags

    def filed(account: Account, path: str) -> dict[Any, list[Any]]:
        return {k: sorted(v, key=lambda n: n["id"]) for k, v in account.children.items() if k[1] == path}

    assert filed(writes.account, "notes") == filed(fresh, "notes")
    assert filed(writes.account, "files") == filed(fresh, "files")


async def _read_application(data: Any, app_id: str) -> ApplicationRecord:
    async with wired(simulator(data)) as adapter:
        found = (await adapter.get_applications([app_id]))[0]
    assert found is not None
    return found


async def test_note_reads_back_under_the_candidate() -> None:
    data = small_dataset()
    app, _ = _open_application(data)
    actor = _actor(data)
    async with wired(simulator(data)) as adapter:
        given = NoteInput(app.candidate_id or "", "Strong systems design.", app.id, Visibility.PUBLIC)
        note = await adapter.add_note(given, actor)
        assert note.body == "Strong systems design."
        assert note.actor_id == actor.id
        assert note.candidate_id == app.candidate_id
        listed = await adapter.nested_by_candidate(R.ACTIVITY, [app.candidate_id or ""])
    bodies = [getattr(a, "body", None) for a in listed[app.candidate_id or ""]]
    assert "Strong systems design." in bodies


async def test_an_uploaded_file_reads_back() -> None:
    data = small_dataset()
    app, _ = _open_application(data)
    contact = app.candidate_id or ""
    content = bytes(range(256)) * 3  # every byte value survives the multipart round trip
    given = AttachmentInput(contact, "portfolio.pdf", app.id, content_type="application/pdf", content=content)
    served = simulator(data)
    async with wired(served) as adapter:
        made = await adapter.upload_attachment(given, _actor(data))
        assert made.file_name == "portfolio.pdf"
        assert made.application_id == app.id
        assert made.candidate_id == contact
        listed = await adapter.nested_by_candidate(R.ATTACHMENT, [contact])
        by_application = await adapter.nested_by_application(R.ATTACHMENT, [app.id])
    assert made.id in [a.id for a in listed[contact]]
    assert made.id in [a.id for a in by_application[app.id]]
    stored = served.state.writes.dataset
    assert list(stored.files.values()) == [content]


async def test_an_upload_without_a_file_part_is_refused() -> None:
    data = small_dataset()
    app, _ = _open_application(data)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=simulator(data))) as client:
        response = await client.post(
            f"{BASE}/opportunities/{app.id}/files",
            params={"perform_as": _actor(data).id},
            files={"document": ("a.pdf", b"x", "application/pdf")},
            auth=(API_KEY, ""),
        )
    assert response.status_code == 400
    assert response.json()["code"] == "BadRequestError"


async def test_created_applications_read_back() -> None:
    data = small_dataset()
    candidate = data.records(R.CANDIDATE)[0]
    applied = {a.job_id for a in data.records(R.APPLICATION) if a.candidate_id == candidate.id}
    job = next(j for j in data.records(R.JOB) if j.id not in applied)
    async with wired(simulator(data)) as adapter:
        made = await adapter.create_application(
            ApplicationInput(job.id, candidate_id=candidate.id), _actor(data)
        )
        assert (made.candidate_id, made.job_id) == (candidate.id, job.id)
        read = (await adapter.get_applications([made.id]))[0]
        fresh = CandidateInput(first_name="Grace", last_name="Hopper", emails=(EmailAddress(email="g@h.io"),))
        new = await adapter.create_application(
            ApplicationInput(job.id, candidate=fresh, source="Referral"), _actor(data)
        )
        person = (await adapter.get_candidates([new.candidate_id or ""]))[0]
        with pytest.raises(ProviderRefusedInput):  # the same contact on the same posting again
            await adapter.create_application(
                ApplicationInput(job.id, candidate_id=candidate.id), _actor(data)
            )
    assert read is not None
    assert (read.candidate_id, read.job_id) == (candidate.id, job.id)
    assert person is not None
    assert person.name == "Grace Hopper"
    assert new.job_id == job.id
    assert new.candidate_id not in {c.id for c in data.records(R.CANDIDATE)}


async def test_an_updated_contact_reads_back_on_every_opportunity() -> None:
    data = small_dataset()
    app, _ = _open_application(data)
    contact = app.candidate_id or ""
    given = CandidateUpdate(
        contact,
        first_name="Grace",
        last_name="Hopper",
        title="Rear Admiral",
        emails=(EmailAddress(email="grace@navy.example"),),
        phones=(),
    )
    async with wired(simulator(data)) as adapter:
        updated = await adapter.update_candidate(given, _actor(data))
        read = (await adapter.get_candidates([contact]))[0]
        application = (await adapter.get_applications([app.id]))[0]
    assert read is not None
    assert (updated.name, read.name) == ("Grace Hopper", "Grace Hopper")
    assert read.title == "Rear Admiral"
    assert [e.email for e in read.emails] == ["grace@navy.example"]
    assert read.phones == ()
    assert read.application_ids == updated.application_ids
    assert application is not None
    assert application.candidate_id == contact


async def test_created_candidate_reads_back() -> None:
    data = small_dataset()
    given = CandidateInput(
        first_name="Ada",
        last_name="Lovelace",
        title="Engineer",
        emails=(EmailAddress(email="ada@example.com"),),
    )
    async with wired(simulator(data)) as adapter:
        created = await adapter.create_candidate(given, _actor(data))
        assert created.name == "Ada Lovelace"
        found = (await adapter.get_candidates([created.id]))[0]
    assert found is not None
    assert found.name == "Ada Lovelace"
    assert found.title == "Engineer"
    assert [e.email for e in found.emails] == ["ada@example.com"]
    assert found.application_ids == created.application_ids


async def test_refusals() -> None:
    data = small_dataset()
    app, _ = _open_application(data)
    async with wired(simulator(data)) as adapter:
        with pytest.raises(ProviderNotFound):
            await adapter.move_application_stage(StageMove("no-such-opp", "x"), _actor(data))
        with pytest.raises(ProviderRefusedInput):  # Lever's 400: not a stage of the pipeline
            await adapter.move_application_stage(StageMove(app.id, "no-such-stage"), _actor(data))
        with pytest.raises(ProviderRefusedInput):  # an unknown user to act as
            await adapter.unreject_application(ApplicationRef(app.id), Actor("nobody"))


async def test_perform_as_is_required() -> None:
    app = simulator(small_dataset())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as client:
        response = await client.post(f"{BASE}/opportunities", json={"name": "A"}, auth=(API_KEY, ""))
    assert response.status_code == 400
    assert response.json()["code"] == "BadRequestError"
