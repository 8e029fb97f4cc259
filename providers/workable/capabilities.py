"""What the Workable adapter declares: the unified fields it fills and the filters it applies
upstream. Fields left out have no source in Workable's API (e.g. a candidate's company or
``can_email``, a job's hiring team or offices, an interview's organizer or stage)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from ..query import FilterName
from ..records import Resource

F = FilterName
R = Resource
_AFTER: Final = frozenset({F.CREATED_AFTER, F.UPDATED_AFTER})


def _fields(names: str) -> frozenset[str]:
    return frozenset(names.split())


NATIVE_FILTERS: Final[Mapping[Resource, frozenset[FilterName]]] = {
    R.CANDIDATE: _AFTER | {F.EMAIL, F.JOB_ID},  # created_after, updated_after, email, shortcode
    R.APPLICATION: _AFTER | {F.JOB_ID, F.CANDIDATE_ID, F.STAGE_ID},  # + stage, or the candidate itself
    R.JOB: _AFTER,
    R.USER: frozenset({F.EMAIL}),
    R.INTERVIEW: frozenset({F.CANDIDATE_ID, F.APPLICATION_ID}),  # /events?candidate_id=
    R.ACTIVITY: frozenset({F.CANDIDATE_ID}),  # /candidates/{id}/activities (required)
    R.OFFER: frozenset({F.CANDIDATE_ID, F.APPLICATION_ID}),  # /candidates/{id}/offer (required)
    R.JOB_INTERVIEW_STAGE: frozenset({F.JOB_ID}),  # /jobs/{shortcode}/stages (required)
    R.JOB_FORM_FIELD: frozenset({F.JOB_ID}),  # /jobs/{shortcode}/application_form (required)
}

FIELDS: Final[Mapping[Resource, frozenset[str]]] = {
    R.CANDIDATE: _fields(
        "first_name last_name name title locations phones emails urls tags applications created_at updated_at"
    ),
    R.APPLICATION: _fields(
        "candidate job applied_at rejected_at source credited_to current_stage reject_reason "
        "created_at updated_at"
    ),
    R.JOB: _fields(
        "name description code status locations job_posting_urls confidential departments is_remote job_type "
        "job_position_level compensation created_at updated_at"
    ),
    R.JOB_INTERVIEW_STAGE: _fields("name job position"),
    R.JOB_FORM_FIELD: _fields("name job label index is_required type options group_id group_name"),
    R.DEPARTMENT: _fields("name parent"),
    R.USER: _fields("name emails disabled access_role"),
    R.INTERVIEW: _fields("application candidate interviewers location start_at end_at status"),
    R.ACTIVITY: _fields("candidate actor activity_type body created_at updated_at"),
    R.OFFER: _fields("application candidate status created_at"),
    R.REJECT_REASON: _fields("name"),
    R.ORGANIZATION: _fields("name"),
    R.TAG: _fields("name"),
}

COVERAGE_NOTES: Final[tuple[str, ...]] = (
    "A candidate is job-scoped (one per job the person is in): it is also its one application, "
    "with the same id.",
    "Candidates and applications read from a listing (`candidates`, `applications`, "
    "`Job.applications`, a listed candidate's `applications`) have `urls: []`, `rejectedAt` "
    "null even when disqualified, and `creditedTo` null: `GET /candidates` answers a summary "
    "without `social_profiles`, `disqualified_at` and `uploader_id`, which only "
    "`GET /candidates/{id}` has. `candidate(id:)` and `application(id:)` fill them. Filling them "
    "on a listing would cost one request per listed candidate (a page of 100 is the whole "
    "default `operation_budget`) whether the query selects them or not. `tags` are not affected: "
    "they are read per candidate, and only when selected.",
)
"""Known gaps, printed under Workable's table in docs/coverage.md."""
