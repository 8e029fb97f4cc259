"""Pinpoint's writes against a mocked Pinpoint: the bodies built from the official OpenAPI's
request examples (``POST_api_v1_applications.request.json``,
``PUT_api_v1_applications_{id}.request.json``, its stage moved to ``relationships.stage`` as
the fixtures' README says), the answer read as the application, and every upstream failure as
one attempt, never retried."""

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
from providers.errors import ProviderError, ProviderRefusedInput, WriteOutcomeUnknown, WriteRefused
from providers.pinpoint.adapter import PinpointAdapter
from providers.records import ApplicationRecord, EmailAddress, PhoneNumber, Url
from providers.writes import ApplicationInput, CandidateInput, StageMove
from providers.writes.operations import BY_MUTATION, input_fields, offered, required_fields
from resolvers.writes.path import maybe_sent
from resolvers.writes.validation import refused_field
from tests.shared import load_fixture

P = "pinpoint"
BASE = "https://acme.pinpointhq.com/api/v1"
DETAIL: Final = "GET_api_v1_applications_{id}.data-only.json"
JOE: Final = "joe.bloggs@pinpoint.dev"


@pytest.fixture
async def adapter() -> AsyncIterator[PinpointAdapter]:
    connection = Connection("pp", P, credentials={"api_key": "k"}, options={"subdomain": "acme"})
    async with httpx.AsyncClient() as http:
        yield PinpointAdapter(connection, http)


def sent(route: respx.Route) -> Any:
    return json.loads(route.calls.last.request.content)


def application(**changes: Any) -> dict[str, Any]:
    """The official single-application example's ``data`` (its answers to the writes were not
    captured: JSON:API answers with the resource), with ``changes`` to its attributes."""
    data = copy.deepcopy(load_fixture(P, DETAIL)["data"])
    data["attributes"].update(changes)
    return data


def people_route(router: respx.MockRouter) -> respx.Route:
    """The applications list the people table is read from: one person, Joe Bloggs."""
    return router.get("/applications").respond(200, json={"data": [application()], "meta": {}})


async def test_create_application_sends_the_example_body_with_the_persons_fields(
    adapter: PinpointAdapter,
) -> None:
    example = load_fixture(P, "POST_api_v1_applications.request.json")["data"]
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        read = people_route(router)
        answer = {**application(job_id="77", stage_id="78"), "id": "1000099"}
        write = router.post("/applications").respond(201, json={"data": answer, "meta": {}})
        found = await adapter.create_application(ApplicationInput("77", candidate_id=JOE), None)
    person = {"first_name": "Joe", "last_name": "Bloggs", "email": JOE, "phone": "+447797000000"}
    assert set(person) <= set(example["attributes"])  # the example's names, the person's values
    assert sent(write) == {
        "data": {
            "type": example["type"],
            "attributes": person,
            "relationships": {"job": {"data": {**example["relationships"]["job"]["data"], "id": "77"}}},
        }
    }
    assert write.calls.last.request.headers["Content-Type"] == "application/vnd.api+json"
    assert isinstance(found, ApplicationRecord)
    assert (found.id, found.candidate_id, found.job_id, found.current_stage_id) == (
        "1000099",
        JOE,
        "77",
        "78",
    )
    assert (read.call_count, write.call_count) == (1, 1)
    # the kept people table has the new application: the candidate reads it with no call
    with respx.mock(base_url=BASE) as router:
        (joe,) = await adapter.get_candidates([JOE])
        assert not router.calls
    assert joe is not None
    assert joe.application_ids == ("1000050", "1000099")


async def test_a_new_candidate_given_inline_is_made_with_the_application_in_one_request(
    adapter: PinpointAdapter,
) -> None:
    example = load_fixture(P, "POST_api_v1_applications.request.json")["data"]
    given = CandidateInput(
        first_name="Ada",
        last_name="Lovelace",
        emails=(EmailAddress(email="ada@example.com"),),
        phones=(PhoneNumber(number="+441234"),),
        urls=(Url(url="https://linkedin.com/in/ada", type="linkedin"),),
    )
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        answer = {**application(job_id="77", stage_id="78"), "id": "1000100"}
        answer["attributes"] = {**answer["attributes"], "email": "ada@example.com"}
        write = router.post("/applications").respond(201, json={"data": answer, "meta": {}})
        found = await adapter.create_application(ApplicationInput("77", candidate=given), None)
    attributes = sent(write)["data"]["attributes"]
    assert set(attributes) <= set(example["attributes"])  # the example's names, the input's values
    assert attributes == {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "ada@example.com",
        "phone": "+441234",
        "linkedin_url": "https://linkedin.com/in/ada",
    }
    assert write.call_count == 1  # no read: the person is made with the application
    assert (found.id, found.candidate_id) == ("1000100", "ada@example.com")


async def test_an_unknown_candidate_is_refused_before_writing(adapter: PinpointAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        people_route(router)
        with pytest.raises(WriteRefused) as info:
            await adapter.create_application(ApplicationInput("77", candidate_id="ann@example.com"), None)
        assert [c.request.method for c in router.calls] == ["GET"]
    assert info.value.field == "input.candidateId"


async def test_a_move_puts_the_stage_relationship(adapter: PinpointAdapter) -> None:
    example = load_fixture(P, "PUT_api_v1_applications_{id}.request.json")["data"]
    # the example's linkage is a ``stages`` one under ``job``: the schema's ``stage`` is sent
    linkage = example["relationships"]["job"]["data"]
    assert linkage["type"] == "stages"
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        answer = {**application(stage_id="2"), "id": "1000050"}
        write = router.put("/applications/1000050").respond(200, json={"data": answer})
        found = await adapter.move_application_stage(StageMove("1000050", "2"), None)
        assert len(router.calls) == 1
    assert sent(write) == {
        "data": {
            "id": "1000050",
            "type": example["type"],
            "relationships": {"stage": {"data": {**linkage, "id": "2"}}},
        }
    }
    assert (found.id, found.current_stage_id) == ("1000050", "2")


async def test_a_move_updates_the_kept_people_table(adapter: PinpointAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        people_route(router)
        await adapter.get_candidates([JOE])  # kept from here
        answer = {**application(stage_id="2"), "id": "1000050"}
        router.put("/applications/1000050").respond(200, json={"data": answer})
        await adapter.move_application_stage(StageMove("1000050", "2"), None)
        (joe,) = await adapter.get_candidates([JOE])
        assert len(router.calls) == 2  # the one read, the one write
    assert joe is not None
    assert [(a.id, getattr(a, "current_stage_id", None)) for a in joe.embedded] == [("1000050", "2")]


async def test_an_unreadable_answer_is_an_unknown_outcome(adapter: PinpointAdapter) -> None:
    with respx.mock(base_url=BASE) as router:
        router.put("/applications/5").respond(200, json={"meta": {}})
        with pytest.raises(WriteOutcomeUnknown) as info:
            await adapter.move_application_stage(StageMove("5", "2"), None)
    assert provider_error_code(info.value) is ErrorCode.WRITE_OUTCOME_UNKNOWN
    assert "accepted the stage move" in info.value.message


async def test_a_bad_application_id_is_refused_before_any_call(adapter: PinpointAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_mocked=False) as router:
        with pytest.raises(WriteRefused):
            await adapter.move_application_stage(StageMove("../users", "2"), None)
        assert not router.calls  # (inside: respx forgets its calls on leaving)


@pytest.mark.parametrize(
    ("pointer", "field"), [("/data/relationships/stage", "input.stageId"), ("/data", "")]
)
async def test_a_refusal_names_the_input_field(adapter: PinpointAdapter, pointer: str, field: str) -> None:
    body = {"errors": [{"status": "422", "detail": "is invalid", "source": {"pointer": pointer}}]}
    with respx.mock(base_url=BASE) as router:
        router.put("/applications/5").respond(422, json=body)
        with pytest.raises(ProviderRefusedInput) as info:
            await adapter.move_application_stage(StageMove("5", "2"), None)
    assert info.value.reasons[0].message == "is invalid"
    assert refused_field(PinpointAdapter, BY_MUTATION["moveApplicationStage"], info.value) == field


def test_pinpoint_offers_no_write_whose_audit_target_is_a_candidate() -> None:
    """A candidate's id is its e-mail address, and the audit line names a write's target."""
    assert {op.mutation for op in offered(PinpointAdapter)} == {"createApplication", "moveApplicationStage"}
    assert all(BY_MUTATION[op.mutation].target in (None, "applicationId") for op in offered(PinpointAdapter))
    create = BY_MUTATION["createApplication"]
    assert input_fields(PinpointAdapter, create) == (
        "jobId",
        "candidateId",
        "candidate",
        "onDuplicateCandidate",
    )
    assert required_fields(PinpointAdapter, create) == ("jobId",)
    assert not PinpointAdapter.actor_required


WRITES: Final[list[tuple[str, str, str, Callable[[PinpointAdapter], Awaitable[Any]], bool]]] = [
    (
        "createApplication",
        "POST",
        "/applications",
        lambda a: a.create_application(ApplicationInput("77", candidate_id=JOE), None),
        True,  # the people table is read first
    ),
    (
        "moveApplicationStage",
        "PUT",
        "/applications/5",
        lambda a: a.move_application_stage(StageMove("5", "2"), None),
        False,
    ),
]


def _err(status: int, message: str) -> httpx.Response:
    return httpx.Response(status, json={"errors": [{"status": str(status), "detail": message}]})


FAILURES: Final[list[tuple[str, Any, ErrorCode, bool]]] = [
    # the official spec defines these statuses for every operation; its error body is JSON:API's
    ("401", _err(401, "Unauthorized"), ErrorCode.UPSTREAM_AUTH_FAILED, False),
    ("403", _err(403, "Forbidden"), ErrorCode.UPSTREAM_AUTH_FAILED, False),
    ("404", _err(404, "Not found"), ErrorCode.NOT_FOUND, False),
    ("422", _err(422, "Invalid"), ErrorCode.BAD_USER_INPUT, False),
    ("429", _err(429, "Too many requests"), ErrorCode.UPSTREAM_RATE_LIMITED, False),
    ("500", _err(500, "Internal error"), ErrorCode.UPSTREAM_UNAVAILABLE, False),
    ("503", httpx.Response(503, text="down"), ErrorCode.UPSTREAM_UNAVAILABLE, False),
    ("timeout after sending", httpx.ReadTimeout("read timed out"), ErrorCode.UPSTREAM_TIMEOUT, True),
    ("dropped mid-exchange", httpx.RemoteProtocolError("peer closed"), ErrorCode.UPSTREAM_UNAVAILABLE, True),
    ("connection refused", httpx.ConnectError("refused"), ErrorCode.UPSTREAM_UNAVAILABLE, False),
]


@pytest.mark.parametrize("write", WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("failure", FAILURES, ids=[f[0] for f in FAILURES])
async def test_a_failed_write_is_one_attempt(
    adapter: PinpointAdapter,
    write: tuple[str, str, str, Callable[[PinpointAdapter], Awaitable[Any]], bool],
    failure: tuple[str, Any, ErrorCode, bool],
) -> None:
    _, method, path, call, reads_first = write
    _, answer, code, unknown = failure
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        if reads_first:
            people_route(router)
        route = router.route(method=method, path=path)
        if isinstance(answer, Exception):
            route.side_effect = answer
        else:
            route.return_value = answer
        with pytest.raises(ProviderError) as info:
            await call(adapter)
        assert route.call_count == 1  # never retried, not even a 5xx or a 429
        assert len(router.calls) == 1 + reads_first  # nothing after a failed write
    assert provider_error_code(info.value) is code
    assert maybe_sent(info.value) is unknown
