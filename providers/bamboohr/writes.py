"""BambooHR's applicant-tracking writes, as the fixtures record them (bamboozled's
``lib/bamboozled/api/applicant_tracking.rb`` builds the bodies; its recorded answers are
``POST_applicant_tracking_applications_{id}_{status,comments}.json``):

- a stage move is ``POST applicant_tracking/applications/{id}/status`` ``{"status": <id>}``,
  answered ``{"type": "positionApplicantStatus", "id": …}``: the application is read back;
- a rejection is the same move to the built-in ``Not a Fit`` status (BambooHR has no reasons);
- a note is ``POST applicant_tracking/applications/{id}/comments``
  ``{"type": "comment", "comment": …}``, answered ``{"type": "comment", "id": …}``: comments
  belong to an application, so a note needs ``applicationId``.

Writes are made as the API key's user (BambooHR takes no acting user).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Final, cast

from ..errors import ProviderError, WriteOutcomeUnknown, WriteRefused
from ..http import decode_json
from ..kit.resources import get_records, path_to
from ..records import ActivityRecord, ActivityType, ApplicationRecord, CandidateRecord, Resource
from ..writes import Actor, NoteInput, Rejection, StageMove

if TYPE_CHECKING:
    from .adapter import BambooHRAdapter

R = Resource
NOT_A_FIT: Final = 10
"""The built-in rejecting status ``NOFIT`` (``mapping.REJECTING``) a rejection moves to."""


class BambooHRWrites:
    write_fields: ClassVar[Mapping[str, frozenset[str]]] = {
        "reject_application": frozenset({"applicationId"}),  # no reasons, notes or e-mails
        "add_note": frozenset({"candidateId", "applicationId", "body"}),
    }
    write_required: ClassVar[Mapping[str, frozenset[str]]] = {"add_note": frozenset({"applicationId"})}

    async def move_application_stage(self, input: StageMove, actor: Actor | None) -> ApplicationRecord:
        if not input.stage_id.isdigit():
            raise self._me._refused("input.stageId", f"'{input.stage_id[:100]}' is not a BambooHR status id")
        return await self._status(input.application_id, int(input.stage_id))

    async def reject_application(self, input: Rejection, actor: Actor | None) -> ApplicationRecord:
        return await self._status(input.application_id, NOT_A_FIT)

    async def add_note(self, input: NoteInput, actor: Actor | None) -> ActivityRecord:
        application = input.application_id or ""
        body = {"type": "comment", "comment": input.body}
        answer = await self._send("/{id}/comments", application, body, R.ACTIVITY)
        comment = answer.get("id") if isinstance(answer, Mapping) else None
        if not isinstance(comment, int | str) or comment == "":
            raise self._unknown("comment", application, "the answer names no comment id")
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
    @property
    def _me(self) -> BambooHRAdapter:
        return cast("BambooHRAdapter", self)

    def _refused(self, field: str, message: str) -> WriteRefused:
        me = self._me
        return WriteRefused(message, provider=me.name, connection=me.connection.name, field=field)

    def _unknown(self, what: str, application: str, why: str) -> WriteOutcomeUnknown:
        """Accepted (a 2xx), but its result cannot be read: the client must check."""
        me = self._me
        message = f"BambooHR accepted the {what} (application {application}), but its result could not be read ({why})"
        return WriteOutcomeUnknown(message, provider=me.name, connection=me.connection.name)

    async def _send(self, action: str, application: str, body: Any, resource: Resource) -> Any:
        """One POST under the application, one attempt (``UpstreamHttp.request`` never retries it)."""
        me = self._me
        e = me.endpoints(R.APPLICATION)
        try:
            path = path_to(me, e, f"{e.list}{action}", application)
        except ProviderError as exc:
            raise self._refused("input.applicationId", exc.message) from None
        ctx = me.ctx(resource, "create" if resource is R.ACTIVITY else "update")
        response = await me.upstream.request("POST", path, json=body, ctx=ctx)
        return decode_json(response, ctx) if response.content.strip() else None

    async def _status(self, application: str, status: int) -> ApplicationRecord:
        await self._send("/{id}/status", application, {"status": status}, R.APPLICATION)
        me = self._me
        try:
            (found,) = await get_records(me, me.endpoints(R.APPLICATION), [application])
        except ProviderError as exc:
            raise self._unknown("status change", application, exc.message) from exc
        if not isinstance(found, ApplicationRecord):
            raise self._unknown("status change", application, "BambooHR has no such application any more")
        self._keep(found)
        return found

    def _keep(self, application: ApplicationRecord) -> None:
        """The kept applicants (``BambooHRAdapter._applicants``) take the application as it now is,
        so candidates listed within ``tables_ttl_s`` are not stale."""
        me = self._me
        kept = me.tables.peek("applicants")
        if kept is None:
            return

        def fresh(c: CandidateRecord) -> CandidateRecord:
            if application.id not in (c.application_ids or ()):
                return c
            embedded = tuple(application if r.id == application.id else r for r in c.embedded)
            return c.model_copy(update={"embedded": embedded})

        me.tables.put("applicants", [fresh(c) for c in cast("list[CandidateRecord]", kept)])
