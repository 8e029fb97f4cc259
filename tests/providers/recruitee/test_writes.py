"""Recruitee's writes against a mocked Recruitee: the bodies built from the request shapes
flaskats' client sends (``POST_candidates.request.shape.json``,
``PATCH_bulk_candidates_tags.request.shape.json``), the recorded answer of ``POST /candidates``
mapped to the returned record, and every upstream failure as one attempt, never retried."""

from __future__ import annotations

import copy
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Final

import httpx
import pytest
import respx

from gateway.errors import ErrorCode, provider_error_code
from providers.base import Connection
from providers.errors import WriteOutcomeUnknown, WriteRefused
from providers.records import ApplicationRecord, CandidateRecord, EmailAddress, JobRecord
from providers.recruitee.adapter import RecruiteeAdapter
from providers.writes import ApplicationInput, CandidateInput, OnDuplicate, TagChange
from providers.writes.operations import BY_MUTATION, input_fields, required_fields
from tests.providers.write_failures import Write, assert_one_attempt, failures
from tests.shared import load_fixture

P = "recruitee"
BASE = "https://api.recruitee.com/c/89564"
CREATED: Final = "POST_candidates.json"
DETAIL: Final = "GET_candidates_{id}.json"
ANN = CandidateInput(first_name="Ann", last_name="Lee", emails=(EmailAddress(email="ann@example.com"),))


@pytest.fixture
async def adapter() -> AsyncIterator[RecruiteeAdapter]:
    connection = Connection("rt", P, credentials={"api_token": "t"}, options={"company_id": "89564"})
    async with httpx.AsyncClient() as http:
        yield RecruiteeAdapter(connection, http)


def sent(route: respx.Route) -> Any:
    return json.loads(route.calls.last.request.content)


def applied_answer() -> Any:
    """The recorded ``POST /candidates`` answer (its candidate has no placement: it was sent with
    no offer) given the one placement and references of the recorded candidate detail, as a
    create with ``offers: [1188054]`` answers in the detail shape."""
    answer, detail = copy.deepcopy(load_fixture(P, CREATED)), load_fixture(P, DETAIL)
    placement = {**detail["candidate"]["placements"][0], "candidate_id": answer["candidate"]["id"]}
    answer["candidate"]["placements"] = [placement]
    answer["references"] += detail["references"]
    return answer


@respx.mock
async def test_create_candidate_sends_the_recorded_shape_and_maps_the_recorded_answer(
    adapter: RecruiteeAdapter,
) -> None:
    shape = load_fixture(P, "POST_candidates.request.shape.json")
    route = respx.post(f"{BASE}/candidates").respond(200, json=load_fixture(P, CREATED))
    found = await adapter.create_candidate(ANN, None)
    # the shape's keys with our values, without ``offers`` (no job to apply to)
    assert sent(route) == {
        "candidate": {**shape["candidate"], "emails": ["ann@example.com"], "name": "Ann Lee"}
    }
    assert isinstance(found, CandidateRecord)
    assert (found.id, found.name, [e.email for e in found.emails]) == (
        "46573203",
        "AName AndSurname",
        ["mail@gmail.com"],
    )
    assert found.application_ids == ()
    assert route.call_count == 1


@respx.mock
async def test_create_application_is_the_same_post_with_the_job_as_its_offer(
    adapter: RecruiteeAdapter,
) -> None:
    shape = load_fixture(P, "POST_candidates.request.shape.json")
    route = respx.post(f"{BASE}/candidates").respond(200, json=applied_answer())
    given = ApplicationInput("1188054", candidate=ANN, on_duplicate=OnDuplicate.CREATE)
    found = await adapter.create_application(given, None)
    assert sent(route) == {
        **shape,
        "candidate": {"emails": ["ann@example.com"], "name": "Ann Lee"},
        "offers": [1188054],
    }
    assert isinstance(found, ApplicationRecord)
    assert (found.id, found.candidate_id, found.job_id, found.current_stage_id) == (
        "46573203-49145819",
        "46573203",
        "1188054",
        "8091162",
    )
    assert any(isinstance(r, JobRecord) and r.id == "1188054" for r in found.embedded)
    assert await adapter.get_job_interview_stages(["8091162"]) != [None]  # the referenced stage is kept
    assert route.call_count == 1


@respx.mock
async def test_an_answer_without_the_placement_is_an_unknown_outcome(adapter: RecruiteeAdapter) -> None:
    route = respx.post(f"{BASE}/candidates").respond(200, json=load_fixture(P, CREATED))
    with pytest.raises(WriteOutcomeUnknown) as info:
        await adapter.create_application(ApplicationInput("77", candidate=ANN), None)
    assert "no placement on offer 77" in info.value.message
    assert route.call_count == 1


@respx.mock
async def test_add_tags_patches_the_bulk_endpoint_then_reads_the_candidate(adapter: RecruiteeAdapter) -> None:
    shape = load_fixture(P, "PATCH_bulk_candidates_tags.request.shape.json")
    write = respx.patch(f"{BASE}/bulk/candidates/tags").respond(200, json={})
    read = respx.get(f"{BASE}/candidates/46369420").respond(200, json=load_fixture(P, DETAIL))
    found = await adapter.add_candidate_tags(TagChange("46369420", ("Senior", "notified", "Senior")), None)
    assert sent(write) == {**shape, "candidates": [46369420], "tags": ["Senior", "notified"]}
    assert isinstance(found, CandidateRecord)
    assert found.tag_ids == ("Sample", "Senior")  # as the (recorded) read answers
    assert (write.call_count, read.call_count) == (1, 1)


@respx.mock
async def test_a_failed_read_back_after_tagging_is_an_unknown_outcome(adapter: RecruiteeAdapter) -> None:
    respx.patch(f"{BASE}/bulk/candidates/tags").respond(200, json={})
    respx.get(f"{BASE}/candidates/5").respond(503)
    with pytest.raises(WriteOutcomeUnknown) as info:
        await adapter.add_candidate_tags(TagChange("5", ("x",)), None)
    assert provider_error_code(info.value) is ErrorCode.WRITE_OUTCOME_UNKNOWN


@respx.mock
async def test_an_unreadable_create_answer_is_an_unknown_outcome(adapter: RecruiteeAdapter) -> None:
    respx.post(f"{BASE}/candidates").respond(201, json={"references": []})
    with pytest.raises(WriteOutcomeUnknown):
        await adapter.create_candidate(ANN, None)


@pytest.mark.parametrize(
    "call",
    [
        lambda a: a.create_candidate(CandidateInput(first_name="  "), None),
        lambda a: a.create_application(ApplicationInput("job-1", candidate=ANN), None),
        lambda a: a.create_application(ApplicationInput("1", candidate_id="5"), None),
        lambda a: a.add_candidate_tags(TagChange("../5", ("x",)), None),
    ],
    ids=["no name", "offer id", "existing candidate", "candidate id"],
)
async def test_bad_input_is_refused_before_any_call(
    adapter: RecruiteeAdapter, call: Callable[[RecruiteeAdapter], Awaitable[Any]]
) -> None:
    with respx.mock(base_url=BASE, assert_all_mocked=False) as router:
        with pytest.raises(WriteRefused):
            await call(adapter)
        assert not router.calls  # (inside: respx forgets its calls on leaving)


def test_recruitee_declares_what_it_takes() -> None:
    def taken(mutation: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        op = BY_MUTATION[mutation]
        return input_fields(RecruiteeAdapter, op), required_fields(RecruiteeAdapter, op)

    assert taken("createCandidate") == (("firstName", "lastName", "emails"), ("firstName",))
    assert taken("createApplication") == (
        ("jobId", "candidate", "onDuplicateCandidate"),
        ("jobId", "candidate"),
    )
    assert taken("addCandidateTags") == (("candidateId", "tags"), ("candidateId", "tags"))
    for mutation in ("removeCandidateTags", "updateCandidate", "moveApplicationStage", "addNote"):
        assert taken(mutation) == ((), ())
    assert not RecruiteeAdapter.actor_required


WRITES: Final[list[tuple[str, str, str, Callable[[RecruiteeAdapter], Awaitable[Any]]]]] = [
    ("createCandidate", "POST", "/candidates", lambda a: a.create_candidate(ANN, None)),
    (
        "createApplication",
        "POST",
        "/candidates",
        lambda a: a.create_application(ApplicationInput("1188054", candidate=ANN), None),
    ),
    (
        "addCandidateTags",
        "PATCH",
        "/bulk/candidates/tags",
        lambda a: a.add_candidate_tags(TagChange("5", ("x",)), None),
    ),
]

# Recruitee's error bodies were not recorded: a plain message stands in
FAILURES: Final = failures(lambda _status, message: {"error": message})


@pytest.mark.parametrize("write", WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("failure", FAILURES, ids=[f[0] for f in FAILURES])
async def test_a_failed_write_is_one_attempt(
    adapter: RecruiteeAdapter,
    write: tuple[str, str, str, Callable[[RecruiteeAdapter], Awaitable[Any]]],
    failure: tuple[str, Any, ErrorCode, bool],
) -> None:
    await assert_one_attempt(adapter, BASE, Write(*write), failure)
