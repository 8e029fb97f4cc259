"""The Teamtailor simulator's write endpoints: the adapter's JSON:API documents, applied to the
sandbox dataset by the sandbox's own writer (``providers/sandbox/writes.py``), so a write made
through the adapter reads back through the simulator.

The first write forks the dataset (a shared one is never written) and points the renderer at
the fork. Like Teamtailor: a candidate's e-mail is unique ("A unique email is a required
attribute", https://docs.teamtailor.com/#create-candidate), so ``POST /candidates`` with a
known e-mail is refused, unless it says ``merge: true``: then the candidate holding the
e-mail is answered, the given attributes merged in (the docs do not say how tags merge:
here the given ones are added). A create answers 201 with the new object, an update 200 with the
object, both rendered with the request's ``include=``; a refused write is a 422 JSON:API error
whose ``source.pointer`` names the attribute or relationship; an unknown id in the path a 404.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, cast

from starlette.requests import Request

from ...kit.jsonapi_serve import DocumentRoutes, members, required_text
from ...kit.people import person_input
from ...kit.simquery import filtered
from ...kit.simserver import Handler
from ...kit.simulator import Refused
from ...kit.simwrites import text_list, typed
from ...kit.tags import set_tags
from ...query import FilterName
from ...records import ApplicationRecord, CandidateRecord, Record, Resource
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

R = Resource
POINTERS: Final[Mapping[str, str]] = {
    "input.id": "/data/id",
    "input.applicationId": "/data/id",
    "input.candidateId": "/data/relationships/candidate",
    "input.jobId": "/data/relationships/job",
    "input.stageId": "/data/relationships/stage",
    "input.rejectReasonId": "/data/relationships/reject-reason",
    "input.emails": "/data/attributes/email",
    "actorId": "/data/relationships/user",
}
"""Where in the request document a field the sandbox refused came from."""
TAGS_POINTER: Final = "/data/attributes/tags"


def _person(a: Mapping[str, Any]) -> dict[str, Any]:
    """The person fields of a candidate's attributes (``CandidateInput`` / ``CandidateUpdate``
    keywords): an e-mail or phone attribute that is null or empty clears it; a name that is
    not text is refused."""
    typed(a, {"first-name": str, "last-name": str}, 422, "/data/attributes/{}")
    given = {k: v for k in ("email", "phone") if (v := a.get(k))}  # an empty one clears it
    typed(given, {"email": str, "phone": str}, 422, "/data/attributes/{}")
    return person_input(a, first="first-name", last="last-name", phone="phone", cleared=True)


class Writes(DocumentRoutes):
    """The write routes, mixed into the simulator's routes."""

    def writes(self) -> list[tuple[str, str, Handler]]:
        """``(method, path, handler)`` for every write the adapter makes."""
        return [
            ("POST", "/candidates", self.write_route(self.create_candidate, 201, POINTERS)),
            ("PATCH", "/candidates/{id}", self.write_route(self.update_candidate, 200, POINTERS)),
            ("POST", "/job-applications", self.write_route(self.create_application, 201, POINTERS)),
            ("PATCH", "/job-applications/{id}", self.write_route(self.update_application, 200, POINTERS)),
            ("POST", "/notes", self.write_route(self.create_note, 201, POINTERS)),
            ("POST", "/uploads", self.write_route(self.create_upload, 201, POINTERS)),
        ]

    # -- candidates ------------------------------------------------------------------------------
    def create_candidate(self, request: Request, data: dict[str, Any], w: SandboxWriter) -> Record:
        a = members(data, "attributes")
        holder = self._holder(a.get("email"))
        if holder is not None:
            if a.get("merge") is not True:
                raise Refused(422, "email has already been taken", "/data/attributes/email")
            return self._merge(w, holder, a)
        return w.create_candidate(CandidateInput(**_person(a), tags=self._tags(a)))

    @staticmethod
    def _tags(a: Mapping[str, Any]) -> tuple[str, ...]:
        """The tags a create or merge adds (none: null or empty), a list of names."""
        return text_list(a, "tags", 422, TAGS_POINTER) if a.get("tags") else ()

    def _holder(self, email: Any) -> CandidateRecord | None:
        """The candidate holding ``email`` (compared case-insensitively), if any."""
        asked = {FilterName.EMAIL: email} if isinstance(email, str) and email else None
        found = filtered(R.CANDIDATE, self.data.records(R.CANDIDATE), asked) if asked else []
        return cast("CandidateRecord", found[0]) if found else None

    def _merge(self, w: SandboxWriter, person: CandidateRecord, a: Mapping[str, Any]) -> CandidateRecord:
        """``merge: true`` on a known e-mail: the given name and phone replace the candidate's,
        the given tags are added; no candidate is made."""
        given, tags = _person(a), Writes._tags(a)
        phones = given.get("phones") or None  # a merge clears nothing
        updated = w.update_candidate(
            CandidateUpdate(person.id, given["first_name"], given["last_name"], phones=phones)
        )
        return w.change_tags(TagChange(person.id, tags), add=True) if tags else updated

    def update_candidate(self, request: Request, data: dict[str, Any], w: SandboxWriter) -> Record:
        person = cast("CandidateRecord", self.at_path(request, R.CANDIDATE))
        a = members(data, "attributes")
        # checked before anything is written: a refused write changes nothing
        tags = text_list(a, "tags", 422, TAGS_POINTER) if "tags" in a else None
        updated = w.update_candidate(CandidateUpdate(person.id, **_person(a)))
        if tags is None:
            return updated
        # the attribute is replaced whole: the candidate's tags become exactly these
        return set_tags(w, person.id, tags)

    # -- applications ----------------------------------------------------------------------------
    def create_application(self, request: Request, data: dict[str, Any], w: SandboxWriter) -> Record:
        job = self.linked_sandbox_id(data, "job", R.JOB, "input.jobId")
        person = self.linked_sandbox_id(data, "candidate", R.CANDIDATE, "input.candidateId")
        return w.create_application(ApplicationInput(job_id=job, candidate_id=person))

    def update_application(self, request: Request, data: dict[str, Any], w: SandboxWriter) -> Record:
        """A stage move, a rejection (``rejected-at`` set, with or without a reason) or its undoing
        (``rejected-at`` null), as the document says; attributes the sandbox lacks are ignored."""
        app = cast("ApplicationRecord", self.at_path(request, R.APPLICATION))
        attributes, rels = members(data, "attributes"), members(data, "relationships")
        undo = "rejected-at" in attributes and attributes["rejected-at"] is None
        reject = not undo and attributes.get("rejected-at") is not None
        # what the document names is found, and an undoing checked, before anything is written:
        # a refused write changes nothing
        stage = (
            self.linked_sandbox_id(data, "stage", R.JOB_INTERVIEW_STAGE, "input.stageId")
            if "stage" in rels
            else None
        )
        reason = (
            self.optional_sandbox_id(data, "reject-reason", R.REJECT_REASON, "input.rejectReasonId")
            if reject
            else None
        )
        if undo and app.rejected_at is None:
            raise w.refused("input.applicationId", "the application is not rejected")
        if stage is not None:
            app = w.move_application_stage(StageMove(app.id, stage))
        if undo:
            app = w.unreject_application(ApplicationRef(app.id))
        elif reject:
            app = w.reject_application(Rejection(app.id, reject_reason_id=reason), None)
        return app

    # -- notes and uploads -----------------------------------------------------------------------
    def create_note(self, request: Request, data: dict[str, Any], w: SandboxWriter) -> Record:
        person = self.linked_sandbox_id(data, "candidate", R.CANDIDATE, "input.candidateId")
        user = self.optional_sandbox_id(data, "user", R.USER, "actorId")
        actor = None if user is None else Actor(user)
        return w.add_note(NoteInput(candidate_id=person, body=required_text(data, "note")), actor)

    def create_upload(self, request: Request, data: dict[str, Any], w: SandboxWriter) -> Record:
        """An upload by URL. The simulator fetches nothing (it has no network): the file is
        kept empty, at the sandbox's own URL, as Teamtailor serves a copy from its own host."""
        person = self.linked_sandbox_id(data, "candidate", R.CANDIDATE, "input.candidateId")
        url, name = required_text(data, "url"), members(data, "attributes").get("file-name")
        given = AttachmentInput(candidate_id=person, file_name=str(name or "file"), content=b"", url=url)
        return w.upload_attachment(given)
