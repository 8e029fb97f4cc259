"""The Workable simulator's write endpoints: the recorded request bodies, applied to the sandbox
dataset by the sandbox's own writer (``providers/sandbox/writes.py``), so a write made through
the adapter reads back through the simulator.

The first write forks the dataset (a shared one is never written) and points the simulator's
renderer and id codec at the fork. Workable answers: the candidate for a create or an
update, ``{"candidate": {"id", "url"}}`` for a copy, ``{"id"}`` for a comment, ``{"tags"}`` for
tags and an empty body for move, disqualify and revert (as recorded). A write the sandbox
refuses is a 422 ``{"error": ...}``; an unknown candidate or job a 404.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, cast

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ...kit.people import person_input
from ...kit.simulator import Refused
from ...kit.simwrites import SimWrites, WriteRoute, json_write, text_list
from ...kit.tags import set_tags
from ...records import (
    ApplicationRecord,
    JobInterviewStageRecord,
    Resource,
)
from ...writes import (
    Actor,
    ApplicationInput,
    ApplicationRef,
    CandidateInput,
    CandidateUpdate,
    NoteInput,
    Rejection,
    StageMove,
)
from .render import from_hex, hex_id

if TYPE_CHECKING:
    from .api import _Api

R = Resource
PERSON_TEXT: Final = ("firstname", "lastname", "email", "phone", "headline", "address")
"""The text fields of a ``{"candidate": {...}}`` body the simulator reads."""


class Writes:
    def __init__(self, api: _Api) -> None:
        self.api = api
        self.sim = SimWrites(api, api.server, "workable", changed=self._follow)

    def routes(self) -> list[WriteRoute]:
        """``(method, path, handler)`` for every write the adapter makes."""
        return [
            ("POST", "/talent_pool/candidates", json_write(self.create_in_pool)),
            ("PATCH", "/candidates/{id}", json_write(self.update)),
            ("POST", "/jobs/{id}/candidates", json_write(self.create_in_job)),
            ("POST", "/candidates/{id}/copy", json_write(self.copy)),
            ("POST", "/candidates/{id}/move", json_write(self.move)),
            ("POST", "/candidates/{id}/disqualify", json_write(self.disqualify)),
            ("POST", "/candidates/{id}/revert", json_write(self.revert)),
            ("POST", "/candidates/{id}/comments", json_write(self.comment)),
            ("PUT", "/candidates/{id}/tags", json_write(self.tags)),
        ]

    # -- the dataset ---------------------------------------------------------------------------
    def _follow(self) -> None:
        """The renderer and the id codec follow the dataset forked by the first write."""
        self.api.render.data = self.api.ids.dataset = self.api.data

    def _application(self, request: Request) -> ApplicationRecord:
        workable_id = request.path_params["id"]
        found = self.api.candidate_of(workable_id)
        if found is None:
            raise Refused(404, "Not found")
        return found

    def _member(self, body: Mapping[str, Any]) -> Actor:
        member = body.get("member_id")
        if not isinstance(member, str) or not member:
            raise Refused(422, "member_id is required")
        user_id = from_hex(member)
        if self.api.data.get(R.USER, user_id) is None:
            raise Refused(422, "member not found")
        return Actor(user_id)

    def _stage(self, job_id: str | None, slug: Any) -> JobInterviewStageRecord:
        stages = self.api.data.children(R.JOB_INTERVIEW_STAGE, "job").get(job_id or "", ())
        for s in stages:
            if self.api.ids.slugs.get(s.id) == slug:
                return cast("JobInterviewStageRecord", s)
        raise Refused(422, f"target_stage '{str(slug)[:100]}' is not a stage of the job")

    def _detail(self, application_id: str) -> dict[str, Any]:
        """The candidate as ``GET /candidates/{id}`` now answers it."""
        found = self.api.candidate_of(hex_id(application_id))
        assert found is not None
        return self.api.render.candidate(found, detail=True)

    # -- candidates ------------------------------------------------------------------------------
    async def create_in_pool(self, request: Request, body: dict[str, Any]) -> Response:
        person = self.sim.writer().create_candidate(CandidateInput(**_person(body)))
        return JSONResponse({"status": "created", "candidate": self._detail(person.id)}, status_code=201)

    async def update(self, request: Request, body: dict[str, Any]) -> Response:
        a = self._application(request)
        self.sim.writer().update_candidate(
            CandidateUpdate(candidate_id=a.candidate_id or "", **_person(body))
        )
        return JSONResponse({"candidate": self._detail(a.id)})

    async def create_in_job(self, request: Request, body: dict[str, Any]) -> Response:
        job = self.api._job(request.path_params["id"])
        if job is None:
            raise Refused(404, "Not found")
        created = self.sim.writer().create_application(
            ApplicationInput(job_id=job.id, candidate=CandidateInput(**_person(body)))
        )
        return JSONResponse({"status": "created", "candidate": self._detail(created.id)}, status_code=201)

    async def copy(self, request: Request, body: dict[str, Any]) -> Response:
        a = self._application(request)
        self._member(body)
        job = self.api._job(str(body.get("target_job_shortcode") or ""))
        if job is None:
            raise Refused(422, "target_job_shortcode names no job")
        stage = self._stage(job.id, body.get("target_stage"))
        given = ApplicationInput(job_id=job.id, candidate_id=a.candidate_id, stage_id=stage.id)
        created = self.sim.writer().create_application(given)
        url = f"{str(request.base_url).rstrip('/')}/spi/v3/candidates/{hex_id(created.id)}"
        return JSONResponse({"candidate": {"id": hex_id(created.id), "url": url}}, status_code=201)

    # -- pipeline --------------------------------------------------------------------------------
    async def move(self, request: Request, body: dict[str, Any]) -> Response:
        a = self._application(request)
        self._member(body)
        stage = self._stage(a.job_id, body.get("target_stage"))
        self.sim.writer().move_application_stage(StageMove(a.id, stage.id))
        return Response(status_code=200)

    async def disqualify(self, request: Request, body: dict[str, Any]) -> Response:
        a = self._application(request)
        actor = self._member(body)
        reason = body.get("disqualify_reason_id")
        note = body.get("disqualify_note")
        rejection = Rejection(
            a.id,
            reject_reason_id=from_hex(reason) if isinstance(reason, str) else None,
            note=note if isinstance(note, str) else None,
        )
        self.sim.writer().reject_application(rejection, actor)
        return Response(status_code=200)

    async def revert(self, request: Request, body: dict[str, Any]) -> Response:
        a = self._application(request)
        self._member(body)
        self.sim.writer().unreject_application(ApplicationRef(a.id))
        return Response(status_code=200)

    # -- comments and tags -------------------------------------------------------------------------
    async def comment(self, request: Request, body: dict[str, Any]) -> Response:
        a = self._application(request)
        actor = self._member(body)
        comment = body.get("comment")
        text = comment.get("body") if isinstance(comment, dict) else None
        if not isinstance(text, str) or not text:
            raise Refused(422, "comment.body is required")
        note = self.sim.writer().add_note(NoteInput(candidate_id=a.candidate_id or "", body=text), actor)
        return JSONResponse({"id": hex_id(note.id)}, status_code=201)

    async def tags(self, request: Request, body: dict[str, Any]) -> Response:
        """The candidate's tags become exactly ``tags`` (Workable replaces the list)."""
        a = self._application(request)
        names = text_list(body, "tags", 422)
        set_tags(self.sim.writer(), a.candidate_id or "", names)
        return JSONResponse({"tags": self._detail(a.id)["tags"]})


def _person(body: Mapping[str, Any]) -> dict[str, Any]:
    """The neutral person fields (``CandidateInput`` / ``CandidateUpdate`` keywords) a
    ``{"candidate": {...}}`` body describes: a key it lacks (or leaves blank) is left out."""
    c = body.get("candidate")
    if not isinstance(c, dict):
        raise Refused(422, "candidate is required")
    wrong = next((k for k in PERSON_TEXT if c.get(k) is not None and not isinstance(c[k], str)), None)
    if wrong is not None:
        # The recorded bodies carry these as text (fixtures POST_talent_pool_candidates and
        # PATCH_candidates_id .request.json); no source shows Workable's answer to another type,
        # so it is refused as every bad body is here, not taken for a field left out
        raise Refused(422, f"candidate.{wrong} must be text")
    text = {k: v for k, v in c.items() if isinstance(v, str) and v}
    out = person_input(text, first="firstname", last="lastname", phone="phone")
    out["title"] = text.get("headline")
    if "address" in text:
        out["locations"] = (text["address"],)
    return out
