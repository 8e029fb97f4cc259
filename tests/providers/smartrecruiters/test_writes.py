"""SmartRecruiters writes against the fixtures. No request example exists for SmartRecruiters:
the request fixtures are SCHEMAS (``*.request.schema.json``, swagger models of the 2017 Customer
API client, snake_case names whose wire form is camelCase), so each golden body below is built
from its schema: every key is one of the schema's properties, every required property is
present, and the whole body is compared with the literal that says what the input says.

The answers (``POST_candidates.json``, ``PATCH_candidates_{id}.json``) are Swagger-UI
placeholders (``"string"``, ``0``): only their shape and their few real values (``"First"``,
``"Updated"``, ``LEAD``) are asserted. Every request the adapter makes is listed."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any, Final

import httpx
import pytest
import respx

from providers.base import Connection
from providers.errors import WriteOutcomeUnknown, WriteRefused
from providers.records import ApplicationRecord, CandidateRecord, EmailAddress, PhoneNumber, Url
from providers.smartrecruiters.adapter import SmartRecruitersAdapter
from providers.writes import (
    ApplicationInput,
    CandidateInput,
    CandidateUpdate,
    Rejection,
    StageMove,
    TagChange,
)
from tests.shared import load_fixture

pytestmark = pytest.mark.shared

BASE = "https://api.smartrecruiters.com"
KEY = "sr-write-key"
PERSONAL_DETAILS: Final = (
    "https://github.com/roksela/smartrecruiters-python-client/blob/master/docs/PersonalDetails.md"
)
"""``PATCH /candidates/{id}`` takes ``PersonalDetails`` (the fixtures' source client; no schema
fixture): ``firstName``, ``lastName``, ``email``, ``phoneNumber``, ``location``, ``web``."""
STATUS_ANSWER: Final = "https://developers.smartrecruiters.com/reference/candidatesstatusupdateprimary-1"
"""A status change answers 204, with no body."""
ADD_TO_JOB: Final = (
    "https://github.com/roksela/smartrecruiters-python-client/blob/master/docs/CandidatesApi.md"
)
"""``POST /jobs/{jobId}/candidates`` takes ``CandidateInput`` and answers ``CandidateDetails``,
as ``POST /candidates`` does (so ``POST_candidates.json`` is its answer's shape); tags: ``POST``
adds, ``PUT`` replaces, both answer ``CandidateTags``."""


def fx(name: str) -> Any:
    return load_fixture("smartrecruiters", name)


def wire_names(schema_name: str) -> tuple[set[str], set[str]]:
    """A request schema's properties and required ones, in their camelCase wire form."""
    schema = fx(schema_name)

    def camel(name: str) -> str:
        head, *rest = name.split("_")
        return head + "".join(p.title() for p in rest)

    return {camel(n) for n in schema["properties"]}, {camel(n) for n in schema["required"]}


def assert_built_from(schema_name: str, body: dict[str, Any]) -> None:
    properties, required = wire_names(schema_name)
    assert set(body) <= properties
    assert required <= set(body)


@pytest.fixture
async def adapter() -> AsyncIterator[SmartRecruitersAdapter]:
    connection = Connection(name="sr", provider="smartrecruiters", credentials={"api_key": KEY})
    async with httpx.AsyncClient() as http:
        yield SmartRecruitersAdapter(connection, http)


def sent(router: respx.MockRouter) -> list[tuple[str, str]]:
    return [(c.request.method, c.request.url.path) for c in router.calls]


def body_of(router: respx.MockRouter, method: str) -> Any:
    """The one ``method`` request's body, after checking the headers every write sends."""
    (request,) = [c.request for c in router.calls if c.request.method == method]
    assert request.headers["X-SmartToken"] == KEY
    assert request.headers["Content-Type"] == "application/json"
    return json.loads(request.content)


def person(tags: list[str], status: str = "INTERVIEW", sub: str | None = "Onsite") -> dict[str, Any]:
    """A candidate's detail, shaped as ``GET_candidates_{id}.json`` (values made readable)."""
    assignment: dict[str, Any] = {"job": {"id": "j1", "title": "Job"}, "status": status, "subStatus": sub}
    if status == "REJECTED":
        assignment["reasonOfRejection"] = {"id": "r1", "label": "Not a fit"}
    return {"id": "c1", "firstName": "Ada", "tags": tags, "primaryAssignment": assignment}


ADA: Final = CandidateInput(
    first_name="Ada",
    last_name="Lovelace",
    emails=(EmailAddress(email="ada@example.com"),),
    phones=(PhoneNumber(number="+44 20 7946 0000"),),
    urls=(Url(url="https://www.linkedin.com/in/ada", type="linkedin"), Url(url="https://ada.dev")),
    tags=("math", "math", "python"),
)
ADA_BODY: Final = {
    "firstName": "Ada",
    "lastName": "Lovelace",
    "email": "ada@example.com",
    "phoneNumber": "+44 20 7946 0000",
    "web": {"linkedin": "https://www.linkedin.com/in/ada", "website": "https://ada.dev"},
    "tags": ["math", "python"],
}


async def test_create_candidate_sends_a_body_built_from_the_candidate_input_schema(
    adapter: SmartRecruitersAdapter,
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/candidates").respond(201, json=fx("POST_candidates.json"))
        record = await adapter.create_candidate(ADA, None)
        assert sent(router) == [("POST", "/candidates")]
        body = body_of(router, "POST")
    assert_built_from("POST_candidates.request.schema.json", body)
    assert body == ADA_BODY
    # the answer is Swagger placeholders: "string" ids, the one real name "First"
    assert isinstance(record, CandidateRecord)
    assert (record.id, record.first_name, record.tag_ids) == ("string", "First", ("string",))
    assert record.application_ids == ("string:string", "string:string")


async def test_update_candidate_sends_personal_details(adapter: SmartRecruitersAdapter) -> None:
    """Docs-only shape: ``PersonalDetails`` (see ``PERSONAL_DETAILS``)."""
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.patch("/candidates/c1").respond(200, json=fx("PATCH_candidates_{id}.json"))
        given = CandidateUpdate("c1", first_name="Updated", phones=(PhoneNumber(number="0700"),))
        record = await adapter.update_candidate(given, None)
        assert sent(router) == [("PATCH", "/candidates/c1")]
        assert body_of(router, "PATCH") == {"firstName": "Updated", "phoneNumber": "0700"}
    assert record.first_name == "Updated"  # the fixture's one real value


@pytest.mark.parametrize(
    ("given", "field"),
    [
        (CandidateUpdate("c1", emails=()), "input.emails"),
        (CandidateUpdate("c1", urls=()), "input.urls"),
        (
            CandidateUpdate("c1", emails=(EmailAddress(email="a@x.org"), EmailAddress(email="b@x.org"))),
            "input.emails",
        ),
        (CandidateUpdate("c1", urls=(Url(url="https://a.org"), Url(url="https://b.org"))), "input.urls"),
        (CandidateUpdate("../c1", first_name="A"), "input.id"),
    ],
)
async def test_an_update_smartrecruiters_cannot_say_is_refused_before_any_call(
    adapter: SmartRecruitersAdapter, given: CandidateUpdate, field: str
) -> None:
    with respx.mock(base_url=BASE) as router:
        with pytest.raises(WriteRefused) as info:
            await adapter.update_candidate(given, None)
        assert router.calls.call_count == 0
    assert info.value.field == field


async def test_create_application_creates_the_candidate_for_the_job(adapter: SmartRecruitersAdapter) -> None:
    """``POST /jobs/{jobId}/candidates`` (see ``ADD_TO_JOB``); the answer's assignments carry the
    job, here the placeholder ``"string"``."""
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/jobs/string/candidates").respond(201, json=fx("POST_candidates.json"))
        record = await adapter.create_application(ApplicationInput("string", candidate=ADA), None)
        assert sent(router) == [("POST", "/jobs/string/candidates")]
        body = body_of(router, "POST")
    assert_built_from("POST_candidates.request.schema.json", body)
    assert body == ADA_BODY
    assert isinstance(record, ApplicationRecord)
    assert (record.id, record.candidate_id, record.job_id) == ("string:string", "string", "string")
    assert record.current_stage_id == "LEAD:string"  # status LEAD is the fixture's real value


async def test_create_application_reads_the_candidate_when_the_answer_lacks_the_job(
    adapter: SmartRecruitersAdapter,
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/jobs/j1/candidates").respond(201, json={"id": "c1", "firstName": "Ada"})
        router.get("/candidates/c1").respond(200, json=person([], status="NEW", sub=None))
        record = await adapter.create_application(ApplicationInput("j1", candidate=ADA), None)
        assert sent(router) == [("POST", "/jobs/j1/candidates"), ("GET", "/candidates/c1")]
    assert (record.id, record.current_stage_id) == ("c1:j1", "NEW")


async def test_move_puts_the_status_then_reads_the_application(adapter: SmartRecruitersAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.put("/candidates/c1/jobs/j1/status").respond(204)  # STATUS_ANSWER
        router.get("/candidates/c1").respond(200, json=person([]))
        record = await adapter.move_application_stage(StageMove("c1:j1", "INTERVIEW:Onsite"), None)
        assert sent(router) == [("PUT", "/candidates/c1/jobs/j1/status"), ("GET", "/candidates/c1")]
        body = body_of(router, "PUT")
    assert_built_from("PUT_candidates_{id}_jobs_{jobId}_status.request.schema.json", body)
    assert body == {"status": "INTERVIEW", "subStatus": "Onsite"}
    assert (record.id, record.current_stage_id) == ("c1:j1", "INTERVIEW:Onsite")


async def test_a_status_without_sub_status_sends_the_status_alone(adapter: SmartRecruitersAdapter) -> None:
    with respx.mock(base_url=BASE) as router:
        router.put("/candidates/c1/jobs/j1/status").respond(204)
        router.get("/candidates/c1").respond(200, json=person([], status="OFFERED", sub=None))
        await adapter.move_application_stage(StageMove("c1:j1", "OFFERED"), None)
        assert body_of(router, "PUT") == {"status": "OFFERED"}


@pytest.mark.parametrize(
    ("move", "field"),
    [
        (StageMove("c1", "INTERVIEW"), "input.applicationId"),
        (StageMove("c1:j1", "Phone screen"), "input.stageId"),
        (StageMove("c1:j1", ":Onsite"), "input.stageId"),
    ],
)
async def test_a_move_smartrecruiters_cannot_say_is_refused_before_any_call(
    adapter: SmartRecruitersAdapter, move: StageMove, field: str
) -> None:
    with respx.mock(base_url=BASE) as router:
        with pytest.raises(WriteRefused) as info:
            await adapter.move_application_stage(move, None)
        assert router.calls.call_count == 0
    assert info.value.field == field


async def test_reject_puts_the_rejected_status_with_its_reason(adapter: SmartRecruitersAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.put("/candidates/c1/jobs/j1/status").respond(204)
        router.get("/candidates/c1").respond(200, json=person([], status="REJECTED", sub=None))
        record = await adapter.reject_application(Rejection("c1:j1", reject_reason_id="r1"), None)
        assert len(router.calls) == 2
        body = body_of(router, "PUT")
    assert_built_from("PUT_candidates_{id}_jobs_{jobId}_status.request.schema.json", body)
    assert body == {"status": "REJECTED", "reason": "r1"}
    assert (record.current_stage_id, record.reject_reason_id) == ("REJECTED", "r1")


async def test_a_status_change_whose_application_is_gone_is_an_unknown_outcome(
    adapter: SmartRecruitersAdapter,
) -> None:
    """The PUT answered 204, but the candidate's detail no longer shows the job: the client
    must check, not write again blindly."""
    with respx.mock(base_url=BASE) as router:
        router.put("/candidates/c1/jobs/j9/status").respond(204)
        router.get("/candidates/c1").respond(200, json=person([]))
        with pytest.raises(WriteOutcomeUnknown) as info:
            await adapter.reject_application(Rejection("c1:j9"), None)
    assert "accepted" in info.value.message


async def test_add_tags_reads_the_candidate_then_posts_the_new_names(adapter: SmartRecruitersAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get("/candidates/c1").respond(200, json=person(["java"]))
        router.post("/candidates/c1/tags").respond(200, json={"tags": ["java", "python"]})
        record = await adapter.add_candidate_tags(TagChange("c1", ("python", "python")), None)
        assert sent(router) == [("GET", "/candidates/c1"), ("POST", "/candidates/c1/tags")]
        body = body_of(router, "POST")
    assert_built_from("GET_candidates_{id}_tags.schema.json", body)
    assert body == {"tags": ["python"]}
    assert record.tag_ids == ("java", "python")  # as the answer says
    assert [t.id for t in record.embedded] == ["java", "python"]


async def test_remove_tags_puts_the_remaining_list(adapter: SmartRecruitersAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get("/candidates/c1").respond(200, json=person(["Java", "python"]))
        router.put("/candidates/c1/tags").respond(200, json={"tags": ["python"]})
        record = await adapter.remove_candidate_tags(TagChange("c1", ("java",)), None)
        assert sent(router) == [("GET", "/candidates/c1"), ("PUT", "/candidates/c1/tags")]
        body = body_of(router, "PUT")
    assert_built_from("GET_candidates_{id}_tags.schema.json", body)
    assert body == {"tags": ["python"]}
    assert record.tag_ids == ("python",)


async def test_a_tags_answer_without_tags_is_computed_as_documented(adapter: SmartRecruitersAdapter) -> None:
    """``POST`` adds without replacing (``ADD_TO_JOB``): an empty answer leaves the sum."""
    with respx.mock(base_url=BASE) as router:
        router.get("/candidates/c1").respond(200, json=person(["java"]))
        router.post("/candidates/c1/tags").respond(204)
        record = await adapter.add_candidate_tags(TagChange("c1", ("JAVA", "go")), None)
    assert record.tag_ids == ("java", "go")


async def test_tags_of_an_unknown_candidate_are_refused_without_a_write(
    adapter: SmartRecruitersAdapter,
) -> None:
    with respx.mock(base_url=BASE) as router:
        router.get("/candidates/c9").respond(404, json={"message": "Not found"})
        with pytest.raises(WriteRefused) as info:
            await adapter.add_candidate_tags(TagChange("c9", ("go",)), None)
        assert sent(router) == [("GET", "/candidates/c9")]
    assert info.value.field == "input.candidateId"
