"""The SmartRecruiters mutations end to end: GraphQL over a simulated SmartRecruiters connection,
what the gateway refuses before any call, and the upstream requests each mutation costs
(``extensions.upstream``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from providers.records import ApplicationRecord, JobInterviewStageRecord, Resource
from providers.sandbox.dataset import dataset
from providers.smartrecruiters.simulator.render import encode
from tests.writes.support import client_for, error_of, post

R = Resource
SEED, SIZE = 17, 40
DATA = dataset(SEED, SIZE)
PERSON = '{firstName: "Grace", lastName: "Hopper", emails: [{email: "grace@example.com"}]}'


def _config() -> dict[str, Any]:
    return {
        "connections": {"sr": {"provider": "smartrecruiters", "simulated": True, "seed": SEED, "size": SIZE}}
    }


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(_config()) as c:
        yield c


def _stages(job_id: str | None) -> list[JobInterviewStageRecord]:
    found = DATA.children(R.JOB_INTERVIEW_STAGE, "job").get(job_id or "", ())
    return sorted((s for s in found if isinstance(s, JobInterviewStageRecord)), key=lambda s: s.position or 0)


def _application() -> ApplicationRecord:
    for a in DATA.records(R.APPLICATION):
        if isinstance(a, ApplicationRecord) and a.rejected_at is None and len(_stages(a.job_id)) > 2:
            return a
    raise AssertionError("no open application")


async def test_each_mutation_and_what_it_costs(http: httpx.AsyncClient) -> None:
    a = _application()
    app, cand, job = (
        f"{encode(a.candidate_id or '')}:{encode(a.job_id or '')}",
        encode(a.candidate_id or ""),
        a.job_id,
    )
    stage = f"INTERVIEW:{_stages(job)[2].name}"
    reason = (await post(http, "{ rejectReasons(first: 1) { edges { node { id } } } }"))["data"][
        "rejectReasons"
    ]["edges"][0]["node"]["id"]
    # (mutation, upstream requests): the write is one; the others are named in coverage.md
    steps = [
        (f"createCandidate(input: {PERSON}) {{ candidate {{ id name }} }}", 1),
        (f'updateCandidate(input: {{id: "{cand}", lastName: "Hopper"}}) {{ candidate {{ id name }} }}', 1),
        # the candidate is read (to return it whole), then the tags are written
        (f'addCandidateTags(input: {{candidateId: "{cand}", tags: ["t1"]}}) {{ candidate {{ id }} }}', 2),
        (f'removeCandidateTags(input: {{candidateId: "{cand}", tags: ["t1"]}}) {{ candidate {{ id }} }}', 2),
        (
            f'createApplication(input: {{jobId: "{encode(job or "")}", candidate: {PERSON}, '
            "onDuplicateCandidate: CREATE}) { application { id job { id } } }",
            1,
        ),
        # the status PUT answers 204: the candidate's detail is read for the application
        (
            f'moveApplicationStage(input: {{applicationId: "{app}", stageId: "{stage}"}}) '
            "{ application { id currentStage { id } } }",
            2,
        ),
        (
            f'rejectApplication(input: {{applicationId: "{app}", rejectReasonId: "{reason}"}}) '
            "{ application { id rejectReason { id } } }",
            2,
        ),
    ]
    answers = {}
    for step, cost in steps:
        body = await post(http, f"mutation {{ {step} }}")
        assert "errors" not in body, (step, body)
        assert body["extensions"]["upstream"]["requests"] == cost, step
        answers[step.split("(")[0]] = body["data"]
    made = answers["createApplication"]["createApplication"]["application"]
    assert made["job"] == {"id": encode(job or "")}
    person = await post(http, f'{{ application(id: "{made["id"]}") {{ candidate {{ name }} }} }}')
    assert person["data"]["application"]["candidate"] == {"name": "Grace Hopper"}
    assert answers["moveApplicationStage"]["moveApplicationStage"]["application"]["currentStage"] == {
        "id": stage
    }
    read = await post(
        http, f'{{ application(id: "{app}") {{ currentStage {{ id }} rejectReason {{ id }} }} }}'
    )
    assert read["data"]["application"] == {
        "currentStage": {"id": f"REJECTED:{_stages(job)[2].name}"},
        "rejectReason": {"id": reason},
    }


@pytest.mark.parametrize(
    ("mutation", "field", "code"),
    [
        # no endpoint assigns an existing candidate to a job in the sources read
        (
            'createApplication(input: {jobId: "j", candidateId: "c"}) { application { id } }',
            "input.candidateId",
            "NOT_SUPPORTED_BY_PROVIDER",
        ),
        # the candidate list has no search by e-mail: duplicates cannot be looked for
        (
            f'createApplication(input: {{jobId: "j", candidate: {PERSON}}}) {{ application {{ id }} }}',
            "input.onDuplicateCandidate",
            "NOT_SUPPORTED_BY_PROVIDER",
        ),
        (
            'createCandidate(input: {firstName: "A", lastName: "B"}) { candidate { id } }',
            "input.emails",
            "BAD_USER_INPUT",
        ),
        (
            'createCandidate(input: {firstName: "A", lastName: "B", emails: [{email: "a@x.org"}], company: "X"}) '
            "{ candidate { id } }",
            "input.company",
            "NOT_SUPPORTED_BY_PROVIDER",
        ),
        (
            'rejectApplication(input: {applicationId: "c:j", note: "n"}) { application { id } }',
            "input.note",
            "NOT_SUPPORTED_BY_PROVIDER",
        ),
        # a file is attached in the context of a job: the application is needed
        (
            'uploadAttachment(input: {candidateId: "c", url: "https://files.example.com/cv.pdf"}) '
            "{ attachment { id } }",
            "input.applicationId",
            "BAD_USER_INPUT",
        ),
    ],
)
async def test_refused_before_any_call(http: httpx.AsyncClient, mutation: str, field: str, code: str) -> None:
    body = await post(http, f"mutation {{ {mutation} }}")
    error = error_of(body)
    assert (error["extensions"]["code"], error["extensions"]["field"]) == (code, field)
    assert body["extensions"]["upstream"]["requests"] == 0


@pytest.mark.parametrize(
    "mutation",
    [
        'hireApplication(input: {applicationId: "c:j"}) { application { id } }',
        'unrejectApplication(input: {applicationId: "c:j"}) { application { id } }',
        'addNote(input: {candidateId: "c", body: "b"}) { note { id } }',
    ],
)
async def test_a_mutation_not_offered_makes_no_call(http: httpx.AsyncClient, mutation: str) -> None:
    body = await post(http, f"mutation {{ {mutation} }}")
    assert error_of(body)["extensions"]["code"] == "NOT_SUPPORTED_BY_PROVIDER"
    assert body["extensions"]["upstream"]["requests"] == 0
