"""Ashby payloads to unified records, declared as data (``kit/mapping.py``): the same
``RecordMap`` reads a payload and renders a sandbox record back for the simulator. Embedded
records are built only from objects as complete as Ashby's own list of them (a tag, a user in
``creditedToUser``, an archive reason, a stage); stubs (``application.candidate``) give ids."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any, Final

from .. import records as rec
from ..kit import mapping as kit
from ..kit.fieldspecs import Negated, Single
from ..kit.mapping import At, Ctx, Fn, RecordMap, Ref, Refs, Table, Wire, embedded_at, fn
from ..kit.people import email_at, name_of, primary_first
from ..kit.times import iso_z_millis as iso
from .payloads import AshbyApplication, AshbyCandidate, AshbyContact, AshbyJobPosting, AshbyOffer

R = rec.Resource

CONTACT_TYPE: Final = {"Personal": "personal", "Work": "work", "Other": "other"}
"""E-mail and phone ``type`` (spec enum) to the unified labels; others stay raw."""
SOCIAL_LINK_TYPE: Final = {
    "LinkedIn": "linkedin",
    "GitHub": "github",
    "Twitter": "twitter",
    "Medium": "medium",
    "StackOverflow": "stackoverflow",
    "Website": "website",
}
"""``socialLinks[].type`` (spec enum) to unified URL types; others stay raw."""
JOB_STATUS: Final = {
    "Open": rec.JobStatus.OPEN,
    "Closed": rec.JobStatus.CLOSED,
    "Draft": rec.JobStatus.DRAFT,
    "Archived": rec.JobStatus.ARCHIVED,
}
JOB_TYPE: Final = {
    "FullTime": rec.JobType.FULL_TIME,
    "PartTime": rec.JobType.PART_TIME,
    "Contract": rec.JobType.CONTRACT,
    "Intern": rec.JobType.INTERNSHIP,
    "Temporary": rec.JobType.TEMPORARY,
}
FORM_FIELD_TYPE: Final = {
    "String": rec.FormFieldType.SHORT_TEXT,
    "LongText": rec.FormFieldType.LONG_TEXT,
    "Email": rec.FormFieldType.EMAIL,
    "Phone": rec.FormFieldType.PHONE,
    "Url": rec.FormFieldType.URL,
    "File": rec.FormFieldType.FILE,
    "Number": rec.FormFieldType.NUMBER,
    "Boolean": rec.FormFieldType.BOOLEAN,
    "Date": rec.FormFieldType.DATE,
    "ValueSelect": rec.FormFieldType.SINGLE_SELECT,
    "MultiValueSelect": rec.FormFieldType.MULTI_SELECT,
}
"""Form ``field.type``; anything else (``Location``, ``Score``...) is OTHER + ``raw_type``."""
INTERVIEW_STATUS: Final = {
    "Scheduled": rec.InterviewStatus.SCHEDULED,
    "WaitingOnFeedback": rec.InterviewStatus.AWAITING_FEEDBACK,
    "Complete": rec.InterviewStatus.COMPLETED,
    "Cancelled": rec.InterviewStatus.CANCELLED,
}
"""``interviewSchedule.status``; the booking states are OTHER + ``raw_status``."""
OFFER_STATUS: Final = {
    "WaitingOnOfferApproval": rec.OfferStatus.APPROVAL_SENT,
    "WaitingOnCandidateResponse": rec.OfferStatus.SENT,
    "CandidateAccepted": rec.OfferStatus.ACCEPTED,
    "CandidateRejected": rec.OfferStatus.DECLINED,
}
"""``offerStatus``; the approval states and OfferCancelled are OTHER + ``raw_status``."""
ACCEPTANCE_STATUS: Final = {"Accepted": rec.OfferStatus.ACCEPTED, "Declined": rec.OfferStatus.DECLINED}
"""``acceptanceStatus``, read only when ``offerStatus`` is absent."""
ASHBY_OFFER_STATUS: Final = {v: k for k, v in OFFER_STATUS.items()} | {
    rec.OfferStatus.OPENED: "WaitingOnCandidateResponse",  # Ashby does not track opening
    rec.OfferStatus.DRAFT: "WaitingOnApprovalStart",
    rec.OfferStatus.APPROVED: "WaitingOnApprovalStart",
    rec.OfferStatus.DEPRECATED: "OfferCancelled",
}
"""The inverse: the unified statuses Ashby has no word for, as Ashby would show them."""
HIRING_MANAGER, RECRUITER = "Hiring Manager", "Recruiter"
"""``hiringTeam[].role`` labels of the unified hiring managers and recruiters."""
JOB_BOARD_URL_TYPE, APPLY_URL_TYPE = "job_board", "apply"
"""A posting's ``externalLink`` (its job-board page) and its ``applyLink`` when it differs."""


def _ts(path: str) -> At:
    """A timestamp as Ashby writes it (milliseconds, ``Z``)."""
    return At(path, iso)


def _in(key: str, read: Any) -> Fn:
    """A field of the object the read's context holds at ``key`` (an event's schedule)."""
    return Fn(lambda _p, ctx: read(ctx[key]))


# -- organisation ------------------------------------------------------------------------
TAG: Final = RecordMap(
    rec.TagRecord, {"id": Ref("id", resource=R.TAG), "name": At("title")}, {"isArchived": False}
)
REJECT_REASON: Final = RecordMap(
    rec.RejectReasonRecord,
    {"id": Ref("id", resource=R.REJECT_REASON), "name": At("text")},
    {"reasonType": "RejectedByOrg", "isArchived": False},
)
USER: Final = RecordMap(
    rec.UserRecord,
    {
        "id": Ref("id", resource=R.USER),
        "first_name": At("firstName"),
        "last_name": At("lastName"),
        "name": name_of(),
        "emails": email_at("email"),
        "disabled": Negated("isEnabled"),
        "access_role": At("globalRole"),
        "updated_at": _ts("updatedAt"),
    },
)
STAGE: Final = RecordMap(
    rec.JobInterviewStageRecord,
    {
        "id": Ref("id", resource=R.JOB_INTERVIEW_STAGE),
        "name": At("title"),
        "status": At("type"),
        "position": At("orderInInterviewPlan"),
        # known when read through its job's plan; rendered as the plan's id (one plan per job)
        "job_id": Fn(
            lambda _p, ctx: ctx.get("plan_of"),
            lambda s, w: {"interviewPlanId": w.encode(R.JOB, f"plan_{s.job_id or ''}")},
        ),
    },
    {"interviewStageGroupId": None},
)


def _address(p: Any) -> str | None:
    a = p.address.postalAddress if p.address else None
    parts = (a.addressLocality, a.addressRegion, a.addressCountry) if a else ()
    return ", ".join(x for x in parts if x) or None


def _postal(o: rec.OfficeRecord, _w: Wire) -> dict[str, Any]:
    """``"City, Region, Country"`` split so that the read's join gives it back (Ashby omits
    what it lacks)."""
    parts = o.location.split(", ") if o.location else []
    three = len(parts) >= 3
    named = {
        "addressLocality": ", ".join(parts[:-2]) if three else (parts[0] if parts else None),
        "addressRegion": parts[-2] if three else None,
        "addressCountry": parts[-1] if len(parts) >= 2 else None,
    }
    return {"address": {"postalAddress": {k: v for k, v in named.items() if v is not None}}}


OFFICE: Final = RecordMap(
    rec.OfficeRecord,
    {
        "id": Ref("id", resource=R.OFFICE),
        "name": At("name"),
        "parent_id": Ref("parentLocationId", resource=R.OFFICE),
        "location": fn(_address, _postal),
        "is_remote": fn(
            lambda p: p.isRemote,
            lambda o, _w: {"isRemote": o.is_remote, "workplaceType": "Remote" if o.is_remote else "OnSite"},
        ),
    },
    {"isArchived": False, "type": "Location"},
)
DEPARTMENT: Final = RecordMap(
    rec.DepartmentRecord,
    {
        "id": Ref("id", resource=R.DEPARTMENT),
        "name": At("name"),
        "parent_id": Ref("parentId", resource=R.DEPARTMENT),
        "status": fn(
            lambda p: None if p.isArchived is None else ("archived" if p.isArchived else "active"),
            lambda d, _w: {"isArchived": d.status == "archived"},
        ),
        "created_at": _ts("createdAt"),
        "updated_at": _ts("updatedAt"),
    },
    {"externalName": None, "extraData": None},
)


# -- candidates and applications ----------------------------------------------------------
def _contacts(primary: AshbyContact | None, others: Iterable[AshbyContact]) -> list[AshbyContact]:
    """The primary entry first, then the list, each value once."""
    seen: dict[str, AshbyContact] = {}
    for contact in [*([primary] if primary else []), *others]:
        seen.setdefault(contact.value, contact)
    return list(seen.values())


def _contact(value: str, kind: str | None, primary: bool) -> dict[str, Any]:
    return {"value": value, "type": kit.key_of(CONTACT_TYPE, kind), "isPrimary": primary}


def emails_back(c: rec.CandidateRecord, _w: Wire) -> dict[str, Any]:
    first = primary_first(c.emails) if c.emails else None
    return {
        "primaryEmailAddress": _contact(first.email, first.type, True) if first else None,
        "emailAddresses": [_contact(e.email, e.type, e is first) for e in c.emails],
    }


def phones_back(c: rec.CandidateRecord, _w: Wire) -> dict[str, Any]:
    return {
        "primaryPhoneNumber": _contact(c.phones[0].number, c.phones[0].type, True) if c.phones else None,
        "phoneNumbers": [_contact(p.number, p.type, i == 0) for i, p in enumerate(c.phones)],
    }


def _location_back(c: rec.CandidateRecord, w: Wire) -> dict[str, Any]:
    if not c.locations:
        return {}
    summary = c.locations[0]
    components = [{"type": "City", "name": summary.split(", ")[0]}]
    ref = w.encode(R.CANDIDATE, f"loc_{c.id}")
    return {"location": {"id": ref, "locationSummary": summary, "locationComponents": components}}


def handles(p: AshbyCandidate) -> list[Any]:
    """A candidate's files: the resume first when ``fileHandles`` does not list it."""
    resume = p.resumeFileHandle
    listed = [resume] if resume and all(h.id != resume.id for h in p.fileHandles) else []
    return listed + list(p.fileHandles)


CANDIDATE: Final = RecordMap(
    rec.CandidateRecord,
    {
        "id": Ref("id", resource=R.CANDIDATE),
        "name": At("name"),
        "company": At("company"),
        "title": At("position"),
        "locations": fn(
            lambda p: (
                (loc.locationSummary,)
                if (loc := p.location or p.primaryLocation) and loc.locationSummary
                else ()
            ),
            _location_back,
        ),
        "emails": fn(
            lambda p: tuple(
                rec.EmailAddress(
                    email=c.value, type=kit.label_of(CONTACT_TYPE, c.type), is_primary=c.isPrimary
                )
                for c in _contacts(p.primaryEmailAddress, p.emailAddresses)
            ),
            emails_back,
        ),
        "phones": fn(
            lambda p: tuple(
                rec.PhoneNumber(number=c.value, type=kit.label_of(CONTACT_TYPE, c.type))
                for c in _contacts(p.primaryPhoneNumber, p.phoneNumbers)
            ),
            phones_back,
        ),
        "urls": fn(
            lambda p: tuple(
                rec.Url(url=s.url, type=kit.label_of(SOCIAL_LINK_TYPE, s.type)) for s in p.socialLinks
            ),
            lambda c, _w: {
                "socialLinks": [{"type": kit.key_of(SOCIAL_LINK_TYPE, u.type), "url": u.url} for u in c.urls]
            },
        ),
        "tag_ids": fn(lambda p: tuple(t.id for t in p.tags)),  # rendered by the simulator (the tags)
        "application_ids": Refs("applicationIds", resource=R.APPLICATION),
        "attachment_ids": fn(lambda p: tuple(h.id for h in handles(p))),  # rendered by the simulator
        "created_at": _ts("createdAt"),
        "updated_at": _ts("updatedAt"),
    },
    dict.fromkeys(("school", "creditedToUser", "timezone", "fraudStatus")) | {"customFields": []},
)
ATTACHMENT: Final = RecordMap(
    rec.AttachmentRecord,
    {
        "id": Ref("id", resource=R.ATTACHMENT),
        "file_name": At("name"),
        "candidate_id": Fn(lambda _p, ctx: ctx["candidate"]),
        "application_id": Fn(lambda _p, ctx: ctx.get("application")),
        # Ashby marks only the resume (``resumeFileHandle``); other files have no type.
        "attachment_type": Fn(
            lambda p, ctx: rec.AttachmentType.RESUME if p.id == ctx.get("resume") else None
        ),
    },
)


def candidate_embeds(p: AshbyCandidate, _ctx: Ctx) -> list[rec.Record]:
    resume = p.resumeFileHandle.id if p.resumeFileHandle else None
    attachments = [ATTACHMENT.read(h, {"candidate": p.id, "resume": resume}) for h in handles(p)]
    return [*(TAG.read(t) for t in p.tags), *attachments]


def _archived(p: AshbyApplication) -> bool:
    """``status`` (Active | Hired | Archived | Lead): Archived means rejected."""
    return p.status == "Archived"


def _resume(p: AshbyApplication) -> tuple[str, ...] | None:
    """``application.info`` ships ``resumeFileHandle``, ``application.list`` does not: unknown."""
    return None if "resumeFileHandle" not in p.raw else (p.resumeFileHandle.id,) if p.resumeFileHandle else ()


APPLICATION: Final = RecordMap(
    rec.ApplicationRecord,
    {
        "id": Ref("id", resource=R.APPLICATION),
        "candidate_id": Ref("candidate.id", resource=R.CANDIDATE),
        "job_id": Ref("job.id", resource=R.JOB),
        "applied_at": _ts("createdAt"),
        "rejected_at": fn(
            lambda p: p.archivedAt if _archived(p) else None,
            lambda a, _w: {"archivedAt": iso(a.rejected_at) if a.rejected_at else None},
        ),
        "source": fn(lambda p: rec.Source(id=p.source.id, name=p.source.title) if p.source else None),
        "credited_to_id": fn(lambda p: p.creditedToUser.id if p.creditedToUser else None),
        "current_stage_id": fn(lambda p: p.currentInterviewStage.id if p.currentInterviewStage else None),
        "reject_reason_id": fn(lambda p: p.archiveReason.id if p.archiveReason and _archived(p) else None),
        "attachment_ids": fn(_resume),
        "created_at": _ts("createdAt"),
        "updated_at": _ts("updatedAt"),
    },  # the embedded objects, the status and the resume are rendered by the simulator
    {"customFields": [], "hiringTeam": [], "submitterClientIp": None, "submitterUserAgent": None},
)


def application_resume(p: AshbyApplication, _ctx: Ctx) -> list[rec.Record]:
    if not (_resume(p) and p.resumeFileHandle):
        return []
    at = {"candidate": p.candidate.id, "resume": p.resumeFileHandle.id, "application": p.id}
    return [ATTACHMENT.read(p.resumeFileHandle, at)]


APPLICATION_EMBEDS: Final = (
    embedded_at("creditedToUser", USER),
    embedded_at("currentInterviewStage", STAGE),
    embedded_at("archiveReason", REJECT_REASON),
    application_resume,
)


# -- jobs ----------------------------------------------------------------------------------
def _posting_urls(p: Any, ctx: Ctx) -> tuple[rec.Url, ...]:
    """The job's entries of ``jobPosting.list`` (``ctx["postings"]``: by job, read by the adapter)."""
    urls: list[rec.Url] = []
    for posting in ctx.get("postings", {}).get(p.id, ()):
        if posting.externalLink:
            urls.append(rec.Url(url=posting.externalLink, type=JOB_BOARD_URL_TYPE))
        if posting.applyLink and posting.applyLink != posting.externalLink:
            urls.append(rec.Url(url=posting.applyLink, type=APPLY_URL_TYPE))
    return tuple(urls)


def _team(role: str) -> Fn:
    return fn(lambda p: tuple(m.userId for m in p.hiringTeam if m.role == role))  # rendered by the simulator


JOB: Final = RecordMap(
    rec.JobRecord,
    {
        "id": Ref("id", resource=R.JOB),
        "name": At("title"),
        "requisition_id": At("customRequisitionId"),
        "status": Table("status", JOB_STATUS, rec.JobStatus.OTHER, raw="raw_status"),
        # the expanded location's address, else its name (rendered by the simulator)
        "locations": fn(lambda p: (w,) if (o := _office(p)) and (w := o.location or o.name) else ()),
        "job_posting_urls": Fn(_posting_urls),
        "confidential": At("confidential"),
        "department_ids": Single("departmentId", resource=R.DEPARTMENT, empty=None),  # one at most
        "office_ids": Single("locationId", resource=R.OFFICE, empty=None),
        "hiring_manager_ids": _team(HIRING_MANAGER),
        "recruiter_ids": _team(RECRUITER),
        "is_remote": fn(lambda p: o.is_remote if (o := _office(p)) else None),
        "job_type": Table("employmentType", JOB_TYPE, rec.JobType.OTHER, raw="raw_job_type"),
        "created_at": _ts("createdAt"),
        "updated_at": _ts("updatedAt"),
        "opened_at": _ts("openedAt"),
        "closed_at": _ts("closedAt"),
    },
    {"customFields": [], "brandId": None, "author": None},
)


def _office(p: Any) -> rec.OfficeRecord | None:
    return OFFICE.read(p.location) if p.location else None


FORM_FIELD: Final = RecordMap(
    rec.JobFormFieldRecord,
    {
        "id": Ref("field.id", resource=R.JOB_FORM_FIELD),
        "name": At("field.path"),
        "job_id": Fn(lambda _p, ctx: ctx["job"]),
        "label": At("field.title"),
        "index": Fn(lambda _p, ctx: ctx["index"]),
        "is_required": At("isRequired"),
        "description": At("descriptionPlain"),
        "type": Table("field.type", FORM_FIELD_TYPE, rec.FormFieldType.OTHER, raw="raw_type"),
        "options": fn(
            lambda p: tuple(
                rec.FormFieldOption(label=v.label, value=v.value) for v in p.field.selectableValues
            ),
            lambda f, _w: {
                "field": {"selectableValues": [{"label": o.label, "value": o.value} for o in f.options]}
            },
        ),
        "group_name": Fn(lambda _p, ctx: ctx["group_name"]),
    },
)
"""One entry of a posting's application form (``jobPosting.info``)."""


def form_fields(p: AshbyJobPosting, _ctx: Ctx) -> list[rec.JobFormFieldRecord]:
    """A posting's form fields in order. A titled section is a group: Ashby gives sections no
    id, so ``group_id`` is ``<posting id>:<section number>`` and ``index`` counts within the
    section; untitled sections' fields are numbered together. A field's id is
    ``<posting id>:<field id>`` (a field belongs to one posting's form)."""
    out: list[rec.JobFormFieldRecord] = []
    sections = p.applicationFormDefinition.sections if p.applicationFormDefinition else []
    loose = 0
    for number, section in enumerate(sections):
        group = f"{p.id}:{number}" if section.title else None
        for position, entry in enumerate(section.fields):
            if group is None:
                position, loose = loose, loose + 1
            ctx = {"job": p.jobId, "index": position, "group_name": section.title if group else None}
            record = FORM_FIELD.read(entry, ctx)
            out.append(record.model_copy(update={"id": f"{p.id}:{record.id}", "group_id": group}))
    return out


# -- the hiring process --------------------------------------------------------------------
INTERVIEW: Final = RecordMap(
    rec.InterviewRecord,
    {
        "id": Ref("id", resource=R.INTERVIEW),
        "application_id": _in("schedule", lambda s: s.applicationId),
        "job_interview_stage_id": _in("schedule", lambda s: s.interviewStageId),
        "interviewer_ids": Refs("interviewerUserIds", resource=R.USER),
        "location": fn(
            lambda p: p.location or p.meetingLink, lambda i, _w: {"location": i.location, "meetingLink": None}
        ),
        "start_at": _ts("startTime"),
        "end_at": _ts("endTime"),
        "status": _in(
            "schedule", lambda s: kit.looked_up(INTERVIEW_STATUS, s.status, rec.InterviewStatus.OTHER)
        ),
        "raw_status": _in("schedule", lambda s: s.status),
        "created_at": _ts("createdAt"),
    },  # the schedule (status, application, stage) is rendered by the simulator
)
"""One scheduled event; the read's ``schedule`` gives its application, stage and status."""


def interviews(schedule: Any, ctx: Ctx) -> list[rec.Record]:
    return [INTERVIEW.read(e, {**ctx, "schedule": schedule}) for e in schedule.interviewEvents]


def _offer_status(p: AshbyOffer) -> tuple[rec.OfferStatus | None, str | None]:
    if p.offerStatus:
        return kit.looked_up(OFFER_STATUS, p.offerStatus, rec.OfferStatus.OTHER), p.offerStatus
    return kit.looked_up(ACCEPTANCE_STATUS, p.acceptanceStatus, rec.OfferStatus.OTHER), p.acceptanceStatus


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _versions(p: AshbyOffer) -> list[Any]:
    return p.versions or ([p.latestVersion] if p.latestVersion else [])


OFFER: Final = RecordMap(
    rec.OfferRecord,
    {
        "id": Ref("id", resource=R.OFFER),
        "application_id": Ref("applicationId", resource=R.APPLICATION),
        "creator_id": fn(lambda p: v.author.id if (v := p.latestVersion) and v.author else None),
        "closed_at": _ts("decidedAt"),
        "start_date": fn(lambda p: _day(p.latestVersion.startDate) if p.latestVersion else None),
        "status": fn(
            lambda p: _offer_status(p)[0],
            lambda o, _w: {
                "offerStatus": ASHBY_OFFER_STATUS.get(o.status, o.raw_status) if o.status else o.raw_status,
                "acceptanceStatus": {"accepted": "Accepted", "declined": "Declined"}.get(
                    o.status.value if o.status else "", "Pending"
                ),
            },
        ),
        "raw_status": fn(lambda p: _offer_status(p)[1]),
        "created_at": fn(lambda p: min((c for v in _versions(p) if (c := v.createdAt)), default=None)),
        "updated_at": fn(lambda p: p.latestVersion.createdAt if p.latestVersion else None),
    },  # the versions are rendered by the simulator
)


def _answer(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return json.dumps(value, sort_keys=True)


def _form_values(p: Any) -> tuple[rec.FormValue, ...]:
    """Answers in the form's order, each under its field's title (an unknown path: the path)."""
    entries = (e for s in (p.formDefinition.sections if p.formDefinition else []) for e in s.fields)
    titles = {e.field.path: e.field.title or e.field.path for e in entries if e.field.path}
    order = [path for path in titles if path in p.submittedValues]
    order += [path for path in p.submittedValues if path not in titles]
    return tuple(
        rec.FormValue(question=titles.get(k, k), answer=_answer(p.submittedValues[k])) for k in order
    )


def _form_back(s: rec.ScorecardRecord, w: Wire) -> dict[str, Any]:
    paths = [f"field_{n}" for n in range(len(s.form_values))]
    field_id = w.encode(R.SCORECARD, f"q{s.id}")[:-2]
    fields = [
        {
            "isRequired": False,
            "field": {"id": f"{field_id}{n:02x}", "type": "String", "path": k, "title": v.question},
        }
        for n, (k, v) in enumerate(zip(paths, s.form_values, strict=True))
    ]
    values = {k: v.answer for k, v in zip(paths, s.form_values, strict=True)}
    return {"formDefinition": {"sections": [{"fields": fields}]}, "submittedValues": values}


SCORECARD: Final = RecordMap(
    rec.ScorecardRecord,
    {
        "id": Ref("id", resource=R.SCORECARD),
        "application_id": Ref("applicationId", resource=R.APPLICATION),
        "interviewer_id": fn(lambda p: p.submittedByUser.id if p.submittedByUser else None),  # the simulator
        "submitted_at": _ts("submittedAt"),
        "form_values": fn(_form_values, _form_back),
    },
    dict.fromkeys(("interviewId", "feedbackFormDefinitionId", "applicationHistoryId")),
)
ACTIVITY: Final = RecordMap(
    rec.ActivityRecord,
    {
        "id": Ref("id", resource=R.ACTIVITY),
        "candidate_id": Fn(lambda _p, ctx: ctx["notes_of"]),
        "actor_id": fn(lambda p: p.author.id if p.author else None),  # rendered by the simulator
        "activity_type": fn(lambda _p: rec.ActivityType.NOTE),
        "body": At("content"),
        "created_at": _ts("createdAt"),
    },
)
"""A candidate note (``candidate.listNotes``), Ashby's only readable activity."""
