"""Every mutation through the GraphQL app on the sandbox: the payload is a full graph node,
a later request reads the write, and each refusal names its input field and writes nothing."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from providers.base import ProviderAdapter
from providers.coverage import provider_coverage
from providers.records import Resource
from providers.sandbox.adapter import SandboxAdapter

from .support import (
    ADA,
    CREATE_CANDIDATE,
    client_for,
    dataset_of,
    error_of,
    fresh_options,
    post,
    sandbox_config,
)

R = Resource


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(sandbox_config(fresh_options())) as client:
        yield client


async def test_create_candidate_then_read_it_in_another_request(http: httpx.AsyncClient) -> None:
    body = await post(http, CREATE_CANDIDATE, {"input": {**ADA, "tags": ["Referral"]}})
    made = body["data"]["createCandidate"]
    assert made["replayed"] is False
    candidate = made["candidate"]
    assert candidate["name"] == "Ada Lovelace"
    assert candidate["tags"] == [{"name": "Referral"}]
    read = await post(
        http,
        '{ candidates(first: 5, filter: {email: "ADA@example.com"}) { edges { node { id name } } } }',
    )
    assert [e["node"]["id"] for e in read["data"]["candidates"]["edges"]] == [candidate["id"]]


APPLY = """
mutation($input: CreateApplicationInput!) {
  createApplication(input: $input) {
    application {
      id
      currentStage { id name }
      candidate { id name applications { id job { id stages { id } } } }
    }
  }
}"""


async def _job(http: httpx.AsyncClient) -> dict[str, Any]:
    body = await post(http, "{ jobs(first: 1) { edges { node { id stages { id name } } } } }")
    job: dict[str, Any] = body["data"]["jobs"]["edges"][0]["node"]
    return job


ANSWERS = [
    {"question": "resume", "answer": "https://files.example.com/cv.pdf"},
    {"question": "work_authorization", "answer": "yes"},
    {"question": "requires_sponsorship", "answer": "no"},
    {"question": "work_arrangement", "answer": "Remote"},
]


async def test_apply_a_new_candidate_and_select_to_any_depth(http: httpx.AsyncClient) -> None:
    job = await _job(http)
    body = await post(http, APPLY, {"input": {"jobId": job["id"], "candidate": ADA, "answers": ANSWERS}})
    assert "errors" not in body, body
    application = body["data"]["createApplication"]["application"]
    assert application["currentStage"] == job["stages"][0]
    nested = application["candidate"]["applications"]
    assert [a["id"] for a in nested] == [application["id"]]
    assert nested[0]["job"] == {"id": job["id"], "stages": [{"id": s["id"]} for s in job["stages"]]}
    # The stored answers are in the application's remote data.
    raw = await post(http, f'{{ application(id: "{application["id"]}") {{ remoteData }} }}')
    assert {"question": "work_arrangement", "answer": "Remote"} in raw["data"]["application"]["remoteData"][
        "answers"
    ]


@pytest.mark.parametrize(
    ("on_duplicate", "outcome"), [("REUSE", "reused"), ("CREATE", "created"), ("FAIL", "refused")]
)
async def test_on_duplicate_candidate(http: httpx.AsyncClient, on_duplicate: str, outcome: str) -> None:
    existing = (await post(http, CREATE_CANDIDATE, {"input": ADA}))["data"]["createCandidate"]["candidate"][
        "id"
    ]
    job = await _job(http)
    data = dataset_of(http)
    candidates = data.counts()[R.CANDIDATE]
    variables = {
        "input": {
            "jobId": job["id"],
            "candidate": ADA,
            "onDuplicateCandidate": on_duplicate,
            "answers": ANSWERS,
        }
    }
    body = await post(http, APPLY, variables)
    if outcome == "refused":
        error = error_of(body)
        assert error["extensions"] == {
            "code": "BAD_USER_INPUT",
            "field": "input.candidate.emails",
            "existingCandidateId": existing,
        }
        assert data.counts()[R.CANDIDATE] == candidates
        return
    made = body["data"]["createApplication"]["application"]["candidate"]["id"]
    assert (made == existing) is (outcome == "reused")
    assert data.counts()[R.CANDIDATE] == candidates + (outcome == "created")


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        (ANSWERS[1:], "input.answers.resume"),
        ([*ANSWERS[:3], {"question": "work_arrangement", "answer": "On the moon"}], "input.answers.3.answer"),
        ([*ANSWERS, {"question": "favourite_colour", "answer": "blue"}], "input.answers.4.question"),
        ([{**ANSWERS[0]}, {"question": "work_authorization", "answer": "maybe"}], "input.answers.1.answer"),
    ],
)
async def test_the_jobs_form_is_checked_before_writing(
    http: httpx.AsyncClient, answers: list[dict[str, str]], field: str
) -> None:
    job = await _job(http)
    data = dataset_of(http)
    version = data.version
    body = await post(http, APPLY, {"input": {"jobId": job["id"], "candidate": ADA, "answers": answers}})
    error = error_of(body)
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("BAD_USER_INPUT", field)
    assert body["data"] == {"createApplication": None}
    assert data.version == version


async def test_move_reject_unreject_hire(http: httpx.AsyncClient) -> None:
    job = await _job(http)
    app = (await post(http, APPLY, {"input": {"jobId": job["id"], "candidate": ADA, "answers": ANSWERS}}))[
        "data"
    ]["createApplication"]["application"]["id"]
    stage = job["stages"][2]["id"]
    select = "application { id currentStage { id } rejectedAt rejectReason { id } }"
    moved = await post(
        http,
        f'mutation {{ moveApplicationStage(input: {{applicationId: "{app}", stageId: "{stage}"}}) {{ {select} }} }}',
    )
    assert moved["data"]["moveApplicationStage"]["application"]["currentStage"] == {"id": stage}
    other_job = await post(http, "{ jobs(first: 2) { edges { node { stages { id } } } } }")
    foreign = other_job["data"]["jobs"]["edges"][1]["node"]["stages"][0]["id"]
    refused = await post(
        http,
        f'mutation {{ moveApplicationStage(input: {{applicationId: "{app}", stageId: "{foreign}"}}) {{ {select} }} }}',
    )
    assert error_of(refused)["extensions"]["field"] == "input.stageId"
    reason = (await post(http, "{ rejectReasons(first: 1) { edges { node { id } } } }"))["data"][
        "rejectReasons"
    ]["edges"][0]["node"]["id"]
    rejected = await post(
        http,
        f'mutation {{ rejectApplication(input: {{applicationId: "{app}", rejectReasonId: "{reason}", note: "n"}}) {{ {select} }} }}',
    )
    assert rejected["data"]["rejectApplication"]["application"]["rejectReason"] == {"id": reason}
    unrejected = await post(
        http, f'mutation {{ unrejectApplication(input: {{applicationId: "{app}"}}) {{ {select} }} }}'
    )
    assert unrejected["data"]["unrejectApplication"]["application"]["rejectedAt"] is None
    hired = await post(
        http, f'mutation {{ hireApplication(input: {{applicationId: "{app}"}}) {{ {select} }} }}'
    )
    assert hired["data"]["hireApplication"]["application"]["currentStage"] == {"id": job["stages"][-1]["id"]}


async def test_notes_and_tags(http: httpx.AsyncClient) -> None:
    cand = (await post(http, CREATE_CANDIDATE, {"input": ADA}))["data"]["createCandidate"]["candidate"]["id"]
    note = await post(
        http,
        f'mutation {{ addNote(input: {{candidateId: "{cand}", body: "Strong", visibility: PRIVATE}}) '
        "{ note { id body visibility activityType candidate { id } } } }",
    )
    assert note["data"]["addNote"]["note"]["visibility"] == "PRIVATE"
    assert note["data"]["addNote"]["note"]["candidate"] == {"id": cand}
    tags = await post(
        http,
        f'mutation {{ addCandidateTags(input: {{candidateId: "{cand}", tags: ["A", "B"]}}) {{ candidate {{ tags {{ name }} }} }} }}',
    )
    assert [t["name"] for t in tags["data"]["addCandidateTags"]["candidate"]["tags"]] == ["A", "B"]
    removed = await post(
        http,
        f'mutation {{ removeCandidateTags(input: {{candidateId: "{cand}", tags: ["a"]}}) {{ candidate {{ tags {{ name }} }} }} }}',
    )
    assert removed["data"]["removeCandidateTags"]["candidate"]["tags"] == [{"name": "B"}]
    updated = await post(
        http,
        f'mutation {{ updateCandidate(input: {{id: "{cand}", title: "CTO"}}) {{ candidate {{ title name }} }} }}',
    )
    assert updated["data"]["updateCandidate"]["candidate"] == {"title": "CTO", "name": "Ada Lovelace"}


async def test_unsupported_and_required_fields_are_refused_before_any_call(http: httpx.AsyncClient) -> None:
    data = dataset_of(http)
    version = data.version
    app = data.records(R.APPLICATION)[0].id
    body = await post(
        http,
        f'mutation {{ rejectApplication(input: {{applicationId: "{app}", emailTemplateId: "t1"}}) {{ application {{ id }} }} }}',
    )
    error = error_of(body)
    assert error["extensions"] == {
        "code": "NOT_SUPPORTED_BY_PROVIDER",
        "provider": "sandbox",
        "field": "input.emailTemplateId",
    }
    assert body["extensions"]["upstream"]["requests"] == 0
    missing = await post(http, CREATE_CANDIDATE, {"input": {"firstName": "Solo"}})
    assert error_of(missing)["extensions"] == {"code": "BAD_USER_INPUT", "field": "input.lastName"}
    assert missing["extensions"]["upstream"]["requests"] == 0
    inline = await post(http, APPLY, {"input": {"jobId": "job_0001", "candidate": {"firstName": "Solo"}}})
    assert error_of(inline)["extensions"]["field"] == "input.candidate.lastName"
    both = await post(http, APPLY, {"input": {"jobId": "job_0001"}})
    assert error_of(both)["extensions"]["field"] == "input.candidateId"
    assert data.version == version


async def test_coverage_lists_the_mutations(http: httpx.AsyncClient) -> None:
    body = await post(http, "{ providers { name actorRequired mutations { name inputFields required } } }")
    sandbox = next(p for p in body["data"]["providers"] if p["name"] == "sandbox")
    names = [m["name"] for m in sandbox["mutations"]]
    assert len(names) == 11
    assert "uploadAttachment" in names
    reject = next(m for m in sandbox["mutations"] if m["name"] == "rejectApplication")
    assert "emailTemplateId" not in reject["inputFields"]
    assert reject["required"] == ["applicationId"]
    create = next(m for m in sandbox["mutations"] if m["name"] == "createCandidate")
    assert create["required"] == ["firstName", "lastName"]
    assert sandbox["actorRequired"] is False


async def test_every_write_is_one_audit_line_without_personal_data(
    http: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="hiregraph.audit"):
        made = await post(http, CREATE_CANDIDATE, {"input": ADA}, **{"X-Request-Id": "req-1"})
        await post(http, CREATE_CANDIDATE, {"input": {"firstName": "Ada"}}, **{"X-Request-Id": "req-2"})
    lines = [r.getMessage() for r in caplog.records if r.name == "hiregraph.audit"]
    cand = made["data"]["createCandidate"]["candidate"]["id"]
    assert lines == [
        f"write tenant=- connection=sandbox mutation=createCandidate target={cand} outcome=done request=req-1",
        "write tenant=- connection=sandbox mutation=createCandidate target=- outcome=BAD_USER_INPUT request=req-2",
    ]
    assert not any("Ada" in line or "example.com" in line for line in lines)


async def test_each_mutation_is_one_upstream_write_and_one_dataset_change(http: httpx.AsyncClient) -> None:
    data = dataset_of(http)
    job = await _job(http)
    cand = (await post(http, CREATE_CANDIDATE, {"input": ADA}))["data"]["createCandidate"]["candidate"]["id"]
    app = (await post(http, APPLY, {"input": {"jobId": job["id"], "candidateId": cand, "answers": ANSWERS}}))[
        "data"
    ]["createApplication"]["application"]["id"]
    reason = data.records(R.REJECT_REASON)[0].id
    steps = [
        f'updateCandidate(input: {{id: "{cand}", title: "x"}}) {{ candidate {{ id }} }}',
        f'addCandidateTags(input: {{candidateId: "{cand}", tags: ["t"]}}) {{ candidate {{ id }} }}',
        f'removeCandidateTags(input: {{candidateId: "{cand}", tags: ["t"]}}) {{ candidate {{ id }} }}',
        f'addNote(input: {{candidateId: "{cand}", body: "b"}}) {{ note {{ id }} }}',
        f'moveApplicationStage(input: {{applicationId: "{app}", stageId: "{job["stages"][1]["id"]}"}}) {{ application {{ id }} }}',
        f'rejectApplication(input: {{applicationId: "{app}", rejectReasonId: "{reason}"}}) {{ application {{ id }} }}',
        f'unrejectApplication(input: {{applicationId: "{app}"}}) {{ application {{ id }} }}',
        f'hireApplication(input: {{applicationId: "{app}"}}) {{ application {{ id }} }}',
    ]
    for step in steps:
        version = data.version
        body = await post(http, f"mutation {{ {step} }}")
        assert "errors" not in body, (step, body)
        assert data.version == version + 1, step
        # One upstream call: the write (a stage move first reads the application and its
        # job's stages, to refuse a foreign stage before writing).
        assert body["extensions"]["upstream"]["requests"] == (3 if "moveApplicationStage" in step else 1)


class ReadsOnly(ProviderAdapter):
    """A provider that offers no write at all (as the HTTP providers do until theirs land)."""

    name = "reads-only"
    title = "Reads Only"


async def test_a_provider_without_the_method_does_not_support_the_mutation() -> None:
    config = {"connections": {"r": {"provider": "reads-only"}}}
    async with client_for(config, {"reads-only": ReadsOnly}) as http:
        body = await post(http, CREATE_CANDIDATE, {"input": ADA, "key": "k"})
    assert error_of(body)["extensions"] == {
        "code": "NOT_SUPPORTED_BY_PROVIDER",
        "provider": "reads-only",
        "field": "createCandidate",
    }
    assert body["extensions"]["upstream"]["requests"] == 0
    assert provider_coverage(ReadsOnly).mutations == ()


class OnBehalf(SandboxAdapter):
    """A sandbox that, like an ATS with On-Behalf-Of writes, needs an acting user."""

    name = "on-behalf"
    actor_required = True


@pytest.mark.parametrize(
    ("option", "argument", "field"),
    [
        (None, None, "actorId"),
        ("user_0001", None, None),
        (None, "user_0002", None),
        (None, "user_9999", "actorId"),
    ],
)
async def test_an_acting_user_where_the_provider_needs_one(
    option: str | None, argument: str | None, field: str | None
) -> None:
    options = {**fresh_options(), **({"actor_id": option} if option else {})}
    config = {"connections": {"s": {"provider": "on-behalf", **options}}}
    query = 'mutation($actor: ID) { addNote(input: {candidateId: "cand_000001", body: "b"}, actorId: $actor) { note { actor { id } } } }'
    async with client_for(config, {"on-behalf": OnBehalf}) as http:
        body = await post(http, query, {"actor": argument})
    if field is not None:
        assert error_of(body)["extensions"]["field"] == field
        return
    assert body["data"]["addNote"]["note"]["actor"] == {"id": option or argument}


def test_an_id_holding_an_email_address_is_withheld_from_the_audit_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from resolvers.writes.audit import audit

    with caplog.at_level(logging.INFO, logger="hiregraph.audit"):
        audit(
            tenant="t",
            connection="pp",
            mutation="m",
            target="ann@example.com",
            outcome="done",
            request_id="r",
        )
        audit(tenant="t", connection="pp", mutation="m", target="app_1", outcome="done", request_id="r")
    lines = [r.getMessage() for r in caplog.records if r.name == "hiregraph.audit"]
    assert "ann@example.com" not in lines[0]
    assert "target=[withheld: personal data]" in lines[0]
    assert "target=app_1" in lines[1]
