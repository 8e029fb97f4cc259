"""Sandbox records as SmartRecruiters JSON: the adapter's record maps inverted
(``RecordMap.render``), ids as UUIDs that encode the sandbox's, and each application rendered
as its candidate's assignment to its job (status and sub-status from its stage)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...kit.mapping import Ctx, Json, RecordMap, Wire
from ...kit.simreads import sandbox_id_of, uuid_of
from ...kit.tags import tag_name
from ...records import (
    ApplicationRecord,
    CandidateRecord,
    JobInterviewStageRecord,
    JobRecord,
    Record,
    Resource,
)
from ..mapping import CANDIDATE, DEPARTMENT, JOB, REJECT_REASON

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource


encode = uuid_of
"""A sandbox id as a SmartRecruiters id (a UUID)."""
decode = sandbox_id_of


def status_of(app: ApplicationRecord, stage: JobInterviewStageRecord | None) -> str:
    """The fixed status an application's stage stands for (the sandbox's stage is its sub-status)."""
    if app.rejected_at is not None:
        return "REJECTED"
    name = (stage.name if stage else "") or ""
    if "Offer" in name:
        return "OFFERED"
    return "IN_REVIEW" if stage is None or not stage.position else "INTERVIEW"


class Renderer:
    def __init__(self, dataset: Dataset) -> None:
        self.data = dataset
        ctx: Ctx = {"tag_name": lambda i: tag_name(self.data, i), "job_of": self.job_of}
        self.wire = Wire(encode=lambda _r, i: encode(i), ctx=ctx)

    def rebind(self, dataset: Dataset) -> None:
        """Render ``dataset`` (a write forked it): the routes hold this renderer's methods, so
        it is rebound rather than replaced."""
        self.data = dataset

    def job_of(self, application_id: str | None) -> str | None:
        """The wire id of an application's job (which a review and an interview name)."""
        app = self.data.get(R.APPLICATION, application_id or "")
        return encode(app.job_id) if isinstance(app, ApplicationRecord) and app.job_id else None

    def record(self, resource: Resource, value: str) -> Record | None:
        found = decode(value)
        return self.data.get(resource, found) if found else None

    def application(self, candidate: str, job: str) -> ApplicationRecord | None:
        cid, jid = decode(candidate), decode(job)
        apps = self.data.children(R.APPLICATION, "candidate").get(cid or "", ())
        return next((a for a in apps if isinstance(a, ApplicationRecord) and a.job_id == jid), None)

    def assignment(self, app: Record, whole: bool = True) -> Json:
        assert isinstance(app, ApplicationRecord)
        job = self.data.get(R.JOB, app.job_id or "")
        ref: Json = {"id": encode(app.job_id or "")}
        if not whole:  # a listed candidate's secondary assignments carry only their job
            return {"job": ref}
        stage = self.data.get(R.JOB_INTERVIEW_STAGE, app.current_stage_id or "")
        stage = stage if isinstance(stage, JobInterviewStageRecord) else None
        reason = self.data.get(R.REJECT_REASON, app.reject_reason_id or "")
        return {
            "job": {**ref, "title": job.name if isinstance(job, JobRecord) else None},
            "status": status_of(app, stage),
            "subStatus": stage.name if stage else None,
            "source": app.source.name if app.source else None,
            "reasonOfRejection": REJECT_REASON.render(reason, self.wire) if reason is not None else None,
        }

    def candidate(self, c: Record, listed: bool = False) -> Json:
        """A candidate with its assignments (``listed``: as the list has it, its secondary
        assignments carrying only their job)."""
        assert isinstance(c, CandidateRecord)
        out = CANDIDATE.render(c, self.wire)
        apps = self.data.children(R.APPLICATION, "candidate").get(c.id, ())
        if apps:
            out["primaryAssignment"] = self.assignment(apps[0])
            out["secondaryAssignments"] = [self.assignment(a, whole=not listed) for a in apps[1:]]
        return out

    def job(self, j: Record) -> Json:
        assert isinstance(j, JobRecord)
        out = JOB.render(j, self.wire)
        department = self.data.get(R.DEPARTMENT, j.department_ids[0]) if j.department_ids else None
        if department is not None:
            out["department"] = DEPARTMENT.render(department, self.wire)
        return out

    def by(self, how: RecordMap[Any]) -> Callable[[Record], Json]:
        """Records rendered by the inverted ``how``."""
        return lambda r: how.render(r, self.wire)
