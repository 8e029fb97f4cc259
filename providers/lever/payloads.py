"""Lever v1 wire models: the pipeline objects (opportunities, postings, users, stages, ...).

Reference: https://hire.lever.co/developer/documentation. Models are lenient (``extra="allow"``)
so a field Lever adds never breaks parsing; each keeps the JSON object it was parsed from in
``raw`` (that is what records carry as ``remote_data``). Timestamps stay epoch milliseconds
here (some documentation examples send them as digit strings; both are accepted) and become
UTC datetimes in ``mapping.py``. The per-opportunity forms (interviews, feedback, notes,
offers, files, EEO, application questions) are in ``payloads_forms.py``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import ConfigDict, Field
from pydantic.alias_generators import to_camel

from ..kit.times import EpochMillis
from ..payload import WireModel


class LeverModel(WireModel):
    """Base of every Lever payload: camelCase aliases, unknown fields kept, raw JSON kept."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, frozen=False)


class ListEnvelope(LeverModel):
    """Every list: ``{"data": [...], "hasNext": bool, "next": "<offset token>"}``.

    https://hire.lever.co/developer/documentation#pagination
    """

    data: list[dict[str, Any]]
    has_next: bool = False
    next: str | None = None


class ObjectEnvelope(LeverModel):
    """Every single-object read: ``{"data": {...}}``."""

    data: dict[str, Any]


class Phone(LeverModel):
    type: str | None = None
    value: str | None = None


class Archived(LeverModel):
    """``opportunity.archived``: set when the opportunity left the pipeline (hired or rejected)."""

    reason: str | None = None
    archived_at: EpochMillis = None


class Consent(LeverModel):
    allowed: bool | None = None
    expires_at: EpochMillis = None


class DataProtection(LeverModel):
    """Candidate-provided consent; null when no data policy applies (shared by the contact)."""

    store: Consent | None = None
    contact: Consent | None = None


class LeverApplication(LeverModel):
    """An application, as inlined by ``expand=applications`` (at most one per opportunity).

    https://hire.lever.co/developer/documentation#applications
    """

    id: str
    type: str | None = None
    candidate_id: str | None = None
    opportunity_id: str | None = None
    posting: str | None = None
    posting_owner: str | None = None
    posting_hiring_manager: str | None = None
    company: str | None = None
    user: str | None = None
    created_at: EpochMillis = None
    archived: Archived | None = None


class LeverOpportunity(LeverModel):
    """One candidacy of a contact (person); contact fields are shared across the contact's
    opportunities. https://hire.lever.co/developer/documentation#opportunities
    """

    id: str
    contact: str
    name: str | None = None
    headline: str | None = None
    stage: str | dict[str, Any] | None = None
    confidentiality: str | None = None
    location: str | None = None
    phones: list[Phone] = []
    emails: list[str] = []
    links: list[str] = []
    archived: Archived | None = None
    tags: list[str] = []
    sources: list[str] = []
    origin: str | None = None
    sourced_by: str | None = None
    owner: str | None = None
    applications: list[str | LeverApplication] = []
    created_at: EpochMillis = None
    updated_at: EpochMillis = None
    last_interaction_at: EpochMillis = None
    data_protection: DataProtection | None = None
    opportunity_location: str | None = None

    @property
    def application(self) -> LeverApplication | None:
        """The expanded application, when the request asked for ``expand=applications``."""
        for app in self.applications:
            if isinstance(app, LeverApplication):
                return app
        return None

    @property
    def stage_id(self) -> str | None:
        if isinstance(self.stage, dict):
            value = self.stage.get("id")
            return value if isinstance(value, str) else None
        return self.stage


class Categories(LeverModel):
    """Free-text posting categories (Lever has no department or office objects)."""

    commitment: str | None = None
    department: str | None = None
    level: str | None = None
    location: str | None = None
    team: str | None = None
    all_locations: list[str] = []


class PostingContent(LeverModel):
    description: str | None = None
    description_html: str | None = None


class PostingUrls(LeverModel):
    list_url: str | None = Field(default=None, alias="list")
    show: str | None = None
    apply: str | None = None


class SalaryRange(LeverModel):
    min: Decimal | None = None
    max: Decimal | None = None
    currency: str | None = None
    interval: str | None = None


class LeverPosting(LeverModel):
    """A job posting. https://hire.lever.co/developer/documentation#postings"""

    id: str
    text: str | None = None
    state: str | None = None
    user: str | None = None
    owner: str | None = None
    hiring_manager: str | None = None
    categories: Categories | None = None
    tags: list[str] = []
    content: PostingContent | None = None
    confidentiality: str | None = None
    req_code: str | None = None
    requisition_codes: list[str] = []
    urls: PostingUrls | None = None
    created_at: EpochMillis = None
    updated_at: EpochMillis = None
    workplace_type: str | None = None
    salary_range: SalaryRange | None = None


class LeverUser(LeverModel):
    """https://hire.lever.co/developer/documentation#users"""

    id: str
    name: str | None = None
    username: str | None = None
    email: str | None = None
    access_role: str | None = None
    created_at: EpochMillis = None
    deactivated_at: EpochMillis = None


class LeverStage(LeverModel):
    """An account-wide pipeline stage. https://hire.lever.co/developer/documentation#stages"""

    id: str
    text: str | None = None


class LeverArchiveReason(LeverModel):
    """``type`` is ``hired`` or ``non-hired``. https://hire.lever.co/developer/documentation#archive-reasons"""

    id: str
    text: str | None = None
    status: str | None = None
    type: str | None = None


class LeverTag(LeverModel):
    """Tags are plain strings; ``text`` is their identity. https://hire.lever.co/developer/documentation#tags"""

    text: str
    count: int | None = None
