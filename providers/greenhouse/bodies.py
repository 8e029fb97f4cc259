"""Harvest v1 write request bodies, built from the neutral inputs (``providers/writes``).

Key for key as the documented requests in ``shared/fixtures/providers/greenhouse``
(``*.request.json``); a field the input leaves None is not sent, so Greenhouse keeps its value.
Ids are Greenhouse integers: an id that is not one is refused here, before any call.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any, Final

from ..errors import WriteRefused
from ..records import EmailAddress, PhoneNumber, Url
from ..writes import (
    AttachmentInput,
    CandidateInput,
    CandidateUpdate,
    NoteInput,
    Rejection,
)
from .mapping import ATTACHMENT_TYPE, CONTACTS, VISIBILITY

JSON = dict[str, Any]
PROVIDER: Final = "greenhouse"

ATTACHMENT_WORD: Final = {v: k for k, v in ATTACHMENT_TYPE.items()}
VISIBILITY_WORD: Final = {v: k for k, v in VISIBILITY.items()}
# Greenhouse's documented types per contact list; anything else is sent as ``other``, which
# every list takes (Greenhouse answers 422 to a type it does not know).
EMAIL_TYPES: Final = frozenset({"personal", "work", "other"})
PHONE_TYPES: Final = frozenset({"home", "work", "mobile", "skype", "other"})
URL_TYPES: Final = frozenset({"personal", "company", "portfolio", "blog", "other"})


def number(value: str, field: str, connection: str) -> int:
    """A Greenhouse id from the input ``field`` (a WriteRefused naming it if it is none)."""
    if value.isascii() and value.isdigit():
        return int(value)
    raise WriteRefused(
        f"Greenhouse ids are integers: '{value[:100]}' names no record",
        provider=PROVIDER,
        connection=connection,
        field=field,
    )


ITEMS: Final[dict[str, tuple[Any, str, frozenset[str]]]] = {
    "phone_numbers": (PhoneNumber, "number", PHONE_TYPES),
    "addresses": (None, "", frozenset()),  # free text: the input carries no kind
    "email_addresses": (EmailAddress, "email", EMAIL_TYPES),
    "website_addresses": (Url, "url", URL_TYPES),
}
"""Per contact list of the body (``CONTACTS``): the input's item (its class and the attribute
holding the value; none for text) and the types Greenhouse knows."""


def _contacts(items: Sequence[Any], value: str, known: frozenset[str]) -> list[JSON]:
    out: list[JSON] = []
    for item in items:
        kind = getattr(item, "type", None)
        out.append(
            {"value": getattr(item, value) if value else item, "type": kind if kind in known else "other"}
        )
    return out


def candidate(given: CandidateInput | CandidateUpdate) -> JSON:
    """The body of ``POST /v1/candidates`` or ``PATCH /v1/candidates/{id}``: what is given."""
    body: JSON = {
        k: getattr(given, k)
        for k in ("first_name", "last_name", "company", "title", "is_private")
        if getattr(given, k) is not None
    }
    # A create's empty list and an update's None both mean "nothing to say".
    keep = isinstance(given, CandidateUpdate)
    for key, (_, value, known) in ITEMS.items():
        items = getattr(given, CONTACTS[key])
        if items is not None and (items or keep):
            body[key] = _contacts(items, value, known)
    if isinstance(given, CandidateInput) and given.tags:
        body["tags"] = list(given.tags)
    if given.custom_fields:
        # By ``name_key``, as Harvest's candidate update example does; the value is sent as the
        # text given (Harvest takes a select's option id there).
        body["custom_fields"] = [{"name_key": f.name, "value": f.value} for f in given.custom_fields]
    return body


def rejection(given: Rejection, connection: str) -> JSON:
    body: JSON = {}
    if given.reject_reason_id is not None:
        body["rejection_reason_id"] = number(given.reject_reason_id, "input.rejectReasonId", connection)
    if given.note is not None:
        body["notes"] = given.note
    if given.email_template_id is not None:
        # Without ``send_email_at`` Greenhouse sends the e-mail at once.
        template = number(given.email_template_id, "input.emailTemplateId", connection)
        body["rejection_email"] = {"email_template_id": template}
    return body


def note(given: NoteInput, actor_id: str) -> JSON:
    """The note's author is the acting user (``user_id`` is required by Greenhouse)."""
    return {"user_id": actor_id, "body": given.body, "visibility": VISIBILITY_WORD[given.visibility]}


def attachment(given: AttachmentInput) -> JSON:
    """By content (base64) or by URL (Greenhouse fetches it: ``url`` instead of ``content``)."""
    body: JSON = {
        "filename": given.file_name,
        "type": ATTACHMENT_WORD.get(given.attachment_type, "other"),
    }
    if given.content is not None:
        body["content"] = base64.b64encode(given.content).decode()
    else:
        body["url"] = given.url
    body["content_type"] = given.content_type or "application/octet-stream"
    return body
