"""The Ashby mapping is declared as data (``providers/ashby/mapping.py``); these name its reads
as the tests call them, each through the adapter's declared endpoints (embedded records too)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from providers.ashby import AshbyAdapter
from providers.ashby.mapping import ACTIVITY, STAGE, interviews
from providers.kit.resources import read_payload
from providers.records import Record, Resource

R = Resource


def _read(resource: Resource, payload: Any, ctx: Any = None) -> Any:
    return read_payload(AshbyAdapter.endpoints(resource), payload, ctx or {})[0]


def to_candidate(p: Any) -> Any:
    return _read(R.CANDIDATE, p)


def to_application(p: Any) -> Any:
    return _read(R.APPLICATION, p)


def to_user(p: Any) -> Any:
    return _read(R.USER, p)


def to_tag(p: Any) -> Any:
    return _read(R.TAG, p)


def to_reject_reason(p: Any) -> Any:
    return _read(R.REJECT_REASON, p)


def to_department(p: Any) -> Any:
    return _read(R.DEPARTMENT, p)


def to_office(p: Any) -> Any:
    return _read(R.OFFICE, p)


def to_job(p: Any, postings: Sequence[Any] = ()) -> Any:
    """``postings``: this job's entries of ``jobPosting.list`` (the adapter reads them by job)."""
    return _read(R.JOB, p, {"postings": {p.id: list(postings)}})


def to_job_form_fields(p: Any) -> list[Record]:
    return read_payload(AshbyAdapter.endpoints(R.JOB_FORM_FIELD), p)


def to_job_interview_stage(p: Any, job_id: str | None = None) -> Any:
    return STAGE.read(p, {"plan_of": job_id})


def to_interviews(p: Any) -> list[Record]:
    return interviews(p, {})


def to_offer(p: Any) -> Any:
    return _read(R.OFFER, p)


def to_scorecard(p: Any) -> Any:
    return _read(R.SCORECARD, p)


def to_activity(p: Any, candidate_id: str) -> Any:
    return ACTIVITY.read(p, {"notes_of": candidate_id})
