"""Pure mapping from Workable payloads to unified records, plus the value tables.

Workable's entity model (see ``shared/fixtures/providers/MAPPING-wave1.md``): a *candidate* is
job-scoped, so one Workable candidate is both a unified Candidate and its one Application, with
the same id. Jobs are identified by ``shortcode``. Pipeline stages are per job and named by a
slug, so a JobInterviewStage id is ``"<shortcode>:<slug>"`` (see ``stage_id``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from ..records import (
    ActivityRecord,
    ActivityType,
    ApplicationRecord,
    CandidateRecord,
    Compensation,
    DepartmentRecord,
    EmailAddress,
    InterviewRecord,
    InterviewStatus,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    JobType,
    OfferRecord,
    OfferStatus,
    OrganizationRecord,
    PhoneNumber,
    RejectReasonRecord,
    Source,
    TagRecord,
    Url,
    UserRecord,
)
from .payloads import (
    WorkableAccount,
    WorkableActivity,
    WorkableCandidate,
    WorkableDepartment,
    WorkableDisqualificationReason,
    WorkableEvent,
    WorkableJob,
    WorkableMember,
    WorkableOffer,
    WorkableStage,
)

JOB_STATUS: Final[Mapping[str, JobStatus]] = {
    "published": JobStatus.OPEN,
    "closed": JobStatus.CLOSED,
    "draft": JobStatus.DRAFT,
    "archived": JobStatus.ARCHIVED,
}
"""``job.state`` (https://workable.readme.io/reference/jobs: draft, published, closed, archived)."""

JOB_TYPE: Final[Mapping[str, JobType]] = {
    "Full-time": JobType.FULL_TIME,
    "Part-time": JobType.PART_TIME,
    "Contract": JobType.CONTRACT,
    "Temporary": JobType.TEMPORARY,
    "Internship": JobType.INTERNSHIP,
}
"""``job.employment_type``; anything else ("Other", ...) is OTHER with the raw value."""

ACTIVITY_TYPE: Final[Mapping[str, ActivityType]] = {
    "comment": ActivityType.NOTE,
    "message": ActivityType.EMAIL,
}
"""``activity.action``: comments are notes, messages are e-mails exchanged through Workable;
stage moves, ratings, events, uploads... are OTHER with the raw action."""

OFFER_STATUS: Final[Mapping[str, OfferStatus]] = {
    "draft": OfferStatus.DRAFT,
    "approved": OfferStatus.APPROVED,
    "sent": OfferStatus.SENT,
    "accepted": OfferStatus.ACCEPTED,
    "declined": OfferStatus.DECLINED,
}
"""``offer.state``. The reference names 'accepted' and 'rejected'; 'rejected' (by whom?) has no
clear unified meaning and stays OTHER with the raw value."""


def stage_id(shortcode: str, slug: str) -> str:
    """Stage slugs repeat across jobs (every job has "applied"), so ids carry the job."""
    return f"{shortcode}:{slug}"


def split_stage_id(value: str) -> tuple[str, str] | None:
    shortcode, sep, slug = value.partition(":")
    return (shortcode, slug) if sep and shortcode and slug else None


@dataclass(frozen=True)
class Lookups:
    """Account data an application needs besides its candidate payload (read by the adapter).

    ``stages`` maps a job shortcode to {stage name or slug: slug}; ``reasons`` maps a
    disqualification reason's text to its id (``GET /disqualification_reasons``).
    """

    stages: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    reasons: Mapping[str, str] = field(default_factory=dict)

    def current_stage_id(self, p: WorkableCandidate) -> str | None:
        if p.job is None or p.stage is None:
            return None
        slug = self.stages.get(p.job.shortcode, {}).get(p.stage)
        return stage_id(p.job.shortcode, slug) if slug else None

    def reject_reason_id(self, p: WorkableCandidate) -> str | None:
        if not p.disqualified or p.disqualification_reason is None:
            return None
        return self.reasons.get(p.disqualification_reason)


# -- candidates and applications (the same Workable record) ------------------------------
def _candidate(p: WorkableCandidate) -> CandidateRecord:
    locations = [p.address, p.location.location_str if p.location else None]
    return CandidateRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        first_name=p.firstname,
        last_name=p.lastname,
        name=p.name,
        title=p.headline,
        locations=tuple(dict.fromkeys(loc for loc in locations if loc)),
        phones=(PhoneNumber(number=p.phone),) if p.phone else (),
        emails=(EmailAddress(email=p.email, is_primary=True),) if p.email else (),
        urls=tuple(Url(url=s.url, type=s.type) for s in p.social_profiles or () if s.url),
        tag_ids=tuple(p.tags) if p.tags is not None else None,
        application_ids=(p.id,),
        created_at=p.created_at,
        updated_at=p.updated_at,
    )


def _application(p: WorkableCandidate, lookups: Lookups) -> ApplicationRecord:
    return ApplicationRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        candidate_id=p.id,
        job_id=p.job.shortcode if p.job else None,
        # A Workable candidate is created when the person enters the job's pipeline.
        applied_at=p.created_at,
        rejected_at=p.disqualified_at if p.disqualified else None,
        source=Source(name=p.common_source) if p.common_source else None,
        # The member who uploaded/sourced the candidate (detail payload only).
        credited_to_id=p.uploader_id,
        current_stage_id=lookups.current_stage_id(p),
        reject_reason_id=lookups.reject_reason_id(p),
        created_at=p.created_at,
        updated_at=p.updated_at,
    )


def to_tag(name: str) -> TagRecord:
    """Workable tags are bare names on the candidate detail: the name is the id."""
    return TagRecord(id=name, remote_id=name, remote_data=name, name=name)


def to_candidate(p: WorkableCandidate, lookups: Lookups) -> CandidateRecord:
    """The candidate, embedding its one application and (detail payloads) its tags."""
    embedded = (_application(p, lookups), *(to_tag(t) for t in p.tags or ()))
    return _candidate(p).model_copy(update={"embedded": embedded})


def to_application(p: WorkableCandidate, lookups: Lookups) -> ApplicationRecord:
    """The candidate seen as its application to ``candidate.job``, embedding the candidate."""
    embedded = (_candidate(p), *(to_tag(t) for t in p.tags or ()))
    return _application(p, lookups).model_copy(update={"embedded": embedded})


# -- jobs ---------------------------------------------------------------------------------
def _job_locations(p: WorkableJob) -> tuple[str, ...]:
    out: list[str] = []
    for entry in p.locations:
        parts = [x for x in (entry.city, entry.subregion, entry.country_name) if x]
        out.append(", ".join(dict.fromkeys(parts)))
    if not out and p.location is not None:
        loc = p.location
        parts = [x for x in (loc.city, loc.region, loc.country) if x]
        out.append(loc.location_str or ", ".join(dict.fromkeys(parts)))
    return tuple(dict.fromkeys(x for x in out if x))


def _job_department_ids(p: WorkableJob) -> tuple[str, ...]:
    # department_hierarchy lists the job's department with its ancestors.
    named = [d.id for d in p.department_hierarchy if d.name == p.department]
    if named:
        return (named[-1],)
    return (p.department_hierarchy[-1].id,) if p.department_hierarchy else ()


def _is_remote(p: WorkableJob) -> bool | None:
    workplace = p.workplace_type or (p.location.workplace_type if p.location else None)
    if workplace is not None:
        return workplace == "remote"
    return p.location.telecommuting if p.location else None


def to_job(p: WorkableJob) -> JobRecord:
    salary = p.salary
    compensation = None
    if salary is not None and (salary.salary_from, salary.salary_to) != (None, None):
        compensation = Compensation(
            min=salary.salary_from,
            max=salary.salary_to,
            currency=salary.salary_currency.upper() if salary.salary_currency else None,
        )
    urls = (("job_page", p.url), ("application_form", p.application_url), ("shortlink", p.shortlink))
    return JobRecord(
        id=p.shortcode,
        remote_id=p.shortcode,
        remote_data=p.raw,
        name=p.title,
        description=p.full_description,
        code=p.code,
        status=JOB_STATUS.get(p.state, JobStatus.OTHER) if p.state else None,
        raw_status=p.state,
        locations=_job_locations(p),
        job_posting_urls=tuple(Url(url=u, type=t) for t, u in urls if u),
        confidential=p.confidential,
        department_ids=_job_department_ids(p),
        is_remote=_is_remote(p),
        job_type=JOB_TYPE.get(p.employment_type, JobType.OTHER) if p.employment_type else None,
        raw_job_type=p.employment_type,
        job_position_level=p.experience,
        compensation=compensation,
        created_at=p.created_at,
        updated_at=p.updated_at,
    )


# -- the rest -----------------------------------------------------------------------------
def to_department(p: WorkableDepartment) -> DepartmentRecord:
    return DepartmentRecord(id=p.id, remote_id=p.id, remote_data=p.raw, name=p.name, parent_id=p.parent_id)


def to_user(p: WorkableMember) -> UserRecord:
    return UserRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        name=p.name,
        emails=(EmailAddress(email=p.email, is_primary=True),) if p.email else (),
        disabled=(not p.active) if p.active is not None else None,
        access_role=p.role,
    )


def to_reject_reason(p: WorkableDisqualificationReason) -> RejectReasonRecord:
    return RejectReasonRecord(id=p.id, remote_id=p.id, remote_data=p.raw, name=p.description)


def to_organization(p: WorkableAccount) -> OrganizationRecord:
    return OrganizationRecord(id=p.id, remote_id=p.id, remote_data=p.raw, name=p.name)


def to_interview(p: WorkableEvent) -> InterviewRecord:
    """A scheduled event. Workable only says whether it was cancelled, so a live event is
    SCHEDULED (whether it already took place is not recorded)."""
    status = None
    if p.cancelled is not None:
        status = InterviewStatus.CANCELLED if p.cancelled else InterviewStatus.SCHEDULED
    candidate_id = p.candidate.id if p.candidate else None
    return InterviewRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        candidate_id=candidate_id,
        application_id=candidate_id,
        interviewer_ids=tuple(m.id for m in p.members),
        location=p.conference.url if p.conference else None,
        start_at=p.starts_at,
        end_at=p.ends_at,
        status=status,
    )


def to_activity(p: WorkableActivity, candidate_id: str | None = None) -> ActivityRecord:
    action = p.action
    return ActivityRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        candidate_id=p.candidate.id if p.candidate else candidate_id,
        actor_id=p.member.id if p.member else None,
        activity_type=ACTIVITY_TYPE.get(action, ActivityType.OTHER) if action else None,
        raw_activity_type=action,
        body=p.body,
        created_at=p.created_at,
        updated_at=p.updated_at,
    )


def has_offer(p: WorkableOffer) -> bool:
    return p.state is not None or p.created_at is not None


def to_offer(p: WorkableOffer, candidate_id: str) -> OfferRecord:
    """The candidate's latest offer; it has no id of its own, so it takes the candidate's."""
    return OfferRecord(
        id=candidate_id,
        remote_id=candidate_id,
        remote_data=p.raw,
        candidate_id=candidate_id,
        application_id=candidate_id,
        status=OFFER_STATUS.get(p.state, OfferStatus.OTHER) if p.state else None,
        raw_status=p.state,
        created_at=p.created_at,
    )


def to_job_interview_stage(p: WorkableStage, shortcode: str) -> JobInterviewStageRecord:
    """A stage of one job's pipeline (``GET /jobs/{shortcode}/stages``)."""
    sid = stage_id(shortcode, p.slug)
    return JobInterviewStageRecord(
        id=sid, remote_id=sid, remote_data=p.raw, name=p.name, job_id=shortcode, position=p.position
    )


def stage_keys(stages: list[WorkableStage]) -> dict[str, str]:
    """{name or slug: slug} for one job: candidates name their stage (by name in the
    recordings, by slug per the reference), the slug is what the id carries."""
    keys = {s.name: s.slug for s in stages if s.name}
    keys.update({s.slug: s.slug for s in stages})
    return keys
