"""What a write carries into an adapter: provider-neutral, frozen, already validated.

The GraphQL layer turns its input objects into these; an adapter's write method takes one
of them and the acting user (:class:`Actor`, None when neither the request nor the
connection names one) and returns the changed record. Field names are the spec's
(``shared/spec/resources.md``); an adapter never sees GraphQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..records import AttachmentType, EmailAddress, FormValue, PhoneNumber, Url, Visibility


@dataclass(frozen=True)
class Actor:
    """The ATS user a write is made on behalf of (an On-Behalf-Of user, a ``perform_as``)."""

    id: str


class OnDuplicate(StrEnum):
    """What ``createApplication`` does with an inline candidate whose e-mail is already known."""

    REUSE = "reuse"
    """Apply with the existing candidate (the first one found by e-mail)."""
    CREATE = "create"
    """Create a new candidate anyway."""
    FAIL = "fail"
    """Refuse, naming the existing candidate."""


@dataclass(frozen=True)
class CustomFieldValue:
    """A value for one of the account's custom fields, ``name`` being the provider's key for
    it (Greenhouse's ``name_key``)."""

    name: str
    value: str


@dataclass(frozen=True)
class CandidateInput:
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    title: str | None = None
    is_private: bool | None = None
    emails: tuple[EmailAddress, ...] = ()
    phones: tuple[PhoneNumber, ...] = ()
    urls: tuple[Url, ...] = ()
    locations: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    """Tag names; a name the account does not have yet is created where the provider allows."""
    custom_fields: tuple[CustomFieldValue, ...] = ()


@dataclass(frozen=True)
class CandidateUpdate:
    """Changes to one candidate: a field left None stays as it is; a list given replaces it."""

    candidate_id: str
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    title: str | None = None
    is_private: bool | None = None
    emails: tuple[EmailAddress, ...] | None = None
    phones: tuple[PhoneNumber, ...] | None = None
    urls: tuple[Url, ...] | None = None
    locations: tuple[str, ...] | None = None
    custom_fields: tuple[CustomFieldValue, ...] = ()
    """The custom fields to set; the others stay as they are."""


@dataclass(frozen=True)
class ApplicationInput:
    """An application to ``job_id`` by an existing candidate or by a new one given inline.

    By the time an adapter sees it, exactly one of ``candidate_id`` and ``candidate`` is set:
    the write path has applied ``on_duplicate`` (it looked the e-mail up and either chose an
    existing candidate, refused, or left the inline candidate to be created)."""

    job_id: str
    candidate_id: str | None = None
    candidate: CandidateInput | None = None
    on_duplicate: OnDuplicate = OnDuplicate.REUSE
    stage_id: str | None = None
    """The job stage to start in; None: the job's first stage."""
    source: str | None = None
    """Where the candidate came from, by name."""
    answers: tuple[FormValue, ...] = ()
    """Answers to the job's form fields, ``question`` being the field's ``name``."""


@dataclass(frozen=True)
class ApplicationRef:
    """An action on one application that takes nothing else (unreject, hire)."""

    application_id: str


@dataclass(frozen=True)
class StageMove:
    application_id: str
    stage_id: str
    """One of the application's job's own stages."""


@dataclass(frozen=True)
class Rejection:
    application_id: str
    reject_reason_id: str | None = None
    note: str | None = None
    email_template_id: str | None = None
    """The provider's rejection e-mail template to send, where the provider has them."""


@dataclass(frozen=True)
class NoteInput:
    candidate_id: str
    body: str
    application_id: str | None = None
    visibility: Visibility = Visibility.ADMIN_ONLY


@dataclass(frozen=True)
class AttachmentInput:
    """A file for a candidate (and optionally one of their applications).

    ``content`` holds the bytes (uploaded, or fetched by the gateway from ``url``); ``url``
    stays set for a provider that fetches files itself (``ProviderAdapter.attachment_by_url``),
    and then ``content`` is None."""

    candidate_id: str
    file_name: str
    application_id: str | None = None
    attachment_type: AttachmentType = AttachmentType.OTHER
    content_type: str | None = None
    content: bytes | None = None
    url: str | None = None


@dataclass(frozen=True)
class TagChange:
    candidate_id: str
    tags: tuple[str, ...]
    """Tag names, compared case-insensitively."""
