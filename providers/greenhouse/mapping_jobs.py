"""Pure mapping of Greenhouse payloads onto unified records: jobs and the hiring process.

Job form field ids are ``"<job_post_id>:<question name>"`` (questions have no id of their own;
their ``name`` is unique within a post and is what an application submission uses).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Final

from ..records import (
    DepartmentRecord,
    FormFieldOption,
    FormFieldType,
    FormValue,
    InterviewRecord,
    InterviewStatus,
    JobFormFieldRecord,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    OfferRecord,
    OfferStatus,
    OfficeRecord,
    OverallRecommendation,
    ScorecardRecord,
)
from .mapping import sid
from .payloads_jobs import (
    GreenhouseDepartment,
    GreenhouseJob,
    GreenhouseJobPost,
    GreenhouseJobStage,
    GreenhouseOffer,
    GreenhouseOffice,
    GreenhouseScheduledInterview,
    GreenhouseScorecard,
    InterviewTime,
)

JOB_STATUS: Final[Mapping[str, JobStatus]] = {
    "open": JobStatus.OPEN,
    "closed": JobStatus.CLOSED,
    "draft": JobStatus.DRAFT,
}

INTERVIEW_STATUS: Final[Mapping[str, InterviewStatus]] = {
    "scheduled": InterviewStatus.SCHEDULED,
    "awaiting_feedback": InterviewStatus.AWAITING_FEEDBACK,
    "complete": InterviewStatus.COMPLETED,
}

OVERALL_RECOMMENDATION: Final[Mapping[str, OverallRecommendation]] = {
    "definitely_not": OverallRecommendation.DEFINITELY_NO,
    "no": OverallRecommendation.NO,
    "yes": OverallRecommendation.YES,
    "strong_yes": OverallRecommendation.STRONG_YES,
    "no_decision": OverallRecommendation.NO_DECISION,
}

OFFER_STATUS: Final[Mapping[str, OfferStatus]] = {
    "accepted": OfferStatus.ACCEPTED,
    "rejected": OfferStatus.DECLINED,
    "deprecated": OfferStatus.DEPRECATED,
}
"""``unresolved`` (drafted, awaiting approval or sent: Greenhouse does not say which) is OTHER."""

FORM_FIELD_TYPE: Final[Mapping[str, FormFieldType]] = {
    "short_text": FormFieldType.SHORT_TEXT,
    "input_text": FormFieldType.SHORT_TEXT,
    "long_text": FormFieldType.LONG_TEXT,
    "textarea": FormFieldType.LONG_TEXT,
    "boolean": FormFieldType.BOOLEAN,
    "yes_no": FormFieldType.BOOLEAN,
    "attachment": FormFieldType.FILE,
    "input_file": FormFieldType.FILE,
    "single_select": FormFieldType.SINGLE_SELECT,
    "multi_value_single_select": FormFieldType.SINGLE_SELECT,
    "multi_select": FormFieldType.MULTI_SELECT,
    "multi_value_multi_select": FormFieldType.MULTI_SELECT,
}


def to_department(p: GreenhouseDepartment) -> DepartmentRecord:
    return DepartmentRecord(
        id=str(p.id), remote_id=str(p.id), remote_data=p.raw, name=p.name, parent_id=sid(p.parent_id)
    )


def to_office(p: GreenhouseOffice) -> OfficeRecord:
    return OfficeRecord(
        id=str(p.id),
        remote_id=str(p.id),
        remote_data=p.raw,
        name=p.name,
        parent_id=sid(p.parent_id),
        location=p.location.name if p.location else None,
    )


def to_job(p: GreenhouseJob) -> JobRecord:
    team = p.hiring_team
    locations = [o.location.name for o in p.offices if o.location and o.location.name]
    return JobRecord(
        id=str(p.id),
        remote_id=str(p.id),
        remote_data=p.raw,
        # Departments and offices come whole (id, name, parent and child ids, location).
        embedded=(*(to_department(d) for d in p.departments), *(to_office(o) for o in p.offices)),
        name=p.name,
        requisition_id=p.requisition_id,
        status=JOB_STATUS.get(p.status, JobStatus.OTHER) if p.status else None,
        raw_status=p.status,
        locations=tuple(dict.fromkeys(locations)),
        confidential=p.confidential,
        department_ids=tuple(str(d.id) for d in p.departments),
        office_ids=tuple(str(o.id) for o in p.offices),
        hiring_manager_ids=tuple(str(u.id) for u in team.hiring_managers) if team else (),
        recruiter_ids=tuple(str(u.id) for u in team.recruiters) if team else (),
        created_at=p.created_at,
        updated_at=p.updated_at,
        opened_at=p.opened_at,
        closed_at=p.closed_at,
    )


def to_job_interview_stage(p: GreenhouseJobStage) -> JobInterviewStageRecord:
    return JobInterviewStageRecord(
        id=str(p.id),
        remote_id=str(p.id),
        remote_data=p.raw,
        name=p.name,
        job_id=sid(p.job_id),
        position=p.priority,
        created_at=p.created_at,
        updated_at=p.updated_at,
    )


def form_field_id(job_post_id: int | str, question_name: str) -> str:
    return f"{job_post_id}:{question_name}"


def to_job_form_fields(p: GreenhouseJobPost) -> list[JobFormFieldRecord]:
    return [
        JobFormFieldRecord(
            id=form_field_id(p.id, q.name),
            remote_data=q.raw,
            name=q.name,
            job_id=sid(p.job_id),
            label=q.label,
            index=index,
            is_required=q.required,
            answer_visibility=None if q.private is None else ("private" if q.private else "public"),
            description=q.description,
            type=FORM_FIELD_TYPE.get(q.type, FormFieldType.OTHER) if q.type else None,
            raw_type=q.type,
            options=tuple(FormFieldOption(label=v.label, value=sid(v.value)) for v in q.values),
        )
        for index, q in enumerate(p.questions)
    ]


def _moment(t: InterviewTime | None) -> datetime | None:
    if t is None:
        return None
    return t.date_time if t.date_time is not None else t.date


def to_interview(p: GreenhouseScheduledInterview) -> InterviewRecord:
    return InterviewRecord(
        id=str(p.id),
        remote_id=str(p.id),
        remote_data=p.raw,
        application_id=sid(p.application_id),
        organizer_id=sid(p.organizer.id) if p.organizer else None,
        interviewer_ids=tuple(str(i.id) for i in p.interviewers),
        location=p.location,
        start_at=_moment(p.start),
        end_at=_moment(p.end),
        status=INTERVIEW_STATUS.get(p.status, InterviewStatus.OTHER) if p.status else None,
        raw_status=p.status,
        created_at=p.created_at,
        updated_at=p.updated_at,
    )


def to_scorecard(p: GreenhouseScorecard) -> ScorecardRecord:
    rec = p.overall_recommendation
    return ScorecardRecord(
        id=str(p.id),
        remote_id=str(p.id),
        remote_data=p.raw,
        application_id=sid(p.application_id),
        candidate_id=sid(p.candidate_id),
        interviewer_id=sid(p.interviewer.id) if p.interviewer else None,
        submitted_at=p.submitted_at,
        overall_recommendation=OVERALL_RECOMMENDATION.get(rec, OverallRecommendation.OTHER) if rec else None,
        raw_overall_recommendation=rec,
        form_values=tuple(FormValue(question=q.question, answer=q.answer) for q in p.questions),
        created_at=p.created_at,
        updated_at=p.updated_at,
    )


def to_offer(p: GreenhouseOffer) -> OfferRecord:
    return OfferRecord(
        id=str(p.id),
        remote_id=str(p.id),
        remote_data=p.raw,
        application_id=sid(p.application_id),
        candidate_id=sid(p.candidate_id),
        job_id=sid(p.job_id),
        closed_at=p.resolved_at,
        sent_at=p.sent_at,
        start_date=p.starts_at,
        status=OFFER_STATUS.get(p.status, OfferStatus.OTHER) if p.status else None,
        raw_status=p.status,
        created_at=p.created_at,
        updated_at=p.updated_at,
    )
