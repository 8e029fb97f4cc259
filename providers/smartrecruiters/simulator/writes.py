"""The simulator's write endpoints, applied to the sandbox by its own writer
(``providers/sandbox/writes.py``) so that a write through the adapter reads back through it.

The first write forks the dataset (a shared one is never written) and rebinds the renderer
(``kit/simwrites.py``).
As the adapter's sources describe SmartRecruiters: a new candidate (alone or for a job) is
answered 201 with the candidate and its assignments, an update 200 with the candidate, a status
change 204 with no body, a tags write 200 with ``{"tags"}``, an upload (a ``multipart/form-data``
form: ``attachmentType`` ``GENERIC_FILE`` and the ``file``) 201 with the attachment. A status names the sandbox stage by
its sub-status (its name; a stage without one cannot be moved to) or is ``REJECTED``; a move
of a rejected application reopens it (the status is one field). What the sandbox refuses is a
400 ``ErrorResponse``, an unknown id in the path a 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ...kit.people import person_input
from ...kit.simserver import Handler
from ...kit.simulator import Refused
from ...kit.simwrites import Body, SimWrites, form_file, form_text, text_list
from ...kit.tags import set_tags, tag_name
from ...records import (
    CandidateRecord,
    JobInterviewStageRecord,
    Resource,
)
from ...sandbox.writes import SandboxWriter
from ...writes import (
    ApplicationInput,
    ApplicationRef,
    AttachmentInput,
    CandidateInput,
    CandidateUpdate,
    Rejection,
    StageMove,
    TagChange,
)
from ..mapping import ATTACHMENT, WEB
from ..writes import REJECTED, UPLOAD_TYPES
from .render import decode

if TYPE_CHECKING:
    from . import _Api

R = Resource


class Writes(SimWrites):
    def __init__(self, api: _Api) -> None:
        super().__init__(api, api.server, "smartrecruiters", lambda: api.render.rebind(api.data))
        self.api = api

    def routes(self) -> list[tuple[str, str, Handler]]:
        """``(method, path, handler)`` for every write the adapter makes."""
        return [
            ("POST", "/candidates", self.endpoint(self.create_candidate)),
            ("PATCH", "/candidates/{id}", self.endpoint(self.update_candidate)),
            ("POST", "/jobs/{jobId}/candidates", self.endpoint(self.create_application)),
            ("PUT", "/candidates/{id}/jobs/{jobId}/status", self.endpoint(self.status)),
            ("POST", "/candidates/{id}/tags", self.endpoint(self.add_tags)),
            ("PUT", "/candidates/{id}/tags", self.endpoint(self.replace_tags)),
            ("POST", "/candidates/{id}/jobs/{jobId}/attachments", self.endpoint(self.upload, form=True)),
        ]

    def _candidate(self, request: Request) -> CandidateRecord:
        found = self.api.render.record(R.CANDIDATE, request.path_params["id"])
        if not isinstance(found, CandidateRecord):
            raise Refused(404, "Candidate not found")
        return found

    def _rendered(self, candidate: CandidateRecord, status: int) -> Response:
        return JSONResponse(self.api.render.candidate(candidate), status_code=status)

    # -- candidates ------------------------------------------------------------------------------
    @staticmethod
    def _person(body: Body) -> dict[str, Any]:
        """A ``CandidateInput``'s or ``CandidateUpdate``'s person fields (``PersonalDetails``);
        names that are not text are the client's error, not the sandbox's."""
        person = person_input(body, urls=("web", WEB))
        if not all(isinstance(person[k], str | None) for k in ("first_name", "last_name")):
            raise Refused(400, "firstName and lastName must be text")
        # CandidateInput types email and phoneNumber as strings and web as a WebProfile object
        # (fixture POST_candidates.request.schema.json): another type is refused, not left out
        wrong = next((k for k in ("email", "phoneNumber") if not isinstance(body.get(k), str | None)), None)
        if wrong is not None:
            raise Refused(400, f"{wrong} must be text")
        web = body.get("web")
        if web is not None and (
            not isinstance(web, dict) or not all(isinstance(web.get(k), str | None) for k in WEB)
        ):
            raise Refused(400, "web must be an object of URLs")
        return person

    def _new(self, body: Body) -> CandidateInput:
        person = self._person(body)
        if not person["first_name"] or not person["last_name"] or "emails" not in person:
            raise Refused(400, "firstName, lastName and email are required")
        return CandidateInput(**person, tags=text_list(body, "tags") if body.get("tags") else ())

    def create_candidate(self, request: Request, body: Body, w: SandboxWriter) -> Response:
        return self._rendered(w.create_candidate(self._new(body)), 201)

    def update_candidate(self, request: Request, body: Body, w: SandboxWriter) -> Response:
        person = self._candidate(request)
        given = CandidateUpdate(person.id, **self._person(body))
        return self._rendered(w.update_candidate(given), 200)

    def create_application(self, request: Request, body: Body, w: SandboxWriter) -> Response:
        job = self.api.render.record(R.JOB, request.path_params["jobId"])
        if job is None:
            raise Refused(404, "Job not found")
        app = w.create_application(ApplicationInput(job_id=job.id, candidate=self._new(body)))
        person = cast("CandidateRecord", self.api.data.get(R.CANDIDATE, app.candidate_id or ""))
        return self._rendered(person, 201)

    # -- applications ----------------------------------------------------------------------------
    def status(self, request: Request, body: Body, w: SandboxWriter) -> Response:
        app = self.api.render.application(request.path_params["id"], request.path_params["jobId"])
        if app is None:
            raise Refused(404, "Candidate is not assigned to the job")
        status, sub = body.get("status"), body.get("subStatus")
        if not isinstance(status, str) or not status:
            raise Refused(400, "status is required")
        if status == REJECTED:
            w.reject_application(Rejection(app.id, reject_reason_id=self._reason(body.get("reason"))), None)
            return Response(status_code=204)
        stages = self.api.data.children(R.JOB_INTERVIEW_STAGE, "job").get(app.job_id or "", ())
        stage = next(
            (s for s in stages if isinstance(s, JobInterviewStageRecord) and sub and s.name == sub), None
        )
        if stage is None:
            raise Refused(400, "subStatus is not one of the job's hiring process sub-statuses")
        if app.rejected_at is not None:
            w.unreject_application(ApplicationRef(app.id))
        w.move_application_stage(StageMove(app.id, stage.id))
        return Response(status_code=204)

    def _reason(self, given: Any) -> str | None:
        if given is None:
            return None
        found = decode(given) if isinstance(given, str) else None
        if found is None or self.api.data.get(R.REJECT_REASON, found) is None:
            raise Refused(400, "reason is not a rejection reason id")
        return found

    # -- tags ------------------------------------------------------------------------------------
    def _tags(self, person: CandidateRecord) -> Response:
        return JSONResponse({"tags": [tag_name(self.api.data, t) for t in person.tag_ids or ()]})

    def add_tags(self, request: Request, body: Body, w: SandboxWriter) -> Response:
        person = self._candidate(request)
        return self._tags(w.change_tags(TagChange(person.id, text_list(body, "tags")), add=True))

    def replace_tags(self, request: Request, body: Body, w: SandboxWriter) -> Response:
        """The candidate's tags become exactly the names given."""
        return self._tags(set_tags(w, self._candidate(request).id, text_list(body, "tags")))

    # -- attachments -----------------------------------------------------------------------------
    def upload(self, request: Request, body: Body, w: SandboxWriter) -> Response:
        """A file attached to the candidate in the context of the job: the application's."""
        app = self.api.render.application(request.path_params["id"], request.path_params["jobId"])
        if app is None:
            raise Refused(404, "Candidate is not assigned to the job")
        form_text(body, "attachmentType", UPLOAD_TYPES.values())
        file = form_file(body)
        given = AttachmentInput(
            app.candidate_id or "",
            file.file_name or "",
            application_id=app.id,
            content_type=file.content_type,
            content=file.content,
        )
        made = w.upload_attachment(given)
        return JSONResponse(ATTACHMENT.render(made, self.api.render.wire), status_code=201)
