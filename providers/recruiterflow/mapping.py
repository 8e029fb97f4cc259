"""Recruiterflow payloads to unified records, as data (``kit/mapping.py``).

Identity: ids are Recruiterflow's numbers. An application has no id of its own (a candidate is
"in" jobs): it is ``<candidate>:<job>``. Stages are account-wide names (``job/stage_names``;
a candidate's job names its stage, a pipeline move names both ends), so a stage's id is its
name; a reject reason is the free text of a move to "Disqualified", so its id is that text.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from .. import records as rec
from ..kit import fieldspecs as fs
from ..kit.embeds import carried
from ..kit.mapping import At, Fn, Json, RecordMap, Table, Wire, fn
from ..kit.nested import Nested

R = rec.Resource
DISQUALIFIED: Final = "Disqualified"
"""The stage a rejected candidate is moved to (``job/stage_names``); the move carries the reason."""
PROFILES: Final = ("linkedin", "github", "twitter", "facebook", "behance", "dribbble", "xing", "angellist")
"""``<name>_profile``: a candidate's profile URLs."""
RECRUITER: Final = "Recruiter"
"""``hiring_team[].role`` of a job's recruiters (``role_id`` 2, recorded). No other role was
recorded, so hiring managers are not read (a member of another role stays in remoteData)."""

JOB_TYPE: Final[Mapping[str, rec.JobType]] = {
    "Full time": rec.JobType.FULL_TIME,
    "Part time": rec.JobType.PART_TIME,
    "Contract": rec.JobType.CONTRACT,
    "Internship": rec.JobType.INTERNSHIP,
    "Temporary": rec.JobType.TEMPORARY,
}
"""``employment_type``: the names of ``organization/employment-type/list`` (recorded)."""
ACTIVITY_TYPE: Final[Mapping[str, rec.ActivityType]] = {
    "Note": rec.ActivityType.NOTE,
    "Email": rec.ActivityType.EMAIL,
}
"""``type.name`` of an activity (``candidate/activity-type/list``); the rest is OTHER, kept raw."""


def ts(value: datetime) -> str:
    """A timestamp as Recruiterflow writes it (``2022-02-23T01:42:14+0000``)."""
    return value.strftime("%Y-%m-%dT%H:%M:%S%z")


CANDIDATE: Final = RecordMap(
    rec.CandidateRecord,
    {
        "id": fs.NumRef("id", resource=R.CANDIDATE),
        "first_name": At("first_name"),
        "last_name": At("last_name"),
        "name": At("name"),
        "emails": fs.email_list("email"),
        "phones": fs.phone_list("phone_number"),
        "urls": fs.Urls({k: f"{k}_profile" for k in PROFILES}, empty=None),
        "title": At("current_designation"),
        "company": At("current_organization"),
        "locations": fs.Single("location.location", empty=None),
        "can_email": fs.Negated("do_not_email"),
        "created_at": At("added_time", ts),
        "last_interaction_at": At("latest_activity_time", ts),
        # a candidate's applications are the jobs it is in, each rendered whole by the simulator
        "application_ids": Nested(
            "jobs", "application", many=True, read=lambda o: tuple(fs.pair_id(o.id, j.job_id) for j in o.jobs)
        ),
    },
    template={"prospect_type_id": 1, "tags": [], "files": [], "notes": [], "custom_fields": []},
)


APPLICATION: Final = RecordMap(
    rec.ApplicationRecord,
    {
        "id": Fn(lambda o, c: fs.pair_id(c["parent"], o.job_id)),
        "candidate_id": Fn(lambda _o, c: c["parent"]),
        "job_id": fs.NumRef("job_id", resource=R.JOB),
        "current_stage_id": fn(
            lambda o: o.stage_name,
            lambda a, w: {
                "stage_name": DISQUALIFIED
                if a.rejected_at
                else w.encode(R.JOB_INTERVIEW_STAGE, a.current_stage_id)
            },
        ),
        "applied_at": At("added_time", ts),
        "created_at": At("added_time", ts),
        # a move to "Disqualified" rejects: when it was moved there, and why
        "rejected_at": fn(
            lambda o: o.stage_moved if o.stage_name == DISQUALIFIED else None,
            lambda a, _w: {"stage_moved": ts(a.rejected_at or a.updated_at or a.applied_at)},
        ),
        "reject_reason_id": fn(
            lambda o: (o.disqualification_reason or None) if o.stage_name == DISQUALIFIED else None,
            lambda a, w: {
                "disqualification_reason": w.encode(R.REJECT_REASON, a.reject_reason_id)
                if a.reject_reason_id
                else ""
            },
        ),
        # the user who added the candidate to the job
        "credited_to_id": fs.NumRef("added_to_job_by.id", resource=R.USER),
    },
    template={"is_open": True, "starred": 0, "probability": 0},
)
"""One of a candidate's ``jobs`` (``candidate/list``), read under the candidate."""


def _disqualification(o: Any, key: str) -> Any:
    """``key`` of a pipeline entry's last move when that is to "Disqualified" (else None)."""
    last = o.stages[-1] if o.stages else None
    return getattr(last, key) if last is not None and last.to == DISQUALIFIED else None


def _moves_back(a: Any, w: Wire) -> Json:
    """A candidate's moves in a job: applied, to its stage, to "Disqualified" with the reason."""
    applied = a.applied_at or a.created_at
    moves = [{"from": None, "to": "Applied", "time": ts(applied) if applied else None}]
    if a.current_stage_id:
        stage = w.encode(R.JOB_INTERVIEW_STAGE, a.current_stage_id)
        moves.append(
            {"from": "Applied", "to": stage, "time": ts(a.updated_at or applied) if applied else None}
        )
    if a.rejected_at:
        reason = w.encode(R.REJECT_REASON, a.reject_reason_id) if a.reject_reason_id else ""
        moves.append(
            {"from": moves[-1]["to"], "to": DISQUALIFIED, "time": ts(a.rejected_at), "reason": reason}
        )
    return {"stages": moves}


PIPELINE_APPLICATION: Final = RecordMap(
    rec.ApplicationRecord,
    {
        "id": Fn(lambda o, c: fs.pair_id(o.candidate.id, c["parent"])),
        "candidate_id": fs.NumRef("candidate.id", resource=R.CANDIDATE),
        "job_id": Fn(lambda _o, c: c["parent"]),
        # the moves, rendered whole from the record (the other fields read them back)
        "current_stage_id": fn(lambda o: o.stages[-1].to if o.stages else None, _moves_back),
        "applied_at": fn(lambda o: o.stages[0].time if o.stages else None),
        "created_at": fn(lambda o: o.stages[0].time if o.stages else None),
        "rejected_at": fn(lambda o: _disqualification(o, "time")),
        "reject_reason_id": fn(lambda o: _disqualification(o, "reason") or None),
    },
    template={"candidate": {"id": None, "name": None}},
)
"""A candidate's moves in one job's pipeline (``job/pipeline?job_id=``), read under that job."""
pipeline_applications: Final = carried(PIPELINE_APPLICATION, "detail", key="candidate.id")

PIPELINE_STAGE: Final = RecordMap(
    rec.JobInterviewStageRecord,
    {
        "id": At("name"),
        "name": At("name"),
        "job_id": Fn(lambda _o, c: c["parent"]),
        "position": Fn(lambda _o, c: c["position"]),
    },
)
"""A stage of one job's pipeline (``summary``, in order), read under that job: its name is its id."""
pipeline_stages: Final = carried(PIPELINE_STAGE, "summary", key="name", index="position")

STAGE: Final = RecordMap(rec.JobInterviewStageRecord, {"id": fn(str), "name": fn(str)})
"""An account's stage: a name of ``job/stage_names``."""
REJECT_REASON: Final = RecordMap(rec.RejectReasonRecord, {"id": fn(str), "name": fn(str)})
"""A reject reason: the text of a move to "Disqualified"."""


def _recruiters(o: Any) -> tuple[str, ...]:
    return tuple(m.user_id for m in o.hiring_team if m.role == RECRUITER and m.user_id)


def _recruiters_back(j: Any, w: Wire) -> Json:
    team = [{"user_id": int(w.encode(R.USER, u)), "role": RECRUITER, "role_id": 2} for u in j.recruiter_ids]
    return {"hiring_team": team}


JOB: Final = RecordMap(
    rec.JobRecord,
    {
        "id": fs.NumRef("id", resource=R.JOB),
        "name": At("name"),
        "status": fn(
            lambda o: (
                None if o.is_open is None else rec.JobStatus.OPEN if o.is_open else rec.JobStatus.CLOSED
            ),
            lambda j, _w: {"is_open": j.status is rec.JobStatus.OPEN, "title": j.name},
        ),
        # the agency's own status of the job (``job-status/list``: Active, Won, Lost...)
        "raw_status": fn(lambda o: o.job_status.name if o.job_status else None),
        "job_type": Table("employment_type", JOB_TYPE, rec.JobType.OTHER, raw="raw_job_type"),
        "locations": fn(
            lambda o: tuple(o.locations),
            lambda j, w: {"locations": [w.ctx["office"](i) for i in j.office_ids]},
        ),
        # a job names its department and locations; their ids come from the account's tables
        "department_ids": Fn(
            lambda o, c: tuple(i for i in [c["departments"].get(o.department or "")] if i),
            lambda j, w: {
                "department": w.ctx["department"](j.department_ids[0]) if j.department_ids else None
            },
        ),
        "office_ids": Fn(lambda o, c: tuple(i for n in o.locations if (i := c["offices"].get(n)))),
        "recruiter_ids": fn(_recruiters, _recruiters_back),
        "created_at": At("created_at", ts),
        "opened_at": At("last_opened", ts),
    },
    template={"job_status": {"id": None, "name": None}, "custom_fields": [], "number_of_openings": 1},
)
"""A job of ``job/list``, read with the account's departments and locations by name."""


DEPARTMENT: Final = RecordMap(
    rec.DepartmentRecord, {"id": fs.NumRef("id", resource=R.DEPARTMENT), "name": At("name")}
)

OFFICE: Final = RecordMap(
    rec.OfficeRecord,
    {
        "id": fs.NumRef("id", resource=R.OFFICE),
        "name": At("name"),
        "location": fs.Joined(("city", "state", "country")),
    },
)

USER: Final = RecordMap(
    rec.UserRecord,
    {
        "id": fs.NumRef("id", resource=R.USER),
        "first_name": At("first_name"),
        "last_name": At("last_name"),
        "name": At("name"),
        "emails": fs.one_email("email", empty=None),
        "access_role": fn(
            lambda o: o.roles[0].name if o.roles else None,
            lambda u, _w: {"roles": [{"id": 1, "name": u.access_role}] if u.access_role else []},
        ),
    },
)

ACTIVITY: Final = RecordMap(
    rec.ActivityRecord,
    {
        "id": fs.NumRef("activity_id", resource=R.ACTIVITY),
        "candidate_id": fs.NumRef("candidate_id", resource=R.CANDIDATE),
        "actor_id": fs.NumRef("user.id", resource=R.USER),
        "activity_type": Table("type.name", ACTIVITY_TYPE, rec.ActivityType.OTHER, raw="raw_activity_type"),
        "subject": At("subject"),
        "body": At("text"),
        "created_at": At("time", ts),
    },
    template={"is_custom": False, "contact_id": None},
)

candidate_applications: Final = carried(APPLICATION, "jobs", key=None, under="id")
"""The applications a candidate's ``jobs`` are (``Endpoints.embeds``)."""
