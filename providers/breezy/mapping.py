"""Breezy HR answers to unified records, as data (``kit/mapping.py``).

Identity. Breezy's candidate lives in one position: it *is* the application. A person who
applied to two positions is two Breezy candidates, and Breezy's reference says nothing of
whether their ``_id`` is the same (the list's ``meta_id`` is sent but not explained). So
people are told apart by what the reference does document: two candidates are one person
when their ``email_address`` matches (case-insensitive), and, without an address, when their
``_id`` matches (:func:`person_key`). The person's id is the ``_id`` of their first candidate
(positions in the order listed, candidates in each position's order).

An application is ``<position id>-<candidate id>`` and a stage ``<position id>-<stage id>``
(a stage id is only unique within its pipeline); Breezy ids are hex, so the dash splits
them. A tag is its name, and a candidate's ``resume`` is the one attachment of its
application, ``<application id>-resume``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from ..kit.mapping import At, Fn, RecordMap, Table, Wire, fn
from ..kit.people import email_at, phone_at
from ..kit.times import iso_z
from ..records import (
    ApplicationRecord,
    AttachmentRecord,
    AttachmentType,
    CandidateRecord,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    Record,
    Resource,
    Source,
    TagRecord,
)
from . import payloads as p

R = Resource

JOB_STATUS: Final[Mapping[str, JobStatus]] = {
    "published": JobStatus.OPEN,
    "draft": JobStatus.DRAFT,
    "closed": JobStatus.CLOSED,
    "archived": JobStatus.ARCHIVED,
}
"""A position's ``state``: ``published`` is the documented filter value; the others are
Breezy's position states as its app names them, unverified on the wire (unknown words stay raw)."""


def composite(position_id: str, own_id: str) -> str:
    return f"{position_id}-{own_id}"


def person_key(c: p.Candidate) -> str:
    """What makes two position-scoped candidates one person (see the module docstring)."""
    return f"email:{c.email_address.strip().lower()}" if c.email_address else f"id:{c.id}"


def resume_ids(position_id: str, c: p.Candidate) -> tuple[str, ...]:
    return (f"{composite(position_id, c.id)}-resume",) if c.resume and c.resume.url else ()


def _id_back(resource: Resource) -> Fn:
    return fn(lambda x: x.id, lambda r, w: {"_id": w.encode(resource, r.id)})


_STAMPS: Final = {"created_at": At("creation_date", iso_z), "updated_at": At("updated_date", iso_z)}


Found = Sequence[tuple[str, p.Candidate]]
"""One person's candidates, each with its position id."""


CANDIDATE: Final = RecordMap(
    CandidateRecord,
    {
        "id": _id_back(R.CANDIDATE),
        "name": At("name"),
        "emails": email_at("email_address"),
        "phones": phone_at("phone_number"),
        # the person's candidates in every position they applied to (the context's ``found``)
        "tag_ids": Fn(
            lambda _c, ctx: tuple(dict.fromkeys(t for _, c in ctx["found"] for t in c.tags)),
            lambda r, w: {"tags": [w.ctx["tag_name"](t) for t in r.tag_ids or ()]},
        ),
        "application_ids": Fn(lambda _c, ctx: tuple(composite(pid, c.id) for pid, c in ctx["found"])),
        "attachment_ids": Fn(lambda _c, ctx: tuple(i for pid, c in ctx["found"] for i in resume_ids(pid, c))),
        "created_at": Fn(
            lambda _c, ctx: min((c.creation_date for _, c in ctx["found"] if c.creation_date), default=None)
        ),
        "updated_at": Fn(
            lambda _c, ctx: max((c.updated_date for _, c in ctx["found"] if c.updated_date), default=None)
        ),
    },
)
"""A person, read from their first candidate with all of them in the context (``found``)."""


def _stage_back(a: Any, w: Wire) -> dict[str, Any]:
    return {"stage": w.ctx["stage"](a.current_stage_id)} if a.current_stage_id else {"stage": None}


def _source_back(a: Any, _w: Wire) -> dict[str, Any]:
    s = a.source
    return {"source": {"id": s.id, "name": s.name, "type": "job_board"} if s else None}


APPLICATION: Final = RecordMap(
    ApplicationRecord,
    {
        # the context: the ``position`` it was read under and the ``person`` it belongs to
        "id": Fn(lambda c, ctx: composite(ctx["position"], c.id)),
        "candidate_id": Fn(lambda _c, ctx: ctx["person"]),
        "job_id": Fn(lambda _c, ctx: ctx["position"]),
        "current_stage_id": Fn(
            lambda c, ctx: composite(ctx["position"], c.stage.id) if c.stage and c.stage.id else None,
            _stage_back,
        ),
        "source": fn(
            lambda c: Source(id=c.source.id, name=c.source.name) if c.source and c.source.name else None,
            _source_back,
        ),
        "attachment_ids": Fn(lambda c, ctx: resume_ids(ctx["position"], c)),
        "applied_at": At("creation_date", iso_z),
        **_STAMPS,
    },
    template={"origin": "applied", "resume": None},
)

RESUME: Final = RecordMap(
    AttachmentRecord,
    {
        "id": Fn(lambda c, ctx: resume_ids(ctx["position"], c)[0]),
        "candidate_id": Fn(lambda _c, ctx: ctx["person"]),
        "application_id": Fn(lambda c, ctx: composite(ctx["position"], c.id)),
        "job_id": Fn(lambda _c, ctx: ctx["position"]),
        "file_name": At("resume.file_name"),
        "file_url": At("resume.url"),
        "attachment_type": Fn(lambda _c, _ctx: AttachmentType.RESUME),
    },
)
"""A candidate's ``resume`` (``url``; its ``pdf_url`` stays in ``remoteData``)."""

STAGE: Final = RecordMap(
    JobInterviewStageRecord,
    {
        "id": Fn(
            lambda s, ctx: composite(ctx["position"], s.id),
            lambda s, w: {"id": w.encode(R.JOB_INTERVIEW_STAGE, s.id)},
        ),
        "name": At("name"),
        "job_id": Fn(lambda _s, ctx: ctx["position"]),
    },
    template={"type": {"id": "custom", "name": "Custom", "icon": None}},
)
"""A candidate's ``stage`` (Breezy's pipelines answer has no shape in the pages found)."""

JOB: Final = RecordMap(
    JobRecord,
    {
        "id": _id_back(R.JOB),
        "name": At("name"),
        "status": Table("state", JOB_STATUS, JobStatus.OTHER, raw="raw_status"),
        "locations": fn(
            lambda x: (x.location.name,) if x.location and x.location.name else (),
            lambda j, _w: {"location": {"name": j.locations[0]} if j.locations else None},
        ),
        **_STAMPS,
    },
    template={"pipeline_id": None, "department": None},
)

TAG: Final = RecordMap(TagRecord, {"id": fn(str), "name": fn(str)})
"""A tag is a name in a candidate's ``tags``: the name is its id."""


def person(
    found: Found,
) -> tuple[CandidateRecord, list[ApplicationRecord], list[JobInterviewStageRecord], list[AttachmentRecord]]:
    """One person's candidate, applications, current stages and resumes, from all their candidates."""
    candidate = CANDIDATE.read(found[0][1], {"found": found})
    apps = [APPLICATION.read(c, {"position": pid, "person": candidate.id}) for pid, c in found]
    stages = [STAGE.read(c.stage, {"position": pid}) for pid, c in found if c.stage and c.stage.id]
    resumes = [
        RESUME.read(c, {"position": pid, "person": candidate.id}) for pid, c in found if resume_ids(pid, c)
    ]
    return candidate, apps, stages, resumes


@dataclass
class Account:
    """Everything the candidate lists hold, people told apart (see the module docstring)."""

    candidates: list[CandidateRecord] = field(default_factory=list)
    applications: list[ApplicationRecord] = field(default_factory=list)
    stages: list[JobInterviewStageRecord] = field(default_factory=list)
    resumes: list[AttachmentRecord] = field(default_factory=list)


def account_of(jobs: Sequence[JobRecord], lists: Sequence[Sequence[p.Candidate]]) -> Account:
    """The account from each position's candidates, in the positions' order."""
    people: dict[str, list[tuple[str, p.Candidate]]] = {}
    listed: dict[str, int] = {}
    for job, found in zip(jobs, lists, strict=True):
        for c in found:
            people.setdefault(person_key(c), []).append((job.id, c))
            listed.setdefault(composite(job.id, c.id), len(listed))
    out = Account()
    by_job = {j.id: j for j in jobs}

    def related(a: ApplicationRecord, stage_of: Mapping[str, Record]) -> tuple[Record, ...]:
        found = (by_job.get(a.job_id or ""), stage_of.get(a.current_stage_id or ""))
        return tuple(r for r in found if r is not None)

    for one in people.values():
        candidate, apps, stages, resumes = person(one)
        stage_of = {s.id: s for s in stages}
        # an application carries its position and stage, a candidate its applications too
        whole = [a.model_copy(update={"embedded": related(a, stage_of)}) for a in apps]
        embedded = (*whole, *(r for a in whole for r in a.embedded), *resumes)
        out.candidates.append(candidate.model_copy(update={"embedded": embedded}))
        out.applications += whole
        out.stages += stages
        out.resumes += resumes
    # applications in the order the positions list them, not grouped by person
    out.applications.sort(key=lambda a: listed[a.id])
    return out
