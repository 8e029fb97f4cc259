"""Every SmartRecruiters write under every upstream failure: the error the neutral layer maps,
whether the request may have landed (``maybe_sent``: WRITE_OUTCOME_UNKNOWN), and exactly one
attempt of the write itself (never retried, whatever the failure). Error bodies are
``ErrorResponse`` (``{message, errors: [{code, message}]}``, the fixtures' README)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Final

import httpx
import pytest
import respx

from gateway.errors import ErrorCode, provider_error_code
from providers.base import Connection
from providers.errors import ProviderRefusedInput, WriteOutcomeUnknown
from providers.records import EmailAddress
from providers.smartrecruiters.adapter import SmartRecruitersAdapter
from providers.smartrecruiters.simulator import error_body
from providers.writes import (
    ApplicationInput,
    AttachmentInput,
    CandidateInput,
    CandidateUpdate,
    Rejection,
    StageMove,
    TagChange,
)
from tests.providers.write_failures import Write, assert_one_attempt, failures

BASE = "https://api.smartrecruiters.com"
ADA: Final = CandidateInput(first_name="Ada", last_name="L", emails=(EmailAddress(email="a@example.com"),))
CANDIDATE_READ: Final = (("/candidates/c1", {"id": "c1", "tags": ["x"]}),)


@pytest.fixture
async def adapter() -> AsyncIterator[SmartRecruitersAdapter]:
    connection = Connection(name="sr", provider="smartrecruiters", credentials={"api_key": "k"})
    async with httpx.AsyncClient() as http:
        yield SmartRecruitersAdapter(connection, http)


WRITES = [
    Write("createCandidate", "POST", "/candidates", lambda a: a.create_candidate(ADA, None)),
    Write(
        "updateCandidate",
        "PATCH",
        "/candidates/c1",
        lambda a: a.update_candidate(CandidateUpdate("c1", first_name="A"), None),
    ),
    Write(
        "createApplication",
        "POST",
        "/jobs/j1/candidates",
        lambda a: a.create_application(ApplicationInput("j1", candidate=ADA), None),
    ),
    Write(
        "moveApplicationStage",
        "PUT",
        "/candidates/c1/jobs/j1/status",
        lambda a: a.move_application_stage(StageMove("c1:j1", "INTERVIEW:Onsite"), None),
    ),
    Write(
        "rejectApplication",
        "PUT",
        "/candidates/c1/jobs/j1/status",
        lambda a: a.reject_application(Rejection("c1:j1", reject_reason_id="r1"), None),
    ),
    Write(
        "addCandidateTags",
        "POST",
        "/candidates/c1/tags",
        lambda a: a.add_candidate_tags(TagChange("c1", ("y",)), None),
        CANDIDATE_READ,
    ),
    Write(
        "removeCandidateTags",
        "PUT",
        "/candidates/c1/tags",
        lambda a: a.remove_candidate_tags(TagChange("c1", ("x",)), None),
        CANDIDATE_READ,
    ),
    Write(
        "uploadAttachment",
        "POST",
        "/candidates/c1/jobs/j1/attachments",
        lambda a: a.upload_attachment(
            AttachmentInput("c1", "a.pdf", application_id="c1:j1", content=b"x"), None
        ),
    ),
]


FAILURES: Final = failures(error_body) + failures(error_body, refusal=400)[3:4]


def _route(router: respx.MockRouter, write: Write) -> respx.Route:
    for path, answer in write.reads:
        router.get(path).respond(200, json=answer)
    return router.route(method=write.method, path=write.path)


@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.name)
@pytest.mark.parametrize("failure", FAILURES, ids=lambda f: f[0])
async def test_a_failed_write_is_one_attempt(
    adapter: SmartRecruitersAdapter, write: Write, failure: tuple[str, Any, ErrorCode, bool]
) -> None:
    await assert_one_attempt(adapter, BASE, write, failure)


@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.name)
async def test_a_refusal_carries_smartrecruiters_reasons(
    adapter: SmartRecruitersAdapter, write: Write
) -> None:
    """An ``ErrorResponse`` names no field: its messages become the reasons, whole."""
    body = {"message": "Validation failed", "errors": [{"code": "INVALID", "message": "email is invalid"}]}
    with respx.mock(base_url=BASE) as router:
        _route(router, write).respond(400, json=body)
        with pytest.raises(ProviderRefusedInput) as info:
            await write.call(adapter)
    assert [r.message for r in info.value.reasons] == ["email is invalid"]


@pytest.mark.parametrize("write", WRITES[:3], ids=lambda w: w.name)
async def test_an_unreadable_answer_after_a_create_or_update_is_an_unknown_outcome(
    adapter: SmartRecruitersAdapter, write: Write
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        _route(router, write).respond(201, json=["not", "a", "candidate"])
        with pytest.raises(WriteOutcomeUnknown) as info:
            await write.call(adapter)
    assert provider_error_code(info.value) is ErrorCode.WRITE_OUTCOME_UNKNOWN


async def test_a_failed_read_after_a_status_change_is_an_unknown_outcome(
    adapter: SmartRecruitersAdapter,
) -> None:
    """The PUT answered 204, then the read failed: the move happened, but no record can be
    returned to say so. The client must check, not retry blindly."""
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.put("/candidates/c1/jobs/j1/status").respond(204)
        router.get("/candidates/c1").respond(503, text="down")
        with pytest.raises(WriteOutcomeUnknown) as info:
            await adapter.move_application_stage(StageMove("c1:j1", "INTERVIEW"), None)
    assert "accepted" in info.value.message
    assert provider_error_code(info.value) is ErrorCode.WRITE_OUTCOME_UNKNOWN
