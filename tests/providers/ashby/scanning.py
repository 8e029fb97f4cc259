"""The reference the Ashby simulator's indexed list methods are checked against: each renders
every record, then filters the JSON on the fields Ashby names and pages what is left. That is
the simulator's behaviour stated plainly, at the cost of the whole dataset per request."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from providers.ashby.simulator.api import MAX_LIMIT, Rejected, envelope_page
from providers.ashby.simulator.render import Renderer, decode_id, encode_id, posting_id
from providers.records import ActivityType, Resource

if TYPE_CHECKING:
    from providers.sandbox import Dataset

R = Resource
Json = dict[str, Any]
Method = Callable[[Json], Json]


def scanning_methods(data: Dataset) -> dict[str, Method]:
    """The list methods the simulator answers from indexes, by RPC name, answering the same."""
    r = Renderer(data)
    render_application, render_job, render_posting = r.application, r.job, r.posting
    render_schedule, render_offer, render_feedback, render_note = r.schedule, r.offer, r.feedback, r.note

    def render_candidate(c: Any) -> Json:
        return r.candidate(c)

    def is_note(a: Any) -> bool:
        return a.activity_type is ActivityType.NOTE

    def every(resource: Resource) -> list[Any]:
        return list(data.records(resource))

    def created_after(found: list[Any], body: Json) -> list[Any]:
        if body.get("createdAfter") is None:
            return found
        after = int(body["createdAfter"])
        return [r for r in found if r.created_at and r.created_at.timestamp() * 1000 > after]

    def where(items: list[Json], body: Json, *keys: str) -> list[Json]:
        return [i for i in items if all(not body.get(k) or i[k] == body[k] for k in keys)]

    def listing(
        resource: Resource, render: Callable[[Any], Json], sync: str, *keys: str, created: bool = False
    ) -> Method:
        def call(body: Json) -> Json:
            found = created_after(every(resource), body) if created else every(resource)
            return envelope_page(where([render(r) for r in found], body, *keys), body, sync)

        return call

    def notes(body: Json) -> Json:
        try:  # the candidate is looked up as the ``*.info`` methods do: any spelling of its UUID
            candidate = data.get(R.CANDIDATE, decode_id(str(body.get("candidateId"))))
        except (ValueError, UnicodeDecodeError):
            candidate = None
        if candidate is None:
            raise Rejected("candidate_not_found")
        found = [a for a in every(R.ACTIVITY) if a.candidate_id == candidate.id and is_note(a)]
        return envelope_page([render_note(a) for a in found], body, f"notes-{candidate.id}")

    def candidates(body: Json) -> Json:
        email, name = body.get("email"), body.get("name")
        if not email and not name:
            raise Rejected("invalid_input")
        rendered = [render_candidate(c) for c in every(R.CANDIDATE)]
        found = [
            c
            for c in rendered
            if (not email or any(e["value"].casefold() == str(email).casefold() for e in c["emailAddresses"]))
            and (not name or str(name).casefold() in (c["name"] or "").casefold())
        ]
        return {"success": True, "results": found[:MAX_LIMIT]}

    def applications(body: Json) -> Json:
        apps = created_after(every(R.APPLICATION), body)
        if body.get("jobId"):  # on the record: a job-less application renders the all-zero job id
            apps = [a for a in apps if a.job_id and encode_id(a.job_id) == body["jobId"]]
        items = where([render_application(a) for a in apps], body, "status")
        return envelope_page(items, body, "applications")

    def jobs(body: Json) -> Json:
        statuses = set(body.get("status") or ["Open", "Closed", "Archived"])
        expand = "location" in (body.get("expand") or [])
        rendered = [render_job(j, expand_location=expand) for j in every(R.JOB)]
        return envelope_page([j for j in rendered if j["status"] in statuses], body, "jobs")

    def posting(body: Json) -> Json:
        wanted = str(body.get("jobPostingId"))
        job = next((j for j in every(R.JOB) if posting_id(j.id) == wanted), None)
        if job is None:
            raise Rejected("job_posting_not_found")
        return {"success": True, "results": render_posting(job)}

    return {
        "interviewSchedule.list": listing(
            R.INTERVIEW,
            render_schedule,
            "interview-schedules",
            "applicationId",
            "interviewStageId",
            created=True,
        ),
        "offer.list": listing(R.OFFER, render_offer, "offers", "applicationId"),
        "applicationFeedback.list": listing(
            R.SCORECARD, render_feedback, "feedback", "applicationId", created=True
        ),
        "candidate.listNotes": notes,
        "candidate.list": listing(R.CANDIDATE, render_candidate, "candidates"),
        "candidate.search": candidates,
        "application.list": applications,
        "job.list": jobs,
        "jobPosting.info": posting,
    }
