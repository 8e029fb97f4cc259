"""Pure mapping from Lever payloads to unified records: the pipeline objects.

The entity model, decided here once:

- **Candidate = the contact** (the person; ``id`` = contact id). Lever shares contact fields
  (name, headline, location, emails, phones, links, consent) across the contact's
  opportunities, so they are read from the contact's most recently updated opportunity;
  tags and applications are the union over all of the contact's opportunities, created_at is
  the earliest and updated_at / last_interaction_at the latest. ``title`` is Lever's
  ``headline`` (the one-line professional summary under the name); ``company`` is the
  "current company" of the newest application that has one; first/last names are not
  split from Lever's single ``name`` (that would be a guess); ``is_private`` does not exist.
- **Application = the opportunity** (``id`` = opportunity id): job = the posting of its
  application, current stage = ``stage``, credited_to = ``sourcedBy``, source = the first of
  ``sources``. An archived opportunity is rejected unless its archive reason is of type
  ``hired`` (a hired opportunity is archived too).
- **Job = the posting**; departments and offices are free-text categories in Lever, so only
  ``teams`` (a value, not a resource) and ``locations`` are filled from them.
- **JobInterviewStage**: Lever's pipeline is account-wide, so ``job`` is None.
- Tags are names: a tag's id is its text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from providers.records import (
    ApplicationRecord,
    CandidateRecord,
    Compensation,
    EmailAddress,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    JobType,
    PhoneNumber,
    RejectReasonRecord,
    Source,
    TagRecord,
    Team,
    Url,
    UserRecord,
)

from ..kit.times import from_epoch_ms
from .payloads import LeverArchiveReason, LeverOpportunity, LeverPosting, LeverStage, LeverTag, LeverUser

JOB_STATUS: Final[Mapping[str, JobStatus]] = {
    "published": JobStatus.OPEN,
    "internal": JobStatus.OPEN,  # open, listed only on the internal job site ("unlisted")
    "closed": JobStatus.CLOSED,
    "draft": JobStatus.DRAFT,
    "pending": JobStatus.PENDING,  # awaiting approval
}
"""Posting ``state``; ``rejected`` (approval refused) has no unified meaning: OTHER + raw."""

JOB_TYPE: Final[Mapping[str, JobType]] = {
    "full-time": JobType.FULL_TIME,
    "full time": JobType.FULL_TIME,
    "part-time": JobType.PART_TIME,
    "part time": JobType.PART_TIME,
    "contract": JobType.CONTRACT,
    "contractor": JobType.CONTRACT,
    "intern": JobType.INTERNSHIP,
    "internship": JobType.INTERNSHIP,
    "temporary": JobType.TEMPORARY,
}
"""``categories.commitment`` is free text per account; these are Lever's defaults (case-insensitive)."""

WORKPLACE_REMOTE: Final[Mapping[str, bool]] = {"remote": True, "onsite": False, "hybrid": False}
"""``workplaceType``; ``unspecified`` leaves ``is_remote`` unknown."""

HIRED: Final = "hired"


def _text(value: str | None) -> str | None:
    return value if value else None


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def to_job(p: LeverPosting) -> JobRecord:
    cat = p.categories
    state = p.state
    commitment = cat.commitment if cat else None
    locations = (cat.all_locations or ([cat.location] if cat.location else [])) if cat else []
    urls = p.urls
    salary = p.salary_range
    content = p.content
    return JobRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        name=p.text,
        description=_text(content.description_html or content.description) if content else None,
        requisition_id=(p.requisition_codes[0] if p.requisition_codes else _text(p.req_code)),
        status=JOB_STATUS.get(state, JobStatus.OTHER) if state is not None else None,
        raw_status=state,
        locations=_unique(locations),
        job_posting_urls=tuple(
            Url(url=url, type=kind)
            for kind, url in (("show", urls.show if urls else None), ("apply", urls.apply if urls else None))
            if url
        ),
        confidential=(p.confidentiality == "confidential") if p.confidentiality else None,
        teams=(Team(name=cat.team),) if cat and cat.team else (),
        hiring_manager_ids=_unique([p.hiring_manager or ""]),
        recruiter_ids=_unique([p.owner or ""]),
        tag_ids=_unique(p.tags),
        is_remote=WORKPLACE_REMOTE.get(p.workplace_type) if p.workplace_type else None,
        job_type=(JOB_TYPE.get(commitment.casefold(), JobType.OTHER) if commitment else None),
        raw_job_type=commitment,
        job_position_level=cat.level if cat else None,
        compensation=(
            Compensation(min=salary.min, max=salary.max, currency=salary.currency, period=salary.interval)
            if salary
            else None
        ),
        created_at=from_epoch_ms(p.created_at),
        updated_at=from_epoch_ms(p.updated_at),
    )


def to_user(p: LeverUser) -> UserRecord:
    return UserRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        name=p.name,
        emails=(EmailAddress(email=p.email),) if p.email else (),
        disabled=p.deactivated_at is not None,
        access_role=p.access_role,
        created_at=from_epoch_ms(p.created_at),
    )


def to_job_interview_stage(p: LeverStage, position: int) -> JobInterviewStageRecord:
    """``position`` is the stage's index in ``GET /stages`` (the pipeline order)."""
    return JobInterviewStageRecord(id=p.id, remote_id=p.id, remote_data=p.raw, name=p.text, position=position)


def to_reject_reason(p: LeverArchiveReason) -> RejectReasonRecord:
    return RejectReasonRecord(id=p.id, remote_id=p.id, remote_data=p.raw, name=p.text)


def to_tag(p: LeverTag) -> TagRecord:
    return TagRecord(id=p.text, remote_id=p.text, remote_data=p.raw, name=p.text)


def to_application(o: LeverOpportunity, reason_types: Mapping[str, str]) -> ApplicationRecord:
    """``reason_types``: archive reason id -> ``hired`` / ``non-hired`` (``GET /archive_reasons``)."""
    app = o.application
    archived = o.archived
    rejected = (
        archived is not None and archived.reason is not None and reason_types.get(archived.reason) != HIRED
    )
    return ApplicationRecord(
        id=o.id,
        remote_id=o.id,
        remote_data=o.raw,
        candidate_id=o.contact,
        job_id=app.posting if app else None,
        applied_at=from_epoch_ms(app.created_at) if app else None,
        rejected_at=from_epoch_ms(archived.archived_at) if rejected and archived else None,
        reject_reason_id=archived.reason if rejected and archived else None,
        source=Source(name=o.sources[0]) if o.sources else None,
        credited_to_id=o.sourced_by,
        current_stage_id=o.stage_id,
        created_at=from_epoch_ms(o.created_at),
        updated_at=from_epoch_ms(o.updated_at),
    )


def _newest_first(opportunities: Iterable[LeverOpportunity]) -> list[LeverOpportunity]:
    return sorted(opportunities, key=lambda o: (o.updated_at or o.created_at or 0, o.id), reverse=True)


def oldest_first(opportunities: Iterable[LeverOpportunity]) -> list[LeverOpportunity]:
    return sorted(opportunities, key=lambda o: (o.created_at or 0, o.id))


def to_candidate(
    opportunities: Sequence[LeverOpportunity], reason_types: Mapping[str, str]
) -> CandidateRecord:
    """One contact from all of its opportunities (at least one, all with the same ``contact``)."""
    newest = _newest_first(opportunities)
    ordered = oldest_first(opportunities)
    primary = newest[0]
    consent = primary.data_protection.contact if primary.data_protection else None
    created = [o.created_at for o in ordered if o.created_at is not None]
    updated = [o.updated_at for o in ordered if o.updated_at is not None]
    interactions = [o.last_interaction_at for o in ordered if o.last_interaction_at is not None]
    companies = [o.application.company for o in newest if o.application and o.application.company]
    return CandidateRecord(
        id=primary.contact,
        remote_id=primary.contact,
        remote_data=primary.raw,
        name=primary.name,
        title=_text(primary.headline),
        company=companies[0] if companies else None,
        last_interaction_at=from_epoch_ms(max(interactions)) if interactions else None,
        can_email=consent.allowed if consent else None,
        locations=(primary.location,) if primary.location else (),
        phones=tuple(PhoneNumber(number=p.value, type=p.type) for p in primary.phones if p.value),
        emails=tuple(EmailAddress(email=e) for e in primary.emails),
        urls=tuple(Url(url=link) for link in primary.links),
        tag_ids=_unique(t for o in ordered for t in o.tags),
        application_ids=tuple(o.id for o in ordered),
        created_at=from_epoch_ms(min(created)) if created else None,
        updated_at=from_epoch_ms(max(updated)) if updated else None,
        embedded=tuple(to_application(o, reason_types) for o in ordered),
    )


def tags_of(opportunities: Iterable[LeverOpportunity]) -> tuple[TagRecord, ...]:
    """The tags on some opportunities as tag records (Lever tags are just their text)."""
    names = _unique(t for o in oldest_first(opportunities) for t in o.tags)
    return tuple(TagRecord(id=n, remote_id=n, name=n) for n in names)
