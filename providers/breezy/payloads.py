"""Pydantic models of Breezy HR v3 answers, lenient to new fields. No Breezy payload was
recorded (``shared/fixtures/providers/breezy/README.md``): the shapes follow Breezy's own
reference pages, named on each model.
"""

from __future__ import annotations

from pydantic import Field

from ..kit.times import UtcTimestamp
from ..payload import WireModel


class Named(WireModel):
    """``{"id", "name"}``: a candidate's ``source``, ``stage`` and a stage's ``type``."""

    id: str | None = None
    name: str | None = None


class Stage(Named):
    type: Named | None = None


class Resume(WireModel):
    file_name: str | None = None
    url: str | None = None
    pdf_url: str | None = None


class Candidate(WireModel):
    """One candidate *in one position* (Breezy's candidate is scoped to a position: it is the
    application). https://developer.breezy.hr/docs/company-position-candidates (200 answer:
    an array of these); the detail ``.../candidate/{candidate_id}`` answers one "Candidate
    Object" (https://developer.breezy.hr/docs/company-position-candidate-update)."""

    id: str = Field(validation_alias="_id")
    meta_id: str | None = None
    """Sent, but its meaning is not documented: not used to tell people apart."""
    name: str | None = None
    email_address: str | None = None
    phone_number: str | None = None
    headline: str | None = None
    origin: str | None = None
    """``applied | sourced | recruiter | referral``."""
    source: Named | None = None
    stage: Stage | None = None
    tags: list[str] = []
    resume: Resume | None = None
    creation_date: UtcTimestamp | None = None
    updated_date: UtcTimestamp | None = None


class Position(WireModel):
    """A position (job). Its fields as Breezy's webhook reference shows a position
    (``_id``, ``name``, ``pipeline_id``, ``location.name``:
    https://developer.breezy.hr/reference/webhook-events) and the list's further keys as the
    fixture README records them from Airbyte's stream schema (``state``, ``department``,
    ``creation_date``, ``updated_date``): no position list answer is in Breezy's pages found."""

    id: str = Field(validation_alias="_id")
    name: str | None = None
    state: str | None = None
    department: str | None = None
    pipeline_id: str | None = None
    location: Named | None = None
    creation_date: UtcTimestamp | None = None
    updated_date: UtcTimestamp | None = None
