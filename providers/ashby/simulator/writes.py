"""The Ashby simulator's write methods: each reads Ashby's request body into the neutral input,
lands it on the dataset through the sandbox's own writer (``SandboxWriter``: every check
first, then one change set) and answers with the changed record rendered as reads render it,
so a write reads back through the simulator at once.

The dataset the simulator is given is shared read-only by every connection with the same seed
and size: the first write forks it (:meth:`AshbyWriteApi.writer`), and from then on the
simulator reads its own fork. The renderer keeps no rendered payloads, so nothing is stale.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from ...errors import WriteRefused
from ...kit.forms import FormPart
from ...kit.mapping import label_of
from ...kit.rpc import RpcRefused as Rejected
from ...kit.simdata import exact_uuid_id
from ...kit.simserver import SimServer
from ...kit.simwrites import SimWrites
from ...records import AttachmentType, EmailAddress, PhoneNumber, Resource, Url
from ...sandbox.writes import SandboxWriter
from ...writes import (
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
from ..writes import URL_FIELDS
from .api import Json
from .render import encode_id

if TYPE_CHECKING:
    from .api import AshbyApi

R = Resource
PLAN: Final = "plan_"
"""The prefix of a plan's sandbox id (``render.plan_id``)."""
ARCHIVED: Final = "arch_"
"""The prefix of the sandbox id of a plan's ``Archived`` stage, the job's id after it."""
HIRED: Final = "hired_"
"""The prefix of the sandbox id of a plan's ``Hired`` stage, the job's id after it: moving
there is the sandbox's hire (its last stage, the offer, while not rejected)."""


def split_name(name: Any) -> tuple[str, str | None]:
    """Ashby keeps one ``name``; the sandbox a first and last name (rejoined on render)."""
    if not isinstance(name, str) or not name.strip():
        raise Rejected("invalid_input")
    first, _, last = name.strip().partition(" ")
    return first, last or None


def sandbox_id(body: Json, key: str, optional: bool = False) -> str | None:
    value = body.get(key)
    if value is None and optional:
        return None
    found = exact_uuid_id(value)
    if found is None:
        raise Rejected("invalid_input")
    return found


def _text(value: Any) -> str:
    """A note is a string or ``{type, value}`` (text/plain or text/html)."""
    text = value.get("value") if isinstance(value, dict) else value
    if not isinstance(text, str) or not text:
        raise Rejected("invalid_input")
    return text


class AshbyWriteApi(SimWrites):
    """The write methods over the simulator's dataset (``holder.data``), rendered by its
    renderer, which follows the fork."""

    def __init__(self, holder: AshbyApi, server: SimServer) -> None:
        super().__init__(holder, server, "ashby", lambda: setattr(holder.render, "data", holder.data))
        self.render = holder.render

    def _landed(self, write: Callable[[SandboxWriter], Any]) -> Any:
        try:
            return write(self.writer())
        except WriteRefused:
            raise Rejected("invalid_input") from None

    def _answered(self, write: Callable[[SandboxWriter], Any], render: Callable[[Any], Json]) -> Json:
        """The write landed, answered with its record as ``render`` renders it."""
        return {"success": True, "results": render(self._landed(write))}

    def methods(self) -> dict[str, Callable[[Json], Json]]:
        return {
            "candidate.create": self.candidate_create,
            "candidate.update": self.candidate_update,
            "application.create": self.application_create,
            "application.changeStage": self.application_change_stage,
            "interviewStage.list": self.interview_stage_list,
            "candidate.createNote": self.candidate_create_note,
            "candidateTag.create": self.candidate_tag_create,
            "candidate.addTag": lambda body: self._tag(body, add=True),
            "candidate.removeTag": lambda body: self._tag(body, add=False),
            "candidate.uploadFile": lambda body: self._upload(body, "file", AttachmentType.OTHER),
            "candidate.uploadResume": lambda body: self._upload(body, "resume", AttachmentType.RESUME),
        }

    def candidate_create(self, body: Json) -> Json:
        first, last = split_name(body.get("name"))
        emails = [body["email"]] if body.get("email") else []
        alternates = body.get("alternateEmailAddresses") or []
        if not isinstance(alternates, list):  # a text would be addresses a letter each
            raise Rejected("invalid_input")
        emails += alternates
        given = CandidateInput(
            first_name=first,
            last_name=last,
            emails=tuple(
                EmailAddress(email=str(e), type="personal", is_primary=i == 0) for i, e in enumerate(emails)
            ),
            phones=(
                (PhoneNumber(number=str(body["phoneNumber"]), type="personal"),)
                if body.get("phoneNumber")
                else ()
            ),
            urls=tuple(Url(url=str(body[k]), type=t) for t, k in URL_FIELDS.items() if body.get(k)),
        )
        return self._answered(lambda w: w.create_candidate(given), self.render.candidate)

    def candidate_update(self, body: Json) -> Json:
        candidate_id = sandbox_id(body, "candidateId") or ""
        first, last = split_name(body["name"]) if "name" in body else (None, None)
        links = body.get("socialLinks")
        if links is not None and (not isinstance(links, list) or not all(isinstance(s, dict) for s in links)):
            raise Rejected("invalid_input")
        given = CandidateUpdate(
            candidate_id=candidate_id,
            first_name=first,
            # a one-word name must clear the old last name: "" (None would keep it)
            last_name=None if first is None else (last or ""),
            urls=None
            if links is None
            else tuple(
                Url(url=str(s.get("url")), type=label_of(m.SOCIAL_LINK_TYPE, s.get("type"))) for s in links
            ),
        )
        return self._answered(lambda w: w.update_candidate(given), self.render.candidate)

    def application_create(self, body: Json) -> Json:
        given = ApplicationInput(
            job_id=sandbox_id(body, "jobId") or "",
            candidate_id=sandbox_id(body, "candidateId"),
            stage_id=sandbox_id(body, "interviewStageId", optional=True),
        )
        application = self._landed(lambda w: w.create_application(given))
        return {"success": True, "results": self.render.application(application, info=True)}

    def interview_stage_list(self, body: Json) -> Json:
        """A plan's stages in order, then its ``Hired`` and ``Archived`` stages (every Ashby plan
        has them; the sandbox keeps a rejection date, and hires into its last stage, so they
        exist only here and in changeStage)."""
        plan = sandbox_id(body, "interviewPlanId") or ""
        if not plan.startswith(PLAN):
            raise Rejected("invalid_input")
        job = plan.removeprefix(PLAN)
        found: Any = self.holder.data.children(R.JOB_INTERVIEW_STAGE, "job").get(job, ())
        stages = [self.render.stage(s) for s in sorted(found, key=lambda s: s.position or 0)]
        ends = [
            {
                "id": encode_id(f"{prefix}{job}"),
                "title": kind,
                "type": kind,
                "orderInInterviewPlan": len(stages) + i,
                "interviewPlanId": encode_id(plan),
                "interviewStageGroupId": None,
            }
            for i, (prefix, kind) in enumerate(((HIRED, "Hired"), (ARCHIVED, "Archived")))
        ]
        return {"success": True, "results": [*stages, *ends], "moreDataAvailable": False}

    def application_change_stage(self, body: Json) -> Json:
        """A move; to the plan's ``Hired`` stage a hire, to its ``Archived`` stage a rejection,
        ``archiveReasonId`` required (as Ashby's spec says; an ``archiveEmail`` is accepted and,
        the simulator sending no mail, dropped). Either end must be the application's job's."""
        application_id = sandbox_id(body, "applicationId") or ""
        stage_id = sandbox_id(body, "interviewStageId") or ""
        end = next((prefix for prefix in (ARCHIVED, HIRED) if stage_id.startswith(prefix)), None)
        if end is None:
            given = StageMove(application_id=application_id, stage_id=stage_id)
            return self._answered(lambda w: w.move_application_stage(given), self.render.application)
        reason = sandbox_id(body, "archiveReasonId") if end == ARCHIVED else None
        app: Any = self.holder.data.get(R.APPLICATION, application_id)
        if app is None or app.job_id != stage_id.removeprefix(end):
            raise Rejected("invalid_input")
        if end == HIRED:
            return self._answered(
                lambda w: w.hire_application(ApplicationRef(application_id)), self.render.application
            )
        rejection = Rejection(application_id=application_id, reject_reason_id=reason)
        return self._answered(lambda w: w.reject_application(rejection, None), self.render.application)

    def candidate_create_note(self, body: Json) -> Json:
        given = NoteInput(candidate_id=sandbox_id(body, "candidateId") or "", body=_text(body.get("note")))
        return self._answered(lambda w: w.add_note(given, None), self.render.note)

    def candidate_tag_create(self, body: Json) -> Json:
        title = body.get("title")
        if not isinstance(title, str) or not title.strip():
            raise Rejected("invalid_input")
        return self._answered(lambda w: w.create_tag(title.strip()), self.render.tag)

    def _tag(self, body: Json, add: bool) -> Json:
        """``candidate.addTag`` / ``candidate.removeTag``: one tag by id; removing a tag the
        candidate lacks answers the candidate unchanged (Ashby's changelog, 2026-02-27)."""
        candidate_id = sandbox_id(body, "candidateId") or ""
        tag: Any = self.holder.data.get(R.TAG, sandbox_id(body, "tagId") or "")
        if tag is None:
            raise Rejected("invalid_input")
        given = TagChange(candidate_id, (tag.name or "",))
        return self._answered(lambda w: w.change_tags(given, add), self.render.candidate)

    def _upload(self, body: Json, field: str, kind: AttachmentType) -> Json:
        """``candidate.uploadFile`` (a ``file`` part) or ``candidate.uploadResume`` (a
        ``resume`` part) beside ``candidateId``, answered with the candidate (Ashby's spec)."""
        part = body.get(field)
        if not isinstance(part, FormPart) or not part.file_name:
            raise Rejected("invalid_input")
        given = AttachmentInput(
            sandbox_id(body, "candidateId") or "",
            part.file_name,
            attachment_type=kind,
            content_type=part.content_type,
            content=part.content,
        )
        file = self._landed(lambda w: w.upload_attachment(given))
        data: Any = self.holder.data
        candidate = data.get(R.CANDIDATE, file.candidate_id)
        if kind is AttachmentType.RESUME:
            # Ashby keeps one resume: the new one is it (the renderer takes a candidate's first)
            ids = (file.id, *(i for i in candidate.attachment_ids or () if i != file.id))
            candidate = candidate.model_copy(update={"attachment_ids": ids})
            data.apply([(R.CANDIDATE, candidate)])
        return {"success": True, "results": self.render.candidate(candidate)}
