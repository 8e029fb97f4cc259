"""The Ashby simulator's RPC methods, ``(body) -> envelope``: which sandbox records each
answers with (``render.py`` renders them). A filtered list finds its records through the
dataset's indexes and renders only the page it returns (:class:`Rendered`), answering as
rendering every record and filtering the JSON would (``tests/providers/ashby/scanning.py``)."""

from __future__ import annotations

import base64
import functools
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from ...kit.paging import SyncTokenPaging
from ...kit.rpc import RpcRefused as Rejected
from ...kit.simdata import Rendered, exact_uuid_id, under_parents
from ...records import ActivityType, Resource
from ..adapter import PAGING
from .render import Renderer, decode_id

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
Json = dict[str, Any]
MAX_LIMIT: Final = PAGING.max_size
SYNC_PAGING: Final = SyncTokenPaging(PAGING, token_field="syncToken", token_param="syncToken")
"""The adapter's own paging, with the ``syncToken`` Ashby puts on a list's last page."""


def envelope_page(items: Sequence[Json], body: Json, sync: str) -> Json:
    """One page of ``items`` per ``limit`` and an opaque (base64) ``cursor``."""
    try:
        page, fields = SYNC_PAGING.serve(
            body,
            items,
            MAX_LIMIT,
            f"sync-{sync}-{len(items)}",
            lambda end, _page: base64.urlsafe_b64encode(str(end).encode()).decode(),
            lambda cursor: int(base64.urlsafe_b64decode(cursor.encode()).decode()),
        )
    except ValueError:  # binascii.Error included
        raise Rejected("invalid_cursor") from None
    return {"success": True, "results": list(page), **fields}


def _expands_location(body: Json) -> bool:
    """Whether the body's ``expand`` asks for the job's location; one that can hold nothing (a
    number, a boolean) is the caller's ``invalid_input``."""
    try:
        return "location" in (body.get("expand") or [])
    except TypeError:
        raise Rejected("invalid_input") from None


class AshbyApi:
    """The RPC methods over one dataset."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.render = Renderer(data)

    def with_ids(self, resource: Resource, body: Json, filters: Mapping[str, str]) -> list[Any]:
        """The records of ``resource``, in dataset order, whose rendered id at each key of
        ``filters`` the body sets equals it (``filters``: the parent index of each key), created
        after ``createdAfter`` (epoch ms) when the body sets it."""
        asked = [(parent, body[key]) for key, parent in filters.items() if body.get(key)]
        records: list[Any] = under_parents(self.data, resource, asked)
        if body.get("createdAfter") is None or resource not in (R.INTERVIEW, R.SCORECARD, R.APPLICATION):
            return records
        try:
            after = int(body["createdAfter"])
        except (TypeError, OverflowError):  # a list, an object, infinity: refused as text is
            raise ValueError(f"createdAfter: no epoch ms: {body['createdAfter']!r}") from None
        return [r for r in records if r.created_at and r.created_at.timestamp() * 1000 > after]

    def _one(self, resource: Resource, ashby_id: Any, code: str) -> Any:
        try:
            found = self.data.get(resource, decode_id(str(ashby_id)))
        except (ValueError, UnicodeDecodeError):
            found = None
        if found is None:
            raise Rejected(code)
        return found

    def info(
        self, resource: Resource, key: str, render: Callable[[Any], Json], code: str = ""
    ) -> Callable[[Json], Json]:
        """``<object>.info``: the record the body's ``key`` names, else ``<object>_not_found``."""
        code = code or f"{resource.value}_not_found"
        return lambda body: {"success": True, "results": render(self._one(resource, body.get(key), code))}

    def listing(
        self, resource: Resource, render: Callable[[Any], Json], sync: str, filters: Mapping[str, str]
    ) -> Callable[[Json], Json]:
        return lambda body: envelope_page(
            Rendered(self.with_ids(resource, body, filters), render), body, sync
        )

    def every(self, resource: Resource, render: Callable[[Any], Json]) -> list[Json]:
        return [render(r) for r in self.data.records(resource)]

    def whole(self, resource: Resource, render: Callable[[Any], Json], **more: Any) -> Callable[[Json], Json]:
        """An unpaged list: every record, and the envelope's ``more`` keys."""
        return lambda _body: {"success": True, "results": self.every(resource, render), **more}

    def table(
        self,
        resource: Resource,
        render: Callable[[Any], Json],
        sync: str,
        unless: str = "",
        hidden: Callable[[Json], bool] = lambda _item: False,
    ) -> Callable[[Json], Json]:
        """An organisation table in pages, without its ``hidden`` entries unless the body sets
        ``unless`` (``includeArchived``...)."""
        return lambda body: envelope_page(
            [i for i in self.every(resource, render) if body.get(unless) or not hidden(i)], body, sync
        )

    def methods(self) -> dict[str, Callable[[Json], Json]]:
        r, by_app = self.render, {"applicationId": "application"}
        return {
            "candidate.list": self.listing(R.CANDIDATE, r.candidate, "candidates", {}),
            "candidate.info": self.info(R.CANDIDATE, "id", r.candidate),
            "candidate.search": self.candidate_search,
            "candidate.listNotes": self.candidate_list_notes,
            "application.list": self.application_list,
            "application.info": self.info(
                R.APPLICATION, "applicationId", functools.partial(r.application, info=True)
            ),
            "job.list": self.job_list,
            "job.info": lambda body: self.info(
                R.JOB, "id", functools.partial(r.job, expand_location=_expands_location(body))
            )(body),
            "jobPosting.list": lambda body: {
                "success": True,
                "results": [
                    p
                    for p in self.every(R.JOB, r.posting_summary)
                    if p["isListed"] or not body.get("listedOnly")
                ],
            },
            "jobPosting.info": self.job_posting_info,
            "jobInterviewPlan.info": self.info(R.JOB, "jobId", r.plan),
            "interviewStage.info": self.info(
                R.JOB_INTERVIEW_STAGE, "interviewStageId", r.stage, "interview_stage_not_found"
            ),
            "department.list": self.table(
                R.DEPARTMENT, r.department, "departments", "includeArchived", lambda d: d["isArchived"]
            ),
            "department.info": self.info(R.DEPARTMENT, "departmentId", r.department),
            "location.list": self.whole(R.OFFICE, r.location, moreDataAvailable=False),
            "location.info": self.info(R.OFFICE, "locationId", r.location, "location_not_found"),
            "user.list": self.table(
                R.USER, r.user_of, "users", "includeDeactivated", lambda u: not u["isEnabled"]
            ),
            "user.info": self.info(R.USER, "userId", r.user_of),
            "user.search": self.user_search,
            "archiveReason.list": self.whole(R.REJECT_REASON, r.reason),
            "candidateTag.list": self.table(R.TAG, r.tag, "tags"),
            "interviewSchedule.list": self.listing(
                R.INTERVIEW, r.schedule, "interview-schedules", {**by_app, "interviewStageId": "stage"}
            ),
            "offer.list": self.listing(R.OFFER, r.offer, "offers", by_app),
            "offer.info": self.info(R.OFFER, "offerId", r.offer),
            "applicationFeedback.list": self.listing(R.SCORECARD, r.feedback, "feedback", by_app),
        }

    def candidate_list_notes(self, body: Json) -> Json:
        candidate = self._one(R.CANDIDATE, body.get("candidateId"), "candidate_not_found")
        activities = self.data.children(R.ACTIVITY, "candidate").get(candidate.id, ())
        notes = [a for a in activities if getattr(a, "activity_type", None) is ActivityType.NOTE]
        return envelope_page(Rendered(notes, self.render.note), body, f"notes-{candidate.id}")

    def candidate_search(self, body: Json) -> Json:
        email, name = body.get("email"), body.get("name")
        if not email and not name:
            raise Rejected("invalid_input")
        pool: Sequence[Any] = (
            self.data.children(R.CANDIDATE, "email").get(str(email).casefold(), ())
            if email
            else self.data.records(R.CANDIDATE)
        )
        if name:
            pool = [c for c in pool if str(name).casefold() in (c.name or "").casefold()]
        return {"success": True, "results": [self.render.candidate(c) for c in pool[:MAX_LIMIT]]}

    def user_search(self, body: Json) -> Json:
        email = str(body.get("email") or "").casefold()
        if not email:
            raise Rejected("invalid_input")
        every: Any = self.data.records(R.USER)
        users = [u for u in every if any(e.email.casefold() == email for e in u.emails[:1])]
        return {"success": True, "results": [self.render.user_of(u) for u in users]}

    def application_list(self, body: Json) -> Json:
        apps = self.with_ids(R.APPLICATION, body, {"jobId": "job"})
        if body.get("status"):
            apps = [a for a in apps if self.render.application_status(a) == body["status"]]
        return envelope_page(Rendered(apps, self.render.application), body, "applications")

    def job_list(self, body: Json) -> Json:
        try:
            statuses = set(body.get("status") or ["Open", "Closed", "Archived"])  # drafts only when asked
        except TypeError:  # a number, or a list of lists: no statuses
            raise Rejected("invalid_input") from None
        jobs = [j for j in self.data.records(R.JOB) if self.render.job_status(j) in statuses]  # type: ignore[arg-type]
        expand = _expands_location(body)
        return envelope_page(
            Rendered(jobs, functools.partial(self.render.job, expand_location=expand)), body, "jobs"
        )

    def job_posting_info(self, body: Json) -> Json:
        posting = exact_uuid_id(body.get("jobPostingId")) or ""  # ``post_<job id>`` (``posting_id``)
        job: Any = (
            self.data.get(R.JOB, posting.removeprefix("post_")) if posting.startswith("post_") else None
        )
        if job is None:
            raise Rejected("job_posting_not_found")
        return {"success": True, "results": self.render.posting(job)}
