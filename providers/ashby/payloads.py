"""Ashby's wire format (https://developers.ashbyhq.com/reference), as pydantic models named
as the wire names them (camelCase), so that one mapping path reads a payload and renders it
back. Lenient: unknown keys are kept, and ``raw`` is the JSON object as received. Shapes with
no recorded example (``shared/fixtures/providers/ashby``) follow the OpenAPI spec
(``_reference/ashby-openapi.json``): locations, interview plans and schedules, offers,
feedback and notes."""

from __future__ import annotations

from typing import Any, Final

from pydantic import ConfigDict, Field
from pydantic.alias_generators import to_camel

from ..errors import ProviderAuthError, ProviderNotFound, ProviderRateLimited, ProviderUnavailable
from ..kit.times import UtcTimestamp
from ..payload import WireModel

Ts = UtcTimestamp | None
CODES: Final = (
    (("unauthenticated", "unauthorized", "forbidden", "permission", "api_key"), ProviderAuthError),
    (("not_found",), ProviderNotFound),
    (("rate_limit", "too_many_requests"), ProviderRateLimited),
    (("internal", "server_error", "unavailable", "timeout"), ProviderUnavailable),
)
"""Substrings of ``errors[]`` / ``errorInfo.code``, checked in order; anything else (only
``invalid_input`` is documented) is an invalid request."""


class AshbyEnvelope(WireModel):
    """Every answer: ``{success, results, moreDataAvailable, nextCursor, syncToken}``; a failure
    is HTTP 200 with ``success: false``, ``errors`` codes and sometimes ``errorInfo.code``."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)
    success: bool
    results: Any = None
    more_data_available: bool = False
    next_cursor: str | None = None
    sync_token: str | None = None
    errors: list[str] = Field(default_factory=list)
    error_info: dict[str, Any] | None = None

    def codes(self) -> list[str]:
        """A failure's codes, each once: ``errors``, then ``errorInfo.code``."""
        code = (self.error_info or {}).get("code")
        return list(dict.fromkeys([*self.errors, *([str(code)] if code else [])]))


class Ref(WireModel):
    """Any object read for its ``id`` alone (a stub, a tag, a file handle, a note's author)."""

    id: str


class AshbyContact(WireModel):
    value: str
    type: str | None = None
    isPrimary: bool | None = None


class AshbySocialLink(WireModel):
    type: str | None = None
    url: str


class AshbyNamed(Ref):
    """``{id, name}``: a file handle (``{id, name, handle}``)."""

    name: str | None = None


class AshbyTag(Ref):
    """https://developers.ashbyhq.com/reference/candidatetaglist"""

    title: str | None = None


class AshbyUser(Ref):
    """https://developers.ashbyhq.com/reference/userlist (also ``creditedToUser``, authors)."""

    firstName: str | None = None
    lastName: str | None = None
    email: str | None = None
    globalRole: str | None = None
    isEnabled: bool | None = None
    updatedAt: Ts = None


class AshbyCandidateLocation(WireModel):
    locationSummary: str | None = None


class AshbyCandidate(Ref):
    """https://developers.ashbyhq.com/reference/candidatelist (``location`` as recorded; the
    spec names it ``primaryLocation``)."""

    createdAt: Ts = None
    updatedAt: Ts = None
    name: str | None = None
    primaryEmailAddress: AshbyContact | None = None
    emailAddresses: list[AshbyContact] = Field(default_factory=list)
    primaryPhoneNumber: AshbyContact | None = None
    phoneNumbers: list[AshbyContact] = Field(default_factory=list)
    socialLinks: list[AshbySocialLink] = Field(default_factory=list)
    tags: list[AshbyTag] = Field(default_factory=list)
    position: str | None = None
    company: str | None = None
    applicationIds: list[str] = Field(default_factory=list)
    resumeFileHandle: AshbyNamed | None = None
    fileHandles: list[AshbyNamed] = Field(default_factory=list)
    location: AshbyCandidateLocation | None = None
    primaryLocation: AshbyCandidateLocation | None = None


class AshbyInterviewStage(Ref):
    """https://developers.ashbyhq.com/reference/interviewstagelist"""

    title: str | None = None
    type: str | None = None
    orderInInterviewPlan: int | None = None


class AshbyArchiveReason(Ref):
    """https://developers.ashbyhq.com/reference/archivereasonlist"""

    text: str | None = None


class AshbySource(Ref):
    title: str | None = None


class AshbyApplication(Ref):
    """https://developers.ashbyhq.com/reference/applicationlist"""

    createdAt: Ts = None
    updatedAt: Ts = None
    archivedAt: Ts = None
    status: str | None = None
    candidate: Ref
    currentInterviewStage: AshbyInterviewStage | None = None
    source: AshbySource | None = None
    creditedToUser: AshbyUser | None = None
    archiveReason: AshbyArchiveReason | None = None
    job: Ref | None = None
    resumeFileHandle: AshbyNamed | None = None


class AshbyPostalAddress(WireModel):
    addressCountry: str | None = None
    addressRegion: str | None = None
    addressLocality: str | None = None


class AshbyAddress(WireModel):
    postalAddress: AshbyPostalAddress | None = None


class AshbyLocation(Ref):
    """https://developers.ashbyhq.com/reference/locationlist (also ``job.location``, expanded)."""

    name: str | None = None
    address: AshbyAddress | None = None
    isRemote: bool | None = None
    parentLocationId: str | None = None


class AshbyTeamMember(WireModel):
    """``hiringTeam[]``: ``role`` is a free label (``Hiring Manager``, ``Recruiter``)."""

    userId: str
    role: str | None = None


class AshbyJob(Ref):
    """https://developers.ashbyhq.com/reference/joblist"""

    title: str | None = None
    confidential: bool | None = None
    status: str | None = None
    employmentType: str | None = None
    locationId: str | None = None
    departmentId: str | None = None
    customRequisitionId: str | None = None
    hiringTeam: list[AshbyTeamMember] = Field(default_factory=list)
    createdAt: Ts = None
    updatedAt: Ts = None
    openedAt: Ts = None
    closedAt: Ts = None
    location: AshbyLocation | None = None


class AshbyJobPostingSummary(Ref):
    """https://developers.ashbyhq.com/reference/jobpostinglist"""

    jobId: str
    externalLink: str | None = None
    applyLink: str | None = None


class AshbySelectableValue(WireModel):
    label: str
    value: str | None = None


class AshbyFieldDefinition(Ref):
    type: str | None = None
    path: str | None = None
    title: str | None = None
    selectableValues: list[AshbySelectableValue] = Field(default_factory=list)


class AshbyFormField(WireModel):
    """One entry of a form section: ``{isRequired, field{}, descriptionPlain, descriptionHtml}``."""

    isRequired: bool | None = None
    field: AshbyFieldDefinition
    descriptionPlain: str | None = None


class AshbyFormSection(WireModel):
    title: str | None = None
    fields: list[AshbyFormField] = Field(default_factory=list)


class AshbyFormDefinition(WireModel):
    sections: list[AshbyFormSection] = Field(default_factory=list)


class AshbyJobPosting(Ref):
    """https://developers.ashbyhq.com/reference/jobpostinginfo (its application form)."""

    jobId: str
    applicationFormDefinition: AshbyFormDefinition | None = None


class AshbyDepartment(Ref):
    """https://developers.ashbyhq.com/reference/departmentlist"""

    name: str | None = None
    isArchived: bool | None = None
    parentId: str | None = None
    createdAt: Ts = None
    updatedAt: Ts = None


class AshbyJobInterviewPlan(WireModel):
    """https://developers.ashbyhq.com/reference/jobinterviewplaninfo: a job's ordered stages."""

    jobId: str
    stages: list[AshbyInterviewStage] = Field(default_factory=list)


class AshbyInterviewEvent(Ref):
    interviewerUserIds: list[str] = Field(default_factory=list)
    createdAt: Ts = None
    startTime: Ts = None
    endTime: Ts = None
    location: str | None = None
    meetingLink: str | None = None


class AshbyInterviewSchedule(Ref):
    """https://developers.ashbyhq.com/reference/interviewschedulelist: one stage's events."""

    status: str | None = None
    applicationId: str | None = None
    interviewStageId: str | None = None
    interviewEvents: list[AshbyInterviewEvent] = Field(default_factory=list)


class AshbyOfferVersion(Ref):
    startDate: str | None = None
    createdAt: Ts = None
    author: AshbyUser | None = None


class AshbyOffer(Ref):
    """https://developers.ashbyhq.com/reference/offerlist"""

    decidedAt: Ts = None
    applicationId: str | None = None
    acceptanceStatus: str | None = None
    offerStatus: str | None = None
    latestVersion: AshbyOfferVersion | None = None
    versions: list[AshbyOfferVersion] = Field(default_factory=list)


class AshbyFeedback(Ref):
    """https://developers.ashbyhq.com/reference/applicationfeedbacklist"""

    formDefinition: AshbyFormDefinition | None = None
    submittedValues: dict[str, Any] = Field(default_factory=dict)
    submittedByUser: AshbyUser | None = None
    applicationId: str | None = None
    submittedAt: Ts = None


class AshbyNote(Ref):
    """https://developers.ashbyhq.com/reference/candidatelistnotes (``author``: a stub)."""

    createdAt: Ts = None
    content: str | None = None
    author: Ref | None = None
