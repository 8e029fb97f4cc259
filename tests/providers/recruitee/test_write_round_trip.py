"""Recruitee's writes through the adapter land in the simulator's dataset and read back
through the adapter, and the mutations do so end to end over GraphQL.

Each test builds its own simulator: the first write forks the dataset, so the shared ``DATA``
is never changed (checked)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Final

import httpx
import pytest

from providers.base import Connection
from providers.errors import ProviderRefusedInput
from providers.query import Filter, ListQuery
from providers.records import ApplicationRecord, CandidateRecord, EmailAddress, JobRecord, Resource, TagRecord
from providers.recruitee.adapter import RecruiteeAdapter
from providers.recruitee.simulator import SIMULATION, create_simulator, number
from providers.sandbox import Dataset, generate
from providers.writes import ApplicationInput, CandidateInput, OnDuplicate, TagChange
from tests.writes.support import client_for, post

R = Resource
DATA: Final[Dataset] = generate(11, 30)
ANN = CandidateInput(first_name="Ann", last_name="Lee", emails=(EmailAddress(email="ann@example.com"),))


@pytest.fixture
async def adapter() -> AsyncIterator[RecruiteeAdapter]:
    app = create_simulator(DATA, credentials=dict(SIMULATION.credentials))
    async with httpx.AsyncClient(transport=SIMULATION.transport(app)) as http:
        connection = Connection(
            name="rt",
            provider="recruitee",
            base_url=SIMULATION.base_url,
            credentials=dict(SIMULATION.credentials),
        )
        yield RecruiteeAdapter(connection, http)


def _job_with_stages() -> JobRecord:
    stages = DATA.children(R.JOB_INTERVIEW_STAGE, "job")
    found = next(j for j in DATA.records(R.JOB) if stages.get(j.id))
    assert isinstance(found, JobRecord)
    return found


async def test_a_created_candidate_reads_back(adapter: RecruiteeAdapter) -> None:
    before = len(DATA.records(R.CANDIDATE))
    created = await adapter.create_candidate(ANN, None)
    (read,) = await adapter.get_many(R.CANDIDATE, [created.id])
    assert isinstance(read, CandidateRecord)
    assert (read.name, [e.email for e in read.emails], read.application_ids) == (
        "Ann Lee",
        ["ann@example.com"],
        (),
    )
    assert len(DATA.records(R.CANDIDATE)) == before  # the shared dataset is not written


async def test_an_application_reads_back_through_its_candidate(adapter: RecruiteeAdapter) -> None:
    job = _job_with_stages()
    offer = str(number(job.id))
    made = await adapter.create_application(
        ApplicationInput(offer, candidate=ANN, on_duplicate=OnDuplicate.CREATE), None
    )
    assert made.job_id == offer
    (read,) = await adapter.get_many(R.APPLICATION, [made.id])
    assert isinstance(read, ApplicationRecord)
    assert (read.id, read.candidate_id, read.job_id, read.current_stage_id) == (
        made.id,
        made.candidate_id,
        offer,
        made.current_stage_id,
    )
    first = min(
        DATA.children(R.JOB_INTERVIEW_STAGE, "job")[job.id], key=lambda s: getattr(s, "position", 0) or 0
    )
    assert read.current_stage_id == str(number(first.id))  # a new placement starts in the first stage


async def test_an_unknown_offer_changes_nothing(adapter: RecruiteeAdapter) -> None:
    with pytest.raises(ProviderRefusedInput):
        await adapter.create_application(ApplicationInput("999999", candidate=ANN), None)
    page = await adapter.list_candidates(ListQuery(Filter(), None, 100, None))
    assert len(page.records) == len(DATA.records(R.CANDIDATE))  # all of them, and no new one
    assert "Ann Lee" not in {c.name for c in page.records}


async def test_tags_added_read_back_with_the_ones_it_had(adapter: RecruiteeAdapter) -> None:
    tagged = next(c for c in DATA.records(R.CANDIDATE) if isinstance(c, CandidateRecord) and c.tag_ids)
    names = {t.id: t.name for t in DATA.records(R.TAG) if isinstance(t, TagRecord)}
    had = [names[t] for t in tagged.tag_ids or ()]
    found = await adapter.add_candidate_tags(TagChange(str(number(tagged.id)), ("notified", had[0])), None)
    assert found.tag_ids == (*had, "notified")
    (read,) = await adapter.get_many(R.CANDIDATE, [found.id])
    assert isinstance(read, CandidateRecord)
    assert read.tag_ids == (*had, "notified")


async def test_the_mutations_over_graphql() -> None:
    config = {"connections": {"rt": {"provider": "recruitee", "simulated": True, "seed": 11, "size": 30}}}
    job = _job_with_stages()
    async with client_for(config) as http:
        created = await post(
            http,
            "mutation($job: ID!) { createApplication(input: {jobId: $job, onDuplicateCandidate: CREATE, "
            'candidate: {firstName: "Ann", lastName: "Lee", emails: [{email: "ann@example.com"}]}}) '
            "{ application { id job { name } candidate { id name } } } }",
            {"job": str(number(job.id))},
        )
        application = created["data"]["createApplication"]["application"]
        alone = await post(
            http,
            'mutation { createCandidate(input: {firstName: "Bo", emails: [{email: "bo@example.com"}]}) { candidate { id name } } }',
        )
        assert alone["data"]["createCandidate"]["candidate"]["name"] == "Bo"
        assert alone["extensions"]["upstream"]["requests"] == 1  # the one write, its answer the record
        assert application["job"] == {"name": job.name}
        candidate = application["candidate"]
        assert candidate["name"] == "Ann Lee"
        tagged = await post(
            http,
            f'mutation {{ addCandidateTags(input: {{candidateId: "{candidate["id"]}", tags: ["vip"]}}) '
            "{ candidate { tags { name } } } }",
        )
        assert tagged["data"]["addCandidateTags"]["candidate"]["tags"] == [{"name": "vip"}]
        read = await post(
            http, f'{{ candidate(id: "{candidate["id"]}") {{ tags {{ name }} applications {{ id }} }} }}'
        )
        assert read["data"]["candidate"] == {
            "tags": [{"name": "vip"}],
            "applications": [{"id": application["id"]}],
        }
        refused = await post(
            http,
            'mutation { removeCandidateTags(input: {candidateId: "1", tags: ["vip"]}) { candidate { id } } }',
        )
        assert refused["errors"][0]["extensions"]["code"] == "NOT_SUPPORTED_BY_PROVIDER"
        reuse = await post(
            http,
            'mutation { createApplication(input: {jobId: "1", candidate: {firstName: "B", '
            'emails: [{email: "b@example.com"}]}}) { application { id } } }',
        )
        assert reuse["errors"][0]["extensions"]["code"] == "NOT_SUPPORTED_BY_PROVIDER"


async def test_an_offer_given_twice_changes_nothing(adapter: RecruiteeAdapter) -> None:
    """Refused before the candidate is made (the second application to one job would be
    refused after the first was written)."""
    job = number(_job_with_stages().id)
    body = {"candidate": {"name": "Ann Lee", "emails": ["ann@example.com"]}, "offers": [job, job]}
    token = {"Authorization": f"Bearer {SIMULATION.credentials['api_token']}"}
    answer = await adapter.upstream.client.post(f"{SIMULATION.base_url}/candidates", json=body, headers=token)
    assert answer.status_code == 422
    page = await adapter.list_candidates(ListQuery(Filter(), None, 100, None))
    assert "Ann Lee" not in {c.name for c in page.records}
