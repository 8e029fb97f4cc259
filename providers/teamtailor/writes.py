"""Teamtailor's writes (``providers/writes``), through its JSON:API write endpoints: one
``POST``/``PATCH`` each with a ``{"data": {type, attributes, relationships}}`` document
(``Content-Type: application/vnd.api+json``), never retried; what each mutation sends, and
why, is told in :data:`WRITES_NOT_OFFERED` (the coverage notes).

Bodies follow the documentation's examples (``*.request.json`` of the fixtures):
``POST /candidates``, ``PATCH /candidates/{id}``, ``POST /job-applications``, ``POST /notes``,
``POST /uploads``. The documentation shows no ``PATCH /job-applications/{id}``: a move, a hire
or a rejection sends the application object's names (``stage``, ``reject-reason``,
``rejected-at``), a relationship in JSON:API's to-one form
(https://jsonapi.org/format/#crud-updating-to-one-relationships). Each write asks the
``include=`` its reads ask (JSON:API lets any request returning primary data include).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, ClassVar, Final, cast
from urllib.parse import unquote, urlsplit

from ..acceptance import repeatable
from ..errors import ProviderError, ProviderRefusedInput
from ..kit.ids import is_integer
from ..kit.jsonapi_docs import resource_doc, to_one
from ..kit.resources import children_of, fetch_record, get_records
from ..kit.tags import retagged
from ..kit.writing import WriteHelpers
from ..records import ActivityRecord, ApplicationRecord, AttachmentRecord, CandidateRecord, Resource
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
from .mapping import INCLUDE, ts

R = Resource
Json = dict[str, Any]
_APPLICATION: Final = "job-applications"
HIRED: Final = "Hired"
"""The ``stage-type`` of a job's hired stages (besides ``Inbox`` and ``In process``)."""

WRITE_FIELDS: Final[Mapping[str, frozenset[str]]] = {
    # a Teamtailor candidate has one ``email`` and one ``phone``; no company, title, privacy,
    # locations; URLs (``linkedin-url``...) are not shown writable in the documentation
    "create_candidate": frozenset({"firstName", "lastName", "emails", "phones", "tags"}),
    "update_candidate": frozenset({"id", "firstName", "lastName", "emails", "phones"}),
    # a new candidate is a first write (POST /candidates, merge: true); no stage, source or answers
    "create_application": frozenset({"jobId", "candidateId", "candidate", "onDuplicateCandidate"}),
    # the rejection has a reason and a time, no note and no e-mail template
    "reject_application": frozenset({"applicationId", "rejectReasonId"}),
    # a note is the candidate's and has no audience setting on create
    "add_note": frozenset({"candidateId", "body"}),
    # Teamtailor fetches the file from a URL: bytes cannot be sent
    "upload_attachment": frozenset({"candidateId", "fileName", "url"}),
}
WRITE_REQUIRED: Final[Mapping[str, frozenset[str]]] = {
    "upload_attachment": frozenset({"url"}),
}
INLINE_CANDIDATE_FIELDS: Final[Mapping[str, str]] = {
    # the last segment of a refused ``POST /candidates``'s ``source.pointer`` -> the field of
    # ``input.candidate`` (``createApplication``'s own fields name none of them)
    "email": "emails",
    "phone": "phones",
    "first-name": "firstName",
    "last-name": "lastName",
    "tags": "tags",
}
WRITE_ERROR_FIELDS: Final[Mapping[str, str]] = {
    # the last segment of a JSON:API error's ``source.pointer`` -> the input field
    **INLINE_CANDIDATE_FIELDS,  # as createCandidate's and updateCandidate's own fields
    "candidate": "candidateId",
    "job": "jobId",
    "stage": "stageId",
    "reject-reason": "rejectReasonId",
    "note": "body",
    "user": "actorId",
}

WRITES_NOT_OFFERED: Final = (
    "Writes: only a note names a user (its `user` relationship: `actorId`, else the connection's "
    "`actor_id` option, else none sent); every other Teamtailor write is made as the API key and "
    "takes no acting user, so an `actorId` given to it has no effect.",
    "Writes: `createApplication` with a new inline `candidate` is two writes: `POST /candidates` "
    "with `merge: true`, then `POST /job-applications` (after the gateway's e-mail lookup for "
    "`onDuplicateCandidate`, `filter[email]`: 3 requests; 2 with `CREATE`). The inline "
    "candidate takes `createCandidate`'s fields and needs an e-mail (Teamtailor requires a "
    "unique one, and `merge` finds a candidate by it). Should the application fail after the "
    "candidate was made, the error (the application's own code) names the candidate now "
    "existing and says that retrying is safe: with `merge: true` Teamtailor answers the same "
    "candidate for the same e-mail rather than making a second (a timeout of either write is "
    "WRITE_OUTCOME_UNKNOWN). As Teamtailor keeps one candidate per e-mail, "
    "`onDuplicateCandidate: CREATE` cannot make a second one: the candidate holding the e-mail "
    "is used, the given attributes merged into it (the docs' words; how is not documented). "
    "The application takes no `stageId`, `source` or `answers` (the documented body has "
    "`cover-letter`, `sourced` and `send-user-notifications` only); it is sent as `sourced` "
    "(added by the team, not through the career site). `createCandidate` sends the documented "
    "body without `merge`, so a known e-mail is Teamtailor's to refuse.",
    "Writes: `rejectApplication` sets `rejected-at` (now) and the `reject-reason` relationship, "
    "with no `note` (a second write) or e-mail template; `unrejectApplication` clears both. "
    "`moveApplicationStage` sets the `stage` relationship. These three answer the application "
    "as Teamtailor does, with the `include=` of reads; were its linkage missing, one read of the "
    "application completes it.",
    "Writes: `addCandidateTags` / `removeCandidateTags` read the candidate, then write its whole "
    "`tags` list (Teamtailor tags are a string array attribute, not a resource): 2 requests. "
    "`uploadAttachment` is `POST /uploads` by `url` (Teamtailor fetches it); a `file` upload "
    "is refused. `addNote` takes no `applicationId` or `visibility`.",
    "Writes: `hireApplication` moves the application to its job's first stage of `stage-type` "
    "`Hired`, which only the job's stages say: the application is read (its job), then the job's "
    "stages, then the one write: 3 requests.",
    "Webhooks are not read: Teamtailor's company webhooks "
    "(https://partner.teamtailor.com/company_webhooks) sign each delivery with a key generated "
    "at setup (a base64 `signature` beside the `payload`), but the signing algorithm and the "
    "signed bytes are not documented, so a delivery cannot be verified.",
)
"""Coverage notes on the writes: what is not offered, and why."""


class TeamtailorWrites(WriteHelpers):
    """The write methods of ``TeamtailorAdapter``."""

    write_fields: ClassVar[Mapping[str, frozenset[str]]] = WRITE_FIELDS
    write_required: ClassVar[Mapping[str, frozenset[str]]] = WRITE_REQUIRED
    write_error_fields: ClassVar[Mapping[str, str]] = WRITE_ERROR_FIELDS
    application_form: ClassVar[bool] = False  # POST /job-applications submits no career-site form
    attachment_by_url: ClassVar[bool] = True  # POST /uploads takes a URL Teamtailor fetches

    def now(self) -> datetime:
        """When a rejection happens (``rejected-at``)."""
        return datetime.now(UTC)

    async def _send(self, method: str, path: str, body: Json, resource: Resource, op: str) -> Any:
        """One write with the ``include=`` of ``resource``'s reads."""
        include = INCLUDE.get(resource.value)
        return await self.send(
            method, path, body, resource, op, params={"include": include} if include else None
        )

    async def _application(self, answer: Any, what: str) -> ApplicationRecord:
        """The application a write answered; read once more if the answer lacks the linkage
        of its job (Teamtailor then ignored the ``include=``)."""
        record, doc = self.written(R.APPLICATION, answer, what)
        if doc.data.linked("job") is None:
            record = await self.reread(R.APPLICATION, record.id, what)
        return cast("ApplicationRecord", record)

    def _attributes(self, given: CandidateInput | CandidateUpdate, prefix: str = "input.") -> Json:
        """The attributes a create or an update sets: only the fields given (an update's empty
        list clears the value), the one e-mail and phone Teamtailor keeps (more is refused).
        ``prefix`` is where the candidate sits in the input (a refusal's field)."""
        out: Json = {}
        if given.first_name is not None:
            out["first-name"] = given.first_name
        if given.last_name is not None:
            out["last-name"] = given.last_name
        for field, wire, part in (("emails", "email", "email"), ("phones", "phone", "number")):
            values = getattr(given, field)
            if values is None or (not values and isinstance(given, CandidateInput)):
                continue  # not given (a create's empty list sets nothing)
            if len(values) > 1:
                raise self.refused(f"{prefix}{field}", f"a Teamtailor candidate has one {wire}")
            out[wire] = getattr(values[0], part) if values else None
        if isinstance(given, CandidateInput) and given.tags:
            out["tags"] = list(dict.fromkeys(given.tags))
        return out

    # -- candidates ----------------------------------------------------------------------------
    async def create_candidate(self, input: CandidateInput, actor: Actor | None) -> CandidateRecord:
        body = resource_doc("candidates", attributes=self._attributes(input))
        answer = await self._send("POST", "/candidates", body, R.CANDIDATE, "create")
        return cast("CandidateRecord", self.written(R.CANDIDATE, answer, "new candidate")[0])

    async def update_candidate(self, input: CandidateUpdate, actor: Actor | None) -> CandidateRecord:
        body = resource_doc("candidates", input.candidate_id, self._attributes(input))
        path = self.id_path(R.CANDIDATE, "/candidates/{id}", input.candidate_id, "input.id")
        answer = await self._send("PATCH", path, body, R.CANDIDATE, "update")
        return cast("CandidateRecord", self.written(R.CANDIDATE, answer, "update")[0])

    async def add_candidate_tags(self, input: TagChange, actor: Actor | None) -> CandidateRecord:
        return await self._retag(input, add=True)

    async def remove_candidate_tags(self, input: TagChange, actor: Actor | None) -> CandidateRecord:
        return await self._retag(input, add=False)

    async def _retag(self, input: TagChange, *, add: bool) -> CandidateRecord:
        """``tags`` is replaced whole: the candidate is read first (the only read before a write)."""
        path = self.id_path(R.CANDIDATE, "/candidates/{id}", input.candidate_id, "input.candidateId")
        current = await fetch_record(self, self.endpoints(R.CANDIDATE), path)
        if current is None:
            raise self.refused("input.candidateId", f"there is no candidate '{input.candidate_id[:100]}'")
        tags = retagged(list(current.data.attributes.tags or ()), input.tags, add)
        body = resource_doc("candidates", input.candidate_id, {"tags": tags})
        answer = await self._send("PATCH", path, body, R.CANDIDATE, "tags")
        return cast("CandidateRecord", self.written(R.CANDIDATE, answer, "tags")[0])

    # -- applications --------------------------------------------------------------------------
    async def create_application(self, input: ApplicationInput, actor: Actor | None) -> ApplicationRecord:
        if input.candidate is None:
            assert input.candidate_id is not None  # the write path gives exactly one of the two
            return await self._apply(input.job_id, input.candidate_id)
        person = await self._merged_candidate(input.candidate)
        try:
            return await self._apply(input.job_id, person.id)
        except ProviderError as exc:
            # Same class (so the same code, and a timeout still an unknown outcome), told
            # what the first write left behind.
            exc.message = _after_candidate(person.id, input.job_id, exc.message)
            exc.args = (exc.message,)
            raise

    async def _apply(self, job_id: str, candidate_id: str) -> ApplicationRecord:
        """``POST /job-applications`` for an existing candidate, added by the team (``sourced``)."""
        relationships = {"candidate": to_one("candidates", candidate_id), "job": to_one("jobs", job_id)}
        body = resource_doc(_APPLICATION, attributes={"sourced": True}, relationships=relationships)
        answer = await self._send("POST", "/job-applications", body, R.APPLICATION, "create")
        return await self._application(answer, "new application")

    async def _merged_candidate(self, given: CandidateInput) -> CandidateRecord:
        """The inline candidate, made or found by its e-mail: the create body with ``merge:
        true``, so a candidate already holding the e-mail is reused (its given attributes merged
        in) instead of refused: the docs' curl example and their note "Use the merge attribute to
        merge the candidate attributes in case a candidate with a matching email address already
        exists" (https://docs.teamtailor.com/#create-candidate)."""
        if not given.emails:
            raise self.refused(
                "input.candidate.emails",
                "a new Teamtailor candidate needs an e-mail address: Teamtailor requires one, "
                "and finds the candidate by it again should the application need a retry",
            )
        attributes = {**self._attributes(given, "input.candidate."), "merge": True}
        body = resource_doc("candidates", attributes=attributes)
        try:
            answer = await self._send("POST", "/candidates", body, R.CANDIDATE, "create")
        except ProviderRefusedInput as exc:
            named = (INLINE_CANDIDATE_FIELDS.get(r.field) for r in exc.reasons)
            exc.field = exc.field or next((f"input.candidate.{n}" for n in named if n), "")
            raise
        # Made again, it is found again: the application failing after it may release the key
        repeatable()
        return cast("CandidateRecord", self.written(R.CANDIDATE, answer, "new candidate")[0])

    async def _patch_application(
        self, application_id: str, attributes: Json | None, relationships: Json, op: str
    ) -> ApplicationRecord:
        path = self.id_path(R.APPLICATION, "/job-applications/{id}", application_id, "input.applicationId")
        body = resource_doc(_APPLICATION, application_id, attributes, relationships)
        answer = await self._send("PATCH", path, body, R.APPLICATION, op)
        return await self._application(answer, f"{op} of application {application_id}")

    async def move_application_stage(self, input: StageMove, actor: Actor | None) -> ApplicationRecord:
        stage = {"stage": to_one("stages", input.stage_id)}
        return await self._patch_application(input.application_id, None, stage, "move")

    async def reject_application(self, input: Rejection, actor: Actor | None) -> ApplicationRecord:
        reason = {"reject-reason": to_one("reject-reasons", input.reject_reason_id)}
        at = {"rejected-at": ts(self.now())}
        return await self._patch_application(input.application_id, at, reason, "rejection")

    async def unreject_application(self, input: ApplicationRef, actor: Actor | None) -> ApplicationRecord:
        cleared = {"reject-reason": to_one("reject-reasons", None)}
        return await self._patch_application(
            input.application_id, {"rejected-at": None}, cleared, "unrejection"
        )

    async def hire_application(self, input: ApplicationRef, actor: Actor | None) -> ApplicationRecord:
        """A move to the job's first stage of type ``Hired`` (``stage-type``, which only the
        job's stages carry): the application is read for its job, then the job's stages, then
        the one write."""
        (app,) = await get_records(self, self.endpoints(R.APPLICATION), [input.application_id])
        if not isinstance(app, ApplicationRecord) or app.job_id is None:
            raise self.refused(
                "input.applicationId", f"there is no application '{input.application_id[:100]}'"
            )
        by_job = await children_of(self, self.endpoints(R.JOB_INTERVIEW_STAGE), "job", [app.job_id])
        hired = sorted(
            (s for s in by_job[app.job_id] if s.remote_data.get("attributes", {}).get("stage-type") == HIRED),
            key=lambda s: getattr(s, "position", None) or 0,
        )
        if not hired:
            raise self.refused("input.applicationId", f"the application's job has no stage of type {HIRED}")
        stage = {"stage": to_one("stages", hired[0].id)}
        return await self._patch_application(input.application_id, None, stage, "hire")

    # -- notes and files -----------------------------------------------------------------------
    async def add_note(self, input: NoteInput, actor: Actor | None) -> ActivityRecord:
        """As the documentation's example: ids as numbers, without ``type``."""
        relationships: Json = {"candidate": {"data": {"id": _numeric(input.candidate_id)}}}
        if actor is not None:
            relationships["user"] = {"data": {"id": _numeric(actor.id)}}
        body = resource_doc("notes", attributes={"note": input.body}, relationships=relationships)
        answer = await self._send("POST", "/notes", body, R.ACTIVITY, "create")
        return cast("ActivityRecord", self.written(R.ACTIVITY, answer, "note")[0])

    async def upload_attachment(self, input: AttachmentInput, actor: Actor | None) -> AttachmentRecord:
        url = input.url or ""
        name = input.file_name or unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or "file"
        attributes = {"url": url, "file-name": name}
        candidate = {"candidate": to_one("candidates", input.candidate_id)}
        body = resource_doc("uploads", attributes=attributes, relationships=candidate)
        answer = await self._send("POST", "/uploads", body, R.ATTACHMENT, "create")
        record = cast("AttachmentRecord", self.written(R.ATTACHMENT, answer, "upload")[0])
        # without the include, the answer does not link the candidate it was sent for
        return (
            record if record.candidate_id else record.model_copy(update={"candidate_id": input.candidate_id})
        )


def _after_candidate(candidate_id: str, job_id: str, why: str) -> str:
    """A failed application's message once its new candidate exists (ids only: no e-mail)."""
    return (
        f"Teamtailor now has candidate {candidate_id} (the first of createApplication's two "
        f"writes, POST /candidates), but the second, the application to job {job_id[:100]}, "
        f"failed: {why}. Retrying is safe: the candidate is sent with `merge: true`, so "
        f"Teamtailor answers candidate {candidate_id} again for its e-mail instead of making "
        f'a second one (or apply with `candidateId: "{candidate_id}"`)'
    )


def _numeric(teamtailor_id: str) -> int | str:
    """An id as the notes example writes it (a JSON number), when it is one (ASCII digits:
    ``int("²")`` fails and ``int("٣")`` is 3, another record's id)."""
    return int(teamtailor_id) if is_integer(teamtailor_id) else teamtailor_id
