"""The JSON:API documents Teamtailor's writes send, built from the neutral inputs by pure
functions so the golden tests compare them with the documentation's examples
(``shared/fixtures/providers/teamtailor/*.request.json``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final
from urllib.parse import unquote, urlsplit

from ..errors import WriteRefused
from ..http import CallContext
from ..kit.jsonapi_docs import resource_doc, to_one
from ..writes import (
    Actor,
    ApplicationRef,
    AttachmentInput,
    CandidateInput,
    CandidateUpdate,
    NoteInput,
    Rejection,
    StageMove,
)
from .mapping import ts

Json = dict[str, Any]
_APPLICATION: Final = "job-applications"


def _one(values: tuple[Any, ...] | None, field: str, ctx: CallContext) -> Any:
    """The single value Teamtailor keeps of a list field (None: none given)."""
    if not values:
        return None
    if len(values) > 1:
        raise WriteRefused(
            f"a Teamtailor candidate has one {field.rsplit('.', 1)[-1][:-1]}",
            provider=ctx.provider,
            connection=ctx.connection,
            field=field,
        )
    return values[0]


def _numeric(teamtailor_id: str) -> int | str:
    """An id as the notes example writes it (a JSON number), when it is one."""
    return int(teamtailor_id) if teamtailor_id.isdigit() else teamtailor_id


def candidate_attributes(
    given: CandidateInput | CandidateUpdate, ctx: CallContext, prefix: str = "input."
) -> Json:
    """The attributes a create or an update sets: only the fields given (an update's empty list
    clears the value). ``prefix`` is where the candidate sits in the input (a refusal's field)."""
    out: Json = {}
    if given.first_name is not None:
        out["first-name"] = given.first_name
    if given.last_name is not None:
        out["last-name"] = given.last_name
    if given.emails is not None and (given.emails or isinstance(given, CandidateUpdate)):
        email = _one(given.emails, f"{prefix}emails", ctx)
        out["email"] = None if email is None else email.email
    if given.phones is not None and (given.phones or isinstance(given, CandidateUpdate)):
        phone = _one(given.phones, f"{prefix}phones", ctx)
        out["phone"] = None if phone is None else phone.number
    if isinstance(given, CandidateInput) and given.tags:
        out["tags"] = list(dict.fromkeys(given.tags))
    return out


def create_candidate_body(given: CandidateInput, ctx: CallContext) -> Json:
    return resource_doc("candidates", attributes=candidate_attributes(given, ctx))


def merged_candidate_body(given: CandidateInput, ctx: CallContext) -> Json:
    """``POST /candidates`` for an inline candidate of ``createApplication``: the create body
    with ``merge: true``, so a candidate already holding the e-mail is reused (its given
    attributes merged in) instead of refused: the docs' curl example and their note "Use the
    merge attribute to merge the candidate attributes in case a candidate with a matching email
    address already exists" (https://docs.teamtailor.com/#create-candidate)."""
    attributes = {**candidate_attributes(given, ctx, "input.candidate."), "merge": True}
    return resource_doc("candidates", attributes=attributes)


def update_candidate_body(given: CandidateUpdate, ctx: CallContext) -> Json:
    return resource_doc("candidates", given.candidate_id, candidate_attributes(given, ctx))


def application_body(job_id: str, candidate_id: str) -> Json:
    """``POST /job-applications`` for an existing candidate, added by the team (``sourced``)."""
    relationships = {"candidate": to_one("candidates", candidate_id), "job": to_one("jobs", job_id)}
    return resource_doc(_APPLICATION, attributes={"sourced": True}, relationships=relationships)


def stage_body(given: StageMove) -> Json:
    return resource_doc(_APPLICATION, given.application_id, None, {"stage": to_one("stages", given.stage_id)})


def rejection_body(given: Rejection, at: datetime) -> Json:
    reason = to_one("reject-reasons", given.reject_reason_id)
    return resource_doc(
        _APPLICATION, given.application_id, {"rejected-at": ts(at)}, {"reject-reason": reason}
    )


def unrejection_body(given: ApplicationRef) -> Json:
    cleared = {"reject-reason": to_one("reject-reasons", None)}
    return resource_doc(_APPLICATION, given.application_id, {"rejected-at": None}, cleared)


def note_body(given: NoteInput, actor: Actor | None) -> Json:
    """As the documentation's example: ids as numbers, without ``type``."""
    relationships: Json = {"candidate": {"data": {"id": _numeric(given.candidate_id)}}}
    if actor is not None:
        relationships["user"] = {"data": {"id": _numeric(actor.id)}}
    return resource_doc("notes", attributes={"note": given.body}, relationships=relationships)


def upload_body(given: AttachmentInput) -> Json:
    url = given.url or ""
    name = given.file_name or unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or "file"
    relationships = {"candidate": to_one("candidates", given.candidate_id)}
    return resource_doc("uploads", attributes={"url": url, "file-name": name}, relationships=relationships)
