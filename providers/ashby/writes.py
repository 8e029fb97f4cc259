"""Ashby's writes (``providers/writes``): one ``POST /<object>.<method>`` each, never retried.

Ashby has no acting user: every write is made as the API key's own user (a note's ``author``
is the key's user), so ``actorId`` is refused rather than silently ignored. What Ashby cannot
do in one call is left undefined (NOT_SUPPORTED_BY_PROVIDER); ``NOT_OFFERED`` says why, and
docs/coverage.md prints it.

The bodies are built from the neutral inputs by pure functions (``*_body``), so the golden
tests compare them with the recorded ``.request.json`` bodies.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Final, TypeVar, cast

from ..acceptance import refused_after_all
from ..errors import ProviderResponseInvalid, WriteOutcomeUnknown, WriteRefused
from ..http import CallContext, Multipart, decode_json, parse
from ..kit.mapping import key_of
from ..kit.resources import read_payload, whole_table
from ..kit.rpc import error_for_codes
from ..payload import WireModel
from ..records import (
    ActivityRecord,
    ApplicationRecord,
    AttachmentRecord,
    AttachmentType,
    CandidateRecord,
    Record,
    Resource,
    TagRecord,
    Url,
)
from ..writes import (
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
from . import mapping as m
from . import payloads as w

if TYPE_CHECKING:
    from ..kit.adapter import HttpAdapter

    _Base = HttpAdapter
else:
    _Base = object

R = Resource
Json = dict[str, Any]
T = TypeVar("T", bound=Record)

WRITE_FIELDS: Final[Mapping[str, frozenset[str]]] = {
    "create_candidate": frozenset({"firstName", "lastName", "emails", "phones", "urls"}),
    "update_candidate": frozenset({"id", "firstName", "lastName", "urls"}),
    "create_application": frozenset({"jobId", "candidateId", "stageId"}),
    "add_note": frozenset({"candidateId", "body"}),
    "reject_application": frozenset({"applicationId", "rejectReasonId", "emailTemplateId"}),
    "upload_attachment": frozenset({"candidateId", "fileName", "attachmentType", "file", "url"}),
}
"""What each write takes; any other field given is refused before the call (see
``NOT_OFFERED`` for why the others are left out)."""
WRITE_REQUIRED: Final[Mapping[str, frozenset[str]]] = {
    "create_candidate": frozenset({"firstName"}),  # candidate.create requires ``name``
    "create_application": frozenset({"candidateId"}),  # no inline candidate: that is two writes
    "reject_application": frozenset({"rejectReasonId"}),  # archiveReasonId is required
}

URL_FIELDS: Final = {"linkedin": "linkedInUrl", "github": "githubUrl", "website": "website"}
"""``candidate.create`` takes one URL of each of these kinds (unified type -> body key)."""

NOT_OFFERED: Final = (
    "Writes: Ashby has no acting user (every write is made as the API key's user), so `actorId` is refused.",
    "Writes: `createCandidate` takes no `company`, `title`, `isPrivate`, `locations` or `tags` "
    "(`candidate.create` has no such fields, and tags are a `candidateTag.create` and a "
    "`candidate.addTag` per tag), at most one phone, and URLs of types linkedin, github and "
    "website, one each.",
    "Writes: `updateCandidate` takes the name (first and last together: Ashby stores one "
    "`name`, and the other half would need a read first) and `urls` (`socialLinks`, which "
    "replaces them); e-mails and phones are left out because `candidate.update` can only set "
    "a primary one and never removes the others, which is not the replacement the input means.",
    "Writes: `createApplication` needs `candidateId` (an inline candidate would be a second "
    "write) and takes no `source` (Ashby wants a `sourceId`) or `answers` (only job-board "
    "applications carry form answers).",
    "Writes: `addNote` is `candidate.createNote`: no `applicationId` and no `visibility` "
    "(Ashby notes have neither on create).",
    "Writes: `rejectApplication` costs two reads before the write: Ashby rejects by moving "
    "the application to its interview plan's `Archived` stage, whose id only the plan knows "
    "(`application.info`, then `interviewStage.list`). It needs `rejectReasonId` (Ashby's "
    "`archiveReasonId` is required there), sends `emailTemplateId` as `archiveEmail`, and "
    "takes no `note` (that would be a second write).",
    "Writes: `hireApplication` is a move to the interview plan's `Hired` stage, found as "
    "`rejectApplication` finds `Archived` (two reads, then the write); it sends no offer or "
    "start date.",
    "Writes: not offered: `unrejectApplication` (no endpoint: it is a move to a stage the "
    "input does not name).",
    "Writes: `uploadAttachment` is `candidate.uploadFile` (a `file` part), or for a resume "
    "`candidate.uploadResume` (a `resume` part), each with `candidateId`, as Ashby's OpenAPI "
    "defines them (`shared/fixtures/providers/ashby/_reference/ashby-openapi.json`): one "
    "request, answered with the candidate, whose newest file of that name (or new resume) is "
    "the attachment. Ashby files belong to the candidate (no `applicationId`) and have no kind "
    "but resume. This multipart mode is deprecated since 2026-02-23 in favour of presigned "
    "uploads (`file.createFileUploadHandle`), whose body parameter names no source reachable "
    "here gives; it is still served.",
    "Writes: `addCandidateTags` reads the account's tags (`candidateTag.list`), creates each "
    "name it lacks (`candidateTag.create`), then adds each tag (`candidate.addTag`, one call "
    "per tag); `removeCandidateTags` reads the tags and calls `candidate.removeTag` (added to "
    "Ashby 2026-02-27) per tag of those names, or reads the candidate when none has one. A "
    "failure part-way leaves the tags before it changed; repeating the mutation is safe (adding "
    "or removing a tag twice changes nothing). No "
    "example of these endpoints was recorded: the bodies follow Ashby's reference "
    "(developers.ashbyhq.com/docs/candidateaddtag, /reference/candidate-tag).",
)


# -- bodies ------------------------------------------------------------------------------------
def _name(first: str | None, last: str | None) -> str:
    return " ".join(p for p in (first, last) if p)


def _refused(field: str, message: str, ctx: CallContext) -> WriteRefused:
    return WriteRefused(message, provider=ctx.provider, connection=ctx.connection, field=field)


def _url_fields(urls: tuple[Url, ...], ctx: CallContext) -> Json:
    body: Json = {}
    for url in urls:
        key = URL_FIELDS.get((url.type or "").casefold())
        if key is None or key in body:
            raise _refused(
                "input.urls",
                "Ashby takes one URL of each type linkedin, github and website on a new candidate",
                ctx,
            )
        body[key] = url.url
    return body


def create_candidate_body(given: CandidateInput, ctx: CallContext) -> Json:
    """``candidate.create``: the primary (else first) e-mail as ``email``, the rest alternates."""
    body: Json = {"name": _name(given.first_name, given.last_name)}
    emails = sorted(given.emails, key=lambda e: not e.is_primary)  # stable: the primary first
    if emails:
        body["email"] = emails[0].email
    if emails[1:]:
        body["alternateEmailAddresses"] = [e.email for e in emails[1:]]
    if len(given.phones) > 1:
        raise _refused("input.phones", "Ashby takes one phone number on a new candidate", ctx)
    if given.phones:
        body["phoneNumber"] = given.phones[0].number
    return {**body, **_url_fields(given.urls, ctx)}


def update_candidate_body(given: CandidateUpdate, ctx: CallContext) -> Json:
    body: Json = {"candidateId": given.candidate_id}
    if (given.first_name is None) != (given.last_name is None):
        raise _refused(
            "input.lastName" if given.last_name is None else "input.firstName",
            "Ashby stores one name: give firstName and lastName together",
            ctx,
        )
    if given.first_name is not None:
        body["name"] = _name(given.first_name, given.last_name)
    if given.urls is not None:
        body["socialLinks"] = [{"type": key_of(m.SOCIAL_LINK_TYPE, u.type), "url": u.url} for u in given.urls]
    return body


def reject_body(given: Rejection, archived_stage_id: str) -> Json:
    """``application.changeStage`` to the plan's ``Archived`` stage: ``archiveReasonId`` is
    required there, ``archiveEmail`` sends a communication template."""
    body: Json = {"applicationId": given.application_id, "interviewStageId": archived_stage_id}
    if given.reject_reason_id is not None:  # the gateway requires it (``WRITE_REQUIRED``)
        body["archiveReasonId"] = given.reject_reason_id
    if given.email_template_id is not None:
        body["archiveEmail"] = {"communicationTemplateId": given.email_template_id}
    return body


class _PlanStage(WireModel):
    interviewPlanId: str | None = None


class _ApplicationPlan(WireModel):
    """What ``application.info`` says of the application's interview plan."""

    currentInterviewStage: _PlanStage | None = None


# -- the calls ---------------------------------------------------------------------------------
class AshbyWrites(_Base):
    """Mixed into ``AshbyAdapter``."""

    write_fields: ClassVar[Mapping[str, frozenset[str]]] = WRITE_FIELDS
    application_form: ClassVar[bool] = False  # application.create submits no form
    write_required: ClassVar[Mapping[str, frozenset[str]]] = WRITE_REQUIRED

    def _write_ctx(self, resource: Resource, method: str, actor: Actor | None) -> CallContext:
        ctx = self.ctx(resource, method)
        if actor is not None:
            raise _refused("actorId", "Ashby writes as the API key's user: it takes no actorId", ctx)
        return ctx

    async def _rpc_write(self, method: str, body: Json, ctx: CallContext) -> Any:
        """One ``POST /<method>``: a POST gets one attempt (``UpstreamHttp.request``); a
        timeout after sending reaches the gateway as WRITE_OUTCOME_UNKNOWN."""
        data, _ = await self.upstream.post_json(f"/{method}", json=body, ctx=ctx)
        results = self._succeeded(parse(w.AshbyEnvelope, data, ctx), ctx)
        if results is None:
            raise ctx.error(ProviderResponseInvalid, f"{ctx.provider} answered {method} without results")
        return results

    @staticmethod
    def _succeeded(envelope: w.AshbyEnvelope, ctx: CallContext) -> Any:
        """A success envelope's ``results``; a ``success: false`` one raised as its error: the
        read classes (auth, not found, rate limit, failure), else the account refused the input
        (BAD_USER_INPUT, not an invalid response: Ashby answers bad input with HTTP 200 and
        ``invalid_input``)."""
        if not envelope.success:
            # HTTP 200, so the upstream noted the write accepted; Ashby says it made nothing
            refused_after_all()
            codes = envelope.codes() or ["unknown_error"]
            error = error_for_codes(codes, w.CODES, ctx)
            if type(error) is ProviderResponseInvalid:
                raise _refused("input", f"{ctx.provider} refused the write ({', '.join(codes)})", ctx)
            raise error
        return envelope.results

    def _read(self, kind: type[T], results: Any, ctx: CallContext) -> T:
        """A write's ``results`` read as reads of the context's resource read them."""
        e = self.endpoints(Resource(ctx.resource))
        return cast("T", read_payload(e, parse(e.model, results, ctx))[0])

    async def _record(self, kind: type[T], method: str, body: Json, ctx: CallContext) -> T:
        return self._read(kind, await self._rpc_write(method, body, ctx), ctx)

    async def create_candidate(self, input: CandidateInput, actor: Actor | None) -> CandidateRecord:
        ctx = self._write_ctx(R.CANDIDATE, "candidate.create", actor)
        return await self._record(CandidateRecord, "candidate.create", create_candidate_body(input, ctx), ctx)

    async def update_candidate(self, input: CandidateUpdate, actor: Actor | None) -> CandidateRecord:
        ctx = self._write_ctx(R.CANDIDATE, "candidate.update", actor)
        return await self._record(CandidateRecord, "candidate.update", update_candidate_body(input, ctx), ctx)

    async def create_application(self, input: ApplicationInput, actor: Actor | None) -> ApplicationRecord:
        ctx = self._write_ctx(R.APPLICATION, "application.create", actor)
        if input.candidate_id is None:  # write_required says so; the gateway checks it first
            raise _refused("input.candidateId", "Ashby applies an existing candidate: give candidateId", ctx)
        body: Json = {"candidateId": input.candidate_id, "jobId": input.job_id}
        if input.stage_id is not None:
            body["interviewStageId"] = input.stage_id
        return await self._record(ApplicationRecord, "application.create", body, ctx)

    async def move_application_stage(self, input: StageMove, actor: Actor | None) -> ApplicationRecord:
        ctx = self._write_ctx(R.APPLICATION, "application.changeStage", actor)
        body = {"applicationId": input.application_id, "interviewStageId": input.stage_id}
        return await self._record(ApplicationRecord, "application.changeStage", body, ctx)

    async def reject_application(self, input: Rejection, actor: Actor | None) -> ApplicationRecord:
        """Two reads, then the write: Ashby rejects by moving the application to its interview
        plan's ``Archived`` stage, and only the plan knows that stage's id (``application.info``
        names the plan, ``interviewStage.list`` its stages)."""
        ctx = self._write_ctx(R.APPLICATION, "application.changeStage", actor)
        archived = await self._plan_stage(input.application_id, "Archived", ctx)
        return await self._record(
            ApplicationRecord, "application.changeStage", reject_body(input, archived), ctx
        )

    async def hire_application(self, input: ApplicationRef, actor: Actor | None) -> ApplicationRecord:
        """As a rejection: two reads for the plan's ``Hired`` stage, then the move to it."""
        ctx = self._write_ctx(R.APPLICATION, "application.changeStage", actor)
        hired = await self._plan_stage(input.application_id, "Hired", ctx)
        body = {"applicationId": input.application_id, "interviewStageId": hired}
        return await self._record(ApplicationRecord, "application.changeStage", body, ctx)

    async def _plan_stage(self, application_id: str, kind: str, ctx: CallContext) -> str:
        """The id of the stage of type ``kind`` in the application's interview plan."""
        found = await self.fetch_one(
            _ApplicationPlan,
            "application.info",
            self.ctx(R.APPLICATION, "application.info"),
            {"applicationId": application_id},
        )
        if found is None:
            raise _refused("input.applicationId", f"there is no application '{application_id[:100]}'", ctx)
        plan = found.currentInterviewStage.interviewPlanId if found.currentInterviewStage else None
        if plan is None:
            raise ctx.error(
                ProviderResponseInvalid, f"{ctx.provider} named no interview plan for the application"
            )
        read = self.ctx(R.JOB_INTERVIEW_STAGE, "interviewStage.list")
        data, _ = await self.call("interviewStage.list", read, {"interviewPlanId": plan})
        stages = parse(list[w.AshbyInterviewStage], data.get("results"), read)
        found_id: str | None = next((s.id for s in stages if s.type == kind), None)
        if found_id is None:
            raise ctx.error(ProviderResponseInvalid, f"{ctx.provider}'s interview plan has no {kind} stage")
        return found_id

    async def add_note(self, input: NoteInput, actor: Actor | None) -> ActivityRecord:
        ctx = self._write_ctx(R.ACTIVITY, "candidate.createNote", actor)
        body = {"candidateId": input.candidate_id, "note": input.body}
        results = await self._rpc_write("candidate.createNote", body, ctx)
        note = parse(w.AshbyNote, results, ctx)
        return m.ACTIVITY.read(note, {"notes_of": input.candidate_id})

    async def _account_tags(self) -> dict[str, str]:
        """The account's tag ids by name, case-insensitive (archived tags too: Ashby keeps a
        title unique, so an archived one is reused rather than made twice)."""
        tags = await whole_table(cast("Any", self), self.endpoints(R.TAG))
        return {(t.name or "").casefold(): t.id for t in tags if isinstance(t, TagRecord)}

    async def _tagged(
        self, method: str, candidate_id: str, tag_ids: list[str], ctx: CallContext
    ) -> CandidateRecord:
        results: Any = None
        for tag_id in dict.fromkeys(tag_ids):
            results = await self._rpc_write(method, {"candidateId": candidate_id, "tagId": tag_id}, ctx)
        return self._read(CandidateRecord, results, ctx)

    async def add_candidate_tags(self, input: TagChange, actor: Actor | None) -> CandidateRecord:
        ctx = self._write_ctx(R.CANDIDATE, "candidate.addTag", actor)
        known, ids = await self._account_tags(), []
        for name in input.tags:
            tag_id = known.get(name.casefold())
            if tag_id is None:
                made = parse(
                    w.AshbyTag, await self._rpc_write("candidateTag.create", {"title": name}, ctx), ctx
                )
                tag_id = known[name.casefold()] = made.id
            ids.append(tag_id)
        return await self._tagged("candidate.addTag", input.candidate_id, ids, ctx)

    async def remove_candidate_tags(self, input: TagChange, actor: Actor | None) -> CandidateRecord:
        ctx = self._write_ctx(R.CANDIDATE, "candidate.removeTag", actor)
        known = await self._account_tags()
        ids = [tag_id for name in input.tags if (tag_id := known.get(name.casefold())) is not None]
        if ids:
            return await self._tagged("candidate.removeTag", input.candidate_id, ids, ctx)
        # no tag has those names: nothing to remove, the candidate is answered as it is
        found = (await cast("Any", self).get_candidates([input.candidate_id]))[0]
        if found is None:
            raise _refused("input.candidateId", f"there is no candidate '{input.candidate_id[:100]}'", ctx)
        return cast("CandidateRecord", found)

    async def upload_attachment(self, input: AttachmentInput, actor: Actor | None) -> AttachmentRecord:
        """One multipart ``candidate.uploadFile`` (``candidate.uploadResume`` for a resume),
        answered with the candidate: the attachment is its new resume, or its newest file of
        that name (Ashby's answer does not single the new file out)."""
        resume = input.attachment_type is AttachmentType.RESUME
        method = "candidate.uploadResume" if resume else "candidate.uploadFile"
        ctx = self._write_ctx(R.ATTACHMENT, method, actor)
        if input.attachment_type not in (AttachmentType.RESUME, AttachmentType.OTHER):
            raise _refused(
                "input.attachmentType", "Ashby files have no kind but resume: send RESUME or OTHER", ctx
            )
        assert input.content is not None  # a URL's file was fetched by the gateway
        part = Multipart(
            "resume" if resume else "file",
            input.file_name,
            input.content,
            input.content_type or "application/octet-stream",
            fields={"candidateId": input.candidate_id},
        )
        response = await self.upstream.request("POST", f"/{method}", multipart=part, ctx=ctx)
        results = self._succeeded(parse(w.AshbyEnvelope, decode_json(response, ctx), ctx), ctx)
        candidate = parse(w.AshbyCandidate, results, ctx)
        named = [h for h in m.handles(candidate) if h.name == input.file_name]
        found = candidate.resumeFileHandle if resume else (named[-1] if named else None)
        if found is None:
            raise WriteOutcomeUnknown(
                f"Ashby took the upload of '{input.file_name[:100]}' but its answer lists no such file",
                provider=ctx.provider,
                connection=ctx.connection,
            )
        kept_resume = candidate.resumeFileHandle.id if candidate.resumeFileHandle else None
        return m.ATTACHMENT.read(found, {"candidate": candidate.id, "resume": kept_resume})
