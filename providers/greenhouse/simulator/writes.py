"""The simulator's write endpoints: Harvest v1 write requests applied to the dataset by the
sandbox's own writer (``providers/sandbox/writes.py``), answered in Harvest's shapes, so a
write through the adapter reads back through the simulator.

Like Harvest, every write needs ``On-Behalf-Of: <user id>`` naming a user of the account;
an unknown record in the path is 404, a body the writer refuses 422 with Harvest's
validation-error body.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, cast

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ...errors import WriteRefused
from ...kit.simulator import Refused
from ...kit.simwrites import typed, value_types
from ...records import (
    ApplicationRecord,
    AttachmentType,
    CandidateRecord,
    Resource,
    TagRecord,
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
from ..mapping import ATTACHMENT_TYPE, CONTACTS, VISIBILITY
from ..writes import ITEMS
from .render import JSON

if TYPE_CHECKING:
    from . import Simulator

R = Resource


@dataclass(frozen=True)
class Call:
    """One write request: the body, the record number in the path, the acting user."""

    body: Mapping[str, Any]
    number: int
    actor: Actor
    writer: SandboxWriter


Handler = Callable[["Simulator", Call], tuple[int, Any]]
"""A write: the status and the JSON answer."""


def _validation(message: str, field: str | None) -> Response:
    error: JSON = {"message": message}
    if field is not None:
        error["field"] = field
    return JSONResponse({"message": "Validation error", "errors": [error]}, status_code=422)


def _sandbox_id(sim: Simulator, resource: Resource, value: Any, field: str) -> str:
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        raise Refused(422, f"{field} must be an integer", field)
    record = sim.find(resource, value)
    if record is None:
        raise Refused(422, f"{field} {value} does not exist", field)
    return cast("str", record.id)


def _person(body: Mapping[str, Any]) -> dict[str, Any]:
    """The candidate fields a body gives (absent: not given), its contact lists read back as
    ``writes.py`` writes them; a field of the wrong type is refused."""
    typed(
        body,
        {"first_name": str, "last_name": str, "company": str, "title": str, "is_private": bool},
        pointer="{}",
    )
    out: dict[str, Any] = {
        k: body[k] for k in ("first_name", "last_name", "company", "title", "is_private") if k in body
    }
    for key, field in CONTACTS.items():
        if body.get(key) is None:
            continue
        items, (item, value, _) = value_types(body, key, 422, key), ITEMS[key]
        out[field] = tuple(
            item(**{value: i["value"], "type": i.get("type")}) if item else i["value"] for i in items
        )
    return out


def _tags(body: Mapping[str, Any]) -> list[str] | None:
    tags = body.get("tags")
    if tags is None:
        return None
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise Refused(422, "tags must be a list of strings", "tags")
    return tags


def _check_custom_fields(sim: Simulator, body: Mapping[str, Any]) -> None:
    """``custom_fields: [{name_key, value}]`` naming fields of the account's table: checked,
    then ignored (the simulator renders no candidate custom field values)."""
    items = body.get("custom_fields")
    if items is None:
        return
    if not isinstance(items, list) or not all(
        isinstance(i, dict) and isinstance(i.get("name_key"), str) and "value" in i for i in items
    ):
        raise Refused(422, "custom_fields must be a list of {name_key, value}", "custom_fields")
    known = {f.get("name_key") for f in sim.custom_fields}
    for item in items:
        if item["name_key"] not in known:
            raise Refused(422, f"custom field {item['name_key'][:100]} does not exist", "custom_fields")


def _answer(sim: Simulator, resource: Resource, sandbox_id: str) -> JSON:
    """The written record as its read renders it (the renderer told of the change first)."""
    sim.changed()
    return cast("JSON", sim.serve.renders[resource](sim.data.get(resource, sandbox_id)))


def create_candidate(sim: Simulator, call: Call) -> tuple[int, JSON]:
    """``POST /v1/candidates``, with its ``applications: [{job_id}]`` created too."""
    _check_custom_fields(sim, call.body)
    applications = call.body.get("applications") or ()
    if not isinstance(applications, Iterable):  # a text or an object: entries with no job_id
        raise Refused(422, "applications must be a list of {job_id}", "applications")
    jobs = []
    for app in applications:
        jobs.append(_sandbox_id(sim, R.JOB, app.get("job_id") if isinstance(app, dict) else None, "job_id"))
    if len(set(jobs)) < len(jobs):  # the writer's refusal, before the candidate is made
        raise Refused(422, "the candidate has already applied to this job", "input.jobId")
    created = call.writer.create_candidate(
        CandidateInput(**_person(call.body), tags=tuple(_tags(call.body) or ()))
    )
    for job in jobs:
        call.writer.create_application(ApplicationInput(job_id=job, candidate_id=created.id))
    return 201, _answer(sim, R.CANDIDATE, created.id)


def update_candidate(sim: Simulator, call: Call) -> tuple[int, list[JSON]]:
    """``PATCH /v1/candidates/{id}``; ``tags`` replaces the candidate's list (by name)."""
    cid = _sandbox_id(sim, R.CANDIDATE, call.number, "id")
    _check_custom_fields(sim, call.body)
    given, wanted = _person(call.body), _tags(call.body)  # both checked before anything is written
    if given:
        call.writer.update_candidate(CandidateUpdate(candidate_id=cid, **given))
    if wanted is not None:
        candidate = cast("CandidateRecord", sim.data.get(R.CANDIDATE, cid))
        tags = sim.data.by_id(R.TAG)
        have = [cast("TagRecord", tags[t]).name or "" for t in candidate.tag_ids or ()]
        keep = {w.casefold() for w in wanted}
        gone = tuple(h for h in have if h.casefold() not in keep)
        if gone:
            call.writer.change_tags(TagChange(cid, gone), add=False)
        if wanted:
            call.writer.change_tags(TagChange(cid, tuple(wanted)), add=True)
    # Harvest documents this answer as a one-candidate array.
    return 200, [_answer(sim, R.CANDIDATE, cid)]


def create_application(sim: Simulator, call: Call) -> tuple[int, JSON]:
    cid = _sandbox_id(sim, R.CANDIDATE, call.number, "id")
    job = _sandbox_id(sim, R.JOB, call.body.get("job_id"), "job_id")
    stage = call.body.get("initial_stage_id")
    stage_id = None if stage is None else _sandbox_id(sim, R.JOB_INTERVIEW_STAGE, stage, "initial_stage_id")
    app = call.writer.create_application(ApplicationInput(job_id=job, candidate_id=cid, stage_id=stage_id))
    return 201, _answer(sim, R.APPLICATION, app.id)


def _application(sim: Simulator, call: Call) -> ApplicationRecord:
    return cast(
        "ApplicationRecord", sim.data.get(R.APPLICATION, _sandbox_id(sim, R.APPLICATION, call.number, "id"))
    )


def move(sim: Simulator, call: Call) -> tuple[int, JSON]:
    """``from_stage_id`` must be the current stage (Harvest refuses a stale move)."""
    app = _application(sim, call)
    start = _sandbox_id(sim, R.JOB_INTERVIEW_STAGE, call.body.get("from_stage_id"), "from_stage_id")
    if start != app.current_stage_id:
        raise Refused(422, "from_stage_id is not the application's current stage", "from_stage_id")
    to = _sandbox_id(sim, R.JOB_INTERVIEW_STAGE, call.body.get("to_stage_id"), "to_stage_id")
    return 200, _answer(sim, R.APPLICATION, call.writer.move_application_stage(StageMove(app.id, to)).id)


def reject(sim: Simulator, call: Call) -> tuple[int, JSON]:
    app = _application(sim, call)
    reason = call.body.get("rejection_reason_id")
    reason_id = None if reason is None else _sandbox_id(sim, R.REJECT_REASON, reason, "rejection_reason_id")
    email = call.body.get("rejection_email")
    template = email.get("email_template_id") if isinstance(email, dict) else None
    notes = call.body.get("notes")
    given = Rejection(
        app.id,
        reject_reason_id=reason_id,
        note=notes if isinstance(notes, str) else None,
        email_template_id=None if template is None else str(template),
    )
    return 200, _answer(sim, R.APPLICATION, call.writer.reject_application(given, call.actor).id)


def unreject(sim: Simulator, call: Call) -> tuple[int, JSON]:
    app = _application(sim, call)
    if app.rejected_at is None:  # the documented error (POST_applications_id_unreject.error.json)
        raise Refused(422, "Application must be 'rejected', is currently 'active'")
    return 200, _answer(sim, R.APPLICATION, call.writer.unreject_application(ApplicationRef(app.id)).id)


def hire(sim: Simulator, call: Call) -> tuple[int, JSON]:
    app = call.writer.hire_application(ApplicationRef(_application(sim, call).id))
    sim.render.hired_by_write.add(app.id)
    return 200, _answer(sim, R.APPLICATION, app.id)


def note(sim: Simulator, call: Call) -> tuple[int, JSON]:
    cid = _sandbox_id(sim, R.CANDIDATE, call.number, "id")
    user = _sandbox_id(sim, R.USER, call.body.get("user_id"), "user_id")
    body, seen = call.body.get("body"), call.body.get("visibility")
    if not isinstance(body, str) or not body:
        raise Refused(422, "body is required", "body")
    if not isinstance(seen, str) or seen not in VISIBILITY:
        raise Refused(422, f"visibility must be one of: {', '.join(VISIBILITY)}", "visibility")
    made = call.writer.add_note(NoteInput(cid, body, visibility=VISIBILITY[seen]), Actor(user))
    sim.changed()
    return 201, sim.render.activity_feed([made])["notes"][0]


def attachment(owner: Resource) -> Handler:
    def upload(sim: Simulator, call: Call) -> tuple[int, JSON]:
        record = sim.find(owner, call.number)
        if record is None:
            raise Refused(422, "id does not exist", "id")
        body = call.body
        candidate = record.id if owner is R.CANDIDATE else cast("ApplicationRecord", record).candidate_id
        if not isinstance(body.get("filename"), str) or not isinstance(body.get("content"), str):
            # The simulator keeps the bytes it is given; a ``url`` would mean fetching it
            # (tests never reach the network): a URL upload is a 422 here, not on Harvest.
            raise Refused(422, "filename and content are required", "content")
        try:
            content = base64.b64decode(body["content"], validate=True)
        except ValueError:  # binascii.Error, or a text that is not ASCII
            raise Refused(422, "content must be base64", "content") from None
        kind = body.get("type")  # a type Harvest does not know is an "other" file
        given = AttachmentInput(
            candidate_id=candidate or "",
            file_name=body["filename"],
            application_id=None if owner is R.CANDIDATE else record.id,
            attachment_type=ATTACHMENT_TYPE.get(kind if isinstance(kind, str) else "", AttachmentType.OTHER),
            content_type=body.get("content_type"),
            content=content,
        )
        made = call.writer.upload_attachment(given)
        sim.changed()
        return 201, {
            "filename": made.file_name,
            "url": made.file_url,
            "type": body.get("type"),
            "content_type": body.get("content_type"),
        }

    return upload


WRITES: Final[tuple[tuple[str, str, Handler], ...]] = (
    ("POST", "/candidates", create_candidate),
    ("PATCH", "/candidates/{id}", update_candidate),
    ("POST", "/candidates/{id}/applications", create_application),
    ("POST", "/candidates/{id}/activity_feed/notes", note),
    ("POST", "/candidates/{id}/attachments", attachment(R.CANDIDATE)),
    ("POST", "/applications/{id}/attachments", attachment(R.APPLICATION)),
    ("POST", "/applications/{id}/move", move),
    ("POST", "/applications/{id}/reject", reject),
    ("POST", "/applications/{id}/unreject", unreject),
    ("POST", "/applications/{id}/hire", hire),
)
"""Harvest v1's write endpoints the adapter sends to (v3 writes are not offered)."""


def write_endpoint(sim: Simulator, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    async def answer(request: Request) -> Response:
        number = request.path_params.get("id", "0")
        owner = R.APPLICATION if "/applications/" in request.url.path else R.CANDIDATE
        if not number.isdigit() or (number != "0" and sim.find(owner, number) is None):
            return JSONResponse({"message": "Resource not found"}, status_code=404)
        try:
            body = json.loads(await request.body() or b"{}")
        except ValueError:
            return JSONResponse({"message": "Invalid JSON"}, status_code=400)
        if not isinstance(body, dict):
            return _validation("the body must be a JSON object", None)
        behalf = request.headers.get("On-Behalf-Of", "")
        user = sim.find(R.USER, behalf)
        if user is None:
            return _validation("On-Behalf-Of must name a user of this account", "On-Behalf-Of")
        writer = SandboxWriter(sim.data, "greenhouse", "simulator")
        try:
            status, out = handler(sim, Call(body, int(number), Actor(user.id), writer))
        except Refused as exc:  # a 422 naming the body field at fault
            return _validation(exc.message, exc.pointer)
        except WriteRefused as exc:
            return _validation(exc.message, exc.field)
        return JSONResponse(out, status_code=status)

    return answer
