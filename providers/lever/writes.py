"""Lever's write endpoints, mixed into ``LeverAdapter``: each mutation is one request with
``perform_as=<user id>`` (Lever records who did it, and refuses creates without it).

An opportunity is Lever's application, a contact its candidate. What is not offered, and
why, is in ``LeverAdapter.coverage_notes``. Lever's write answers carry the opportunity's
application as an id only; its posting (which never changes) is taken from an opportunity
read before, so the returned application names its job when this process has seen it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Final

from ..cache import Cached
from ..errors import ProviderResponseInvalid
from ..http import CallContext, Multipart, decode_json, parse
from ..kit.people import joined
from ..kit.resources import whole_table
from ..kit.writing import write_refusal
from ..paths import segment
from ..records import (
    ActivityRecord,
    ApplicationRecord,
    AttachmentRecord,
    CandidateRecord,
    PhoneNumber,
    Resource,
    Visibility,
)
from ..writes import (
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
)
from . import mapping as m
from . import payloads as w

if TYPE_CHECKING:
    from ..kit.adapter import HttpAdapter

    _Base = HttpAdapter
else:
    _Base = object

R = Resource

WRITES_NOT_OFFERED: Final = (
    "`updateCandidate` is Lever's `PUT /contacts/{id}` (name, headline, location, e-mails and "
    "phones; the lists given replace the contact's), then one read of the contact's "
    "opportunities: Lever answers the contact alone, and the unified candidate (its "
    "applications, tags) is read from them. Lever keeps one `name`, so `firstName` and "
    "`lastName` are given together.",
    "`createApplication` is Lever's `POST /opportunities` with one posting, for the existing "
    "contact (`contact`) or a new one: it adds the candidate to the posting as a recruiter "
    "would, not through the posting's application form, so it takes no `answers` and no "
    "`stageId` (the opportunity starts in the pipeline's first stage).",
)
"""Coverage notes: the mutations Lever's adapter leaves undefined, and why."""

WRITE_FIELDS: Final[Mapping[str, frozenset[str]]] = {
    # company and isPrivate have no field on a Lever opportunity or contact
    "create_candidate": frozenset(
        {"firstName", "lastName", "title", "emails", "phones", "urls", "locations", "tags"}
    ),
    "update_candidate": frozenset({"id", "firstName", "lastName", "title", "emails", "phones", "locations"}),
    "create_application": frozenset({"jobId", "candidateId", "candidate", "onDuplicateCandidate", "source"}),
    # Lever's archive call takes a reason only: no note, no e-mail template
    "reject_application": frozenset({"applicationId", "rejectReasonId"}),
    # a file is the opportunity's, sent as bytes (the gateway fetches a URL); Lever's files
    # have no kind (resumes are another list, written by no endpoint)
    "upload_attachment": frozenset({"candidateId", "applicationId", "fileName", "file", "url"}),
}
WRITE_REQUIRED: Final[Mapping[str, frozenset[str]]] = {
    "reject_application": frozenset({"rejectReasonId"}),  # Lever archives with a reason or not at all
    "add_note": frozenset({"applicationId"}),  # notes live under an opportunity
    "upload_attachment": frozenset({"applicationId"}),  # so do files
}


def perform_as(actor: Actor | None, ctx: CallContext) -> dict[str, str]:
    """The query naming the acting user (the gateway refuses a write without one first)."""
    if actor is None:
        message = "a Lever write needs an acting user: give actorId or the connection option actor_id"
        raise write_refusal(ctx, message, "actorId")
    return {"perform_as": actor.id}


def _phones(phones: Iterable[PhoneNumber]) -> list[dict[str, str]]:
    return [{"value": p.number, "type": p.type} if p.type else {"value": p.number} for p in phones]


def candidate_body(input: CandidateInput) -> dict[str, Any]:
    """``POST /opportunities``'s body for a new contact: only the fields given."""
    body: dict[str, Any] = {
        "name": joined(input.first_name, input.last_name),
        "headline": input.title,
        "location": input.locations[0] if input.locations else None,
        "phones": _phones(input.phones),
        "emails": [e.email for e in input.emails],
        "links": [u.url for u in input.urls],
        "tags": list(input.tags),
    }
    return {k: v for k, v in body.items() if v not in (None, [])}


def contact_body(input: CandidateUpdate, ctx: CallContext) -> dict[str, Any]:
    """``PUT /contacts/{id}``: only what is given (a list given replaces the contact's)."""
    if (input.first_name is None) != (input.last_name is None):
        missing = "lastName" if input.last_name is None else "firstName"
        raise write_refusal(
            ctx, "Lever keeps one name: give firstName and lastName together", f"input.{missing}"
        )
    body = {
        "name": None if input.first_name is None else joined(input.first_name, input.last_name) or "",
        "headline": input.title,
        "location": None if input.locations is None else input.locations[0] if input.locations else "",
        "emails": None if input.emails is None else [e.email for e in input.emails],
        "phones": None if input.phones is None else _phones(input.phones),
    }
    return {k: v for k, v in body.items() if v is not None}


def application_body(input: ApplicationInput) -> dict[str, Any]:
    """``POST /opportunities`` on one posting: the existing contact, or a new one's fields."""
    body: dict[str, Any] = (
        {"contact": input.candidate_id} if input.candidate is None else candidate_body(input.candidate)
    )
    if input.source:
        body["sources"] = [input.source]
    body["postings"] = [input.job_id]
    return body


def note_body(input: NoteInput) -> dict[str, Any]:
    """Lever's notes are visible to the whole team unless ``secret`` (only those with
    confidential access): every narrower visibility is sent as secret."""
    body: dict[str, Any] = {"value": input.body}
    if input.visibility is not Visibility.PUBLIC:
        body["secret"] = True
    return body


class LeverWrites(_Base):
    """The write methods (``providers/writes``) of ``LeverAdapter``."""

    write_fields: ClassVar[Mapping[str, frozenset[str]]] = WRITE_FIELDS
    write_required: ClassVar[Mapping[str, frozenset[str]]] = WRITE_REQUIRED
    actor_required: ClassVar[bool] = True
    application_form: ClassVar[bool] = False  # POST /opportunities submits no posting form

    if TYPE_CHECKING:
        _known: Mapping[str, w.LeverOpportunity]
        _contacts: Cached[str, list[w.LeverOpportunity]]

        def remember(self, opportunities: Iterable[w.LeverOpportunity]) -> list[w.LeverOpportunity]: ...

        async def reason_types(self, opportunities: Iterable[w.LeverOpportunity]) -> dict[str, str]: ...

        async def opportunities_of_contacts(
            self, contact_ids: Sequence[str], ctx: CallContext, *, fresh: bool = False
        ) -> dict[str, list[w.LeverOpportunity]]: ...

    async def _send(
        self,
        method: str,
        path: str,
        body: Mapping[str, Any] | Multipart,
        actor: Actor | None,
        resource: Resource,
        op: str,
    ) -> Any:
        """One write request (a single attempt: ``UpstreamHttp`` never retries one) and its
        ``data``; a ``Multipart`` body is sent as ``multipart/form-data``."""
        ctx = self.ctx(resource, op)
        sent = {"multipart": body} if isinstance(body, Multipart) else {"json": dict(body)}
        response = await self.upstream.request(method, path, params=perform_as(actor, ctx), ctx=ctx, **sent)
        return parse(w.ObjectEnvelope, decode_json(response, ctx), ctx).data

    def _opportunity(self, data: Any) -> w.LeverOpportunity:
        """The answered opportunity, its application filled in from one read before (Lever
        answers writes with the application's id only; its posting never changes)."""
        opp = parse(w.LeverOpportunity, data, self.ctx(R.APPLICATION, "write"))
        known = self._known.get(opp.id)
        if opp.application is None and known is not None and known.application is not None:
            opp = opp.model_copy(update={"applications": [known.application]})
        # the contact's opportunities kept for reads under it (CONTACTS_TTL_S) hold this one as
        # it was: they now hold it as answered (a new one joins them)
        kept = self._contacts.peek(opp.contact)
        if kept is not None:
            self._contacts.put(opp.contact, [o for o in kept if o.id != opp.id] + [opp])
        return self.remember([opp])[0]

    async def _application(self, data: Any) -> ApplicationRecord:
        opp = self._opportunity(data)
        return m.to_application(opp, await self.reason_types([opp]))

    def _parent(self, opportunity_id: str, contact_id: str) -> dict[str, w.LeverOpportunity]:
        """The read context of a record a write made under an opportunity: the opportunity as
        read before, else known by its id and contact only."""
        known = self._known.get(opportunity_id)
        return {"opp": known or w.LeverOpportunity(id=opportunity_id, contact=contact_id)}

    def _path(self, application_id: str, tail: str, resource: Resource) -> str:
        return f"/opportunities/{segment(application_id, self.ctx(resource, 'write'))}/{tail}"

    async def create_candidate(self, input: CandidateInput, actor: Actor | None) -> CandidateRecord:
        """A new contact, made as an opportunity on no posting (Lever has no bare contacts)."""
        data = await self._send("POST", "/opportunities", candidate_body(input), actor, R.CANDIDATE, "create")
        opp = self._opportunity(data)
        return m.to_candidate([opp], await self.reason_types([opp]))

    async def update_candidate(self, input: CandidateUpdate, actor: Actor | None) -> CandidateRecord:
        """One write, then the contact's opportunities read afresh: the candidate is read from
        them, and the write's answer is the contact alone."""
        ctx = self.ctx(R.CANDIDATE, "update")
        path = f"/contacts/{segment(input.candidate_id, ctx)}"
        contact = await self._send("PUT", path, contact_body(input, ctx), actor, R.CANDIDATE, "update")
        parse(w.LeverContact, contact, ctx)  # a 2xx that is no contact is no success
        read = self.ctx(R.CANDIDATE, "read after update")
        opps = (await self.opportunities_of_contacts([input.candidate_id], read, fresh=True)).get(
            input.candidate_id
        )
        if not opps:
            raise ctx.error(
                ProviderResponseInvalid, f"{ctx.provider} lists no opportunity of the updated contact"
            )
        return m.to_candidate(opps, await self.reason_types(opps))

    async def create_application(self, input: ApplicationInput, actor: Actor | None) -> ApplicationRecord:
        ctx = self.ctx(R.APPLICATION, "create")
        data = await self._send(
            "POST", "/opportunities", application_body(input), actor, R.APPLICATION, "create"
        )
        if isinstance(data, dict) and parse(w.LeverOpportunity, data, ctx).application is None:
            # Lever answers with the application's id only; its posting is the one applied to
            ids = [a for a in data.get("applications") or () if isinstance(a, str)]
            if ids:
                data = {**data, "applications": [{"id": ids[0], "posting": input.job_id}]}
        return await self._application(data)

    async def move_application_stage(self, input: StageMove, actor: Actor | None) -> ApplicationRecord:
        path = self._path(input.application_id, "stage", R.APPLICATION)
        data = await self._send("PUT", path, {"stage": input.stage_id}, actor, R.APPLICATION, "move stage")
        return await self._application(data)

    async def reject_application(self, input: Rejection, actor: Actor | None) -> ApplicationRecord:
        """Archived with the reason; the opportunity's interviews are kept (``cleanInterviews``)."""
        body = {"reason": input.reject_reason_id, "cleanInterviews": False}
        return await self._archive(input.application_id, body, actor, "reject")

    async def unreject_application(self, input: ApplicationRef, actor: Actor | None) -> ApplicationRecord:
        """Back in the pipeline: Lever unarchives an opportunity given a ``null`` reason."""
        return await self._archive(input.application_id, {"reason": None}, actor, "unreject")

    async def hire_application(self, input: ApplicationRef, actor: Actor | None) -> ApplicationRecord:
        """Archived with the account's archive reason of type ``hired`` (a hire, in Lever, is
        archiving so): that reason is read first, from the archive reasons table the adapter
        keeps (``GET /archive_reasons``, no call while it is kept), then the one write."""
        perform_as(actor, self.ctx(R.APPLICATION, "hire"))  # no read for a write refused anyway
        reasons = await whole_table(self, self.endpoints(R.REJECT_REASON))
        hired = next((r.id for r in reasons if r.remote_data.get("type") == m.HIRED), None)
        if hired is None:
            message = "the Lever account has no archive reason of type hired to archive the hire with"
            raise write_refusal(self.ctx(R.APPLICATION, "hire"), message, "input.applicationId")
        body = {"reason": hired, "cleanInterviews": False}
        return await self._archive(input.application_id, body, actor, "hire")

    async def _archive(
        self, application_id: str, body: Mapping[str, Any], actor: Actor | None, op: str
    ) -> ApplicationRecord:
        path = self._path(application_id, "archived", R.APPLICATION)
        return await self._application(await self._send("PUT", path, body, actor, R.APPLICATION, op))

    # -- tags: Lever keeps them per opportunity, the unified candidate has their union ---------
    async def _contact(self, candidate_id: str, ctx: CallContext) -> list[w.LeverOpportunity]:
        """The contact's opportunities, oldest first: read first, because the tags to change
        live on them (one ``GET /opportunities?contact_id=``)."""
        opps = (await self.opportunities_of_contacts([candidate_id], ctx, fresh=True))[candidate_id]
        if not opps:
            raise write_refusal(ctx, f"there is no Lever contact '{candidate_id[:100]}'", "input.candidateId")
        return m.oldest_first(opps)

    async def _tagged(
        self, opps: list[w.LeverOpportunity], changes: Mapping[str, list[str]], actor: Actor | None, op: str
    ) -> CandidateRecord:
        """``changes``: opportunity id -> ``addTags`` / ``removeTags`` tail and names, each sent
        as one write; the candidate from the answered opportunities."""
        answered = {o.id: o for o in opps}
        for opp_id, (tail, *names) in changes.items():
            path = self._path(opp_id, tail, R.CANDIDATE)
            data = await self._send("POST", path, {"tags": names}, actor, R.CANDIDATE, op)
            answered[opp_id] = self._opportunity(data)
        latest = list(answered.values())
        return m.to_candidate(latest, await self.reason_types(latest))

    async def add_candidate_tags(self, input: TagChange, actor: Actor | None) -> CandidateRecord:
        """The tags the contact lacks (compared case-insensitively) go on its newest
        opportunity: one read, then one write (none when it has them all)."""
        ctx = self.ctx(R.CANDIDATE, "add tags")
        perform_as(actor, ctx)
        opps = await self._contact(input.candidate_id, ctx)
        have = {t.casefold() for o in opps for t in o.tags}
        new = list(dict.fromkeys(t for t in input.tags if t.casefold() not in have))
        newest = opps[-1]  # oldest first
        return await self._tagged(opps, {newest.id: ["addTags", *new]} if new else {}, actor, "add tags")

    async def remove_candidate_tags(self, input: TagChange, actor: Actor | None) -> CandidateRecord:
        """The tags go from every opportunity carrying them, as each spells them: one read,
        then one write per such opportunity (none when no opportunity has them). Writes are
        sent one at a time; a failure leaves the earlier ones made."""
        ctx = self.ctx(R.CANDIDATE, "remove tags")
        perform_as(actor, ctx)
        opps = await self._contact(input.candidate_id, ctx)
        gone = {t.casefold() for t in input.tags}
        changes = {
            o.id: ["removeTags", *names]
            for o in opps
            if (names := [t for t in o.tags if t.casefold() in gone])
        }
        return await self._tagged(opps, changes, actor, "remove tags")

    async def add_note(self, input: NoteInput, actor: Actor | None) -> ActivityRecord:
        assert input.application_id is not None  # write_required: the gateway checked it
        path = self._path(input.application_id, "notes", R.ACTIVITY)
        data = await self._send("POST", path, note_body(input), actor, R.ACTIVITY, "add note")
        note = parse(w.LeverNote, data, self.ctx(R.ACTIVITY, "add note"))
        return m.ACTIVITY.read(note, self._parent(input.application_id, input.candidate_id))

    async def upload_attachment(self, input: AttachmentInput, actor: Actor | None) -> AttachmentRecord:
        """``POST /opportunities/{id}/files`` as ``multipart/form-data`` with one ``file`` part
        (Lever's documented upload; its answer is the file, ``POST_opportunities_id_files.json``)."""
        assert input.application_id is not None  # write_required: the gateway checked it
        assert input.content is not None  # a URL's file was fetched by the gateway
        part = Multipart(
            "file", input.file_name, input.content, input.content_type or "application/octet-stream"
        )
        path = self._path(input.application_id, "files", R.ATTACHMENT)
        data = await self._send("POST", path, part, actor, R.ATTACHMENT, "upload")
        file = parse(w.LeverFile, data, self.ctx(R.ATTACHMENT, "upload"))
        return m.FILE.read(file, self._parent(input.application_id, input.candidate_id))
