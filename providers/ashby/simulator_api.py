"""The RPC methods of the Ashby simulator (``simulator.py``): request bodies in, envelopes out.

Filters and paging follow Ashby's OpenAPI spec: ``limit`` (max 100) and an opaque ``cursor``,
``syncToken`` on the last page, ``success: false`` with an error code for unknown ids. The
filtered list methods look their records up through the dataset's indexes and render only the
page they return (``simulator_lookup.py``); they answer as rendering every record and filtering
the JSON would, which ``tests/providers/ashby/test_simulator_lookup.py`` checks.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final, cast

from providers.records import (
    ActivityRecord,
    ApplicationRecord,
    CandidateRecord,
    DepartmentRecord,
    JobRecord,
    OfficeRecord,
    RejectReasonRecord,
    Resource,
    TagRecord,
    UserRecord,
)

if TYPE_CHECKING:  # the sandbox is only needed to build a simulator, not to import one
    from providers.sandbox import Dataset

from ..kit.paging import SyncTokenPaging
from .client import PAGING
from .simulator_lookup import Rendered, with_ids
from .simulator_render import (
    ASHBY_JOB_STATUS,
    application_status,
    decode_id,
    posting_id,
    render_application,
    render_candidate,
    render_reject_reason,
    render_stage,
    render_tag,
    render_user,
)
from .simulator_render_org import (
    render_department,
    render_job,
    render_location,
    render_plan,
    render_posting,
    render_posting_summary,
)
from .simulator_render_process import is_note, render_feedback, render_note, render_offer, render_schedule

R = Resource
Json = dict[str, Any]
MAX_LIMIT = PAGING.max_size


class Rejected(Exception):
    def __init__(self, code: str) -> None:
        self.code = code


SYNC_PAGING: Final = SyncTokenPaging(PAGING, token_field="syncToken", token_param="syncToken")
"""The adapter's own paging, with the ``syncToken`` Ashby puts on a list's last page."""


def _cursor(end: int, _page: Sequence[Json]) -> str:
    return base64.urlsafe_b64encode(str(end).encode()).decode()


def _cursor_start(cursor: str) -> int:
    return int(base64.urlsafe_b64decode(cursor.encode()).decode())


def envelope_page(items: Sequence[Json], body: Json, sync: str) -> Json:
    """One page of ``items`` per ``limit``/``cursor``; ``syncToken`` on the last page."""
    try:
        page, fields = SYNC_PAGING.serve(
            body, items, MAX_LIMIT, f"sync-{sync}-{len(items)}", _cursor, _cursor_start
        )
    except ValueError:  # binascii.Error included
        raise Rejected("invalid_cursor") from None
    return {"success": True, "results": list(page), **fields}


class AshbyApi:
    """The RPC methods, each ``(body) -> envelope``, over one dataset."""

    def __init__(self, data: Dataset) -> None:
        self.data = data

    def _all(self, resource: Resource) -> list[Any]:
        return list(self.data.records(resource))

    def _one(self, resource: Resource, ashby_id: Any, code: str) -> Any:
        try:
            record = self.data.get(resource, decode_id(str(ashby_id)))
        except (ValueError, UnicodeDecodeError):
            record = None
        if record is None:
            raise Rejected(code)
        return record

    @staticmethod
    def _ok(results: Any) -> Json:
        return {"success": True, "results": results}

    def methods(self) -> dict[str, Callable[[Json], Json]]:
        return {
            "candidate.list": self.candidate_list,
            "candidate.info": self.candidate_info,
            "candidate.search": self.candidate_search,
            "application.list": self.application_list,
            "application.info": self.application_info,
            "job.list": self.job_list,
            "job.info": self.job_info,
            "jobPosting.list": self.job_posting_list,
            "jobPosting.info": self.job_posting_info,
            "jobInterviewPlan.info": self.job_interview_plan_info,
            "interviewStage.info": self.interview_stage_info,
            "department.list": self.department_list,
            "department.info": self.department_info,
            "location.list": self.location_list,
            "location.info": self.location_info,
            "user.list": self.user_list,
            "user.info": self.user_info,
            "user.search": self.user_search,
            "archiveReason.list": self.archive_reason_list,
            "candidateTag.list": self.candidate_tag_list,
            "interviewSchedule.list": self.interview_schedule_list,
            "offer.list": self.offer_list,
            "offer.info": self.offer_info,
            "applicationFeedback.list": self.application_feedback_list,
            "candidate.listNotes": self.candidate_list_notes,
        }

    # hiring process
    @staticmethod
    def _created_after(records: list[Any], body: Json) -> list[Any]:
        if body.get("createdAfter") is None:
            return records
        after = int(body["createdAfter"])
        return [r for r in records if r.created_at and r.created_at.timestamp() * 1000 > after]

    def interview_schedule_list(self, body: Json) -> Json:
        filters = {"applicationId": "application", "interviewStageId": "stage"}
        interviews = self._created_after(with_ids(self.data, R.INTERVIEW, body, filters), body)
        return envelope_page(Rendered(interviews, render_schedule), body, "interview-schedules")

    def offer_list(self, body: Json) -> Json:
        offers = with_ids(self.data, R.OFFER, body, {"applicationId": "application"})
        return envelope_page(Rendered(offers, functools.partial(render_offer, self.data)), body, "offers")

    def offer_info(self, body: Json) -> Json:
        return self._ok(render_offer(self.data, self._one(R.OFFER, body.get("offerId"), "offer_not_found")))

    def application_feedback_list(self, body: Json) -> Json:
        scorecards = with_ids(self.data, R.SCORECARD, body, {"applicationId": "application"})
        items = Rendered(self._created_after(scorecards, body), functools.partial(render_feedback, self.data))
        return envelope_page(items, body, "feedback")

    def candidate_list_notes(self, body: Json) -> Json:
        candidate = self._one(R.CANDIDATE, body.get("candidateId"), "candidate_not_found")
        activities = self.data.children(R.ACTIVITY, "candidate").get(candidate.id, ())
        notes = [a for a in cast("Sequence[ActivityRecord]", activities) if is_note(a)]
        items = Rendered(notes, functools.partial(render_note, self.data))
        return envelope_page(items, body, f"notes-{candidate.id}")

    # candidates and applications
    def candidate_list(self, body: Json) -> Json:
        items = Rendered(self.data.records(R.CANDIDATE), functools.partial(render_candidate, self.data))
        return envelope_page(items, body, "candidates")

    def candidate_info(self, body: Json) -> Json:
        return self._ok(
            render_candidate(self.data, self._one(R.CANDIDATE, body.get("id"), "candidate_not_found"))
        )

    def candidate_search(self, body: Json) -> Json:
        email, name = body.get("email"), body.get("name")
        if not email and not name:
            raise Rejected("invalid_input")
        pool = (
            self.data.children(R.CANDIDATE, "email").get(str(email).casefold(), ())
            if email
            else self.data.records(R.CANDIDATE)
        )
        found = cast("Sequence[CandidateRecord]", pool)
        if name:
            found = [c for c in found if str(name).casefold() in (c.name or "").casefold()]
        return self._ok([render_candidate(self.data, c) for c in found[:MAX_LIMIT]])

    def application_list(self, body: Json) -> Json:
        by_job = with_ids(self.data, R.APPLICATION, body, {"jobId": "job"})
        apps = cast("list[ApplicationRecord]", self._created_after(by_job, body))
        if body.get("status"):
            apps = [a for a in apps if application_status(self.data, a) == body["status"]]
        items = Rendered(apps, functools.partial(render_application, self.data))
        return envelope_page(items, body, "applications")

    def application_info(self, body: Json) -> Json:
        app = self._one(R.APPLICATION, body.get("applicationId"), "application_not_found")
        return self._ok(render_application(self.data, app, info=True))

    # jobs
    def job_list(self, body: Json) -> Json:
        statuses = set(body.get("status") or ["Open", "Closed", "Archived"])  # drafts only when asked
        jobs = [
            j
            for j in cast("list[JobRecord]", self._all(R.JOB))
            if (ASHBY_JOB_STATUS.get(j.status, j.raw_status) if j.status else None) in statuses
        ]
        expand = "location" in (body.get("expand") or [])
        return envelope_page(
            Rendered(jobs, functools.partial(render_job, self.data, expand_location=expand)), body, "jobs"
        )

    def job_info(self, body: Json) -> Json:
        job = self._one(R.JOB, body.get("id"), "job_not_found")
        return self._ok(render_job(self.data, job, expand_location="location" in (body.get("expand") or [])))

    def job_posting_list(self, body: Json) -> Json:
        items = [render_posting_summary(self.data, j) for j in self._all(R.JOB)]
        if body.get("listedOnly"):
            items = [i for i in items if i["isListed"]]
        return self._ok(items)

    @functools.cached_property
    def _jobs_by_posting(self) -> dict[str, JobRecord]:
        postings: dict[str, JobRecord] = {}
        for job in cast("Sequence[JobRecord]", self.data.records(R.JOB)):
            postings.setdefault(posting_id(job.id), job)  # a clash answers the first job, as a scan would
        return postings

    def job_posting_info(self, body: Json) -> Json:
        job = self._jobs_by_posting.get(str(body.get("jobPostingId")))
        if job is None:
            raise Rejected("job_posting_not_found")
        return self._ok(render_posting(self.data, job))

    def job_interview_plan_info(self, body: Json) -> Json:
        return self._ok(render_plan(self.data, self._one(R.JOB, body.get("jobId"), "job_not_found")))

    def interview_stage_info(self, body: Json) -> Json:
        stage = self._one(R.JOB_INTERVIEW_STAGE, body.get("interviewStageId"), "interview_stage_not_found")
        return self._ok(render_stage(stage))

    # organisation
    def department_list(self, body: Json) -> Json:
        departments = cast("list[DepartmentRecord]", self._all(R.DEPARTMENT))
        if not body.get("includeArchived"):
            departments = [d for d in departments if d.status != "archived"]
        return envelope_page([render_department(d) for d in departments], body, "departments")

    def department_info(self, body: Json) -> Json:
        return self._ok(
            render_department(self._one(R.DEPARTMENT, body.get("departmentId"), "department_not_found"))
        )

    def location_list(self, body: Json) -> Json:
        offices = cast("list[OfficeRecord]", self._all(R.OFFICE))
        return {"success": True, "results": [render_location(o) for o in offices], "moreDataAvailable": False}

    def location_info(self, body: Json) -> Json:
        return self._ok(render_location(self._one(R.OFFICE, body.get("locationId"), "location_not_found")))

    def user_list(self, body: Json) -> Json:
        users = cast("list[UserRecord]", self._all(R.USER))
        if not body.get("includeDeactivated"):
            users = [u for u in users if not u.disabled]
        return envelope_page([render_user(u) for u in users], body, "users")

    def user_info(self, body: Json) -> Json:
        return self._ok(render_user(self._one(R.USER, body.get("userId"), "user_not_found")))

    def user_search(self, body: Json) -> Json:
        email = str(body.get("email") or "").casefold()
        if not email:
            raise Rejected("invalid_input")
        users = cast("list[UserRecord]", self._all(R.USER))
        return self._ok(
            [render_user(u) for u in users if any(e.email.casefold() == email for e in u.emails[:1])]
        )

    def archive_reason_list(self, body: Json) -> Json:
        reasons = cast("list[RejectReasonRecord]", self._all(R.REJECT_REASON))
        return self._ok([render_reject_reason(r) for r in reasons])

    def candidate_tag_list(self, body: Json) -> Json:
        tags = cast("list[TagRecord]", self._all(R.TAG))
        return envelope_page([render_tag(t) for t in tags], body, "tags")
