"""Sandbox records rendered as Ashby JSON, for the simulator (``simulator.py``).

Each ``render_<thing>`` builds the object Ashby's API returns for it, with the keys and
value types of the recorded payloads in ``shared/fixtures/providers/ashby``. Ids are encoded
by :func:`encode_id` (Ashby ids are UUIDs); values with an Ashby vocabulary are translated
with the inverse of the adapter's tables, and values Ashby has no word for travel raw.
What Ashby cannot carry at all is dropped here, as it would be by the real provider (a
second department or office of a job, phone extensions, a user's second e-mail...).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final, cast

from providers.records import (
    ApplicationRecord,
    AttachmentRecord,
    AttachmentType,
    CandidateRecord,
    EmailAddress,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    OfferStatus,
    RejectReasonRecord,
    Resource,
    TagRecord,
    UserRecord,
)

if TYPE_CHECKING:  # the sandbox is only needed to build a simulator, not to import one
    from providers.sandbox import Dataset

from .mapping import CONTACT_TYPE, SOCIAL_LINK_TYPE
from .mapping_org import FORM_FIELD_TYPE, JOB_STATUS, JOB_TYPE

R = Resource
Json = dict[str, Any]

ASHBY_CONTACT_TYPE: Final = {v: k for k, v in CONTACT_TYPE.items()}
ASHBY_SOCIAL_LINK_TYPE: Final = {v: k for k, v in SOCIAL_LINK_TYPE.items()}
ASHBY_JOB_STATUS: Final = {v: k for k, v in JOB_STATUS.items()} | {JobStatus.PENDING: "Draft"}
"""Ashby has no 'pending' job: a job waiting for approval is a Draft there."""
ASHBY_JOB_TYPE: Final = {v: k for k, v in JOB_TYPE.items()}
ASHBY_FORM_FIELD_TYPE: Final = {v: k for k, v in FORM_FIELD_TYPE.items()}


# -- ids ------------------------------------------------------------------------------------


def encode_id(sandbox_id: str) -> str:
    """The Ashby-style UUID of a sandbox id (reversible: the id's bytes, zero-padded)."""
    raw = sandbox_id.encode("ascii")
    if len(raw) > 16:
        raise ValueError(f"sandbox id {sandbox_id!r} is too long to encode as a UUID")
    return str(uuid.UUID(bytes=raw.ljust(16, b"\0")))


def decode_id(ashby_id: str) -> str:
    """The sandbox id behind an id from :func:`encode_id`."""
    return uuid.UUID(ashby_id).bytes.rstrip(b"\0").decode("ascii")


def posting_id(job_id: str) -> str:
    """Every sandbox job gets one Ashby job posting, which carries its application form."""
    return encode_id(f"post_{job_id}")


def plan_id(job_id: str) -> str:
    """Every sandbox job gets one Ashby interview plan holding its stages."""
    return encode_id(f"plan_{job_id}")


def iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# -- people ---------------------------------------------------------------------------------


def _primary_email(emails: tuple[EmailAddress, ...]) -> EmailAddress | None:
    return next((e for e in emails if e.is_primary), emails[0] if emails else None)


def render_user(u: UserRecord) -> Json:
    email = _primary_email(u.emails)
    return {
        "id": encode_id(u.id),
        "firstName": u.first_name,
        "lastName": u.last_name,
        "email": email.email if email else None,
        "globalRole": u.access_role,
        "isEnabled": not u.disabled,
        "updatedAt": iso(u.updated_at),
    }


def _contact(value: str, kind: str | None, primary: bool) -> Json:
    return {"value": value, "type": ASHBY_CONTACT_TYPE.get(kind or "", kind), "isPrimary": primary}


def _file_handle(a: AttachmentRecord) -> Json:
    return {"id": encode_id(a.id), "name": a.file_name, "handle": encode_id(a.id).replace("-", "")}


def render_tag(t: TagRecord) -> Json:
    return {"id": encode_id(t.id), "title": t.name, "isArchived": False}


def render_source(data: Dataset, a: ApplicationRecord) -> Json | None:
    if a.source is None or a.source.id is None:
        return None
    return {
        "id": encode_id(a.source.id),
        "title": a.source.name,
        "isArchived": False,
        "sourceType": {
            "id": encode_id(f"srctype_{a.source.id}"),
            "title": a.source.name,
            "isArchived": False,
        },
    }


def _attachments(data: Dataset, ids: tuple[str, ...] | None) -> list[AttachmentRecord]:
    found = (data.get(R.ATTACHMENT, i) for i in ids or ())
    return [cast("AttachmentRecord", a) for a in found if a is not None]


def _resume(attachments: list[AttachmentRecord]) -> AttachmentRecord | None:
    return next((a for a in attachments if a.attachment_type is AttachmentType.RESUME), None)


def render_candidate(data: Dataset, c: CandidateRecord) -> Json:
    primary = _primary_email(c.emails)
    files = _attachments(data, c.attachment_ids)
    resume = _resume(files)
    tags = [data.get(R.TAG, t) for t in c.tag_ids or ()]
    first_app = data.get(R.APPLICATION, (c.application_ids or ("",))[0])
    out: Json = {
        "id": encode_id(c.id),
        "createdAt": iso(c.created_at),
        "updatedAt": iso(c.updated_at),
        "name": c.name,
        "primaryEmailAddress": _contact(primary.email, primary.type, True) if primary else None,
        "emailAddresses": [_contact(e.email, e.type, e is primary) for e in c.emails],
        "primaryPhoneNumber": _contact(c.phones[0].number, c.phones[0].type, True) if c.phones else None,
        "phoneNumbers": [_contact(p.number, p.type, i == 0) for i, p in enumerate(c.phones)],
        "socialLinks": [
            {"type": ASHBY_SOCIAL_LINK_TYPE.get(u.type or "", u.type), "url": u.url} for u in c.urls
        ],
        "tags": [render_tag(cast("TagRecord", t)) for t in tags if t is not None],
        "position": c.title,
        "company": c.company,
        "school": None,
        "applicationIds": [encode_id(a) for a in c.application_ids or ()],
        "resumeFileHandle": _file_handle(resume) if resume else None,
        "fileHandles": [_file_handle(a) for a in files],
        "customFields": [],
        "profileUrl": f"https://app.ashbyhq.com/candidates/{encode_id(c.id)}",
        "source": render_source(data, cast("ApplicationRecord", first_app)) if first_app else None,
        "creditedToUser": None,
        "timezone": None,
        "fraudStatus": None,
    }
    if c.locations:
        out["location"] = {
            "id": encode_id(f"loc_{c.id}"),
            "locationSummary": c.locations[0],
            "locationComponents": [{"type": "City", "name": c.locations[0].split(", ")[0]}],
        }
    return out


# -- applications -------------------------------------------------------------------------


def render_stage(s: JobInterviewStageRecord) -> Json:
    return {
        "id": encode_id(s.id),
        "title": s.name,
        "type": s.status,
        "interviewPlanId": plan_id(s.job_id or ""),
        "orderInInterviewPlan": s.position,
        "interviewStageGroupId": None,
    }


def render_reject_reason(r: RejectReasonRecord) -> Json:
    return {"id": encode_id(r.id), "text": r.name, "reasonType": "RejectedByOrg", "isArchived": False}


def application_status(data: Dataset, a: ApplicationRecord) -> str:
    """Ashby's ``status`` of an application, derived: the sandbox keeps a rejection date and
    offers, not a status (``application.list`` filters on it before rendering)."""
    if a.rejected_at is not None:
        return "Archived"
    offers = data.children(R.OFFER, "application").get(a.id, ())
    hired = any(getattr(o, "status", None) is OfferStatus.ACCEPTED for o in offers)
    return "Hired" if hired else "Active"


def render_application(data: Dataset, a: ApplicationRecord, *, info: bool = False) -> Json:
    candidate = cast("CandidateRecord | None", data.get(R.CANDIDATE, a.candidate_id or ""))
    job = cast("JobRecord | None", data.get(R.JOB, a.job_id or ""))
    stage = cast("JobInterviewStageRecord | None", data.get(R.JOB_INTERVIEW_STAGE, a.current_stage_id or ""))
    reason = cast("RejectReasonRecord | None", data.get(R.REJECT_REASON, a.reject_reason_id or ""))
    credited = cast("UserRecord | None", data.get(R.USER, a.credited_to_id or ""))
    primary = _primary_email(candidate.emails) if candidate else None
    out: Json = {
        "id": encode_id(a.id),
        "createdAt": iso(a.created_at),
        "updatedAt": iso(a.updated_at),
        "archivedAt": iso(a.rejected_at),
        "candidate": {
            "id": encode_id(a.candidate_id or ""),
            "name": candidate.name if candidate else None,
            "primaryEmailAddress": _contact(primary.email, primary.type, True) if primary else None,
            "primaryPhoneNumber": (
                _contact(candidate.phones[0].number, candidate.phones[0].type, True)
                if candidate and candidate.phones
                else None
            ),
        },
        "status": application_status(data, a),
        "customFields": [],
        "currentInterviewStage": render_stage(stage) if stage else None,
        "source": render_source(data, a),
        "creditedToUser": render_user(credited) if credited else None,
        "archiveReason": {**render_reject_reason(reason), "customFields": []} if reason else None,
        "job": {
            "id": encode_id(a.job_id or ""),
            "title": job.name if job else None,
            "locationId": encode_id(job.office_ids[0]) if job and job.office_ids else None,
            "departmentId": encode_id(job.department_ids[0]) if job and job.department_ids else None,
        },
        "hiringTeam": [],
        "appliedViaJobPostingId": posting_id(a.job_id) if a.job_id else None,
        "submitterClientIp": None,
        "submitterUserAgent": None,
    }
    if not info:  # recorded: application.list's job stub has brandId, application.info's does not
        out["job"]["brandId"] = None
    if info:
        resume = _resume(_attachments(data, a.attachment_ids))
        out["resumeFileHandle"] = _file_handle(resume) if resume else None
        out["applicationHistory"] = []
    return out
