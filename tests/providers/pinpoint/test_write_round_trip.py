"""Pinpoint's writes through the adapter land in the simulator's dataset and read back through
the adapter, and the mutations do so end to end over GraphQL, the audit line naming no e-mail.

Each test builds its own simulator: the first write forks the dataset, so the shared ``DATA``
is never changed (checked)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Final, cast

import httpx
import pytest

from providers.base import Connection
from providers.errors import ProviderRefusedInput
from providers.pinpoint.adapter import PinpointAdapter
from providers.pinpoint.mapping import person
from providers.pinpoint.simulator import SIMULATION, create_simulator
from providers.pinpoint.simulator.render import number
from providers.records import ApplicationRecord, CandidateRecord, JobInterviewStageRecord, Resource
from providers.sandbox import Dataset, generate
from providers.writes import BY_MUTATION, ApplicationInput, StageMove
from resolvers.writes.validation import refused_field
from tests.writes.support import client_for, post

R = Resource
SEED, SIZE = 5, 30
DATA: Final[Dataset] = generate(SEED, SIZE)


@pytest.fixture
async def adapter() -> AsyncIterator[PinpointAdapter]:
    app = create_simulator(DATA, credentials=dict(SIMULATION.credentials))
    async with httpx.AsyncClient(transport=SIMULATION.transport(app)) as http:
        connection = Connection(
            name="pp",
            provider="pinpoint",
            base_url=SIMULATION.base_url,
            credentials=dict(SIMULATION.credentials),
            options=dict(SIMULATION.options),
        )
        yield PinpointAdapter(connection, http)


def _new_job_for() -> tuple[CandidateRecord, str]:
    """A candidate with an e-mail and a job (with stages) it has not applied to."""
    stages = DATA.children(R.JOB_INTERVIEW_STAGE, "job")
    for c in DATA.records(R.CANDIDATE):
        assert isinstance(c, CandidateRecord)
        applied = {
            cast("ApplicationRecord", DATA.get(R.APPLICATION, a)).job_id for a in c.application_ids or ()
        }
        job = next((j.id for j in DATA.records(R.JOB) if j.id not in applied and stages.get(j.id)), None)
        if c.emails and job:
            return c, job
    raise AssertionError("no candidate with a job left to apply to")


def _open_application() -> tuple[ApplicationRecord, JobInterviewStageRecord]:
    """An open application and another stage of its job."""
    for a in DATA.records(R.APPLICATION):
        assert isinstance(a, ApplicationRecord)
        others = [
            s
            for s in DATA.children(R.JOB_INTERVIEW_STAGE, "job").get(a.job_id or "", ())
            if s.id != a.current_stage_id
        ]
        if a.rejected_at is None and others:
            return a, cast("JobInterviewStageRecord", others[0])
    raise AssertionError("the dataset has no open application")


async def test_an_application_of_a_known_candidate_reads_back(adapter: PinpointAdapter) -> None:
    candidate, job = _new_job_for()
    who = person(candidate.emails[0].email) or ""
    before = len(DATA.records(R.APPLICATION))
    (read_before,) = await adapter.get_candidates([who])  # the people table is kept from here
    assert read_before is not None
    made = await adapter.create_application(ApplicationInput(number(job), candidate_id=who), None)
    assert (made.candidate_id, made.job_id) == (who, number(job))
    (app,) = await adapter.get_many(R.APPLICATION, [made.id])
    assert isinstance(app, ApplicationRecord)
    assert (app.candidate_id, app.job_id, app.current_stage_id) == (who, number(job), made.current_stage_id)
    (again,) = await adapter.get_candidates([who])
    assert again is not None
    assert again.application_ids == (*(read_before.application_ids or ()), made.id)
    assert (again.first_name, again.last_name) == (candidate.first_name, candidate.last_name)
    assert len(DATA.records(R.APPLICATION)) == before  # the shared dataset is not written


async def test_a_move_reads_back_and_a_foreign_stage_is_refused(adapter: PinpointAdapter) -> None:
    app, stage = _open_application()
    moved = await adapter.move_application_stage(StageMove(number(app.id), number(stage.id)), None)
    assert moved.current_stage_id == number(stage.id)
    (read,) = await adapter.get_many(R.APPLICATION, [number(app.id)])
    assert isinstance(read, ApplicationRecord)
    assert read.current_stage_id == number(stage.id)
    foreign = next(
        s
        for s in DATA.records(R.JOB_INTERVIEW_STAGE)
        if isinstance(s, JobInterviewStageRecord) and s.job_id != app.job_id
    )
    with pytest.raises(ProviderRefusedInput) as info:
        await adapter.move_application_stage(StageMove(number(app.id), number(foreign.id)), None)
    assert refused_field(PinpointAdapter, BY_MUTATION["moveApplicationStage"], info.value) == "input.stageId"


async def test_the_mutations_over_graphql(caplog: pytest.LogCaptureFixture) -> None:
    config = {"connections": {"pp": {"provider": "pinpoint", "simulated": True, "seed": SEED, "size": SIZE}}}
    candidate, job = _new_job_for()
    who = person(candidate.emails[0].email) or ""
    async with client_for(config) as http:
        with caplog.at_level(logging.INFO, logger="hiregraph.audit"):
            created = await post(
                http,
                "mutation($job: ID!, $who: ID!) { createApplication(input: {jobId: $job, candidateId: $who}) "
                "{ application { id job { id } currentStage { id } candidate { id applications { id } } } } }",
                {"job": number(job), "who": who},
            )
        application = created["data"]["createApplication"]["application"]
        # the people table (one page of applications: the person's fields), then the one write;
        # the record then comes from what was read and written
        assert created["extensions"]["upstream"]["requests"] == 2
        assert application["job"] == {"id": number(job)}
        assert application["candidate"]["id"] == who
        assert {"id": application["id"]} in application["candidate"]["applications"]
        stages = DATA.children(R.JOB_INTERVIEW_STAGE, "job")[job]
        other = next(s for s in stages if number(s.id) != application["currentStage"]["id"])
        moved = await post(
            http,
            "mutation($app: ID!, $stage: ID!) { moveApplicationStage(input: {applicationId: $app, stageId: $stage}) "
            "{ application { currentStage { id } } } }",
            {"app": application["id"], "stage": number(other.id)},
        )
        assert moved["data"]["moveApplicationStage"]["application"]["currentStage"] == {
            "id": number(other.id)
        }
        refused = await post(
            http,
            'mutation($who: ID!) { addNote(input: {candidateId: $who, body: "b"}) { note { id } } }',
            {"who": who},
        )
        assert refused["errors"][0]["extensions"]["code"] == "NOT_SUPPORTED_BY_PROVIDER"
    lines = [r.getMessage() for r in caplog.records if r.name == "hiregraph.audit"]
    assert lines
    assert all(who not in line and "@" not in line for line in lines)


async def test_a_refused_mutation_logs_no_email_either(caplog: pytest.LogCaptureFixture) -> None:
    config = {"connections": {"pp": {"provider": "pinpoint", "simulated": True, "seed": SEED, "size": SIZE}}}
    async with client_for(config) as http:
        with caplog.at_level(logging.INFO, logger="hiregraph.audit"):
            await post(
                http,
                'mutation { addNote(input: {candidateId: "ann@example.com", body: "b"}) { note { id } } }',
            )
    lines = [r.getMessage() for r in caplog.records if r.name == "hiregraph.audit"]
    assert lines
    assert all("@" not in line for line in lines)


APPLY_NEW = """
mutation($input: CreateApplicationInput!) {
  createApplication(input: $input) { application { id job { id } candidate { id name } } }
}"""


async def test_a_new_candidate_given_inline_is_made_and_reads_back_through_graphql() -> None:
    config = {"connections": {"pp": {"provider": "pinpoint", "simulated": True, "seed": SEED, "size": SIZE}}}
    async with client_for(config) as http:
        job = (await post(http, "{ jobs(first: 1) { edges { node { id } } } }"))["data"]["jobs"]["edges"][0][
            "node"
        ]
        person_ = {"firstName": "Grace", "lastName": "Hopper", "emails": [{"email": "grace@navy.example"}]}
        made = await post(http, APPLY_NEW, {"input": {"jobId": job["id"], "candidate": person_}})
        assert "errors" not in made, made["errors"]
        application = made["data"]["createApplication"]["application"]
        assert application["candidate"] == {"id": "grace@navy.example", "name": "Grace Hopper"}
        assert application["job"] == job
        read = await post(http, 'query { candidate(id: "grace@navy.example") { applications { id } } }')
        assert read["data"]["candidate"]["applications"] == [{"id": application["id"]}]

        # what Pinpoint requires of a new person, and what it does not take, before any call
        missing = await post(
            http, APPLY_NEW, {"input": {"jobId": job["id"], "candidate": {**person_, "lastName": None}}}
        )
        assert missing["errors"][0]["extensions"]["field"] == "input.candidate.lastName"
        assert missing["extensions"]["upstream"]["requests"] == 0
        untaken = await post(
            http, APPLY_NEW, {"input": {"jobId": job["id"], "candidate": {**person_, "title": "Admiral"}}}
        )
        assert untaken["errors"][0]["extensions"]["code"] == "NOT_SUPPORTED_BY_PROVIDER"
        assert untaken["errors"][0]["extensions"]["field"] == "input.candidate.title"
