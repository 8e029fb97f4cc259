"""The simulator's write endpoints, applied to the sandbox by its own writer
(``providers/sandbox/writes.py``) so that a write through the adapter reads back.

The first write forks the dataset (a shared one is never written). ``POST /candidates`` takes
the recorded body (``{"candidate": {"emails", "name"}, "offers": [id]}``), puts the candidate
and one application per offer (the offer's first stage), and answers as a candidate read by id
does, which is the recorded answer's shape. ``PATCH /bulk/candidates/tags`` adds the tags to
every candidate named; its answer was not recorded (the adapter reads the candidate back), so
it answers an empty object. Recruitee's status codes for a refusal were not recorded either: a
body that is not the recorded shape is a 400, an unknown offer or candidate a 422 (nothing is
changed then), the kit's error body.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ...errors import WriteRefused
from ...records import EmailAddress, Resource
from ...sandbox.writes import SandboxWriter
from ...writes import ApplicationInput, CandidateInput, TagChange

if TYPE_CHECKING:
    from . import _Api

R = Resource


class Writes:
    def __init__(self, api: _Api) -> None:
        self.api = api

    def routes(self) -> list[tuple[str, str, Any]]:
        return [("POST", "/candidates", self.create), ("PATCH", "/bulk/candidates/tags", self.tags)]

    def _writer(self) -> SandboxWriter:
        if not self.api.data.writable:
            self.api.data = self.api.data.fork()
        return SandboxWriter(self.api.data, "recruitee", "simulator")

    async def _body(self, request: Request) -> dict[str, Any]:
        try:
            body = json.loads(await request.body() or b"null")
        except json.JSONDecodeError:
            return {}
        return body if isinstance(body, dict) else {}

    def _sandbox_ids(self, resource: Resource, numbers: Any) -> list[str] | None:
        """The sandbox ids of Recruitee ids (None: not a list of ids, or one unknown)."""
        if not isinstance(numbers, list) or not all(type(n) is int for n in numbers):
            return None
        found = [self.api.sandbox_id(resource, n) for n in numbers]
        return None if None in found else [f for f in found if f]

    async def create(self, request: Request) -> Response:
        body = await self._body(request)
        given, offers = body.get("candidate"), body.get("offers", [])
        if not isinstance(given, dict):
            return self.api.server.fail(400)
        name, emails = given.get("name"), given.get("emails", [])
        if not isinstance(name, str) or not name.strip() or not isinstance(emails, list):
            return self.api.server.fail(400)
        if not all(isinstance(e, str) and e for e in emails):
            return self.api.server.fail(400)
        jobs = self._sandbox_ids(R.JOB, offers)
        if jobs is None or len(set(jobs)) < len(jobs):  # a second offer of a job: refused before writing
            return self.api.server.fail(422)
        person = CandidateInput(first_name=name.strip(), emails=tuple(EmailAddress(email=e) for e in emails))
        writer = self._writer()
        try:
            if not jobs:
                candidate_id = writer.create_candidate(person).id
            else:  # the candidate lands with its first application: one change set
                first = writer.create_application(ApplicationInput(jobs[0], candidate=person))
                candidate_id = first.candidate_id or ""
                for job in jobs[1:]:
                    writer.create_application(ApplicationInput(job, candidate_id=candidate_id))
        except WriteRefused:
            return self.api.server.fail(422)
        return self.api.detail(candidate_id)

    async def tags(self, request: Request) -> Response:
        body = await self._body(request)
        tags = body.get("tags")
        if not isinstance(tags, list) or not tags or not all(isinstance(t, str) and t for t in tags):
            return self.api.server.fail(400)
        candidates = self._sandbox_ids(R.CANDIDATE, body.get("candidates"))
        if not candidates:
            return self.api.server.fail(422)
        writer = self._writer()
        for candidate in candidates:
            writer.change_tags(TagChange(candidate, tuple(tags)), add=True)
        return JSONResponse({})
