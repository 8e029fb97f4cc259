"""Lever v1 wire models (https://hire.lever.co/developer/documentation): only the keys the
mapping reads, each checked; the rest is kept in ``raw`` (``remoteData``). Attributes are the
snake_case of Lever's camelCase keys, so a mapping path names both (the simulator camelizes
what it renders). Timestamps are epoch milliseconds on the wire, read as UTC datetimes."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import ConfigDict, Field
from pydantic.alias_generators import to_camel

from ..kit.times import EpochMillisTime
from ..payload import WireModel


class LeverModel(WireModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class ListEnvelope(LeverModel):
    """Every list: ``{"data": [...], "hasNext": bool, "next": "<offset token>"}``."""

    data: list[dict[str, Any]]


class ObjectEnvelope(LeverModel):
    """Every single read: ``{"data": {...}}``."""

    data: dict[str, Any]


class Phone(LeverModel):
    type: str | None = None
    value: str | None = None


class Archived(LeverModel):
    """Set when the opportunity left the pipeline, hired or rejected (the reason's type says)."""

    reason: str | None = None
    archived_at: EpochMillisTime = None


class Consent(LeverModel):
    allowed: bool | None = None


class DataProtection(LeverModel):
    contact: Consent | None = None


class LeverApplication(LeverModel):
    """The (at most one) application ``expand=applications`` inlines in an opportunity."""

    id: str
    posting: str | None = None
    company: str | None = None
    created_at: EpochMillisTime = None


class LeverContact(LeverModel):
    """``PUT /contacts/{id}``'s answer: the person alone (``PUT_contacts_id.json``)."""

    id: str
    name: str | None = None
    headline: str | None = None
    emails: list[str] = Field(default_factory=list)
    phones: list[Phone] = Field(default_factory=list)


class LeverOpportunity(LeverContact):
    """One candidacy of a contact: the person's fields (``LeverContact``), which every
    opportunity of the contact repeats, and its own."""

    contact: str
    stage: str | dict[str, Any] | None = None
    location: str | None = None
    links: list[str] = []
    archived: Archived | None = None
    tags: list[str] = []
    sources: list[str] = []
    sourced_by: str | None = None
    applications: list[str | LeverApplication] = []
    created_at: EpochMillisTime = None
    updated_at: EpochMillisTime = None
    last_interaction_at: EpochMillisTime = None
    data_protection: DataProtection | None = None

    @property
    def application(self) -> LeverApplication | None:
        return next((a for a in self.applications if isinstance(a, LeverApplication)), None)

    @property
    def stage_id(self) -> str | None:
        stage = self.stage.get("id") if isinstance(self.stage, dict) else self.stage
        return stage if isinstance(stage, str) else None


class Categories(LeverModel):
    """Free text (Lever has no department or office objects)."""

    commitment: str | None = None
    level: str | None = None
    location: str | None = None
    team: str | None = None
    all_locations: list[str] = []


class PostingContent(LeverModel):
    description: str | None = None
    description_html: str | None = None


class PostingUrls(LeverModel):
    show: str | None = None
    apply: str | None = None


class SalaryRange(LeverModel):
    min: Decimal | None = None
    max: Decimal | None = None
    currency: str | None = None
    interval: str | None = None


class LeverPosting(LeverModel):
    id: str
    text: str | None = None
    state: str | None = None
    owner: str | None = None
    hiring_manager: str | None = None
    categories: Categories | None = None
    tags: list[str] = []
    content: PostingContent | None = None
    confidentiality: str | None = None
    req_code: str | None = None
    requisition_codes: list[str] = []
    urls: PostingUrls | None = None
    created_at: EpochMillisTime = None
    updated_at: EpochMillisTime = None
    workplace_type: str | None = None
    salary_range: SalaryRange | None = None


class LeverUser(LeverModel):
    id: str
    name: str | None = None
    email: str | None = None
    access_role: str | None = None
    created_at: EpochMillisTime = None
    deactivated_at: EpochMillisTime = None


class LeverStage(LeverModel):
    id: str
    text: str | None = None


class LeverArchiveReason(LeverModel):
    """``type``: ``hired`` or ``non-hired``."""

    id: str
    text: str | None = None
    type: str | None = None


class LeverTag(LeverModel):
    text: str


class Ref(LeverModel):
    id: str


class LeverInterview(LeverModel):
    id: str
    interviewers: list[Ref] = []
    created_at: EpochMillisTime = None
    date: EpochMillisTime = None
    duration: Annotated[float, Field(ge=0, le=10**7)] | None = None
    """Minutes (bounded: the end it gives must be a date; a larger one is malformed)."""
    location: str | None = None
    user: str | None = None
    stage: str | None = None
    canceled_at: EpochMillisTime = None


class FieldValue(LeverModel):
    """An answer in a feedback form or a note (``type``: score-system, text, ...)."""

    type: str | None = None
    text: str | None = None
    value: Any = None


class LeverFeedback(LeverModel):
    id: str
    fields: list[FieldValue] = []
    user: str | None = None
    interview: str | None = None
    created_at: EpochMillisTime = None
    updated_at: EpochMillisTime = None
    completed_at: EpochMillisTime = None
    deleted_at: EpochMillisTime = None


class LeverNote(LeverModel):
    id: str
    fields: list[FieldValue] = []
    user: str | None = None
    secret: bool | None = None
    created_at: EpochMillisTime = None
    deleted_at: EpochMillisTime = None


class OfferField(LeverModel):
    identifier: str | None = None
    value: Any = None


class LeverOffer(LeverModel):
    id: str
    created_at: EpochMillisTime = None
    status: str | None = None
    creator: str | None = None
    fields: list[OfferField] = []
    sent_at: EpochMillisTime = None

    def field(self, identifier: str) -> Any:
        return next((f.value for f in self.fields if f.identifier == identifier), None)


class LeverFile(LeverModel):
    id: str
    download_url: str | None = None
    name: str | None = None
    uploaded_at: EpochMillisTime = None


class ResumeFile(LeverModel):
    name: str | None = None
    download_url: str | None = None


class LeverResume(LeverModel):
    id: str
    created_at: EpochMillisTime = None
    file: ResumeFile | None = None


class LeverEeoResponse(LeverModel):
    id: str
    contact: str | None = None
    eeo_survey_responded_at: EpochMillisTime = None
    gender: str | None = None
    race: str | None = None
    veteran: str | None = None
    disability: str | None = None


class ApplyOption(LeverModel):
    text: str
    option_id: str | None = None


class ApplyField(LeverModel):
    id: str | None = None
    name: str | None = None
    text: str | None = None
    type: str | None = None
    required: bool | None = None
    description: str | None = None
    options: list[ApplyOption] = []


class CustomQuestionForm(LeverModel):
    id: str | None = None
    text: str | None = None
    fields: list[ApplyField] = []


class LeverApplyForm(LeverModel):
    """``GET /postings/{id}/apply``: the posting's application questions, by group."""

    id: str
    personal_information: list[ApplyField] = []
    urls: list[ApplyField] = []
    custom_questions: list[CustomQuestionForm] = []
    eeo_questions: dict[str, ApplyField] | None = None
