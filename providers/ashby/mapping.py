"""Pure functions from Ashby payloads to unified records, and the value tables they use.

Nothing here does I/O. Each ``to_<resource>`` is a flat constructor call over a parsed
payload; ``remote_data`` is the JSON object Ashby sent for that record. Embedded records
are only built from objects that are as complete as what Ashby's own list endpoint for
that resource returns (a user in ``creditedToUser``, a tag, an archive reason, an interview
stage); stubs such as ``application.candidate`` or ``application.job`` only give ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from providers.records import (
    ApplicationRecord,
    AttachmentRecord,
    AttachmentType,
    CandidateRecord,
    EmailAddress,
    JobInterviewStageRecord,
    PhoneNumber,
    Record,
    RejectReasonRecord,
    Source,
    TagRecord,
    Url,
    UserRecord,
)

from .payloads import (
    AshbyApplication,
    AshbyArchiveReason,
    AshbyCandidate,
    AshbyContact,
    AshbyFileHandle,
    AshbyInterviewStage,
    AshbyTag,
    AshbyUser,
)

CONTACT_TYPE: Final[dict[str, str]] = {"Personal": "personal", "Work": "work", "Other": "other"}
"""Ashby's e-mail/phone ``type`` enum (spec) to the unified lower-case labels; others stay raw."""

SOCIAL_LINK_TYPE: Final[dict[str, str]] = {
    "LinkedIn": "linkedin",
    "GitHub": "github",
    "Twitter": "twitter",
    "Medium": "medium",
    "StackOverflow": "stackoverflow",
    "Website": "website",
}
"""Ashby's ``socialLinks[].type`` enum (spec) to unified URL types; others stay raw."""

APPLICATION_STATUS_ARCHIVED: Final = "Archived"
"""``application.status`` (Active | Hired | Archived | Lead): Archived means rejected."""


def _label(table: dict[str, str], value: str | None) -> str | None:
    return None if value is None else table.get(value, value)


def _contacts(primary: AshbyContact | None, others: Iterable[AshbyContact]) -> list[AshbyContact]:
    """The primary entry first, then the list, each value once."""
    seen: set[str] = set()
    out: list[AshbyContact] = []
    for contact in ([primary] if primary else []) + list(others):
        if contact.value not in seen:
            seen.add(contact.value)
            out.append(contact)
    return out


def to_tag(p: AshbyTag) -> TagRecord:
    return TagRecord(id=p.id, remote_id=p.id, remote_data=p.raw, name=p.title)


def to_user(p: AshbyUser) -> UserRecord:
    names = [n for n in (p.first_name, p.last_name) if n]
    return UserRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        first_name=p.first_name,
        last_name=p.last_name,
        name=" ".join(names) or None,
        emails=(EmailAddress(email=p.email, is_primary=True),) if p.email else (),
        disabled=None if p.is_enabled is None else not p.is_enabled,
        access_role=p.global_role,
        updated_at=p.updated_at,
    )


def to_reject_reason(p: AshbyArchiveReason) -> RejectReasonRecord:
    return RejectReasonRecord(id=p.id, remote_id=p.id, remote_data=p.raw, name=p.text)


def to_job_interview_stage(p: AshbyInterviewStage, job_id: str | None = None) -> JobInterviewStageRecord:
    """A stage of an interview plan; ``job_id`` only when it was read through its job."""
    return JobInterviewStageRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        name=p.title,
        status=p.type,
        position=p.order_in_interview_plan,
        job_id=job_id,
    )


def to_attachment(
    p: AshbyFileHandle,
    *,
    candidate_id: str,
    resume_id: str | None,
    application_id: str | None = None,
) -> AttachmentRecord:
    """A file handle. Ashby marks only the resume (``resumeFileHandle``); other files have no type."""
    is_resume = p.id == resume_id
    return AttachmentRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        file_name=p.name,
        candidate_id=candidate_id,
        application_id=application_id,
        attachment_type=AttachmentType.RESUME if is_resume else None,
    )


def candidate_attachments(p: AshbyCandidate) -> tuple[AttachmentRecord, ...]:
    resume_id = p.resume_file_handle.id if p.resume_file_handle else None
    handles = list(p.file_handles)
    if p.resume_file_handle and all(h.id != resume_id for h in handles):
        handles.insert(0, p.resume_file_handle)
    return tuple(to_attachment(h, candidate_id=p.id, resume_id=resume_id) for h in handles)


def to_candidate(p: AshbyCandidate) -> CandidateRecord:
    location = p.location or p.primary_location
    tags = tuple(to_tag(t) for t in p.tags)
    attachments = candidate_attachments(p)
    return CandidateRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        name=p.name,
        company=p.company,
        title=p.position,
        locations=(location.location_summary,) if location and location.location_summary else (),
        emails=tuple(
            EmailAddress(email=c.value, type=_label(CONTACT_TYPE, c.type), is_primary=c.is_primary)
            for c in _contacts(p.primary_email_address, p.email_addresses)
        ),
        phones=tuple(
            PhoneNumber(number=c.value, type=_label(CONTACT_TYPE, c.type))
            for c in _contacts(p.primary_phone_number, p.phone_numbers)
        ),
        urls=tuple(Url(url=s.url, type=_label(SOCIAL_LINK_TYPE, s.type)) for s in p.social_links),
        tag_ids=tuple(t.id for t in tags),
        application_ids=tuple(p.application_ids),
        attachment_ids=tuple(a.id for a in attachments),
        created_at=p.created_at,
        updated_at=p.updated_at,
        embedded=tags + attachments,
    )


def to_application(p: AshbyApplication) -> ApplicationRecord:
    embedded: list[Record] = []
    if p.credited_to_user:
        embedded.append(to_user(p.credited_to_user))
    if p.current_interview_stage:
        embedded.append(to_job_interview_stage(p.current_interview_stage))
    if p.archive_reason:
        embedded.append(to_reject_reason(p.archive_reason))
    attachment_ids: tuple[str, ...] | None = None
    if "resumeFileHandle" in p.raw:  # application.info ships it; application.list does not
        attachment_ids = ()
        if p.resume_file_handle:
            resume = p.resume_file_handle
            embedded.append(
                to_attachment(resume, candidate_id=p.candidate.id, resume_id=resume.id, application_id=p.id)
            )
            attachment_ids = (resume.id,)
    archived = p.status == APPLICATION_STATUS_ARCHIVED
    return ApplicationRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        candidate_id=p.candidate.id,
        job_id=p.job.id if p.job else None,
        applied_at=p.created_at,
        rejected_at=p.archived_at if archived else None,
        source=Source(id=p.source.id, name=p.source.title) if p.source else None,
        credited_to_id=p.credited_to_user.id if p.credited_to_user else None,
        current_stage_id=p.current_interview_stage.id if p.current_interview_stage else None,
        reject_reason_id=p.archive_reason.id if p.archive_reason and archived else None,
        attachment_ids=attachment_ids,
        created_at=p.created_at,
        updated_at=p.updated_at,
        embedded=tuple(embedded),
    )
