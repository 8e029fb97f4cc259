"""The unified vocabulary: the only provider-side names other layers may import."""

from .activity import ActivityRecord
from .application import ApplicationRecord
from .attachment import AttachmentRecord
from .base import Record, TimestampedRecord
from .candidate import CandidateRecord
from .department import DepartmentRecord
from .eeoc import EeocRecord
from .enums import (
    ActivityType,
    AttachmentType,
    FormFieldType,
    InterviewStatus,
    JobStatus,
    JobType,
    OfferStatus,
    OverallRecommendation,
    Visibility,
)
from .interview import InterviewRecord
from .job import JobRecord
from .job_form_field import JobFormFieldRecord
from .job_interview_stage import JobInterviewStageRecord
from .offer import OfferRecord
from .office import OfficeRecord
from .organization import OrganizationRecord
from .reject_reason import RejectReasonRecord
from .resource import RECORD_TYPES, Resource
from .scorecard import ScorecardRecord
from .tag import TagRecord
from .user import UserRecord
from .values import (
    Compensation,
    EmailAddress,
    FormFieldOption,
    FormValue,
    PhoneNumber,
    Source,
    Team,
    Url,
)

__all__ = [
    "RECORD_TYPES",
    "ActivityRecord",
    "ActivityType",
    "ApplicationRecord",
    "AttachmentRecord",
    "AttachmentType",
    "CandidateRecord",
    "Compensation",
    "DepartmentRecord",
    "EeocRecord",
    "EmailAddress",
    "FormFieldOption",
    "FormFieldType",
    "FormValue",
    "InterviewRecord",
    "InterviewStatus",
    "JobFormFieldRecord",
    "JobInterviewStageRecord",
    "JobRecord",
    "JobStatus",
    "JobType",
    "OfferRecord",
    "OfferStatus",
    "OfficeRecord",
    "OrganizationRecord",
    "OverallRecommendation",
    "PhoneNumber",
    "Record",
    "RejectReasonRecord",
    "Resource",
    "ScorecardRecord",
    "Source",
    "TagRecord",
    "Team",
    "TimestampedRecord",
    "Url",
    "UserRecord",
    "Visibility",
]
