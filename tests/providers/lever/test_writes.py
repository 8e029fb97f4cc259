"""Lever's writes against respx: the request each mutation sends is the recorded one
(``*.request.json``, with ``perform_as`` as recorded), the recorded answer parses into the
returned record, every error status maps as reads do, and each mutation is ONE request."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import respx

from providers.errors import (
    ProviderAuthError,
    ProviderError,
    ProviderNotFound,
    ProviderRateLimited,
    ProviderRefusedInput,
    ProviderTimeout,
    ProviderUnavailable,
    WriteRefused,
)
from providers.lever import LeverAdapter
from providers.records import (
    ActivityType,
    EmailAddress,
    PhoneNumber,
    Visibility,
)
from providers.writes import (
    Actor,
    ApplicationInput,
    ApplicationRef,
    AttachmentInput,
    CandidateInput,
    NoteInput,
    Rejection,
    StageMove,
    TagChange,
)
from resolvers.writes.path import maybe_sent

from .conftest import BASE, fixture
from .respx_support import OPP, expanded_opportunity, reasons_route

pytestmark = pytest.mark.shared

ACTOR = Actor("be129d9b-50da-4485-9377-0d83e981f30b")  # the recorded perform_as
CREATOR = Actor("c4bc6266-375b-4d45-9b3b-ad527ba5f3ef")  # create-opportunity's recorded perform_as
REASON = "c97322d4-a7f3-4008-948c-4f8e9c58d372"


def sent(route: respx.Route) -> tuple[httpx.Request, Any]:
    assert route.call_count == 1  # one request per mutation, never retried
    request: httpx.Request = route.calls.last.request
    return request, json.loads(request.content)


async def test_create_candidate_golden(adapter: LeverAdapter) -> None:
    # POST_opportunities.request.json also carries sources, origin and postings: those are an
    # application's (source, jobId), which CandidateInput has not; the rest is built from it.
    recorded = fixture("POST_opportunities.request.json")
    given = CandidateInput(
        first_name="Nango",
        last_name="Test Candidate",
        title="Test Headline",
        phones=(PhoneNumber(number="(555) 123-4567", type="mobile"),),
        emails=(EmailAddress(email="test@nango.dev"),),
        tags=("Test",),
    )
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.post("/opportunities").mock(
            return_value=httpx.Response(201, json=fixture("POST_opportunities.json"))
        )
        record = await adapter.create_candidate(given, CREATOR)
    request, body = sent(route)
    assert request.url.params.multi_items() == [("perform_as", CREATOR.id)]
    assert body == {k: v for k, v in recorded.items() if k not in ("sources", "origin", "postings")}
    answer = fixture("POST_opportunities.json")["data"]
    assert record.id == answer["contact"]
    assert record.name == "Nango Test Candidate"
    assert record.title == "Test Headline"
    assert [e.email for e in record.emails] == ["test@nango.dev"]
    assert record.application_ids == (answer["id"],)
    assert "Test" in record.tag_ids


async def test_create_application_golden(adapter: LeverAdapter) -> None:
    """POST_opportunities.request.json is a new contact on one posting from a source: all of
    it is built from the input but ``origin`` (Lever's, not the unified input's)."""
    recorded = fixture("POST_opportunities.request.json")
    given = ApplicationInput(
        recorded["postings"][0],
        candidate=CandidateInput(
            first_name="Nango",
            last_name="Test Candidate",
            title="Test Headline",
            phones=(PhoneNumber(number="(555) 123-4567", type="mobile"),),
            emails=(EmailAddress(email="test@nango.dev"),),
            tags=("Test",),
        ),
        source="LinkedIn",
    )
    answer = fixture("POST_opportunities.json")
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.post("/opportunities").mock(return_value=httpx.Response(201, json=answer))
        record = await adapter.create_application(given, CREATOR)
    request, body = sent(route)
    assert request.url.params.multi_items() == [("perform_as", CREATOR.id)]
    assert body == {k: v for k, v in recorded.items() if k != "origin"}
    assert record.id == answer["data"]["id"]
    assert record.candidate_id == answer["data"]["contact"]
    assert record.job_id == recorded["postings"][0]  # the answer names the application only
    assert record.current_stage_id == "lead-new"


async def test_create_application_for_an_existing_contact(adapter: LeverAdapter) -> None:
    answer = fixture("POST_opportunities.json")
    contact = answer["data"]["contact"]
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.post("/opportunities").mock(return_value=httpx.Response(201, json=answer))
        record = await adapter.create_application(ApplicationInput("posting-1", candidate_id=contact), ACTOR)
    _, body = sent(route)
    assert body == {"contact": contact, "postings": ["posting-1"]}
    assert record.candidate_id == contact


async def test_move_stage_golden(adapter: LeverAdapter) -> None:
    recorded = fixture("PUT_opportunities_id_stage.request.json")
    answer = fixture("PUT_opportunities_id_stage.json")
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.put(f"/opportunities/{OPP}/stage").mock(return_value=httpx.Response(200, json=answer))
        reasons = reasons_route(mock)  # the answer is archived: its reason's type is read (kept)
        record = await adapter.move_application_stage(StageMove(OPP, recorded["stage"]), ACTOR)
    request, body = sent(route)
    assert request.url.params.multi_items() == [("perform_as", ACTOR.id)]
    assert body == recorded
    assert record.id == OPP
    assert record.current_stage_id == "lead-reached-out"
    assert record.candidate_id == answer["data"]["contact"]
    assert reasons.call_count == 1


async def test_reject_golden_and_the_reason_table_is_kept(adapter: LeverAdapter) -> None:
    recorded = fixture("PUT_opportunities_id_archived.request.json")
    answer = fixture("PUT_opportunities_id_archived.json")
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.put(f"/opportunities/{OPP}/archived").mock(return_value=httpx.Response(200, json=answer))
        reasons = reasons_route(mock)
        record = await adapter.reject_application(Rejection(OPP, reject_reason_id=REASON), ACTOR)
        request, body = sent(route)
        assert body == recorded
        assert request.url.params["perform_as"] == ACTOR.id
        assert record.reject_reason_id == REASON
        assert record.rejected_at is not None
        # a second write finds the account's archive reasons kept: one request, the write
        await adapter.reject_application(Rejection(OPP, reject_reason_id=REASON), ACTOR)
    assert route.call_count == 2
    assert reasons.call_count == 1


async def test_unreject_sends_a_null_reason(adapter: LeverAdapter) -> None:
    answer = fixture("PUT_opportunities_id_archived.json")
    answer["data"]["archived"] = None
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.put(f"/opportunities/{OPP}/archived").mock(return_value=httpx.Response(200, json=answer))
        record = await adapter.unreject_application(ApplicationRef(OPP), ACTOR)
    _, body = sent(route)
    assert body == {"reason": None}
    assert record.rejected_at is None
    assert record.reject_reason_id is None


async def test_hire_archives_with_the_hired_reason_read_first(adapter: LeverAdapter) -> None:
    """The hired reason's id is the account's: read from the kept archive reasons (one read,
    none while kept), then ONE write, shaped as the recorded archive request."""
    reasons = fixture("GET_archive_reasons.json")
    hired = next(r["id"] for r in reasons["data"] if r["type"] == "hired")
    answer = fixture("PUT_opportunities_id_archived.json")
    answer["data"]["archived"]["reason"] = hired
    recorded = fixture("PUT_opportunities_id_archived.request.json")
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.put(f"/opportunities/{OPP}/archived").mock(return_value=httpx.Response(200, json=answer))
        read = reasons_route(mock)
        record = await adapter.hire_application(ApplicationRef(OPP), ACTOR)
        _, body = sent(route)
        assert body == {**recorded, "reason": hired}
        assert record.rejected_at is None  # a hire is no rejection
        await adapter.hire_application(ApplicationRef(OPP), ACTOR)
    assert read.call_count == 1  # kept: the second hire is the write alone
    assert route.call_count == 2


async def test_hire_without_a_hired_reason_is_refused_before_writing(adapter: LeverAdapter) -> None:
    reasons = fixture("GET_archive_reasons.json")
    reasons["data"] = [r for r in reasons["data"] if r["type"] != "hired"]
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        route = mock.put(f"/opportunities/{OPP}/archived")
        mock.get("/archive_reasons").mock(return_value=httpx.Response(200, json=reasons))
        with pytest.raises(WriteRefused):
            await adapter.hire_application(ApplicationRef(OPP), ACTOR)
    assert route.call_count == 0


async def test_write_answers_name_the_job_from_an_earlier_read(adapter: LeverAdapter) -> None:
    """Lever answers a write with the application's id only; the posting read before is kept."""
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get(f"/opportunities/{OPP}").mock(
            return_value=httpx.Response(200, json={"data": expanded_opportunity()})
        )
        mock.put(f"/opportunities/{OPP}/stage").mock(
            return_value=httpx.Response(200, json=fixture("PUT_opportunities_id_stage.json"))
        )
        reasons_route(mock)
        before = (await adapter.get_applications([OPP]))[0]
        after = await adapter.move_application_stage(StageMove(OPP, "lead-reached-out"), ACTOR)
    assert before is not None
    assert before.job_id is not None
    assert after.job_id == before.job_id


async def test_add_note_golden(adapter: LeverAdapter) -> None:
    recorded = fixture("POST_opportunities_id_notes.request.json")
    contact = "997fd432-94f6-4613-9fa8-c3d5bd49600b"
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.post(f"/opportunities/{OPP}/notes").mock(
            return_value=httpx.Response(201, json=fixture("POST_opportunities_id_notes.json"))
        )
        note = NoteInput(contact, recorded["value"], application_id=OPP, visibility=Visibility.PUBLIC)
        record = await adapter.add_note(note, ACTOR)
    request, body = sent(route)
    assert body == recorded
    assert request.url.params["perform_as"] == ACTOR.id
    assert record.activity_type is ActivityType.NOTE
    assert record.body == recorded["value"]
    assert record.candidate_id == contact
    assert record.actor_id == ACTOR.id


@pytest.mark.parametrize(
    ("visibility", "secret"),
    [(Visibility.ADMIN_ONLY, True), (Visibility.PRIVATE, True), (Visibility.PUBLIC, None)],
)
async def test_note_visibility_is_lever_secret(
    adapter: LeverAdapter, visibility: Visibility, secret: bool | None
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.post(f"/opportunities/{OPP}/notes").mock(
            return_value=httpx.Response(201, json=fixture("POST_opportunities_id_notes.json"))
        )
        await adapter.add_note(NoteInput("c", "hello", application_id=OPP, visibility=visibility), ACTOR)
    _, body = sent(route)
    assert body.get("secret") == secret


async def test_upload_golden(adapter: LeverAdapter) -> None:
    """Lever's documented upload: ``multipart/form-data`` with one ``file`` part and
    ``perform_as`` (fixture README: "Files, Upload a single file"); the answer is
    POST_opportunities_id_files.json, mapped as a read of that file would be."""
    answer = fixture("POST_opportunities_id_files.json")["data"]
    contact = "5d14b167-04af-404f-bd35-b3028d3b3f67"  # in the answer's downloadUrl
    content = b"%PDF-1.4\n\x00\xff binary, not text\r\n--boundary-like--\r\n"
    given = AttachmentInput(
        contact, "JaneSmithArticle.pdf", application_id=OPP, content=content, content_type="application/pdf"
    )
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.post(f"/opportunities/{OPP}/files").mock(
            return_value=httpx.Response(200, json=fixture("POST_opportunities_id_files.json"))
        )
        record = await adapter.upload_attachment(given, ACTOR)
    assert route.call_count == 1
    request: httpx.Request = route.calls.last.request
    assert request.url.params.multi_items() == [("perform_as", ACTOR.id)]
    kind, _, boundary = request.headers["content-type"].partition("; boundary=")
    assert kind == "multipart/form-data"
    parts = [p for p in request.content.split(b"--" + boundary.encode()) if p.strip(b"-\r\n")]
    assert len(parts) == 1
    head, _, body = parts[0].partition(b"\r\n\r\n")
    assert b'name="file"' in head
    assert b'filename="JaneSmithArticle.pdf"' in head
    assert b"Content-Type: application/pdf" in head
    assert body == content + b"\r\n"
    assert record.id == f"{OPP}:{answer['id']}"  # a file's id under its opportunity, as reads name it
    assert record.file_name == "JaneSmithArticle.pdf"
    assert record.file_url == answer["downloadUrl"]
    assert record.application_id == OPP
    assert record.candidate_id == contact
    assert record.created_at is not None
    assert int(record.created_at.timestamp() * 1000) == int(answer["uploadedAt"])


async def test_upload_refused_by_lever(adapter: LeverAdapter) -> None:
    """The documented error answer (POST_opportunities_id_files.error.json) with the 4xx a
    request Lever cannot take gets: the client's to fix, Lever's message kept."""
    given = AttachmentInput("c", "a.pdf", application_id=OPP, content=b"x")
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.post(f"/opportunities/{OPP}/files").mock(
            return_value=httpx.Response(400, json=fixture("POST_opportunities_id_files.error.json"))
        )
        with pytest.raises(ProviderRefusedInput) as info:
            await adapter.upload_attachment(given, ACTOR)
    assert route.call_count == 1
    assert [r.message for r in info.value.reasons] == ["File took too long to upload."]


WRITES: list[tuple[str, str, str, object]] = [
    ("create_candidate", "POST", "/opportunities", CandidateInput(first_name="A")),
    ("create_application", "POST", "/opportunities", ApplicationInput("p", candidate_id="c")),
    ("move_application_stage", "PUT", f"/opportunities/{OPP}/stage", StageMove(OPP, "s")),
    ("reject_application", "PUT", f"/opportunities/{OPP}/archived", Rejection(OPP, REASON)),
    ("unreject_application", "PUT", f"/opportunities/{OPP}/archived", ApplicationRef(OPP)),
    ("hire_application", "PUT", f"/opportunities/{OPP}/archived", ApplicationRef(OPP)),
    ("add_note", "POST", f"/opportunities/{OPP}/notes", NoteInput("c", "x", application_id=OPP)),
    (
        "upload_attachment",
        "POST",
        f"/opportunities/{OPP}/files",
        AttachmentInput("c", "cv.pdf", application_id=OPP, content=b"%PDF-1.4"),
    ),
]
CASES = pytest.mark.parametrize(("name", "method", "path", "given"), WRITES, ids=[w[0] for w in WRITES])


async def write(adapter: LeverAdapter, name: str, given: object, actor: Actor | None = ACTOR) -> Any:
    return await getattr(adapter, name)(given, actor)


STATUSES: list[tuple[int, type[ProviderError]]] = [
    (401, ProviderAuthError),
    (403, ProviderAuthError),
    (404, ProviderNotFound),
    # Lever's "invalid request": the client's input to fix, BAD_USER_INPUT with Lever's reason
    (400, ProviderRefusedInput),
    (422, ProviderRefusedInput),
    (429, ProviderRateLimited),
    (500, ProviderUnavailable),
    (503, ProviderUnavailable),
]


@CASES
@pytest.mark.parametrize(("status", "error"), STATUSES, ids=[str(s) for s, _ in STATUSES])
async def test_error_statuses_are_one_request(
    adapter: LeverAdapter,
    name: str,
    method: str,
    path: str,
    given: object,
    status: int,
    error: type[ProviderError],
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        reasons_route(mock)  # hireApplication reads the account's hired reason first
        route = mock.route(method=method, path=path).mock(
            return_value=httpx.Response(
                status, json=fixture("ERROR_example.json"), headers={"Retry-After": "0"}
            )
        )
        with pytest.raises(error) as info:
            await write(adapter, name, given)
    assert route.call_count == 1  # a write is never retried, whatever the status
    assert not maybe_sent(info.value)  # an answer is an outcome


@CASES
async def test_timeout_after_sending_is_outcome_unknown(
    adapter: LeverAdapter, name: str, method: str, path: str, given: object
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        reasons_route(mock)  # hireApplication reads the account's hired reason first
        route = mock.route(method=method, path=path).mock(side_effect=httpx.ReadTimeout("no answer"))
        with pytest.raises(ProviderTimeout) as info:
            await write(adapter, name, given)
    assert route.call_count == 1
    assert maybe_sent(info.value)  # the gateway answers WRITE_OUTCOME_UNKNOWN


@CASES
async def test_a_connect_error_sent_nothing(
    adapter: LeverAdapter, name: str, method: str, path: str, given: object
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        reasons_route(mock)  # hireApplication reads the account's hired reason first
        route = mock.route(method=method, path=path).mock(side_effect=httpx.ConnectError("refused"))
        with pytest.raises(ProviderError) as info:
            await write(adapter, name, given)
    assert route.call_count == 1
    assert not maybe_sent(info.value)


@CASES
async def test_no_acting_user_is_refused_before_any_call(
    adapter: LeverAdapter, name: str, method: str, path: str, given: object
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        route = mock.route(method=method, path=path)
        with pytest.raises(WriteRefused) as info:
            await write(adapter, name, given, None)
    assert route.call_count == 0
    assert info.value.field == "actorId"


def test_lever_declares_its_acting_user_and_fields() -> None:
    assert LeverAdapter.actor_required
    assert LeverAdapter.write_required["reject_application"] == frozenset({"rejectReasonId"})
    assert "note" not in LeverAdapter.write_fields["reject_application"]


# -- tags: per opportunity in Lever, so the contact's opportunities are read first -------------
CONTACT = "997fd432-94f6-4613-9fa8-c3d5bd49600b"


def _contact_listing(*opps: dict[str, Any]) -> httpx.Response:
    return httpx.Response(200, json={"data": list(opps), "hasNext": False})


def _opp(opp_id: str, tags: list[str], created: int) -> dict[str, Any]:
    opp = expanded_opportunity(opp_id=opp_id, contact=CONTACT)
    opp.update(tags=tags, createdAt=created, archived=None)
    return opp


async def test_add_tags_golden_one_read_one_write(adapter: LeverAdapter) -> None:
    recorded = fixture("POST_opportunities_id_addTags.request.json")
    answer = fixture("POST_opportunities_id_addTags.json")
    answer["data"]["archived"] = None
    older, newer = _opp("o-old", ["Nango Seed"], 1), _opp(OPP, ["Nango Seed"], 2)
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        listing = mock.get("/opportunities").mock(return_value=_contact_listing(older, newer))
        route = mock.post(f"/opportunities/{OPP}/addTags").mock(return_value=httpx.Response(200, json=answer))
        # "NANGO SEED" is already the contact's (tags compare case-insensitively): not sent
        record = await adapter.add_candidate_tags(TagChange(CONTACT, ("nango-test-tag", "NANGO SEED")), ACTOR)
    request, body = sent(route)
    assert body == recorded
    assert request.url.params["perform_as"] == ACTOR.id
    assert listing.call_count == 1
    assert listing.calls.last.request.url.params["contact_id"] == CONTACT
    assert record.id == CONTACT
    assert "nango-test-tag" in (record.tag_ids or ())


async def test_remove_tags_writes_each_opportunity_carrying_them(adapter: LeverAdapter) -> None:
    first, second, other = _opp("o-1", ["Rust", "Go"], 1), _opp("o-2", ["rust"], 2), _opp("o-3", ["Go"], 3)
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        listing = mock.get("/opportunities").mock(return_value=_contact_listing(first, second, other))
        one = mock.post("/opportunities/o-1/removeTags").mock(
            return_value=httpx.Response(200, json={"data": {**first, "tags": ["Go"]}})
        )
        two = mock.post("/opportunities/o-2/removeTags").mock(
            return_value=httpx.Response(200, json={"data": {**second, "tags": []}})
        )
        record = await adapter.remove_candidate_tags(TagChange(CONTACT, ("RUST",)), ACTOR)
    assert sent(one)[1] == {"tags": ["Rust"]}  # as each opportunity spells it
    assert sent(two)[1] == {"tags": ["rust"]}
    assert listing.call_count == 1  # 1 read + 2 writes: Lever has no contact-level tags
    assert set(record.tag_ids or ()) == {"Go"}


async def test_tag_changes_that_change_nothing_write_nothing(adapter: LeverAdapter) -> None:
    opp = _opp(OPP, ["Rust"], 1)
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/opportunities").mock(return_value=_contact_listing(opp))
        added = await adapter.add_candidate_tags(TagChange(CONTACT, ("rust",)), ACTOR)
        removed = await adapter.remove_candidate_tags(TagChange(CONTACT, ("Go",)), ACTOR)
        assert len(mock.calls) == 2  # the two reads, no write
    assert added.tag_ids == ("Rust",)
    assert removed.tag_ids == ("Rust",)


async def test_tags_of_an_unknown_contact_are_refused_before_writing(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/opportunities").mock(return_value=_contact_listing())
        with pytest.raises(WriteRefused) as info:
            await adapter.add_candidate_tags(TagChange("nobody", ("x",)), ACTOR)
        assert len(mock.calls) == 1
    assert info.value.field == "input.candidateId"


@pytest.mark.parametrize(("status", "error"), STATUSES, ids=[str(s) for s, _ in STATUSES])
async def test_tag_write_errors_are_one_write(
    adapter: LeverAdapter, status: int, error: type[ProviderError]
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/opportunities").mock(return_value=_contact_listing(_opp(OPP, [], 1)))
        route = mock.post(f"/opportunities/{OPP}/addTags").mock(
            return_value=httpx.Response(
                status, json=fixture("ERROR_example.json"), headers={"Retry-After": "0"}
            )
        )
        with pytest.raises(error):
            await adapter.add_candidate_tags(TagChange(CONTACT, ("x",)), ACTOR)
    assert route.call_count == 1


async def test_tag_write_timeout_is_outcome_unknown(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/opportunities").mock(return_value=_contact_listing(_opp(OPP, [], 1)))
        route = mock.post(f"/opportunities/{OPP}/addTags").mock(side_effect=httpx.ReadTimeout("no answer"))
        with pytest.raises(ProviderTimeout) as info:
            await adapter.add_candidate_tags(TagChange(CONTACT, ("x",)), ACTOR)
    assert route.call_count == 1
    assert maybe_sent(info.value)


@pytest.mark.parametrize("name", ["add_candidate_tags", "remove_candidate_tags"])
async def test_tags_without_an_acting_user_read_nothing(adapter: LeverAdapter, name: str) -> None:
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        with pytest.raises(WriteRefused):
            await getattr(adapter, name)(TagChange(CONTACT, ("x",)), None)
        assert len(mock.calls) == 0
