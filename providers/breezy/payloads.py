"""Pydantic models of Breezy HR v3 answers, lenient to new fields; only the fields the mapping
reads are declared (the rest stays in ``remoteData``). No Breezy payload was recorded
(``shared/fixtures/providers/breezy/README.md``): the shapes follow Breezy's own reference
pages, named on each model.
"""

from __future__ import annotations

from pydantic import Field

from ..kit.times import UtcTimestamp
from ..payload import WireModel


class Named(WireModel):
    """``{"id", "name"}``: a candidate's ``source`` and ``stage``, a position's ``location``."""

    id: str | None = None
    name: str | None = None


class Resume(WireModel):
    file_name: str | None = None
    url: str | None = None


class Candidate(WireModel):
    """One candidate *in one position* (Breezy's candidate is scoped to a position: it is the
    application). https://developer.breezy.hr/docs/company-position-candidates (200 answer:
    an array of these); the detail ``.../candidate/{candidate_id}`` answers one "Candidate
    Object" (https://developer.breezy.hr/docs/company-position-candidate-update). Its ``origin``
    (``applied | sourced | recruiter | referral``), ``headline`` and ``meta_id`` are not read."""

    id: str = Field(validation_alias="_id")
    name: str | None = None
    email_address: str | None = None
    phone_number: str | None = None
    source: Named | None = None
    stage: Named | None = None
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
    location: Named | None = None
    creation_date: UtcTimestamp | None = None
    updated_date: UtcTimestamp | None = None
