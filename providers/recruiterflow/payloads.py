"""Pydantic models of Recruiterflow's ``/api/external`` payloads, lenient to new keys. Shapes
follow ``shared/fixtures/providers/recruiterflow/``: configuration lists and two jobs recorded
verbatim, every payload holding personal data as a key/type shape only (see its README).
Timestamps carry an offset without a colon (``2022-02-23T01:42:14+0000``)."""

from __future__ import annotations

from ..kit.jsonapi import IdStr as Id  # ids are JSON numbers, kept as strings (the unified id type)
from ..kit.times import UtcTimestamp
from ..payload import WireModel


class Link(WireModel):
    """Another record as a payload names it (an activity's ``type`` and ``user``, a pipeline's
    ``candidate``, who added a candidate to a job); a user's ``email`` stays in ``remoteData``."""

    id: Id | None = None
    name: str | None = None


class Named(WireModel):
    """A row of the account's: departments, job statuses, employment and activity types, and
    (with more keys) locations and users."""

    id: Id
    name: str | None = None


class CandidateJob(WireModel):
    """One job a candidate is in (``candidate/list`` ``jobs[]``): an application."""

    job_id: Id
    stage_name: str | None = None
    stage_moved: UtcTimestamp | None = None
    added_time: UtcTimestamp | None = None
    added_to_job_by: Link | None = None
    disqualification_reason: str | None = None


class Place(WireModel):
    """A candidate's ``location``: its text is read."""

    location: str | None = None


class Candidate(WireModel):
    id: Id
    first_name: str | None = None
    last_name: str | None = None
    name: str | None = None
    email: list[str] | None = None
    phone_number: list[str] | None = None
    current_designation: str | None = None
    current_organization: str | None = None
    location: Place | None = None
    added_time: UtcTimestamp | None = None
    latest_activity_time: UtcTimestamp | None = None
    do_not_email: bool | None = None
    jobs: list[CandidateJob] = []


class HiringTeamMember(WireModel):
    user_id: Id | None = None
    role: str | None = None


class Job(WireModel):
    id: Id
    name: str | None = None
    is_open: bool | None = None
    job_status: Link | None = None
    department: str | None = None
    employment_type: str | None = None
    locations: list[str] = []
    hiring_team: list[HiringTeamMember] = []
    created_at: UtcTimestamp | None = None
    last_opened: UtcTimestamp | None = None


class Move(WireModel):
    """One move of a candidate in a job's pipeline; ``reason`` on moves to "Disqualified"."""

    to: str | None = None
    time: UtcTimestamp | None = None
    reason: str | None = None


class PipelineEntry(WireModel):
    candidate: Link
    stages: list[Move] = []


class Pipeline(WireModel):
    """``job/pipeline?job_id=``: the job's stages with counts, and each candidate's moves."""

    summary: list[Named] = []
    detail: list[PipelineEntry] = []


class Location(Named):
    """``location/list`` (and the fewer keys of ``organization/location/list``)."""

    city: str | None = None
    state: str | None = None
    country: str | None = None


class User(Named):
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    roles: list[Named] = []


class Activity(WireModel):
    activity_id: Id
    candidate_id: Id | None = None
    subject: str | None = None
    text: str | None = None
    time: UtcTimestamp | None = None
    type: Link | None = None
    user: Link | None = None
