"""Workable's writes (``providers/writes``), through the SPI v3 write endpoints.

Request bodies are the recorded ones (``shared/fixtures/providers/workable/*.request.json``):
- updateCandidate: ``PATCH /candidates/{id}`` ``{"candidate": {...}}``, answered with the candidate;
- createCandidate: ``POST /talent_pool/candidates`` ``{"sourced": true, "candidate": {...}}`` (a
  Workable candidate belongs to a job or to the talent pool; the unified candidate has no job);
- createApplication: a new person ``POST /jobs/{shortcode}/candidates`` ``{"candidate": {...}}``;
  an existing one ``POST /candidates/{id}/copy`` ``{member_id, target_job_shortcode, target_stage}``
  (a Workable candidate is job-scoped: applying to another job is a copy of it);
- moveApplicationStage ``POST /candidates/{id}/move``, rejectApplication ``.../disqualify``,
  unrejectApplication ``.../revert``, addNote ``.../comments``: each names the acting member
  (``member_id``), which is why every Workable write needs an acting user (``actor_required``);
- add/removeCandidateTags: ``PUT /candidates/{id}/tags`` replaces the whole list.

Call counts: the write itself is always exactly one request, never retried. Move, disqualify and
revert answer with an empty body, and copy with only the new id, so the changed record is read
back (``GET /candidates/{id}``) after the write; ``PUT .../tags`` replaces the list, so the
candidate is read first (the only read-before-write). An application's stage and reason ids come
from the job's stage table and the reasons table, which the adapter keeps (``TABLES_TTL_S``):
a cold adapter reads them once. A read back that fails after the write succeeded answers
WRITE_OUTCOME_UNKNOWN: the write happened, but no record can be returned to say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Final, cast

from ..errors import ProviderError, WriteRefused
from ..http import parse
from ..kit.resources import children_of, fetch_record, get_records, read_records
from ..kit.tags import retagged
from ..kit.writing import WriteHelpers
from ..records import (
    ActivityRecord,
    ActivityType,
    ApplicationRecord,
    CandidateRecord,
    JobInterviewStageRecord,
    Record,
    Resource,
)
from ..writes import (
    Actor,
    ApplicationInput,
    ApplicationRef,
    CandidateInput,
    CandidateUpdate,
    NoteInput,
    Rejection,
    StageMove,
    TagChange,
)
from .mapping import CANDIDATE, split_stage_id
from .payloads import WorkableCandidate

R = Resource

_CANDIDATE_FIELDS: Final = frozenset({"firstName", "lastName", "title", "emails", "phones", "locations"})
"""What a Workable candidate body carries of the unified candidate: one e-mail, one phone, one
address (``headline`` is the title). Company, privacy and URLs have no place in it."""

GONE: Final = "Workable has no such candidate any more"
"""Why a write's record cannot be read back when its read finds none."""

WRITE_FIELDS: Final[Mapping[str, frozenset[str]]] = {
    "create_candidate": _CANDIDATE_FIELDS,
    "update_candidate": _CANDIDATE_FIELDS | {"id"},
    # ``source`` and ``answers`` need Workable's per-account source keys and question ids in the
    # body; ``stageId`` is honoured by the copy only (a new person starts in the first stage).
    "create_application": frozenset({"jobId", "candidateId", "candidate", "onDuplicateCandidate", "stageId"}),
    # Workable has no rejection e-mail template in the disqualify call.
    "reject_application": frozenset({"applicationId", "rejectReasonId", "note"}),
    # A comment is on the (job-scoped) candidate; its visibility policy is not modelled.
    "add_note": frozenset({"candidateId", "body"}),
}


def _one(values: tuple[Any, ...] | None, field: str, provider: str) -> Any:
    """The single value Workable keeps of a list field (None: none given)."""
    if not values:
        return None
    if len(values) > 1:
        raise WriteRefused(f"Workable keeps one {field[:-1]} per candidate", provider=provider, field=field)
    return values[0]


def candidate_body(given: CandidateInput | CandidateUpdate, provider: str, prefix: str) -> dict[str, Any]:
    """The ``candidate`` object of a create or update: only the keys the input sets."""
    email = _one(given.emails, f"{prefix}emails", provider)
    phone = _one(given.phones, f"{prefix}phones", provider)
    address = _one(given.locations, f"{prefix}locations", provider)
    body: dict[str, Any] = {
        "firstname": given.first_name,
        "lastname": given.last_name,
        "headline": given.title,
        "email": None if email is None else email.email,
        "phone": None if phone is None else phone.number,
        "address": address,
    }
    return {k: v for k, v in body.items() if v is not None}


class WorkableWrites(WriteHelpers):
    """Mixed into ``WorkableAdapter``; the kit's ``WriteHelpers`` sends (move, disqualify and
    revert answer an empty body)."""

    write_fields: ClassVar[Mapping[str, frozenset[str]]] = WRITE_FIELDS
    actor_required: ClassVar[bool] = True

    # -- the wire --------------------------------------------------------------------------------
    def _path(self, template: str, value: str, field: str) -> str:
        return self.id_path(R.CANDIDATE, template, value, field)

    async def _records(self, resource: Resource, answer: Any, what: str, workable_id: str) -> Record:
        """The record of the candidate a write answered with. The write has succeeded by then:
        an answer that cannot be read is an unknown outcome, not a failed write. A candidate
        needs nothing else; an application's stage and reason ids come from the adapter's kept
        tables (its embedded records are left to the loaders, which read them if selected)."""
        ctx = self.ctx(resource, "write")
        try:
            payload = parse(WorkableCandidate, _candidate_of(answer), ctx)
            if resource is R.CANDIDATE:
                return CANDIDATE.read(payload, {})
            return (await read_records(cast("Any", self), self.endpoints(resource), [payload]))[0]
        except ProviderError as exc:
            raise self.outcome_unknown(f"{what} ({workable_id})", exc.message) from exc

    @staticmethod
    def _member(actor: Actor | None) -> str:
        # actor_required: the write path refuses a write without one before calling here
        assert actor is not None
        return actor.id

    # -- candidates --------------------------------------------------------------------------------
    async def create_candidate(self, input: CandidateInput, actor: Actor | None) -> CandidateRecord:
        """A talent-pool candidate (``sourced``: added by the team, not an applicant)."""
        body = {"sourced": True, "candidate": candidate_body(input, self.name, "input.")}
        answer = await self.send("POST", "/talent_pool/candidates", body, R.CANDIDATE, "create", empty=True)
        record = await self._records(R.CANDIDATE, answer, "new candidate", "talent pool")
        return cast("CandidateRecord", record)

    async def update_candidate(self, input: CandidateUpdate, actor: Actor | None) -> CandidateRecord:
        path = self._path("/candidates/{id}", input.candidate_id, "input.id")
        body = {"candidate": candidate_body(input, self.name, "input.")}
        answer = await self.send("PATCH", path, body, R.CANDIDATE, "update", empty=True)
        record = await self._records(R.CANDIDATE, answer, "update", f"candidate {input.candidate_id}")
        return cast("CandidateRecord", record)

    # -- applications ------------------------------------------------------------------------------
    async def create_application(self, input: ApplicationInput, actor: Actor | None) -> ApplicationRecord:
        if input.candidate is not None:
            if input.stage_id is not None:
                raise self.refused(
                    "input.stageId", "a new Workable candidate starts in the job's first stage"
                )
            path = self._path("/jobs/{id}/candidates", input.job_id, "input.jobId")
            body = {"candidate": candidate_body(input.candidate, self.name, "input.candidate.")}
            answer = await self.send("POST", path, body, R.APPLICATION, "create", empty=True)
            record = await self._records(R.APPLICATION, answer, "new candidate", f"job {input.job_id}")
            return cast("ApplicationRecord", record)
        assert input.candidate_id is not None  # the write path gives exactly one of the two
        slug = await self._target_stage(input.stage_id, input.job_id)
        copy = {"member_id": self._member(actor), "target_job_shortcode": input.job_id, "target_stage": slug}
        path = self._path("/candidates/{id}/copy", input.candidate_id, "input.candidateId")
        answer = await self.send("POST", path, copy, R.APPLICATION, "create", empty=True)
        new_id = _candidate_of(answer).get("id")
        if not isinstance(new_id, str) or not new_id:
            raise self.outcome_unknown(
                f"copy (candidate {input.candidate_id})", "the answer names no new candidate"
            )
        back = await self.reread(R.APPLICATION, new_id, f"copy (candidate {new_id})", GONE)
        return cast("ApplicationRecord", back)

    async def _target_stage(self, stage_id: str | None, job_id: str) -> str:
        """The slug ``POST .../copy`` needs (``target_stage``): the given stage's, else the job's
        first stage's, read from the job's stage table (kept by the adapter)."""
        if stage_id is not None:
            stage = split_stage_id(stage_id)
            if stage is None or stage[0] != job_id:
                raise self.refused(
                    "input.stageId", f"stage '{stage_id[:100]}' is not one of the job's stages"
                )
            return stage[1]
        ordered = sorted(await self._stages(job_id), key=lambda s: s.position or 0)
        first = split_stage_id(ordered[0].id) if ordered else None
        if first is None:
            raise self.refused(
                "input.jobId", f"job '{job_id[:100]}' has no stages to copy the candidate into"
            )
        return first[1]

    async def _stages(self, job_id: str) -> list[JobInterviewStageRecord]:
        """The job's stages, from the stage table the adapter keeps."""
        e = self.endpoints(R.JOB_INTERVIEW_STAGE)
        return (await children_of(cast("Any", self), e, "job", [job_id])).get(job_id, [])  # type: ignore[return-value]

    async def move_application_stage(self, input: StageMove, actor: Actor | None) -> ApplicationRecord:
        stage = split_stage_id(input.stage_id)
        if stage is None:
            raise self.refused("input.stageId", f"'{input.stage_id[:100]}' is not a Workable stage id")
        body = {"member_id": self._member(actor), "target_stage": stage[1]}
        return await self._candidate_action(input.application_id, "move", body)

    async def reject_application(self, input: Rejection, actor: Actor | None) -> ApplicationRecord:
        body: dict[str, Any] = {"member_id": self._member(actor)}
        if input.reject_reason_id is not None:
            body["disqualify_reason_id"] = input.reject_reason_id
        if input.note is not None:
            body["disqualify_note"] = input.note
        body["withdrew"] = False  # the candidate did not withdraw: the team rejected them
        return await self._candidate_action(input.application_id, "disqualify", body)

    async def unreject_application(self, input: ApplicationRef, actor: Actor | None) -> ApplicationRecord:
        return await self._candidate_action(
            input.application_id, "revert", {"member_id": self._member(actor)}
        )

    async def hire_application(self, input: ApplicationRef, actor: Actor | None) -> ApplicationRecord:
        """The move to the job's stage of kind ``hired``: the candidate is read for its job,
        whose stages the adapter keeps (https://workable.readme.io/reference/stages: ``kind``)."""
        member = self._member(actor)
        (current,) = await get_records(
            cast("Any", self), self.endpoints(R.APPLICATION), [input.application_id]
        )
        if not isinstance(current, ApplicationRecord):  # read before writing: nothing was sent
            raise self.refused("input.applicationId", "there is no such Workable candidate")
        stages = await self._stages(current.job_id) if current.job_id else []
        hired = next((s for s in stages if s.remote_data.get("kind") == "hired"), None)
        split = split_stage_id(hired.id) if hired is not None else None
        if split is None:
            raise self.refused("input.applicationId", "the candidate's job has no stage of kind hired")
        return await self._candidate_action(
            input.application_id, "move", {"member_id": member, "target_stage": split[1]}
        )

    async def _candidate_action(self, workable_id: str, action: str, body: Any) -> ApplicationRecord:
        path = self._path(f"/candidates/{{id}}/{action}", workable_id, "input.applicationId")
        await self.send("POST", path, body, R.APPLICATION, action, empty=True)
        back = await self.reread(R.APPLICATION, workable_id, f"{action} (candidate {workable_id})", GONE)
        return cast("ApplicationRecord", back)

    # -- notes and tags ------------------------------------------------------------------------------
    async def add_note(self, input: NoteInput, actor: Actor | None) -> ActivityRecord:
        """A comment on the candidate; the answer is its id, the rest is what was sent."""
        member = self._member(actor)
        path = self._path("/candidates/{id}/comments", input.candidate_id, "input.candidateId")
        body = {"member_id": member, "comment": {"body": input.body}}
        answer = await self.send("POST", path, body, R.ACTIVITY, "create", empty=True)
        comment_id = answer.get("id") if isinstance(answer, Mapping) else None
        if not isinstance(comment_id, str | int) or comment_id == "":
            raise self.outcome_unknown(
                f"comment (candidate {input.candidate_id})", "the answer names no comment id"
            )
        return ActivityRecord(
            id=str(comment_id),
            remote_id=str(comment_id),
            candidate_id=input.candidate_id,
            actor_id=member,
            activity_type=ActivityType.NOTE,
            raw_activity_type="comment",
            body=input.body,
        )

    async def add_candidate_tags(self, input: TagChange, actor: Actor | None) -> CandidateRecord:
        return await self._retag(input, add=True)

    async def remove_candidate_tags(self, input: TagChange, actor: Actor | None) -> CandidateRecord:
        return await self._retag(input, add=False)

    async def _retag(self, input: TagChange, *, add: bool) -> CandidateRecord:
        """``PUT /candidates/{id}/tags`` replaces the list: read the candidate's tags first."""
        e = self.endpoints(R.CANDIDATE)
        path = self._path("/candidates/{id}", input.candidate_id, "input.candidateId")
        current = await fetch_record(cast("Any", self), e, path)
        if current is None:
            raise self.refused("input.candidateId", f"there is no candidate '{input.candidate_id[:100]}'")
        tags = retagged(current.tags or (), input.tags, add)
        answer = await self.send("PUT", f"{path}/tags", {"tags": tags}, R.CANDIDATE, "tags", empty=True)
        written = answer.get("tags") if isinstance(answer, Mapping) else None
        final = written if isinstance(written, list) else tags
        return CANDIDATE.read(current.model_copy(update={"tags": [str(t) for t in final]}), {})


def _candidate_of(answer: Any) -> Mapping[str, Any]:
    """The ``candidate`` object of a write's answer (``{"status": "created", "candidate": ...}``)."""
    found = answer.get("candidate") if isinstance(answer, Mapping) else None
    return found if isinstance(found, Mapping) else {}
