"""Workable writes against the recorded exchanges: each mutation sends the recorded request
(method, path, body, headers) for the neutral input that says the same thing, and the recorded
answer parses into the returned record. Every request the adapter makes is listed: the write is
one request; the reads around it are the ones the API's answers force (see ``writes.py``)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import respx

from providers.errors import WriteRefused
from providers.records import (
    ActivityRecord,
    ActivityType,
    ApplicationRecord,
    CandidateRecord,
    EmailAddress,
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
from tests.shared import load_fixture

from .conftest import BASE, TOKEN

pytestmark = pytest.mark.shared

MEMBER = Actor("1f395d")  # the acting member of every recorded write
CANDIDATE = "272737e6"  # the recorded candidate (PATCH_candidates_id.json)
JOB = "9CD658E13E"  # its job


def fx(name: str) -> Any:
    return load_fixture("workable", name)


def sent(router: respx.MockRouter) -> list[tuple[str, str]]:
    return [(c.request.method, c.request.url.path.removeprefix("/spi/v3")) for c in router.calls]


def body_of(router: respx.MockRouter, method: str) -> Any:
    (request,) = [c.request for c in router.calls if c.request.method == method]
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["Content-Type"] == "application/json"
    assert request.url.query == b""
    return json.loads(request.content)


def stages_route(router: respx.MockRouter, job: str = JOB) -> None:
    # the job's stage table, as recorded, names the stages candidates are in
    router.get(f"/jobs/{job}/stages").respond(200, json=fx("GET_jobs_shortcode_stages.json"))


def candidate_detail(**changes: Any) -> dict[str, Any]:
    detail = fx("GET_candidates_id.json")
    detail["candidate"].update(changes)
    return dict(detail)


async def test_update_candidate_sends_the_recorded_patch(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.patch(f"/candidates/{CANDIDATE}").respond(200, json=fx("PATCH_candidates_id.json"))
        record = await adapter.update_candidate(
            CandidateUpdate(candidate_id=CANDIDATE, first_name="Nango", last_name="Test"), MEMBER
        )
        assert sent(router) == [("PATCH", f"/candidates/{CANDIDATE}")]
        assert body_of(router, "PATCH") == fx("PATCH_candidates_id.request.json")
        assert isinstance(record, CandidateRecord)
        assert (record.id, record.first_name, record.last_name, record.title) == (
            CANDIDATE,
            "Nango",
            "Test",
            "QA Engineer",
        )
        assert record.emails == (EmailAddress(email="nango.testeight@example.com", is_primary=True),)


async def test_update_candidate_keeps_one_email(adapter: WorkableAdapter) -> None:
    two = (EmailAddress(email="a@example.com"), EmailAddress(email="b@example.com"))
    with respx.mock(base_url=BASE) as router:
        with pytest.raises(WriteRefused) as info:
            await adapter.update_candidate(CandidateUpdate(candidate_id=CANDIDATE, emails=two), MEMBER)
        assert getattr(info.value, "field", None) == "input.emails"
        assert not router.calls


async def test_create_candidate_goes_to_the_talent_pool(adapter: WorkableAdapter) -> None:
    recorded = fx("POST_talent_pool_candidates.request.json")["candidate"]
    given = CandidateInput(
        first_name=recorded["firstname"],
        last_name=recorded["lastname"],
        title=recorded["headline"],
        emails=(EmailAddress(email=recorded["email"], is_primary=True),),
    )
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/talent_pool/candidates").respond(201, json=fx("POST_talent_pool_candidates.json"))
        record = await adapter.create_candidate(given, MEMBER)
        assert sent(router) == [("POST", "/talent_pool/candidates")]
        assert body_of(router, "POST") == fx("POST_talent_pool_candidates.request.json")
        assert (record.id, record.title) == ("2727c2c3", "Dryrun test candidate")


async def test_create_application_for_a_new_person(adapter: WorkableAdapter) -> None:
    recorded = fx("POST_jobs_shortcode_candidates.request.json")["candidate"]
    person = CandidateInput(
        first_name="Nango", last_name="Test", emails=(EmailAddress(email=recorded["email"]),)
    )
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post(f"/jobs/{JOB}/candidates").respond(201, json=fx("POST_jobs_shortcode_candidates.json"))
        stages_route(router)
        record = await adapter.create_application(ApplicationInput(job_id=JOB, candidate=person), MEMBER)
        # one write; the stage table names the stage the answer gives by name ("Sourced")
        assert sent(router) == [("POST", f"/jobs/{JOB}/candidates"), ("GET", f"/jobs/{JOB}/stages")]
        assert body_of(router, "POST") == fx("POST_jobs_shortcode_candidates.request.json")
        assert isinstance(record, ApplicationRecord)
        assert (record.id, record.job_id, record.current_stage_id) == ("2727baa2", JOB, f"{JOB}:sourced")


async def test_create_application_for_an_existing_candidate_copies_it(adapter: WorkableAdapter) -> None:
    target = "B3627BCF5D"
    new_id = fx("POST_candidates_id_copy.json")["candidate"]["id"]
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post(f"/candidates/{CANDIDATE}/copy").respond(201, json=fx("POST_candidates_id_copy.json"))
        router.get(f"/candidates/{new_id}").respond(200, json=candidate_detail(id=new_id))
        stages_route(router)
        record = await adapter.create_application(
            ApplicationInput(job_id=target, candidate_id=CANDIDATE, stage_id=f"{target}:sourced"), MEMBER
        )
        assert body_of(router, "POST") == fx("POST_candidates_id_copy.request.json")
        # the copy answers with the new id only: the new candidate is read back
        assert sent(router) == [
            ("POST", f"/candidates/{CANDIDATE}/copy"),
            ("GET", f"/candidates/{new_id}"),
            ("GET", f"/jobs/{JOB}/stages"),
        ]
        assert record.id == new_id


async def test_copy_without_a_stage_starts_in_the_jobs_first(adapter: WorkableAdapter) -> None:
    new_id = fx("POST_candidates_id_copy.json")["candidate"]["id"]
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post(f"/candidates/{CANDIDATE}/copy").respond(201, json=fx("POST_candidates_id_copy.json"))
        router.get(f"/candidates/{new_id}").respond(200, json=candidate_detail(id=new_id))
        stages_route(router)
        await adapter.create_application(ApplicationInput(job_id=JOB, candidate_id=CANDIDATE), MEMBER)
        first = min(fx("GET_jobs_shortcode_stages.json")["stages"], key=lambda s: s["position"])
        assert body_of(router, "POST")["target_stage"] == first["slug"]
        assert sent(router)[0] == ("GET", f"/jobs/{JOB}/stages")  # the table, read before the write


async def test_move_sends_the_recorded_body_and_reads_back(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post(f"/candidates/{CANDIDATE}/move").respond(200, content=b"")
        router.get(f"/candidates/{CANDIDATE}").respond(
            200, json=candidate_detail(stage="Interview", disqualified=False)
        )
        stages_route(router)
        record = await adapter.move_application_stage(StageMove(CANDIDATE, f"{JOB}:interview"), MEMBER)
        assert body_of(router, "POST") == fx("POST_candidates_id_move.request.json")
        assert sent(router) == [
            ("POST", f"/candidates/{CANDIDATE}/move"),
            ("GET", f"/candidates/{CANDIDATE}"),
            ("GET", f"/jobs/{JOB}/stages"),
        ]
        assert record.current_stage_id == f"{JOB}:interview"


async def test_hire_is_the_move_to_the_stage_of_kind_hired(adapter: WorkableAdapter) -> None:
    """GET_jobs_shortcode_stages.json's last stage is of kind ``hired``: the move is the
    recorded move request's shape to it, after the candidate and the job's stages are read."""
    recorded = fx("POST_candidates_id_move.request.json")
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get(f"/candidates/{CANDIDATE}").respond(
            200, json=candidate_detail(stage="Interview", disqualified=False)
        )
        stages_route(router)
        router.post(f"/candidates/{CANDIDATE}/move").respond(200, content=b"")
        await adapter.hire_application(ApplicationRef(CANDIDATE), MEMBER)
        assert body_of(router, "POST") == {**recorded, "target_stage": "hired"}
        assert [c for c in sent(router) if c[0] == "POST"] == [("POST", f"/candidates/{CANDIDATE}/move")]
        assert sent(router)[:2] == [("GET", f"/candidates/{CANDIDATE}"), ("GET", f"/jobs/{JOB}/stages")]


async def test_hire_without_a_hired_stage_writes_nothing(adapter: WorkableAdapter) -> None:
    stages = fx("GET_jobs_shortcode_stages.json")
    stages["stages"] = [s for s in stages["stages"] if s["kind"] != "hired"]
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        router.get(f"/candidates/{CANDIDATE}").respond(
            200, json=candidate_detail(stage="Interview", disqualified=False)
        )
        router.get(f"/jobs/{JOB}/stages").respond(200, json=stages)
        move = router.post(f"/candidates/{CANDIDATE}/move")
        with pytest.raises(WriteRefused):
            await adapter.hire_application(ApplicationRef(CANDIDATE), MEMBER)
    assert move.call_count == 0


async def test_reject_sends_the_recorded_body(adapter: WorkableAdapter) -> None:
    recorded = fx("POST_candidates_id_disqualify.request.json")
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post(f"/candidates/{CANDIDATE}/disqualify").respond(200, content=b"")
        rejected = candidate_detail(
            disqualified=True,
            disqualified_at="2026-07-23T20:45:16.476Z",
            disqualification_reason="Doesn't have required qualifications",
        )
        router.get(f"/candidates/{CANDIDATE}").respond(200, json=rejected)
        router.get("/disqualification_reasons").respond(200, json=fx("GET_disqualification_reasons.json"))
        stages_route(router)
        record = await adapter.reject_application(
            Rejection(CANDIDATE, reject_reason_id="b29c63", note=recorded["disqualify_note"]), MEMBER
        )
        assert body_of(router, "POST") == recorded
        # one write, then the candidate read back with the tables naming its stage and reason
        assert sent(router)[:2] == [
            ("POST", f"/candidates/{CANDIDATE}/disqualify"),
            ("GET", f"/candidates/{CANDIDATE}"),
        ]
        assert sorted(sent(router)[2:]) == [
            ("GET", "/disqualification_reasons"),
            ("GET", f"/jobs/{JOB}/stages"),
        ]
        assert isinstance(record, ApplicationRecord)
        assert record.reject_reason_id == "b29c63"
        assert record.rejected_at is not None


async def test_unreject_sends_the_recorded_body(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post(f"/candidates/{CANDIDATE}/revert").respond(200, content=b"")
        router.get(f"/candidates/{CANDIDATE}").respond(200, json=candidate_detail(disqualified=False))
        stages_route(router)
        record = await adapter.unreject_application(ApplicationRef(CANDIDATE), MEMBER)
        assert body_of(router, "POST") == fx("POST_candidates_id_revert.request.json")
        assert record.rejected_at is None


async def test_add_note_is_one_call(adapter: WorkableAdapter) -> None:
    recorded = fx("POST_candidates_id_comments.request.json")
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post(f"/candidates/{CANDIDATE}/comments").respond(
            201, json=fx("POST_candidates_id_comments.json")
        )
        note = await adapter.add_note(NoteInput(CANDIDATE, recorded["comment"]["body"]), MEMBER)
        assert sent(router) == [("POST", f"/candidates/{CANDIDATE}/comments")]
        assert body_of(router, "POST") == recorded
        assert isinstance(note, ActivityRecord)
        assert (note.id, note.candidate_id, note.actor_id, note.activity_type) == (
            "90775157",
            CANDIDATE,
            "1f395d",
            ActivityType.NOTE,
        )


async def test_add_tags_reads_then_puts_the_whole_list(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get(f"/candidates/{CANDIDATE}").respond(200, json=candidate_detail(tags=["nango"]))
        router.put(f"/candidates/{CANDIDATE}/tags").respond(200, json=fx("PUT_candidates_id_tags.json"))
        record = await adapter.add_candidate_tags(TagChange(CANDIDATE, ("NANGO", "seed")), MEMBER)
        # PUT replaces the list: the current tags are read first (the one read-before-write)
        assert sent(router) == [("GET", f"/candidates/{CANDIDATE}"), ("PUT", f"/candidates/{CANDIDATE}/tags")]
        assert body_of(router, "PUT") == fx("PUT_candidates_id_tags.request.json")
        assert record.tag_ids == ("nango", "seed")


async def test_remove_tags_puts_what_is_left(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get(f"/candidates/{CANDIDATE}").respond(
            200, json=candidate_detail(tags=["nango", "x", "seed"])
        )
        router.put(f"/candidates/{CANDIDATE}/tags").respond(200, json=fx("PUT_candidates_id_tags.json"))
        record = await adapter.remove_candidate_tags(TagChange(CANDIDATE, ("X",)), MEMBER)
        assert body_of(router, "PUT") == fx("PUT_candidates_id_tags.request.json")
        assert record.tag_ids == ("nango", "seed")


def test_offered_writes_and_their_fields() -> None:
    from providers.writes import OPERATIONS, input_fields, supports

    offered = {op.mutation for op in OPERATIONS if supports(WorkableAdapter, op)}
    assert offered == {
        "createCandidate",
        "updateCandidate",
        "createApplication",
        "moveApplicationStage",
        "rejectApplication",
        "hireApplication",
        "unrejectApplication",
        "addNote",
        "addCandidateTags",
        "removeCandidateTags",
    }
    reject = next(op for op in OPERATIONS if op.mutation == "rejectApplication")
    assert "emailTemplateId" not in input_fields(WorkableAdapter, reject)
    assert WorkableAdapter.actor_required


async def test_an_unsafe_id_is_refused_before_any_call(client: httpx.AsyncClient) -> None:
    from .conftest import make_adapter

    adapter = make_adapter(client)
    with respx.mock(base_url=BASE) as router:
        with pytest.raises(WriteRefused) as info:
            await adapter.add_note(NoteInput("../members", "hi"), MEMBER)
        assert getattr(info.value, "field", None) == "input.candidateId"
        assert not router.calls
