"""Pydantic models of JazzHR's records, lenient to new keys. Shapes follow the recorded
``GET /applicants`` and ``GET /jobs`` answers and the Singer tap's JSON schemas in
``shared/fixtures/providers/jazzhr/`` (see its README). JazzHR writes nearly every scalar as a
string, ``""`` for an empty one; dates are ``YYYY-MM-DD`` and times ``HH:MM:SS`` in separate
keys; ids are prefixed strings (``prospect_…``, ``job_…``, ``usr_…``) kept as sent. Only the keys
the mapping reads are declared: the others stay in ``remoteData`` as sent.
"""

from __future__ import annotations

from typing import Annotated, Any, Final, Self

from pydantic import BeforeValidator, model_validator

from ..payload import WireModel


def _text(value: Any) -> Any:
    """A scalar as text (a schema says number where the recordings send strings)."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


Text = Annotated[str | None, BeforeValidator(_text)]


class Category(WireModel):
    """``GET /categories`` (a tag), or one of an applicant detail's ``categories``."""

    id: Text = None
    category_id: Text = None
    name: Text = None
    date_created: Text = None

    @model_validator(mode="after")
    def _identified(self) -> Self:
        if (self.id or self.category_id) is None:  # what the tag's id is read from
            raise ValueError("a category has neither id nor category_id")
        return self


class AppliedJob(WireModel):
    """One of an applicant detail's ``jobs``: the applicant in a job's workflow."""

    job_id: str


class Applicant(WireModel):
    """``GET /applicants`` (a summary) and ``GET /applicants/{id}`` (the detail, which adds
    contact fields, EEO answers and the ``jobs`` and ``categories`` it is linked to)."""

    id: str
    first_name: Text = None
    last_name: Text = None
    prospect_phone: Text = None
    phone: Text = None
    apply_date: Text = None
    email: Text = None
    location: Text = None
    linkedin_url: Text = None
    website: Text = None
    categories: list[Category] | None = None
    jobs: list[AppliedJob] | None = None


SUMMARY: Final = ("id", "first_name", "last_name", "prospect_phone", "apply_date", "job_id", "job_title")
"""The keys of a listed applicant (``recorded-in-test/GET_applicants.json``)."""


class Application(WireModel):
    """``GET /applicants2jobs``: an applicant in a job's workflow; or, read under an applicant
    (``GET /applicants/{id}``), that applicant's detail, whose ``jobs`` are its applications."""

    id: str
    applicant_id: Text = None
    job_id: Text = None
    jobs: list[AppliedJob] | None = None
    date: Text = None


class Job(WireModel):
    id: str
    title: Text = None
    description: Text = None
    status: Text = None
    type: Text = None
    city: Text = None
    state: Text = None
    country_id: Text = None
    minimum_salary: Text = None
    maximum_salary: Text = None
    original_open_date: Text = None
    hiring_lead: Text = None
    board_code: Text = None
    internal_code: Text = None


class User(WireModel):
    id: str
    first_name: Text = None
    last_name: Text = None
    email: Text = None
    type: Text = None
    date_created: Text = None


class Activity(WireModel):
    """``GET /activities``: an entry of the account's activity feed about ``object_id``."""

    id: str
    category: Text = None
    user_id: Text = None
    object_id: Text = None
    action: Text = None
    date: Text = None
    time: Text = None


class File(WireModel):
    """``GET /files``: a file on an applicant's profile."""

    id: str
    applicant_id: Text = None
    filename: Text = None
    file_url: Text = None
    date_loaded: Text = None
    time_loaded: Text = None
