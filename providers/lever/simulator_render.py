"""Sandbox records rendered as Lever v1 JSON, for the simulator (``simulator.py``).

Lever's model differs from the unified one, so rendering follows Lever's shape:
- each sandbox application becomes an opportunity whose ``contact`` is the candidate, with
  the contact's fields copied onto it (Lever shares them across a contact's opportunities);
- stages are one account-wide list (the sandbox's distinct stage names, see
  ``account_pipeline``); jobs are postings with free-text categories;
- notes, files, offers, interviews and feedback live under an opportunity; a sandbox record
  tied only to a candidate (a note, an attachment) goes under the candidate's first one;
- only notes are activities (Lever's API has no e-mail history).

Ids: Lever-side ids are the sandbox ids unchanged, except where Lever nests (see
``unified_id``): the adapter then reports ``"{opportunity}:{id}"``, and tags are their name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, cast

from providers.kit.times import epoch_ms
from providers.records import (
    ApplicationRecord,
    CandidateRecord,
    DepartmentRecord,
    JobFormFieldRecord,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    JobType,
    Record,
    Resource,
    TagRecord,
    UserRecord,
)

Json = dict[str, Any]

POSTING_STATE: Final[Mapping[JobStatus, str]] = {
    JobStatus.OPEN: "published",
    JobStatus.CLOSED: "closed",
    JobStatus.ARCHIVED: "closed",  # Lever has no archived posting
    JobStatus.DRAFT: "draft",
    JobStatus.PENDING: "pending",
}
COMMITMENT: Final[Mapping[JobType, str]] = {
    JobType.FULL_TIME: "Full-time",
    JobType.PART_TIME: "Part-time",
    JobType.CONTRACT: "Contract",
    JobType.INTERNSHIP: "Internship",
    JobType.TEMPORARY: "Temporary",
}
UNGROUPED: Final = "questions"
"""Lever groups custom questions in forms; ungrouped sandbox fields go in this one per job."""

NESTED: Final = frozenset(
    {Resource.INTERVIEW, Resource.SCORECARD, Resource.OFFER, Resource.ACTIVITY, Resource.ATTACHMENT}
)


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def form_group(field: JobFormFieldRecord) -> str:
    return f"{field.job_id}-{UNGROUPED}" if field.group_id is None else field.group_id


def account_pipeline(
    stages: Sequence[JobInterviewStageRecord],
) -> tuple[list[JobInterviewStageRecord], dict[str, str]]:
    """Lever has one pipeline for the whole account, the sandbox one per job. The account's
    stages are the sandbox's distinct stage names, each named by the first sandbox stage (by
    id) of that name and ordered by its mean position in the jobs' pipelines. Returns them and
    every sandbox stage id -> the id of its account stage."""
    first: dict[str, JobInterviewStageRecord] = {}
    positions: dict[str, list[int]] = {}
    for stage in sorted(stages, key=lambda s: s.id):
        name = stage.name or stage.id
        first.setdefault(name, stage)
        positions.setdefault(name, []).append(stage.position or 0)
    ordered = sorted(first, key=lambda n: (sum(positions[n]) / len(positions[n]), first[n].id))
    return [first[n] for n in ordered], {s.id: first[s.name or s.id].id for s in stages}


def unified_id(resource: Resource, record: Record, parent_opportunity: str | None) -> str:
    """The id the Lever adapter reports for a sandbox record rendered by the simulator."""
    if resource is Resource.TAG:
        return cast("TagRecord", record).name or record.id
    if resource is Resource.JOB_FORM_FIELD:
        f = cast("JobFormFieldRecord", record)
        return f"{f.job_id}:{form_group(f)}:{f.name}"
    if resource in NESTED and parent_opportunity is not None:
        return f"{parent_opportunity}:{record.id}"
    return record.id


def opportunity(
    app: ApplicationRecord,
    cand: CandidateRecord,
    job: JobRecord | None,
    tag_names: Sequence[str],
    expand: bool,
) -> Json:
    archived = (
        {"reason": app.reject_reason_id, "archivedAt": epoch_ms(app.rejected_at)} if app.rejected_at else None
    )
    application: Json = {
        "id": f"{app.id}-a",
        "type": "posting",
        "candidateId": app.id,
        "opportunityId": app.id,
        "posting": app.job_id,
        "postingHiringManager": job.hiring_manager_ids[0] if job and job.hiring_manager_ids else None,
        "postingOwner": job.recruiter_ids[0] if job and job.recruiter_ids else None,
        "name": cand.name,
        "company": cand.company,
        "phone": cand.phones[0].number if cand.phones else None,
        "email": cand.emails[0].email if cand.emails else None,
        "links": [],
        "comments": None,
        "user": app.credited_to_id,
        "customQuestions": [],
        "createdAt": epoch_ms(app.applied_at),
        "archived": archived,
        "requisitionForHire": None,
        "ipAddress": None,
        "referer": None,
        "userAgent": None,
        "acceptLanguage": None,
        "timezone": None,
    }
    consent = None if cand.can_email is None else {"contact": {"allowed": cand.can_email, "expiresAt": None}}
    return {
        "id": app.id,
        "name": cand.name,
        "contact": cand.id,
        "headline": cand.title or "",
        "stage": app.current_stage_id,
        "confidentiality": "confidential" if job and job.confidential else "non-confidential",
        "location": cand.locations[0] if cand.locations else "",
        "phones": [{"type": p.type, "value": p.number} for p in cand.phones],
        "emails": [e.email for e in cand.emails],
        "links": [u.url for u in cand.urls],
        "archived": archived,
        "tags": list(tag_names),
        "sources": [app.source.name] if app.source and app.source.name else [],
        "stageChanges": [],
        "origin": "applied",
        "sourcedBy": app.credited_to_id,
        "owner": job.recruiter_ids[0] if job and job.recruiter_ids else None,
        "followers": [],
        "applications": [application] if expand else [application["id"]],
        "createdAt": epoch_ms(app.created_at),
        "updatedAt": epoch_ms(app.updated_at),
        "lastInteractionAt": epoch_ms(cand.last_interaction_at),
        "lastAdvancedAt": epoch_ms(app.updated_at),
        "snoozedUntil": None,
        "urls": {
            "list": "https://hire.lever.co/candidates",
            "show": f"https://hire.lever.co/candidates/{app.id}",
        },
        "isAnonymized": False,
        "dataProtection": consent,
        "opportunityLocation": job.locations[0] if job and job.locations else None,
    }


def posting(job: JobRecord, departments: Mapping[str, DepartmentRecord], tag_names: Sequence[str]) -> Json:
    comp = job.compensation
    urls = [u.url for u in job.job_posting_urls]
    status = job.status
    state = (POSTING_STATE.get(status) if status else None) or job.raw_status or "rejected"
    commitment = COMMITMENT.get(job.job_type) if job.job_type else None
    dept = departments.get(job.department_ids[0]) if job.department_ids else None
    return {
        "id": job.id,
        "text": job.name,
        "state": state,
        "distributionChannels": ["public", "internal"] if state == "published" else None,
        "user": job.recruiter_ids[0] if job.recruiter_ids else None,
        "owner": job.recruiter_ids[0] if job.recruiter_ids else None,
        "hiringManager": job.hiring_manager_ids[0] if job.hiring_manager_ids else None,
        "categories": {
            "commitment": commitment or job.raw_job_type,
            "department": dept.name if dept else None,
            "level": job.job_position_level,
            "location": job.locations[0] if job.locations else None,
            "team": job.teams[0].name if job.teams else None,
            "allLocations": list(job.locations),
        },
        "tags": list(tag_names),
        "content": {
            "description": job.description or "",
            "descriptionHtml": job.description or "",
            "lists": [],
            "closing": "",
            "closingHtml": "",
        },
        "country": None,
        "followers": [],
        "reqCode": job.requisition_id,
        "requisitionCodes": [job.requisition_id] if job.requisition_id else [],
        "urls": {
            "list": "https://jobs.lever.co/sandbox",
            "show": urls[0] if urls else None,
            "apply": urls[1] if len(urls) > 1 else None,
        },
        "confidentiality": "confidential" if job.confidential else "non-confidential",
        "createdAt": epoch_ms(job.created_at),
        "updatedAt": epoch_ms(job.updated_at),
        "workplaceType": {True: "remote", False: "onsite", None: "unspecified"}[job.is_remote],
        "transcribeInterviews": False,
        "screening": {"enabled": False},
        "salaryRange": (
            {
                "min": _number(comp.min),
                "max": _number(comp.max),
                "currency": comp.currency,
                "interval": comp.period,
            }
            if comp
            else None
        ),
    }


def user(u: UserRecord) -> Json:
    return {
        "id": u.id,
        "name": u.name,
        "username": (u.emails[0].email.split("@")[0] if u.emails else None),
        "email": u.emails[0].email if u.emails else None,
        "accessRole": u.access_role,
        "photo": None,
        "createdAt": epoch_ms(u.created_at),
        "deactivatedAt": epoch_ms(u.updated_at or u.created_at) if u.disabled else None,
        "externalDirectoryId": None,
        "linkedContactIds": None,
        "jobTitle": None,
        "managerId": None,
    }
