"""Unified enumerations. Every enum has ``OTHER``: a provider value with no clear
unified meaning maps to ``OTHER`` and travels beside it as the ``raw_*`` string,
so nothing is dropped and nothing is guessed."""

from enum import StrEnum


class ActivityType(StrEnum):
    NOTE = "note"
    EMAIL = "email"
    OTHER = "other"


class Visibility(StrEnum):
    ADMIN_ONLY = "admin_only"
    PUBLIC = "public"
    PRIVATE = "private"
    OTHER = "other"


class AttachmentType(StrEnum):
    RESUME = "resume"
    COVER_LETTER = "cover_letter"
    OFFER_LETTER = "offer_letter"
    OTHER = "other"


class InterviewStatus(StrEnum):
    SCHEDULED = "scheduled"
    AWAITING_FEEDBACK = "awaiting_feedback"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    OTHER = "other"


class JobStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    DRAFT = "draft"
    ARCHIVED = "archived"
    PENDING = "pending"
    OTHER = "other"


class JobType(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    CONTRACT = "contract"
    INTERNSHIP = "internship"
    TEMPORARY = "temporary"
    OTHER = "other"


class OfferStatus(StrEnum):
    DRAFT = "draft"
    APPROVAL_SENT = "approval_sent"
    APPROVED = "approved"
    SENT = "sent"
    OPENED = "opened"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    DEPRECATED = "deprecated"
    OTHER = "other"


class OverallRecommendation(StrEnum):
    DEFINITELY_NO = "definitely_no"
    NO = "no"
    YES = "yes"
    STRONG_YES = "strong_yes"
    NO_DECISION = "no_decision"
    OTHER = "other"


class FormFieldType(StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"
    EMAIL = "email"
    PHONE = "phone"
    URL = "url"
    FILE = "file"
    SINGLE_SELECT = "single_select"
    MULTI_SELECT = "multi_select"
    OTHER = "other"
