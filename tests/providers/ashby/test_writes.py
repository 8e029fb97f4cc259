"""Ashby's writes against the recorded exchanges: the request each mutation sends (method,
path, query, body, headers) is the recorded ``.request.json`` for the same input, the recorded
answer parses into the returned record, and every failure costs exactly one request (a write
is never retried) and reaches the gateway as the right code."""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import respx

from gateway.errors import ErrorCode, provider_error_code
from providers.ashby import AshbyAdapter
from providers.errors import ProviderError, WriteRefused
from providers.records import ActivityType, EmailAddress, PhoneNumber, Url
from providers.writes import (
    Actor,
    ApplicationInput,
    ApplicationRef,
    CandidateInput,
    CandidateUpdate,
    NoteInput,
    Rejection,
    StageMove,
)
from providers.writes.operations import OPERATIONS, supports
from resolvers.writes.path import maybe_sent
from tests.shared import load_fixture

from .conftest import API_KEY, BASE, CONNECTION

pytestmark = pytest.mark.shared

ID1 = "00000000-0000-0000-0000-000000000001"
ID2 = "00000000-0000-0000-0000-000000000002"


def fx(name: str) -> Any:
    return load_fixture("ashby", name)


@dataclass(frozen=True)
class Case:
    rpc: str
    call: Callable[[AshbyAdapter], Awaitable[Any]]


# The neutral input whose body is the recorded one (every recorded body is covered: none
# carries a field the unified inputs lack).
CASES = {
    "createCandidate": Case(
        "candidate.create",
        lambda a: a.create_candidate(CandidateInput(first_name="Test", last_name="User 1"), None),
    ),
    "updateCandidate": Case(
        "candidate.update",
        lambda a: a.update_candidate(CandidateUpdate(ID1, first_name="Test", last_name="User 4"), None),
    ),
    "createApplication": Case(
        "application.create",
        lambda a: a.create_application(ApplicationInput(job_id=ID2, candidate_id=ID1), None),
    ),
    "moveApplicationStage": Case(
        "application.changeStage",
        lambda a: a.move_application_stage(StageMove(ID1, ID2), None),
    ),
    "addNote": Case(
        "candidate.createNote",
        lambda a: a.add_note(NoteInput(ID1, "Test note from Nango action validation"), None),
    ),
}


def test_the_offered_writes_are_exactly_these() -> None:
    offered = {op.mutation for op in OPERATIONS if supports(AshbyAdapter, op)}
    assert offered == {
        *CASES,
        "rejectApplication",
        "hireApplication",
        "addCandidateTags",
        "removeCandidateTags",
        "uploadAttachment",
    }
    assert not AshbyAdapter.actor_required  # Ashby has no acting user
    notes = " ".join(AshbyAdapter.coverage_notes)
    for missing in set(op.mutation for op in OPERATIONS) - offered:
        assert f"`{missing}`" in notes, missing


@pytest.mark.parametrize("mutation", list(CASES))
async def test_the_request_is_the_recorded_one(adapter: AshbyAdapter, mutation: str) -> None:
    case = CASES[mutation]
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post(f"/{case.rpc}").respond(json=fx(f"POST_{case.rpc}.json"))
        await case.call(adapter)
    assert route.call_count == 1  # one write, no read before it
    sent = route.calls.last.request
    assert sent.method == "POST"
    assert sent.url.path == f"/{case.rpc}"
    assert not sent.url.query
    assert json.loads(sent.content) == fx(f"POST_{case.rpc}.request.json")
    assert sent.headers["content-type"] == "application/json"
    assert sent.headers["authorization"] == "Basic " + base64.b64encode(f"{API_KEY}:".encode()).decode()


async def test_a_new_candidate_parses_from_the_recorded_answer(adapter: AshbyAdapter) -> None:
    answer = fx("POST_candidate.create.json")["results"]
    with respx.mock(base_url=BASE) as router:
        router.post("/candidate.create").respond(json=fx("POST_candidate.create.json"))
        record = await CASES["createCandidate"].call(adapter)
    assert (record.id, record.name) == (answer["id"], answer["name"])  # redacted: "Test User 2"
    assert record.emails == ()
    assert record.application_ids == ()


async def test_an_updated_candidate_parses_from_the_recorded_answer(adapter: AshbyAdapter) -> None:
    answer = fx("POST_candidate.update.json")["results"]
    with respx.mock(base_url=BASE) as router:
        router.post("/candidate.update").respond(json=fx("POST_candidate.update.json"))
        record = await CASES["updateCandidate"].call(adapter)
    assert record.id == answer["id"]
    assert record.company == "The Mars Agency"
    assert [u.type for u in record.urls] == ["linkedin", "website"]
    assert record.application_ids == tuple(answer["applicationIds"])


async def test_applications_parse_from_the_recorded_answers(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE) as router:
        router.post("/application.create").respond(json=fx("POST_application.create.json"))
        router.post("/application.changeStage").respond(json=fx("POST_application.changeStage.json"))
        created = await CASES["createApplication"].call(adapter)
        moved = await CASES["moveApplicationStage"].call(adapter)
    new = fx("POST_application.create.json")["results"]
    assert (created.id, created.candidate_id, created.job_id) == (new["id"], ID1, ID2)
    assert created.current_stage_id == new["currentInterviewStage"]["id"]
    assert (moved.id, moved.current_stage_id) == (ID1, ID2)
    assert moved.rejected_at is None


async def test_a_note_parses_from_the_recorded_answer(adapter: AshbyAdapter) -> None:
    answer = fx("POST_candidate.createNote.json")["results"]
    with respx.mock(base_url=BASE) as router:
        router.post("/candidate.createNote").respond(json=fx("POST_candidate.createNote.json"))
        note = await CASES["addNote"].call(adapter)
    assert (note.id, note.candidate_id, note.body) == (answer["id"], ID1, answer["content"])
    assert note.activity_type is ActivityType.NOTE
    assert note.actor_id == answer["author"]["id"]


async def test_a_full_candidate_body(adapter: AshbyAdapter) -> None:
    given = CandidateInput(
        first_name="Ada",
        last_name="Lovelace",
        emails=(EmailAddress(email="ada@work.test"), EmailAddress(email="ada@home.test", is_primary=True)),
        phones=(PhoneNumber(number="+4420"),),
        urls=(
            Url(url="https://linkedin.com/in/ada", type="linkedin"),
            Url(url="https://ada.test", type="website"),
        ),
    )
    with respx.mock(base_url=BASE) as router:
        route = router.post("/candidate.create").respond(json=fx("POST_candidate.create.json"))
        await adapter.create_candidate(given, None)
    assert json.loads(route.calls.last.request.content) == {
        "name": "Ada Lovelace",
        "email": "ada@home.test",
        "alternateEmailAddresses": ["ada@work.test"],
        "phoneNumber": "+4420",
        "linkedInUrl": "https://linkedin.com/in/ada",
        "website": "https://ada.test",
    }


async def test_update_urls_replace_the_social_links_and_an_unchanged_name_is_not_sent(
    adapter: AshbyAdapter,
) -> None:
    given = CandidateUpdate(ID1, urls=(Url(url="https://github.com/ada", type="github"),))
    with respx.mock(base_url=BASE) as router:
        route = router.post("/candidate.update").respond(json=fx("POST_candidate.update.json"))
        await adapter.update_candidate(given, None)
    assert json.loads(route.calls.last.request.content) == {
        "candidateId": ID1,
        "socialLinks": [{"type": "GitHub", "url": "https://github.com/ada"}],
    }


async def test_a_start_stage_is_sent_as_the_interview_stage(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE) as router:
        route = router.post("/application.create").respond(json=fx("POST_application.create.json"))
        await adapter.create_application(ApplicationInput(job_id=ID2, candidate_id=ID1, stage_id="s-1"), None)
    assert json.loads(route.calls.last.request.content) == {
        "candidateId": ID1,
        "jobId": ID2,
        "interviewStageId": "s-1",
    }


REFUSED_BEFORE_ANY_CALL = [
    (
        lambda a: a.create_candidate(CandidateInput("A", phones=(PhoneNumber(number="1"),) * 2), None),
        "input.phones",
    ),
    (
        lambda a: a.create_candidate(CandidateInput("A", urls=(Url(url="u", type="twitter"),)), None),
        "input.urls",
    ),
    (lambda a: a.update_candidate(CandidateUpdate(ID1, first_name="Ada"), None), "input.lastName"),
    (
        lambda a: a.create_application(ApplicationInput(job_id=ID2, candidate=CandidateInput("A")), None),
        "input.candidateId",
    ),
    (lambda a: a.add_note(NoteInput(ID1, "x"), Actor("u-1")), "actorId"),
]


@pytest.mark.parametrize(("call", "field"), REFUSED_BEFORE_ANY_CALL)
async def test_input_ashby_cannot_take_is_refused_before_any_call(
    adapter: AshbyAdapter, call: Callable[[AshbyAdapter], Awaitable[Any]], field: str
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        route = router.post(url__regex=".*")
        with pytest.raises(WriteRefused) as info:
            await call(adapter)
    assert route.call_count == 0
    assert info.value.field == field
    assert provider_error_code(info.value) is ErrorCode.BAD_USER_INPUT


FAILURES: list[tuple[Any, ErrorCode, bool]] = [
    (
        httpx.Response(401, json={"success": False, "errors": ["unauthorized"]}),
        ErrorCode.UPSTREAM_AUTH_FAILED,
        False,
    ),
    (
        httpx.Response(403, json={"success": False, "errors": ["forbidden"]}),
        ErrorCode.UPSTREAM_AUTH_FAILED,
        False,
    ),
    (httpx.Response(404, json={"success": False, "errors": ["not_found"]}), ErrorCode.NOT_FOUND, False),
    (httpx.Response(422, json={"success": False}), ErrorCode.BAD_USER_INPUT, False),
    (httpx.Response(429, headers={"Retry-After": "1"}), ErrorCode.UPSTREAM_RATE_LIMITED, False),
    (httpx.Response(500), ErrorCode.UPSTREAM_UNAVAILABLE, False),
    (httpx.Response(503), ErrorCode.UPSTREAM_UNAVAILABLE, False),
    # Ashby's own way to refuse input: HTTP 200, success false (ERROR_example.json)
    (
        httpx.Response(200, json={"success": False, "errors": ["invalid_input"]}),
        ErrorCode.BAD_USER_INPUT,
        False,
    ),
    (
        httpx.Response(200, json={"success": False, "errors": ["application_not_found"]}),
        ErrorCode.NOT_FOUND,
        False,
    ),
    (httpx.Response(200, json={"success": True}), ErrorCode.UPSTREAM_INVALID_RESPONSE, False),
    (httpx.ReadTimeout("sent, no answer"), ErrorCode.UPSTREAM_TIMEOUT, True),
    (httpx.RemoteProtocolError("closed mid-answer"), ErrorCode.UPSTREAM_UNAVAILABLE, True),
    (httpx.ConnectError("refused"), ErrorCode.UPSTREAM_UNAVAILABLE, False),
]


@pytest.mark.parametrize("mutation", list(CASES))
@pytest.mark.parametrize(("failure", "code", "unknown"), FAILURES)
async def test_every_failure_costs_one_request_and_maps_to_its_code(
    adapter: AshbyAdapter, mutation: str, failure: Any, code: ErrorCode, unknown: bool
) -> None:
    """``unknown``: the gateway answers WRITE_OUTCOME_UNKNOWN (``maybe_sent``) rather than ``code``."""
    case = CASES[mutation]
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post(f"/{case.rpc}")
        if isinstance(failure, httpx.Response):
            route.respond(failure.status_code, headers=failure.headers, content=failure.content)
        else:
            route.mock(side_effect=failure)
        with pytest.raises(ProviderError) as info:
            await case.call(adapter)
    assert route.call_count == 1  # never retried, whatever the failure
    error = info.value
    assert maybe_sent(error) is unknown
    assert provider_error_code(error) is code
    assert error.provider == "ashby"
    assert error.connection == CONNECTION
    assert API_KEY not in f"{error} {error!r}"


# -- rejectApplication: two reads (the plan's Archived stage), then the write ---------------
PLAN = "00000000-0000-0000-0000-000000000004"  # the recorded application's interview plan
ARCHIVED = "00000000-0000-0000-0000-0000000000a9"
REASON = "00000000-0000-0000-0000-000000000007"
TEMPLATE = "00000000-0000-0000-0000-0000000000e1"
# No recorded interviewStage.list: the spec's shape (InterviewStage, with interviewPlanId).
PLAN_STAGES = {
    "success": True,
    "moreDataAvailable": False,
    "results": [
        {
            "id": ID2,
            "title": "2nd Screen",
            "type": "Active",
            "orderInInterviewPlan": 5,
            "interviewPlanId": PLAN,
        },
        {
            "id": ARCHIVED,
            "title": "Archived",
            "type": "Archived",
            "orderInInterviewPlan": 10,
            "interviewPlanId": PLAN,
        },
    ],
}


def reject_routes(
    router: respx.Router, stages: Any = PLAN_STAGES
) -> tuple[respx.Route, respx.Route, respx.Route]:
    # application.info answered with a recorded application (an active one, in plan ...04)
    info = router.post("/application.info").respond(json=fx("POST_application.changeStage.json"))
    listed = router.post("/interviewStage.list").respond(json=stages)
    write = router.post("/application.changeStage")
    return info, listed, write


async def test_reject_reads_the_plan_then_moves_to_its_archived_stage(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        info, listed, write = reject_routes(router)
        write.respond(json=fx("POST_application.update.json"))  # a recorded archived application
        record = await adapter.reject_application(
            Rejection(ID1, reject_reason_id=REASON, note=None, email_template_id=TEMPLATE), None
        )
    # exactly three requests: Ashby names the Archived stage only through the plan
    assert (info.call_count, listed.call_count, write.call_count) == (1, 1, 1)
    assert json.loads(info.calls.last.request.content) == {"applicationId": ID1}
    assert json.loads(listed.calls.last.request.content) == {"interviewPlanId": PLAN}
    assert json.loads(write.calls.last.request.content) == {
        "applicationId": ID1,
        "interviewStageId": ARCHIVED,
        "archiveReasonId": REASON,
        "archiveEmail": {"communicationTemplateId": TEMPLATE},
    }
    assert record.reject_reason_id == REASON
    assert record.rejected_at is not None


HIRED = "00000000-0000-0000-0000-0000000000b8"


async def test_hire_reads_the_plan_then_moves_to_its_hired_stage(adapter: AshbyAdapter) -> None:
    """The plan's stages as the spec shapes them (no interviewStage.list was recorded), with a
    ``Hired`` stage; the write is the recorded changeStage request's shape to that stage."""
    stages = {
        **PLAN_STAGES,
        "results": [
            *PLAN_STAGES["results"],
            {**PLAN_STAGES["results"][0], "id": HIRED, "title": "Hired", "type": "Hired"},
        ],
    }
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        info, listed, write = reject_routes(router, stages)
        write.respond(json=fx("POST_application.changeStage.json"))
        await adapter.hire_application(ApplicationRef(ID1), None)
    assert (info.call_count, listed.call_count, write.call_count) == (1, 1, 1)
    assert json.loads(listed.calls.last.request.content)["interviewPlanId"] == PLAN
    assert json.loads(write.calls.last.request.content) == {"applicationId": ID1, "interviewStageId": HIRED}


async def test_a_plan_without_a_hired_stage_hires_nothing(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        _, _, write = reject_routes(router)  # Active and Archived only
        with pytest.raises(ProviderError) as raised:
            await adapter.hire_application(ApplicationRef(ID1), None)
    assert write.call_count == 0
    assert provider_error_code(raised.value) is ErrorCode.UPSTREAM_INVALID_RESPONSE


async def test_reject_without_a_template_sends_no_archive_email(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE) as router:
        _, _, write = reject_routes(router)
        write.respond(json=fx("POST_application.update.json"))
        await adapter.reject_application(Rejection(ID1, reject_reason_id=REASON), None)
    assert "archiveEmail" not in json.loads(write.calls.last.request.content)


@pytest.mark.parametrize(("failure", "code", "unknown"), FAILURES)
async def test_a_failed_reject_write_costs_one_write(
    adapter: AshbyAdapter, failure: Any, code: ErrorCode, unknown: bool
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        _, _, write = reject_routes(router)
        if isinstance(failure, httpx.Response):
            write.respond(failure.status_code, headers=failure.headers, content=failure.content)
        else:
            write.mock(side_effect=failure)
        with pytest.raises(ProviderError) as info:
            await adapter.reject_application(Rejection(ID1, reject_reason_id=REASON), None)
    assert write.call_count == 1
    assert maybe_sent(info.value) is unknown
    assert provider_error_code(info.value) is code


@pytest.mark.parametrize(
    ("answer", "error", "field"),
    [
        (
            {"success": False, "errors": ["application_not_found"]},
            ErrorCode.BAD_USER_INPUT,
            "input.applicationId",
        ),
        (
            {"success": True, "results": {"id": ID1, "currentInterviewStage": None}},
            ErrorCode.UPSTREAM_INVALID_RESPONSE,
            "",
        ),
    ],
)
async def test_reject_of_an_application_ashby_cannot_place_writes_nothing(
    adapter: AshbyAdapter, answer: Any, error: ErrorCode, field: str
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        info = router.post("/application.info").respond(json=answer)
        write = router.post("/application.changeStage")
        with pytest.raises(ProviderError) as raised:
            await adapter.reject_application(Rejection(ID1, reject_reason_id=REASON), None)
    assert (info.call_count, write.call_count) == (1, 0)
    assert provider_error_code(raised.value) is error
    assert raised.value.field == field
    assert not maybe_sent(raised.value)


async def test_a_plan_without_an_archived_stage_writes_nothing(adapter: AshbyAdapter) -> None:
    only_active = {**PLAN_STAGES, "results": PLAN_STAGES["results"][:1]}
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        _, _, write = reject_routes(router, only_active)
        with pytest.raises(ProviderError) as raised:
            await adapter.reject_application(Rejection(ID1, reject_reason_id=REASON), None)
    assert write.call_count == 0
    assert provider_error_code(raised.value) is ErrorCode.UPSTREAM_INVALID_RESPONSE


async def test_a_failed_read_before_a_reject_is_retried_as_a_read_and_writes_nothing(
    adapter: AshbyAdapter, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def no_sleep(_seconds: float) -> None:
        return None

    monkeypatch.setattr("asyncio.sleep", no_sleep)
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        info = router.post("/application.info").respond(503)
        write = router.post("/application.changeStage")
        with pytest.raises(ProviderError) as raised:
            await adapter.reject_application(Rejection(ID1, reject_reason_id=REASON), None)
    assert info.call_count > 1
    assert write.call_count == 0
    assert not maybe_sent(raised.value)
