"""Sandbox job-side records rendered as Greenhouse Harvest v1 JSON (see ``simulator_wire``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date
from typing import cast

from ..records import (
    DepartmentRecord,
    InterviewRecord,
    JobFormFieldRecord,
    JobInterviewStageRecord,
    JobRecord,
    OfferRecord,
    OfficeRecord,
    ScorecardRecord,
)
from .simulator_wire import (
    JSON,
    SIM_FORM_TYPE,
    SIM_INTERVIEW_STATUS,
    SIM_JOB_STATUS,
    SIM_OFFER_STATUS,
    SIM_RECOMMENDATION,
    R,
    RendererBase,
    _raw,
    encode_id,
    ts,
)


class JobsRenderer(RendererBase):
    def department(self, d: DepartmentRecord, *, embedded: bool = False) -> JSON:
        children = [encode_id(x.id) for x in self.data.children(R.DEPARTMENT, "parent").get(d.id, ())]
        parent = encode_id(d.parent_id) if d.parent_id else None
        if embedded:  # the shape jobs embed
            return {
                "id": encode_id(d.id),
                "name": d.name,
                "parent_id": parent,
                "child_ids": children,
                "external_id": None,
            }
        return {
            "id": encode_id(d.id),
            "name": d.name,
            "parent_id": parent,
            "parent_department_external_id": None,
            "child_ids": children,
            "child_department_external_ids": [None for _ in children],
            "external_id": None,
        }

    def office(self, o: OfficeRecord, *, embedded: bool = False) -> JSON:
        children = [encode_id(x.id) for x in self.data.children(R.OFFICE, "parent").get(o.id, ())]
        out: JSON = {
            "id": encode_id(o.id),
            "name": o.name,
            "location": {"name": o.location} if o.location is not None else None,
            "primary_contact_user_id": None,
            "parent_id": encode_id(o.parent_id) if o.parent_id else None,
        }
        if not embedded:
            out["parent_office_external_id"] = None
        out["child_ids"] = children
        if not embedded:
            out["child_office_external_ids"] = [None for _ in children]
        out["external_id"] = None
        return out

    def job(self, j: JobRecord) -> JSON:
        departments = cast("Mapping[str, DepartmentRecord]", self.data.by_id(R.DEPARTMENT))
        offices = cast("Mapping[str, OfficeRecord]", self.data.by_id(R.OFFICE))
        return {
            "id": encode_id(j.id),
            "name": j.name,
            "requisition_id": j.requisition_id,
            "notes": None,
            "confidential": j.confidential,
            "status": _raw(j.status, SIM_JOB_STATUS, j.raw_status),
            "created_at": ts(j.created_at),
            "opened_at": ts(j.opened_at),
            "closed_at": ts(j.closed_at),
            "updated_at": ts(j.updated_at),
            "is_template": False,
            "copied_from_id": None,
            "departments": [self.department(departments[d], embedded=True) for d in j.department_ids],
            "offices": [self.office(offices[o], embedded=True) for o in j.office_ids],
            "custom_fields": {},
            "keyed_custom_fields": {},
            "hiring_team": {
                "hiring_managers": [self.user_stub(u) for u in j.hiring_manager_ids],
                "recruiters": [
                    {**(self.user_stub(u) or {}), "responsible": n == 0}
                    for n, u in enumerate(j.recruiter_ids)
                ],
                "coordinators": [],
                "sourcers": [],
            },
            "openings": [],
        }

    def stage(self, s: JobInterviewStageRecord) -> JSON:
        interview: JSON = {
            "id": encode_id(s.id),
            "name": s.name,
            "schedulable": True,
            "estimated_minutes": 60,
            "default_interviewer_users": [],
            "interview_kit": {"id": encode_id(s.id), "content": None, "questions": []},
        }
        return {
            "id": encode_id(s.id),
            "name": s.name,
            "created_at": ts(s.created_at),
            "updated_at": ts(s.updated_at),
            "job_id": encode_id(s.job_id or ""),
            "priority": s.position,
            "interviews": [interview],
        }

    def job_post(self, j: JobRecord, fields: Sequence[JobFormFieldRecord]) -> JSON:
        # Grouped fields (EEO and the like) are demographic questions in Greenhouse, not post questions.
        questions = [
            {
                "required": f.is_required,
                "private": f.answer_visibility not in (None, "public"),
                "label": f.label,
                "name": f.name,
                "type": _raw(f.type, SIM_FORM_TYPE, f.raw_type),
                "values": [{"value": o.value, "label": o.label} for o in f.options],
                "description": f.description,
            }
            for f in sorted(fields, key=lambda f: f.index or 0)
            if f.group_id is None
        ]
        return {
            "id": encode_id(j.id),
            "title": j.name,
            "location": {
                "id": encode_id(j.id),
                "name": j.locations[0] if j.locations else "",
                "office_id": None,
                "job_post_custom_location_id": None,
                "job_post_location_type": {"id": 1, "name": "Free Text"},
            },
            "internal": False,
            "external": True,
            "active": True,
            "live": j.status is not None,
            "first_published_at": ts(j.opened_at),
            "job_id": encode_id(j.id),
            "content": "",
            "internal_content": "",
            "updated_at": ts(j.updated_at),
            "created_at": ts(j.created_at),
            "demographic_question_set_id": None,
            "questions": questions,
        }

    def interview(self, i: InterviewRecord) -> JSON:
        stage = self.stages.get(i.job_interview_stage_id or "")
        interviewers = []
        for u in i.interviewer_ids:
            user = self.users.get(u)
            scorecard = self.scorecard_of.get((i.id, u))
            interviewers.append(
                {
                    "id": encode_id(u),
                    "employee_id": None,
                    "name": user.name if user else None,
                    "email": user.emails[0].email if user and user.emails else None,
                    "response_status": "accepted",
                    "scorecard_id": encode_id(scorecard) if scorecard else None,
                }
            )
        return {
            "id": encode_id(i.id),
            "application_id": encode_id(i.application_id or ""),
            "external_event_id": i.id,
            "start": {"date_time": ts(i.start_at)},
            "end": {"date_time": ts(i.end_at)},
            "location": i.location,
            "video_conferencing_url": None,
            "status": _raw(i.status, SIM_INTERVIEW_STATUS, i.raw_status),
            "created_at": ts(i.created_at),
            "updated_at": ts(i.updated_at),
            "interview": {"id": encode_id(stage.id), "name": stage.name} if stage else None,
            "organizer": self.user_stub(i.organizer_id),
            "interviewers": interviewers,
        }

    def scorecard(self, s: ScorecardRecord) -> JSON:
        interview = cast("InterviewRecord | None", self.data.get(R.INTERVIEW, s.interview_id or ""))
        stage = self.stages.get(interview.job_interview_stage_id or "") if interview else None
        raw = _raw(s.overall_recommendation, SIM_RECOMMENDATION, s.raw_overall_recommendation)
        return {
            "id": encode_id(s.id),
            "updated_at": ts(s.updated_at),
            "created_at": ts(s.created_at),
            "interview": stage.name if stage else None,
            "interview_step": {"id": encode_id(stage.id), "name": stage.name} if stage else None,
            "candidate_id": encode_id(s.candidate_id or ""),
            "application_id": encode_id(s.application_id or ""),
            "interviewed_at": ts(interview.start_at) if interview else None,
            "submitted_by": self.user_stub(s.interviewer_id),
            "interviewer": self.user_stub(s.interviewer_id),
            "submitted_at": ts(s.submitted_at),
            "overall_recommendation": raw,
            "attributes": [],
            "ratings": {"definitely_not": [], "no": [], "mixed": [], "yes": [], "strong_yes": []},
            "questions": [{"id": None, "question": v.question, "answer": v.answer} for v in s.form_values],
        }

    def offer(self, o: OfferRecord) -> JSON:
        return {
            "id": encode_id(o.id),
            "version": 1,
            "application_id": encode_id(o.application_id or ""),
            "job_id": encode_id(o.job_id or ""),
            "candidate_id": encode_id(o.candidate_id or ""),
            "opening": None,
            "created_at": ts(o.created_at),
            "updated_at": ts(o.updated_at),
            "sent_at": o.sent_at.astimezone(UTC).date().isoformat() if o.sent_at else None,  # a day upstream
            "resolved_at": ts(o.closed_at),
            "starts_at": o.start_date.isoformat() if isinstance(o.start_date, date) else None,
            "status": SIM_OFFER_STATUS.get(o.status, "unresolved") if o.status else None,
            "custom_fields": {},
            "keyed_custom_fields": {},
        }
