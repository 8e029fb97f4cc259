"""The Teamtailor mutations end to end: GraphQL over a simulated Teamtailor connection, a note's
author from the connection's ``actor_id`` option or the ``actorId`` argument, what the gateway
refuses before any call, and the upstream requests each mutation costs (``extensions.upstream``)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any, cast

import httpx
import pytest

from providers.records import ApplicationRecord, CandidateRecord, Resource, UserRecord
from providers.sandbox.dataset import dataset
from providers.teamtailor.simulator.render import number
from tests.writes.support import client_for, error_of, post

R = Resource
SEED, SIZE = 13, 40
DATA = dataset(SEED, SIZE)
AUTHOR = number(next(u.id for u in DATA.records(R.USER) if isinstance(u, UserRecord)))


def _config(**options: Any) -> dict[str, Any]:
    tt = {"provider": "teamtailor", "simulated": True, "seed": SEED, "size": SIZE, **options}
    return {"connections": {"tt": tt}}


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(_config(actor_id=AUTHOR)) as c:
        yield c


def _application() -> ApplicationRecord:
    for a in DATA.records(R.APPLICATION):
        stages = DATA.children(R.JOB_INTERVIEW_STAGE, "job").get(getattr(a, "job_id", None) or "", ())
        if isinstance(a, ApplicationRecord) and a.rejected_at is None and len(stages) > 2:
            return a
    raise AssertionError("no open application")


async def test_each_mutation_and_what_it_costs(http: httpx.AsyncClient) -> None:
    a = _application()
    app, cand = number(a.id), number(a.candidate_id or "")
    person = cast("CandidateRecord", DATA.get(R.CANDIDATE, a.candidate_id or ""))
    applied = {getattr(x, "job_id", None) for x in DATA.children(R.APPLICATION, "candidate")[person.id]}
    other_job = number(next(j.id for j in DATA.records(R.JOB) if j.id not in applied))
    stages = (await post(http, f'{{ application(id: "{app}") {{ job {{ stages {{ id }} }} }} }}'))["data"]
    stage = stages["application"]["job"]["stages"][2]["id"]
    reason = (await post(http, "{ rejectReasons(first: 1) { edges { node { id } } } }"))["data"][
        "rejectReasons"
    ]["edges"][0]["node"]["id"]
    # (mutation, upstream requests): the write is one; the others are named in coverage.md
    steps = [
        ('createCandidate(input: {firstName: "Grace", tags: ["new"]}) { candidate { id name } }', 1),
        (f'updateCandidate(input: {{id: "{cand}", lastName: "Hopper"}}) {{ candidate {{ id name }} }}', 1),
        # GET then PATCH: tags are one attribute, replaced whole
        (f'addCandidateTags(input: {{candidateId: "{cand}", tags: ["t1"]}}) {{ candidate {{ id }} }}', 2),
        (f'removeCandidateTags(input: {{candidateId: "{cand}", tags: ["t1"]}}) {{ candidate {{ id }} }}', 2),
        (f'addNote(input: {{candidateId: "{cand}", body: "b"}}) {{ note {{ id actor {{ id }} }} }}', 1),
        (
            f'uploadAttachment(input: {{candidateId: "{cand}", url: "https://files.example.com/cv.pdf"}}) '
            "{ attachment { id fileName } }",
            1,
        ),
        (
            f'createApplication(input: {{jobId: "{other_job}", candidateId: "{cand}"}}) '
            "{ application { id job { id } candidate { id } } }",
            1,
        ),
        # the gateway's stage check reads the application and its job's stages, then the move
        (
            f'moveApplicationStage(input: {{applicationId: "{app}", stageId: "{stage}"}}) '
            "{ application { id currentStage { id } } }",
            3,
        ),
        (
            f'rejectApplication(input: {{applicationId: "{app}", rejectReasonId: "{reason}"}}) '
            "{ application { id rejectReason { id } } }",
            1,
        ),
        (f'unrejectApplication(input: {{applicationId: "{app}"}}) {{ application {{ id rejectedAt }} }}', 1),
        # the application (its job), the job's stages (their ``stage-type``), the move
        (
            f'hireApplication(input: {{applicationId: "{app}"}}) {{ application {{ id currentStage {{ id }} }} }}',
            3,
        ),
    ]
    answers = {}
    for step, cost in steps:
        body = await post(http, f"mutation {{ {step} }}")
        assert "errors" not in body, (step, body)
        assert body["extensions"]["upstream"]["requests"] == cost, step
        answers[step.split("(")[0]] = body["data"]
    assert answers["addNote"]["addNote"]["note"]["actor"] == {"id": AUTHOR}
    assert answers["uploadAttachment"]["uploadAttachment"]["attachment"]["fileName"] == "cv.pdf"
    assert answers["createApplication"]["createApplication"]["application"]["job"] == {"id": other_job}
    hired = answers["hireApplication"]["hireApplication"]["application"]["currentStage"]
    assert hired == {"id": stages["application"]["job"]["stages"][-1]["id"]}  # the simulator's Hired stage
    read = await post(
        http, f'{{ application(id: "{app}") {{ currentStage {{ id }} rejectedAt rejectReason {{ id }} }} }}'
    )
    assert read["data"]["application"] == {
        "currentStage": hired,
        "rejectedAt": None,
        "rejectReason": None,
    }


async def test_the_actor_argument_names_the_note_author(http: httpx.AsyncClient) -> None:
    cand = number(_application().candidate_id or "")
    body = await post(
        http,
        f'mutation {{ addNote(input: {{candidateId: "{cand}", body: "b"}}, actorId: "999999") {{ note {{ id }} }} }}',
    )
    # the simulator, as Teamtailor would, refuses a user the account does not have
    error = error_of(body)
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("BAD_USER_INPUT", "actorId")


@pytest.mark.parametrize(
    ("mutation", "field", "code"),
    [
        # a new inline candidate needs the e-mail Teamtailor requires (and merges by)
        (
            'createApplication(input: {jobId: "1", candidate: {firstName: "A"}}) { application { id } }',
            "input.candidate.emails",
            "BAD_USER_INPUT",
        ),
        # and takes createCandidate's fields only
        (
            'createApplication(input: {jobId: "1", candidate: {firstName: "A", company: "X"}}) '
            "{ application { id } }",
            "input.candidate.company",
            "NOT_SUPPORTED_BY_PROVIDER",
        ),
        (
            'createApplication(input: {jobId: "1"}) { application { id } }',
            "input.candidateId",
            "BAD_USER_INPUT",
        ),
        (
            'createCandidate(input: {firstName: "A", company: "X"}) { candidate { id } }',
            "input.company",
            "NOT_SUPPORTED_BY_PROVIDER",
        ),
        (
            'rejectApplication(input: {applicationId: "1", note: "n"}) { application { id } }',
            "input.note",
            "NOT_SUPPORTED_BY_PROVIDER",
        ),
        ('uploadAttachment(input: {candidateId: "1"}) { attachment { id } }', "input.url", "BAD_USER_INPUT"),
    ],
)
async def test_refused_before_any_call(http: httpx.AsyncClient, mutation: str, field: str, code: str) -> None:
    body = await post(http, f"mutation {{ {mutation} }}")
    error = error_of(body)
    assert (error["extensions"]["code"], error["extensions"]["field"]) == (code, field)
    assert body["extensions"]["upstream"]["requests"] == 0


def _inline(job: str, email: str, extra: str = "") -> str:
    candidate = f'{{firstName: "Katherine", lastName: "Johnson", emails: [{{email: "{email}"}}]}}'
    return (
        f'mutation {{ createApplication(input: {{jobId: "{job}", candidate: {candidate}{extra}}}) '
        "{ application { id job { id } candidate { id } } } }"
    )


async def _holders(http: httpx.AsyncClient, email: str) -> list[str]:
    body = await post(http, f'{{ candidates(filter: {{email: "{email}"}}) {{ edges {{ node {{ id }} }} }} }}')
    return [e["node"]["id"] for e in body["data"]["candidates"]["edges"]]


async def test_an_inline_candidate_is_two_writes_and_a_failed_application_retries_safely(
    http: httpx.AsyncClient,
) -> None:
    staged = DATA.children(R.JOB_INTERVIEW_STAGE, "job")
    job, other = [number(j.id) for j in DATA.records(R.JOB) if staged.get(j.id)][:2]
    # the gateway looks the e-mail up (onDuplicateCandidate REUSE), finds none: the two writes
    fresh = await post(http, _inline(job, "dorothy.vaughan@example.com"))
    assert "errors" not in fresh, fresh
    assert fresh["extensions"]["upstream"]["requests"] == 3
    assert fresh["data"]["createApplication"]["application"]["job"] == {"id": job}

    # the job does not exist: the candidate is made, then the application refused
    email, create = "katherine.johnson@example.com", ", onDuplicateCandidate: CREATE"
    failed = await post(http, _inline("999999", email, create))
    assert failed["extensions"]["upstream"]["requests"] == 2
    error = error_of(failed)
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("BAD_USER_INPUT", "input.jobId")
    (made,) = await _holders(http, email)
    assert f"now has candidate {made} " in error["message"]
    assert "Retrying is safe" in error["message"]

    # the retry skips the gateway's lookup (CREATE): `merge: true` answers the same candidate
    retried = await post(http, _inline(job, email, create))
    assert "errors" not in retried, retried
    assert retried["extensions"]["upstream"]["requests"] == 2
    assert retried["data"]["createApplication"]["application"]["candidate"] == {"id": made}
    assert await _holders(http, email) == [made]

    # with REUSE the gateway finds the candidate by its e-mail: one read, one write
    again = await post(http, _inline(other, email))
    assert "errors" not in again, again
    assert again["extensions"]["upstream"]["requests"] == 2
    assert again["data"]["createApplication"]["application"]["candidate"] == {"id": made}
    assert await _holders(http, email) == [made]


async def test_a_file_upload_is_refused_teamtailor_takes_urls() -> None:
    """``file`` (a GraphQL multipart upload) has no place in ``POST /uploads``: a URL only."""
    query = (
        "mutation($input: UploadAttachmentInput!) { uploadAttachment(input: $input) { attachment { id } } }"
    )
    variables = {"input": {"candidateId": "1", "file": None}}
    async with client_for(_config()) as http:
        response = await http.post(
            "/graphql",
            data={
                "operations": json.dumps({"query": query, "variables": variables}),
                "map": json.dumps({"0": ["variables.input.file"]}),
            },
            files={"0": ("cv.pdf", b"%PDF", "application/pdf")},
            headers={"GraphQL-Require-Preflight": "1"},
        )
    body = response.json()
    error = error_of(body)
    assert (error["extensions"]["code"], error["extensions"]["field"]) == (
        "NOT_SUPPORTED_BY_PROVIDER",
        "input.file",
    )
    assert body["extensions"]["upstream"]["requests"] == 0
