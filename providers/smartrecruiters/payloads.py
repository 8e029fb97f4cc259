"""Pydantic models of SmartRecruiters Customer API payloads, lenient to new fields. Field names
are the wire's camelCase, so the record maps read and render the same keys. Shapes follow
``shared/fixtures/providers/smartrecruiters/`` (mostly Swagger-UI examples: ``"string"``, ``0``)
and https://developers.smartrecruiters.com/reference. Timestamps are ISO 8601 with ``Z``.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from ..kit.times import UtcTimestamp
from ..payload import WireModel

Id = Annotated[str, Field(min_length=1)]
"""An id a record is made of (an application's is its candidate's and its job's): never empty."""


class Labeled(WireModel):
    """``{id, label}``: a department, a rejection or withdrawal reason, an industry..."""

    id: str | None = None
    label: str | None = None


class Configured(Labeled):
    """A row of an account table (a department, a rejection reason): its id is the record's."""

    id: Id


class Location(WireModel):
    country: str | None = None
    region: str | None = None
    city: str | None = None
    remote: bool | None = None


class Stamped(WireModel):
    id: Id
    createdOn: UtcTimestamp | None = None
    updatedOn: UtcTimestamp | None = None


class JobRef(WireModel):
    id: str | None = None


class KnownJob(JobRef):
    id: Id


class Assignment(WireModel):
    """A candidate's application to one job (``primaryAssignment``, ``secondaryAssignments``;
    a listed candidate's secondary ones carry only their job)."""

    job: JobRef | None = None
    status: str | None = None
    subStatus: str | None = None
    source: str | None = None
    reasonOfRejection: Labeled | None = None


class Placed(Assignment):
    """An assignment as its candidate carries it: it names its job, which the application's id
    is made of."""

    job: KnownJob


class Web(WireModel):
    linkedin: str | None = None
    website: str | None = None


class Candidate(Stamped):
    firstName: str | None = None
    lastName: str | None = None
    email: str | None = None
    phoneNumber: str | None = None
    location: Location | None = None
    web: Web | None = None
    tags: list[str] | None = None
    primaryAssignment: Placed | None = None
    secondaryAssignments: list[Placed] | None = None


class Text(WireModel):
    text: str | None = None


class AdSections(WireModel):
    jobDescription: Text | None = None


class JobAd(WireModel):
    """A job's ad: the text of its description is read (the rest stays in ``remoteData``)."""

    sections: AdSections | None = None


class Job(Stamped):
    title: str | None = None
    refNumber: str | None = None
    status: str | None = None
    department: Labeled | None = None
    location: Location | None = None
    jobAd: JobAd | None = None


class Role(WireModel):
    name: str | None = None


class User(WireModel):
    id: Id
    email: str | None = None
    firstName: str | None = None
    lastName: str | None = None
    active: bool | None = None
    systemRole: Role | None = None
    updatedOn: UtcTimestamp | None = None


class Offer(Stamped):
    status: str | None = None


class Review(Stamped):
    """A review of a candidate for a job (``GET /reviews``): SmartRecruiters' scorecard."""

    candidateId: str | None = None
    jobId: str | None = None
    reviewerId: str | None = None
    overallRating: int | None = None


class Download(WireModel):
    url: str | None = None


class Actions(WireModel):
    download: Download | None = None


class Attachment(WireModel):
    id: Id
    name: str | None = None
    type: str | None = None
    actions: Actions | None = None


class StatusChange(WireModel):
    """One entry of an application's status history (no id of its own)."""

    changedOn: UtcTimestamp | None = None
    status: str | None = None
    subStatus: str | None = None


class Interview(WireModel):
    id: str | None = None
    candidate: dict[str, Any] | None = None
    jobId: str | None = None
    organizerId: str | None = None
    location: str | None = None
    timeslots: list[dict[str, Any]] | None = None
    createdOn: UtcTimestamp | None = None
