"""Sandbox records as Ashby JSON: the adapter's ``RecordMap``s rendered back (``mapping.py``),
plus what a mapping reads but cannot invert (embedded objects, stubs, statuses the sandbox
derives) and the keys only a recording shows. Ids are UUIDs (:func:`encode_id`); what Ashby
cannot carry is dropped, as Ashby would (a job's second office, a phone's extension...)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, cast

from ...kit.mapping import RecordMap, Wire, merge_into
from ...kit.simdata import from_uuid_id, uuid_id
from ...kit.times import iso_z_millis
from ...records import (
    ActivityRecord,
    ApplicationRecord,
    AttachmentRecord,
    AttachmentType,
    CandidateRecord,
    FormFieldType,
    InterviewRecord,
    JobFormFieldRecord,
    JobRecord,
    JobStatus,
    OfferRecord,
    OfferStatus,
    OfficeRecord,
    Resource,
    ScorecardRecord,
    UserRecord,
)
from .. import mapping as m

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
Json = dict[str, Any]
INTERVIEW_STATUS_BACK = {v: k for k, v in m.INTERVIEW_STATUS.items()}


encode_id, decode_id = uuid_id, from_uuid_id
"""Ashby ids are UUIDs: a sandbox id's bytes, zero-padded, and back."""


def posting_id(job_id: str) -> str:
    """Every sandbox job gets one Ashby job posting, which carries its application form."""
    return encode_id(f"post_{job_id}")


def plan_id(job_id: str) -> str:
    """Every sandbox job gets one Ashby interview plan holding its stages."""
    return encode_id(f"plan_{job_id}")


def schedule_id(interview_id: str) -> str:
    """Each sandbox interview gets its own schedule (Ashby keeps a status per schedule)."""
    return encode_id(f"s{interview_id}")


WIRE = Wire(encode=lambda _resource, value: encode_id(value))


def _rendered(record_map: RecordMap[Any]) -> functools.partial[Json]:
    """A record as ``record_map`` renders it with Ashby's ids (a partial: never bound to a renderer)."""
    return functools.partial(record_map.render, wire=WIRE)


def _ts(value: Any) -> str | None:
    return iso_z_millis(value) if value is not None else None


class Renderer:
    """Renders one dataset's records; looks up the records a payload embeds."""

    def __init__(self, data: Dataset) -> None:
        self.data = data

    def get(self, resource: Resource, sandbox_id: str | None) -> Any:
        return self.data.get(resource, sandbox_id) if sandbox_id else None

    def user(self, user_id: str | None) -> Json | None:
        u = self.get(R.USER, user_id)
        return m.USER.render(u, WIRE) if u else None

    # the records Ashby shows just as their mapping renders them
    user_of, department, tag = _rendered(m.USER), _rendered(m.DEPARTMENT), _rendered(m.TAG)
    reason, location, stage = _rendered(m.REJECT_REASON), _rendered(m.OFFICE), _rendered(m.STAGE)

    # -- candidates and applications ---------------------------------------------------------
    def files(self, ids: tuple[str, ...] | None) -> list[AttachmentRecord]:
        return [a for i in ids or () if isinstance(a := self.get(R.ATTACHMENT, i), AttachmentRecord)]

    @staticmethod
    def handle(a: AttachmentRecord | None) -> Json | None:
        if a is None:
            return None
        return {**m.ATTACHMENT.render(a, WIRE), "handle": encode_id(a.id).replace("-", "")}

    @staticmethod
    def resume(files: list[AttachmentRecord]) -> AttachmentRecord | None:
        return next((a for a in files if a.attachment_type is AttachmentType.RESUME), None)

    def source(self, a: ApplicationRecord | None) -> Json | None:
        if a is None or a.source is None or a.source.id is None:
            return None
        kind = {"id": encode_id(f"srctype_{a.source.id}"), "title": a.source.name, "isArchived": False}
        return {"id": encode_id(a.source.id), "title": a.source.name, "isArchived": False, "sourceType": kind}

    def candidate(self, c: CandidateRecord) -> Json:
        files = self.files(c.attachment_ids)
        first = self.get(R.APPLICATION, (c.application_ids or ("",))[0])
        return {
            **m.CANDIDATE.render(c, WIRE),
            "tags": [self.tag(t) for i in c.tag_ids or () if (t := self.get(R.TAG, i))],
            "resumeFileHandle": self.handle(self.resume(files)),
            "fileHandles": [self.handle(a) for a in files],
            "profileUrl": f"https://app.ashbyhq.com/candidates/{encode_id(c.id)}",
            "source": self.source(first),
        }

    def application_status(self, a: ApplicationRecord) -> str:
        """Ashby's ``status``, derived: the sandbox keeps a rejection date and offers, not a status."""
        if a.rejected_at is not None:
            return "Archived"
        offers = self.data.children(R.OFFER, "application").get(a.id, ())
        return (
            "Hired" if any(getattr(o, "status", None) is OfferStatus.ACCEPTED for o in offers) else "Active"
        )

    def application(self, a: ApplicationRecord, *, info: bool = False) -> Json:
        candidate: CandidateRecord | None = self.get(R.CANDIDATE, a.candidate_id)
        job: JobRecord | None = self.get(R.JOB, a.job_id)
        stage = self.get(R.JOB_INTERVIEW_STAGE, a.current_stage_id)
        reason = self.get(R.REJECT_REASON, a.reject_reason_id)
        out = m.APPLICATION.render(a, WIRE)
        contacts = {**m.emails_back(candidate, WIRE), **m.phones_back(candidate, WIRE)} if candidate else {}
        merge_into(
            out,
            {
                "candidate": {
                    "id": encode_id(a.candidate_id or ""),
                    "name": candidate.name if candidate else None,
                    "primaryEmailAddress": contacts.get("primaryEmailAddress"),
                    "primaryPhoneNumber": contacts.get("primaryPhoneNumber"),
                },
                "status": self.application_status(a),
                "currentInterviewStage": self.stage(stage) if stage else None,
                "source": self.source(a),
                "creditedToUser": self.user(a.credited_to_id),
                "archiveReason": {**self.reason(reason), "customFields": []} if reason else None,
                "appliedViaJobPostingId": posting_id(a.job_id) if a.job_id else None,
            },
        )
        out["job"] = {
            "id": encode_id(a.job_id or ""),
            "title": job.name if job else None,
            "locationId": encode_id(job.office_ids[0]) if job and job.office_ids else None,
            "departmentId": encode_id(job.department_ids[0]) if job and job.department_ids else None,
        }
        if not info:  # recorded: application.list's job stub has brandId, application.info's not
            out["job"]["brandId"] = None
            return out
        resume = self.resume(self.files(a.attachment_ids))
        return {**out, "resumeFileHandle": self.handle(resume), "applicationHistory": []}

    # -- jobs --------------------------------------------------------------------------------
    @staticmethod
    def job_status(j: JobRecord) -> str | None:
        """Ashby has no 'pending' job: one waiting for approval is a Draft there."""
        return "Draft" if j.status is JobStatus.PENDING else m.JOB.render(j, WIRE)["status"]

    def office(self, j: JobRecord) -> OfficeRecord | None:
        return self.get(R.OFFICE, j.office_ids[0]) if j.office_ids else None

    def job(self, j: JobRecord, *, expand_location: bool = False) -> Json:
        team = [(u, m.HIRING_MANAGER) for u in j.hiring_manager_ids] + [
            (u, m.RECRUITER) for u in j.recruiter_ids
        ]
        members = [(u, role) for i, role in team if isinstance(u := self.get(R.USER, i), UserRecord)]
        out = m.JOB.render(j, WIRE)
        out.update(
            status=self.job_status(j),
            defaultInterviewPlanId=plan_id(j.id),
            interviewPlanIds=[plan_id(j.id)],
            jobPostingIds=[posting_id(j.id)],
            hiringTeam=[
                {
                    "userId": encode_id(u.id),
                    "firstName": u.first_name,
                    "lastName": u.last_name,
                    "email": m.USER.render(u, WIRE)["email"],
                    "role": role,
                }
                for u, role in members
            ],
        )
        if expand_location:
            office = self.office(j)
            out["location"] = self.location(office) if office else None
        return out

    def posting_summary(self, j: JobRecord) -> Json:
        office, department = self.office(j), self.get(R.DEPARTMENT, (j.department_ids or ("",))[0])
        url = next((u.url for u in j.job_posting_urls if u.type == m.JOB_BOARD_URL_TYPE), None)
        c = j.compensation
        return {
            "id": posting_id(j.id),
            "title": j.name,
            "jobId": encode_id(j.id),
            "departmentName": getattr(department, "name", None),
            "teamName": j.teams[0].name if j.teams else None,
            "locationName": office.name if office else None,
            "locationExternalName": office.name if office else None,
            "workplaceType": "Remote" if j.is_remote else "OnSite",
            "employmentType": m.JOB.render(j, WIRE)["employmentType"] if j.job_type else None,
            "isListed": url is not None,
            "publishedDate": _ts(j.opened_at),
            "applicationDeadline": None,
            "externalLink": url,
            "applyLink": url,
            "locationIds": {
                "primaryLocationId": encode_id(office.id) if office else None,
                "secondaryLocationIds": [encode_id(o) for o in j.office_ids[1:]],
            },
            "compensationTierSummary": f"{c.currency} {c.min}-{c.max} per {c.period}" if c else None,
            "shouldDisplayCompensationOnJobBoard": c is not None,
            "updatedAt": _ts(j.updated_at),
        }

    @staticmethod
    def form_entry(f: JobFormFieldRecord) -> Json:
        out = m.FORM_FIELD.render(f, WIRE)
        out["field"].update(humanReadablePath=f.label, isNullable=not f.is_required)
        if not (f.options or f.type in (FormFieldType.SINGLE_SELECT, FormFieldType.MULTI_SELECT)):
            del out["field"]["selectableValues"]
        if f.description is None:
            del out["descriptionPlain"]
        else:
            out["descriptionHtml"] = f"<p>{f.description}</p>"
        return out

    def form(self, j: JobRecord) -> Json:
        """Ungrouped fields make the first (untitled) section; each group is a titled section."""
        found = [
            cast("JobFormFieldRecord", f) for f in self.data.children(R.JOB_FORM_FIELD, "job").get(j.id, ())
        ]
        groups: dict[str | None, list[JobFormFieldRecord]] = {None: []}
        for f in sorted(found, key=lambda f: f.index or 0):
            groups.setdefault(f.group_id, []).append(f)
        return {
            "sections": [
                {**({"title": fs[0].group_name} if g else {}), "fields": [self.form_entry(f) for f in fs]}
                for g, fs in groups.items()
            ]
        }

    def posting(self, j: JobRecord) -> Json:
        summary, office, text = self.posting_summary(j), self.office(j), j.description or ""
        html, c, published = f"<p>{text}</p>", j.compensation, summary["publishedDate"]
        components = [
            {
                "compensationType": "Salary",
                "interval": f"1 {(c.period or 'year').upper()}",
                "currencyCode": c.currency,
                "minValue": float(c.min) if c.min is not None else None,
                "maxValue": float(c.max) if c.max is not None else None,
                "summary": summary["compensationTierSummary"],
            }
            for c in ([j.compensation] if j.compensation else [])
        ]
        team = summary["teamName"]
        # the summary's keys, but its external name and compensation summary
        only = ("locationExternalName", "compensationTierSummary", "shouldDisplayCompensationOnJobBoard")
        return {
            **{k: v for k, v in summary.items() if k not in only},
            "descriptionPlain": text,
            "descriptionHtml": html,
            "descriptionSocial": text[:120],
            "descriptionParts": {
                "descriptionOpening": None,
                "descriptionBody": {"html": html, "plain": text},
                "descriptionClosing": None,
            },
            "teamNameHierarchy": [team] if team else [],
            "linkedData": {
                "@context": "https://schema.org/",
                "@type": "JobPosting",
                "title": j.name,
                "description": html,
                "datePosted": published,
            },
            "address": self.location(office)["address"] if office else None,
            "isRemote": j.is_remote,
            "applicationFormDefinition": self.form(j),
            "surveyFormDefinitions": [],
            "suppressDescriptionOpening": False,
            "suppressDescriptionClosing": False,
            "compensation": {
                "compensationTierSummary": summary["compensationTierSummary"],
                "summaryComponents": components,
                "compensationTiers": [],
                "shouldDisplayCompensation": c is not None,
            },
        }

    def plan(self, j: JobRecord) -> Json:
        """``jobInterviewPlan.info``: the job's plan and its stages in order."""
        found: Any = self.data.children(R.JOB_INTERVIEW_STAGE, "job").get(j.id, ())
        stages = sorted(found, key=lambda s: s.position or 0)
        return {
            "jobId": encode_id(j.id),
            "interviewPlanId": plan_id(j.id),
            "stages": [{**self.stage(s), "activities": []} for s in stages],
        }

    # -- the hiring process --------------------------------------------------------------------
    @staticmethod
    def schedule(i: InterviewRecord) -> Json:
        event = m.INTERVIEW.render(i, WIRE)
        event.update(
            interviewId=encode_id(f"def_{i.job_interview_stage_id or ''}"[:16]),
            interviewScheduleId=schedule_id(i.id),
            feedbackLink=f"https://app.ashbyhq.com/interview-feedback/{encode_id(i.id)}",
            hasSubmittedFeedback=i.status is not None and i.status.value == "completed",
        )
        status = INTERVIEW_STATUS_BACK.get(i.status, i.raw_status) if i.status else i.raw_status
        return {
            "id": schedule_id(i.id),
            "status": status,
            "applicationId": encode_id(i.application_id) if i.application_id else None,
            "interviewStageId": encode_id(i.job_interview_stage_id) if i.job_interview_stage_id else None,
            "interviewEvents": [event],
        }

    def offer(self, o: OfferRecord) -> Json:
        def version(suffix: str, created: Any) -> Json:
            start = o.start_date.isoformat() if o.start_date else None
            at = {
                "id": encode_id(f"{o.id}{suffix}"),
                "startDate": start,
                "salary": None,
                "createdAt": _ts(created),
            }
            return {**at, "customFields": [], "fileHandles": [], "author": self.user(o.creator_id)}

        latest = version("v", o.updated_at)
        versions = [latest] if o.created_at == o.updated_at else [version("f", o.created_at), latest]
        return {**m.OFFER.render(o, WIRE), "latestVersion": latest, "versions": versions}

    def feedback(self, s: ScorecardRecord) -> Json:
        return {**m.SCORECARD.render(s, WIRE), "submittedByUser": self.user(s.interviewer_id)}

    def note(self, a: ActivityRecord) -> Json:
        author = self.user(a.actor_id)
        keys = ("id", "firstName", "lastName", "email")
        return {**m.ACTIVITY.render(a, WIRE), "author": {k: author[k] for k in keys} if author else None}
