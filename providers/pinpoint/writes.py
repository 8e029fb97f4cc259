"""Pinpoint's writes, through its JSON:API write endpoints (``Content-Type:
application/vnd.api+json``), one request each, never retried; bodies follow the official
OpenAPI's examples (``shared/fixtures/providers/pinpoint/``):

- ``createApplication``: ``POST /applications`` with the person's fields and the ``job``
  relationship (``POST_api_v1_applications.request.json``). The person is on each application
  (a candidate is an e-mail address, ``mapping.person``), so an existing candidate's fields are
  taken from the people table the reads keep (read once if not kept): Pinpoint requires
  ``first_name``, ``last_name`` and ``email`` (schema ``applications_attributes``).
- ``moveApplicationStage``: ``PUT /applications/{id}`` with the ``stage`` relationship. The
  official example (``PUT_api_v1_applications_{id}.request.json``) puts a ``stages`` linkage
  under ``relationships.job``; the schema ``applications_relationships_put`` names it
  ``stage``, which is what is sent (the fixtures' README calls the example buggy).

Both answer the application (JSON:API answers a create or an update with the resource,
https://jsonapi.org/format/#crud-creating-responses-201 and #crud-updating-responses-200; the
answers themselves were not captured), which is read as a read's item is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Final, cast

from ..kit.adapter import HttpAdapter
from ..kit.derived import derived_table
from ..kit.jsonapi_docs import resource_doc, to_one
from ..kit.people import primary_email
from ..kit.writing import WriteHelpers
from ..records import ApplicationRecord, CandidateRecord, Resource
from ..writes import Actor, ApplicationInput, CandidateInput, StageMove
from . import payloads as p
from .mapping import CANDIDATE, by_person, person

R = Resource

WRITES_NOT_OFFERED: Final = (
    "Writes: `createApplication` applies an existing candidate (`candidateId`, an e-mail "
    "address) to a job: its first and last name, e-mail, phone and LinkedIn URL are read from its "
    "applications (the kept people table) and sent on the new one; or a new one given inline "
    "(`candidate`: first and last name and an e-mail required, a phone and a LinkedIn URL "
    "taken), in the same one request, since Pinpoint makes a person only with an application. "
    "No `stageId`, `source` or `answers` (answers are sideposted by question id, and the job's "
    "questions are not read).",
    "Writes: `moveApplicationStage` is `PUT /applications/{id}` with the `stage` relationship. "
    "Rejecting and hiring (a move to the job's `rejected` / `hired` stage, with a rejection tag) "
    "and unrejecting are not offered: no request sets the rejection tag or clears `rejected_at` "
    "in the sources read.",
    "Writes: `addNote` (`POST /comments` on the application), `uploadAttachment`, "
    "`updateCandidate` and the tag mutations target a candidate, whose id is the person's "
    "e-mail address: the audit line of every write names its target id, and it must name no "
    "personal data, so none of them is offered. `createCandidate`: Pinpoint has no candidate "
    "without an application (talent-pool job seekers are not read).",
)


class PinpointWrites(WriteHelpers, HttpAdapter):
    write_fields: ClassVar[Mapping[str, frozenset[str]]] = {
        "create_application": frozenset({"jobId", "candidateId", "candidate", "onDuplicateCandidate"}),
    }
    # the person is made with the application (schema applications_attributes requires these)
    inline_candidate_fields: ClassVar[frozenset[str] | None] = frozenset(
        {"firstName", "lastName", "emails", "phones", "urls"}
    )
    inline_candidate_required: ClassVar[frozenset[str]] = frozenset({"firstName", "lastName", "emails"})
    write_error_fields: ClassVar[Mapping[str, str]] = {
        # the last segment of a JSON:API error's ``source.pointer`` -> the input field
        "job": "jobId",
        "stage": "stageId",
        "email": "candidateId",
    }

    async def create_application(self, input: ApplicationInput, actor: Actor | None) -> ApplicationRecord:
        who: CandidateInput | CandidateRecord | None = input.candidate  # a new person, made with it
        if who is None:
            docs = (await self.people()).get(person(input.candidate_id or "") or "")
            if not docs:
                raise self.refused("input.candidateId", "there is no such Pinpoint candidate")
            who = CANDIDATE.read(docs[0].data)
        job = {"job": to_one("jobs", input.job_id)}
        body = resource_doc("applications", attributes=_person(who), relationships=job)
        return await self._send("POST", "/applications", body, "application")

    async def move_application_stage(self, input: StageMove, actor: Actor | None) -> ApplicationRecord:
        path = self.id_path(R.APPLICATION, "/applications/{id}", input.application_id, "input.applicationId")
        stage = {"stage": to_one("stages", input.stage_id)}
        body = resource_doc("applications", input.application_id, relationships=stage)
        return await self._send("PUT", path, body, "stage move")

    # -- helpers -------------------------------------------------------------------------------
    async def people(self) -> dict[str, list[Any]]:
        """Every application, grouped by its candidate (first-seen order; kept): the
        candidates' table, which a write's answer updates (:meth:`_keep`)."""
        return await derived_table(self, "people", self.endpoints(R.APPLICATION), by_person, R.CANDIDATE)

    async def _send(self, method: str, path: str, body: Any, what: str) -> ApplicationRecord:
        """One write, one attempt; the answer's application, kept in the people table so that
        candidates read it at once."""
        answer = await self.send(
            method, path, body, R.APPLICATION, "create" if method == "POST" else "update"
        )
        record, doc = self.written(R.APPLICATION, answer, what)
        self._keep(doc)
        return cast("ApplicationRecord", record)

    def _keep(self, doc: p.ApplicationDoc) -> None:
        """The kept people table (``PinpointAdapter.people``) takes the application as it now is."""
        kept = cast("dict[str, list[Any]] | None", self.tables.peek("people"))
        who = person(doc.data.attributes.email)
        if kept is None or who is None:
            return
        # gone from another person, had the e-mail changed
        fresh = {k: [d for d in docs if k == who or d.data.id != doc.data.id] for k, docs in kept.items()}
        mine = fresh.setdefault(who, [])
        at = next((n for n, d in enumerate(mine) if d.data.id == doc.data.id), None)
        if at is None:
            mine.append(doc)
        else:  # in place: the first gives the fields
            mine[at] = doc
        self.tables.put("people", {k: docs for k, docs in fresh.items() if docs})


def _person(who: CandidateInput | CandidateRecord) -> dict[str, Any]:
    """The person's fields Pinpoint keeps on each application (names as in the request example)."""
    out: dict[str, Any] = {
        "first_name": who.first_name,
        "last_name": who.last_name,
        "email": primary_email(who.emails),
    }
    if who.phones:
        out["phone"] = who.phones[0].number
    linkedin = next((u.url for u in who.urls if u.type == "linkedin"), None)
    if linkedin:
        out["linkedin_url"] = linkedin
    return out
