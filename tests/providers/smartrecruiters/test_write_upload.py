"""SmartRecruiters' ``uploadAttachment`` against its documented form and the fixtures' answer.

The form (no request fixture exists): ``candidates_attachments_add`` in the Customer API
client's documentation (``UPLOAD_FORM``) is ``multipart/form-data`` with an ``attachmentType``
text field (default ``GENERIC_FILE``) and a ``file`` part, answered with an ``Attachment``; the
Customer API's endpoint list (``ENDPOINTS``) names the attachment insert. The job-scoped
operation (``POST /candidates/{id}/jobs/{jobId}/attachments``, the fixtures' README and
MAPPING-wave2.md) takes the same two fields. The answer's shape is an item of
``GET_candidates_{id}_jobs_{jobId}_attachments.json`` (a Swagger-UI example: ``"string"``
placeholders), so the upload's record is compared with a read of that same item."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Final

import httpx
import pytest
import respx

from providers.base import Connection
from providers.errors import UnsupportedOperation, WriteOutcomeUnknown, WriteRefused
from providers.kit.forms import form_parts
from providers.records import AttachmentRecord, AttachmentType
from providers.smartrecruiters.adapter import SmartRecruitersAdapter
from providers.writes import AttachmentInput
from tests.shared import load_fixture

pytestmark = pytest.mark.shared

BASE = "https://api.smartrecruiters.com"
KEY = "sr-upload-key"
UPLOAD_FORM: Final = (
    "https://github.com/roksela/smartrecruiters-python-client/blob/master/docs/CandidatesApi.md"
    "#candidates_attachments_add"
)
ENDPOINTS: Final = "https://dev.smartrecruiters.com/customer-api/candidate-api__trashed/endpoints/"
APP: Final = "c1:j1"
PATH: Final = "/candidates/c1/jobs/j1/attachments"
CONTENT: Final = b"%PDF-1.4\n\x00\xff binary\r\n--not-a-boundary--\r\n"


@pytest.fixture
async def adapter() -> AsyncIterator[SmartRecruitersAdapter]:
    connection = Connection(name="sr", provider="smartrecruiters", credentials={"api_key": KEY})
    async with httpx.AsyncClient() as http:
        yield SmartRecruitersAdapter(connection, http)


def listed() -> dict[str, Any]:
    fixture: dict[str, Any] = load_fixture(
        "smartrecruiters", "GET_candidates_{id}_jobs_{jobId}_attachments.json"
    )
    return fixture


def given(kind: AttachmentType = AttachmentType.OTHER, candidate: str = "c1") -> AttachmentInput:
    return AttachmentInput(
        candidate,
        "Ada Lovelace CV.pdf",
        application_id=APP,
        attachment_type=kind,
        content_type="application/pdf",
        content=CONTENT,
    )


async def test_upload_golden(adapter: SmartRecruitersAdapter) -> None:
    answer = listed()["content"][0]
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post(PATH).respond(201, json=answer)
        record = await adapter.upload_attachment(given(), None)
        router.get(PATH).respond(200, json=listed())
        read = (await adapter.list_attachments_by_application_ids([APP]))[APP]
    assert route.call_count == 1
    request: httpx.Request = route.calls.last.request
    assert request.headers["X-SmartToken"] == KEY
    kind, _, boundary = request.headers["content-type"].partition("; boundary=")
    assert kind == "multipart/form-data"
    assert boundary
    parts = form_parts(request.headers["content-type"], request.content)
    assert set(parts) == {"attachmentType", "file"}
    assert parts["attachmentType"].file_name is None
    assert parts["attachmentType"].content == b"GENERIC_FILE"
    assert parts["file"].file_name == "Ada Lovelace CV.pdf"
    assert parts["file"].content_type == "application/pdf"
    assert parts["file"].content == CONTENT  # byte for byte
    # the text part comes before the file, as the form documents it
    assert request.content.index(b'name="attachmentType"') < request.content.index(b'name="file"')

    assert isinstance(record, AttachmentRecord)
    assert record == read[0]  # what a read of the same attachment gives
    assert (record.id, record.file_name) == (answer["id"], answer["name"])
    assert record.file_url == answer["actions"]["download"]["url"]
    assert (record.application_id, record.candidate_id, record.job_id) == (APP, "c1", "j1")


@pytest.mark.parametrize(
    "kind", [AttachmentType.RESUME, AttachmentType.COVER_LETTER, AttachmentType.OFFER_LETTER]
)
async def test_a_type_smartrecruiters_documents_no_upload_value_for_is_refused_before_any_call(
    adapter: SmartRecruitersAdapter, kind: AttachmentType
) -> None:
    with respx.mock(base_url=BASE) as router, pytest.raises(UnsupportedOperation) as info:
        await adapter.upload_attachment(given(kind), None)
    assert not router.calls
    assert kind.name in info.value.message


@pytest.mark.parametrize(
    ("application", "candidate"),
    [("c1", "c1"), ("c2:j1", "c1"), ("c1:..", "c1")],
    ids=["not an application id", "another candidate's", "not a path segment"],
)
async def test_an_application_that_cannot_be_the_candidates_is_refused_before_any_call(
    adapter: SmartRecruitersAdapter, application: str, candidate: str
) -> None:
    bad = AttachmentInput(candidate, "a.pdf", application_id=application, content=b"x")
    with respx.mock(base_url=BASE) as router, pytest.raises(WriteRefused) as info:
        await adapter.upload_attachment(bad, None)
    assert not router.calls
    assert info.value.field == "input.applicationId"


async def test_an_unreadable_answer_after_an_upload_is_an_unknown_outcome(
    adapter: SmartRecruitersAdapter,
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post(PATH).respond(201, json=["not", "an", "attachment"])
        with pytest.raises(WriteOutcomeUnknown):
            await adapter.upload_attachment(given(), None)
    assert route.call_count == 1
