"""Ashby's wire format, as pydantic models (lenient: unknown fields are kept, never rejected).

Every read is an RPC call, ``POST https://api.ashbyhq.com/<object>.<method>`` with a JSON
body; every answer is the envelope :class:`AshbyEnvelope`. Field names follow the API
reference (https://developers.ashbyhq.com/reference) and the recorded payloads in
``shared/fixtures/providers/ashby``; shapes with no recorded example follow the OpenAPI spec
(``_reference/ashby-openapi.json``). Each model keeps the JSON object it was built from in
``raw`` so the unified record's ``remote_data`` is exactly what Ashby sent.
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field
from pydantic.alias_generators import to_camel

from ..kit.times import UtcTimestamp
from ..payload import WireModel


class AshbyModel(WireModel):
    """Base of every Ashby payload: camelCase on the wire, unknown fields allowed, raw JSON kept."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


# -- envelope -----------------------------------------------------------------------------


class AshbyErrorInfo(AshbyModel):
    """``errorInfo`` of a failed call (``code``, ``message``; ``requestId`` when present)."""

    code: str | None = None
    message: str | None = None


class AshbyEnvelope(AshbyModel):
    """Every response: ``{success, results, moreDataAvailable, nextCursor, syncToken}``.

    Failures come back as HTTP 200 with ``success: false`` and ``errors: [code, ...]``
    (``ERROR_example.json``) and sometimes an ``errorInfo`` object.
    https://developers.ashbyhq.com/docs/pagination-and-incremental-sync
    """

    success: bool
    results: Any = None
    more_data_available: bool = False
    next_cursor: str | None = None
    sync_token: str | None = None
    errors: list[str] = Field(default_factory=list)
    error_info: AshbyErrorInfo | None = None


# -- shared value objects -----------------------------------------------------------------


class AshbyContact(AshbyModel):
    """An e-mail address or phone number: ``{value, type (Personal|Work|Other), isPrimary}``."""

    value: str
    type: str | None = None
    is_primary: bool | None = None


class AshbySocialLink(AshbyModel):
    """``{type (LinkedIn|GitHub|Twitter|Medium|StackOverflow|Website), url}``."""

    type: str | None = None
    url: str


class AshbyFileHandle(AshbyModel):
    """``{id, name, handle}``; ``file.info`` turns the handle into a signed URL."""

    id: str
    name: str | None = None
    handle: str | None = None


class AshbyTag(AshbyModel):
    """A candidate tag, embedded in candidates and listed by ``candidateTag.list``.
    https://developers.ashbyhq.com/reference/candidatetaglist"""

    id: str
    title: str | None = None
    is_archived: bool | None = None


class AshbyLocationComponent(AshbyModel):
    type: str | None = None
    name: str | None = None


class AshbyCandidateLocation(AshbyModel):
    """A candidate's location (recorded as ``location``; the spec names it ``primaryLocation``)."""

    id: str | None = None
    location_summary: str | None = None
    location_components: list[AshbyLocationComponent] = Field(default_factory=list)


class AshbySource(AshbyModel):
    """``{id, title, isArchived, sourceType{}}``. https://developers.ashbyhq.com/reference/sourcelist"""

    id: str
    title: str | None = None
    is_archived: bool | None = None


class AshbyUser(AshbyModel):
    """A user (``user.list``/``user.info``; also ``creditedToUser``, ``job.author``).
    https://developers.ashbyhq.com/reference/userlist"""

    id: str
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    global_role: str | None = None
    is_enabled: bool | None = None
    updated_at: UtcTimestamp | None = None


# -- candidates and applications --------------------------------------------------------


class AshbyCandidate(AshbyModel):
    """``candidate.list`` / ``candidate.info`` / ``candidate.search`` result.
    https://developers.ashbyhq.com/reference/candidatelist"""

    id: str
    created_at: UtcTimestamp | None = None
    updated_at: UtcTimestamp | None = None
    name: str | None = None
    primary_email_address: AshbyContact | None = None
    email_addresses: list[AshbyContact] = Field(default_factory=list)
    primary_phone_number: AshbyContact | None = None
    phone_numbers: list[AshbyContact] = Field(default_factory=list)
    social_links: list[AshbySocialLink] = Field(default_factory=list)
    tags: list[AshbyTag] = Field(default_factory=list)
    position: str | None = None
    company: str | None = None
    application_ids: list[str] = Field(default_factory=list)
    resume_file_handle: AshbyFileHandle | None = None
    file_handles: list[AshbyFileHandle] = Field(default_factory=list)
    location: AshbyCandidateLocation | None = None
    primary_location: AshbyCandidateLocation | None = None


class AshbyCandidateRef(AshbyModel):
    """The candidate stub inside an application: ``{id, name, primaryEmailAddress, ...}``."""

    id: str
    name: str | None = None


class AshbyInterviewStage(AshbyModel):
    """An interview stage (``application.currentInterviewStage``, ``interviewStage.list|info``).
    https://developers.ashbyhq.com/reference/interviewstagelist"""

    id: str
    title: str | None = None
    type: str | None = None
    order_in_interview_plan: int | None = None
    interview_stage_group_id: str | None = None
    interview_plan_id: str | None = None


class AshbyArchiveReason(AshbyModel):
    """``{id, text, reasonType, isArchived}`` (``application.archiveReason``, ``archiveReason.list``).
    https://developers.ashbyhq.com/reference/archivereasonlist"""

    id: str
    text: str | None = None
    reason_type: str | None = None
    is_archived: bool | None = None


class AshbyJobRef(AshbyModel):
    """The job stub inside an application: ``{id, title, locationId, departmentId}``."""

    id: str
    title: str | None = None


class AshbyApplication(AshbyModel):
    """``application.list`` / ``application.info`` result.
    https://developers.ashbyhq.com/reference/applicationlist"""

    id: str
    created_at: UtcTimestamp | None = None
    updated_at: UtcTimestamp | None = None
    archived_at: UtcTimestamp | None = None
    status: str | None = None
    candidate: AshbyCandidateRef
    current_interview_stage: AshbyInterviewStage | None = None
    source: AshbySource | None = None
    credited_to_user: AshbyUser | None = None
    archive_reason: AshbyArchiveReason | None = None
    job: AshbyJobRef | None = None
    resume_file_handle: AshbyFileHandle | None = None
