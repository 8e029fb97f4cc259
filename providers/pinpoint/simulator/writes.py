"""The simulator's write endpoints, applied to the sandbox by its own writer
(``providers/sandbox/writes.py``) so that a write through the adapter reads back.

The first write forks the dataset (a shared one is never written). ``POST /applications``
takes the person's fields and the ``job`` relationship (the official example's, answers not
taken): the person is the sandbox candidate with that e-mail, or a new one. ``PUT
/applications/{id}`` takes the ``stage`` relationship (the schema's name). Each answers the
application, 201 and 200 (JSON:API's; Pinpoint's answers were not captured). What the sandbox
refuses is a 422 with a JSON:API error whose ``source.pointer`` names the member.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ...errors import WriteRefused
from ...kit.jsonapi_sim import data_of, error_response, linked_id
from ...kit.simparts import json_object
from ...records import ApplicationRecord, EmailAddress, PhoneNumber, Resource
from ...sandbox.writes import SandboxWriter
from ...writes import ApplicationInput, CandidateInput, StageMove
from ..mapping import person
from .render import Renderer

if TYPE_CHECKING:
    from . import _Api

R = Resource
POINTERS = {
    "input.jobId": "/data/relationships/job",
    "input.stageId": "/data/relationships/stage",
    "input.applicationId": "/data",
}


class Writes:
    def __init__(self, api: _Api) -> None:
        self.api = api

    def routes(self) -> list[tuple[str, str, Any]]:
        return [("POST", "/applications", self.create), ("PUT", "/applications/{id}", self.move)]

    def _writer(self) -> SandboxWriter:
        if not self.api.data.writable:
            self.api.data = self.api.data.fork()
        return SandboxWriter(self.api.data, "pinpoint", "simulator")

    def _answer(self, app: ApplicationRecord, status: int) -> Response:
        """The application as a read renders it, from a renderer over the account as it now is."""
        self.api.render = Renderer(self.api.data)
        return JSONResponse({"data": self.api.render.object(app, []), "meta": {}}, status_code=status)

    async def create(self, request: Request) -> Response:
        data = data_of(await json_object(request), "applications")
        attributes = data.get("attributes")
        if not isinstance(attributes, dict):
            return error_response(400, "Bad request")
        first, last, email = (attributes.get(k) for k in ("first_name", "last_name", "email"))
        for name, value in (("first_name", first), ("last_name", last), ("email", email)):
            if not isinstance(value, str) or not value.strip():
                return error_response(422, f"{name} can't be blank", f"/data/attributes/{name}")
        job = self.api.render.record(R.JOB, linked_id(data, "job") or "")
        if job is None:
            return error_response(422, "job must exist", "/data/relationships/job")
        known = self.api.render.record(R.CANDIDATE, person(email) or "")  # the person with that e-mail
        phone = attributes.get("phone")
        new = CandidateInput(
            first_name=first,
            last_name=last,
            emails=(EmailAddress(email=str(email)),),
            phones=(PhoneNumber(number=phone),) if isinstance(phone, str) and phone else (),
        )
        given = (
            ApplicationInput(job.id, candidate_id=known.id)
            if known
            else ApplicationInput(job.id, candidate=new)
        )
        try:
            app = self._writer().create_application(given)
        except WriteRefused as exc:
            return error_response(422, exc.message, POINTERS.get(exc.field or "", "/data"))
        return self._answer(app, 201)

    async def move(self, request: Request) -> Response:
        app = self.api.render.record(R.APPLICATION, request.path_params["id"])
        if not isinstance(app, ApplicationRecord):
            return error_response(404, "Not found")
        data = data_of(await json_object(request), "applications")
        stage = self.api.render.record(R.JOB_INTERVIEW_STAGE, linked_id(data, "stage") or "")
        if stage is None:
            return error_response(422, "stage must exist", "/data/relationships/stage")
        try:
            moved = self._writer().move_application_stage(StageMove(app.id, stage.id))
        except WriteRefused as exc:
            return error_response(422, exc.message, POINTERS.get(exc.field or "", "/data"))
        return self._answer(moved, 200)
