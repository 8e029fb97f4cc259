"""Recruitee's writes, through the two write endpoints the sources show a client calling
(``shared/fixtures/providers/recruitee/``, from flaskats' ``repository.py``):

- ``POST /candidates`` ``{"candidate": {"emails": [...], "name": ...}, "offers": [<offer id>]}``
  (``POST_candidates.request.shape.json``), answered ``{"candidate": {...}, "references":
  [...]}`` (``POST_candidates.json``, the detail answer's shape): ``createCandidate`` without
  ``offers``, ``createApplication`` of a new candidate with the job as its one offer (the
  application is the answer's placement on that offer);
- ``PATCH /bulk/candidates/tags`` ``{"candidates": [<id>], "tags": [...]}``
  (``PATCH_bulk_candidates_tags.request.shape.json``), which adds the tags (flaskats marks
  candidates ``notified`` with it and reads the tag back among others). Its answer was not
  recorded, so the candidate is read back: 2 requests.

Ids are sent as Recruitee numbers. Writes are made as the token's user (Recruitee takes no
acting user). What is not offered, and why: ``WRITES_NOT_OFFERED``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Final, cast

from ..errors import ProviderError, WriteOutcomeUnknown, WriteRefused
from ..http import decode_json, parse
from ..kit.resources import get_records, read_payload
from ..records import ApplicationRecord, CandidateRecord, Resource
from ..writes import Actor, ApplicationInput, CandidateInput, TagChange
from . import payloads as p
from .mapping import stages

if TYPE_CHECKING:
    from .adapter import RecruiteeAdapter

R = Resource

WRITES_NOT_OFFERED: Final = (
    "Writes: `createCandidate` sends the recorded body, `name` (first and last name joined) and "
    "`emails`; phones, links, company, title, locations and tags are not in it and are not taken. "
    "`createApplication` is the same `POST /candidates` with the job in `offers`: a new inline "
    "candidate only (`onDuplicateCandidate: CREATE`, since Recruitee candidates cannot be found "
    "by e-mail here); applying an existing candidate has no recorded endpoint, nor have a "
    "start stage, source or answers.",
    "Writes: `addCandidateTags` is `PATCH /bulk/candidates/tags` (it adds), then one read of the "
    "candidate, whose answer was not recorded. `removeCandidateTags`, `updateCandidate`, stage "
    "moves, rejections (a placement's `disqualify_reason`), unrejections, hiring, notes and "
    "attachments have endpoints in the API reference's sidebar but no request body in the "
    "sources read: none is invented, so none is offered.",
)


class RecruiteeWrites:
    write_fields: ClassVar[Mapping[str, frozenset[str]]] = {
        "create_candidate": frozenset({"firstName", "lastName", "emails"}),
        "create_application": frozenset({"jobId", "candidate", "onDuplicateCandidate"}),
    }
    write_required: ClassVar[Mapping[str, frozenset[str]]] = {
        "create_candidate": frozenset({"firstName"}),
        "create_application": frozenset({"candidate"}),
    }

    async def create_candidate(self, input: CandidateInput, actor: Actor | None) -> CandidateRecord:
        answer = await self._post_candidate({"candidate": self._candidate_body(input, "input")})
        return cast("CandidateRecord", read_payload(self._me.endpoints(R.CANDIDATE), answer)[0])

    async def create_application(self, input: ApplicationInput, actor: Actor | None) -> ApplicationRecord:
        if input.candidate is None:  # the write path gives exactly one of the two
            raise self._refused("input.candidateId", "Recruitee applies a new candidate only")
        offer = self._number(input.job_id, "input.jobId", "offer")
        body = {"candidate": self._candidate_body(input.candidate, "input.candidate"), "offers": [offer]}
        answer = await self._post_candidate(body)
        found = [
            a
            for a in read_payload(self._me.endpoints(R.APPLICATION), answer)
            if isinstance(a, ApplicationRecord) and a.job_id == str(offer)
        ]
        if not found:
            why = f"the new candidate {answer.candidate.id} has no placement on offer {offer}"
            raise self._unknown("application", why)
        return found[0]

    async def add_candidate_tags(self, input: TagChange, actor: Actor | None) -> CandidateRecord:
        me = self._me
        candidate = self._number(input.candidate_id, "input.candidateId", "candidate")
        body = {"candidates": [candidate], "tags": list(dict.fromkeys(input.tags))}
        await me.upstream.request(
            "PATCH", "/bulk/candidates/tags", json=body, ctx=me.ctx(R.CANDIDATE, "update")
        )
        try:
            (found,) = await get_records(me, me.endpoints(R.CANDIDATE), [str(candidate)])
        except ProviderError as exc:
            raise self._unknown("tags", exc.message) from exc
        if not isinstance(found, CandidateRecord):
            raise self._unknown("tags", f"candidate {candidate} could not be read back")
        return found

    # -- helpers -------------------------------------------------------------------------------
    @property
    def _me(self) -> RecruiteeAdapter:
        return cast("RecruiteeAdapter", self)

    def _refused(self, field: str, message: str) -> WriteRefused:
        me = self._me
        return WriteRefused(message, provider=me.name, connection=me.connection.name, field=field)

    def _unknown(self, what: str, why: str) -> WriteOutcomeUnknown:
        """Accepted (a 2xx), but its result cannot be read: the client must check."""
        me = self._me
        message = f"Recruitee accepted the {what}, but its result could not be read ({why})"
        return WriteOutcomeUnknown(message, provider=me.name, connection=me.connection.name)

    def _number(self, value: str, field: str, what: str) -> int:
        if not value.isascii() or not value.isdigit():
            raise self._refused(field, f"'{value[:100]}' is not a Recruitee {what} id")
        return int(value)

    def _candidate_body(self, given: CandidateInput, where: str) -> dict[str, Any]:
        name = " ".join(n.strip() for n in (given.first_name, given.last_name) if n and n.strip())
        if not name:
            raise self._refused(f"{where}.firstName", "a Recruitee candidate needs a name")
        return {"emails": [e.email for e in given.emails], "name": name}

    async def _post_candidate(self, body: Any) -> p.CandidateDoc:
        """One ``POST /candidates``, one attempt (``UpstreamHttp.request`` never retries it)."""
        me = self._me
        ctx = me.ctx(R.CANDIDATE, "create")
        response = await me.upstream.request("POST", "/candidates", json=body, ctx=ctx)
        try:
            doc = cast("p.CandidateDoc", parse(p.CandidateDoc, decode_json(response, ctx), ctx))
        except ProviderError as exc:
            raise self._unknown("candidate", exc.message) from exc
        for stage in stages(doc):
            me.tables.put(f"stage:{stage.id}", stage)
        return doc
