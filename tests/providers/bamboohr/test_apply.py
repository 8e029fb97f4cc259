"""BambooHR's ``createApplication`` with a new candidate, against a mocked BambooHR: the body is
Nango's recorded request (``recorded-nango/POST_applicant_tracking_application.create-applicant
.request.json``), the answer its recorded one, and the job's applications that same account's
recorded listing (``GET_applicant_tracking_applications.list-applicants.json``, in which the
new "Validation Run" of job 22 is application 61 of applicant 118). Every upstream failure of
the write is one attempt, and nothing is called after it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any, Final

import httpx
import pytest
import respx

from gateway.errors import ErrorCode, provider_error_code
from providers.bamboohr import BambooHRAdapter, apply
from providers.bamboohr import payloads as p
from providers.base import Connection
from providers.errors import ProviderError, WriteOutcomeUnknown, WriteRefused
from providers.records import ApplicationRecord, EmailAddress
from providers.writes import ApplicationInput, CandidateInput, OnDuplicate
from resolvers.writes.path import maybe_sent
from tests.shared import load_fixture

P = "bamboohr"
BASE: Final = "https://api.bamboohr.com/api/gateway.php/acme/v1"
APPLY: Final = f"{BASE}/applicant_tracking/application"
LISTING: Final = f"{BASE}/applicant_tracking/applications"
NANGO: Final = "recorded-nango/"
ADA: Final = CandidateInput(
    first_name="Validation",
    last_name="Run",
    emails=(
        EmailAddress(email="other@example.com"),
        EmailAddress(email="validation.run@example.com", is_primary=True),
    ),
)


@pytest.fixture
async def adapter() -> AsyncIterator[BambooHRAdapter]:
    connection = Connection("b", P, credentials={"api_key": "k"}, options={"company_domain": "acme"})
    async with httpx.AsyncClient() as http:
        yield BambooHRAdapter(connection, http)


def recorded_answer() -> Any:
    return load_fixture(P, NANGO + "POST_applicant_tracking_application.create-applicant.json")


def job_listing(job: int = 22) -> dict[str, Any]:
    """The recorded listing as BambooHR filters it by ``jobId``."""
    whole = load_fixture(P, NANGO + "GET_applicant_tracking_applications.list-applicants.json")
    return {**whole, "applications": [a for a in whole["applications"] if a["job"]["id"] == job]}


def listing_route(router: respx.MockRouter, answer: Any) -> respx.Route:
    return router.get(LISTING).mock(return_value=httpx.Response(200, json=answer))


async def test_the_body_is_the_recorded_request_and_the_answer_is_found_in_the_jobs_listing(
    adapter: BambooHRAdapter,
) -> None:
    recorded = load_fixture(P, NANGO + "POST_applicant_tracking_application.create-applicant.request.json")
    with respx.mock(assert_all_called=True) as router:
        write = router.post(APPLY).respond(json=recorded_answer())
        listed = listing_route(router, job_listing())
        made = await adapter.create_application(ApplicationInput("22", candidate=ADA), None)
    assert json.loads(write.calls.last.request.content) == recorded
    assert list(json.loads(write.calls.last.request.content)) == list(recorded)  # same order
    assert (write.call_count, listed.call_count) == (1, 1)
    params = listed.calls.last.request.url.params
    assert (params["jobId"], params["page"], params["applicationStatus"]) == ("22", "1", "ALL")
    assert isinstance(made, ApplicationRecord)
    # the answer's 61 is the application (of applicant 118), not applicant 60's earlier one
    assert (made.id, made.candidate_id, made.job_id) == ("61", "118", "22")


async def test_an_answer_naming_the_applicant_finds_its_application_too(adapter: BambooHRAdapter) -> None:
    with respx.mock(assert_all_called=True) as router:
        router.post(APPLY).respond(json={"result": "success", "candidateId": 117})
        listing_route(router, job_listing())
        made = await adapter.create_application(ApplicationInput("22", candidate=ADA), None)
    assert (made.id, made.candidate_id) == ("60", "117")


async def test_the_new_applicant_joins_the_kept_candidates(adapter: BambooHRAdapter) -> None:
    before = job_listing()
    before["applications"] = [a for a in before["applications"] if a["id"] != 61]
    with respx.mock(assert_all_called=True) as router:
        route = router.get(LISTING)
        route.side_effect = [httpx.Response(200, json=before), httpx.Response(200, json=job_listing())]
        assert await adapter.get_candidates(["118"]) == [None]  # kept from here
        router.post(APPLY).respond(json=recorded_answer())
        await adapter.create_application(ApplicationInput("22", candidate=ADA), None)
        assert route.call_count == 2  # the kept listing, then the job's, read afresh
        (found,) = await adapter.get_candidates(["118"])
        assert route.call_count == 2  # from the kept table
    assert found is not None
    assert (found.first_name, found.application_ids) == ("Validation", ("61",))


@pytest.mark.parametrize(
    ("answer", "listing"),
    [
        ({"result": "success"}, None),  # no number
        ({"result": "error", "candidateId": 61}, None),
        (httpx.Response(200, text="<ok/>"), None),  # not JSON
        ({"result": "success", "candidateId": 999}, "recorded"),  # not in the job's listing
        ({"result": "success", "candidateId": 61}, httpx.Response(503)),  # listing failed
    ],
    ids=["no-id", "not-success", "not-json", "not-listed", "listing-failed"],
)
async def test_an_accepted_write_whose_application_cannot_be_read_is_an_unknown_outcome(
    adapter: BambooHRAdapter, answer: Any, listing: Any
) -> None:
    with respx.mock(assert_all_called=True) as router:
        write = router.post(APPLY).mock(
            return_value=answer if isinstance(answer, httpx.Response) else httpx.Response(200, json=answer)
        )
        if listing == "recorded":  # read in the test: collection never reads ../shared
            listing = job_listing()
        if listing is not None:
            router.get(LISTING).mock(
                return_value=listing
                if isinstance(listing, httpx.Response)
                else httpx.Response(200, json=listing)
            )
        with pytest.raises(WriteOutcomeUnknown, match="BambooHR accepted the application") as info:
            await adapter.create_application(ApplicationInput("22", candidate=ADA), None)
    assert write.call_count == 1
    assert maybe_sent(info.value)
    assert "validation.run" not in str(info.value)  # the message names no e-mail


def test_a_different_person_with_the_number_is_not_taken() -> None:
    listing = [p.Application.model_validate(a) for a in job_listing()["applications"]]
    sent = apply.body(22, CandidateInput(first_name="Someone", last_name="Else"))
    assert apply.pick(listing, "61", sent) is None
    assert apply.pick(listing, "61", apply.body(22, ADA)) is listing[0]


FAILURES: Final[list[tuple[str, Any, ErrorCode, bool]]] = [
    # status-code driven, no JSON error body captured (fixtures README, "Error shape")
    ("400", httpx.Response(400), ErrorCode.BAD_USER_INPUT, False),
    ("401", httpx.Response(401), ErrorCode.UPSTREAM_AUTH_FAILED, False),
    ("403", httpx.Response(403), ErrorCode.UPSTREAM_AUTH_FAILED, False),
    ("404", httpx.Response(404), ErrorCode.NOT_FOUND, False),
    ("409", httpx.Response(409), ErrorCode.BAD_USER_INPUT, False),
    ("429", httpx.Response(429), ErrorCode.UPSTREAM_RATE_LIMITED, False),
    ("500", httpx.Response(500), ErrorCode.UPSTREAM_UNAVAILABLE, False),
    ("503", httpx.Response(503, text="down"), ErrorCode.UPSTREAM_UNAVAILABLE, False),
    ("timeout after sending", httpx.ReadTimeout("read timed out"), ErrorCode.UPSTREAM_TIMEOUT, True),
    ("dropped mid-exchange", httpx.RemoteProtocolError("peer closed"), ErrorCode.UPSTREAM_UNAVAILABLE, True),
    ("connection refused", httpx.ConnectError("refused"), ErrorCode.UPSTREAM_UNAVAILABLE, False),
]


@pytest.mark.parametrize("failure", FAILURES, ids=[f[0] for f in FAILURES])
async def test_a_failed_write_is_one_attempt(
    adapter: BambooHRAdapter, failure: tuple[str, Any, ErrorCode, bool]
) -> None:
    _, answer, code, unknown = failure
    with respx.mock(assert_all_called=True) as router:
        route = router.post(APPLY)
        if isinstance(answer, Exception):
            route.side_effect = answer
        else:
            route.return_value = answer
        with pytest.raises(ProviderError) as info:
            await adapter.create_application(ApplicationInput("22", candidate=ADA), None)
        assert route.call_count == 1  # never retried, not even a 5xx or a 429
        assert len(router.calls) == 1  # nothing read after a failed write
    assert provider_error_code(info.value) is code
    assert maybe_sent(info.value) is unknown


@pytest.mark.parametrize(
    ("given", "field"),
    [
        # what onDuplicateCandidate REUSE yields when the e-mail is known: BambooHR cannot
        (
            ApplicationInput("22", candidate_id="118", on_duplicate=OnDuplicate.REUSE),
            "input.onDuplicateCandidate",
        ),
        (ApplicationInput("job_1", candidate=ADA), "input.jobId"),
    ],
    ids=["existing-candidate", "bad-job-id"],
)
async def test_a_refusal_comes_before_any_call(
    adapter: BambooHRAdapter, given: ApplicationInput, field: str
) -> None:
    with respx.mock(assert_all_mocked=True) as router:
        with pytest.raises(WriteRefused) as info:
            await adapter.create_application(given, None)
        assert not router.calls
    assert info.value.field == field
    assert provider_error_code(info.value) is ErrorCode.BAD_USER_INPUT
    if field == "input.onDuplicateCandidate":
        assert "new applicant with each application" in info.value.message
        assert "CREATE" in info.value.message
