"""Strawberry types for the 17 resources; importing this package registers them all."""

from .activity import Activity
from .application import Application
from .attachment import Attachment
from .candidate import Candidate
from .common import NODE_TYPES
from .department import Department
from .eeoc import Eeoc
from .interview import Interview
from .job import Job
from .job_form_field import JobFormField
from .job_interview_stage import JobInterviewStage
from .offer import Offer
from .office import Office
from .organization import Organization
from .reject_reason import RejectReason
from .scorecard import Scorecard
from .tag import Tag
from .user import User

__all__ = [
    "NODE_TYPES",
    "Activity",
    "Application",
    "Attachment",
    "Candidate",
    "Department",
    "Eeoc",
    "Interview",
    "Job",
    "JobFormField",
    "JobInterviewStage",
    "Offer",
    "Office",
    "Organization",
    "RejectReason",
    "Scorecard",
    "Tag",
    "User",
]
