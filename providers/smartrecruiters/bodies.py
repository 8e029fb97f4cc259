"""The JSON bodies SmartRecruiters' writes send, built from the neutral inputs by pure functions
so the golden tests compare them with the fixtures' request schemas
(``shared/fixtures/providers/smartrecruiters/*.request.schema.json``: swagger models of the
2017 Customer API client, whose wire names are camelCase).

- ``CandidateInput`` (``POST /candidates``, ``POST /jobs/{jobId}/candidates``): ``firstName``,
  ``lastName``, ``email`` required; ``phoneNumber``, ``web``, ``tags`` besides.
- ``PersonalDetails`` (``PATCH /candidates/{id}``): the same person fields, all optional.
- ``CandidateStatus`` (``PUT /candidates/{id}/jobs/{jobId}/status``): ``status`` required,
  ``subStatus``, ``reason`` (a rejection or withdrawal reason id).
- ``CandidateTags`` (``POST``/``PUT /candidates/{id}/tags``): ``{"tags": [names]}``.

An upload (``POST /candidates/{id}/jobs/{jobId}/attachments``) is no JSON body but a
``multipart/form-data`` form: an ``attachmentType`` text part and the ``file`` part.
"""

from __future__ import annotations

from typing import Any, Final

from ..http import CallContext
from ..kit.people import person_body
from ..kit.writing import write_refusal
from ..records import AttachmentType, Url
from ..writes import CandidateInput, CandidateUpdate, Rejection, StageMove
from .mapping import split_application

Json = dict[str, Any]
REJECTED: Final = "REJECTED"
"""The status of a rejected application: the spelling of the reads (``mapping``) and of
https://developers.smartrecruiters.com/docs/get-candidate-application-status."""
UPLOAD_TYPES: Final = {AttachmentType.OTHER: "GENERIC_FILE"}
"""The ``attachmentType`` an upload sends for a unified type: only ``GENERIC_FILE``, the value
the Customer API documents (its default); a read's ``RESUME`` or ``COVER_LETTER`` is no upload
value in the sources read, so those types are not sent."""


def _web(urls: tuple[Url, ...], ctx: CallContext) -> Json:
    """``web`` (``WebProfile``): one LinkedIn profile, one website."""
    out: Json = {}
    for url in urls:
        kind = "linkedin" if "linkedin" in (url.type or "").casefold() else "website"
        if kind in out:
            raise write_refusal(ctx, f"a SmartRecruiters candidate has one {kind} URL", "input.urls")
        out[kind] = url.url
    return out


def person_details(given: CandidateInput | CandidateUpdate, ctx: CallContext) -> Json:
    """``PersonalDetails``, an update's body (only the fields given change), and the person
    fields of ``CandidateInput``. An update's empty list would clear a value, which no source
    read documents: it is refused rather than guessed."""
    out = person_body(given, ctx, "a SmartRecruiters candidate")
    if given.urls:
        out["web"] = _web(given.urls, ctx)
    elif given.urls is not None and isinstance(given, CandidateUpdate):
        message = "a SmartRecruiters candidate's web profile cannot be cleared"
        raise write_refusal(ctx, message, "input.urls")
    return out


def create_candidate_body(given: CandidateInput, ctx: CallContext) -> Json:
    """``CandidateInput``; the gateway has checked ``firstName``, ``lastName`` and an e-mail."""
    out = person_details(given, ctx)
    if given.tags:
        out["tags"] = list(dict.fromkeys(given.tags))
    return out


def stage_body(given: StageMove, ctx: CallContext) -> Json:
    """A stage id (``STATUS`` or ``STATUS:subStatus``, ``mapping.stage_id``) as ``CandidateStatus``."""
    status, _, sub = given.stage_id.partition(":")
    if not status or not status.replace("_", "").isalpha() or not status.isupper():
        message = "a SmartRecruiters stage id is `STATUS` or `STATUS:subStatus`"
        raise write_refusal(ctx, message, "input.stageId")
    return {"status": status, "subStatus": sub} if sub else {"status": status}


def rejection_body(given: Rejection) -> Json:
    body: Json = {"status": REJECTED}
    if given.reject_reason_id is not None:
        body["reason"] = given.reject_reason_id
    return body


def application_parts(application_id: str, ctx: CallContext) -> tuple[str, str]:
    """``(candidateId, jobId)`` of an application id, or a refusal naming the input field."""
    parts = split_application(application_id)
    if parts is None:
        message = "a SmartRecruiters application id is `<candidateId>:<jobId>`"
        raise write_refusal(ctx, message, "input.applicationId")
    return parts
