"""Sandbox records rendered as Greenhouse Harvest v1 JSON, key for key as the documented
examples in ``shared/fixtures/providers/greenhouse``: values Greenhouse has no place for are
left out, values it has no word for keep the sandbox's own (the adapter then reports ``OTHER``
plus that raw value). Enum values go back through the adapter's own tables (``mapping.py``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final, cast

from ...records import (
    ActivityRecord,
    ActivityType,
    ApplicationRecord,
    AttachmentRecord,
    CandidateRecord,
    DepartmentRecord,
    EeocRecord,
    InterviewRecord,
    JobFormFieldRecord,
    JobInterviewStageRecord,
    JobRecord,
    OfferRecord,
    OfferStatus,
    OfficeRecord,
    RejectReasonRecord,
    Resource,
    ScorecardRecord,
    TagRecord,
    UserRecord,
)
from ..mapping import (
    ATTACHMENT_TYPE,
    FORM_FIELD_TYPE,
    INTERVIEW_STATUS,
    JOB_STATUS,
    OFFER_STATUS,
    OVERALL_RECOMMENDATION,
    VISIBILITY,
)

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
JSON = dict[str, Any]
_NUMBERED: Final = re.compile(r"^[A-Za-z]+_0*(\d+)$")


def encode_id(sandbox_id: str) -> int:
    """The Greenhouse integer for a sandbox id (``cand_000042`` -> 42; ids are per resource)."""
    match = _NUMBERED.match(sandbox_id)
    if match is None:
        raise ValueError(f"not a sandbox id: {sandbox_id!r}")
    return int(match.group(1))


def ts(value: datetime | None) -> str | None:
    """Harvest's timestamps: UTC, milliseconds, ``Z``."""
    if value is None:
        return None
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def _back(table: Mapping[str, Any]) -> dict[Any, str]:
    """A mapping table inverted, the first wire value of each unified one winning."""
    out: dict[Any, str] = {}
    for raw, unified in table.items():
        out.setdefault(unified, raw)
    return out


TABLES: Final = (
    ATTACHMENT_TYPE,
    FORM_FIELD_TYPE,
    INTERVIEW_STATUS,
    JOB_STATUS,
    OVERALL_RECOMMENDATION,
    VISIBILITY,
)
BACK: Final = {id(t): _back(t) for t in TABLES}
OFFER_STATE: Final = _back(OFFER_STATUS)
"""Every other offer state is ``unresolved`` in Greenhouse."""


def raw(value: Any, table: Mapping[str, Any], kept: str | None) -> str | None:
    """An enum back to the wire: its word in ``table``, else the raw value kept, else its own."""
    if value is None:
        return None
    return BACK[id(table)].get(value) or kept or str(getattr(value, "value", value))


def ref(record: Any) -> Any:
    """``{id, name}`` of a record, or None."""
    return {"id": encode_id(record.id), "name": record.name} if record is not None else None


def attachment(a: AttachmentRecord) -> JSON:
    """An attachment as candidates and applications embed it."""
    kind = raw(a.attachment_type, ATTACHMENT_TYPE, a.raw_attachment_type)
    return {"filename": a.file_name, "url": a.file_url, "type": kind, "created_at": ts(a.created_at)}


CUSTOM: Final[JSON] = {"custom_fields": {}, "keyed_custom_fields": {}}


class Renderer:
    """Greenhouse JSON for each sandbox record, with the indexes nested objects need."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        by_id = {r: data.by_id(r) for r in Resource}
        self.users = cast("Mapping[str, UserRecord]", by_id[R.USER])
        self.stages = cast("Mapping[str, JobInterviewStageRecord]", by_id[R.JOB_INTERVIEW_STAGE])
        self.jobs = cast("Mapping[str, JobRecord]", by_id[R.JOB])
        self.reasons = cast("Mapping[str, RejectReasonRecord]", by_id[R.REJECT_REASON])
        self.tags = cast("Mapping[str, TagRecord]", by_id[R.TAG])
        self.applications = cast("Mapping[str, ApplicationRecord]", by_id[R.APPLICATION])
        self.attachments = cast("Mapping[str, AttachmentRecord]", by_id[R.ATTACHMENT])
        self.departments = cast("Mapping[str, DepartmentRecord]", by_id[R.DEPARTMENT])
        self.offices = cast("Mapping[str, OfficeRecord]", by_id[R.OFFICE])
        self.eeoc_application: dict[str, str] = {}
        """sandbox EEOC id -> the sandbox application it is filed under (Greenhouse keys EEOC by application)."""
        for e in cast("Sequence[EeocRecord]", data.records(R.EEOC)):
            apps = data.children(R.APPLICATION, "candidate").get(e.candidate_id or "", ())
            if apps:
                self.eeoc_application[e.id] = apps[0].id
        self.scorecard_of = {
            (s.interview_id or "", s.interviewer_id or ""): s.id
            for s in cast("Sequence[ScorecardRecord]", data.records(R.SCORECARD))
        }
        offers = cast("Sequence[OfferRecord]", data.records(R.OFFER))
        self.hired = {o.application_id for o in offers if o.status is OfferStatus.ACCEPTED}

    def user_stub(self, user_id: str | None) -> JSON | None:
        u = self.users.get(user_id or "")
        if u is None:
            return None
        return {**ref(u), "first_name": u.first_name, "last_name": u.last_name, "employee_id": None}

    # -- people -------------------------------------------------------------------------------
    def application(self, a: ApplicationRecord, *, custom_fields: bool = True) -> JSON:
        job = self.jobs.get(a.job_id or "")
        reason = self.reasons.get(a.reject_reason_id or "")
        status = "rejected" if a.rejected_at else ("hired" if a.id in self.hired else "active")
        prospect = {"prospect_pool": None, "prospect_stage": None, "prospect_owner": None}
        return {
            "id": encode_id(a.id),
            "candidate_id": encode_id(a.candidate_id or ""),
            "prospect": False,
            "applied_at": ts(a.applied_at),
            "rejected_at": ts(a.rejected_at),
            "last_activity_at": ts(a.updated_at),
            "source": {"id": encode_id(a.source.id), "public_name": a.source.name}
            if a.source and a.source.id
            else None,
            "credited_to": self.user_stub(a.credited_to_id),
            "rejection_reason": self.rejection_reason(reason) if reason else None,
            "jobs": [ref(job)] if job else [],
            "job_post_id": encode_id(job.id) if job else None,
            "status": status,
            "current_stage": ref(self.stages.get(a.current_stage_id or "")),
            "answers": [],
            "prospect_detail": prospect,
            **dict.fromkeys(("location", "recruiter", "coordinator", "rejection_details")),
            **dict.fromkeys(("prospective_office", "prospective_department")),
            **(CUSTOM if custom_fields else {}),
            "attachments": [attachment(self.attachments[i]) for i in a.attachment_ids or ()],
        }

    def candidate(self, c: CandidateRecord) -> JSON:
        apps = [self.applications[i] for i in c.application_ids or ()]
        return {
            "id": encode_id(c.id),
            "first_name": c.first_name,
            "last_name": c.last_name,
            "company": c.company,
            "title": c.title,
            "created_at": ts(c.created_at),
            "updated_at": ts(c.updated_at),
            "last_activity": ts(c.last_interaction_at),
            "is_private": c.is_private,
            "photo_url": None,
            "attachments": [attachment(self.attachments[i]) for i in c.attachment_ids or ()],
            "application_ids": [encode_id(a.id) for a in apps],
            "phone_numbers": [{"value": p.number, "type": p.type} for p in c.phones],
            "addresses": [{"value": loc, "type": "other"} for loc in c.locations],
            "email_addresses": [{"value": e.email, "type": e.type} for e in c.emails],
            "website_addresses": [{"value": u.url, "type": u.type} for u in c.urls],
            "social_media_addresses": [],
            "recruiter": None,
            "coordinator": None,
            "can_email": c.can_email,
            "tags": [self.tags[t].name for t in c.tag_ids or ()],
            "applications": [self.application(a, custom_fields=False) for a in apps],
            "educations": [],
            "employments": [],
            "linked_user_ids": [],
            **CUSTOM,
        }

    def user(self, u: UserRecord, *, custom_fields: bool = False) -> JSON:
        primary = next((e.email for e in u.emails if e.is_primary), u.emails[0].email if u.emails else None)
        return {
            **ref(u),
            "first_name": u.first_name,
            "last_name": u.last_name,
            "primary_email_address": primary,
            "updated_at": ts(u.updated_at),
            "created_at": ts(u.created_at),
            "disabled": u.disabled,
            "site_admin": u.access_role == "site_admin",
            "emails": [e.email for e in u.emails],
            "employee_id": None,
            "linked_candidate_ids": [],
            "offices": [],
            "departments": [],
            **(CUSTOM if custom_fields else {}),  # only the single-user endpoint carries them
        }

    def tag(self, t: TagRecord) -> JSON:
        return {"id": encode_id(t.id), "name": t.name}

    def rejection_reason(self, r: RejectReasonRecord) -> JSON:
        return {**ref(r), "type": {"id": 1, "name": "We rejected them"}}

    def eeoc(self, e: EeocRecord) -> JSON | None:
        app = self.eeoc_application.get(e.id)
        if app is None:
            return None

        def answer(text: str | None, key: str = "description") -> JSON | None:
            return None if text is None else {"id": sum(map(ord, text)) % 97 + 1, key: text}

        return {
            "application_id": encode_id(app),
            "candidate_id": encode_id(e.candidate_id or ""),
            "race": answer(e.race),
            "gender": answer(e.gender),
            "veteran_status": answer(e.veteran_status, "message"),
            "disability_status": answer(e.disability_status),
            "submitted_at": ts(e.submitted_at),
        }

    def activity_feed(self, activities: Sequence[ActivityRecord]) -> JSON:
        feed: JSON = {"notes": [], "emails": [], "activities": []}
        for a in activities:
            item = {
                "id": encode_id(a.id),
                "created_at": ts(a.created_at),
                "body": a.body,
                "user": self.user_stub(a.actor_id),
            }
            if a.activity_type is ActivityType.NOTE:
                visibility = raw(a.visibility, VISIBILITY, a.raw_visibility)
                # "visiblity": the documented example's own spelling, beside the right one
                feed["notes"].append(
                    {
                        **item,
                        "private": visibility != "public",
                        "visiblity": visibility,
                        "visibility": visibility,
                    }
                )
            elif a.activity_type is ActivityType.EMAIL:
                addresses = {
                    k: ", ".join(getattr(a, f)) or None
                    for k, f in (("to", "to"), ("from", "from_"), ("cc", "cc"))
                }
                feed["emails"].append({**item, "subject": a.subject, **addresses})
            else:
                feed["activities"].append({**item, "subject": a.subject})
        return feed

    # -- jobs ---------------------------------------------------------------------------------
    def _tree(self, resource: Resource, r: Any, embedded: bool, kind: str) -> JSON:
        """A department or office with its parent and children (the list shape, or the shorter
        one jobs embed)."""
        children = [encode_id(x.id) for x in self.data.children(resource, "parent").get(r.id, ())]
        out: JSON = {
            **ref(r),
            "parent_id": encode_id(r.parent_id) if r.parent_id else None,
            "child_ids": children,
        }
        if not embedded:
            out |= {
                f"parent_{kind}_external_id": None,
                f"child_{kind}_external_ids": [None for _ in children],
            }
        return {**out, "external_id": None}

    def department(self, d: DepartmentRecord, *, embedded: bool = False) -> JSON:
        return self._tree(R.DEPARTMENT, d, embedded, "department")

    def office(self, o: OfficeRecord, *, embedded: bool = False) -> JSON:
        location = {"name": o.location} if o.location is not None else None
        return {
            **self._tree(R.OFFICE, o, embedded, "office"),
            "location": location,
            "primary_contact_user_id": None,
        }

    def job(self, j: JobRecord) -> JSON:
        recruiters = [
            {**(self.user_stub(u) or {}), "responsible": n == 0} for n, u in enumerate(j.recruiter_ids)
        ]
        return {
            **ref(j),
            "requisition_id": j.requisition_id,
            "notes": None,
            "confidential": j.confidential,
            "status": raw(j.status, JOB_STATUS, j.raw_status),
            "created_at": ts(j.created_at),
            "opened_at": ts(j.opened_at),
            "closed_at": ts(j.closed_at),
            "updated_at": ts(j.updated_at),
            "is_template": False,
            "copied_from_id": None,
            "departments": [self.department(self.departments[d], embedded=True) for d in j.department_ids],
            "offices": [self.office(self.offices[o], embedded=True) for o in j.office_ids],
            **CUSTOM,
            "hiring_team": {
                "hiring_managers": [self.user_stub(u) for u in j.hiring_manager_ids],
                "recruiters": recruiters,
                "coordinators": [],
                "sourcers": [],
            },
            "openings": [],
        }

    def stage(self, s: JobInterviewStageRecord) -> JSON:
        kit: JSON = {"id": encode_id(s.id), "content": None, "questions": []}
        interview = {
            **ref(s),
            "schedulable": True,
            "estimated_minutes": 60,
            "default_interviewer_users": [],
            "interview_kit": kit,
        }
        return {
            **ref(s),
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
                "type": raw(f.type, FORM_FIELD_TYPE, f.raw_type),
                "values": [{"value": o.value, "label": o.label} for o in f.options],
                "description": f.description,
            }
            for f in sorted(fields, key=lambda f: f.index or 0)
            if f.group_id is None
        ]
        location = {
            "id": encode_id(j.id),
            "name": j.locations[0] if j.locations else "",
            "office_id": None,
            "job_post_custom_location_id": None,
            "job_post_location_type": {"id": 1, "name": "Free Text"},
        }
        return {
            "id": encode_id(j.id),
            "title": j.name,
            "location": location,
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
            "status": raw(i.status, INTERVIEW_STATUS, i.raw_status),
            "created_at": ts(i.created_at),
            "updated_at": ts(i.updated_at),
            "interview": ref(self.stages.get(i.job_interview_stage_id or "")),
            "organizer": self.user_stub(i.organizer_id),
            "interviewers": interviewers,
        }

    def scorecard(self, s: ScorecardRecord) -> JSON:
        interview = cast("InterviewRecord | None", self.data.get(R.INTERVIEW, s.interview_id or ""))
        stage = self.stages.get(interview.job_interview_stage_id or "") if interview else None
        return {
            "id": encode_id(s.id),
            "updated_at": ts(s.updated_at),
            "created_at": ts(s.created_at),
            "interview": stage.name if stage else None,
            "interview_step": ref(stage),
            "candidate_id": encode_id(s.candidate_id or ""),
            "application_id": encode_id(s.application_id or ""),
            "interviewed_at": ts(interview.start_at) if interview else None,
            "submitted_by": self.user_stub(s.interviewer_id),
            "interviewer": self.user_stub(s.interviewer_id),
            "submitted_at": ts(s.submitted_at),
            "overall_recommendation": raw(
                s.overall_recommendation, OVERALL_RECOMMENDATION, s.raw_overall_recommendation
            ),
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
            "starts_at": o.start_date.isoformat() if o.start_date else None,
            "status": OFFER_STATE.get(o.status, "unresolved") if o.status else None,
            **CUSTOM,
        }
