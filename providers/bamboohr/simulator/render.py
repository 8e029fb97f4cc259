"""Sandbox records as BambooHR payloads: the adapter's mappings inverted (``RecordMap.render``),
ids as BambooHR numbers.

A sandbox stage is rendered as an account-wide status numbered after BambooHR's own (ids from
:data:`STAGE_BASE`), so none is taken for a built-in rejecting status; a rejected application
is rendered in the built-in ``Not a Fit`` status (the stage it was rejected at is not kept:
in BambooHR the rejection *is* the status). A candidate with no application, which BambooHR
cannot hold outside an opening, is rendered as an application to a ``General Application``
opening, BambooHR's catch-all for unsolicited applicants (a draft job in both recorded accounts:
``GET_applicant_tracking_jobs.json`` id 19, and Nango's James Garcia applied to it), so the
listing still names it; that opening is rendered only when some candidate needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ...kit.mapping import Json, Wire
from ...kit.simparts import sandbox_number as number
from ...records import ApplicationRecord, CandidateRecord, Record, Resource
from ..mapping import APPLICANT, APPLICATION, DEPARTMENT, JOB, LISTS, OFFICE, STAGE, USER, ts

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
STAGE_BASE: Final = 100
NOT_A_FIT: Final = {"id": "10", "code": "NOFIT", "name": "Not a Fit"}
NEW: Final = {"id": "1", "code": "NEW", "name": "New"}
GENERAL_JOB: Final = 1_000_000
"""The General Application opening's id, past every sandbox job's number."""
DRAFT: Final = {"id": 2, "label": "Draft"}
GENERAL_BASE: Final = 1_000_000
"""A general application's id: this plus its candidate's number."""


def encode(resource: Resource, sandbox_id: str) -> str:
    return str(number(sandbox_id) + (STAGE_BASE if resource is R.JOB_INTERVIEW_STAGE else 0))


class Renderer:
    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.wire = Wire(encode=encode, ctx={"name": self.name, "status": self.status})
        self.general = [
            c for c in data.records(R.CANDIDATE) if isinstance(c, CandidateRecord) and not c.application_ids
        ]
        self._by_number: dict[Resource, dict[int, Record]] = {}

    def name(self, resource: Resource, sandbox_id: str) -> str | None:
        return getattr(self.data.get(resource, sandbox_id), "name", None)

    def status(self, a: ApplicationRecord) -> Json:
        if a.rejected_at is not None:
            return {"id": int(NOT_A_FIT["id"]), "label": NOT_A_FIT["name"]}
        if a.current_stage_id is None:
            return {"id": int(NEW["id"]), "label": NEW["name"]}
        stage = encode(R.JOB_INTERVIEW_STAGE, a.current_stage_id)
        return {"id": int(stage), "label": self.name(R.JOB_INTERVIEW_STAGE, a.current_stage_id)}

    def record(self, resource: Resource, bamboo_id: str) -> Record | None:
        """The sandbox record a BambooHR id names."""
        by = self._by_number.get(resource)
        if by is None:
            by = self._by_number[resource] = {
                int(encode(resource, r.id)): r for r in self.data.records(resource)
            }
        return by.get(int(bamboo_id)) if bamboo_id.isdigit() else None

    def application(self, a: ApplicationRecord, detail: bool = False) -> Json:
        out = APPLICATION.render(a, self.wire)
        candidate = self.data.get(R.CANDIDATE, a.candidate_id or "")
        if candidate is not None:
            out["applicant"] = {**APPLICANT.render(candidate, self.wire), **out["applicant"]}
        job = self.data.get(R.JOB, a.job_id or "")
        out["job"] = {**out.get("job", {}), "title": {"id": None, "label": getattr(job, "name", None)}}
        return self.detailed(out, a.rejected_at or a.updated_at) if detail else out

    @staticmethod
    def detailed(out: Json, changed: Any) -> Json:
        out["status"]["dateChanged"] = ts(changed) if changed else None
        out["status"]["changedByUser"] = None
        extra = ("resumeFileId", "coverLetterFileId", "referredBy", "desiredSalary", "attachments")
        return {**out, **dict.fromkeys(extra), "questionsAndAnswers": [], "commentCount": 0}

    def general_application(self, c: CandidateRecord, detail: bool = False) -> Json:
        out: Json = {
            "id": GENERAL_BASE + number(c.id),
            "appliedDate": ts(c.created_at) if c.created_at else None,
            "status": {"id": int(NEW["id"]), "label": NEW["name"]},
            "rating": None,
            "applicant": APPLICANT.render(c, self.wire),
            "job": {"id": GENERAL_JOB, "title": {"id": None, "label": "General Application"}},
        }
        return self.detailed(out, c.created_at) if detail else out

    def applications(self) -> list[Json]:
        listed = [
            self.application(a) for a in self.data.records(R.APPLICATION) if isinstance(a, ApplicationRecord)
        ]
        return listed + [self.general_application(c) for c in self.general]

    def jobs(self) -> list[Json]:
        out = [JOB.render(j, self.wire) for j in self.data.records(R.JOB)]
        if self.general:
            title = {"id": None, "label": "General Application"}
            blank = dict.fromkeys(("postedDate", "department", "location", "postingUrl"))
            out.append({**JOB.template, **blank, "id": GENERAL_JOB, "title": title, "status": DRAFT})
        return out

    def statuses(self) -> list[Json]:
        built_in = [{**STAGE.template, **s, "manageable": False} for s in (NEW, NOT_A_FIT)]
        return built_in + [STAGE.render(s, self.wire) for s in self.data.records(R.JOB_INTERVIEW_STAGE)]

    def users(self) -> dict[str, Json]:
        return {encode(R.USER, u.id): USER.render(u, self.wire) for u in self.data.records(R.USER)}

    def lists(self) -> list[Json]:
        out = []
        for resource, map in ((R.DEPARTMENT, DEPARTMENT), (R.OFFICE, OFFICE)):
            field_id, alias, name = LISTS[resource]
            options = [map.render(r, self.wire) for r in self.data.records(resource)]
            out.append(
                {"id": field_id, "fieldId": field_id, "alias": alias, "name": name, "options": options}
            )
        return out
