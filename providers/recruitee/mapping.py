"""Recruitee answers to unified records, as data (``kit/mapping.py``).

Identity: Recruitee ids are numbers, kept as their decimal strings. An application is a
*placement* inside its candidate, with no endpoint of its own, so its id is
``<candidate id>-<placement id>`` (:func:`application_id`): unique, one path segment, and it
names the candidate whose answer holds it. A tag is its name, and so is a reject reason:
``disqualify_reason`` is free text on the placement (the account's reason label), with no
reason id on the wire. The candidate's CV is its one attachment, ``<candidate id>-cv``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ..kit.embeds import carried
from ..kit.mapping import At, Ctx, Fn, RecordMap, Ref, Table, Wire, fn
from ..kit.tags import tag_names_at
from ..kit.times import iso_z
from ..records import (
    ApplicationRecord,
    AttachmentRecord,
    AttachmentType,
    CandidateRecord,
    EmailAddress,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    PhoneNumber,
    Record,
    RejectReasonRecord,
    Resource,
    Source,
    TagRecord,
)
from . import payloads as p

R = Resource

JOB_STATUS: Final[Mapping[str, JobStatus]] = {
    "internal": JobStatus.OPEN,  # open to internal applicants only
    "published": JobStatus.OPEN,  # after "internal": what an open job is rendered as
    "draft": JobStatus.DRAFT,
    "closed": JobStatus.CLOSED,
    "archived": JobStatus.ARCHIVED,
}
"""An offer's ``status`` ("published" and "internal" are recorded; the others are Recruitee's
job states as its app names them, unverified on the wire: unknown words stay raw)."""


def application_id(candidate_id: str, placement_id: str) -> str:
    return f"{candidate_id}-{placement_id}"


def candidate_of(record_id: str) -> str | None:
    """The candidate an application or attachment id names (None: not such an id)."""
    head, dash, _ = record_id.partition("-")
    return head if dash and head else None


def _stamps() -> dict[str, At]:
    return {"created_at": At("created_at", iso_z), "updated_at": At("updated_at", iso_z)}


def _cv_ids(c: p.Candidate) -> tuple[str, ...] | None:
    """The CV's id; None on a list item, which has no CV keys (not known, not absent)."""
    if "cv_url" not in c.raw and "cv_original_url" not in c.raw:
        return None
    return (f"{c.id}-cv",) if c.cv_original_url or c.cv_url else ()


CANDIDATE: Final = RecordMap(
    CandidateRecord,
    {
        "id": Ref("id", resource=R.CANDIDATE),
        "name": At("name"),
        "emails": fn(
            lambda c: tuple(EmailAddress(email=e, is_primary=i == 0) for i, e in enumerate(c.emails)),
            lambda r, _w: {"emails": [e.email for e in sorted(r.emails, key=lambda e: not e.is_primary)]},
        ),
        "phones": fn(
            lambda c: tuple(PhoneNumber(number=n) for n in c.phones),
            lambda r, _w: {"phones": [n.number for n in r.phones]},
        ),
        # only a candidate read by id carries its tags: None (not known) on a list item
        "tag_ids": tag_names_at("tags"),
        "application_ids": fn(lambda c: tuple(application_id(c.id, x.id) for x in c.placements)),
        "attachment_ids": fn(_cv_ids),
        "last_interaction_at": At("last_activity_at", iso_z),  # rendered with the CV (``RESUME``)
        **_stamps(),
    },
    template={"example": False, "followed": False, "notes_count": 0, "source": None, "referrer": None},
)


def _reason_back(a: Any, w: Wire) -> dict[str, Any]:
    if a.reject_reason_id is None:
        return {}
    return {"disqualify_reason": w.ctx["reason_name"](a.reject_reason_id), "disqualify_kind": "admin"}


APPLICATION: Final = RecordMap(
    ApplicationRecord,
    {
        # a placement is read with its candidate in the context (``applications``)
        "id": Fn(
            lambda x, c: application_id(c["candidate"].id, x.id),
            lambda a, w: {"id": w.encode(R.APPLICATION, a.id)},
        ),
        "candidate_id": Ref("candidate_id", resource=R.CANDIDATE),
        "job_id": Ref("offer_id", resource=R.JOB),
        "current_stage_id": Ref("stage_id", resource=R.JOB_INTERVIEW_STAGE),
        "reject_reason_id": fn(lambda x: x.disqualify_reason or None, _reason_back),
        "applied_at": At("created_at", iso_z),
        "source": Fn(lambda _x, c: Source(name=c["candidate"].source) if c["candidate"].source else None),
        **_stamps(),
    },
    template={"hired_at": None, "hired_by_id": None, "language": None, "ratings": {}},
)

JOB: Final = RecordMap(
    JobRecord,
    {
        "id": Ref("id", resource=R.JOB),
        "name": At("title"),
        "status": Table("status", JOB_STATUS, JobStatus.OTHER, raw="raw_status"),
        "department_ids": fn(
            lambda o: (o.department_id,) if o.department_id else (),
            lambda j, w: {
                "department_id": w.encode(R.DEPARTMENT, j.department_ids[0]) if j.department_ids else None
            },
        ),
        # free text ("Remote job", "New York, United States"): no location id on the wire
        "locations": fn(
            lambda o: (o.location,) if o.location else (),
            lambda j, _w: {"location": j.locations[0] if j.locations else None},
        ),
    },
    template={"kind": "job", "lang_code": "en"},
)

STAGE: Final = RecordMap(
    JobInterviewStageRecord,
    {
        "id": Ref("id", resource=R.JOB_INTERVIEW_STAGE),
        "name": At("name"),
        "position": At("position"),
        # a stage reference names no offer: its job is that of the placement in it
        "job_id": Fn(lambda s, c: c.get("job_of", {}).get(s.id)),
        **_stamps(),
    },
    template={"type": "Stage", "locked": False},
)

TAG: Final = RecordMap(TagRecord, {"id": fn(str), "name": fn(str)})
"""A tag is a name in a candidate's ``tags``: the name is its id."""

REJECT_REASON: Final = RecordMap(RejectReasonRecord, {"id": fn(str), "name": fn(str)})
"""A reject reason is a placement's ``disqualify_reason`` text: the text is its id."""

RESUME: Final = RecordMap(
    AttachmentRecord,
    {
        "id": fn(lambda c: f"{c.id}-cv"),
        "candidate_id": Ref("id", resource=R.CANDIDATE),
        "file_url": fn(
            lambda c: c.cv_original_url or c.cv_url,
            lambda a, _w: {"cv_url": a.file_url, "cv_original_url": a.file_url},
        ),
        "attachment_type": Fn(lambda _c, _x: AttachmentType.RESUME),
    },
)
"""The CV of a candidate read by id (``cv_original_url``: the file as uploaded)."""


# -- reads of one candidate answer (``kit/resources.py`` ``read`` and ``embeds``) -------------


def candidate(doc: p.CandidateDoc, ctx: Ctx) -> Record:
    return CANDIDATE.read(doc.candidate, ctx)


def applications(doc: p.CandidateDoc, ctx: Ctx) -> list[Record]:
    return [APPLICATION.read(x, {"candidate": doc.candidate}) for x in doc.candidate.placements]


def references(doc: p.CandidateDoc, ctx: Ctx) -> list[Record]:
    """The offers and stages the answer's references carry, and the reasons its placements
    name: all complete, so the loaders need not read them."""
    reasons = {x.disqualify_reason for x in doc.candidate.placements if x.disqualify_reason}
    return [
        *(JOB.read(o) for o in doc.offers),
        *stages(doc),
        *(REJECT_REASON.read(r) for r in sorted(reasons)),
    ]


def stages(doc: p.CandidateDoc) -> list[JobInterviewStageRecord]:
    job_of = {x.stage_id: x.offer_id for x in doc.candidate.placements if x.stage_id}
    return [STAGE.read(s, {"job_of": job_of}) for s in doc.stages]


tags: Final = carried(TAG, "candidate.tags", key=None)


def resume(doc: p.CandidateDoc, _ctx: Ctx) -> list[Record]:
    c = doc.candidate
    return [RESUME.read(c)] if c.cv_original_url or c.cv_url else []
