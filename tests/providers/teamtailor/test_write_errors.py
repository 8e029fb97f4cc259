"""Every Teamtailor write under every upstream failure: the error the neutral layer maps, whether
the request may have landed (``maybe_sent``: WRITE_OUTCOME_UNKNOWN), and exactly one attempt of
the write itself (never retried, whatever the failure). Error bodies are JSON:API ``errors``
arrays, as the fixtures' README describes Teamtailor's (``errors[0].detail``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Final

import httpx
import pytest
import respx

from gateway.errors import ErrorCode, provider_error_code
from providers.base import Connection
from providers.errors import ProviderError, ProviderRefusedInput, WriteOutcomeUnknown
from providers.kit.jsonapi import errors_body
from providers.records import EmailAddress
from providers.teamtailor.adapter import TeamtailorAdapter
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
from resolvers.writes.path import maybe_sent
from resolvers.writes.validation import refused_field
from tests.providers.write_failures import Write, assert_one_attempt, failures

BASE = "https://api.teamtailor.com/v1"


@pytest.fixture
async def adapter() -> AsyncIterator[TeamtailorAdapter]:
    connection = Connection(name="tt", provider="teamtailor", credentials={"api_key": "k"})
    async with httpx.AsyncClient() as http:
        yield TeamtailorAdapter(connection, http)


TAGS_READ: Final = (
    ("/candidates/7", {"data": {"id": "7", "type": "candidates", "attributes": {"tags": []}}}),
)
HIRE_READS: Final = (
    (
        "/job-applications/9",
        {
            "data": {
                "id": "9",
                "type": "job-applications",
                "relationships": {"job": {"data": {"type": "jobs", "id": "3"}}},
            }
        },
    ),
    ("/jobs/3/stages", {"data": [{"id": "4", "type": "stages", "attributes": {"stage-type": "Hired"}}]}),
)

WRITES = [
    Write(
        "createCandidate",
        "POST",
        "/candidates",
        lambda a: a.create_candidate(CandidateInput(first_name="A"), None),
    ),
    Write(
        "updateCandidate",
        "PATCH",
        "/candidates/7",
        lambda a: a.update_candidate(CandidateUpdate("7", first_name="A"), None),
    ),
    Write(
        "createApplication",
        "POST",
        "/job-applications",
        lambda a: a.create_application(ApplicationInput("3", candidate_id="7"), None),
    ),
    Write(
        "moveApplicationStage",
        "PATCH",
        "/job-applications/9",
        lambda a: a.move_application_stage(StageMove("9", "2"), None),
    ),
    Write(
        "rejectApplication",
        "PATCH",
        "/job-applications/9",
        lambda a: a.reject_application(Rejection("9"), None),
    ),
    Write(
        "unrejectApplication",
        "PATCH",
        "/job-applications/9",
        lambda a: a.unreject_application(ApplicationRef("9"), None),
    ),
    Write(
        "hireApplication",
        "PATCH",
        "/job-applications/9",
        lambda a: a.hire_application(ApplicationRef("9"), None),
        HIRE_READS,
    ),
    Write("addNote", "POST", "/notes", lambda a: a.add_note(NoteInput("7", "hi"), Actor("2"))),
    Write(
        "uploadAttachment",
        "POST",
        "/uploads",
        lambda a: a.upload_attachment(
            AttachmentInput("7", "cv.pdf", url="https://files.example.com/cv.pdf"), None
        ),
    ),
    Write(
        "addCandidateTags",
        "PATCH",
        "/candidates/7",
        lambda a: a.add_candidate_tags(TagChange("7", ("x",)), None),
        TAGS_READ,
    ),
    Write(
        "removeCandidateTags",
        "PATCH",
        "/candidates/7",
        lambda a: a.remove_candidate_tags(TagChange("7", ("x",)), None),
        TAGS_READ,
    ),
]


FAILURES: Final = failures(errors_body)


def _route(router: respx.MockRouter, write: Write) -> respx.Route:
    for path, answer in write.reads:
        router.get(path).respond(200, json=answer)
    return router.route(method=write.method, path=write.path)


@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.name)
@pytest.mark.parametrize("failure", FAILURES, ids=lambda f: f[0])
async def test_a_failed_write_is_one_attempt(
    adapter: TeamtailorAdapter, write: Write, failure: tuple[str, Any, ErrorCode, bool]
) -> None:
    await assert_one_attempt(adapter, BASE, write, failure)


@pytest.mark.parametrize(
    ("mutation", "pointer", "field"),
    [
        ("createCandidate", "/data/attributes/email", "input.emails"),
        ("createCandidate", "/data/attributes/first-name", "input.firstName"),
        ("createApplication", "/data/relationships/job", "input.jobId"),
        ("moveApplicationStage", "/data/relationships/stage", "input.stageId"),
        ("rejectApplication", "/data/relationships/reject-reason", "input.rejectReasonId"),
        ("addNote", "/data/attributes/note", "input.body"),
        ("addNote", "/data/relationships/user", "actorId"),
        ("uploadAttachment", "/data/attributes/file-name", "input.fileName"),
    ],
)
async def test_a_refusal_names_the_input_field(
    adapter: TeamtailorAdapter, mutation: str, pointer: str, field: str
) -> None:
    """A 422's JSON:API ``source.pointer`` becomes the input path the client gave."""
    write = next(w for w in WRITES if w.name == mutation)
    body = {"errors": [{"status": "422", "detail": "is invalid", "source": {"pointer": pointer}}]}
    with respx.mock(base_url=BASE) as router:
        _route(router, write).respond(422, json=body)
        with pytest.raises(ProviderRefusedInput) as info:
            await write.call(adapter)
    assert info.value.reasons[0].message == "is invalid"
    assert refused_field(TeamtailorAdapter, BY_MUTATION[mutation], info.value) == field


async def test_an_unreadable_answer_after_a_create_is_an_unknown_outcome(adapter: TeamtailorAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/candidates").respond(201, json={"meta": {}})
        with pytest.raises(WriteOutcomeUnknown) as info:
            await adapter.create_candidate(CandidateInput(first_name="A"), None)
    assert provider_error_code(info.value) is ErrorCode.WRITE_OUTCOME_UNKNOWN


async def test_a_failed_completing_read_is_an_unknown_outcome(adapter: TeamtailorAdapter) -> None:
    """The PATCH answered 200 without linkage, then the read failed: the move happened, but no
    record can be returned to say so. The client must check, not retry blindly."""
    answer = {"data": {"id": "9", "type": "job-applications", "attributes": {}, "relationships": {}}}
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.patch("/job-applications/9").respond(200, json=answer)
        router.get("/job-applications/9").respond(503, text="down")
        with pytest.raises(WriteOutcomeUnknown) as info:
            await adapter.move_application_stage(StageMove("9", "2"), None)
    assert "accepted" in info.value.message


NEW: Final = ApplicationInput(
    "3", candidate=CandidateInput(first_name="A", emails=(EmailAddress(email="a@x.org"),))
)
MADE: Final = {"data": {"id": "7", "type": "candidates", "attributes": {"first-name": "A"}}}


@pytest.mark.parametrize("failure", FAILURES, ids=lambda f: f[0])
async def test_an_inline_candidate_that_fails_is_one_request(
    adapter: TeamtailorAdapter, failure: tuple[str, Any, ErrorCode, bool]
) -> None:
    """The first of the two writes fails: as any write, and no application is attempted."""
    _, answer, code, unknown = failure
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        route = router.post("/candidates")
        application = router.post("/job-applications")
        if isinstance(answer, Exception):
            route.side_effect = answer
        else:
            route.return_value = answer
        with pytest.raises(ProviderError) as info:
            await adapter.create_application(NEW, None)
        assert (route.call_count, application.call_count) == (1, 0)
    assert provider_error_code(info.value) is code
    assert maybe_sent(info.value) is unknown
    assert "now has candidate" not in info.value.message


@pytest.mark.parametrize("failure", FAILURES, ids=lambda f: f[0])
async def test_an_application_that_fails_after_its_new_candidate_says_so(
    adapter: TeamtailorAdapter, failure: tuple[str, Any, ErrorCode, bool]
) -> None:
    """The second write fails: its own code (a timeout still WRITE_OUTCOME_UNKNOWN, through
    ``maybe_sent``), its message naming the candidate the first left, and a safe retry."""
    _, answer, code, unknown = failure
    with respx.mock(base_url=BASE) as router:
        router.post("/candidates").respond(201, json=MADE)
        route = router.post("/job-applications")
        if isinstance(answer, Exception):
            route.side_effect = answer
        else:
            route.return_value = answer
        with pytest.raises(ProviderError) as info:
            await adapter.create_application(NEW, None)
        assert len(router.calls) == 2  # the candidate, the one attempt at the application
    assert provider_error_code(info.value) is code
    assert maybe_sent(info.value) is unknown
    message = info.value.message
    assert message.startswith("Teamtailor now has candidate 7 ")
    assert "Retrying is safe" in message
    assert "`merge: true`" in message
    assert str(info.value) == message


async def test_an_unreadable_application_after_its_new_candidate_is_unknown_and_says_so(
    adapter: TeamtailorAdapter,
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/candidates").respond(201, json=MADE)
        router.post("/job-applications").respond(201, json={"meta": {}})
        with pytest.raises(WriteOutcomeUnknown) as info:
            await adapter.create_application(NEW, None)
    assert "now has candidate 7 " in info.value.message
    assert "accepted" in info.value.message
