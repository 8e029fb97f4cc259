"""Lenient models of BambooHR's applicant-tracking payloads, field names as on the wire
(camelCase). Shapes follow ``shared/fixtures/providers/bamboohr/`` (the bamboozled client's
recorded responses and Nango's recordings of BambooHR's demo company): ids are numbers except
a status's (``"id": "1"``); a job's title is an object ``{id, label}``; timestamps carry an
offset (``2019-02-05T21:03:16+00:00``).
"""

from __future__ import annotations

from ..kit.times import UtcTimestamp
from ..payload import WireModel


class Label(WireModel):
    """``{id, label}``: how BambooHR embeds a status, title, department or location."""

    id: int | str | None = None
    label: str | None = None


class Status(Label):
    dateChanged: UtcTimestamp | None = None
    """Detail only: when the application entered this status."""


class Applicant(WireModel):
    """An application's applicant (a detail's adds ``phoneNumber``, ``address``, ``linkedinUrl``,
    ``websiteUrl``..., kept in ``remoteData``)."""

    id: int
    firstName: str | None = None
    lastName: str | None = None
    email: str | None = None
    source: str | None = None


class JobRef(WireModel):
    id: int


class Application(WireModel):
    """A list item, or a detail (which adds ``questionsAndAnswers``, ``resumeFileId``,
    ``coverLetterFileId``, ``rating``..., kept in ``remoteData``)."""

    id: int
    appliedDate: UtcTimestamp | None = None
    status: Status | None = None
    applicant: Applicant
    job: JobRef | None = None


class Job(WireModel):
    """A job summary (``GET applicant_tracking/jobs``)."""

    id: int
    title: Label | None = None
    postedDate: UtcTimestamp | None = None
    status: Label | None = None
    department: Label | None = None
    location: Label | None = None
    postingUrl: str | None = None


class Pipeline(WireModel):
    """An account-wide status (``GET applicant_tracking/statuses``): the pipeline's steps."""

    id: str
    name: str | None = None


class User(WireModel):
    """A value of ``GET meta/users`` (an object keyed by user id)."""

    id: int
    firstName: str | None = None
    lastName: str | None = None
    email: str | None = None
    status: str | None = None


class Option(WireModel):
    id: int
    name: str | None = None


class MetaList(WireModel):
    """One of ``GET meta/lists``: a list field's options (``alias`` names the field)."""

    fieldId: int | None = None
    alias: str | None = None
    options: list[Option] = []
