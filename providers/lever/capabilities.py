"""What the Lever adapter fills and filters natively, per resource (spec field names).

Left out on purpose, because Lever's API does not have them:
- candidate ``first_name`` / ``last_name`` (Lever keeps one ``name``; splitting it would be a
  guess) and ``is_private`` (no such flag on a contact);
- job ``code``, ``departments``, ``offices`` (free-text categories, no objects), ``opened_at``,
  ``closed_at``; stage ``job`` (the pipeline is account-wide), ``status``, timestamps;
- user first/last names, ``updated_at``; offer ``closed_at``; job form field
  ``answer_visibility``; interview ``updated_at``; eeoc timestamps.
Departments, offices and organizations are not served at all (no Lever endpoints).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from providers.query import FilterName
from providers.records import Resource

F = FilterName

FIELDS: Final[Mapping[Resource, frozenset[str]]] = {
    Resource.CANDIDATE: frozenset(
        {
            "name",
            "company",
            "title",
            "last_interaction_at",
            "can_email",
            "locations",
            "phones",
            "emails",
            "urls",
            "tags",
            "applications",
            "attachments",
            "created_at",
            "updated_at",
        }
    ),
    Resource.APPLICATION: Resource.APPLICATION.field_names(),  # every field of the model
    Resource.JOB: frozenset(
        {
            "name",
            "description",
            "requisition_id",
            "status",
            "locations",
            "job_posting_urls",
            "confidential",
            "teams",
            "hiring_managers",
            "recruiters",
            "tags",
            "is_remote",
            "job_type",
            "job_position_level",
            "compensation",
            "created_at",
            "updated_at",
        }
    ),
    Resource.JOB_INTERVIEW_STAGE: frozenset({"name", "position"}),
    Resource.USER: frozenset({"name", "emails", "disabled", "access_role", "created_at"}),
    Resource.REJECT_REASON: frozenset({"name"}),
    Resource.TAG: frozenset({"name"}),
    Resource.INTERVIEW: frozenset(
        {
            "application",
            "candidate",
            "job_interview_stage",
            "organizer",
            "interviewers",
            "location",
            "start_at",
            "end_at",
            "status",
            "created_at",
        }
    ),
    Resource.SCORECARD: frozenset(
        {
            "application",
            "candidate",
            "interview",
            "interviewer",
            "submitted_at",
            "overall_recommendation",
            "form_values",
            "created_at",
            "updated_at",
        }
    ),
    Resource.OFFER: frozenset(
        {"application", "candidate", "job", "creator", "sent_at", "start_date", "status", "created_at"}
    ),
    Resource.ACTIVITY: frozenset({"candidate", "actor", "activity_type", "body", "visibility", "created_at"}),
    Resource.ATTACHMENT: frozenset(
        {"file_name", "file_url", "candidate", "application", "job", "attachment_type", "created_at"}
    ),
    Resource.EEOC: frozenset(
        {"candidate", "submitted_at", "race", "gender", "veteran_status", "disability_status"}
    ),
    Resource.JOB_FORM_FIELD: frozenset(
        {
            "name",
            "job",
            "label",
            "index",
            "is_required",
            "description",
            "type",
            "options",
            "group_id",
            "group_name",
        }
    ),
}

NATIVE_FILTERS: Final[Mapping[Resource, frozenset[FilterName]]] = {
    # A contact matches updated_after / created_before iff one of its opportunities does;
    # tags are not native: Lever's tag filter is case-sensitive and a union, the unified one
    # is case-insensitive and an intersection.
    Resource.CANDIDATE: frozenset({F.UPDATED_AFTER, F.CREATED_BEFORE, F.EMAIL, F.JOB_ID}),
    Resource.APPLICATION: frozenset(
        {
            F.CREATED_AFTER,
            F.CREATED_BEFORE,
            F.UPDATED_AFTER,
            F.UPDATED_BEFORE,
            F.JOB_ID,
            F.CANDIDATE_ID,
            F.STAGE_ID,
        }
    ),
    Resource.JOB: frozenset({F.UPDATED_AFTER, F.UPDATED_BEFORE}),
    Resource.USER: frozenset({F.EMAIL}),
}

COVERAGE_NOTES: Final[tuple[str, ...]] = (
    "`Job.stages` is the account's whole pipeline, the same for every job: Lever's stages are "
    "account-wide (`GET /stages`) and a posting has no pipeline of its own. The stages a posting's "
    "opportunities happen to be in would miss the empty ones and cost a listing of all of them. "
    "(`lever-demo` renders the sandbox's per-job pipelines as one account pipeline: their "
    "distinct stages, each job's stage mapped to the account stage of the same name.)",
    "Interviews, scorecards, activities, offers and attachments are read one opportunity at a "
    "time (Lever has no call for several, and `expand` covers none of them): 1 request per "
    "opportunity, 2 for attachments (`/files`, `/resumes`). A candidate has about 1.5 "
    "opportunities, so `candidates(first: N) { attachments }` needs about 3 N requests: about "
    "`first: 30` within the default `operation_budget` of 100. A read that cannot fit the "
    "operation's budget is refused before its first request (`UPSTREAM_BUDGET_EXCEEDED`, saying "
    "how many records fit).",
    "Confidential postings, and the opportunities (so the candidates) on them, are read only "
    "with the connection option `include_confidential = true` (Lever's `confidentiality=all`); "
    "the `lever-demo` connection sets it.",
)
"""Known gaps, printed under Lever's table in docs/coverage.md."""
