"""Teamtailor writes against the documentation's examples: each mutation sends the documented
request body (``*.request.json``) for the neutral input that says the same thing, with the
JSON:API headers, and the documented answer maps into the returned record. Every request the
adapter makes is listed (the write is one; tags read the candidate first)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import respx

from providers.base import Connection
from providers.errors import WriteRefused
from providers.records import (
    ActivityRecord,
    ActivityType,
    ApplicationRecord,
    AttachmentRecord,
    CandidateRecord,
    EmailAddress,
    PhoneNumber,
)
from providers.teamtailor.adapter import INCLUDE, TeamtailorAdapter
from providers.writes import (
    Actor,
    ApplicationInput,
    ApplicationRef,
    AttachmentInput,
    CandidateInput,
    CandidateUpdate,
    NoteInput,
    Rejection,
    StageMove,
    TagChange,
)
from tests.shared import load_fixture

pytestmark = pytest.mark.shared

BASE = "https://api.teamtailor.com/v1"
KEY = "tt-write-key"
JSONAPI_SPEC = "https://jsonapi.org/format/#crud-updating-to-one-relationships"


def fx(name: str) -> Any:
    return load_fixture("teamtailor", name)


@pytest.fixture
async def adapter() -> AsyncIterator[TeamtailorAdapter]:
    connection = Connection(name="tt", provider="teamtailor", credentials={"api_key": KEY})
    async with httpx.AsyncClient() as http:
        yield TeamtailorAdapter(connection, http)


def sent(router: respx.MockRouter) -> list[tuple[str, str]]:
    return [(c.request.method, c.request.url.path.removeprefix("/v1")) for c in router.calls]


def body_of(router: respx.MockRouter, method: str) -> Any:
    """The one ``method`` request's body, after checking the headers every write sends."""
    (request,) = [c.request for c in router.calls if c.request.method == method]
    assert request.headers["Authorization"] == f"Token token={KEY}"
    assert request.headers["X-Api-Version"] == "20161108"
    assert request.headers["Content-Type"] == "application/vnd.api+json"
    assert request.headers["Accept"] == "application/vnd.api+json"
    return json.loads(request.content)


def linked(answer: dict[str, Any], **links: tuple[str, str | None]) -> dict[str, Any]:
    """``answer`` with the linkage an ``include=`` brings (the docs' answers show links only)."""
    out = json.loads(json.dumps(answer))
    for name, (kind, i) in links.items():
        out["data"]["relationships"][name]["data"] = None if i is None else {"type": kind, "id": i}
    return dict(out)


async def test_create_candidate_sends_the_documented_body(adapter: TeamtailorAdapter) -> None:
    recorded = fx("POST_candidates.request.json")["data"]["attributes"]
    given = CandidateInput(
        first_name=recorded["first-name"],
        last_name=recorded["last-name"],
        emails=(EmailAddress(email=recorded["email"]),),
    )
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/candidates").respond(201, json=fx("POST_candidates.json"))
        record = await adapter.create_candidate(given, None)
        assert sent(router) == [("POST", "/candidates")]
        # ``pitch`` has no unified field: everything else is the documented body
        expected = fx("POST_candidates.request.json")
        del expected["data"]["attributes"]["pitch"]
        assert body_of(router, "POST") == expected
        assert router.calls[0].request.url.params["include"] == INCLUDE["candidate"]
    assert isinstance(record, CandidateRecord)
    assert (record.id, record.name, record.tag_ids) == ("1337", "Jonas Brusman", ())
    assert record.emails == (EmailAddress(email="jonas@example.com", is_primary=True),)


async def test_create_candidate_sends_tags_phone_and_refuses_a_second_email(
    adapter: TeamtailorAdapter,
) -> None:
    given = CandidateInput(first_name="A", phones=(PhoneNumber(number="0700"),), tags=("vip", "vip", "x"))
    with respx.mock(base_url=BASE) as router:
        router.post("/candidates").respond(201, json=fx("POST_candidates.json"))
        await adapter.create_candidate(given, None)
        attributes = body_of(router, "POST")["data"]["attributes"]
        assert attributes == {"first-name": "A", "phone": "0700", "tags": ["vip", "x"]}
        two = (EmailAddress(email="a@example.com"), EmailAddress(email="b@example.com"))
        with pytest.raises(WriteRefused) as info:
            await adapter.create_candidate(CandidateInput(emails=two), None)
        assert len(router.calls) == 1  # refused before any call
    assert info.value.field == "input.emails"


async def test_update_candidate_sends_the_documented_patch(adapter: TeamtailorAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.patch("/candidates/1337").respond(200, json=fx("PATCH_candidates_{id}.json"))
        record = await adapter.update_candidate(CandidateUpdate("1337", first_name="David"), None)
        assert sent(router) == [("PATCH", "/candidates/1337")]
        assert body_of(router, "PATCH") == fx("PATCH_candidates_{id}.request.json")
    assert (record.id, record.first_name, record.last_name, record.phones) == (
        "1337",
        "David",
        "Doe",
        (PhoneNumber(number="0700000000"),),
    )


async def test_create_application_sends_the_documented_relationships(adapter: TeamtailorAdapter) -> None:
    answer = linked(
        fx("POST_job-applications.json"),
        candidate=("candidates", "1337"),
        job=("jobs", "12345"),
        stage=("stages", "7"),
        **{"reject-reason": ("reject-reasons", None)},
    )
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/job-applications").respond(201, json=answer)
        record = await adapter.create_application(ApplicationInput("12345", candidate_id="1337"), None)
        assert sent(router) == [("POST", "/job-applications")]
        body = body_of(router, "POST")
        expected = fx("POST_job-applications.request.json")
        # the cover letter and the notification switch have no unified input; ``sourced`` is sent
        for name in ("cover-letter", "send-user-notifications"):
            del expected["data"]["attributes"][name]
        assert body == expected
        assert router.calls[0].request.url.params["include"] == INCLUDE["application"]
    assert isinstance(record, ApplicationRecord)
    assert (record.id, record.candidate_id, record.job_id, record.current_stage_id) == (
        "1337",
        "1337",
        "12345",
        "7",
    )
    assert record.rejected_at is None


async def test_an_answer_without_linkage_is_completed_by_one_read(adapter: TeamtailorAdapter) -> None:
    """Teamtailor may ignore ``include=`` on a write: the application is then read once."""
    again = {
        "data": linked(
            fx("POST_job-applications.json"), job=("jobs", "12345"), candidate=("candidates", "9")
        )["data"]
    }
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/job-applications").respond(201, json=fx("POST_job-applications.json"))
        router.get("/job-applications/1337").respond(200, json=again)
        record = await adapter.create_application(ApplicationInput("12345", candidate_id="9"), None)
        assert sent(router) == [("POST", "/job-applications"), ("GET", "/job-applications/1337")]
    assert (record.job_id, record.candidate_id) == ("12345", "9")


async def test_move_patches_the_stage_relationship(adapter: TeamtailorAdapter) -> None:
    # the documented PATCH envelope, the relationship in JSON:API's to-one form (JSONAPI_SPEC):
    # the documentation shows no stage move
    answer = linked(fx("PATCH_job-applications_{id}.json"), job=("jobs", "1"), stage=("stages", "42"))
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.patch("/job-applications/1337").respond(200, json=answer)
        record = await adapter.move_application_stage(StageMove("1337", "42"), None)
        assert sent(router) == [("PATCH", "/job-applications/1337")]
        body = body_of(router, "PATCH")
    documented = fx("PATCH_job-applications_{id}.request.json")["data"]
    assert {k: body["data"][k] for k in ("id", "type")} == {k: documented[k] for k in ("id", "type")}
    assert body["data"]["relationships"] == {"stage": {"data": {"id": "42", "type": "stages"}}}
    assert "attributes" not in body["data"]
    assert record.current_stage_id == "42"


async def test_reject_sets_the_reason_and_the_time(
    adapter: TeamtailorAdapter, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    monkeypatch.setattr(adapter, "now", lambda: at)
    answer = linked(
        fx("PATCH_job-applications_{id}.json"),
        job=("jobs", "1"),
        **{"reject-reason": ("reject-reasons", "5")},
    )
    answer["data"]["attributes"]["rejected-at"] = "2026-03-01T10:30:00.000+01:00"
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.patch("/job-applications/1337").respond(200, json=answer)
        record = await adapter.reject_application(Rejection("1337", reject_reason_id="5"), None)
        body = body_of(router, "PATCH")["data"]
    assert body == {
        "id": "1337",
        "type": "job-applications",
        "attributes": {"rejected-at": "2026-03-01T09:30:00.000+00:00"},
        "relationships": {"reject-reason": {"data": {"id": "5", "type": "reject-reasons"}}},
    }
    assert (record.rejected_at, record.reject_reason_id) == (at, "5")


async def test_unreject_clears_both(adapter: TeamtailorAdapter) -> None:
    answer = linked(fx("PATCH_job-applications_{id}.json"), job=("jobs", "1"))
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.patch("/job-applications/1337").respond(200, json=answer)
        record = await adapter.unreject_application(ApplicationRef("1337"), None)
        body = body_of(router, "PATCH")["data"]
    assert body["attributes"] == {"rejected-at": None}
    assert body["relationships"] == {"reject-reason": {"data": None}}
    assert (record.rejected_at, record.reject_reason_id) == (None, None)


async def test_add_note_sends_the_documented_body_with_its_user(adapter: TeamtailorAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/notes").respond(201, json=fx("POST_notes.json"))
        record = await adapter.add_note(NoteInput("4", "new note for candidate"), Actor("2"))
        assert sent(router) == [("POST", "/notes")]
        assert body_of(router, "POST") == fx("POST_notes.request.json")
    assert isinstance(record, ActivityRecord)
    assert (record.id, record.candidate_id, record.actor_id, record.activity_type) == (
        "2",
        "4",
        "2",
        ActivityType.NOTE,
    )


async def test_a_note_without_an_actor_names_no_user(adapter: TeamtailorAdapter) -> None:
    with respx.mock(base_url=BASE) as router:
        router.post("/notes").respond(201, json=fx("POST_notes.json"))
        await adapter.add_note(NoteInput("4", "n"), None)
        assert set(body_of(router, "POST")["data"]["relationships"]) == {"candidate"}


async def test_upload_sends_the_documented_body(adapter: TeamtailorAdapter) -> None:
    recorded = fx("POST_uploads.request.json")["data"]
    given = AttachmentInput("12345", recorded["attributes"]["file-name"], url=recorded["attributes"]["url"])
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/uploads").respond(201, json=fx("POST_uploads.json"))
        record = await adapter.upload_attachment(given, None)
        assert body_of(router, "POST") == fx("POST_uploads.request.json")
        # no file name given: the URL's last segment
        await adapter.upload_attachment(AttachmentInput("12345", "", url=recorded["attributes"]["url"]), None)
        assert json.loads(router.calls[1].request.content) == fx("POST_uploads.request.json")
    assert isinstance(record, AttachmentRecord)
    # the documented answer links no candidate (no include): it is the one sent for
    assert (record.id, record.file_name, record.candidate_id) == ("1234", "testfile.pdf", "12345")
    assert record.file_url == "http://file-download-url.com/testfile.pdf"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda a: a.add_candidate_tags(TagChange("1337", ("VIP", "new")), None), ["vip", "new"]),
        (lambda a: a.remove_candidate_tags(TagChange("1337", ("VIP",)), None), []),
    ],
    ids=["add", "remove"],
)
async def test_tags_read_the_candidate_then_patch_the_whole_list(
    adapter: TeamtailorAdapter, change: Any, expected: list[str]
) -> None:
    current = fx("GET_candidates_{id}.json")
    current["data"]["id"] = "1337"
    current["data"]["attributes"]["tags"] = ["vip"]
    answer = fx("PATCH_candidates_{id}.json")
    answer["data"]["attributes"]["tags"] = expected
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get("/candidates/1337").respond(200, json=current)
        router.patch("/candidates/1337").respond(200, json=answer)
        record = await change(adapter)
        assert sent(router) == [("GET", "/candidates/1337"), ("PATCH", "/candidates/1337")]
        body = body_of(router, "PATCH")
    assert body == {"data": {"id": "1337", "type": "candidates", "attributes": {"tags": expected}}}
    assert record.tag_ids == tuple(expected)


async def test_hire_moves_to_the_jobs_hired_stage(adapter: TeamtailorAdapter) -> None:
    """The recorded application (job 26) and the recorded stages (``stage-type`` Inbox, In
    process, Hired): the application, then its job's stages, then one PATCH to the Hired one."""
    recorded = fx("recorded/GET_job-applications_{id}__include-candidate+job.json")
    answer = linked(fx("PATCH_job-applications_{id}.json"), job=("jobs", "26"), stage=("stages", "5"))
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get("/job-applications/634").respond(200, json=recorded)
        router.get("/jobs/26/stages").respond(200, json=fx("recorded/GET_stages.json"))
        router.patch("/job-applications/634").respond(200, json=answer)
        record = await adapter.hire_application(ApplicationRef("634"), None)
        assert sent(router) == [
            ("GET", "/job-applications/634"),
            ("GET", "/jobs/26/stages"),
            ("PATCH", "/job-applications/634"),
        ]
        body = body_of(router, "PATCH")
    assert body == {
        "data": {
            "id": "634",
            "type": "job-applications",
            "relationships": {"stage": {"data": {"id": "5", "type": "stages"}}},
        }
    }
    assert record.current_stage_id == "5"


async def test_hire_without_a_hired_stage_is_refused_before_the_write(adapter: TeamtailorAdapter) -> None:
    recorded = fx("recorded/GET_job-applications_{id}__include-candidate+job.json")
    stages = fx("recorded/GET_stages.json")
    stages["data"] = [s for s in stages["data"] if s["attributes"]["stage-type"] != "Hired"]
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get("/job-applications/634").respond(200, json=recorded)
        router.get("/jobs/26/stages").respond(200, json=stages)
        with pytest.raises(WriteRefused) as info:
            await adapter.hire_application(ApplicationRef("634"), None)
        assert [c.request.method for c in router.calls] == ["GET", "GET"]
    assert info.value.field == "input.applicationId"


@pytest.mark.parametrize("digit", ["²", "٣"])
async def test_an_id_of_digits_that_are_not_ascii_is_sent_as_text(
    adapter: TeamtailorAdapter, digit: str
) -> None:
    """``str.isdigit`` takes both: ``int("²")`` raised (an INTERNAL_SERVER_ERROR through the
    gateway) and ``int("٣")`` is 3, so the note went to candidate 3 (and user 3)."""
    with respx.mock(base_url=BASE) as router:
        router.post("/notes").respond(201, json=fx("POST_notes.json"))
        await adapter.add_note(NoteInput(digit, "n"), Actor(digit))
        relationships = body_of(router, "POST")["data"]["relationships"]
    assert relationships["candidate"]["data"]["id"] == digit
    assert relationships["user"]["data"]["id"] == digit
