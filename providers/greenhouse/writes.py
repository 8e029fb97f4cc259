"""Greenhouse's write methods (``providers/writes``), through Harvest v1's write endpoints.

Every write carries ``On-Behalf-Of: <Greenhouse user id>`` (Harvest requires it, for its audit
trail): the acting user is the mutation's ``actorId`` or the connection's ``actor_id`` option,
and the gateway refuses a write without one before any call (``actor_required``). Each write
is one request, sent once (``UpstreamHttp.request`` never retries a POST/PATCH), except where
Harvest needs a value the input does not carry, read first:

* ``moveApplicationStage``: ``POST /applications/{id}/move`` requires ``from_stage_id``, so
  the application is read first (2 requests);
* ``addCandidateTags`` / ``removeCandidateTags``: Harvest tags one candidate by tag *id*
  (``PUT /candidates/{id}/tags/{tag_id}``) or replaces the whole list by name (``PATCH
  /candidates/{id}`` with ``tags``); the list is read and written back changed (2 requests,
  whatever the number of tags, and the answer is the changed candidate).

Harvest v3 write endpoints are not documented with examples: writes are refused with v3
credentials (``write_refusal``).

The bodies are key for key the documented requests in ``shared/fixtures/providers/greenhouse``
(``*.request.json``); a field the input leaves None is not sent, so Greenhouse keeps its value.
Ids are Greenhouse integers: an id that is not one is refused before any call.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Final, cast

from ..errors import ProviderAuthError, ProviderNotFound, ProviderResponseInvalid
from ..http import decode_json, parse
from ..kit.tags import retagged
from ..kit.writing import WriteHelpers
from ..payload import WireModel
from ..records import (
    ActivityRecord,
    ApplicationRecord,
    AttachmentRecord,
    CandidateRecord,
    EmailAddress,
    PhoneNumber,
    Resource,
    Url,
)
from ..writes import (
    BY_MUTATION,
    Actor,
    ApplicationInput,
    ApplicationRef,
    AttachmentInput,
    CandidateInput,
    CandidateUpdate,
    NoteInput,
    Rejection,
    StageMove,
    TagChange,
    WriteOperation,
)
from . import mapping as m
from . import payloads as wire

R = Resource
HEADER: Final = "On-Behalf-Of"
"""Who a Harvest write is made by: its audit trail names this user."""
CUSTOM_FIELDS: Final = "/custom_fields/candidate"
"""The account's candidate custom fields: one unpaged answer (its only parameter is
``include_inactive``), read whole and kept as an account table."""
JSON = dict[str, Any]
ATTACHMENT_WORD: Final = {v: k for k, v in m.ATTACHMENT_TYPE.items()}
VISIBILITY_WORD: Final = {v: k for k, v in m.VISIBILITY.items()}

ITEMS: Final[dict[str, tuple[Any, str, frozenset[str]]]] = {
    "phone_numbers": (PhoneNumber, "number", frozenset({"home", "work", "mobile", "skype", "other"})),
    "addresses": (None, "", frozenset()),  # free text: the input carries no kind
    "email_addresses": (EmailAddress, "email", frozenset({"personal", "work", "other"})),
    "website_addresses": (Url, "url", frozenset({"personal", "company", "portfolio", "blog", "other"})),
}
"""Per contact list of the body (``CONTACTS``): the input's item (its class and the attribute
holding the value; none for text) and the types Greenhouse documents for it; any other type is
sent as ``other``, which every list takes (Greenhouse answers 422 to a type it does not know)."""


def _contacts(items: Sequence[Any], value: str, known: frozenset[str]) -> list[JSON]:
    out: list[JSON] = []
    for item in items:
        kind = getattr(item, "type", None)
        out.append(
            {"value": getattr(item, value) if value else item, "type": kind if kind in known else "other"}
        )
    return out


def candidate_body(given: CandidateInput | CandidateUpdate) -> JSON:
    """The body of ``POST /v1/candidates`` or ``PATCH /v1/candidates/{id}``: what is given."""
    body: JSON = {
        k: getattr(given, k)
        for k in ("first_name", "last_name", "company", "title", "is_private")
        if getattr(given, k) is not None
    }
    # A create's empty list and an update's None both mean "nothing to say".
    keep = isinstance(given, CandidateUpdate)
    for key, (_, value, known) in ITEMS.items():
        items = getattr(given, m.CONTACTS[key])
        if items is not None and (items or keep):
            body[key] = _contacts(items, value, known)
    if isinstance(given, CandidateInput) and given.tags:
        body["tags"] = list(given.tags)
    if given.custom_fields:
        # By ``name_key``, as Harvest's candidate update example does; the value is sent as the
        # text given (Harvest takes a select's option id there).
        body["custom_fields"] = [{"name_key": f.name, "value": f.value} for f in given.custom_fields]
    return body


class GreenhouseWrites(WriteHelpers):
    """Mixed into ``GreenhouseAdapter``, which provides what is declared here."""

    if TYPE_CHECKING:
        version: str

    actor_required: ClassVar[bool] = True
    attachment_by_url: ClassVar[bool] = True  # Harvest takes ``url`` instead of ``content``
    write_fields: ClassVar[Mapping[str, frozenset[str]]] = {
        # Every field, ``customFields`` too: Harvest's candidate bodies take them by ``name_key``.
        "create_candidate": frozenset(BY_MUTATION["createCandidate"].fields),
        "update_candidate": frozenset(BY_MUTATION["updateCandidate"].fields),
        # Harvest takes a source by id (``source_id``), the input names one; an application
        # takes no form answers through Harvest (they come with job board applications).
        "create_application": frozenset(
            {"jobId", "candidateId", "candidate", "onDuplicateCandidate", "stageId"}
        ),
        # A note is on the candidate's activity feed: Harvest has no application notes.
        "add_note": frozenset({"candidateId", "body", "visibility"}),
    }
    write_error_fields: ClassVar[Mapping[str, str]] = {
        # Harvest's 422 names its body's keys; the rest camel-case to the input's.
        **m.CONTACTS,
        "rejection_reason_id": "rejectReasonId",
        "rejection_email": "emailTemplateId",
        "notes": "note",
        "filename": "fileName",
        "type": "attachmentType",
        "content": "file",
        "initial_stage_id": "stageId",
        "to_stage_id": "stageId",
        "On-Behalf-Of": "actorId",
    }
    write_required: ClassVar[Mapping[str, frozenset[str]]] = {
        "create_candidate": frozenset({"firstName", "lastName"}),  # Harvest's required fields
        "upload_attachment": frozenset({"fileName"}),
    }
    coverage_notes: ClassVar[tuple[str, ...]] = (
        "Writes go through Harvest v1 with an API key and `On-Behalf-Of: <user id>` (the mutation's "
        "`actorId`, else the connection's `actor_id` option; required). Harvest v3 (OAuth) write "
        "endpoints are not documented with examples: with v3 credentials every mutation is refused.",
        "`moveApplicationStage` reads the application first (Harvest's move needs `from_stage_id`); "
        "`addCandidateTags` / `removeCandidateTags` read the candidate's tags and write the whole "
        "list back (Harvest tags by id one at a time, or replaces the list by name): 2 requests "
        "each. Every other mutation is 1 request.",
        "`createApplication` takes no `source` (Harvest takes a source id, not a name) and no "
        "`answers` (Harvest's application endpoint takes none); a new inline candidate's "
        "application starts in the job's first stage (`stageId` is refused with an inline "
        "candidate). `addNote` is on the candidate: Harvest has no application notes. "
        "`hireApplication` sends none of Harvest's optional start date, opening or close reason.",
        "`customFields` on `createCandidate` / `updateCandidate` are sent as `custom_fields: "
        "[{name_key, value}]`, the value as the text given. A new candidate must give each active "
        "candidate custom field the account marks required (`GET /v1/custom_fields/candidate`, read "
        "on the first create and kept with the account's tables); an update demands none.",
        "A 422 from Harvest (its validation error) answers `BAD_USER_INPUT` with Harvest's messages "
        "in `extensions.providerErrors` and the input field they name in `extensions.field`. "
        "`uploadAttachment` answers an attachment whose id is derived from its file name and type "
        "(Harvest's answer has no `created_at`; a later read's id also includes it).",
    )

    # -- the wire -------------------------------------------------------------------------------
    def _actor(self, actor: Actor | None) -> Actor:
        if actor is None:  # the gateway refuses before this; a direct caller too
            raise self.refused("actorId", "Greenhouse writes on behalf of a user: give an actor")
        return actor

    async def _send(self, method: str, path: str, resource: Resource, actor: Actor | None, json: Any) -> Any:
        """One write request, on behalf of ``actor``; the decoded answer."""
        actor = self._actor(actor)
        ctx = self.ctx(resource, "write")
        response = await self.upstream.request(
            method, f"/{self.version}{path}", json=json, ctx=ctx, headers={HEADER: actor.id}
        )
        return decode_json(response, ctx)

    async def _read(self, path: str, resource: Resource) -> Any:
        ctx = self.ctx(resource, "get")
        body, _ = await self.upstream.get_json(f"/{self.version}{path}", ctx=ctx)
        return body

    def _parsed(self, model: type[WireModel], body: Any, resource: Resource) -> Any:
        return parse(model, body, self.ctx(resource, "write"))

    def _id(self, value: str, field: str) -> int:
        """A Greenhouse id from the input ``field``, refused if it is none."""
        if value.isascii() and value.isdigit():
            return int(value)
        raise self.refused(field, f"Greenhouse ids are integers: '{value[:100]}' names no record")

    def _application(self, body: Any) -> ApplicationRecord:
        return m.to_application(self._parsed(wire.GreenhouseApplication, body, R.APPLICATION))

    def _candidate(self, body: Any) -> CandidateRecord:
        if isinstance(body, list) and len(body) == 1:
            # The documented answer of ``PATCH /v1/candidates/{id}`` is a one-candidate array.
            body = body[0]
        return m.to_candidate(self._parsed(wire.GreenhouseCandidate, body, R.CANDIDATE))

    # -- the account's rules ----------------------------------------------------------------------
    async def required_custom_fields(self, op: WriteOperation) -> Sequence[str]:
        """The ``name_key`` of each active candidate custom field the account requires, for a new
        candidate only: an update leaves the values a candidate has as they are."""
        if op.method != "create_candidate":
            return ()
        fields: list[wire.GreenhouseCustomField] = await self.tables.get(
            "custom_fields:candidate", self._custom_fields
        )
        return [f.name_key for f in fields if f.required and f.active and f.name_key]

    async def _custom_fields(self) -> list[wire.GreenhouseCustomField]:
        try:
            body = await self._read(CUSTOM_FIELDS, R.CANDIDATE)
        except (ProviderAuthError, ProviderNotFound):
            # Harvest grants endpoints one by one: a key that may create candidates but not read
            # custom fields writes unchecked (Greenhouse still refuses what it refuses). Kept so.
            return []
        fields = parse(list[wire.GreenhouseCustomField], body, self.ctx(R.CANDIDATE, "get"))
        return cast("list[wire.GreenhouseCustomField]", fields)

    # -- candidates -----------------------------------------------------------------------------
    async def create_candidate(self, input: CandidateInput, actor: Actor | None) -> CandidateRecord:
        """``POST /v1/candidates``; tags are sent by name (Greenhouse creates unknown ones)."""
        return self._candidate(
            await self._send("POST", "/candidates", R.CANDIDATE, actor, candidate_body(input))
        )

    async def update_candidate(self, input: CandidateUpdate, actor: Actor | None) -> CandidateRecord:
        """``PATCH /v1/candidates/{id}``: the fields given; a list given replaces Greenhouse's."""
        cid = self._id(input.candidate_id, "input.id")
        body = candidate_body(input)
        return self._candidate(await self._send("PATCH", f"/candidates/{cid}", R.CANDIDATE, actor, body))

    async def _change_tags(self, input: TagChange, actor: Actor | None, add: bool) -> CandidateRecord:
        cid = self._id(input.candidate_id, "input.candidateId")
        self._actor(actor)  # before the read: nothing is read for a write that cannot be sent
        current = await self._read(f"/candidates/{cid}", R.CANDIDATE)
        raw = current.get("tags") if isinstance(current, Mapping) else None
        if not isinstance(raw, list) or not all(isinstance(t, str) for t in raw):
            raise self.ctx(R.CANDIDATE, "get").error(
                ProviderResponseInvalid, "Greenhouse answered a candidate without its list of tags"
            )
        body = {"tags": retagged(raw, input.tags, add)}
        answer = await self._send("PATCH", f"/candidates/{cid}", R.CANDIDATE, actor, body)
        return self._candidate(answer)

    async def add_candidate_tags(self, input: TagChange, actor: Actor | None) -> CandidateRecord:
        """Read, then ``PATCH /v1/candidates/{id}`` with the longer list (2 requests)."""
        return await self._change_tags(input, actor, add=True)

    async def remove_candidate_tags(self, input: TagChange, actor: Actor | None) -> CandidateRecord:
        """Read, then ``PATCH /v1/candidates/{id}`` with the shorter list (2 requests)."""
        return await self._change_tags(input, actor, add=False)

    # -- applications ---------------------------------------------------------------------------
    async def create_application(self, input: ApplicationInput, actor: Actor | None) -> ApplicationRecord:
        """For an existing candidate ``POST /v1/candidates/{id}/applications``; for a new one
        ``POST /v1/candidates`` with ``applications: [{job_id}]`` (one request either way)."""
        job = self._id(input.job_id, "input.jobId")
        if input.candidate is None:
            cid = self._id(input.candidate_id or "", "input.candidateId")
            body: dict[str, Any] = {"job_id": job}
            if input.stage_id is not None:
                body["initial_stage_id"] = self._id(input.stage_id, "input.stageId")
            path = f"/candidates/{cid}/applications"
            return self._application(await self._send("POST", path, R.APPLICATION, actor, body))
        if input.stage_id is not None:
            # A candidate's inline ``applications`` take a job only: it would start elsewhere.
            message = (
                "Greenhouse starts a new candidate's application in the job's first stage: "
                "create the candidate, then the application with `stageId`"
            )
            raise self.refused("input.stageId", message)
        body = {**candidate_body(input.candidate), "applications": [{"job_id": job}]}
        created = self._candidate(await self._send("POST", "/candidates", R.CANDIDATE, actor, body))
        found = [a for a in created.embedded if isinstance(a, ApplicationRecord) and a.job_id == str(job)]
        if not found:
            raise self.ctx(R.APPLICATION, "write").error(
                ProviderResponseInvalid, "Greenhouse created the candidate without the application"
            )
        return found[-1]

    async def move_application_stage(self, input: StageMove, actor: Actor | None) -> ApplicationRecord:
        """``POST /v1/applications/{id}/move`` needs the current stage: read first (2 requests)."""
        aid = self._id(input.application_id, "input.applicationId")
        to = self._id(input.stage_id, "input.stageId")
        self._actor(actor)
        current = self._application(await self._read(f"/applications/{aid}", R.APPLICATION))
        if current.current_stage_id is None:
            message = "the application has no current stage to move from (a prospect?)"
            raise self.refused("input.applicationId", message)
        body = {"from_stage_id": int(current.current_stage_id), "to_stage_id": to}
        return self._application(
            await self._send("POST", f"/applications/{aid}/move", R.APPLICATION, actor, body)
        )

    async def _on_application(
        self, action: str, application_id: str, actor: Actor | None, body: Any
    ) -> ApplicationRecord:
        aid = self._id(application_id, "input.applicationId")
        path = f"/applications/{aid}/{action}"
        return self._application(await self._send("POST", path, R.APPLICATION, actor, body))

    async def reject_application(self, input: Rejection, actor: Actor | None) -> ApplicationRecord:
        """``POST /v1/applications/{id}/reject``; ``emailTemplateId`` sends the e-mail now."""
        body: dict[str, Any] = {}
        if input.reject_reason_id is not None:
            body["rejection_reason_id"] = self._id(input.reject_reason_id, "input.rejectReasonId")
        if input.note is not None:
            body["notes"] = input.note
        if input.email_template_id is not None:
            # Without ``send_email_at`` Greenhouse sends the e-mail at once.
            template = self._id(input.email_template_id, "input.emailTemplateId")
            body["rejection_email"] = {"email_template_id": template}
        return await self._on_application("reject", input.application_id, actor, body)

    async def unreject_application(self, input: ApplicationRef, actor: Actor | None) -> ApplicationRecord:
        return await self._on_application("unreject", input.application_id, actor, {})

    async def hire_application(self, input: ApplicationRef, actor: Actor | None) -> ApplicationRecord:
        """``POST /v1/applications/{id}/hire`` with none of its optional fields (start date,
        opening, close reason): Greenhouse uses the accepted offer's and the job's defaults."""
        return await self._on_application("hire", input.application_id, actor, {})

    # -- notes, attachments ---------------------------------------------------------------------
    async def add_note(self, input: NoteInput, actor: Actor | None) -> ActivityRecord:
        """``POST /v1/candidates/{id}/activity_feed/notes``, written by the acting user."""
        cid = self._id(input.candidate_id, "input.candidateId")
        # The note's author is the acting user (``user_id`` is required by Greenhouse).
        author = actor.id if actor is not None else ""
        word = VISIBILITY_WORD.get(input.visibility)
        if word is None:  # OTHER: Harvest's notes are admin_only, public or private
            raise self.refused("input.visibility", "a Greenhouse note is ADMIN_ONLY, PUBLIC or PRIVATE")
        body = {"user_id": author, "body": input.body, "visibility": word}
        answer = await self._send("POST", f"/candidates/{cid}/activity_feed/notes", R.ACTIVITY, actor, body)
        item = self._parsed(wire.FeedItem, answer, R.ACTIVITY)
        note = m.ACTIVITY.read(item, {"kind": "note", "parent": str(cid)})
        return note.model_copy(update={"remote_id": item.id})

    async def upload_attachment(self, input: AttachmentInput, actor: Actor | None) -> AttachmentRecord:
        """``POST /v1/candidates/{id}/attachments`` (or the application's), by content or URL.

        Harvest answers without ``created_at``, which the read side's attachment ids include:
        the returned record's id is derived from the file name and type only."""
        cid = self._id(input.candidate_id, "input.candidateId")
        owner = f"/candidates/{cid}"
        if input.application_id is not None:
            owner = f"/applications/{self._id(input.application_id, 'input.applicationId')}"
        # By content (base64) or by URL (Greenhouse fetches it: ``url`` instead of ``content``).
        body: JSON = {
            "filename": input.file_name,
            "type": ATTACHMENT_WORD.get(input.attachment_type, "other"),
        }
        if input.content is not None:
            body["content"] = base64.b64encode(input.content).decode()
        else:
            body["url"] = input.url
        body["content_type"] = input.content_type or "application/octet-stream"
        answer = await self._send("POST", f"{owner}/attachments", R.ATTACHMENT, actor, body)
        item = self._parsed(wire.GreenhouseAttachment, answer, R.ATTACHMENT)
        ids = m.attachment_ids(str(cid), [item])
        return m.attachments_of([item], ids, {}, str(cid))[0].model_copy(
            update={"application_id": input.application_id}
        )
