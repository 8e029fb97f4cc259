"""Sandbox records as Pinpoint JSON:API objects: the adapter's mappings inverted
(``RecordMap.render``), ids as Pinpoint numbers. An application carries its candidate's person
fields (Pinpoint has no candidate of its own), so every sandbox candidate (each has at least one
application and its own e-mail) is listed again, by e-mail, from the applications."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ...kit.mapping import Json, Wire, merge_into
from ...kit.simparts import EncodedIds, declared_maps, resource_of, sandbox_number
from ...records import (
    ActivityType,
    ApplicationRecord,
    CandidateRecord,
    InterviewRecord,
    JobRecord,
    Record,
    RejectReasonRecord,
    Resource,
)
from ..adapter import PinpointAdapter
from ..mapping import (
    ACTIVITY,
    APPLICATION,
    ATTACHMENT,
    CANDIDATE,
    STAGE,
    person,
)

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
MAPS: Final = declared_maps(PinpointAdapter.resources)


def number(sandbox_id: str) -> str:
    """A sandbox id's Pinpoint id: its number (``app_000042`` -> ``42``)."""
    return str(sandbox_number(sandbox_id))


class Renderer:
    def __init__(self, dataset: Dataset) -> None:
        self.data = dataset
        self.reasons = {
            r.id: r.name or r.id
            for r in dataset.records(R.REJECT_REASON)
            if isinstance(r, RejectReasonRecord)
        }
        self.wire = Wire(encode=self.encode)
        self.record = EncodedIds(dataset, self.encode).record
        """The sandbox record a Pinpoint id names (a candidate's: its e-mail, case-folded)."""

    def encode(self, resource: Resource, sandbox_id: str) -> str:
        if resource is R.REJECT_REASON:
            return self.reasons.get(sandbox_id, sandbox_id)
        if resource is R.CANDIDATE:
            found = self.data.get(R.CANDIDATE, sandbox_id)
            emails = found.emails if isinstance(found, CandidateRecord) else ()
            return person(emails[0].email if emails else None) or sandbox_id
        return number(sandbox_id)

    def notes(self) -> list[Record]:
        """The sandbox's notes (its e-mails and other activities are not Pinpoint comments)."""
        return [
            a for a in self.data.records(R.ACTIVITY) if getattr(a, "activity_type", None) is ActivityType.NOTE
        ]

    def application(self, app: ApplicationRecord, extra: set[str]) -> Json:
        out = APPLICATION.render(app, self.wire)
        candidate = self.data.get(R.CANDIDATE, app.candidate_id or "")
        if candidate is not None:
            merge_into(out, CANDIDATE.render(candidate, self.wire))
        attributes = out["attributes"]
        files = [self.data.get(R.ATTACHMENT, i) for i in app.attachment_ids or ()]
        attributes["attachments"] = [ATTACHMENT.render(f) for f in files if f is not None]
        for name in ("attachments", "tags"):  # extra fields: sent only when asked
            if name not in extra:
                attributes.pop(name, None)
        return out

    def object(self, record: Record, included: list[Json], include: str = "", extra: str = "") -> Json:
        """One resource object, and what ``include`` asks of it appended to ``included``."""
        if isinstance(record, ApplicationRecord):
            return self.application(record, set(extra.split(",")))
        out: Json = MAPS[resource_of(record)].render(record, self.wire)
        if isinstance(record, JobRecord):
            steps = self.data.children(R.JOB_INTERVIEW_STAGE, "job").get(record.id, ())
            out.setdefault("relationships", {})["stages"] = {
                "data": [{"type": "stages", "id": number(s.id)} for s in steps]
            }
            if "stages" in include.split(","):
                included += [STAGE.render(s, self.wire) for s in steps]
        if isinstance(record, InterviewRecord):
            self.parts(record, out, included)
        return out

    def parts(self, interview: InterviewRecord, out: Json, included: list[Json]) -> None:
        """An interview's one part per interviewer, each with its interviewing user."""
        key = number(interview.id)
        parts = [(f"{key}{n}", u) for n, u in enumerate(interview.interviewer_ids or ())]
        out["attributes"]["interviewable_id"] = number(interview.application_id or "0")
        out.setdefault("relationships", {})["interview_parts"] = {
            "data": [{"type": "interview_parts", "id": i} for i, _ in parts]
        }
        included += [
            {
                "id": i,
                "type": "interview_parts",
                "attributes": {"interview_id": key, "position": n + 1},
                "relationships": {"interviewing_users": {"data": [{"type": "users", "id": number(u)}]}},
            }
            for n, (i, u) in enumerate(parts)
        ]

    def comment(self, note: Any) -> Json:
        out = ACTIVITY.render(note, self.wire)
        candidate = self.data.get(R.CANDIDATE, note.candidate_id or "")
        apps = getattr(candidate, "application_ids", None) or ()
        # a comment on the candidate's first application (a sandbox note names the person)
        out["attributes"]["commentable_id"] = number(apps[0]) if apps else None
        return out
