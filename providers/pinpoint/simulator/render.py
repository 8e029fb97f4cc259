"""Sandbox records as Pinpoint JSON:API objects (``kit/jsonapi_serve.py``): the adapter's
mappings inverted (``RecordMap.render``), ids as Pinpoint numbers, every relationship's linkage
sent, an application's ``attachments`` and ``tags`` only when ``extra_fields`` asks. An
application carries its candidate's person fields (Pinpoint has no candidate of its own), so
every sandbox candidate (each has at least one application and its own e-mail) is listed
again, by e-mail, from the applications."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from ...kit.jsonapi_docs import to_many
from ...kit.jsonapi_serve import Documents, resource_of, sandbox_number
from ...kit.mapping import Json, RecordMap, merge_into
from ...records import ApplicationRecord, InterviewRecord, JobRecord, Record, Resource
from .. import mapping as m
from ..adapter import PARTS

R = Resource
number = sandbox_number
"""A sandbox id's Pinpoint id: its number (``app_000042`` -> ``42``)."""

MAPS: Final[dict[str, RecordMap[Any]]] = {
    found.template["type"]: found
    for found in (m.APPLICATION, m.JOB, m.STAGE, m.DEPARTMENT, m.OFFICE, m.USER, m.ACTIVITY, m.INTERVIEW)
}


class Renderer(Documents):
    maps = MAPS
    all_linkage = True
    extra_fields = {"applications": frozenset({"attachments", "tags"})}
    named = frozenset({R.REJECT_REASON})

    def encode(self, resource: Resource, sandbox_id: str) -> str:
        """A candidate is its e-mail (case-folded)."""
        if resource is not R.CANDIDATE:
            return super().encode(resource, sandbox_id)
        emails = getattr(self.data.get(resource, sandbox_id), "emails", None)
        return m.person(emails[0].email if emails else None) or sandbox_id

    def object(self, record: Record, kind: str | None = None) -> Json:
        """What the mappings do not render: an application's person and files, a job's stages,
        an interview's application and parts, the application a comment is on."""
        out = super().object(record, kind)
        if isinstance(record, ApplicationRecord):
            candidate = self.data.get(R.CANDIDATE, record.candidate_id or "")
            if candidate is not None:
                merge_into(out, m.CANDIDATE.render(candidate, self.wire))
            files = [self.data.get(R.ATTACHMENT, i) for i in record.attachment_ids or ()]
            out["attributes"]["attachments"] = [m.ATTACHMENT.render(f) for f in files if f is not None]
        elif isinstance(record, JobRecord):
            steps = self.data.children(R.JOB_INTERVIEW_STAGE, "job").get(record.id, ())
            out.setdefault("relationships", {})["stages"] = to_many("stages", [number(s.id) for s in steps])
        elif isinstance(record, InterviewRecord):
            out["attributes"]["interviewable_id"] = number(record.application_id or "0")
            out.setdefault("relationships", {})[PARTS] = to_many(PARTS, [p["id"] for p in self.parts(record)])
        elif resource_of(record) is R.ACTIVITY:
            candidate = self.data.get(R.CANDIDATE, getattr(record, "candidate_id", None) or "")
            apps = getattr(candidate, "application_ids", None) or ()
            # a comment on the candidate's first application (a sandbox note names the person)
            out["attributes"]["commentable_id"] = number(apps[0]) if apps else None
        return out

    def parts(self, record: Record) -> Sequence[Json]:
        """An interview's one part per interviewer, each with its interviewing user."""
        if not isinstance(record, InterviewRecord):
            return ()
        key = number(record.id)
        return [
            {
                "id": f"{key}{n}",
                "type": PARTS,
                "attributes": {"interview_id": key, "position": n + 1},
                "relationships": {"interviewing_users": to_many("users", [number(u)])},
            }
            for n, u in enumerate(record.interviewer_ids or ())
        ]
