"""Pure mapping from Workable payloads to unified records, plus the value tables.

Workable's entity model (see ``shared/fixtures/providers/MAPPING-wave1.md``): a *candidate* is
job-scoped, so one Workable candidate is both a unified Candidate and its one Application, with
the same id. Jobs are identified by ``shortcode``. Pipeline stages are per job and named by a
slug, so a JobInterviewStage id is ``"<shortcode>:<slug>"`` (see ``stage_id``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from ..kit.embeds import carried
from ..kit.fieldspecs import Negated, pair_id, split_pair
from ..kit.mapping import At, Ctx, Fn, RecordMap, Ref, Table, Wire, fn
from ..kit.people import email_at, phone_at, source_at
from ..kit.tags import tag_names_at
from ..kit.times import iso_z_seconds
from ..records import (
    ActivityRecord,
    ActivityType,
    ApplicationRecord,
    CandidateRecord,
    Compensation,
    DepartmentRecord,
    InterviewRecord,
    InterviewStatus,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    JobType,
    OfferRecord,
    OfferStatus,
    OrganizationRecord,
    Record,
    RejectReasonRecord,
    Resource,
    TagRecord,
    Url,
    UserRecord,
)
from .payloads import WorkableCandidate, WorkableJob, WorkableOffer

R = Resource

JOB_STATUS: Final[Mapping[str, JobStatus]] = {
    "published": JobStatus.OPEN,
    "closed": JobStatus.CLOSED,
    "draft": JobStatus.DRAFT,
    "archived": JobStatus.ARCHIVED,
}
"""``job.state`` (https://workable.readme.io/reference/jobs: draft, published, closed, archived)."""

JOB_TYPE: Final[Mapping[str, JobType]] = {
    "Full-time": JobType.FULL_TIME,
    "Part-time": JobType.PART_TIME,
    "Contract": JobType.CONTRACT,
    "Temporary": JobType.TEMPORARY,
    "Internship": JobType.INTERNSHIP,
}
"""``job.employment_type``; anything else ("Other", ...) is OTHER with the raw value."""

ACTIVITY_TYPE: Final[Mapping[str, ActivityType]] = {
    "comment": ActivityType.NOTE,
    "message": ActivityType.EMAIL,
}
"""``activity.action``: comments are notes, messages are e-mails exchanged through Workable;
stage moves, ratings, events, uploads... are OTHER with the raw action."""

OFFER_STATUS: Final[Mapping[str, OfferStatus]] = {
    "draft": OfferStatus.DRAFT,
    "approved": OfferStatus.APPROVED,
    "sent": OfferStatus.SENT,
    "accepted": OfferStatus.ACCEPTED,
    "declined": OfferStatus.DECLINED,
}
"""``offer.state``. The reference names 'accepted' and 'rejected'; 'rejected' (by whom?) has no
clear unified meaning and stays OTHER with the raw value."""


# Stage slugs repeat across jobs (every job has "applied"), so a stage's id carries its job's.
stage_id, split_stage_id = pair_id, split_pair


def ts_ms(value: datetime) -> str:
    """A timestamp as events, activities and offers carry it."""
    return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _member_ref(record: Record, wire: Wire, user_id: str, status: str | None = None) -> dict[str, Any]:
    """A member as events and activities name one (the simulator's ``member_name`` gives its name)."""
    out = {"id": wire.encode(R.USER, user_id), "name": wire.ctx["member_name"](user_id), "type": "Member"}
    return {**out, "status": status} if status is not None else out


@dataclass(frozen=True)
class Lookups:
    """Account data an application needs besides its candidate payload (read by the adapter).

    ``stages`` maps a job shortcode to {stage name or slug: slug}; ``reasons`` maps a
    disqualification reason's text to its id (``GET /disqualification_reasons``).
    """

    stages: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    reasons: Mapping[str, str] = field(default_factory=dict)

    def current_stage_id(self, p: WorkableCandidate) -> str | None:
        if p.job is None or p.stage is None:
            return None
        slug = self.stages.get(p.job.shortcode, {}).get(p.stage)
        return stage_id(p.job.shortcode, slug) if slug else None

    def reject_reason_id(self, p: WorkableCandidate) -> str | None:
        if not p.disqualified or p.disqualification_reason is None:
            return None
        return self.reasons.get(p.disqualification_reason)


def stage_keys(stages: list[JobInterviewStageRecord]) -> dict[str, str]:
    """{name or slug: slug} for one job's stages: candidates name their stage (by name in the
    recordings, by slug per the reference), the slug is what the id carries."""
    slugs = [(s.name, s.id.partition(":")[2]) for s in stages]
    keys = {name: slug for name, slug in slugs if name}
    keys.update({slug: slug for _, slug in slugs})
    return keys


def _lookups(ctx: Ctx) -> Lookups:
    found: Lookups = ctx.get("lookups", Lookups())
    return found


# -- candidates and applications (the same Workable record) ------------------------------
_ID = Ref("id", resource=R.APPLICATION)  # a Workable candidate is a sandbox application
_CREATED, _UPDATED = At("created_at", iso_z_seconds), At("updated_at", iso_z_seconds)

CANDIDATE: Final = RecordMap(
    CandidateRecord,
    {
        "id": _ID,
        "first_name": At("firstname"),
        "last_name": At("lastname"),
        "name": At("name"),
        "title": At("headline"),
        "locations": fn(
            lambda p: tuple(
                dict.fromkeys(x for x in (p.address, p.location.location_str if p.location else None) if x)
            ),
            lambda c, _w: {
                "address": (first := next(iter(c.locations), None)),
                "location": {"location_str": first},
            },
        ),
        "phones": phone_at("phone"),
        "emails": email_at("email"),
        "urls": fn(
            lambda p: tuple(Url(url=s.url, type=s.type) for s in p.social_profiles or () if s.url),
            lambda c, _w: {
                "social_profiles": [{"type": u.type, "name": u.type, "url": u.url} for u in c.urls]
            },
        ),
        "tag_ids": tag_names_at("tags"),
        "application_ids": fn(lambda p: (p.id,)),
        "created_at": _CREATED,
        "updated_at": _UPDATED,
    },
)

APPLICATION: Final = RecordMap(
    ApplicationRecord,
    {
        "id": _ID,
        "candidate_id": fn(lambda p: p.id),
        "job_id": Ref("job.shortcode", resource=R.JOB),
        # A Workable candidate is created when the person enters the job's pipeline.
        "applied_at": At("created_at", iso_z_seconds),
        "rejected_at": fn(
            lambda p: p.disqualified_at if p.disqualified else None,
            lambda a, _w: {"disqualified_at": a.rejected_at and iso_z_seconds(a.rejected_at)},
        ),
        "source": source_at("common_source"),
        # The member who uploaded/sourced the candidate (detail payload only).
        "credited_to_id": Ref("uploader_id", resource=R.USER),
        # the simulator's ``stage`` and ``reason`` give a stage's name and kind, a reason's name
        "current_stage_id": Fn(
            lambda p, ctx: _lookups(ctx).current_stage_id(p), lambda a, w: w.ctx["stage"](a.current_stage_id)
        ),
        "reject_reason_id": Fn(
            lambda p, ctx: _lookups(ctx).reject_reason_id(p), lambda a, w: w.ctx["reason"](a)
        ),
        "created_at": _CREATED,
        "updated_at": _UPDATED,
    },
    template=dict.fromkeys(("hired_at", "moved_to_offer_at", "domain", "outlet", "common_source_category"))
    | {"anonymized": False},
)


TAG: Final = RecordMap(TagRecord, {"id": fn(str), "name": fn(str)})
"""Workable tags are bare names on the candidate detail: the name is the id."""
tags_of: Final = carried(TAG, "tags", key=None)
"""The tags a candidate detail lists (a listed candidate lists none)."""


# -- jobs ---------------------------------------------------------------------------------
def _job_locations(p: WorkableJob) -> tuple[str, ...]:
    out: list[str] = []
    for entry in p.locations:
        parts = [x for x in (entry.city, entry.subregion, entry.country_name) if x]
        out.append(", ".join(dict.fromkeys(parts)))
    if not out and p.location is not None:
        loc = p.location
        parts = [x for x in (loc.city, loc.region, loc.country) if x]
        out.append(loc.location_str or ", ".join(dict.fromkeys(parts)))
    return tuple(dict.fromkeys(x for x in out if x))


def _job_department_ids(p: WorkableJob) -> tuple[str, ...]:
    # department_hierarchy lists the job's department with its ancestors.
    named = [d.id for d in p.department_hierarchy if d.name == p.department]
    if named:
        return (named[-1],)
    return (p.department_hierarchy[-1].id,) if p.department_hierarchy else ()


def _is_remote(p: WorkableJob) -> bool | None:
    workplace = p.workplace_type or (p.location.workplace_type if p.location else None)
    if workplace is not None:
        return workplace == "remote"
    return p.location.telecommuting if p.location else None


def _compensation(p: WorkableJob) -> Compensation | None:
    salary = p.salary
    if salary is None or (salary.salary_from, salary.salary_to) == (None, None):
        return None
    currency = salary.salary_currency.upper() if salary.salary_currency else None
    return Compensation(min=salary.salary_from, max=salary.salary_to, currency=currency)


def _posting_urls(p: WorkableJob) -> tuple[Url, ...]:
    urls = (("job_page", p.url), ("application_form", p.application_url), ("shortlink", p.shortlink))
    return tuple(Url(url=u, type=t) for t, u in urls if u)


def _salary_back(j: Any, wire: Wire) -> dict[str, Any]:
    comp = j.compensation
    if comp is None:
        return {}
    whole = [int(v) if v is not None else None for v in (comp.min, comp.max)]
    currency = comp.currency.lower() if comp.currency else None
    return {"salary": {"salary_from": whole[0], "salary_to": whole[1], "salary_currency": currency}}


def _urls_back(j: Any, wire: Wire) -> dict[str, Any]:
    urls = [u.url for u in j.job_posting_urls] + [None, None, None]
    return {"url": urls[0], "application_url": urls[1], "shortlink": urls[2]}


def _remote_back(j: Any, wire: Wire) -> dict[str, Any]:
    workplace = "remote" if j.is_remote else "on_site"
    where = {"telecommuting": bool(j.is_remote), "workplace_type": workplace}
    return {"workplace_type": workplace, "location": where}


JOB: Final = RecordMap(
    JobRecord,
    {
        "id": Ref("shortcode", resource=R.JOB),
        "name": At("title"),
        "description": At("full_description"),
        "code": At("code"),
        "status": Table("state", JOB_STATUS, JobStatus.OTHER, raw="raw_status"),
        "locations": fn(_job_locations),  # rendered by the simulator (location entries)
        "job_posting_urls": fn(_posting_urls, _urls_back),
        "confidential": fn(lambda p: p.confidential, lambda j, _w: {"confidential": bool(j.confidential)}),
        "department_ids": fn(_job_department_ids),  # rendered by the simulator (the hierarchy)
        "is_remote": fn(_is_remote, _remote_back),
        "job_type": Table("employment_type", JOB_TYPE, JobType.OTHER, raw="raw_job_type"),
        "job_position_level": At("experience"),
        "compensation": fn(_compensation, _salary_back),
        "created_at": _CREATED,
        "updated_at": _UPDATED,
    },
    template={"salary": None, "keywords": None, "sample": False},
)


# -- the rest -----------------------------------------------------------------------------
DEPARTMENT: Final = RecordMap(
    DepartmentRecord,
    {
        "id": Ref("id", resource=R.DEPARTMENT),
        "name": At("name"),
        "parent_id": Ref("parent_id", resource=R.DEPARTMENT),
    },
    template={"sample": False},
)

USER: Final = RecordMap(
    UserRecord,
    {
        "id": Ref("id", resource=R.USER),
        "name": At("name"),
        "emails": email_at("email"),
        "disabled": Negated("active"),
        "access_role": fn(
            lambda p: p.role,
            lambda u, _w: {"role": u.access_role, "roles": [f"ats.{u.access_role}"] if u.access_role else []},
        ),
    },
    template={
        "headline": None,
        "type": "Member",
        "hris_role": None,
        "collaboration_rules": [],
        "hris_member_scope": None,
    },
)

REJECT_REASON: Final = RecordMap(
    RejectReasonRecord,
    {"id": Ref("id", resource=R.REJECT_REASON), "name": At("description")},
    template={"candidate_withdrew": False},
)

ORGANIZATION: Final = RecordMap(
    OrganizationRecord,
    {"id": Ref("id", resource=R.ORGANIZATION), "name": At("name")},
    template={"description": None, "summary": None, "website_url": None},
)


def _conference_back(i: Any, wire: Wire) -> dict[str, Any]:
    if i.location and i.location.startswith(("http://", "https://")):
        return {"conference": {"type": "zoom_meeting", "id": 1, "url": i.location}}
    return {}


INTERVIEW: Final = RecordMap(
    InterviewRecord,
    {
        "id": Ref("id", resource=R.INTERVIEW),
        # the event's candidate is job-scoped: it is also the application
        "candidate_id": fn(lambda p: p.candidate.id if p.candidate else None),
        "application_id": fn(lambda p: p.candidate.id if p.candidate else None),  # rendered by the simulator
        "interviewer_ids": fn(
            lambda p: tuple(m.id for m in p.members),
            lambda i, w: {"members": [_member_ref(i, w, m, "accepted") for m in i.interviewer_ids]},
        ),
        "location": fn(lambda p: p.conference.url if p.conference else None, _conference_back),
        "start_at": At("starts_at", ts_ms),
        "end_at": At("ends_at", ts_ms),
        # Workable only says whether an event was cancelled: a live one is SCHEDULED.
        "status": fn(
            lambda p: (
                None
                if p.cancelled is None
                else (InterviewStatus.CANCELLED if p.cancelled else InterviewStatus.SCHEDULED)
            ),
            lambda i, _w: {"cancelled": i.status is InterviewStatus.CANCELLED},
        ),
    },
    template={"description": None, "type": "InterviewEvent"},
)

ACTIVITY: Final = RecordMap(
    ActivityRecord,
    {
        "id": Ref("id", resource=R.ACTIVITY),
        # a listed activity has no ``candidate``: the one the listing is of
        "candidate_id": Fn(lambda p, ctx: p.candidate.id if p.candidate else ctx.get("candidate_id")),
        "actor_id": fn(
            lambda p: p.member.id if p.member else None,
            lambda a, w: {"member": _member_ref(a, w, a.actor_id)} if a.actor_id else {},
        ),
        "activity_type": Table("action", ACTIVITY_TYPE, ActivityType.OTHER, raw="raw_activity_type"),
        "body": At("body"),
        "created_at": At("created_at", ts_ms),
        "updated_at": At("updated_at", ts_ms),
    },
    template={"stage_name": None, "action_stage": None, "target_stage": None},
)


_OF_CANDIDATE = Fn(lambda _p, ctx: ctx["id"])
OFFER: Final = RecordMap(
    OfferRecord,
    {
        # The candidate's latest offer has no id of its own: it takes the candidate's.
        "id": _OF_CANDIDATE,
        "candidate_id": _OF_CANDIDATE,
        "application_id": _OF_CANDIDATE,
        "status": Table("state", OFFER_STATUS, OfferStatus.OTHER, raw="raw_status"),
        "created_at": At("created_at", ts_ms),
    },
    template={"document_variables": [], "documents": []},
)
"""``GET /candidates/{id}/offer`` (``id``: the candidate's)."""


def offer_of(p: WorkableOffer, ctx: Ctx) -> list[OfferRecord]:
    """A candidate without an offer answers with its ``candidate`` key alone: no record."""
    return [OFFER.read(p, ctx)] if p.state is not None or p.created_at is not None else []


STAGE: Final = RecordMap(
    JobInterviewStageRecord,
    {
        "id": Fn(lambda p, ctx: stage_id(ctx["parent"], p.slug)),  # rendered by the simulator
        "name": At("name"),
        "job_id": Fn(lambda _p, ctx: ctx["parent"]),
        "position": At("position"),
    },
)
"""A stage of one job's pipeline (``GET /jobs/{shortcode}/stages``; ``parent``: the shortcode)."""
