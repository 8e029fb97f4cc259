"""Lever payloads to unified records, as data (``kit/mapping.py``); the simulator renders the
same maps back (``Fn.back`` where a field is computed). The entity model, decided once:

- **Candidate = the contact**: the fields Lever repeats on every opportunity of a contact come
  from the most recently updated one; tags and applications are the union over all of them,
  ``created_at`` the earliest, ``updated_at`` / ``last_interaction_at`` the latest. First and
  last names are not split from Lever's one ``name`` (a guess); ``is_private`` does not exist.
- **Application = the opportunity**: its job is the posting of its (expanded) application. An
  archived opportunity is rejected unless its archive reason's type is ``hired``.
- **Job = the posting**: departments and offices are free text, so only ``teams`` is filled.
- The pipeline is account-wide: a stage has no job. A tag's id is its text.
- What hangs under an opportunity (interviews, feedback, notes, offers, files, resumes) is
  resolved by Lever only there, so its id is ``"{opportunity}:{own id}"`` and ``remote_id``
  Lever's own; form fields are ``"{posting}:{group}:{name}"``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, Final

from .. import records as rec
from ..kit.fieldspecs import Blank, Listed, Single, pair_id
from ..kit.mapping import NO_CTX, At, Ctx, Fn, R, RecordMap, Table, Wire, fn
from ..kit.nested import Nested
from ..kit.times import epoch_ms
from .payloads import ApplyField, LeverApplyForm, LeverOpportunity

# Tables: where two wire values share a unified one, the one listed last is what the simulator sends.
JOB_STATUS: Final = {
    "internal": rec.JobStatus.OPEN,  # open, listed only on the internal job site
    "published": rec.JobStatus.OPEN,
    "closed": rec.JobStatus.CLOSED,
    "draft": rec.JobStatus.DRAFT,
    "pending": rec.JobStatus.PENDING,  # awaiting approval; "rejected" (approval refused) is OTHER
}
JOB_TYPE: Final = {
    "full time": rec.JobType.FULL_TIME,
    "full-time": rec.JobType.FULL_TIME,
    "part time": rec.JobType.PART_TIME,
    "part-time": rec.JobType.PART_TIME,
    "contractor": rec.JobType.CONTRACT,
    "contract": rec.JobType.CONTRACT,
    "intern": rec.JobType.INTERNSHIP,
    "internship": rec.JobType.INTERNSHIP,
    "temporary": rec.JobType.TEMPORARY,
}
"""``categories.commitment`` is free text per account: Lever's defaults, in any case."""
OFFER_STATUS: Final = {
    "draft": rec.OfferStatus.DRAFT,
    "approval-sent": rec.OfferStatus.APPROVAL_SENT,
    "approved": rec.OfferStatus.APPROVED,
    "sent-manually": rec.OfferStatus.SENT,
    "sent": rec.OfferStatus.SENT,
    "opened": rec.OfferStatus.OPENED,
    "denied": rec.OfferStatus.DECLINED,
    "signed": rec.OfferStatus.ACCEPTED,
}
OVERALL: Final = {
    "4 - Strong Hire": rec.OverallRecommendation.STRONG_YES,
    "3 - Hire": rec.OverallRecommendation.YES,
    "2 - No Hire": rec.OverallRecommendation.NO,
    "1 - Strong No Hire": rec.OverallRecommendation.DEFINITELY_NO,
}
"""The value of a feedback form's ``score-system`` field, Lever's fixed overall rating."""
SCORE: Final = {v: k for k, v in OVERALL.items()}
FORM_FIELD_TYPE: Final = {
    "text": rec.FormFieldType.SHORT_TEXT,
    "textarea": rec.FormFieldType.LONG_TEXT,
    "multiple-choice": rec.FormFieldType.SINGLE_SELECT,
    "dropdown": rec.FormFieldType.SINGLE_SELECT,
    "multiple-select": rec.FormFieldType.MULTI_SELECT,
    "file-upload": rec.FormFieldType.FILE,
    "yes-no": rec.FormFieldType.BOOLEAN,
    "date": rec.FormFieldType.DATE,
    "currency": rec.FormFieldType.NUMBER,
}
HIRED: Final = "hired"
_EPOCH: Final = datetime.fromtimestamp(0, UTC)


def unique(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def oldest_first(opportunities: Iterable[LeverOpportunity]) -> list[LeverOpportunity]:
    return sorted(opportunities, key=lambda o: (o.created_at or _EPOCH, o.id))


def nulls(keys: str) -> dict[str, Any]:
    """A template of null wire keys (the simulator's answers carry every key Lever's do)."""
    return dict.fromkeys(keys.split())


def _number(value: Decimal | None) -> int | float | None:
    return None if value is None else int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True)
class Own(RecordMap[R]):
    """A record whose id is composed but whose ``remote_id`` is Lever's own (``remote``)."""

    remote: Callable[[Any, Ctx], str | None] = lambda p, _ctx: p.id

    def read(self, payload: Any, ctx: Ctx = NO_CTX) -> R:
        return super().read(payload, ctx).model_copy(update={"remote_id": self.remote(payload, ctx)})


# -- the pipeline ------------------------------------------------------------------------------
def _rejected(p: LeverOpportunity, ctx: Ctx) -> bool:
    """``ctx["types"]``: archive reason id -> ``hired`` / ``non-hired``."""
    reason = p.archived.reason if p.archived else None
    return reason is not None and ctx["types"].get(reason) != HIRED


def _archived_back(a: rec.ApplicationRecord, _w: Wire) -> Json:
    if a.rejected_at is None:
        return {"archived": None}
    return {"archived": {"reason": a.reject_reason_id, "archived_at": epoch_ms(a.rejected_at)}}


Json = dict[str, Any]
_MS = epoch_ms
BY_PARENT: Final = Fn(lambda _p, _ctx: None)
"""A field filled by a by-parent read (``list_attachments_by_*``), declared for the tables."""

APPLICATION: Final = RecordMap(
    rec.ApplicationRecord,
    {
        "id": At("id"),
        "candidate_id": At("contact"),
        # the expanded application: the simulator renders it whole
        "job_id": fn(lambda p: a.posting if (a := p.application) else None),
        "applied_at": fn(lambda p: a.created_at if (a := p.application) else None),
        "rejected_at": Fn(lambda p, c: p.archived.archived_at if _rejected(p, c) else None, _archived_back),
        "reject_reason_id": Fn(lambda p, c: p.archived.reason if _rejected(p, c) else None),
        "source": fn(
            lambda p: rec.Source(name=p.sources[0]) if p.sources else None,
            lambda a, _w: {"sources": [a.source.name] if a.source and a.source.name else []},
        ),
        "credited_to_id": At("sourced_by"),
        "current_stage_id": fn(lambda p: p.stage_id, lambda a, _w: {"stage": a.current_stage_id}),
        "attachment_ids": BY_PARENT,
        "created_at": At("created_at", _MS),
        "updated_at": At("updated_at", _MS),
    },
    template={"stage_changes": [], "origin": "applied", "followers": [], "snoozed_until": None},
)


def to_application(o: LeverOpportunity, reason_types: Mapping[str, str]) -> rec.ApplicationRecord:
    return APPLICATION.read(o, {"types": reason_types})


def _latest(ctx: Ctx, name: str, pick: Callable[[list[datetime]], datetime] = max) -> datetime | None:
    times = [t for o in ctx["opps"] if (t := getattr(o, name)) is not None]
    return pick(times) if times else None


def _newest(ctx: Ctx) -> list[LeverOpportunity]:
    opps: list[LeverOpportunity] = ctx["opps"]
    return sorted(opps, key=lambda o: (o.updated_at or o.created_at or _EPOCH, o.id), reverse=True)


CANDIDATE: Final = RecordMap(
    rec.CandidateRecord,
    {
        "id": At("contact"),
        "name": At("name"),
        "title": Blank("headline"),
        "company": Fn(
            lambda _p, c: next((a.company for o in _newest(c) if (a := o.application) and a.company), None)
        ),
        "last_interaction_at": Fn(
            lambda _p, c: _latest(c, "last_interaction_at"),
            lambda c, _w: {"last_interaction_at": _MS(c.last_interaction_at)},
        ),
        "can_email": At("data_protection.contact.allowed"),
        "locations": Single("location"),
        "phones": fn(
            lambda p: tuple(rec.PhoneNumber(number=x.value, type=x.type) for x in p.phones if x.value),
            lambda c, _w: {"phones": [{"type": x.type, "value": x.number} for x in c.phones]},
        ),
        "emails": Listed("emails", lambda e, _i: rec.EmailAddress(email=e), lambda e: e.email),
        "urls": Listed("links", lambda u, _i: rec.Url(url=u), lambda u: u.url),
        "tag_ids": Fn(
            lambda _p, c: unique(t for o in c["opps"] for t in o.tags),
            lambda c, w: {"tags": w.ctx["tag_names"](c.tag_ids or ())},
        ),
        "application_ids": Fn(lambda _p, c: tuple(o.id for o in c["opps"])),
        "attachment_ids": BY_PARENT,
        "created_at": Fn(lambda _p, c: _latest(c, "created_at", min)),
        "updated_at": Fn(lambda _p, c: _latest(c, "updated_at")),
    },
    template={"data_protection": None},
)
"""Read from the contact's newest opportunity, ``ctx["opps"]`` all of them oldest first. Its
``back``s render the contact's part of an opportunity."""


def to_candidate(
    opportunities: Sequence[LeverOpportunity], reason_types: Mapping[str, str]
) -> rec.CandidateRecord:
    """One contact from all of its opportunities (at least one), embedding them as applications."""
    opps = oldest_first(opportunities)
    ctx = {"opps": opps, "types": reason_types}
    embedded = tuple(APPLICATION.read(o, ctx) for o in opps)
    return CANDIDATE.read(_newest(ctx)[0], ctx).model_copy(update={"embedded": embedded})


# -- postings and account lists ----------------------------------------------------------------
def _comp_back(j: rec.JobRecord, _w: Wire) -> Json:
    c = j.compensation
    if c is None:
        return {"salary_range": None}
    return {
        "salary_range": {
            "min": _number(c.min),
            "max": _number(c.max),
            "currency": c.currency,
            "interval": c.period,
        }
    }


def _first(values: Sequence[Any]) -> Any:
    return values[0] if values else None


JOB: Final = RecordMap(
    rec.JobRecord,
    {
        "id": At("id"),
        "name": At("text"),
        "description": fn(
            lambda p: (p.content.description_html or p.content.description or None) if p.content else None,
            lambda j, _w: {
                "content": {"description": j.description or "", "description_html": j.description or ""}
            },
        ),
        "requisition_id": fn(
            lambda p: _first(p.requisition_codes) or p.req_code or None,
            lambda j, _w: {"req_code": j.requisition_id, "requisition_codes": unique([j.requisition_id])},
        ),
        "status": Table("state", JOB_STATUS, rec.JobStatus.OTHER, raw="raw_status"),
        "locations": fn(
            lambda p: unique(p.categories.all_locations or [p.categories.location]) if p.categories else (),
            lambda j, _w: {
                "categories": {"location": _first(j.locations), "all_locations": list(j.locations)}
            },
        ),
        "job_posting_urls": fn(
            lambda p: (
                tuple(
                    rec.Url(url=u, type=t) for t, u in (("show", p.urls.show), ("apply", p.urls.apply)) if u
                )
                if p.urls
                else ()
            ),
            lambda j, _w: {
                "urls": dict(
                    zip(("show", "apply"), [*(u.url for u in j.job_posting_urls), None, None], strict=False)
                )
            },
        ),
        "confidential": fn(
            lambda p: p.confidentiality == "confidential" if p.confidentiality else None,
            lambda j, _w: {"confidentiality": "confidential" if j.confidential else "non-confidential"},
        ),
        "teams": Single("categories.team", lambda n: rec.Team(name=n), lambda t: t.name, empty=None),
        "hiring_manager_ids": Single("hiring_manager", empty=None),
        "recruiter_ids": fn(
            lambda p: unique([p.owner]),
            lambda j, _w: {"owner": _first(j.recruiter_ids), "user": _first(j.recruiter_ids)},
        ),
        "tag_ids": fn(lambda p: unique(p.tags), lambda j, w: {"tags": w.ctx["tag_names"](j.tag_ids)}),
        "is_remote": fn(
            lambda p: {"remote": True, "onsite": False, "hybrid": False}.get(p.workplace_type or ""),
            lambda j, _w: {
                "workplace_type": {True: "remote", False: "onsite", None: "unspecified"}[j.is_remote]
            },
        ),
        "raw_job_type": At("categories.commitment"),
        "job_type": fn(
            lambda p: (
                JOB_TYPE.get(c.casefold(), rec.JobType.OTHER)
                if p.categories and (c := p.categories.commitment)
                else None
            ),
            lambda j, _w: {
                "categories": {
                    "commitment": {v: k for k, v in JOB_TYPE.items()}.get(j.job_type) or j.raw_job_type
                }
            },
        ),
        "job_position_level": At("categories.level"),
        "compensation": fn(
            lambda p: (
                rec.Compensation(min=s.min, max=s.max, currency=s.currency, period=s.interval)
                if (s := p.salary_range)
                else None
            ),
            _comp_back,
        ),
        "created_at": At("created_at", _MS),
        "updated_at": At("updated_at", _MS),
    },
    template={
        "categories": nulls("commitment department level location team all_locations"),
        "content": {"lists": [], "closing": "", "closing_html": ""},
        "urls": {"list": None},
        **nulls("distribution_channels country followers transcribe_interviews screening"),
    },
)

USER: Final = RecordMap(
    rec.UserRecord,
    {
        "id": At("id"),
        "name": At("name"),
        "emails": Single("email", lambda e: rec.EmailAddress(email=e), lambda e: e.email, empty=None),
        "disabled": fn(
            lambda p: p.deactivated_at is not None,
            lambda u, _w: {"deactivated_at": _MS(u.updated_at or u.created_at) if u.disabled else None},
        ),
        "access_role": At("access_role"),
        "created_at": At("created_at", _MS),
    },
    template=nulls("username photo external_directory_id linked_contact_ids job_title manager_id"),
)

STAGE: Final = RecordMap(
    rec.JobInterviewStageRecord,
    {"id": At("id"), "name": At("text"), "position": Fn(lambda p, c: c["positions"].get(p.id))},
)
"""``ctx["positions"]``: the stages' order in ``GET /stages``, the account's one pipeline."""
REJECT_REASON: Final = RecordMap(
    rec.RejectReasonRecord,
    {"id": At("id"), "name": At("text")},
    template={"status": "active", "type": "non-hired"},
)
"""Every archive reason (hired ones too, which the adapter does not list: they are no rejection)."""
TAG: Final = RecordMap(rec.TagRecord, {"id": At("text"), "name": At("text")}, template={"count": None})

EEOC: Final = RecordMap(
    rec.EeocRecord,
    {
        "id": At("id"),
        "candidate_id": At("contact"),
        "submitted_at": At("eeo_survey_responded_at", _MS),
        "race": At("race"),
        "gender": At("gender"),
        "veteran_status": At("veteran"),
        "disability_status": At("disability"),
    },
    template=nulls(
        "application_archived_at application_archived_by application_archive_reason application_id "
        "application_title applied_at current_stage eeo_response_source hired_date hiring_manager "
        "opportunity_id opportunity_owner origin posting sources"
    ),
)


# -- under an opportunity (``ctx["opp"]``) -----------------------------------------------------
_ID: Final = Fn(lambda p, c: pair_id(c["opp"].id, p.id), lambda r, _w: {"id": r.id})
_OPP: Final = Fn(lambda _p, c: c["opp"].id)
_CONTACT: Final = Fn(lambda _p, c: c["opp"].contact)
_POSTING: Final = Fn(lambda _p, c: a.posting if (a := c["opp"].application) else None)
_UNDER: Final = {"id": _ID, "application_id": _OPP, "candidate_id": _CONTACT}
"""The fields of a record under an opportunity that the opportunity gives."""


def _answer(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return json.dumps(value, sort_keys=True)


def _overall(p: Any) -> str | None:
    return _answer(next((f.value for f in p.fields if f.type == "score-system"), None))


def _feedback_back(s: rec.ScorecardRecord, _w: Wire) -> Json:
    blank = nulls("id description required prompt options")
    score = SCORE.get(s.overall_recommendation) if s.overall_recommendation else None
    fields = [{**blank, "type": "score-system", "text": "Overall rating", "value": score}] if score else []
    answers = [{**blank, "type": "textarea", "text": v.question, "value": v.answer} for v in s.form_values]
    return {"fields": fields + answers}


def _minutes_back(i: rec.InterviewRecord, _w: Wire) -> Json:
    minutes = (i.end_at - i.start_at).total_seconds() / 60 if i.start_at and i.end_at else None
    return {"duration": int(minutes) if minutes is not None and minutes.is_integer() else minutes}


INTERVIEW: Final = Own(
    rec.InterviewRecord,
    {
        **_UNDER,
        "job_interview_stage_id": At("stage"),
        "organizer_id": At("user"),
        "interviewer_ids": Nested("interviewers", "person", many=True),
        "location": At("location"),
        "start_at": At("date", _MS),
        "end_at": fn(
            lambda p: p.date + timedelta(minutes=p.duration) if p.date and p.duration is not None else None,
            _minutes_back,
        ),
        # Lever records only a cancellation
        "status": fn(
            lambda p: rec.InterviewStatus.CANCELLED if p.canceled_at is not None else None,
            lambda i, _w: {
                "canceled_at": _MS(i.updated_at or i.created_at)
                if i.status is rec.InterviewStatus.CANCELLED
                else None
            },
        ),
        "raw_status": fn(lambda p: "canceled" if p.canceled_at is not None else None),
        "created_at": At("created_at", _MS),
    },
    template=nulls("panel subject note timezone feedback_template feedback_forms feedback_reminder postings"),
)

SCORECARD: Final = Own(
    rec.ScorecardRecord,
    {
        **_UNDER,
        "interview_id": Fn(
            lambda p, c: pair_id(c["opp"].id, p.interview) if p.interview else None,
            lambda s, _w: {"interview": s.interview_id},
        ),
        "interviewer_id": At("user"),
        "submitted_at": At("completed_at", _MS),
        "overall_recommendation": fn(
            lambda p: OVERALL.get(o, rec.OverallRecommendation.OTHER) if (o := _overall(p)) else None,
            _feedback_back,
        ),
        "raw_overall_recommendation": fn(_overall),
        "form_values": fn(
            lambda p: tuple(
                rec.FormValue(question=f.text or "", answer=_answer(f.value))
                for f in p.fields
                if f.type != "score-system"
            )
        ),
        "created_at": At("created_at", _MS),
        "updated_at": At("updated_at", _MS),
    },
    template=nulls("type text instructions base_template_id panel deleted_at"),
)


def _start_date(p: Any) -> date | None:
    start = p.field("anticipated_start_date")
    if not (isinstance(start, int | float) or (isinstance(start, str) and start.isdigit())):
        return None
    try:
        return datetime.fromtimestamp(int(start) / 1000, UTC).date()
    except (OverflowError, OSError):  # past what a date holds: no date, as a value that is no number
        return None


def _offer_fields(o: rec.OfferRecord, _w: Wire) -> Json:
    fields: list[Json] = [{"text": "Job posting", "identifier": "job_posting", "value": o.job_id}]
    if o.start_date:
        start = _MS(datetime(o.start_date.year, o.start_date.month, o.start_date.day, tzinfo=UTC))
        fields.append(
            {"text": "Anticipated start date", "identifier": "anticipated_start_date", "value": start}
        )
    return {"fields": fields}


OFFER: Final = Own(
    rec.OfferRecord,
    {
        **_UNDER,
        "job_id": Fn(
            lambda p, c: j if isinstance(j := p.field("job_posting"), str) else _POSTING.read(p, c),
            _offer_fields,
        ),
        "creator_id": At("creator"),
        "sent_at": At("sent_at", _MS),
        "start_date": fn(_start_date),
        "status": Table("status", OFFER_STATUS, rec.OfferStatus.OTHER, raw="raw_status"),
        "created_at": At("created_at", _MS),
    },
    template=nulls("sent_document signed_document approved_at"),
)

ACTIVITY: Final = Own(
    rec.ActivityRecord,
    {
        "id": _ID,
        "candidate_id": _CONTACT,
        "actor_id": At("user"),
        "activity_type": fn(lambda _p: rec.ActivityType.NOTE),  # the API has notes, no e-mail history
        "raw_activity_type": fn(lambda _p: "note"),
        # a note thread: its comments joined (its ``text`` is the form's title, always "Note")
        "body": fn(
            lambda p: "\n\n".join(str(f.value) for f in p.fields if f.value) or None,
            lambda a, _w: {
                "fields": [
                    {
                        "type": "note",
                        "text": "Comment",
                        "value": a.body,
                        "created_at": _MS(a.created_at),
                        "user": a.actor_id,
                        "score": None,
                        "stage": None,
                    }
                ]
            },
        ),
        "visibility": fn(
            lambda p: (
                None if p.secret is None else rec.Visibility.PRIVATE if p.secret else rec.Visibility.PUBLIC
            ),
            lambda a, _w: {"secret": a.visibility in (rec.Visibility.PRIVATE, rec.Visibility.ADMIN_ONLY)},
        ),
        "raw_visibility": fn(lambda p: None if p.secret is None else "secret" if p.secret else "not secret"),
        "created_at": At("created_at", _MS),
    },
    template={"text": "Note", "completed_at": None, "deleted_at": None},
)


FILE: Final = Own(
    rec.AttachmentRecord,
    {
        **_UNDER,
        "job_id": _POSTING,
        "file_name": At("name"),
        "file_url": At("download_url"),
        "attachment_type": fn(lambda _p: rec.AttachmentType.OTHER),
        "raw_attachment_type": fn(lambda _p: "file"),
        "created_at": At("uploaded_at", _MS),
    },
    template={"ext": None, "status": "processed", "size": None},
)
RESUME: Final = Own(
    rec.AttachmentRecord,
    {
        **_UNDER,
        "job_id": _POSTING,
        "file_name": At("file.name"),
        "file_url": At("file.download_url"),
        "attachment_type": fn(lambda _p: rec.AttachmentType.RESUME),
        "raw_attachment_type": fn(lambda _p: "resume"),
        "created_at": At("created_at", _MS),
    },
    template={"file": {"ext": None}, "parsed_data": None},
)


# -- application forms (``ctx``: the posting, group and place of each question) -----------------
_OPTIONS: Final = frozenset({"dropdown", "multiple-choice", "multiple-select"})

FORM_FIELD: Final = Own(
    rec.JobFormFieldRecord,
    {
        "id": Fn(lambda _p, c: pair_id(c["job"], pair_id(c["group"], c["name"]))),
        "name": Fn(lambda _p, c: c["name"], lambda f, _w: {"id": f.name}),
        "job_id": Fn(lambda _p, c: c["job"]),
        "label": At("text"),
        "index": Fn(lambda _p, c: c["index"]),
        "is_required": At("required"),
        "description": At("description"),
        "type": Table("type", FORM_FIELD_TYPE, rec.FormFieldType.OTHER, raw="raw_type"),
        "options": fn(
            lambda p: (
                tuple(rec.FormFieldOption(label=o.text, value=o.option_id or o.text) for o in p.options)
                if p.type in _OPTIONS
                else ()
            ),
            lambda f, _w: (
                {"options": [{"text": o.label, "option_id": o.value} for o in f.options]} if f.options else {}
            ),
        ),
        "group_id": Fn(lambda _p, c: c["group"]),
        "group_name": Fn(lambda _p, c: c["group_name"]),
    },
    remote=lambda p, c: p.id or c["name"],
)


def to_job_form_fields(p: LeverApplyForm, _ctx: Ctx = NO_CTX) -> tuple[rec.JobFormFieldRecord, ...]:
    """Every question of a posting's form, grouped as Lever groups them. ``name`` is the key to
    submit: the field name (personal information, links), the question id (custom questions),
    the EEO question key."""
    groups: list[tuple[str, str | None, list[tuple[str, ApplyField]]]] = [
        ("personalInformation", "Personal information", [(f.name or "", f) for f in p.personal_information]),
        ("urls", "Links", [(f.name or "", f) for f in p.urls]),
        *(
            (
                q.id or "customQuestions",
                q.text,
                [(f.id or f.text or str(i), f) for i, f in enumerate(q.fields)],
            )
            for q in p.custom_questions
        ),
        ("eeoQuestions", "EEO questions", list((p.eeo_questions or {}).items())),
    ]
    return tuple(
        FORM_FIELD.read(f, {"job": p.id, "group": group, "group_name": label, "index": i, "name": name})
        for group, label, fields in groups
        for i, (name, f) in enumerate(fields)
        if name
    )
