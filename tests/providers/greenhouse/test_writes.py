"""Greenhouse writes against the documented requests: for each mutation, the request the
adapter sends (method, path, body, headers) is the fixture's ``.request.json`` for the same
input, and the fixture's answer parses into the returned record.

Where a fixture body carries fields the neutral input has no word for, the expected body is the
fixture without them, and ``LACKS`` names them per fixture (nothing else may differ).
"""

from __future__ import annotations

import asyncio
import base64
import copy
import json
from collections.abc import AsyncIterator
from typing import Any, Final

import httpx
import pytest
import respx

from providers.errors import WriteRefused
from providers.greenhouse import GreenhouseAdapter
from providers.records import (
    ActivityType,
    AttachmentType,
    EmailAddress,
    PhoneNumber,
    Url,
    Visibility,
)
from providers.writes import (
    Actor,
    ApplicationInput,
    ApplicationRef,
    AttachmentInput,
    CandidateInput,
    CandidateUpdate,
    CustomFieldValue,
    NoteInput,
    Rejection,
    StageMove,
    TagChange,
)
from tests.shared import load_fixture

from .helpers import API_KEY, BASE, V3_CREDENTIALS, adapter, basic

ACTOR: Final = Actor("158108")  # the fixture note's ``user_id``


def fixture(name: str) -> Any:
    return load_fixture("greenhouse", name)


LACKS: Final = {
    "POST_candidates": (
        "social_media_addresses",  # the neutral input has one list of URLs (website_addresses)
        "educations",
        "employments",
        "applications",  # createApplication with an inline candidate sends one, tested below
    ),
    "PATCH_candidates_id": (
        "social_media_addresses",
        "recruiter",
        "coordinator",
        "tags",  # tags change through addCandidateTags / removeCandidateTags
    ),
    "POST_candidates_id_applications.3": (
        "source_id",  # the neutral input names a source, Harvest takes its id: not offered
        "referrer",
        "attachments",  # uploadAttachment adds files to an application
    ),
    "POST_applications_id_reject": (),  # ``send_email_at`` inside rejection_email: see the test
    "POST_applications_id_hire": ("start_date", "opening_id", "close_reason_id"),
}


def without(body: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k not in LACKS[name]}


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as c:
        yield c


def sent(route: respx.Route) -> tuple[httpx.Request, Any]:
    request = route.calls.last.request
    return request, json.loads(request.content)


def check_headers(request: httpx.Request) -> None:
    assert request.headers["On-Behalf-Of"] == ACTOR.id
    assert request.headers["Authorization"] == basic(API_KEY)
    assert request.headers["Content-Type"] == "application/json"


# -- golden requests ------------------------------------------------------------------------------
async def test_create_candidate(client: httpx.AsyncClient) -> None:
    doc = fixture("POST_candidates.request.json")
    given = CandidateInput(
        first_name="John",
        last_name="Locke",
        company="The Tustin Box Company",
        title="Customer Success Representative",
        is_private=False,
        phones=(PhoneNumber(number="555-1212", type="mobile"),),
        locations=("123 Fake St.",),
        emails=(
            EmailAddress(email="john.locke+work@example.com", type="work"),
            EmailAddress(email="john.locke@example.com", type="personal"),
        ),
        urls=(Url(url="johnlocke.example.com", type="personal"),),
        tags=("Walkabout", "Orientation"),
    )
    answer = fixture("POST_candidates.json")
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.post("/v1/candidates").mock(return_value=httpx.Response(201, json=answer))
        record = await adapter(client).create_candidate(given, ACTOR)
    request, body = sent(route)
    check_headers(request)
    expected = without(doc, "POST_candidates")
    # A location has no kind in the neutral input: it is sent as ``other`` (the doc: ``home``).
    expected["addresses"] = [{"value": "123 Fake St.", "type": "other"}]
    assert body == expected
    assert route.call_count == 1
    assert record.id == str(answer["id"])
    assert (record.first_name, record.last_name) == (answer["first_name"], answer["last_name"])
    assert [e.email for e in record.emails] == [e["value"] for e in answer["email_addresses"]]


async def test_update_candidate(client: httpx.AsyncClient) -> None:
    doc = fixture("PATCH_candidates_id.request.json")
    given = CandidateUpdate(
        candidate_id="53883394",
        first_name="New",
        last_name="Name",
        company="The Tustin Box Company",
        title="Customer Success Representative",
        is_private=True,
        phones=(PhoneNumber(number="555-1212", type="mobile"),),
        locations=("123 Fake St.",),
        emails=(
            EmailAddress(email="john.locke+work@example.com", type="work"),
            EmailAddress(email="john.locke@example.com", type="personal"),
        ),
        urls=(Url(url="johnlocke.example.com", type="personal"),),
        custom_fields=(CustomFieldValue("single_select_field_name", "12345"),),
    )
    answer = fixture("PATCH_candidates_id.json")  # documented as a one-candidate array
    assert isinstance(answer, list)
    assert len(answer) == 1
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.patch("/v1/candidates/53883394").mock(return_value=httpx.Response(200, json=answer))
        record = await adapter(client).update_candidate(given, ACTOR)
    request, body = sent(route)
    check_headers(request)
    expected = without(doc, "PATCH_candidates_id")
    expected["addresses"] = [{"value": "123 Fake St.", "type": "other"}]
    # Custom fields go by ``name_key`` (the doc's entries by ``id``, or with ``delete_value``, have
    # no neutral input); the value is the text given, where the doc sends the option id as a number.
    by_key = [e for e in doc["custom_fields"] if "name_key" in e]
    expected["custom_fields"] = [{"name_key": e["name_key"], "value": str(e["value"])} for e in by_key]
    assert body == expected
    assert record.id == str(answer[0]["id"])
    assert record.first_name == answer[0]["first_name"]


async def test_update_sends_only_what_is_given(client: httpx.AsyncClient) -> None:
    """None leaves a field as it is; an empty list given clears Greenhouse's."""
    answer = fixture("PATCH_candidates_id.json")
    with respx.mock(base_url=BASE) as mock:
        route = mock.patch("/v1/candidates/7").mock(return_value=httpx.Response(200, json=answer))
        await adapter(client).update_candidate(CandidateUpdate("7", title="CTO", phones=()), ACTOR)
    assert sent(route)[1] == {"title": "CTO", "phone_numbers": []}


async def test_create_candidate_sends_custom_fields_by_name_key(client: httpx.AsyncClient) -> None:
    """The create body takes ``custom_fields`` as the update does: Harvest's "Add Candidate"
    parameters (https://developers.greenhouse.io/harvest.html#post-add-candidate) list them, its
    example (``POST_candidates.request.json``) carries none; ``POST_prospects.request.json``, a
    candidate created as a prospect, carries ``custom_fields: []``."""
    given = CandidateInput(
        first_name="Ada", last_name="Lovelace", custom_fields=(CustomFieldValue("clearance", "secret"),)
    )
    answer = fixture("POST_candidates.json")
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.post("/v1/candidates").mock(return_value=httpx.Response(201, json=answer))
        await adapter(client).create_candidate(given, ACTOR)
    assert sent(route)[1] == {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "custom_fields": [{"name_key": "clearance", "value": "secret"}],
    }
    assert route.call_count == 1


async def test_create_application_for_a_candidate(client: httpx.AsyncClient) -> None:
    doc = fixture("POST_candidates_id_applications.request.3.json")
    answer = fixture("POST_candidates_id_applications.json")
    given = ApplicationInput(job_id="266926", candidate_id="15803530", stage_id="2708728")
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.post("/v1/candidates/15803530/applications").mock(
            return_value=httpx.Response(200, json=answer)
        )
        record = await adapter(client).create_application(given, ACTOR)
    request, body = sent(route)
    check_headers(request)
    assert body == without(doc, "POST_candidates_id_applications.3")
    assert record.id == str(answer["id"])
    assert record.candidate_id == str(answer["candidate_id"])


async def test_create_application_with_a_new_candidate(client: httpx.AsyncClient) -> None:
    """One request: the candidate with ``applications: [{job_id}]`` (the POST_candidates doc's
    own shape); the application is picked from the answer by its job."""
    answer = fixture("POST_candidates.json")
    job = answer["applications"][0]["jobs"][0]["id"]
    given = ApplicationInput(job_id=str(job), candidate=CandidateInput(first_name="John", last_name="Locke"))
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.post("/v1/candidates").mock(return_value=httpx.Response(201, json=answer))
        record = await adapter(client).create_application(given, ACTOR)
    assert sent(route)[1] == {"first_name": "John", "last_name": "Locke", "applications": [{"job_id": job}]}
    assert route.call_count == 1
    assert record.id == str(answer["applications"][0]["id"])
    assert record.job_id == str(job)


async def test_a_new_candidates_application_cannot_start_in_a_stage(client: httpx.AsyncClient) -> None:
    given = ApplicationInput(job_id="1", candidate=CandidateInput(first_name="A"), stage_id="2")
    with respx.mock(base_url=BASE) as mock:
        with pytest.raises(WriteRefused) as info:
            await adapter(client).create_application(given, ACTOR)
        assert not mock.calls
    assert info.value.field == "input.stageId"


async def test_move_application_stage_reads_the_current_stage_first(client: httpx.AsyncClient) -> None:
    """Harvest's move needs ``from_stage_id``: exactly 2 requests, the read then the write."""
    doc = fixture("POST_applications_id_move.request.json")
    current = copy.deepcopy(fixture("GET_applications_id.json"))
    current["current_stage"]["id"] = doc["from_stage_id"]  # the doc's move starts at stage 1
    answer = fixture("POST_applications_id_move.json")
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        read = mock.get("/v1/applications/48206478").mock(return_value=httpx.Response(200, json=current))
        route = mock.post("/v1/applications/48206478/move").mock(
            return_value=httpx.Response(200, json=answer)
        )
        record = await adapter(client).move_application_stage(StageMove("48206478", "2"), ACTOR)
    request, body = sent(route)
    check_headers(request)
    assert body == doc
    assert (read.call_count, route.call_count) == (1, 1)
    assert record.id == str(answer["id"])
    assert record.current_stage_id == str(answer["current_stage"]["id"])


async def test_reject_application(client: httpx.AsyncClient) -> None:
    doc = fixture("POST_applications_id_reject.request.json")
    answer = fixture("POST_applications_id_reject.json")
    given = Rejection(
        "985314",
        reject_reason_id="815",
        note="The prospect is not qualified for this position.",
        email_template_id="42",
    )
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.post("/v1/applications/985314/reject").mock(
            return_value=httpx.Response(200, json=answer)
        )
        record = await adapter(client).reject_application(given, ACTOR)
    request, body = sent(route)
    check_headers(request)
    # The neutral rejection has no send time: Greenhouse then sends the e-mail at once.
    expected = copy.deepcopy(doc)
    del expected["rejection_email"]["send_email_at"]
    assert body == expected
    assert record.id == "985314"
    assert record.rejected_at is not None


@pytest.mark.parametrize(
    ("action", "method", "expected"),
    [
        ("unreject", "unreject_application", "POST_applications_id_unreject.request.json"),
        ("hire", "hire_application", "POST_applications_id_hire.request.json"),
    ],
)
async def test_unreject_and_hire(client: httpx.AsyncClient, action: str, method: str, expected: str) -> None:
    doc = fixture(expected)
    answer = fixture(f"POST_applications_id_{action}.json")
    aid = answer["id"]
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.post(f"/v1/applications/{aid}/{action}").mock(
            return_value=httpx.Response(200, json=answer)
        )
        record = await getattr(adapter(client), method)(ApplicationRef(str(aid)), ACTOR)
    request, body = sent(route)
    check_headers(request)
    name = f"POST_applications_id_{action}"
    assert body == (without(doc, name) if name in LACKS else doc)
    assert record.id == str(aid)
    assert record.rejected_at is None


async def test_add_note(client: httpx.AsyncClient) -> None:
    doc = fixture("POST_candidates_id_activity_feed_notes.request.json")
    answer = fixture("POST_candidates_id_activity_feed_notes.json")
    given = NoteInput(candidate_id="978031", body=doc["body"], visibility=Visibility.ADMIN_ONLY)
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.post("/v1/candidates/978031/activity_feed/notes").mock(
            return_value=httpx.Response(201, json=answer)
        )
        record = await adapter(client).add_note(given, ACTOR)
    request, body = sent(route)
    check_headers(request)
    assert body == doc
    assert record.id == f"note-{answer['id']}"
    assert record.candidate_id == "978031"
    assert record.activity_type is ActivityType.NOTE
    assert record.body == answer["body"]
    assert record.actor_id == str(answer["user"]["id"])


async def test_a_note_of_a_visibility_harvest_lacks_is_refused_unsent(client: httpx.AsyncClient) -> None:
    """Harvest's notes are admin_only, public or private (its notes body in the fixtures):
    ``OTHER`` was a KeyError, an INTERNAL_SERVER_ERROR through the gateway."""
    given = NoteInput(candidate_id="978031", body="b", visibility=Visibility.OTHER)
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        route = mock.post("/v1/candidates/978031/activity_feed/notes").respond(201, json={})
        with pytest.raises(WriteRefused) as refused:
            await adapter(client).add_note(given, ACTOR)
    assert refused.value.field == "input.visibility"
    assert route.call_count == 0


@pytest.mark.parametrize("owner", ["candidates", "applications"])
async def test_upload_attachment(client: httpx.AsyncClient, owner: str) -> None:
    doc = fixture(f"POST_{owner}_id_attachments.request.json")
    answer = fixture(f"POST_{owner}_id_attachments.json")
    # The doc elides its content ("..."): the bytes here are its decodable prefix.
    content = base64.b64decode(doc["content"].removesuffix("...") + "=")
    given = AttachmentInput(
        candidate_id="5",
        application_id="9" if owner == "applications" else None,
        file_name="resume.pdf",
        attachment_type=AttachmentType.RESUME,
        content_type="application/pdf",
        content=content,
    )
    path = "/v1/candidates/5/attachments" if owner == "candidates" else "/v1/applications/9/attachments"
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.post(path).mock(return_value=httpx.Response(201, json=answer))
        record = await adapter(client).upload_attachment(given, ACTOR)
    request, body = sent(route)
    check_headers(request)
    assert doc["content"].startswith(body["content"].rstrip("="))
    assert {k: v for k, v in body.items() if k != "content"} == {
        k: v for k, v in doc.items() if k != "content"
    }
    assert (record.file_name, record.file_url) == (answer["filename"], answer["url"])
    assert record.attachment_type is AttachmentType.RESUME
    assert record.candidate_id == "5"
    assert record.application_id == ("9" if owner == "applications" else None)


async def test_upload_attachment_by_url(client: httpx.AsyncClient) -> None:
    """Harvest fetches a file itself: ``url`` instead of ``content``."""
    answer = fixture("POST_candidates_id_attachments.json")
    given = AttachmentInput(candidate_id="5", file_name="cv.pdf", url="https://files.example/cv.pdf")
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/v1/candidates/5/attachments").mock(return_value=httpx.Response(201, json=answer))
        await adapter(client).upload_attachment(given, ACTOR)
    assert sent(route)[1] == {
        "filename": "cv.pdf",
        "type": "other",
        "url": "https://files.example/cv.pdf",
        "content_type": "application/octet-stream",
    }


@pytest.mark.parametrize(
    ("add", "tags", "expected"),
    [
        (True, ("ruby", "Go"), ["Python", "Ruby", "Go"]),  # names compare case-insensitively
        (False, ("RUBY", "Rust"), ["Python"]),  # a tag the candidate lacks: nothing to remove
    ],
)
async def test_tags_read_then_patch(
    client: httpx.AsyncClient, add: bool, tags: tuple[str, ...], expected: list[str]
) -> None:
    """Harvest tags by id one at a time, or replaces the list by name (PATCH_candidates_id's
    ``tags``): the list is read and written back, exactly 2 requests whatever the count."""
    current = fixture("GET_candidates_id.json")
    assert current["tags"] == ["Python", "Ruby"]
    answer = {**current, "tags": expected}
    cid = current["id"]
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        read = mock.get(f"/v1/candidates/{cid}").mock(return_value=httpx.Response(200, json=current))
        route = mock.patch(f"/v1/candidates/{cid}").mock(return_value=httpx.Response(200, json=answer))
        method = adapter(client).add_candidate_tags if add else adapter(client).remove_candidate_tags
        record = await method(TagChange(str(cid), tags), ACTOR)
    request, body = sent(route)
    check_headers(request)
    assert body == {"tags": expected}
    assert isinstance(fixture("PATCH_candidates_id.request.json")["tags"], list)  # the same key
    assert (read.call_count, route.call_count) == (1, 1)
    assert record.id == str(cid)


# -- before any call --------------------------------------------------------------------------------
EVERY: Final[dict[str, tuple[Any, str]]] = {
    "update_candidate": (CandidateUpdate("cand-x", title="T"), "input.id"),
    "create_application": (ApplicationInput(job_id="job-x", candidate_id="1"), "input.jobId"),
    "move_application_stage": (StageMove("app-x", "2"), "input.applicationId"),
    "reject_application": (Rejection("app-x"), "input.applicationId"),
    "unreject_application": (ApplicationRef("app-x"), "input.applicationId"),
    "hire_application": (ApplicationRef("app-x"), "input.applicationId"),
    "add_note": (NoteInput("cand-x", "hi"), "input.candidateId"),
    "upload_attachment": (AttachmentInput("cand-x", "a.txt", content=b"a"), "input.candidateId"),
    "add_candidate_tags": (TagChange("cand-x", ("a",)), "input.candidateId"),
    "remove_candidate_tags": (TagChange("cand-x", ("a",)), "input.candidateId"),
}


@pytest.mark.parametrize("method", sorted(EVERY))
async def test_an_id_that_is_no_integer_is_refused_before_any_call(
    client: httpx.AsyncClient, method: str
) -> None:
    given, field = EVERY[method]
    with respx.mock(base_url=BASE) as mock:
        with pytest.raises(WriteRefused) as info:
            await getattr(adapter(client), method)(given, ACTOR)
        assert not mock.calls  # (respx forgets its calls when the block ends)
    assert info.value.field == field


async def test_writes_need_an_actor_and_v3_writes_are_refused(client: httpx.AsyncClient) -> None:
    assert GreenhouseAdapter.actor_required
    assert adapter(client).write_refusal() is None
    assert adapter(client).default_actor() is None
    assert adapter(client, options={"actor_id": "42"}).default_actor() == "42"
    refusal = adapter(client, credentials=V3_CREDENTIALS).write_refusal()
    assert refusal is not None
    assert "v3" in str(refusal)


async def test_concurrent_writes_each_carry_their_own_acting_user(client: httpx.AsyncClient) -> None:
    """``On-Behalf-Of`` is per write (a context variable per task), never on a read."""
    answer = fixture("POST_candidates_id_activity_feed_notes.json")
    gh = adapter(client)
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        notes = mock.post(url__regex=r"/v1/candidates/\d+/activity_feed/notes").mock(
            return_value=httpx.Response(201, json=answer)
        )
        reads = mock.get("/v1/candidates").mock(return_value=httpx.Response(200, json=[]))
        await asyncio.gather(
            *(gh.add_note(NoteInput(str(n), "hi"), Actor(str(1000 + n))) for n in range(8)),
            gh.get_candidates(["1", "2"]),
        )
        sent_by = {c.request.url.path.split("/")[3]: c.request.headers["On-Behalf-Of"] for c in notes.calls}
        assert sent_by == {str(n): str(1000 + n) for n in range(8)}
        assert "On-Behalf-Of" not in reads.calls.last.request.headers
