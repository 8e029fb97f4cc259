"""The simulator's write endpoints: Lever's, applied to the sandbox dataset by the sandbox's
own writer (``providers/sandbox/writes.py``), so a write through the adapter reads back.

Like Lever: every write needs ``perform_as`` (a known user), answers the changed object in a
``{"data": ...}`` envelope (201 for a create) and refuses bad input with 400
``BadRequestError``. The dataset is forked on the first write (the shared one is never
written), and the opportunities of the contact a write changed are re-rendered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ...errors import WriteRefused
from ...kit.forms import FormPart, json_or_form
from ...kit.simulator import Refused
from ...kit.simwrites import typed, value_types
from ...records import (
    ApplicationRecord,
    CandidateRecord,
    EmailAddress,
    JobInterviewStageRecord,
    PhoneNumber,
    Resource,
    Url,
    Visibility,
)
from ...sandbox.writes import SandboxWriter
from ...writes import (
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
from .. import mapping as m
from .render import Account, error

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
HIRED = "hired"
"""The simulator's one hired archive reason (``render.Account.reasons``)."""


class LeverWriter(SandboxWriter):
    """The sandbox writer, plus Lever's opportunity on no posting."""

    def general_opportunity(self, given: CandidateInput) -> ApplicationRecord:
        """A new candidate with one application on no job: Lever's ``POST /opportunities``
        without ``postings`` makes a contact and such an opportunity."""
        now, puts = self.clock(), cast("Any", [])
        candidate = self._new_candidate(given, puts, now)
        app_id = self._next_id(R.APPLICATION, puts)
        application = ApplicationRecord(
            id=app_id,
            remote_id=app_id,
            candidate_id=candidate.id,
            attachment_ids=(),
            created_at=now,
            updated_at=now,
        )
        candidate = candidate.model_copy(update={"application_ids": (app_id,)})
        puts += [(R.CANDIDATE, candidate), (R.APPLICATION, application)]
        return self._land(puts, application)


Written = tuple[Callable[[Account], Any], str, tuple[Any, ...]]
"""What a write handler returns: its answer (rendered from the refreshed account), the
candidate whose opportunities it changed, and the notes and files it added."""
Handler = Callable[[Request, "LeverWriter", Any, Actor], Written]
"""A write: the request, the writer of the (forked) dataset, the body read, the acting user."""


class _NotFound(Exception):
    """The path's opportunity does not exist (Lever answers 404)."""


def texts(key: str, found: Any) -> tuple[str, ...]:
    """The text items of ``found``, a body's ``key`` (a list: a text would be read letter by
    letter, an object key by key), else a 400."""
    if not isinstance(found, list) or not all(isinstance(t, str) for t in found):
        raise Refused(400, f"{key} must be a list of text")
    return tuple(found)


def contact_fields(body: dict[str, Any]) -> dict[str, Any]:
    """The contact fields a write's body gives, as the neutral input's keywords (Lever keeps one
    ``name``: its first word is the first name, the rest the last); a field of the wrong type is
    refused."""
    typed(body, {"headline": str})
    typed({"location": body.get("location") or None}, {"location": str})  # an empty one clears it
    fields: dict[str, Any] = {"title": body.get("headline")}
    if "name" in body:
        first, _, last = str(body.get("name") or "").partition(" ")
        fields.update(first_name=first, last_name=last)
    if (location := body.get("location")) is not None:
        fields["locations"] = (location,) if location else ()
    if "emails" in body:
        fields["emails"] = tuple(EmailAddress(email=e) for e in texts("emails", body["emails"]))
    if "phones" in body:
        fields["phones"] = tuple(
            PhoneNumber(number=p["value"], type=p.get("type")) for p in value_types(body, "phones")
        )
    return fields


def candidate_input(body: dict[str, Any]) -> CandidateInput:
    """``POST /opportunities``'s contact fields as the neutral input (no name part is blank)."""
    fields = contact_fields(body)
    names: dict[str, Any] = {key: fields.pop(key, None) or None for key in ("first_name", "last_name")}
    return CandidateInput(
        **fields,
        **names,
        urls=tuple(Url(url=u) for u in texts("links", body.get("links", []))),
        tags=texts("tags", body.get("tags", [])),
    )


class Writes:
    """The write routes over ``dataset``, which ``account`` renders."""

    def __init__(self, dataset: Dataset, account: Account) -> None:
        self.dataset = dataset
        self.account = account

    def routes(self) -> dict[tuple[str, str], Callable[[Request], Any]]:
        def add(write: Handler, status: int = 200) -> Callable[[Request], Any]:
            return lambda request: self._write(request, write, status)

        return {
            ("POST", "/opportunities"): add(self.create_opportunity, 201),
            ("PUT", "/opportunities/{id}/stage"): add(self.stage),
            ("PUT", "/opportunities/{id}/archived"): add(self.archived),
            ("POST", "/opportunities/{id}/notes"): add(self.note, 201),
            ("POST", "/opportunities/{id}/files"): add(self.upload),
            ("PUT", "/contacts/{id}"): add(self.contact),
            ("POST", "/opportunities/{id}/addTags"): add(lambda *a: self.tags(*a, add=True)),
            ("POST", "/opportunities/{id}/removeTags"): add(lambda *a: self.tags(*a, add=False)),
        }

    async def _write(self, request: Request, write: Handler, status: int) -> Response:
        """Checks ``perform_as`` and the body, lands ``write`` on the (forked) dataset, renders
        its answer from the account, re-rendered where the write changed it."""
        user = request.query_params.get("perform_as")
        if not user:
            return error(400, "perform_as is required")
        try:
            body = await json_or_form(request)
        except ValueError as exc:
            return error(400, str(exc))
        if not self.dataset.writable:
            self.dataset = self.dataset.fork()
        writer = LeverWriter(self.dataset, "lever", "simulator")
        try:
            writer.check_actor(Actor(user))
            answer, candidate_id, added = write(request, writer, body, Actor(user))
        except WriteRefused as exc:
            return error(400, exc.message)
        except Refused as exc:
            return error(exc.status, exc.message)
        except _NotFound as exc:
            return error(404, str(exc))
        self.account.refresh(self.dataset, [candidate_id], added)
        return JSONResponse({"data": answer(self.account)}, status_code=status)

    @staticmethod
    def _opportunity(request: Request, writer: LeverWriter) -> ApplicationRecord:
        opp = request.path_params["id"]
        found = writer.data.get(R.APPLICATION, opp)
        if not isinstance(found, ApplicationRecord):
            raise _NotFound(f"opportunity {opp} was not found")
        return found

    @staticmethod
    def _plain(app: ApplicationRecord) -> Written:
        """The answer: the application's opportunity as re-rendered, its contact refreshed."""
        return (lambda account: account.opportunity_by_id[app.id][0]), app.candidate_id or "", ()

    def create_opportunity(self, _request: Request, w: LeverWriter, body: Any, _actor: Actor) -> Written:
        postings, contact = body.get("postings"), body.get("contact")
        if not postings:
            if contact:
                raise w.refused("contact", "an opportunity for a contact needs a posting")
            return self._plain(w.general_opportunity(candidate_input(body)))
        if not isinstance(postings, list) or len(postings) != 1 or not isinstance(postings[0], str):
            raise w.refused("postings", "postings must name one posting")
        sources = body.get("sources") or [None]
        given = ApplicationInput(
            postings[0],
            candidate_id=str(contact) if contact else None,
            candidate=None if contact else candidate_input(body),
            source=sources[0] if isinstance(sources, list) else None,
        )
        return self._plain(w.create_application(given))

    def stage(self, request: Request, w: LeverWriter, body: Any, _actor: Actor) -> Written:
        app = self._opportunity(request, w)
        stage = w.data.get(R.JOB_INTERVIEW_STAGE, str(body.get("stage") or ""))
        # the account stage is the job's stage of the same name (render.account_pipeline)
        job_stages = w.data.children(R.JOB_INTERVIEW_STAGE, "job").get(app.job_id or "", ())
        mine = [
            s
            for s in job_stages
            if stage is not None and cast("JobInterviewStageRecord", s).name == getattr(stage, "name", None)
        ]
        if not mine:
            raise w.refused("stage", f"stage {body.get('stage')!r} is not in this opportunity's pipeline")
        return self._plain(w.move_application_stage(StageMove(app.id, mine[0].id)))

    def archived(self, request: Request, w: LeverWriter, body: Any, actor: Actor) -> Written:
        app, reason = self._opportunity(request, w), body.get("reason")
        if reason is None:
            done = w.unreject_application(ApplicationRef(app.id))
        elif reason == HIRED:
            done = w.hire_application(ApplicationRef(app.id))
        else:
            done = w.reject_application(Rejection(app.id, reject_reason_id=str(reason)), actor)
        return self._plain(done)

    def tags(self, request: Request, w: LeverWriter, body: Any, _actor: Actor, *, add: bool) -> Written:
        """The sandbox keeps tags per candidate: they change on the opportunity's contact."""
        app, tags = self._opportunity(request, w), body.get("tags")
        if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
            raise w.refused("tags", "tags must be a list of tag names")
        w.change_tags(TagChange(app.candidate_id or "", tuple(tags)), add)
        return self._plain(app)

    def note(self, request: Request, w: LeverWriter, body: Any, actor: Actor) -> Written:
        app = self._opportunity(request, w)
        if not isinstance(body.get("value"), str) or not body["value"]:
            raise w.refused("value", "value is required")
        visibility = Visibility.PRIVATE if body.get("secret") else Visibility.PUBLIC
        given = NoteInput(app.candidate_id or "", body["value"], application_id=app.id, visibility=visibility)
        note = w.add_note(given, actor)
        return (lambda account: account.render(m.ACTIVITY, note)), app.candidate_id or "", (note,)

    def upload(self, request: Request, w: LeverWriter, body: Any, _actor: Actor) -> Written:
        """Lever's upload: a ``multipart/form-data`` body whose ``file`` part is the file."""
        app = self._opportunity(request, w)
        part = body.get("file")
        if not isinstance(part, FormPart) or not part.file_name:
            raise w.refused("file", "a multipart/form-data body with a `file` part is required")
        given = AttachmentInput(
            app.candidate_id or "",
            part.file_name,
            application_id=app.id,
            content_type=part.content_type,
            content=part.content,
        )
        file = w.upload_attachment(given)
        return (lambda account: account.render(m.FILE, file)), app.candidate_id or "", (file,)

    def contact(self, request: Request, w: LeverWriter, body: Any, _actor: Actor) -> Written:
        """Lever's contact update: the fields given replace the contact's; the answer is the
        contact alone (``PUT_contacts_id.json``)."""
        contact_id = request.path_params["id"]
        if not isinstance(w.data.get(R.CANDIDATE, contact_id), CandidateRecord):
            raise _NotFound(f"contact {contact_id} was not found")
        person = w.update_candidate(CandidateUpdate(contact_id, **contact_fields(body)))
        answer = {
            "id": person.id,
            "name": person.name,
            "headline": person.title or "",
            "location": {"name": person.locations[0] if person.locations else ""},
            "emails": [e.email for e in person.emails],
            "phones": [{"type": p.type, "value": p.number} for p in person.phones],
        }
        return (lambda _account: answer), person.id, ()
