"""The simulator's write endpoints, applied to the sandbox by its own writer
(``providers/sandbox/writes.py``) so that a write through the adapter reads back.

The first write forks the dataset (a shared one is never written). ``status`` takes a sandbox
stage's status (one of the application's job's stages) or ``Not a Fit`` (a rejection), and
answers ``{"type": "positionApplicantStatus", "id"}``; ``comments`` answers ``{"type":
"comment", "id"}`` (as recorded); ``application`` makes a new sandbox candidate with its
application and answers ``{"result": "success", "candidateId"}`` naming the new application's
number, as Nango's recording does (``apply.py``). What the sandbox refuses is a 400, an unknown application a
404 (BambooHR's error bodies were not captured: ``SimServer``'s is used).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ...errors import WriteRefused
from ...kit.simparts import json_object
from ...kit.simparts import sandbox_number as number
from ...records import ApplicationRecord, EmailAddress, Resource
from ...sandbox.writes import SandboxWriter
from ...writes import ApplicationInput, CandidateInput, NoteInput, Rejection, StageMove
from ..apply import PATH
from ..writes import NOT_A_FIT
from .render import Renderer

if TYPE_CHECKING:
    from . import _Api

R = Resource


class Writes:
    def __init__(self, api: _Api) -> None:
        self.api = api

    def routes(self) -> list[tuple[str, str, Any]]:
        root = "/applicant_tracking/applications/{id}"
        return [
            ("POST", f"{root}/status", self.status),
            ("POST", f"{root}/comments", self.comment),
            ("POST", PATH, self.apply),
        ]

    def _writer(self) -> SandboxWriter:
        if not self.api.render.data.writable:
            self.api.render = Renderer(self.api.render.data.fork())
        return SandboxWriter(self.api.render.data, "bamboohr", "simulator")

    def _landed(self) -> None:
        """Render again what the write changed (the listing is rendered whole)."""
        self.api.render = Renderer(self.api.render.data)
        self.api._applications = None

    def _application(self, request: Request) -> ApplicationRecord | None:
        found = self.api.render.record(R.APPLICATION, request.path_params["id"])
        return found if isinstance(found, ApplicationRecord) else None

    async def status(self, request: Request) -> Response:
        body, application = await json_object(request), self._application(request)
        if application is None:
            return self.api.server.fail(404)
        status = body.get("status") if body else None
        if not isinstance(status, int):
            return self.api.server.fail(400)
        try:
            if status == NOT_A_FIT:
                self._writer().reject_application(Rejection(application.id), None)
            else:
                stage = self.api.render.record(R.JOB_INTERVIEW_STAGE, str(status))
                if stage is None:  # BambooHR's own New: no sandbox stage
                    return self.api.server.fail(400)
                self._writer().move_application_stage(StageMove(application.id, stage.id))
        except WriteRefused:
            return self.api.server.fail(400)
        self._landed()
        return JSONResponse({"type": "positionApplicantStatus", "id": status})

    async def comment(self, request: Request) -> Response:
        body, application = await json_object(request), self._application(request)
        if application is None:
            return self.api.server.fail(404)
        body = body or {}
        text = body.get("comment")
        if not isinstance(text, str) or not text or body.get("type") != "comment":
            return self.api.server.fail(400)
        note = self._writer().add_note(NoteInput(application.candidate_id or "", text, application.id), None)
        self._landed()
        return JSONResponse({"type": "comment", "id": number(note.id)})

    async def apply(self, request: Request) -> Response:
        body = await json_object(request) or {}
        first, last, job_id, email = (body.get(k) for k in ("firstName", "lastName", "jobId", "email"))
        names = [n for n in (first, last) if isinstance(n, str) and n.strip()]
        job = self.api.render.record(R.JOB, str(job_id)) if isinstance(job_id, int) else None
        if len(names) != 2 or job is None or not isinstance(email, str | None):
            return self.api.server.fail(400)  # firstName, lastName and jobId are required
        emails = (EmailAddress(email=email, is_primary=True),) if email else ()
        candidate = CandidateInput(first_name=first, last_name=last, emails=emails)
        try:
            made = self._writer().create_application(ApplicationInput(job.id, candidate=candidate))
        except WriteRefused:
            return self.api.server.fail(400)
        self._landed()
        return JSONResponse({"result": "success", "candidateId": number(made.id)})
