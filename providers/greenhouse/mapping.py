"""Pure mapping of Greenhouse payloads onto unified records: people and their activity.

One ``to_<resource>()`` per resource plus the ``Final`` enum tables; the job side lives in
``mapping_jobs``. Ids become strings. Unmapped enum values keep ``OTHER`` plus the raw value.

Ids Greenhouse does not give, and how they are made (stable across calls):

* attachment: ``"<candidate_id>-<sha1(file name|type|created_at)[:12]>"`` — not the URL, which
  is a signed S3 URL that changes on every read; a repeat within one list gets ``-2``, ``-3``...
  The same attachment therefore has the same id in the candidate and in its application.
* activity: ``"note-<id>"``, ``"email-<id>"``, ``"activity-<id>"`` (three id spaces in one feed).
* EEOC: the application id (Greenhouse keeps one EEOC answer set per application).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Final

from ..records import (
    ActivityRecord,
    ActivityType,
    ApplicationRecord,
    AttachmentRecord,
    AttachmentType,
    CandidateRecord,
    EeocRecord,
    EmailAddress,
    PhoneNumber,
    Record,
    RejectReasonRecord,
    Source,
    TagRecord,
    Url,
    UserRecord,
    Visibility,
)
from .payloads import (
    GreenhouseActivityFeed,
    GreenhouseApplication,
    GreenhouseAttachment,
    GreenhouseCandidate,
    GreenhouseEeoc,
    GreenhouseRejectionReason,
    GreenhouseTag,
    GreenhouseUser,
)

ATTACHMENT_TYPE: Final[Mapping[str, AttachmentType]] = {
    "resume": AttachmentType.RESUME,
    "cover_letter": AttachmentType.COVER_LETTER,
    "offer_letter": AttachmentType.OFFER_LETTER,
}
"""Greenhouse also has ``offer_packet``, ``admin_only``, ``take_home_test``, ``other``...: OTHER + raw."""

VISIBILITY: Final[Mapping[str, Visibility]] = {
    "admin_only": Visibility.ADMIN_ONLY,
    "public": Visibility.PUBLIC,
    "private": Visibility.PRIVATE,
}

ACTIVITY_TYPE: Final[Mapping[str, ActivityType]] = {
    "note": ActivityType.NOTE,
    "email": ActivityType.EMAIL,
}
"""Keys are the feed's three lists in the singular; ``activity`` (system events) is OTHER."""


def sid(value: int | str | None) -> str | None:
    return None if value is None else str(value)


def _ids(values: Iterable[int]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


def _split_addresses(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _stamp(value: datetime | None) -> str:
    return value.isoformat() if value is not None else ""


def attachment_ids(candidate_id: int | str, attachments: Sequence[GreenhouseAttachment]) -> list[str]:
    """The deterministic ids of a list of attachments of one candidate (see module docstring)."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for a in attachments:
        key = f"{a.filename or ''}|{a.type or ''}|{_stamp(a.created_at)}"
        digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:12]
        base = f"{candidate_id}-{digest}"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def single_job_id(app: GreenhouseApplication) -> str | None:
    """A candidate application has exactly one job; a prospect may have none or several, and
    then no single job is the application's (we don't pick one)."""
    return str(app.jobs[0].id) if len(app.jobs) == 1 else None


def to_attachment(
    p: GreenhouseAttachment,
    attachment_id: str,
    *,
    candidate_id: str | None,
    application_id: str | None = None,
    job_id: str | None = None,
) -> AttachmentRecord:
    return AttachmentRecord(
        id=attachment_id,
        remote_id=None,
        remote_data=p.raw,
        file_name=p.filename,
        file_url=p.url,
        candidate_id=candidate_id,
        application_id=application_id,
        job_id=job_id,
        attachment_type=ATTACHMENT_TYPE.get(p.type, AttachmentType.OTHER) if p.type else None,
        raw_attachment_type=p.type,
        created_at=p.created_at,
    )


def to_reject_reason(p: GreenhouseRejectionReason) -> RejectReasonRecord:
    return RejectReasonRecord(id=str(p.id), remote_id=str(p.id), remote_data=p.raw, name=p.name)


def to_application(p: GreenhouseApplication) -> ApplicationRecord:
    candidate_id = sid(p.candidate_id)
    job_id = single_job_id(p)
    ids = attachment_ids(p.candidate_id if p.candidate_id is not None else f"a{p.id}", p.attachments)
    attachments = [
        to_attachment(a, i, candidate_id=candidate_id, application_id=str(p.id), job_id=job_id)
        for a, i in zip(p.attachments, ids, strict=True)
    ]
    embedded: list[Record] = list(attachments)
    if p.rejection_reason is not None:
        # The embedded rejection reason is the whole object /v1/rejection_reasons returns.
        embedded.append(to_reject_reason(p.rejection_reason))
    return ApplicationRecord(
        id=str(p.id),
        remote_id=str(p.id),
        remote_data=p.raw,
        embedded=tuple(embedded),
        candidate_id=candidate_id,
        job_id=job_id,
        applied_at=p.applied_at,
        rejected_at=p.rejected_at,
        source=Source(id=sid(p.source.id), name=p.source.public_name) if p.source else None,
        credited_to_id=sid(p.credited_to.id) if p.credited_to else None,
        current_stage_id=sid(p.current_stage.id) if p.current_stage else None,
        reject_reason_id=sid(p.rejection_reason.id) if p.rejection_reason else None,
        attachment_ids=tuple(ids),
    )


def candidate_attachments(p: GreenhouseCandidate) -> list[AttachmentRecord]:
    """The candidate's attachments; those also listed on an embedded application get its ids."""
    owners: dict[str, ApplicationRecord] = {}
    for app in p.applications or ():
        record = to_application(app)
        for attachment_id in record.attachment_ids or ():
            owners.setdefault(attachment_id, record)
    out = []
    for a, i in zip(p.attachments, attachment_ids(p.id, p.attachments), strict=True):
        owner = owners.get(i)
        out.append(
            to_attachment(
                a,
                i,
                candidate_id=str(p.id),
                application_id=owner.id if owner else None,
                job_id=owner.job_id if owner else None,
            )
        )
    return out


def to_candidate(p: GreenhouseCandidate) -> CandidateRecord:
    applications = [to_application(a) for a in p.applications] if p.applications is not None else None
    attachments = candidate_attachments(p)
    if applications is not None:
        application_ids: tuple[str, ...] | None = tuple(a.id for a in applications)
    else:
        application_ids = _ids(p.application_ids) if p.application_ids is not None else None
    name = " ".join(n for n in (p.first_name, p.last_name) if n) or None
    return CandidateRecord(
        id=str(p.id),
        remote_id=str(p.id),
        remote_data=p.raw,
        embedded=(*(applications or ()), *attachments),
        first_name=p.first_name,
        last_name=p.last_name,
        name=name,
        company=p.company,
        title=p.title,
        last_interaction_at=p.last_activity,
        is_private=p.is_private,
        can_email=p.can_email,
        locations=tuple(a.value for a in p.addresses),
        phones=tuple(PhoneNumber(number=n.value, type=n.type) for n in p.phone_numbers),
        emails=tuple(EmailAddress(email=e.value, type=e.type) for e in p.email_addresses),
        urls=tuple(Url(url=u.value, type=u.type) for u in (*p.website_addresses, *p.social_media_addresses)),
        # ``tags`` holds names only; ids come from /v1/candidates/{id}/tags (by parent).
        tag_ids=None,
        application_ids=application_ids,
        attachment_ids=tuple(a.id for a in attachments),
        created_at=p.created_at,
        updated_at=p.updated_at,
    )


def to_user(p: GreenhouseUser) -> UserRecord:
    emails = list(p.emails)
    if p.primary_email_address and p.primary_email_address not in emails:
        emails.insert(0, p.primary_email_address)
    return UserRecord(
        id=str(p.id),
        remote_id=str(p.id),
        remote_data=p.raw,
        first_name=p.first_name,
        last_name=p.last_name,
        name=p.name,
        emails=tuple(EmailAddress(email=e, is_primary=e == p.primary_email_address) for e in emails),
        disabled=p.disabled,
        created_at=p.created_at,
        updated_at=p.updated_at,
    )


def to_tag(p: GreenhouseTag) -> TagRecord:
    return TagRecord(id=str(p.id), remote_id=str(p.id), remote_data=p.raw, name=p.name)


def to_activities(feed: GreenhouseActivityFeed, candidate_id: str) -> list[ActivityRecord]:
    """The three lists of a candidate's activity feed, as activities (notes, e-mails, then the rest)."""
    out = [
        ActivityRecord(
            id=f"note-{n.id}",
            remote_id=str(n.id),
            remote_data=n.raw,
            candidate_id=candidate_id,
            actor_id=sid(n.user.id) if n.user else None,
            activity_type=ACTIVITY_TYPE["note"],
            raw_activity_type="note",
            body=n.body,
            visibility=VISIBILITY.get(n.visibility, Visibility.OTHER) if n.visibility else None,
            raw_visibility=n.visibility,
            created_at=n.created_at,
        )
        for n in feed.notes
    ]
    out.extend(
        ActivityRecord(
            id=f"email-{e.id}",
            remote_id=str(e.id),
            remote_data=e.raw,
            candidate_id=candidate_id,
            actor_id=sid(e.user.id) if e.user else None,
            activity_type=ACTIVITY_TYPE["email"],
            raw_activity_type="email",
            subject=e.subject,
            body=e.body,
            from_=_split_addresses(e.from_),
            to=_split_addresses(e.to),
            cc=_split_addresses(e.cc),
            created_at=e.created_at,
        )
        for e in feed.emails
    )
    out.extend(
        ActivityRecord(
            id=f"activity-{a.id}",
            remote_id=str(a.id),
            remote_data=a.raw,
            candidate_id=candidate_id,
            actor_id=sid(a.user.id) if a.user else None,
            activity_type=ACTIVITY_TYPE.get("activity", ActivityType.OTHER),
            raw_activity_type="activity",
            subject=a.subject,
            body=a.body,
            created_at=a.created_at,
        )
        for a in feed.activities
    )
    return out


def to_eeoc(p: GreenhouseEeoc) -> EeocRecord:
    return EeocRecord(
        id=str(p.application_id),
        remote_id=str(p.application_id),
        remote_data=p.raw,
        candidate_id=sid(p.candidate_id),
        submitted_at=p.submitted_at,
        race=p.race.text if p.race else None,
        gender=p.gender.text if p.gender else None,
        veteran_status=p.veteran_status.text if p.veteran_status else None,
        disability_status=p.disability_status.text if p.disability_status else None,
    )
