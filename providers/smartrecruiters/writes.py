"""SmartRecruiters' writes (``providers/writes``) through the Customer API, one request each,
never retried. Endpoints and bodies are those of the fixtures (their README's 2017 endpoint
table; request schemas ``*.request.schema.json``, swagger models of the 2017 Customer API client
whose wire names are camelCase; answers ``POST_candidates.json``, ``PATCH_candidates_{id}.json``)
and of the client documentation they were derived from:

- ``createCandidate``: ``POST /candidates`` (``CandidateInput``: ``firstName``, ``lastName``,
  ``email`` required; ``phoneNumber``, ``web``, ``tags`` besides), answered with the candidate;
- ``updateCandidate``: ``PATCH /candidates/{id}`` (``PersonalDetails``: the same person fields,
  all optional), answered with it;
- ``createApplication``: ``POST /jobs/{jobId}/candidates`` (``CandidateInput``): a new candidate
  assigned to the job, answered with the candidate and its assignments;
- ``moveApplicationStage`` / ``rejectApplication``: ``PUT /candidates/{id}/jobs/{jobId}/status``
  (``CandidateStatus``: ``status`` required, ``subStatus``, ``reason``: a rejection or
  withdrawal reason id), answered 204 (see below): the application is read back from the
  candidate's detail;
- ``addCandidateTags`` / ``removeCandidateTags``: ``POST`` (adds) / ``PUT`` (replaces)
  ``/candidates/{id}/tags`` (``CandidateTags``: ``{"tags": [names]}``), answered with the tags:
  the candidate is read first, so the changed candidate can be returned (and, for a removal,
  its list computed);
- ``uploadAttachment``: ``POST /candidates/{id}/jobs/{jobId}/attachments`` as
  ``multipart/form-data``, no JSON body (an ``attachmentType`` part, then the ``file``),
  answered 201 with the attachment, read as the application's attachment listing reads it.

The JSON bodies are built from the neutral inputs by pure functions (below), so the golden
tests compare them with the request schemas. Writes are made as the API key's user:
SmartRecruiters takes no acting user.

The 204: https://developers.smartrecruiters.com/reference/candidatesstatusupdateprimary-1
The upload's form: ``candidates_attachments_add`` of
https://github.com/roksela/smartrecruiters-python-client/blob/master/docs/CandidatesApi.md
(the Customer API's ``attachmentType`` and ``file``; the job-scoped operation takes the same).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Final, cast

from ..http import CallContext, Multipart
from ..kit.mapping import Json
from ..kit.people import person_body
from ..kit.resources import fetch_record
from ..kit.tags import retagged
from ..kit.writing import WriteHelpers, write_refusal
from ..records import ApplicationRecord, AttachmentRecord, AttachmentType, CandidateRecord, Resource, Url
from ..writes import (
    Actor,
    ApplicationInput,
    AttachmentInput,
    CandidateInput,
    CandidateUpdate,
    Rejection,
    StageMove,
    TagChange,
)
from . import mapping as m
from . import payloads as p

R = Resource
_PERSON: Final = frozenset({"firstName", "lastName", "emails", "phones", "urls"})
WRITE_FIELDS: Final[Mapping[str, frozenset[str]]] = {
    # CandidateInput / PersonalDetails: one e-mail, one phone, a LinkedIn and a website URL;
    # no company, title or privacy; a location is structured (city, region, country codes)
    "create_candidate": _PERSON | {"tags"},
    "update_candidate": _PERSON | {"id"},
    # a new candidate for the job only: no stage, no form answers, no source by name
    "create_application": frozenset({"jobId", "candidate", "onDuplicateCandidate"}),
    # CandidateStatus has a reason, no note and no e-mail template
    "reject_application": frozenset({"applicationId", "rejectReasonId"}),
}
WRITE_REQUIRED: Final[Mapping[str, frozenset[str]]] = {
    # a file is attached to a candidate in the context of a job: the application says which
    "upload_attachment": frozenset({"applicationId"}),
    # required in CandidateInput (POST_candidates.request.schema.json)
    "create_candidate": frozenset({"firstName", "lastName", "emails"}),
    "create_application": frozenset({"candidate"}),
}

WRITES_NOTES: Final = (
    "Writes: made as the API key's user (SmartRecruiters takes no acting user). A stage move or a "
    "rejection is `PUT /candidates/{id}/jobs/{jobId}/status`, answered 204, then one read of the "
    "candidate (its assignments are the applications): 2 requests. A stage id is `STATUS` or "
    "`STATUS:subStatus`; a rejection is status `REJECTED` with its reason id, without a note or "
    "an e-mail template (the status body has neither).",
    "Writes: `createApplication` is `POST /jobs/{jobId}/candidates`, which creates the candidate "
    "given inline and assigns it to the job. An existing candidate (`candidateId`) is not "
    "offered: no endpoint assigning one to a job is in the sources read. The career-site "
    "Application API (`POST /postings/{uuid}/candidates`) is keyed by posting, not by job, and "
    "its request body is not in the fixtures. No `stageId`, `source` (`sourceDetails` takes "
    "source ids) or `answers`. `onDuplicateCandidate` other than `CREATE` needs a search by "
    "e-mail, which the candidate list does not have (`q` is a keyword search).",
    "Writes: `addCandidateTags` / `removeCandidateTags` read the candidate, then `POST` (adds) "
    "or `PUT` (replaces whole) `/candidates/{id}/tags`: 2 requests.",
    "Writes: `uploadAttachment` needs the application: it is `POST "
    "/candidates/{id}/jobs/{jobId}/attachments`, a `multipart/form-data` form with an "
    "`attachmentType` part and the `file` part, answered 201 with the attachment: 1 request. "
    "Only `attachmentType` `OTHER` is offered, sent as `GENERIC_FILE` (the documented default); "
    "`RESUME`, `COVER_LETTER` and `OFFER_LETTER` are refused with `NOT_SUPPORTED_BY_PROVIDER` "
    "before any call (no other upload value is in the sources read). A file given by `url` is "
    "fetched by the gateway and sent as bytes.",
    "Writes not offered: `hireApplication` (the hired status is `HIRE` in the Application API's "
    "documentation and unverified in the Customer API's status enum); `unrejectApplication` (a "
    "status must be chosen: the one before the rejection is not kept); `addNote` (the only "
    "message endpoint, `POST /messages/shares`, has no body in the sources read). "
    "A review (`POST /reviews`) is a scorecard, which no mutation writes.",
)
"""Coverage notes on the writes: what is offered, how, and what is not and why."""


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


class SmartRecruitersWrites(WriteHelpers):
    """The write methods of ``SmartRecruitersAdapter``."""

    write_fields: ClassVar[Mapping[str, frozenset[str]]] = WRITE_FIELDS
    write_required: ClassVar[Mapping[str, frozenset[str]]] = WRITE_REQUIRED
    application_form: ClassVar[bool] = False  # the Customer API adds to a job without its form

    def _candidate(self, answer: Any, what: str) -> CandidateRecord:
        return cast("CandidateRecord", self.written(R.CANDIDATE, answer, what)[0])

    def _under(self, application_id: str, tail: str, ctx: CallContext, candidate: str | None = None) -> str:
        """``/candidates/{id}/jobs/{jobId}<tail>`` of an application (``candidate``: whose it must
        be), or a refusal naming the input field."""
        parts = m.split_application(application_id)
        if parts is None:
            message = "a SmartRecruiters application id is `<candidateId>:<jobId>`"
            raise write_refusal(ctx, message, "input.applicationId")
        if candidate is not None and parts[0] != candidate:
            raise self.refused("input.applicationId", "the application is not the candidate's")
        path = "/candidates/{id}/jobs/{jobId}" + tail
        return self.id_path(R.APPLICATION, path, parts[0], "input.applicationId", ids={"jobId": parts[1]})

    # -- candidates ----------------------------------------------------------------------------
    async def create_candidate(self, input: CandidateInput, actor: Actor | None) -> CandidateRecord:
        body = create_candidate_body(input, self.ctx(R.CANDIDATE, "create"))
        answer = await self.send("POST", "/candidates", body, R.CANDIDATE, "create", empty=True)
        return self._candidate(answer, "new candidate")

    async def update_candidate(self, input: CandidateUpdate, actor: Actor | None) -> CandidateRecord:
        body = person_details(input, self.ctx(R.CANDIDATE, "update"))
        path = self.id_path(R.CANDIDATE, "/candidates/{id}", input.candidate_id, "input.id")
        answer = await self.send("PATCH", path, body, R.CANDIDATE, "update", empty=True)
        return self._candidate(answer, "update")

    async def add_candidate_tags(self, input: TagChange, actor: Actor | None) -> CandidateRecord:
        return await self._retag(input, add=True)

    async def remove_candidate_tags(self, input: TagChange, actor: Actor | None) -> CandidateRecord:
        return await self._retag(input, add=False)

    async def _retag(self, input: TagChange, *, add: bool) -> CandidateRecord:
        path = self.id_path(R.CANDIDATE, "/candidates/{id}", input.candidate_id, "input.candidateId")
        current = await fetch_record(self, self.endpoints(R.CANDIDATE), path)
        if not isinstance(current, p.Candidate):
            raise self.refused("input.candidateId", f"there is no candidate '{input.candidate_id[:100]}'")
        have = list(current.tags or ())
        after = retagged(have, input.tags, add)  # what the candidate's tags become
        names = list(dict.fromkeys(input.tags)) if add else after  # POST adds, PUT replaces
        method = "POST" if add else "PUT"
        answer = await self.send(method, f"{path}/tags", {"tags": names}, R.CANDIDATE, "tags", empty=True)
        tags = answer.get("tags") if isinstance(answer, Mapping) else None
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            tags = after  # the write landed; what the candidate's tags are now is computed
        # the candidate read first, with the tags it now has
        return self._candidate(current.model_copy(update={"tags": tags}), "tags")

    # -- applications --------------------------------------------------------------------------
    async def create_application(self, input: ApplicationInput, actor: Actor | None) -> ApplicationRecord:
        if input.candidate is None:  # write_fields: the gateway never sends a candidateId
            raise self.refused("input.candidateId", "SmartRecruiters applies a new candidate only")
        body = create_candidate_body(input.candidate, self.ctx(R.APPLICATION, "create"))
        path = self.id_path(R.JOB, "/jobs/{id}/candidates", input.job_id, "input.jobId")
        answer = await self.send("POST", path, body, R.APPLICATION, "create", empty=True)
        _, person = self.written(R.CANDIDATE, answer, "new application")
        for found in m.assignments(person):
            if found.job is not None and found.job.id == input.job_id:
                return m.APPLICATION.read(found, {"candidate": person.id, "job": input.job_id})
        application = m.application_id(person.id, input.job_id)
        if application is None:
            raise self.outcome_unknown("new application", "the answer names no candidate id")
        return cast("ApplicationRecord", await self.reread(R.APPLICATION, application, "new application"))

    async def _status(self, application_id: str, body: Json, what: str) -> ApplicationRecord:
        path = self._under(application_id, "/status", self.ctx(R.APPLICATION, "update"))
        await self.send("PUT", path, body, R.APPLICATION, "update", empty=True)
        found = await self.reread(R.APPLICATION, application_id, f"{what} of application {application_id}")
        return cast("ApplicationRecord", found)

    async def move_application_stage(self, input: StageMove, actor: Actor | None) -> ApplicationRecord:
        body = stage_body(input, self.ctx(R.APPLICATION, "update"))
        return await self._status(input.application_id, body, "move")

    async def reject_application(self, input: Rejection, actor: Actor | None) -> ApplicationRecord:
        return await self._status(input.application_id, rejection_body(input), "rejection")

    # -- attachments -----------------------------------------------------------------------------
    async def upload_attachment(self, input: AttachmentInput, actor: Actor | None) -> AttachmentRecord:
        assert input.application_id is not None  # write_required: the gateway checked it
        assert input.content is not None  # a URL's file was fetched by the gateway
        kind = UPLOAD_TYPES.get(input.attachment_type)
        if kind is None:
            message = f"SmartRecruiters takes no upload of type {input.attachment_type.name} (only OTHER)"
            raise self.unsupported(R.ATTACHMENT, "upload", message)
        ctx = self.ctx(R.ATTACHMENT, "upload")
        path = self._under(input.application_id, "/attachments", ctx, input.candidate_id)
        type_ = input.content_type or "application/octet-stream"
        form = Multipart("file", input.file_name, input.content, type_, fields={"attachmentType": kind})
        answer = await self.send(
            "POST", path, None, R.ATTACHMENT, "upload", empty=True, multipart=form, what="upload"
        )
        record, _ = self.written(R.ATTACHMENT, answer, "upload", at={"parent": input.application_id})
        return cast("AttachmentRecord", record)
