"""BambooHR's applicant-tracking writes, as the fixtures record them (bamboozled's
``lib/bamboozled/api/applicant_tracking.rb`` builds the bodies; its recorded answers are
``POST_applicant_tracking_applications_{id}_{status,comments}.json``):

- a stage move is ``POST applicant_tracking/applications/{id}/status`` ``{"status": <id>}``,
  answered ``{"type": "positionApplicantStatus", "id": …}``: the application is read back;
- a rejection is the same move to the built-in ``Not a Fit`` status (BambooHR has no reasons);
- a note is ``POST applicant_tracking/applications/{id}/comments``
  ``{"type": "comment", "comment": …}``, answered ``{"type": "comment", "id": …}``: comments
  belong to an application, so a note needs ``applicationId``;
- an application is ``POST applicant_tracking/application`` (singular) ``{firstName, lastName,
  jobId, email}``, which makes a new applicant with it (there is no other way to make one), as
  Nango recorded (``recorded-nango/POST_applicant_tracking_application.create-applicant*.json``):
  see ``apply.py``.

Writes are made as the API key's user (BambooHR takes no acting user).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Final, cast

from ..errors import ProviderError
from ..http import decode_json
from ..kit.adapter import HttpAdapter
from ..kit.ids import is_integer
from ..kit.resources import get_records
from ..kit.writing import keep_embedded, keep_record, send_write, write_path, write_refused, write_unknown
from ..records import ActivityRecord, ActivityType, ApplicationRecord, Resource
from ..writes import Actor, ApplicationInput, NoteInput, Rejection, StageMove
from . import apply
from . import payloads as p
from .mapping import APPLICATION, candidates

R = Resource
NOT_A_FIT: Final = 10
"""The built-in rejecting status ``NOFIT`` (``mapping.REJECTING``) a rejection moves to."""


class BambooHRWrites(HttpAdapter):
    write_fields: ClassVar[Mapping[str, frozenset[str]]] = {
        "reject_application": frozenset({"applicationId"}),  # no reasons, notes or e-mails
        "add_note": frozenset({"candidateId", "applicationId", "body"}),
        # a new applicant only (``apply.py``): no stage, source, answers or existing candidate
        "create_application": frozenset({"jobId", "candidate", "onDuplicateCandidate"}),
    }
    write_required: ClassVar[Mapping[str, frozenset[str]]] = {"add_note": frozenset({"applicationId"})}
    inline_candidate_fields: ClassVar[frozenset[str] | None] = frozenset({"firstName", "lastName", "emails"})
    inline_candidate_required: ClassVar[frozenset[str]] = frozenset({"firstName", "lastName"})

    async def create_application(self, input: ApplicationInput, actor: Actor | None) -> ApplicationRecord:
        """One POST, then the job's applications read afresh for the one the answer names."""
        if input.candidate is None:
            raise write_refused(
                self,
                "input.onDuplicateCandidate",
                "BambooHR makes a new applicant with each application and cannot apply an existing "
                "candidate: pass `onDuplicateCandidate: CREATE` with the candidate given inline",
            )
        if not is_integer(input.job_id):  # str.isdigit takes "²" (int() fails) and "٣" (a 3)
            raise write_refused(self, "input.jobId", f"'{input.job_id[:100]}' is not a BambooHR job id")
        body = apply.body(int(input.job_id), input.candidate)
        ctx = self.ctx(R.APPLICATION, "create")
        response = await self.upstream.request("POST", apply.PATH, json=body, ctx=ctx)
        where = f"for job {input.job_id}"
        try:
            made = apply.made_id(decode_json(response, ctx))
        except ProviderError as exc:
            raise write_unknown(self, "application", exc.message, where) from exc
        if made is None:
            raise write_unknown(self, "application", "the answer names no candidate id", where)
        return await self._applied(input.job_id, made, body)

    async def _applied(self, job: str, made: str, sent: Mapping[str, Any]) -> ApplicationRecord:
        """The new application, from the job's listing read now (the kept one predates it)."""
        e = self.endpoints(R.APPLICATION)
        where = f"for job {job}, candidate id {made}"
        try:
            listed = await self.fetch_all(
                p.Application,
                e.list or "",
                self.ctx(R.APPLICATION, "list"),
                params={**e.params, "jobId": job},
                page_size=1,
                field=e.items,
            )
        except ProviderError as exc:
            raise write_unknown(self, "application", exc.message, where) from exc
        found = apply.pick(listed, made, sent)
        if found is None:
            raise write_unknown(self, "application", "the job's applications list none of it", where)
        # the kept applicants take the new one (one read of the listing may have taken it already)
        keep_record(self, "applicants", candidates([found])[0])
        return APPLICATION.read(found)

    async def move_application_stage(self, input: StageMove, actor: Actor | None) -> ApplicationRecord:
        if not is_integer(input.stage_id):
            raise write_refused(
                self, "input.stageId", f"'{input.stage_id[:100]}' is not a BambooHR status id"
            )
        return await self._status(input.application_id, int(input.stage_id))

    async def reject_application(self, input: Rejection, actor: Actor | None) -> ApplicationRecord:
        return await self._status(input.application_id, NOT_A_FIT)

    async def add_note(self, input: NoteInput, actor: Actor | None) -> ActivityRecord:
        application = input.application_id or ""
        body = {"type": "comment", "comment": input.body}
        answer = await self._send("/{id}/comments", application, body, R.ACTIVITY)
        comment = answer.get("id") if isinstance(answer, Mapping) else None
        if not isinstance(comment, int | str) or comment == "":
            raise write_unknown(
                self, "comment", "the answer names no comment id", f"application {application}"
            )
        return ActivityRecord(
            id=str(comment),
            remote_id=str(comment),
            remote_data=cast("Any", answer),
            candidate_id=input.candidate_id,
            activity_type=ActivityType.NOTE,
            raw_activity_type="comment",
            body=input.body,
        )

    # -- helpers -------------------------------------------------------------------------------
    async def _send(self, action: str, application: str, body: Any, resource: Resource) -> Any:
        """One POST under the application (one attempt: ``send_write``)."""
        template = apply.APPLICATIONS + action
        path = write_path(self, R.APPLICATION, template, application, "input.applicationId")
        ctx = self.ctx(resource, "create" if resource is R.ACTIVITY else "update")
        return await send_write(self, "POST", path, body, ctx)

    async def _status(self, application: str, status: int) -> ApplicationRecord:
        await self._send("/{id}/status", application, {"status": status}, R.APPLICATION)
        where = f"application {application}"
        try:
            (found,) = await get_records(self, self.endpoints(R.APPLICATION), [application])
        except ProviderError as exc:
            raise write_unknown(self, "status change", exc.message, where) from exc
        if not isinstance(found, ApplicationRecord):
            raise write_unknown(self, "status change", "BambooHR has no such application any more", where)
        keep_embedded(self, "applicants", found)  # the kept applicants (the adapter's)
        return found
