"""Pydantic models of Teamtailor's resource objects (JSON:API, ``kit/jsonapi.py``; attribute names dasherized), lenient to new
attributes. Shapes follow the documentation examples and the Ruby client's recordings in
``shared/fixtures/providers/teamtailor/`` (``GET_*.json``, ``recorded/``) and
https://docs.teamtailor.com. Timestamps carry an offset (``2020-03-18T11:39:32.440+01:00``).
Only the attributes the mappings read are declared: the others stay in the raw JSON (``remoteData``).
"""

from __future__ import annotations

from typing import Any

from ..kit.jsonapi import Doc, Object
from ..kit.jsonapi_docs import DashedAttributes as Attributes
from ..kit.times import UtcTimestamp


class Stamped(Attributes):
    created_at: UtcTimestamp | None = None
    updated_at: UtcTimestamp | None = None


class CandidateAttributes(Stamped):
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    linkedin_url: str | None = None
    tags: list[str] | None = None


class ApplicationAttributes(Stamped):
    rejected_at: UtcTimestamp | None = None
    referring_site: str | None = None


class JobAttributes(Stamped):
    title: str | None = None
    body: str | None = None
    human_status: str | None = None
    remote_status: str | None = None
    tags: list[str] | None = None


class StageAttributes(Stamped):
    name: str | None = None
    row_order: int | None = None


class ReasonAttributes(Attributes):
    reason: str | None = None


class UserAttributes(Attributes):
    name: str | None = None
    email: str | None = None
    login_email: str | None = None
    role: str | None = None


class NameAttributes(Attributes):
    """Departments, companies (``GET /company``)."""

    name: str | None = None


class LocationAttributes(Attributes):
    name: str | None = None
    city: str | None = None
    country: str | None = None


class UploadAttributes(Attributes):
    url: str | None = None
    file_name: str | None = None


class NoteAttributes(Stamped):
    note: str | None = None
    candidate_id: int | str | None = None
    user_id: int | str | None = None


class PickedQuestionAttributes(Attributes):
    """A question picked for one job's application form."""

    mandatory: bool | None = None


class QuestionAttributes(Attributes):
    title: str | None = None
    question_type: str | None = None
    single_line: bool | None = None
    multiple: bool | None = None
    alternatives: list[Any] | None = None
    """A choice question's answers (null in every example read: taken as a list of labels)."""


PickedQuestion = Object[PickedQuestionAttributes]
Question = Object[QuestionAttributes]


class PickedQuestionDoc(Doc[PickedQuestion]):
    reads_included = {"question": ("questions", Question)}


Candidate = Object[CandidateAttributes]
Application = Object[ApplicationAttributes]
Job = Object[JobAttributes]
Stage = Object[StageAttributes]
Reason = Object[ReasonAttributes]
User = Object[UserAttributes]
Named = Object[NameAttributes]
Location = Object[LocationAttributes]
Upload = Object[UploadAttributes]
Note = Object[NoteAttributes]


class AnyObject(Object[Attributes]):
    """A resource object of a type no unified resource reads (custom fields, todos...)."""
