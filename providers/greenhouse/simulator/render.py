"""Sandbox records rendered as Greenhouse Harvest v1 JSON, key for key as the documented
examples in ``shared/fixtures/providers/greenhouse``: the adapter's ``RecordMap``s rendered back
(``mapping.py``: paths, inverted tables and the explicit inverses of computed fields), with
the objects the mapping names by id rendered whole through :attr:`Renderer.wire`, and the keys
no field reads added here. Values Greenhouse has no word for keep the sandbox's own (the
adapter then reports ``OTHER`` plus that raw value)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, cast

from ... import records as rec
from ...kit.dataserve import kept
from ...kit.mapping import Wire
from ...kit.simparts import sandbox_number
from ..mapping import (
    ACTIVITY,
    APPLICATION,
    ATTACHMENT,
    CANDIDATE,
    DEPARTMENT,
    EEOC,
    FORM_FIELD,
    INTERVIEW,
    JOB,
    OFFER,
    OFFICE,
    REJECT_REASON,
    SCORECARD,
    STAGE,
    TAG,
    USER,
    ts,
)

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = rec.Resource
JSON = dict[str, Any]
CUSTOM: Final[JSON] = {"custom_fields": {}, "keyed_custom_fields": {}}
FEED: Final = {
    rec.ActivityType.NOTE: ("notes", ("id", "created_at", "body", "user", "visibility")),
    rec.ActivityType.EMAIL: ("emails", ("id", "created_at", "subject", "body", "to", "from", "cc", "user")),
    None: ("activities", ("id", "created_at", "subject", "body", "user")),
}
"""Per kind of activity, the feed's list and the keys its items have."""


encode_id = sandbox_number
"""The Greenhouse integer for a sandbox id (``cand_000042`` -> 42; ids are per resource)."""


def _encode(_resource: rec.Resource, sandbox_id: str) -> Any:
    return encode_id(sandbox_id)


def ref(record: Any) -> Any:
    """``{id, name}`` of a record, or None."""
    return {"id": encode_id(record.id), "name": record.name} if record is not None else None


class Renderer:
    """Greenhouse JSON for each sandbox record, with the indexes nested objects need."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.kept: dict[tuple[Any, ...], Any] = {}
        by_id = {r: data.by_id(r) for r in rec.Resource}
        self.users = cast("Mapping[str, rec.UserRecord]", by_id[R.USER])
        self.stages = cast("Mapping[str, rec.JobInterviewStageRecord]", by_id[R.JOB_INTERVIEW_STAGE])
        self.eeoc_application: dict[str, str] = {}
        """sandbox EEOC id -> the sandbox application it is filed under (Greenhouse keys EEOC by application)."""
        self.hired_by_write: set[str] = set()
        """Applications hired through ``POST /applications/{id}/hire`` (no offer record says so)."""
        self.index()

        def whole(resource: rec.Resource, render: Any) -> Any:
            return lambda i: render(r) if (r := by_id[resource].get(i or "")) is not None else None

        self.wire = Wire(
            encode=_encode,
            ctx={
                "number": encode_id,
                "user": self.user_stub,
                "job": whole(R.JOB, ref),
                "stage": whole(R.JOB_INTERVIEW_STAGE, ref),
                "reason": whole(R.REJECT_REASON, self.reject_reason),
                "tag": whole(R.TAG, lambda t: t.name),
                "attachment": whole(R.ATTACHMENT, ATTACHMENT.render),
                "application": whole(R.APPLICATION, lambda a: self.application(a, custom_fields=False)),
                "department": whole(R.DEPARTMENT, lambda d: self.department(d, embedded=True)),
                "office": whole(R.OFFICE, lambda o: self.office(o, embedded=True)),
            },
        )

    def index(self) -> None:
        """The indexes nested objects need, from the dataset as it is now."""
        data = self.data
        self.eeoc_application = {}
        for e in cast("Sequence[rec.EeocRecord]", data.records(R.EEOC)):
            apps = data.children(R.APPLICATION, "candidate").get(e.candidate_id or "", ())
            if apps:
                self.eeoc_application[e.id] = apps[0].id
        self.scorecard_of = {
            (s.interview_id or "", s.interviewer_id or ""): s.id
            for s in cast("Sequence[rec.ScorecardRecord]", data.records(R.SCORECARD))
        }
        offers = cast("Sequence[rec.OfferRecord]", data.records(R.OFFER))
        self.hired = {o.application_id for o in offers if o.status is rec.OfferStatus.ACCEPTED}
        self.hired |= self.hired_by_write

    def changed(self) -> None:
        """After a write: every kept payload is dropped (a candidate's embeds its applications,
        tags and attachments, so a change reaches beyond the record written) and the indexes
        are rebuilt. Writes are rare next to reads: the next read renders afresh."""
        self.kept.clear()
        self.index()

    def user_stub(self, user_id: str | None) -> JSON | None:
        u = self.users.get(user_id or "")
        if u is None:
            return None
        return {**ref(u), "first_name": u.first_name, "last_name": u.last_name, "employee_id": None}

    # -- people -------------------------------------------------------------------------------
    @kept
    def application(self, a: rec.ApplicationRecord, *, custom_fields: bool = True) -> JSON:
        status = "rejected" if a.rejected_at else ("hired" if a.id in self.hired else "active")
        nulls = ("location", "recruiter", "coordinator", "rejection_details")
        return {
            **APPLICATION.render(a, self.wire),
            "prospect": False,
            "last_activity_at": ts(a.updated_at) if a.updated_at else None,
            "status": status,
            "answers": [],
            "prospect_detail": {"prospect_pool": None, "prospect_stage": None, "prospect_owner": None},
            **dict.fromkeys((*nulls, "prospective_office", "prospective_department")),
            **(CUSTOM if custom_fields else {}),
        }

    @kept
    def candidate(self, c: rec.CandidateRecord) -> JSON:
        empty = ("social_media_addresses", "educations", "employments", "linked_user_ids")
        return {
            **CANDIDATE.render(c, self.wire),
            **dict.fromkeys(("photo_url", "recruiter", "coordinator")),
            **{key: [] for key in empty},
            **CUSTOM,
        }

    @kept
    def user(self, u: rec.UserRecord, *, custom_fields: bool = False) -> JSON:
        return {
            **USER.render(u, self.wire),
            "site_admin": u.access_role == "site_admin",
            "employee_id": None,
            "linked_candidate_ids": [],
            "offices": [],
            "departments": [],
            **(CUSTOM if custom_fields else {}),  # only the single-user endpoint carries them
        }

    @kept
    def tag(self, t: rec.TagRecord) -> JSON:
        return TAG.render(t, self.wire)

    @kept
    def reject_reason(self, r: rec.RejectReasonRecord) -> JSON:
        return {**REJECT_REASON.render(r, self.wire), "type": {"id": 1, "name": "We rejected them"}}

    def eeoc(self, e: rec.EeocRecord) -> JSON | None:
        app = self.eeoc_application.get(e.id)
        if app is None:
            return None

        def answer(text: str | None, key: str = "description") -> JSON | None:
            return None if text is None else {"id": sum(map(ord, text)) % 97 + 1, key: text}

        return {
            **EEOC.render(e, self.wire),
            "application_id": encode_id(app),
            "race": answer(e.race),
            "gender": answer(e.gender),
            "veteran_status": answer(e.veteran_status, "message"),
            "disability_status": answer(e.disability_status),
        }

    def activity_feed(self, activities: Sequence[rec.ActivityRecord]) -> JSON:
        feed: JSON = {"notes": [], "emails": [], "activities": []}
        for a in activities:
            rendered = {**ACTIVITY.render(a, self.wire), "id": encode_id(a.id)}
            kind, keys = FEED.get(a.activity_type, FEED[None])
            item = {k: rendered.get(k) for k in keys}
            if kind == "notes":  # "visiblity": the documented example's own spelling, beside the right one
                item |= {"private": item["visibility"] != "public", "visiblity": item["visibility"]}
            feed[kind].append(item)
        return feed

    # -- jobs ---------------------------------------------------------------------------------
    def _tree(self, resource: rec.Resource, r: Any, embedded: bool, kind: str) -> JSON:
        """A department's or office's children (the list shape, or the shorter one jobs embed)."""
        children = [encode_id(x.id) for x in self.data.children(resource, "parent").get(r.id, ())]
        out: JSON = {"child_ids": children, "external_id": None}
        if not embedded:
            out |= {
                f"parent_{kind}_external_id": None,
                f"child_{kind}_external_ids": [None for _ in children],
            }
        return out

    @kept
    def department(self, d: rec.DepartmentRecord, *, embedded: bool = False) -> JSON:
        return {**DEPARTMENT.render(d, self.wire), **self._tree(R.DEPARTMENT, d, embedded, "department")}

    @kept
    def office(self, o: rec.OfficeRecord, *, embedded: bool = False) -> JSON:
        tree = self._tree(R.OFFICE, o, embedded, "office")
        return {**OFFICE.render(o, self.wire), "primary_contact_user_id": None, **tree}

    @kept
    def job(self, j: rec.JobRecord) -> JSON:
        out = JOB.render(j, self.wire)
        out["hiring_team"] |= {"coordinators": [], "sourcers": []}
        for n, recruiter in enumerate(out["hiring_team"]["recruiters"]):
            recruiter["responsible"] = n == 0  # the first one is the job's responsible recruiter
        return {
            **out,
            **dict.fromkeys(("notes", "copied_from_id")),
            "is_template": False,
            "openings": [],
            **CUSTOM,
        }

    @kept
    def job_interview_stage(self, s: rec.JobInterviewStageRecord) -> JSON:
        kit: JSON = {"id": encode_id(s.id), "content": None, "questions": []}
        interview = {
            **ref(s),
            "schedulable": True,
            "estimated_minutes": 60,
            "default_interviewer_users": [],
            "interview_kit": kit,
        }
        return {**STAGE.render(s, self.wire), "interviews": [interview]}

    @kept
    def job_post(self, j: rec.JobRecord, fields: Sequence[rec.JobFormFieldRecord]) -> JSON:
        # Grouped fields (EEO and the like) are demographic questions in Greenhouse, not post questions.
        ordered = sorted((f for f in fields if f.group_id is None), key=lambda f: f.index or 0)
        location = {
            "id": encode_id(j.id),
            "name": j.locations[0] if j.locations else "",
            "office_id": None,
            "job_post_custom_location_id": None,
            "job_post_location_type": {"id": 1, "name": "Free Text"},
        }
        return {
            "id": encode_id(j.id),
            "title": j.name,
            "location": location,
            "internal": False,
            "external": True,
            "active": True,
            "live": j.status is not None,
            "first_published_at": ts(j.opened_at) if j.opened_at else None,
            "job_id": encode_id(j.id),
            "content": "",
            "internal_content": "",
            "updated_at": ts(j.updated_at) if j.updated_at else None,
            "created_at": ts(j.created_at) if j.created_at else None,
            "demographic_question_set_id": None,
            "questions": [FORM_FIELD.render(f, self.wire) for f in ordered],
        }

    @kept
    def interview(self, i: rec.InterviewRecord) -> JSON:
        interviewers = []
        for u in i.interviewer_ids:
            user = self.users.get(u)
            scorecard = self.scorecard_of.get((i.id, u))
            interviewers.append(
                {
                    "id": encode_id(u),
                    "employee_id": None,
                    "name": user.name if user else None,
                    "email": user.emails[0].email if user and user.emails else None,
                    "response_status": "accepted",
                    "scorecard_id": encode_id(scorecard) if scorecard else None,
                }
            )
        return {
            **INTERVIEW.render(i, self.wire),
            "external_event_id": i.id,
            "video_conferencing_url": None,
            "interview": ref(self.stages.get(i.job_interview_stage_id or "")),
            "interviewers": interviewers,
        }

    @kept
    def scorecard(self, s: rec.ScorecardRecord) -> JSON:
        interview = cast("rec.InterviewRecord | None", self.data.get(R.INTERVIEW, s.interview_id or ""))
        stage = self.stages.get(interview.job_interview_stage_id or "") if interview else None
        return {
            **SCORECARD.render(s, self.wire),
            "interview": stage.name if stage else None,
            "interview_step": ref(stage),
            "interviewed_at": ts(interview.start_at) if interview and interview.start_at else None,
            "attributes": [],
            "ratings": {"definitely_not": [], "no": [], "mixed": [], "yes": [], "strong_yes": []},
        }

    @kept
    def offer(self, o: rec.OfferRecord) -> JSON:
        return {**OFFER.render(o, self.wire), "version": 1, "opening": None, **CUSTOM}
