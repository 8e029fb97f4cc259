"""BambooHR's ``createApplication`` with a new candidate over the simulator: the recorded POST
lands in the sandbox (its own writer's ``create_application``), is answered as recorded, and
reads back through the adapter; then end to end over GraphQL, with the upstream calls counted.

Each test builds its own simulator (the first write forks the dataset: the shared ``DATA`` is
never written, checked)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Final

import httpx
import pytest

from providers.bamboohr import BambooHRAdapter
from providers.bamboohr.apply import PATH
from providers.bamboohr.simulator import SIMULATION, create_simulator
from providers.bamboohr.simulator.render import encode
from providers.base import Connection
from providers.errors import ProviderRefusedInput
from providers.records import ApplicationRecord, EmailAddress, Resource
from providers.sandbox import Dataset, generate
from providers.writes import ApplicationInput, CandidateInput
from tests.shared import load_fixture
from tests.writes.support import client_for, post

R = Resource
SEED, SIZE = 13, 30
DATA: Final[Dataset] = generate(SEED, SIZE)
GRACE: Final = CandidateInput(
    first_name="Grace", last_name="Hopper", emails=(EmailAddress(email="grace@navy.example"),)
)


def _job() -> str:
    """A sandbox job with stages (a new application starts in the first), as BambooHR's id."""
    stages = DATA.children(R.JOB_INTERVIEW_STAGE, "job")
    return next(encode(R.JOB, j.id) for j in DATA.records(R.JOB) if stages.get(j.id))


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    app = create_simulator(DATA, credentials=dict(SIMULATION.credentials))
    async with httpx.AsyncClient(transport=SIMULATION.transport(app), base_url=SIMULATION.base_url) as client:
        yield client


@pytest.fixture
def adapter(http: httpx.AsyncClient) -> BambooHRAdapter:
    connection = Connection(
        "b", "bamboohr", base_url=SIMULATION.base_url, credentials=dict(SIMULATION.credentials)
    )
    return BambooHRAdapter(connection, http)


async def test_the_simulator_takes_the_recorded_request_and_answers_as_recorded(
    http: httpx.AsyncClient,
) -> None:
    nango = "recorded-nango/POST_applicant_tracking_application.create-applicant"
    recorded: dict[str, Any] = load_fixture("bamboohr", f"{nango}.request.json")
    answer = load_fixture("bamboohr", f"{nango}.json")
    auth = (SIMULATION.credentials["api_key"], "x")
    made = await http.post(PATH.lstrip("/"), json={**recorded, "jobId": int(_job())}, auth=auth)
    assert made.status_code == 200, made.text
    assert set(made.json()) == set(answer)
    assert made.json()["result"] == answer["result"]
    assert isinstance(made.json()["candidateId"], int)
    for bad in ({**recorded, "jobId": 999_999}, {**recorded, "jobId": str(_job())}, {"jobId": int(_job())}):
        assert (await http.post(PATH.lstrip("/"), json=bad, auth=auth)).status_code == 400


async def test_a_new_candidates_application_lands_and_reads_back(adapter: BambooHRAdapter) -> None:
    before = len(DATA.records(R.APPLICATION))
    job = _job()
    made = await adapter.create_application(ApplicationInput(job, candidate=GRACE), None)
    assert isinstance(made, ApplicationRecord)
    assert made.job_id == job
    (read,) = await adapter.get_many(R.APPLICATION, [made.id])
    assert isinstance(read, ApplicationRecord)
    assert (read.candidate_id, read.job_id, read.current_stage_id) == (
        made.candidate_id,
        job,
        made.current_stage_id,
    )
    (who,) = await adapter.get_candidates([made.candidate_id or ""])
    assert who is not None
    assert (who.first_name, who.last_name, [e.email for e in who.emails]) == (
        "Grace",
        "Hopper",
        ["grace@navy.example"],
    )
    assert who.application_ids == (made.id,)
    # BambooHR makes a new applicant with each application: the same person again is another
    again = await adapter.create_application(ApplicationInput(job, candidate=GRACE), None)
    assert (again.id, again.candidate_id) != (made.id, made.candidate_id)
    assert len(DATA.records(R.APPLICATION)) == before  # the shared dataset is not written


async def test_an_unknown_job_is_refused_by_the_simulator(adapter: BambooHRAdapter) -> None:
    with pytest.raises(ProviderRefusedInput):
        await adapter.create_application(ApplicationInput("999999", candidate=GRACE), None)


APPLY: Final = """
mutation($input: CreateApplicationInput!) {
  createApplication(input: $input) { application { id appliedAt } }
}"""


async def test_create_application_over_graphql_costs_the_write_and_one_listing_page() -> None:
    config = {"connections": {"b": {"provider": "bamboohr", "simulated": True, "seed": SEED, "size": SIZE}}}
    job = _job()
    person = {"firstName": "Grace", "lastName": "Hopper", "emails": [{"email": "grace@navy.example"}]}
    given = {"jobId": job, "candidate": person, "onDuplicateCandidate": "CREATE"}
    async with client_for(config) as http:
        await post(http, "{ candidates(first: 1) { edges { node { id } } } }")  # kept from here
        made = await post(http, APPLY, {"input": given})
        assert "errors" not in made, made["errors"]
        # the POST, then the job's applications (one page of the simulator's 50)
        assert made["extensions"]["upstream"]["requests"] == 2
        application = made["data"]["createApplication"]["application"]
        assert application["appliedAt"]
        read = await post(
            http,
            "query($id: ID!) { application(id: $id) { candidate { name applications { id job { id } } } } }",
            {"id": application["id"]},
        )
        candidate = read["data"]["application"]["candidate"]
        assert candidate == {
            "name": "Grace Hopper",
            "applications": [{"id": application["id"], "job": {"id": job}}],
        }

        # refused before any call: an existing candidate, REUSE (no e-mail lookup), a field not taken
        cases = [
            (
                {**given, "candidate": None, "candidateId": "1"},
                "NOT_SUPPORTED_BY_PROVIDER",
                "input.candidateId",
            ),
            (
                {**given, "onDuplicateCandidate": "REUSE"},
                "NOT_SUPPORTED_BY_PROVIDER",
                "input.onDuplicateCandidate",
            ),
            (
                {**given, "candidate": {**person, "title": "Admiral"}},
                "NOT_SUPPORTED_BY_PROVIDER",
                "input.candidate.title",
            ),
            (
                {**given, "candidate": {**person, "lastName": None}},
                "BAD_USER_INPUT",
                "input.candidate.lastName",
            ),
            ({**given, "stageId": "101"}, "NOT_SUPPORTED_BY_PROVIDER", "input.stageId"),
        ]
        for bad, code, field in cases:
            refused = await post(http, APPLY, {"input": bad})
            assert (
                refused["errors"][0]["extensions"]["code"],
                refused["errors"][0]["extensions"]["field"],
            ) == (
                code,
                field,
            ), refused
            assert refused["extensions"]["upstream"]["requests"] == 0
