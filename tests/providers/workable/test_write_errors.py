"""Every Workable write under every upstream failure: the error the neutral layer maps, whether
the request may have landed (``maybe_sent``: WRITE_OUTCOME_UNKNOWN), and exactly one attempt
of the write itself (never retried, whatever the failure)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import respx

from gateway.errors import ErrorCode, provider_error_code
from providers.errors import ProviderError, WriteOutcomeUnknown
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
from resolvers.writes.path import maybe_sent
from tests.shared import load_fixture

from .conftest import BASE

pytestmark = pytest.mark.shared

ME, CAND, JOB = Actor("1f395d"), "272737e6", "9CD658E13E"


@dataclass(frozen=True)
class Write:
    name: str
    method: str
    path: str
    call: Callable[[WorkableAdapter], Awaitable[Any]]
    reads_first: bool = False
    """Whether the candidate is read before the write (tags: PUT replaces the whole list)."""


WRITES = [
    Write(
        "createCandidate",
        "POST",
        "/talent_pool/candidates",
        lambda a: a.create_candidate(CandidateInput(first_name="A"), ME),
    ),
    Write(
        "updateCandidate",
        "PATCH",
        f"/candidates/{CAND}",
        lambda a: a.update_candidate(CandidateUpdate(CAND, first_name="A"), ME),
    ),
    Write(
        "createApplication",
        "POST",
        f"/jobs/{JOB}/candidates",
        lambda a: a.create_application(ApplicationInput(JOB, candidate=CandidateInput(first_name="A")), ME),
    ),
    Write(
        "createApplication (copy)",
        "POST",
        f"/candidates/{CAND}/copy",
        lambda a: a.create_application(
            ApplicationInput(JOB, candidate_id=CAND, stage_id=f"{JOB}:applied"), ME
        ),
    ),
    Write(
        "moveApplicationStage",
        "POST",
        f"/candidates/{CAND}/move",
        lambda a: a.move_application_stage(StageMove(CAND, f"{JOB}:applied"), ME),
    ),
    Write(
        "rejectApplication",
        "POST",
        f"/candidates/{CAND}/disqualify",
        lambda a: a.reject_application(Rejection(CAND), ME),
    ),
    Write(
        "unrejectApplication",
        "POST",
        f"/candidates/{CAND}/revert",
        lambda a: a.unreject_application(ApplicationRef(CAND), ME),
    ),
    Write("addNote", "POST", f"/candidates/{CAND}/comments", lambda a: a.add_note(NoteInput(CAND, "hi"), ME)),
    Write(
        "addCandidateTags",
        "PUT",
        f"/candidates/{CAND}/tags",
        lambda a: a.add_candidate_tags(TagChange(CAND, ("x",)), ME),
        True,
    ),
    Write(
        "removeCandidateTags",
        "PUT",
        f"/candidates/{CAND}/tags",
        lambda a: a.remove_candidate_tags(TagChange(CAND, ("x",)), ME),
        True,
    ),
]

FAILURES: list[tuple[str, Any, ErrorCode, bool]] = [
    ("401", httpx.Response(401, json={"error": "Not authorized"}), ErrorCode.UPSTREAM_AUTH_FAILED, False),
    ("403", httpx.Response(403, json={"error": "Forbidden"}), ErrorCode.UPSTREAM_AUTH_FAILED, False),
    ("404", httpx.Response(404, json={"error": "Not found"}), ErrorCode.NOT_FOUND, False),
    ("422", httpx.Response(422, json={"error": "Invalid"}), ErrorCode.BAD_USER_INPUT, False),
    ("429", httpx.Response(429, json={"error": "Too many"}), ErrorCode.UPSTREAM_RATE_LIMITED, False),
    ("500", httpx.Response(500, json={"error": "Oops"}), ErrorCode.UPSTREAM_UNAVAILABLE, False),
    ("503", httpx.Response(503, text="down"), ErrorCode.UPSTREAM_UNAVAILABLE, False),
    ("timeout after sending", httpx.ReadTimeout("read timed out"), ErrorCode.UPSTREAM_TIMEOUT, True),
    ("dropped mid-exchange", httpx.RemoteProtocolError("peer closed"), ErrorCode.UPSTREAM_UNAVAILABLE, True),
    ("never connected", httpx.ConnectError("refused"), ErrorCode.UPSTREAM_UNAVAILABLE, False),
]


def _route(router: respx.MockRouter, write: Write) -> respx.Route:
    if write.reads_first:
        router.get(f"/candidates/{CAND}").respond(
            200, json=load_fixture("workable", "GET_candidates_id.json")
        )
    # the copy's target stage is given, so no stage table is read before it
    return router.route(method=write.method, path=write.path)


@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.name)
@pytest.mark.parametrize("failure", FAILURES, ids=lambda f: f[0])
async def test_a_failed_write_is_one_attempt(
    adapter: WorkableAdapter, write: Write, failure: tuple[str, Any, ErrorCode, bool]
) -> None:
    _, answer, code, unknown = failure
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = _route(router, write)
        if isinstance(answer, Exception):
            route.side_effect = answer
        else:
            route.return_value = answer
        with pytest.raises(ProviderError) as info:
            await write.call(adapter)
        assert route.call_count == 1  # never retried, not even a 5xx or a 429
        assert len(router.calls) == (2 if write.reads_first else 1)  # nothing after a failed write
    assert provider_error_code(info.value) is code
    assert maybe_sent(info.value) is unknown


@pytest.mark.parametrize("action", ["move", "disqualify", "revert"])
async def test_a_failed_read_back_is_an_unknown_outcome(adapter: WorkableAdapter, action: str) -> None:
    """The write answered 2xx, then the record could not be read: the client must check, not retry
    blindly, and must not be told the write failed."""
    calls = {
        "move": lambda: adapter.move_application_stage(StageMove(CAND, f"{JOB}:applied"), ME),
        "disqualify": lambda: adapter.reject_application(Rejection(CAND), ME),
        "revert": lambda: adapter.unreject_application(ApplicationRef(CAND), ME),
    }
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post(f"/candidates/{CAND}/{action}").respond(200, content=b"")
        router.get(f"/candidates/{CAND}").respond(503, text="down")
        with pytest.raises(WriteOutcomeUnknown) as info:
            await calls[action]()
    assert provider_error_code(info.value) is ErrorCode.WRITE_OUTCOME_UNKNOWN
    assert "accepted" in info.value.message


async def test_an_unreadable_answer_after_a_create_is_an_unknown_outcome(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/talent_pool/candidates").respond(201, json={"status": "created"})
        with pytest.raises(WriteOutcomeUnknown):
            await adapter.create_candidate(CandidateInput(first_name="A"), ME)
