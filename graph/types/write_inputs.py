"""The mutations' input objects, and their translation to the neutral inputs of
``providers/writes`` (the names of the fields the client gave, for the checks, are read by
``resolvers/writes/given.py``).

A field left out (or null) is "not given": an update leaves it as it is, and a provider that
lacks it is not asked about it.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types.unset import UNSET

from gateway.errors import BadUserInput
from providers.records import AttachmentType, EmailAddress, FormValue, PhoneNumber, Url, Visibility
from providers.writes import OnDuplicate
from providers.writes import inputs as neutral
from resolvers.writes.attachments import Uploaded

strawberry.enum(OnDuplicate, name="OnDuplicateCandidate", description="What to do when the e-mail is known.")


def _opt(description: str) -> Any:
    """An optional input field: left out (UNSET) is "not given"."""
    return strawberry.field(default=UNSET, description=description)


def _set(value: Any) -> Any:
    return None if value is UNSET else value


@strawberry.input(description="An e-mail address to store.")
class EmailInput:
    email: str = strawberry.field(description="The address.")
    type: str | None = strawberry.field(default=None, description="Its label, e.g. personal or work.")
    is_primary: bool | None = strawberry.field(default=None, description="Whether it is the primary address.")

    def to_value(self) -> EmailAddress:
        return EmailAddress(email=self.email, type=self.type, is_primary=self.is_primary)


@strawberry.input(description="A phone number to store.")
class PhoneInput:
    number: str = strawberry.field(description="The number.")
    type: str | None = strawberry.field(default=None, description="Its label, e.g. mobile or work.")

    def to_value(self) -> PhoneNumber:
        return PhoneNumber(number=self.number, type=self.type)


@strawberry.input(description="A URL to store, with its kind (linkedin, website...).")
class UrlInput:
    url: str = strawberry.field(description="The URL.")
    type: str | None = strawberry.field(default=None, description="Its kind, e.g. linkedin or website.")

    def to_value(self) -> Url:
        return Url(url=self.url, type=self.type)


@strawberry.input(description="A value for one of the account's custom fields.")
class CustomFieldValueInput:
    name: str = strawberry.field(description="The provider's key for the field (Greenhouse's `name_key`).")
    value: str = strawberry.field(description="The value as text (an option's id for a select).")


def _custom(items: list[CustomFieldValueInput] | None) -> tuple[neutral.CustomFieldValue, ...]:
    return tuple(neutral.CustomFieldValue(i.name, i.value) for i in _set(items) or ())


CUSTOM_FIELDS = "The account's custom fields to set, where the provider takes them."


def _values(items: list[Any] | None) -> tuple[Any, ...] | None:
    return None if items is None or items is UNSET else tuple(i.to_value() for i in items)


@strawberry.input(description="A new candidate.")
class CandidateInput:
    first_name: str | None = _opt("Given name.")
    last_name: str | None = _opt("Family name.")
    company: str | None = _opt("Current employer.")
    title: str | None = _opt("Current job title.")
    is_private: bool | None = _opt("Whether the candidate is visible to privileged users only.")
    emails: list[EmailInput] | None = _opt("E-mail addresses.")
    phones: list[PhoneInput] | None = _opt("Phone numbers.")
    urls: list[UrlInput] | None = _opt("Profile and website URLs.")
    locations: list[str] | None = _opt("Where the candidate is, as free text.")
    tags: list[str] | None = strawberry.field(
        default=UNSET, description="Tag names; unknown ones are created where the provider allows."
    )
    custom_fields: list[CustomFieldValueInput] | None = _opt(CUSTOM_FIELDS)

    def to_input(self) -> neutral.CandidateInput:
        return neutral.CandidateInput(
            first_name=_set(self.first_name),
            last_name=_set(self.last_name),
            company=_set(self.company),
            title=_set(self.title),
            is_private=_set(self.is_private),
            emails=_values(_set(self.emails)) or (),
            phones=_values(_set(self.phones)) or (),
            urls=_values(_set(self.urls)) or (),
            locations=tuple(_set(self.locations) or ()),
            tags=tuple(_set(self.tags) or ()),
            custom_fields=_custom(self.custom_fields),
        )


@strawberry.input(
    description="Changes to a candidate: fields left out stay as they are; a list given replaces."
)
class UpdateCandidateInput:
    id: strawberry.ID = strawberry.field(description="The candidate to change.")
    first_name: str | None = _opt("Given name.")
    last_name: str | None = _opt("Family name.")
    company: str | None = _opt("Current employer.")
    title: str | None = _opt("Current job title.")
    is_private: bool | None = _opt("Whether the candidate is visible to privileged users only.")
    emails: list[EmailInput] | None = _opt("E-mail addresses.")
    phones: list[PhoneInput] | None = _opt("Phone numbers.")
    urls: list[UrlInput] | None = _opt("Profile and website URLs.")
    locations: list[str] | None = _opt("Where the candidate is, as free text.")
    custom_fields: list[CustomFieldValueInput] | None = _opt(CUSTOM_FIELDS)

    def to_input(self) -> neutral.CandidateUpdate:
        locations = _set(self.locations)
        return neutral.CandidateUpdate(
            candidate_id=str(self.id),
            first_name=_set(self.first_name),
            last_name=_set(self.last_name),
            company=_set(self.company),
            title=_set(self.title),
            is_private=_set(self.is_private),
            emails=_values(_set(self.emails)),
            phones=_values(_set(self.phones)),
            urls=_values(_set(self.urls)),
            locations=None if locations is None else tuple(locations),
            custom_fields=_custom(self.custom_fields),
        )


@strawberry.input(description="An answer to one of the job's form fields.")
class AnswerInput:
    question: str = strawberry.field(description="The form field's `name` (JobFormField.name).")
    answer: str | None = strawberry.field(
        default=None, description="The answer as text (yes/no for a boolean, an option's value for a select)."
    )


@strawberry.input(description="An application to a job, by an existing candidate or a new one.")
class CreateApplicationInput:
    job_id: strawberry.ID = strawberry.field(description="The job to apply to.")
    candidate_id: strawberry.ID | None = strawberry.field(
        default=UNSET, description="An existing candidate; or give `candidate`."
    )
    candidate: CandidateInput | None = strawberry.field(
        default=UNSET, description="A new candidate, created with the application."
    )
    on_duplicate_candidate: OnDuplicate | None = strawberry.field(
        default=UNSET, description="When `candidate`'s e-mail is known already; default REUSE."
    )
    stage_id: strawberry.ID | None = strawberry.field(
        default=UNSET, description="The job stage to start in; default the first."
    )
    source: str | None = strawberry.field(default=UNSET, description="Where the candidate came from.")
    answers: list[AnswerInput] | None = strawberry.field(
        default=UNSET, description="Answers to the job's form (its required fields must be answered)."
    )

    def to_input(self) -> neutral.ApplicationInput:
        candidate = _set(self.candidate)
        answers = _set(self.answers) or []
        candidate_id = _set(self.candidate_id)
        return neutral.ApplicationInput(
            job_id=str(self.job_id),
            candidate_id=None if candidate_id is None else str(candidate_id),
            candidate=None if candidate is None else candidate.to_input(),
            on_duplicate=_set(self.on_duplicate_candidate) or OnDuplicate.REUSE,
            stage_id=None if _set(self.stage_id) is None else str(self.stage_id),
            source=_set(self.source),
            answers=tuple(FormValue(question=a.question, answer=a.answer) for a in answers),
        )


@strawberry.input(description="Move an application to another of its job's stages.")
class MoveApplicationStageInput:
    application_id: strawberry.ID = strawberry.field(description="The application.")
    stage_id: strawberry.ID = strawberry.field(description="One of its job's stages (Job.stages).")

    def to_input(self) -> neutral.StageMove:
        return neutral.StageMove(str(self.application_id), str(self.stage_id))


@strawberry.input(description="Reject an application.")
class RejectApplicationInput:
    application_id: strawberry.ID = strawberry.field(description="The application.")
    reject_reason_id: strawberry.ID | None = _opt("Why (a RejectReason id).")
    note: str | None = _opt("A note kept with the rejection.")
    email_template_id: strawberry.ID | None = strawberry.field(
        default=UNSET, description="A rejection e-mail template to send, where the provider has them."
    )

    def to_input(self) -> neutral.Rejection:
        reason, template = _set(self.reject_reason_id), _set(self.email_template_id)
        return neutral.Rejection(
            application_id=str(self.application_id),
            reject_reason_id=None if reason is None else str(reason),
            note=_set(self.note),
            email_template_id=None if template is None else str(template),
        )


@strawberry.input(description="An application to act on.")
class ApplicationActionInput:
    application_id: strawberry.ID = strawberry.field(description="The application.")

    def to_input(self) -> neutral.ApplicationRef:
        return neutral.ApplicationRef(str(self.application_id))


@strawberry.input(description="A note on a candidate, optionally about one of their applications.")
class AddNoteInput:
    candidate_id: strawberry.ID = strawberry.field(description="The candidate.")
    body: str = strawberry.field(description="The note's text.")
    application_id: strawberry.ID | None = _opt("One of the candidate's applications the note is about.")
    visibility: Visibility | None = strawberry.field(default=UNSET, description="Default ADMIN_ONLY.")

    def to_input(self) -> neutral.NoteInput:
        application = _set(self.application_id)
        return neutral.NoteInput(
            candidate_id=str(self.candidate_id),
            body=self.body,
            application_id=None if application is None else str(application),
            visibility=_set(self.visibility) or Visibility.ADMIN_ONLY,
        )


@strawberry.input(description="A file for a candidate: `file` (a multipart upload) or `url` (fetched).")
class UploadAttachmentInput:
    candidate_id: strawberry.ID = strawberry.field(description="The candidate.")
    application_id: strawberry.ID | None = _opt("One of the candidate's applications the file is for.")
    file_name: str | None = strawberry.field(default=UNSET, description="Default: the upload's or URL's.")
    attachment_type: AttachmentType | None = strawberry.field(default=UNSET, description="Default OTHER.")
    file: Upload | None = strawberry.field(
        default=UNSET, description="The file, per the GraphQL multipart request spec."
    )
    url: str | None = strawberry.field(
        default=UNSET, description="Where to fetch the file from (public addresses only)."
    )

    def to_input(self) -> neutral.AttachmentInput:
        application = _set(self.application_id)
        upload = _set(self.file)
        if upload is not None and not isinstance(upload, Uploaded):
            raise BadUserInput(
                "`file` takes a file sent per the GraphQL multipart request spec", field="input.file"
            )
        return neutral.AttachmentInput(
            candidate_id=str(self.candidate_id),
            application_id=None if application is None else str(application),
            file_name=_set(self.file_name) or getattr(upload, "file_name", "") or "",
            attachment_type=_set(self.attachment_type) or AttachmentType.OTHER,
            content_type=getattr(upload, "content_type", None),
            content=getattr(upload, "content", None),
            url=_set(self.url),
        )


@strawberry.input(description="Tag names to add to or remove from a candidate (case-insensitive).")
class CandidateTagsInput:
    candidate_id: strawberry.ID = strawberry.field(description="The candidate.")
    tags: list[str] = strawberry.field(description="Tag names.")

    def to_input(self) -> neutral.TagChange:
        return neutral.TagChange(str(self.candidate_id), tuple(self.tags))
