"""Greenhouse Harvest wire models: people (candidates, applications, users, activity, EEOC).

Reference: https://developers.greenhouse.io/harvest.html. Every model is lenient
(``extra="allow"``): a field Greenhouse adds tomorrow never breaks parsing. Each model keeps
the JSON object it was parsed from in ``raw`` (the record's ``remote_data``).

Harvest v3 has no published payload examples: we assume its records have the v1 shapes below.
"""

from __future__ import annotations

from pydantic import Field

from ..kit.times import UtcTimestamp
from ..payload import WireModel


class GreenhouseModel(WireModel):
    """Base of every Greenhouse payload: lenient, and keeps the raw JSON object."""


class IdName(GreenhouseModel):
    """An ``{id, name}`` reference (a stub, not a complete record)."""

    id: int
    name: str | None = None


class UserStub(GreenhouseModel):
    """A user reference embedded in other objects (``credited_to``, ``organizer``, ``user``...)."""

    id: int
    first_name: str | None = None
    last_name: str | None = None
    name: str | None = None
    employee_id: str | None = None


class GreenhouseAttachment(GreenhouseModel):
    """An attachment embedded in a candidate or an application; there is no attachments endpoint.
    https://developers.greenhouse.io/harvest.html#the-candidate-object"""

    filename: str | None = None
    url: str | None = None
    type: str | None = None
    created_at: UtcTimestamp | None = None


class GreenhouseSource(GreenhouseModel):
    id: int | None = None
    public_name: str | None = None


class GreenhouseRejectionReason(GreenhouseModel):
    """https://developers.greenhouse.io/harvest.html#the-rejection-reason-object — the same
    ``{id, name, type}`` object is embedded whole in ``application.rejection_reason``."""

    id: int
    name: str | None = None
    type: IdName | None = None


class GreenhouseApplication(GreenhouseModel):
    """https://developers.greenhouse.io/harvest.html#the-application-object"""

    id: int
    candidate_id: int | None = None
    prospect: bool | None = None
    applied_at: UtcTimestamp | None = None
    rejected_at: UtcTimestamp | None = None
    last_activity_at: UtcTimestamp | None = None
    source: GreenhouseSource | None = None
    credited_to: UserStub | None = None
    rejection_reason: GreenhouseRejectionReason | None = None
    jobs: list[IdName] = Field(default_factory=list)
    status: str | None = None
    current_stage: IdName | None = None
    attachments: list[GreenhouseAttachment] = Field(default_factory=list)


class ContactValue(GreenhouseModel):
    """``{value, type}`` entries of ``phone_numbers``, ``email_addresses``, ``addresses``..."""

    value: str
    type: str | None = None


class GreenhouseCandidate(GreenhouseModel):
    """https://developers.greenhouse.io/harvest.html#the-candidate-object (v1 embeds the complete
    ``applications[]``; v3 does not, then ``applications`` is absent)."""

    id: int
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    title: str | None = None
    created_at: UtcTimestamp | None = None
    updated_at: UtcTimestamp | None = None
    last_activity: UtcTimestamp | None = None
    is_private: bool | None = None
    can_email: bool | None = None
    attachments: list[GreenhouseAttachment] = Field(default_factory=list)
    application_ids: list[int] | None = None
    phone_numbers: list[ContactValue] = Field(default_factory=list)
    addresses: list[ContactValue] = Field(default_factory=list)
    email_addresses: list[ContactValue] = Field(default_factory=list)
    website_addresses: list[ContactValue] = Field(default_factory=list)
    social_media_addresses: list[ContactValue] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    applications: list[GreenhouseApplication] | None = None


class GreenhouseUser(GreenhouseModel):
    """https://developers.greenhouse.io/harvest.html#the-user-object"""

    id: int
    name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    primary_email_address: str | None = None
    emails: list[str] = Field(default_factory=list)
    disabled: bool | None = None
    site_admin: bool | None = None
    created_at: UtcTimestamp | None = None
    updated_at: UtcTimestamp | None = None


class GreenhouseTag(GreenhouseModel):
    """https://developers.greenhouse.io/harvest.html#the-candidate-tag-object"""

    id: int
    name: str | None = None


class GreenhouseNote(GreenhouseModel):
    """A note of the activity feed: https://developers.greenhouse.io/harvest.html#the-activity-feed-object"""

    id: int
    created_at: UtcTimestamp | None = None
    body: str | None = None
    user: UserStub | None = None
    visibility: str | None = None


class GreenhouseEmail(GreenhouseModel):
    """An e-mail of the activity feed (``to``/``from``/``cc`` are single strings)."""

    id: int
    created_at: UtcTimestamp | None = None
    subject: str | None = None
    body: str | None = None
    to: str | None = None
    from_: str | None = Field(default=None, alias="from")
    cc: str | None = None
    user: UserStub | None = None


class GreenhouseActivity(GreenhouseModel):
    """A system activity of the activity feed (stage changes, rejections...)."""

    id: int
    created_at: UtcTimestamp | None = None
    subject: str | None = None
    body: str | None = None
    user: UserStub | None = None


class GreenhouseActivityFeed(GreenhouseModel):
    """``GET /v1/candidates/{id}/activity_feed``: one object with three lists."""

    notes: list[GreenhouseNote] = Field(default_factory=list)
    emails: list[GreenhouseEmail] = Field(default_factory=list)
    activities: list[GreenhouseActivity] = Field(default_factory=list)


class EeocAnswer(GreenhouseModel):
    """An EEOC answer; the docs show ``description`` (and ``message`` for veteran status)."""

    id: int | None = None
    description: str | None = None
    message: str | None = None

    @property
    def text(self) -> str | None:
        return self.description if self.description is not None else self.message


class GreenhouseEeoc(GreenhouseModel):
    """https://developers.greenhouse.io/harvest.html#the-eeoc-object (one per application, no own id)."""

    application_id: int
    candidate_id: int | None = None
    race: EeocAnswer | None = None
    gender: EeocAnswer | None = None
    veteran_status: EeocAnswer | None = None
    disability_status: EeocAnswer | None = None
    submitted_at: UtcTimestamp | None = None
