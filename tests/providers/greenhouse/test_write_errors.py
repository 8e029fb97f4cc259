"""Every Greenhouse write against every upstream failure: exactly one write request, never
retried, each failure mapped to the error the neutral write path answers for it
(``resolvers/writes/path.py``), and a timeout after sending is WRITE_OUTCOME_UNKNOWN."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Final

import httpx
import pytest
import respx

from gateway.errors import ErrorCode, provider_error_code
from providers.errors import (
    ProviderAuthError,
    ProviderError,
    ProviderNotFound,
    ProviderRateLimited,
    ProviderRefusedInput,
    ProviderResponseInvalid,
    ProviderTimeout,
    ProviderUnavailable,
    Reason,
    WriteRefused,
)
from providers.writes import (
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
from tests.shared import load_fixture

from .helpers import BASE, adapter
from .test_writes import ACTOR

CANDIDATE: Final = "/v1/candidates/7"
APPLICATION: Final = "/v1/applications/9"

# method -> (input, the write's method and path, the read it needs first or None)
WRITES: Final[dict[str, tuple[Any, str, str, str | None]]] = {
    "create_candidate": (CandidateInput(first_name="A"), "POST", "/v1/candidates", None),
    "update_candidate": (CandidateUpdate("7", title="T"), "PATCH", CANDIDATE, None),
    "create_application": (
        ApplicationInput(job_id="3", candidate_id="7"),
        "POST",
        f"{CANDIDATE}/applications",
        None,
    ),
    "move_application_stage": (StageMove("9", "2"), "POST", f"{APPLICATION}/move", APPLICATION),
    "reject_application": (Rejection("9"), "POST", f"{APPLICATION}/reject", None),
    "unreject_application": (ApplicationRef("9"), "POST", f"{APPLICATION}/unreject", None),
    "hire_application": (ApplicationRef("9"), "POST", f"{APPLICATION}/hire", None),
    "add_note": (NoteInput("7", "hi"), "POST", f"{CANDIDATE}/activity_feed/notes", None),
    "upload_attachment": (
        AttachmentInput("7", "a.txt", content=b"a"),
        "POST",
        f"{CANDIDATE}/attachments",
        None,
    ),
    "add_candidate_tags": (TagChange("7", ("a",)), "PATCH", CANDIDATE, CANDIDATE),
    "remove_candidate_tags": (TagChange("7", ("a",)), "PATCH", CANDIDATE, CANDIDATE),
}
READ_ANSWERS: Final = {APPLICATION: "GET_applications_id.json", CANDIDATE: "GET_candidates_id.json"}
"""The recorded answer of each read a write needs first (loaded in the test: a clone without
../shared skips these tests rather than failing to collect them)."""
FAILURES: Final[dict[str, tuple[Any, type[ProviderError], ErrorCode]]] = {
    "401": (
        httpx.Response(401, json={"message": "Invalid Basic Auth credentials"}),
        ProviderAuthError,
        ErrorCode.UPSTREAM_AUTH_FAILED,
    ),
    "403": (
        httpx.Response(403, json={"message": "no access"}),
        ProviderAuthError,
        ErrorCode.UPSTREAM_AUTH_FAILED,
    ),
    "404": (
        httpx.Response(404, json={"message": "Resource not found"}),
        ProviderNotFound,
        ErrorCode.NOT_FOUND,
    ),
    "422": (
        httpx.Response(
            422,
            json={
                "message": "Validation error",
                "errors": [{"message": "Must be one of: candidate, prospect", "field": "type"}],
            },
        ),
        ProviderRefusedInput,
        ErrorCode.BAD_USER_INPUT,
    ),
    "429": (
        httpx.Response(429, headers={"Retry-After": "7"}, json={}),
        ProviderRateLimited,
        ErrorCode.UPSTREAM_RATE_LIMITED,
    ),
    "500": (httpx.Response(500, json={}), ProviderUnavailable, ErrorCode.UPSTREAM_UNAVAILABLE),
    "503": (httpx.Response(503, json={}), ProviderUnavailable, ErrorCode.UPSTREAM_UNAVAILABLE),
}


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as c:
        yield c


def routes(mock: respx.MockRouter, method: str) -> tuple[respx.Route, respx.Route | None]:
    _, verb, path, read = WRITES[method]
    first = None
    if read is not None:
        first = mock.get(read).mock(
            return_value=httpx.Response(200, json=load_fixture("greenhouse", READ_ANSWERS[read]))
        )
    return mock.route(method=verb, path=path), first


@pytest.mark.parametrize("failure", sorted(FAILURES))
@pytest.mark.parametrize("method", sorted(WRITES))
async def test_one_request_and_the_mapped_error(client: httpx.AsyncClient, method: str, failure: str) -> None:
    answer, error, code = FAILURES[failure]
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        write, read = routes(mock, method)
        write.mock(return_value=answer)
        with pytest.raises(error) as info:
            await getattr(adapter(client), method)(WRITES[method][0], ACTOR)
        assert write.call_count == 1  # a write is never retried, not even a 429 or a 503
        assert len(mock.calls) == (1 if read is None else 2)
    assert provider_error_code(info.value) is code
    assert not maybe_sent(info.value)  # the provider answered: the outcome is known
    if failure == "429":
        assert isinstance(info.value, ProviderRateLimited)
        assert info.value.retry_after == 7
    if failure == "422":  # Harvest's documented validation body (the fixture README's Errors)
        assert isinstance(info.value, ProviderRefusedInput)
        assert info.value.reasons == (Reason("Must be one of: candidate, prospect", "type"),)


@pytest.mark.parametrize("method", sorted(WRITES))
async def test_a_timeout_after_sending_is_an_unknown_outcome(client: httpx.AsyncClient, method: str) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        write, _ = routes(mock, method)
        write.mock(side_effect=httpx.ReadTimeout("no answer"))
        with pytest.raises(ProviderTimeout) as info:
            await getattr(adapter(client), method)(WRITES[method][0], ACTOR)
        assert write.call_count == 1
    assert maybe_sent(info.value)  # the gateway answers WRITE_OUTCOME_UNKNOWN


@pytest.mark.parametrize("method", sorted(WRITES))
async def test_a_refused_connection_sent_nothing(client: httpx.AsyncClient, method: str) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        write, _ = routes(mock, method)
        write.mock(side_effect=httpx.ConnectError("refused"))
        with pytest.raises(ProviderError) as info:
            await getattr(adapter(client), method)(WRITES[method][0], ACTOR)
        assert write.call_count == 1
    assert not maybe_sent(info.value)


@pytest.mark.parametrize("method", ["move_application_stage", "add_candidate_tags"])
async def test_a_failed_read_first_writes_nothing(client: httpx.AsyncClient, method: str) -> None:
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        write, read = routes(mock, method)
        assert read is not None
        read.mock(return_value=httpx.Response(404, json={"message": "Resource not found"}))
        with pytest.raises(ProviderNotFound):
            await getattr(adapter(client), method)(WRITES[method][0], ACTOR)
        assert write.call_count == 0


@pytest.mark.parametrize("method", sorted(WRITES))
async def test_no_actor_no_call(client: httpx.AsyncClient, method: str) -> None:
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        write, read = routes(mock, method)
        with pytest.raises(WriteRefused) as info:
            await getattr(adapter(client), method)(WRITES[method][0], None)
        assert write.call_count == 0
        assert read is None or read.call_count == 0
    assert info.value.field == "actorId"


async def test_an_answer_that_is_no_record(client: httpx.AsyncClient) -> None:
    with respx.mock(base_url=BASE) as mock:
        mock.post("/v1/candidates").mock(return_value=httpx.Response(201, json={"oops": True}))
        with pytest.raises(ProviderResponseInvalid):
            await adapter(client).create_candidate(CandidateInput(first_name="A"), ACTOR)
