"""``createApplication`` with a new candidate given inline: two writes, ``POST /candidates`` with
``merge: true`` then ``POST /job-applications``, each body the documentation's example for the
neutral input that says the same thing; and what the client is told when the second fails
after the first made the candidate.

``merge: true`` is the documentation's curl example for creating a candidate, with its note
"Use the merge attribute to merge the candidate attributes in case a candidate with a matching
email address already exists" (https://docs.teamtailor.com/#create-candidate; source
``Teamtailor/docs``, ``source/includes/candidates/_create.md.erb``). The printed request example
(``POST_candidates.request.json``) is the same body without it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any, Final

import httpx
import pytest
import respx

from providers.base import Connection
from providers.errors import ProviderRefusedInput, WriteRefused
from providers.query import Filter, ListQuery
from providers.records import ApplicationRecord, EmailAddress, PhoneNumber, Resource
from providers.sandbox import Dataset, generate
from providers.teamtailor.adapter import INCLUDE, TeamtailorAdapter
from providers.teamtailor.simulator import SIMULATION, create_simulator
from providers.teamtailor.simulator.render import number
from providers.writes import BY_MUTATION, ApplicationInput, CandidateInput
from resolvers.writes.validation import refused_field
from tests.shared import load_fixture

R = Resource
BASE = "https://api.teamtailor.com/v1"
KEY = "tt-write-key"
DOCS: Final = "https://docs.teamtailor.com/#create-candidate"
DATA: Final[Dataset] = generate(11, 30)


def fx(name: str) -> Any:
    return load_fixture("teamtailor", name)


@pytest.fixture
async def adapter() -> AsyncIterator[TeamtailorAdapter]:
    connection = Connection(name="tt", provider="teamtailor", credentials={"api_key": KEY})
    async with httpx.AsyncClient() as http:
        yield TeamtailorAdapter(connection, http)


def sent(router: respx.MockRouter) -> list[tuple[str, str]]:
    return [(c.request.method, c.request.url.path.removeprefix("/v1")) for c in router.calls]


def body(router: respx.MockRouter, path: str) -> Any:
    (request,) = [c.request for c in router.calls if c.request.url.path == f"/v1{path}"]
    assert request.headers["Content-Type"] == "application/vnd.api+json"
    return json.loads(request.content)


def application_answer(candidate: str, job: str) -> dict[str, Any]:
    """The docs' ``POST /job-applications`` answer with the linkage its ``include=`` brings."""
    out: dict[str, Any] = json.loads(json.dumps(fx("POST_job-applications.json")))
    relationships = out["data"]["relationships"]
    relationships["candidate"]["data"] = {"type": "candidates", "id": candidate}
    relationships["job"]["data"] = {"type": "jobs", "id": job}
    return out


def jonas() -> CandidateInput:
    """The docs' example candidate (``pitch`` has no unified field)."""
    recorded = fx("POST_candidates.request.json")["data"]["attributes"]
    return CandidateInput(
        first_name=recorded["first-name"],
        last_name=recorded["last-name"],
        emails=(EmailAddress(email=recorded["email"]),),
    )


@pytest.mark.shared
async def test_two_documented_writes_in_order(adapter: TeamtailorAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/candidates").respond(201, json=fx("POST_candidates.json"))
        router.post("/job-applications").respond(201, json=application_answer("1337", "12345"))
        record = await adapter.create_application(ApplicationInput("12345", candidate=jonas()), None)
        assert sent(router) == [("POST", "/candidates"), ("POST", "/job-applications")]
        expected = fx("POST_candidates.request.json")
        del expected["data"]["attributes"]["pitch"]
        expected["data"]["attributes"]["merge"] = True  # DOCS: the curl example's attribute
        assert body(router, "/candidates") == expected
        # the candidate the first answer names (1337, as the docs' examples happen to agree)
        expected = fx("POST_job-applications.request.json")
        for name in ("cover-letter", "send-user-notifications"):
            del expected["data"]["attributes"][name]
        assert body(router, "/job-applications") == expected
        params = [c.request.url.params["include"] for c in router.calls]
        assert params == [INCLUDE["candidate"], INCLUDE["application"]]
    assert isinstance(record, ApplicationRecord)
    assert (record.candidate_id, record.job_id) == ("1337", "12345")


@pytest.mark.shared
async def test_a_failed_application_names_the_candidate_and_the_safe_retry(
    adapter: TeamtailorAdapter,
) -> None:
    refusal = {
        "errors": [{"status": "422", "detail": "is closed", "source": {"pointer": "/data/relationships/job"}}]
    }
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/candidates").respond(201, json=fx("POST_candidates.json"))
        router.post("/job-applications").respond(422, json=refusal)
        with pytest.raises(ProviderRefusedInput) as info:
            await adapter.create_application(ApplicationInput("12345", candidate=jonas()), None)
        assert len(router.calls) == 2  # never retried
    message = info.value.message
    assert "candidate 1337" in message
    assert "job 12345" in message
    assert "is closed" in message
    assert "Retrying is safe" in message
    assert "`merge: true`" in message
    assert 'candidateId: "1337"' in message
    assert "jonas@example.com" not in message  # ids only, never an e-mail address
    assert info.value.reasons[0].message == "is closed"
    # the refusal still names the input field it is about
    assert refused_field(TeamtailorAdapter, BY_MUTATION["createApplication"], info.value) == "input.jobId"


async def test_refused_before_any_call_without_one_email(adapter: TeamtailorAdapter) -> None:
    """Teamtailor requires an e-mail (DOCS: "A unique email is a required attribute unless
    sourced is set to true"), and ``merge`` finds a candidate by it; it keeps one."""
    two = (EmailAddress(email="a@example.com"), EmailAddress(email="b@example.com"))
    with respx.mock(base_url=BASE) as router:
        for emails in ((), two):
            given = CandidateInput(first_name="A", phones=(PhoneNumber(number="1"),), emails=emails)
            with pytest.raises(WriteRefused) as info:
                await adapter.create_application(ApplicationInput("3", candidate=given), None)
            assert info.value.field == "input.candidate.emails"
        assert router.calls.call_count == 0


@pytest.mark.parametrize(
    ("pointer", "field"),
    [
        ("/data/attributes/email", "input.candidate.emails"),
        ("/data/attributes/first-name", "input.candidate.firstName"),
        ("/data/attributes/phone", "input.candidate.phones"),
    ],
)
async def test_a_refused_candidate_names_its_inline_field_and_nothing_follows(
    adapter: TeamtailorAdapter, pointer: str, field: str
) -> None:
    refusal = {"errors": [{"status": "422", "detail": "is invalid", "source": {"pointer": pointer}}]}
    given = CandidateInput(first_name="A", emails=(EmailAddress(email="a@example.com"),))
    with respx.mock(base_url=BASE) as router:
        router.post("/candidates").respond(422, json=refusal)
        with pytest.raises(ProviderRefusedInput) as info:
            await adapter.create_application(ApplicationInput("3", candidate=given), None)
        assert sent(router) == [("POST", "/candidates")]
    assert info.value.field == field
    assert "now has" not in info.value.message  # no candidate was made: nothing to name


# -- through the simulator, which keeps one candidate per e-mail and honours ``merge`` ------


@pytest.fixture
async def simulated() -> AsyncIterator[TeamtailorAdapter]:
    app = create_simulator(DATA, credentials=dict(SIMULATION.credentials))
    async with httpx.AsyncClient(transport=SIMULATION.transport(app)) as http:
        connection = Connection(
            name="tt",
            provider="teamtailor",
            base_url=SIMULATION.base_url,
            credentials=dict(SIMULATION.credentials),
        )
        yield TeamtailorAdapter(connection, http)


async def _holders(adapter: TeamtailorAdapter, email: str) -> list[str]:
    found = await adapter.list(R.CANDIDATE, ListQuery(Filter(email=email), None, 10, None))
    return [c.id for c in found.records]


async def test_a_retry_after_a_failed_application_makes_no_second_candidate(
    simulated: TeamtailorAdapter,
) -> None:
    email = "grace.hopper@example.com"
    given = CandidateInput(first_name="Grace", last_name="Hopper", emails=(EmailAddress(email=email),))
    with pytest.raises(ProviderRefusedInput) as info:
        await simulated.create_application(ApplicationInput("999999", candidate=given), None)
    (made,) = await _holders(simulated, email)  # the first write landed
    assert f"candidate {made} " in info.value.message
    assert refused_field(TeamtailorAdapter, BY_MUTATION["createApplication"], info.value) == "input.jobId"

    job = number(DATA.records(R.JOB)[0].id)
    retried = CandidateInput(
        first_name="Grace", last_name="Brewster Hopper", emails=(EmailAddress(email=email.upper()),)
    )
    applied = await simulated.create_application(ApplicationInput(job, candidate=retried), None)
    assert (applied.candidate_id, applied.job_id) == (made, job)
    assert await _holders(simulated, email) == [made]  # still one candidate
    (person,) = await simulated.get_many(R.CANDIDATE, [made])
    assert getattr(person, "last_name", None) == "Brewster Hopper"  # merged in, as DOCS says
    assert len(DATA.records(R.CANDIDATE)) == 30  # the shared dataset is untouched


async def test_without_merge_a_known_email_is_refused(simulated: TeamtailorAdapter) -> None:
    """``createCandidate`` sends no ``merge``: the simulator, like Teamtailor, keeps e-mails unique."""
    email = "ada@example.com"
    await simulated.create_candidate(
        CandidateInput(first_name="Ada", emails=(EmailAddress(email=email),)), None
    )
    with pytest.raises(ProviderRefusedInput) as info:
        await simulated.create_candidate(
            CandidateInput(first_name="A", emails=(EmailAddress(email=email),)), None
        )
    assert refused_field(TeamtailorAdapter, BY_MUTATION["createCandidate"], info.value) == "input.emails"
    assert len(await _holders(simulated, email)) == 1
