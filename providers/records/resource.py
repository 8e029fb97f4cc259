"""The 17 resources, their record classes and their plural names (used in adapter method names)."""

from __future__ import annotations

from enum import StrEnum

from .activity import ActivityRecord
from .application import ApplicationRecord
from .attachment import AttachmentRecord
from .base import Record
from .candidate import CandidateRecord
from .department import DepartmentRecord
from .eeoc import EeocRecord
from .interview import InterviewRecord
from .job import JobRecord
from .job_form_field import JobFormFieldRecord
from .job_interview_stage import JobInterviewStageRecord
from .offer import OfferRecord
from .office import OfficeRecord
from .organization import OrganizationRecord
from .reject_reason import RejectReasonRecord
from .scorecard import ScorecardRecord
from .tag import TagRecord
from .user import UserRecord


class Resource(StrEnum):
    ACTIVITY = "activity"
    APPLICATION = "application"
    ATTACHMENT = "attachment"
    CANDIDATE = "candidate"
    DEPARTMENT = "department"
    EEOC = "eeoc"
    INTERVIEW = "interview"
    JOB = "job"
    JOB_FORM_FIELD = "job_form_field"
    JOB_INTERVIEW_STAGE = "job_interview_stage"
    OFFER = "offer"
    OFFICE = "office"
    ORGANIZATION = "organization"
    REJECT_REASON = "reject_reason"
    SCORECARD = "scorecard"
    TAG = "tag"
    USER = "user"

    @property
    def plural(self) -> str:
        return _PLURALS.get(self, f"{self.value}s")

    @property
    def record_type(self) -> type[Record]:
        return RECORD_TYPES[self]

    def field_names(self) -> frozenset[str]:
        """The unified fields of this resource: its record's fields less the plumbing.

        Relationship fields are named as in the spec (``job``, ``interviewers``), not by
        their ``*_id`` storage, so that capability tables read like the contract.
        """
        return FIELD_NAMES[self]


_PLURALS = {Resource.ACTIVITY: "activities"}

RECORD_TYPES: dict[Resource, type[Record]] = {
    Resource.ACTIVITY: ActivityRecord,
    Resource.APPLICATION: ApplicationRecord,
    Resource.ATTACHMENT: AttachmentRecord,
    Resource.CANDIDATE: CandidateRecord,
    Resource.DEPARTMENT: DepartmentRecord,
    Resource.EEOC: EeocRecord,
    Resource.INTERVIEW: InterviewRecord,
    Resource.JOB: JobRecord,
    Resource.JOB_FORM_FIELD: JobFormFieldRecord,
    Resource.JOB_INTERVIEW_STAGE: JobInterviewStageRecord,
    Resource.OFFER: OfferRecord,
    Resource.OFFICE: OfficeRecord,
    Resource.ORGANIZATION: OrganizationRecord,
    Resource.REJECT_REASON: RejectReasonRecord,
    Resource.SCORECARD: ScorecardRecord,
    Resource.TAG: TagRecord,
    Resource.USER: UserRecord,
}

_PLUMBING = frozenset({"id", "remote_id", "remote_data", "embedded"})


def spec_name(field: str) -> str:
    """The spec name of a record field (``job`` for ``job_id``; "" for a ``raw_*`` companion)."""
    if field.startswith("raw_"):
        return ""
    if field == "from_":
        return "from"
    if field.endswith("_ids"):
        return field[: -len("_ids")] + "s"
    if field.endswith("_id") and field not in {"requisition_id", "group_id"}:
        return field[: -len("_id")]
    return field


FIELD_NAMES: dict[Resource, frozenset[str]] = {
    resource: frozenset(
        name for name in (spec_name(f) for f in record.model_fields if f not in _PLUMBING) if name
    )
    for resource, record in RECORD_TYPES.items()
}
