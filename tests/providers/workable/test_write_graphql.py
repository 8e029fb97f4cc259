"""The Workable mutations end to end: GraphQL over a simulated Workable connection (the
``workable-demo`` kind), the acting member from the connection's ``actor_id`` option or the
``actorId`` argument, and the upstream requests each mutation costs (``extensions.upstream``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from providers.records import ApplicationRecord, Resource, UserRecord
from providers.sandbox.dataset import dataset
from providers.workable.simulator.render import IdCodec, hex_id
from tests.writes.support import client_for, error_of, post

R = Resource
SEED, SIZE = 7, 40
DATA = dataset(SEED, SIZE)
IDS = IdCodec(DATA)
MEMBER = hex_id(next(u.id for u in DATA.records(R.USER) if isinstance(u, UserRecord)))


def _config(**options: Any) -> dict[str, Any]:
    wk = {"provider": "workable", "simulated": True, "seed": SEED, "size": SIZE, **options}
    return {"connections": {"wk": wk}}


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(_config(actor_id=MEMBER)) as c:
        yield c


def _application() -> ApplicationRecord:
    for a in DATA.records(R.APPLICATION):
        stages = DATA.children(R.JOB_INTERVIEW_STAGE, "job").get(a.job_id or "", ())  # type: ignore[attr-defined]
        if isinstance(a, ApplicationRecord) and a.rejected_at is None and len(stages) > 2:
            return a
    raise AssertionError("no open application")


async def test_a_write_without_a_member_is_refused_before_any_call() -> None:
    app = hex_id(_application().id)
    async with client_for(_config()) as http:
        body = await post(
            http, f'mutation {{ addNote(input: {{candidateId: "{app}", body: "b"}}) {{ note {{ id }} }} }}'
        )
    error = error_of(body)
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("BAD_USER_INPUT", "actorId")
    assert body["extensions"]["upstream"]["requests"] == 0


async def test_each_mutation_and_what_it_costs(http: httpx.AsyncClient) -> None:
    a = _application()
    app, job = hex_id(a.id), IDS.adapter_id(R.JOB, a.job_id or "")
    stages = (await post(http, f'{{ job(id: "{job}") {{ stages {{ id }} }} }}'))["data"]["job"]["stages"]
    reason = (await post(http, "{ rejectReasons(first: 1) { edges { node { id } } } }"))["data"][
        "rejectReasons"
    ]["edges"][0]["node"]["id"]
    # (mutation, upstream requests): the write is one; the others are named in coverage.md
    steps = [
        # PATCH: the answer is the candidate
        (f'updateCandidate(input: {{id: "{app}", title: "Staff"}}) {{ candidate {{ id title }} }}', 1),
        # GET then PUT: PUT replaces the whole list
        (f'addCandidateTags(input: {{candidateId: "{app}", tags: ["t1"]}}) {{ candidate {{ id }} }}', 2),
        (f'removeCandidateTags(input: {{candidateId: "{app}", tags: ["t1"]}}) {{ candidate {{ id }} }}', 2),
        # POST: the answer is the comment's id
        (f'addNote(input: {{candidateId: "{app}", body: "b"}}) {{ note {{ id }} }}', 1),
        # the gateway's stage check reads the application (its job's stages are kept by the adapter
        # since the query above); the move; the read back
        (
            f'moveApplicationStage(input: {{applicationId: "{app}", stageId: "{stages[2]["id"]}"}}) '
            "{ application { id currentStage { id } } }",
            3,
        ),
        # the write, the read back (the reasons table that names the reason is kept since the query above)
        (
            f'rejectApplication(input: {{applicationId: "{app}", rejectReasonId: "{reason}"}}) '
            "{ application { id rejectReason { id } } }",
            2,
        ),
        (f'unrejectApplication(input: {{applicationId: "{app}"}}) {{ application {{ id rejectedAt }} }}', 2),
    ]
    for step, cost in steps:
        body = await post(http, f"mutation {{ {step} }}")
        assert "errors" not in body, (step, body)
        assert body["extensions"]["upstream"]["requests"] == cost, step
    moved = await post(http, f'{{ application(id: "{app}") {{ currentStage {{ id }} rejectedAt }} }}')
    assert moved["data"]["application"] == {"currentStage": {"id": stages[2]["id"]}, "rejectedAt": None}


async def test_the_actor_argument_overrides_the_option(http: httpx.AsyncClient) -> None:
    app = hex_id(_application().id)
    body = await post(
        http,
        f'mutation {{ addNote(input: {{candidateId: "{app}", body: "b"}}, actorId: "00ff") {{ note {{ id }} }} }}',
    )
    # the simulator, as Workable, refuses a member it does not know: the client's to fix
    error = error_of(body)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["providerErrors"] == [{"message": "member not found", "field": None}]


async def test_create_candidate_and_application(http: httpx.AsyncClient) -> None:
    person = '{firstName: "Grace", lastName: "Hopper", emails: [{email: "grace@example.com"}]}'
    body = await post(http, f"mutation {{ createCandidate(input: {person}) {{ candidate {{ id name }} }} }}")
    assert body["data"]["createCandidate"]["candidate"]["name"] == "Grace Hopper"
    assert body["extensions"]["upstream"]["requests"] == 1  # POST /talent_pool/candidates
    # a field Workable has no place for is refused before any call
    refused = await post(
        http, 'mutation { createCandidate(input: {firstName: "A", company: "X"}) { candidate { id } } }'
    )
    assert error_of(refused)["extensions"]["code"] == "NOT_SUPPORTED_BY_PROVIDER"
    assert refused["extensions"]["upstream"]["requests"] == 0


async def test_create_application_is_refused_when_the_form_requires_answers(http: httpx.AsyncClient) -> None:
    """Workable takes no ``answers`` yet (its body names questions by per-account keys and files as
    uploads), so a job whose form requires more than the person's name and e-mail, as every demo
    job does (a resume), is refused before any write: BAD_USER_INPUT naming the field."""
    a = _application()
    job = IDS.adapter_id(R.JOB, a.job_id or "")
    person = '{firstName: "Ada", lastName: "Byron", emails: [{email: "ada.byron@example.com"}]}'
    body = await post(
        http,
        f'mutation {{ createApplication(input: {{jobId: "{job}", candidate: {person}}}) {{ application {{ id }} }} }}',
    )
    error = error_of(body)
    assert (error["extensions"]["code"], error["extensions"]["field"]) == (
        "BAD_USER_INPUT",
        "input.answers.resume",
    )
    refused = await post(
        http,
        f'mutation {{ createApplication(input: {{jobId: "{job}", candidate: {person}, '
        'answers: [{question: "resume", answer: "x"}]}) { application { id } } }',
    )
    assert error_of(refused)["extensions"]["code"] == "NOT_SUPPORTED_BY_PROVIDER"
    assert refused["extensions"]["upstream"]["requests"] == 0
