"""uploadAttachment on Ashby: one multipart ``candidate.uploadFile`` (``candidate.uploadResume``
for a resume) with ``candidateId`` and the file, as Ashby's OpenAPI defines them
(shared/fixtures/providers/ashby/_reference/ashby-openapi.json, ``/candidate.uploadFile`` and
``/candidate.uploadResume``: multipart/form-data, answered with the candidate). No upload was
recorded: the answer here is the recorded ``candidate.create`` answer with the new file in it."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import pytest
import respx

from gateway.errors import ErrorCode, provider_error_code
from providers.ashby import AshbyAdapter
from providers.errors import ProviderError, WriteOutcomeUnknown, WriteRefused
from providers.kit.forms import form_parts
from providers.records import AttachmentType
from providers.writes import AttachmentInput
from resolvers.writes.path import maybe_sent
from tests.shared import load_fixture

from .conftest import BASE

pytestmark = pytest.mark.shared

CAND = "00000000-0000-0000-0000-000000000001"  # the recorded candidate
FILE = "00000000-0000-0000-0000-0000000000d1"
CONTENT = bytes(range(256)) + b"\r\n--not-a-boundary--\r\n"


def answer(**more: Any) -> Any:
    body = copy.deepcopy(load_fixture("ashby", "POST_candidate.create.json"))
    body["results"].update(more)
    return body


def sent(route: respx.Route) -> dict[str, Any]:
    request = route.calls.last.request
    return form_parts(request.headers["content-type"], request.content)


async def test_a_file_is_one_upload_with_the_candidate_id(adapter: AshbyAdapter) -> None:
    handles = [
        {"id": "old", "name": "cv.pdf", "handle": "h0"},
        {"id": FILE, "name": "cv.pdf", "handle": "h1"},
    ]
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/candidate.uploadFile").respond(json=answer(fileHandles=handles))
        made = await adapter.upload_attachment(
            AttachmentInput(CAND, "cv.pdf", content=CONTENT, content_type="application/pdf"), None
        )
    assert route.call_count == 1
    parts = sent(route)
    assert list(parts) == ["candidateId", "file"]  # the file last
    assert parts["candidateId"].content.decode() == CAND
    assert (parts["file"].file_name, parts["file"].content_type, parts["file"].content) == (
        "cv.pdf",
        "application/pdf",
        CONTENT,
    )
    assert made.id == FILE  # the newest file of that name
    assert (made.candidate_id, made.file_name, made.attachment_type) == (CAND, "cv.pdf", None)


async def test_a_resume_goes_through_upload_resume(adapter: AshbyAdapter) -> None:
    resume = {"id": FILE, "name": "resume.pdf", "handle": "h"}
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/candidate.uploadResume").respond(json=answer(resumeFileHandle=resume))
        made = await adapter.upload_attachment(
            AttachmentInput(CAND, "resume.pdf", attachment_type=AttachmentType.RESUME, content=b"%PDF"), None
        )
    assert list(sent(route)) == ["candidateId", "resume"]
    assert (made.id, made.attachment_type) == (FILE, AttachmentType.RESUME)


async def test_a_kind_ashby_has_not_is_refused_before_any_call(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        route = router.post("/candidate.uploadFile")
        with pytest.raises(WriteRefused) as info:
            await adapter.upload_attachment(
                AttachmentInput(CAND, "o.pdf", attachment_type=AttachmentType.OFFER_LETTER, content=b"x"),
                None,
            )
    assert route.call_count == 0
    assert info.value.field == "input.attachmentType"


async def test_an_answer_without_the_file_is_an_unknown_outcome(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE) as router:
        router.post("/candidate.uploadFile").respond(json=answer(fileHandles=[]))
        with pytest.raises(WriteOutcomeUnknown):
            await adapter.upload_attachment(AttachmentInput(CAND, "cv.pdf", content=b"x"), None)


@pytest.mark.parametrize(
    ("failure", "code", "unknown"),
    [
        (
            httpx.Response(200, json={"success": False, "errors": ["invalid_input"]}),
            ErrorCode.BAD_USER_INPUT,
            False,
        ),
        (
            httpx.Response(401, json={"success": False, "errors": ["unauthorized"]}),
            ErrorCode.UPSTREAM_AUTH_FAILED,
            False,
        ),
        (httpx.Response(413), ErrorCode.UPSTREAM_INVALID_RESPONSE, False),
        (httpx.Response(429, headers={"Retry-After": "1"}), ErrorCode.UPSTREAM_RATE_LIMITED, False),
        (httpx.Response(503), ErrorCode.UPSTREAM_UNAVAILABLE, False),
        (httpx.ReadTimeout("sent, no answer"), ErrorCode.UPSTREAM_TIMEOUT, True),
        (httpx.ConnectError("refused"), ErrorCode.UPSTREAM_UNAVAILABLE, False),
    ],
)
async def test_every_failure_is_one_request(
    adapter: AshbyAdapter, failure: Any, code: ErrorCode, unknown: bool
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/candidate.uploadFile")
        if isinstance(failure, httpx.Response):
            route.respond(failure.status_code, headers=failure.headers, content=failure.content)
        else:
            route.mock(side_effect=failure)
        with pytest.raises(ProviderError) as info:
            await adapter.upload_attachment(AttachmentInput(CAND, "cv.pdf", content=b"x"), None)
    assert route.call_count == 1  # an upload is never retried
    assert provider_error_code(info.value) is code
    assert maybe_sent(info.value) is unknown
