"""JazzHR records to unified records, as data (``kit/mapping.py``), with the inverses the
simulator renders through.

Identity: every JazzHR id is kept as sent (path-safe). An application, an applicant in a job,
is ``<applicant id>:<job id>`` (``kit.fieldspecs.pair_id``), whether read as an ``applicants2jobs``
row or as one of an applicant detail's ``jobs``; a tag is a category. Dates (``fs.SplitDate``) are
read as UTC: JazzHR does not say their zone. An empty string is an absent value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from .. import records as rec
from ..kit import fieldspecs as fs
from ..kit.embeds import carried
from ..kit.mapping import At, Ctx, Fn, RecordMap, Ref, Table, fn
from ..kit.nested import Nested

R = rec.Resource

JOB_STATUS: Final[Mapping[str, rec.JobStatus]] = {
    "Open": rec.JobStatus.OPEN,
    "Drafting": rec.JobStatus.DRAFT,
    "Filled": rec.JobStatus.CLOSED,
    "Closed": rec.JobStatus.CLOSED,  # after "Filled": what a closed job is rendered as
    "Cancelled": rec.JobStatus.ARCHIVED,
}
"""JazzHR's job statuses (https://success.jazzhr.com/hc/en-us/articles/115005570848-Job-Status-Overview);
"On Hold" is OTHER with the raw status (paused, neither open nor closed)."""

JOB_TYPE: Final[Mapping[str, rec.JobType]] = {"Full Time": rec.JobType.FULL_TIME}
"""``type``: only "Full Time" is recorded (``GET_jobs.first2.json``); JazzHR's other words were not
found in the sources read, so they are OTHER with the raw type rather than guessed."""


def _tag_ids(o: Any) -> tuple[str, ...] | None:
    """A detail's categories (None on a summary, which lists none: read by the join table)."""
    if o.categories is None:
        return None
    return tuple(i for c in o.categories if (i := c.category_id or c.id))


CANDIDATE: Final = RecordMap(
    rec.CandidateRecord,
    {
        "id": Ref("id", resource=R.CANDIDATE),
        "first_name": At("first_name"),
        "last_name": At("last_name"),
        "name": fs.Joined(("first_name", "last_name"), " ", rendered=False),
        "phones": fs.phone("prospect_phone", also="phone"),
        "emails": fs.one_email("email"),
        "urls": fs.Urls({"linkedin": "linkedin_url", "website": "website"}),
        "locations": fs.Single("location"),
        "tag_ids": Nested("categories", "category", many=True, read=_tag_ids),
        "application_ids": fn(
            lambda o: None if o.jobs is None else tuple(fs.pair_id(o.id, j.job_id) for j in o.jobs)
        ),
        # the detail names no files: they are read under the applicant
        # (``/files/applicant_id/{id}``); declared so that ``candidate.attachments`` is offered
        "attachment_ids": Fn(lambda _o, _ctx: None),
        # an applicant enters JazzHR when first applying (or being added): its apply date
        "created_at": fs.SplitDate("apply_date"),
    },
    template={"source": "", "address": ""},
)


APPLICATION: Final = RecordMap(
    rec.ApplicationRecord,
    {
        # the row's own id is kept in remoteData (JazzHR reads no row by it for us)
        "id": fn(
            lambda o: fs.pair_id(o.applicant_id, o.job_id),
            lambda a, w: {"id": w.encode(R.APPLICATION, a.id)},
        ),
        "candidate_id": Ref("applicant_id", resource=R.CANDIDATE),
        "job_id": Ref("job_id", resource=R.JOB),
        "applied_at": fs.SplitDate("date"),
    },
    template={"rating": "0"},
)
"""An ``applicants2jobs`` row."""

APPLIED_JOB: Final = RecordMap(
    rec.ApplicationRecord,
    {
        "id": Fn(lambda o, ctx: fs.pair_id(ctx.get("parent"), o.job_id)),
        "candidate_id": Fn(lambda _o, ctx: ctx.get("parent")),  # read under its applicant
        "job_id": Ref("job_id", resource=R.JOB),
    },
)
"""One of an applicant detail's ``jobs``."""
applied_jobs: Final = carried(APPLIED_JOB, "jobs", key=None, under="id")
"""The applications an applicant's detail lists (none on a summary), under its applicant."""


def applications(o: Any, ctx: Ctx) -> list[rec.Record]:
    """A listed ``applicants2jobs`` row, or, read under an applicant, the detail's ``jobs``."""
    return applied_jobs(o, ctx) if "parent" in ctx else [APPLICATION.read(o, ctx)]


JOB: Final = RecordMap(
    rec.JobRecord,
    {
        "id": Ref("id", resource=R.JOB),
        "name": At("title"),
        "description": At("description"),
        "status": Table("status", JOB_STATUS, rec.JobStatus.OTHER, raw="raw_status"),
        "job_type": Table("type", JOB_TYPE, rec.JobType.OTHER, raw="raw_job_type"),
        "code": fs.Blank("board_code"),
        "requisition_id": fs.Blank("internal_code"),
        "locations": fs.Joined(("city", "state", "country_id"), many=True),
        "compensation": fs.PayRange("minimum_salary", "maximum_salary"),  # "0": none was given (recorded)
        # the hiring lead is the user who owns the job's hiring
        "hiring_manager_ids": fs.Single("hiring_lead", resource=R.USER),
        "opened_at": fs.SplitDate("original_open_date"),
    },
    template={"team_id": "", "zip": "", "notes": "", "send_to_job_boards": "No answer", "questionnaire": "0"},
)

USER: Final = RecordMap(
    rec.UserRecord,
    {
        "id": Ref("id", resource=R.USER),
        "first_name": At("first_name"),
        "last_name": At("last_name"),
        "name": fs.Joined(("first_name", "last_name"), " ", rendered=False),
        "emails": fs.one_email("email"),
        "access_role": At("type"),
        "created_at": fs.SplitDate("date_created"),
    },
)

TAG: Final = RecordMap(
    rec.TagRecord,
    {
        "id": fn(lambda o: o.id or o.category_id, lambda t, w: {"id": w.encode(R.TAG, t.id)}),
        "name": At("name"),
        "created_at": fs.SplitDate("date_created"),
    },
    template={"status": "Active"},
)

APPLICANT_PREFIX: Final = "prospect_"
"""What an applicant's id starts with (every recorded one): an activity's ``object_id`` names
an applicant, or another object (a job, a contact) that is no candidate."""

ACTIVITY: Final = RecordMap(
    rec.ActivityRecord,
    {
        "id": Ref("id", resource=R.ACTIVITY),
        "candidate_id": fn(
            lambda o: o.object_id if (o.object_id or "").startswith(APPLICANT_PREFIX) else None,
            lambda a, w: {"object_id": w.encode(R.CANDIDATE, a.candidate_id) if a.candidate_id else ""},
        ),
        "actor_id": fs.BlankRef("user_id", resource=R.USER),
        "raw_activity_type": At("category"),
        "body": At("action"),
        "created_at": fs.SplitDate("date", "time"),
    },
    template={"team_id": ""},
)

ATTACHMENT: Final = RecordMap(
    rec.AttachmentRecord,
    {
        "id": Ref("id", resource=R.ATTACHMENT),
        "file_name": At("filename"),
        "file_url": At("file_url"),
        "candidate_id": Ref("applicant_id", resource=R.CANDIDATE),
        "created_at": fs.SplitDate("date_loaded", "time_loaded"),
    },
    template={"mime_type": "application/pdf", "file_privacy": "Public", "user_id": None},
)
