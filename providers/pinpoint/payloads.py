"""Pydantic models of Pinpoint's resource objects (JSON:API, ``kit/jsonapi.py``), lenient to new
attributes. Shapes follow ``shared/fixtures/providers/pinpoint/`` (an application's ``data``,
stages, attribute schemas) and the official OpenAPI's examples (konfig-sdks/openapi-examples
@2d2b1f35 ``pinpoint/openapi.yaml``: ``jsonapi_jobs_collection``, ``jsonapi_interviews_single``).
Attribute names are snake case; ids are strings.
"""

from __future__ import annotations

from typing import Any

from ..kit.jsonapi import Attributes, Doc, Object
from ..kit.times import UtcTimestamp


class Stamped(Attributes):
    created_at: UtcTimestamp | None = None
    updated_at: UtcTimestamp | None = None


class Tag(Attributes):
    context: str | None = None
    """``rejection`` for the reason an application was rejected."""
    name: str | None = None


class Attachment(Attributes):
    context: str | None = None
    filename: str | None = None
    url: str | None = None


class ApplicationAttributes(Stamped):
    """The application carries the person: Pinpoint has no candidate list of its own."""

    first_name: str | None = None
    last_name: str | None = None
    full_name: str | None = None
    email: str | None = None
    phone: str | None = None
    linkedin_url: str | None = None
    town: str | None = None
    country: str | None = None
    job_id: str | None = None
    stage_id: str | None = None
    rejected_at: UtcTimestamp | None = None
    channel_source: str | None = None
    tags: list[Tag] | None = None
    """Sent with ``extra_fields[applications]=tags``."""
    attachments: list[Attachment] | None = None
    """Sent with ``extra_fields[applications]=attachments``."""


class JobAttributes(Stamped):
    title: str | None = None
    description: str | None = None
    status: str | None = None
    requisition_id: str | None = None
    remote: bool | None = None
    url: str | None = None
    opened_at: UtcTimestamp | None = None


class StageAttributes(Stamped):
    name: str | None = None
    basic_type: str | None = None
    position: int | None = None


class NameAttributes(Stamped):
    """Departments (schema ``departments``), locations."""

    name: str | None = None
    city: str | None = None
    country_code: str | None = None


class UserAttributes(Stamped):
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None


class CommentAttributes(Stamped):
    body_text: str | None = None
    commentable_id: str | None = None
    commentable_type: str | None = None
    """``Application`` or ``JobSeeker`` (a talent-pool person)."""
    private_comment: bool | None = None
    user_id: str | None = None


class InterviewAttributes(Stamped):
    start_at: UtcTimestamp | None = None
    end_at: UtcTimestamp | None = None
    interviewable_id: Any = None
    """A string in the example, an integer in the schema."""
    interviewable_type: str | None = None
    status: str | None = None


class AnswerAttributes(Attributes):
    """An ``include=answers`` object (schema ``answers``): no unified resource reads it."""

    title: str | None = None
    question_type: str | None = None
    text_answer: str | None = None


class CategoryAttributes(Stamped):
    """An equality monitoring category (schema ``equality_monitoring_categories``)."""

    name: str | None = None
    enabled: bool | None = None


Application = Object[ApplicationAttributes]
Job = Object[JobAttributes]
Stage = Object[StageAttributes]
Named = Object[NameAttributes]
User = Object[UserAttributes]
Comment = Object[CommentAttributes]
Interview = Object[InterviewAttributes]
Answer = Object[AnswerAttributes]
Category = Object[CategoryAttributes]
InterviewPart = Object[Attributes]
"""A part of an interview (``include=interview_parts.interviewing_users``): only its linkage to
its interviewing users is read."""
ApplicationDoc = Doc[Application]


class JobDoc(Doc[Job]):
    reads_included = {"stages": ("stages", Stage)}


class InterviewDoc(Doc[Interview]):
    reads_included = {"interview_parts": ("interview_parts", InterviewPart)}
