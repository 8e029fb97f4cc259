"""The sandbox's writes: each checks everything first, then lands as one change set.

A :class:`SandboxWriter` works on one dataset for one connection. Every method either raises
``WriteRefused`` (naming the input field, with nothing changed) or builds the records the
write puts and hands them to ``Dataset.apply`` once, so a write is all or nothing and costs
one dataset change. Timestamps are the wall clock (``clock``), unlike the generated records,
which are anchored at ``REFERENCE``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar, cast
from urllib.parse import quote

from ..errors import WriteRefused
from ..records import (
    ActivityRecord,
    ActivityType,
    ApplicationRecord,
    AttachmentRecord,
    CandidateRecord,
    JobInterviewStageRecord,
    Record,
    Resource,
    Source,
    TagRecord,
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
from . import vocabulary as V
from .dataset import Dataset

R = Resource
T = TypeVar("T", bound=Record)
Puts = list[tuple[Resource, Record]]


_UPDATABLE = (
    "first_name",
    "last_name",
    "company",
    "title",
    "is_private",
    "emails",
    "phones",
    "urls",
    "locations",
)


def _now() -> datetime:
    return datetime.now(UTC)


class SandboxWriter:
    def __init__(
        self, data: Dataset, provider: str, connection: str, clock: Callable[[], datetime] = _now
    ) -> None:
        self.data = data
        self.provider = provider
        self.connection = connection
        self.clock = clock

    # -- checks ------------------------------------------------------------------------------
    def refused(self, field: str, message: str) -> WriteRefused:
        return WriteRefused(message, provider=self.provider, connection=self.connection, field=field)

    def _existing(self, resource: Resource, record_id: str, field: str, kind: type[T]) -> T:
        found = self.data.get(resource, record_id)
        if found is None:
            raise self.refused(field, f"there is no {resource.value.replace('_', ' ')} '{record_id[:100]}'")
        return cast("T", found)

    def check_actor(self, actor: Actor | None) -> None:
        if actor is not None and self.data.get(R.USER, actor.id) is None:
            raise self.refused("actorId", f"there is no user '{actor.id[:100]}' to act as")

    def _open_application(self, application_id: str) -> ApplicationRecord:
        app = self._existing(R.APPLICATION, application_id, "input.applicationId", ApplicationRecord)
        if app.rejected_at is not None:
            raise self.refused("input.applicationId", "the application is rejected; unreject it first")
        return app

    def _stages(self, job_id: str | None) -> list[JobInterviewStageRecord]:
        stages = self.data.children(R.JOB_INTERVIEW_STAGE, "job").get(job_id or "", ())
        return sorted(cast("Sequence[JobInterviewStageRecord]", stages), key=lambda s: s.position or 0)

    # -- building ----------------------------------------------------------------------------
    def _tag_ids(self, names: Iterable[str], puts: Puts, now: datetime) -> tuple[str, ...]:
        """The ids of the tags called ``names`` (case-insensitive), new tags put for the others."""
        known = {(cast("TagRecord", t).name or "").casefold(): t.id for t in self.data.records(R.TAG)}
        ids: list[str] = []
        for name in names:
            tag_id = known.get(name.casefold())
            if tag_id is None:
                tag_id = self._next_id(R.TAG, puts)
                puts.append(
                    (R.TAG, TagRecord(id=tag_id, remote_id=tag_id, name=name, created_at=now, updated_at=now))
                )
                known[name.casefold()] = tag_id
            if tag_id not in ids:
                ids.append(tag_id)
        return tuple(ids)

    def _next_id(self, resource: Resource, puts: Puts) -> str:
        # New records of one change set are not in the dataset yet: count them in.
        pending = sum(1 for r, rec in puts if r is resource and self.data.get(r, rec.id) is None)
        base = self.data.next_id(resource)
        if not pending:
            return base
        prefix, _, number = base.rpartition("_")
        return f"{prefix}_{int(number) + pending:0{len(number)}d}"

    def _new_candidate(self, given: CandidateInput, puts: Puts, now: datetime) -> CandidateRecord:
        cid = self._next_id(R.CANDIDATE, puts)
        tag_ids = self._tag_ids(given.tags, puts, now)
        name = " ".join(p for p in (given.first_name, given.last_name) if p) or None
        return CandidateRecord(
            id=cid,
            remote_id=cid,
            first_name=given.first_name,
            last_name=given.last_name,
            name=name,
            company=given.company,
            title=given.title,
            is_private=given.is_private if given.is_private is not None else False,
            can_email=bool(given.emails),
            locations=given.locations,
            phones=given.phones,
            emails=given.emails,
            urls=given.urls,
            tag_ids=tag_ids,
            application_ids=(),
            attachment_ids=(),
            created_at=now,
            updated_at=now,
            last_interaction_at=now,
        )

    def _land(self, puts: Puts, result: T) -> T:
        self.data.apply(puts)
        return result

    # -- the writes ----------------------------------------------------------------------------
    def create_candidate(self, given: CandidateInput) -> CandidateRecord:
        now, puts = self.clock(), cast("Puts", [])
        candidate = self._new_candidate(given, puts, now)
        puts.append((R.CANDIDATE, candidate))
        return self._land(puts, candidate)

    def update_candidate(self, given: CandidateUpdate) -> CandidateRecord:
        old = self._existing(R.CANDIDATE, given.candidate_id, "input.id", CandidateRecord)
        changes: dict[str, Any] = {
            name: value for name in _UPDATABLE if (value := getattr(given, name)) is not None
        }
        if "first_name" in changes or "last_name" in changes:
            first = changes.get("first_name", old.first_name)
            last = changes.get("last_name", old.last_name)
            changes["name"] = " ".join(p for p in (first, last) if p) or None
        if "emails" in changes:
            changes["can_email"] = bool(changes["emails"])
        changes["updated_at"] = self.clock()
        new = old.model_copy(update=changes)
        return self._land([(R.CANDIDATE, new)], new)

    def create_application(self, given: ApplicationInput) -> ApplicationRecord:
        job = self._existing(R.JOB, given.job_id, "input.jobId", Record)
        stages = self._stages(job.id)
        if given.stage_id is not None:
            stage = next((s for s in stages if s.id == given.stage_id), None)
            if stage is None:
                raise self.refused(
                    "input.stageId", f"stage '{given.stage_id[:100]}' is not one of the job's stages"
                )
        elif stages:
            stage = stages[0]
        else:
            raise self.refused("input.jobId", "the job has no stages to start in")
        now, puts = self.clock(), cast("Puts", [])
        if given.candidate_id is not None:
            candidate = self._existing(R.CANDIDATE, given.candidate_id, "input.candidateId", CandidateRecord)
            applied = self.data.children(R.APPLICATION, "candidate").get(candidate.id, ())
            if any(cast("ApplicationRecord", a).job_id == job.id for a in applied):
                raise self.refused("input.jobId", "the candidate has already applied to this job")
        elif given.candidate is not None:
            candidate = self._new_candidate(given.candidate, puts, now)
        else:
            raise self.refused("input.candidateId", "give candidateId or candidate")
        app_id = self._next_id(R.APPLICATION, puts)
        application = ApplicationRecord(
            id=app_id,
            remote_id=app_id,
            candidate_id=candidate.id,
            job_id=job.id,
            applied_at=now,
            source=None if given.source is None else Source(name=given.source),
            current_stage_id=stage.id,
            attachment_ids=(),
            created_at=now,
            updated_at=now,
        )
        candidate = candidate.model_copy(
            update={
                "application_ids": (*(candidate.application_ids or ()), app_id),
                "updated_at": now,
                "last_interaction_at": now,
            }
        )
        puts += [(R.CANDIDATE, candidate), (R.APPLICATION, application)]
        if given.answers:
            self.data.answers[app_id] = tuple((a.question, a.answer) for a in given.answers)
        return self._land(puts, application)

    def move_application_stage(self, given: StageMove) -> ApplicationRecord:
        app = self._open_application(given.application_id)
        if given.stage_id not in {s.id for s in self._stages(app.job_id)}:
            raise self.refused(
                "input.stageId",
                f"stage '{given.stage_id[:100]}' is not one of the application's job's stages",
            )
        new = app.model_copy(update={"current_stage_id": given.stage_id, "updated_at": self.clock()})
        return self._land([(R.APPLICATION, new)], new)

    def reject_application(self, given: Rejection, actor: Actor | None) -> ApplicationRecord:
        app = self._open_application(given.application_id)
        if given.reject_reason_id is not None:
            self._existing(R.REJECT_REASON, given.reject_reason_id, "input.rejectReasonId", Record)
        now, puts = self.clock(), cast("Puts", [])
        new = app.model_copy(
            update={"rejected_at": now, "reject_reason_id": given.reject_reason_id, "updated_at": now}
        )
        puts.append((R.APPLICATION, new))
        if given.note:
            puts.append((R.ACTIVITY, self._note(app.candidate_id or "", given.note, actor, None, puts, now)))
        return self._land(puts, new)

    def unreject_application(self, given: ApplicationRef) -> ApplicationRecord:
        app = self._existing(R.APPLICATION, given.application_id, "input.applicationId", ApplicationRecord)
        if app.rejected_at is None:
            raise self.refused("input.applicationId", "the application is not rejected")
        new = app.model_copy(
            update={"rejected_at": None, "reject_reason_id": None, "updated_at": self.clock()}
        )
        return self._land([(R.APPLICATION, new)], new)

    def hire_application(self, given: ApplicationRef) -> ApplicationRecord:
        """Hired, in the sandbox, is being in the job's last stage (the offer) and not rejected."""
        app = self._open_application(given.application_id)
        stages = self._stages(app.job_id)
        if not stages:
            raise self.refused("input.applicationId", "the application's job has no stages")
        new = app.model_copy(update={"current_stage_id": stages[-1].id, "updated_at": self.clock()})
        return self._land([(R.APPLICATION, new)], new)

    def add_note(self, given: NoteInput, actor: Actor | None) -> ActivityRecord:
        self._existing(R.CANDIDATE, given.candidate_id, "input.candidateId", CandidateRecord)
        if given.application_id is not None:
            self._application_of(given.application_id, given.candidate_id)
        now, puts = self.clock(), cast("Puts", [])
        note = self._note(given.candidate_id, given.body, actor, given.visibility, puts, now)
        return self._land([(R.ACTIVITY, note)], note)

    def _note(
        self, candidate_id: str, body: str, actor: Actor | None, visibility: Any, puts: Puts, now: datetime
    ) -> ActivityRecord:
        aid = self._next_id(R.ACTIVITY, puts)
        return ActivityRecord(
            id=aid,
            remote_id=aid,
            candidate_id=candidate_id,
            actor_id=None if actor is None else actor.id,
            activity_type=ActivityType.NOTE,
            raw_activity_type="note",
            body=body,
            visibility=visibility,
            raw_visibility=None if visibility is None else str(visibility),
            created_at=now,
            updated_at=now,
        )

    def _application_of(self, application_id: str, candidate_id: str) -> ApplicationRecord:
        app = self._existing(R.APPLICATION, application_id, "input.applicationId", ApplicationRecord)
        if app.candidate_id != candidate_id:
            raise self.refused("input.applicationId", "the application is not the candidate's")
        return app

    def upload_attachment(self, given: AttachmentInput) -> AttachmentRecord:
        candidate = self._existing(R.CANDIDATE, given.candidate_id, "input.candidateId", CandidateRecord)
        app = (
            None if given.application_id is None else self._application_of(given.application_id, candidate.id)
        )
        if given.content is None:
            raise self.refused("input.file", "the sandbox stores files it is given: send the file")
        now, puts = self.clock(), cast("Puts", [])
        aid = self._next_id(R.ATTACHMENT, puts)
        attachment = AttachmentRecord(
            id=aid,
            remote_id=aid,
            file_name=given.file_name,
            file_url=f"{V.FILES_URL}/{aid}/{quote(given.file_name)}",
            candidate_id=candidate.id,
            application_id=None if app is None else app.id,
            job_id=None if app is None else app.job_id,
            attachment_type=given.attachment_type,
            raw_attachment_type=str(given.attachment_type),
            created_at=now,
            updated_at=now,
        )
        puts.append((R.ATTACHMENT, attachment))
        puts.append(
            (
                R.CANDIDATE,
                candidate.model_copy(
                    update={"attachment_ids": (*(candidate.attachment_ids or ()), aid), "updated_at": now}
                ),
            )
        )
        if app is not None and app.attachment_ids is not None:
            puts.append(
                (R.APPLICATION, app.model_copy(update={"attachment_ids": (*app.attachment_ids, aid)}))
            )
        self.data.files[aid] = given.content
        return self._land(puts, attachment)

    def create_tag(self, name: str) -> TagRecord:
        """The account's tag called ``name``, made if no tag has that name (any case)."""
        now, puts = self.clock(), cast("Puts", [])
        [tag_id] = self._tag_ids([name], puts, now)
        self.data.apply(puts)
        return cast("TagRecord", self.data.get(R.TAG, tag_id))

    def change_tags(self, given: TagChange, add: bool) -> CandidateRecord:
        candidate = self._existing(R.CANDIDATE, given.candidate_id, "input.candidateId", CandidateRecord)
        now, puts = self.clock(), cast("Puts", [])
        current = tuple(candidate.tag_ids or ())
        if add:
            tag_ids = tuple(dict.fromkeys((*current, *self._tag_ids(given.tags, puts, now))))
        else:
            names = {t.casefold() for t in given.tags}
            by_id = self.data.by_id(R.TAG)
            tag_ids = tuple(
                t for t in current if (cast("TagRecord", by_id[t]).name or "").casefold() not in names
            )
        new = candidate.model_copy(update={"tag_ids": tag_ids, "updated_at": now})
        puts.append((R.CANDIDATE, new))
        return self._land(puts, new)
