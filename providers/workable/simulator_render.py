"""Sandbox records rendered in Workable's wire format (the recorded payloads' keys and types).

Workable has less than the unified model; what a payload cannot carry is left out (see
``tests/providers/workable/test_simulator.py`` for the projections the round trip expects).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from ..records import (
    ActivityRecord,
    ActivityType,
    ApplicationRecord,
    CandidateRecord,
    DepartmentRecord,
    InterviewRecord,
    InterviewStatus,
    JobFormFieldRecord,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    JobType,
    OfferRecord,
    OfferStatus,
    OrganizationRecord,
    RejectReasonRecord,
    Resource,
    UserRecord,
)
from .simulator_ids import QUESTION_TYPES, IdCodec, hex_id, shortcode

if TYPE_CHECKING:
    from ..sandbox import Dataset

R = Resource
JSON = dict[str, Any]

JOB_STATE: Final = {
    JobStatus.OPEN: "published",
    JobStatus.CLOSED: "closed",
    JobStatus.DRAFT: "draft",
    JobStatus.ARCHIVED: "archived",
}
EMPLOYMENT_TYPE: Final = {
    JobType.FULL_TIME: "Full-time",
    JobType.PART_TIME: "Part-time",
    JobType.CONTRACT: "Contract",
    JobType.TEMPORARY: "Temporary",
    JobType.INTERNSHIP: "Internship",
    JobType.OTHER: "Other",
}
ACTION: Final = {ActivityType.NOTE: "comment", ActivityType.EMAIL: "message"}
OFFER_STATE: Final = {
    OfferStatus.DRAFT: "draft",
    OfferStatus.APPROVED: "approved",
    OfferStatus.SENT: "sent",
    OfferStatus.ACCEPTED: "accepted",
    OfferStatus.DECLINED: "declined",
}
FIELD_TYPE: Final = {
    "short_text": "string",
    "email": "string",
    "phone": "string",
    "url": "string",
    "long_text": "free_text",
    "file": "file",
    "boolean": "boolean",
    "date": "date",
}
QUESTION_TYPE: Final = {"number": "numeric", "single_select": "dropdown", "multi_select": "multiple_choice"}


def ts(value: datetime | None, millis: bool = False) -> str | None:
    if value is None:
        return None
    return value.strftime("%Y-%m-%dT%H:%M:%S.000Z" if millis else "%Y-%m-%dT%H:%M:%SZ")


class Renderer:
    def __init__(self, dataset: Dataset, codec: IdCodec, subdomain: str) -> None:
        self.data = dataset
        self.ids = codec
        self.subdomain = subdomain
        org = next(iter(dataset.records(R.ORGANIZATION)), None)
        self.account = {
            "subdomain": subdomain,
            "name": org.name if isinstance(org, OrganizationRecord) else None,
        }

    def _get(self, resource: Resource, sandbox_id: str | None) -> Any:
        return self.data.get(resource, sandbox_id) if sandbox_id else None

    def job_ref(self, job_id: str | None) -> JSON | None:
        job = self._get(R.JOB, job_id)
        return {"shortcode": shortcode(job.id), "title": job.name} if isinstance(job, JobRecord) else None

    # -- candidates (one per sandbox application) ------------------------------------------
    def candidate(self, a: ApplicationRecord, *, detail: bool) -> JSON:
        c: CandidateRecord = self._get(R.CANDIDATE, a.candidate_id)
        stage = self._get(R.JOB_INTERVIEW_STAGE, a.current_stage_id)
        reason = self._get(R.REJECT_REASON, a.reject_reason_id)
        disqualified = a.rejected_at is not None or reason is not None
        email = next((e.email for e in sorted(c.emails, key=lambda e: not e.is_primary)), None)
        out: JSON = {
            "id": hex_id(a.id),
            "name": c.name,
            "firstname": c.first_name,
            "lastname": c.last_name,
            "headline": c.title,
            "account": self.account,
            "job": self.job_ref(a.job_id),
            "stage": stage.name if stage else None,
            "stage_kind": self.ids.slugs.get(stage.id) if stage else None,
            "disqualified": disqualified,
            "anonymized": False,
            "disqualification_reason": reason.name if isinstance(reason, RejectReasonRecord) else None,
            "hired_at": None,
            "moved_to_offer_at": None,
            "sourced": a.source is None,
            "profile_url": f"https://{self.subdomain}.workable.com/backend/candidates/{hex_id(a.id)}",
            "address": c.locations[0] if c.locations else None,
            "phone": c.phones[0].number if c.phones else None,
            "email": email,
            "domain": None,
            "outlet": None,
            "common_source": a.source.name if a.source else None,
            "common_source_category": None,
            "created_at": ts(a.created_at),
            "updated_at": ts(a.updated_at),
        }
        if not detail:
            return {**out, "resume_metadata": None}
        out.update(
            image_url=None,
            disqualified_at=ts(a.rejected_at) if disqualified else None,
            withdrew=False,
            outbound_mailbox=None,
            uploader_id=hex_id(a.credited_to_id) if a.credited_to_id else None,
            cover_letter=None,
            summary=None,
            education_entries=[],
            experience_entries=[],
            skills=[],
            answers=[],
            resume_url=None,
            tags=[self.ids.tag_names[t] for t in c.tag_ids or ()],
            location={
                "location_str": c.locations[0] if c.locations else None,
                "country": None,
                "country_code": None,
                "region": None,
                "region_code": None,
                "city": None,
                "zip_code": None,
            },
            originating_candidate_id=None,
            social_profiles=[{"type": u.type, "name": u.type, "url": u.url} for u in c.urls],
        )
        return out

    # -- jobs, stages, forms ----------------------------------------------------------------
    def job(self, j: JobRecord, *, description: bool) -> JSON:
        state = JOB_STATE.get(j.status, j.raw_status or (j.status.value if j.status else None))  # type: ignore[arg-type]
        departments = [
            d for i in j.department_ids[:1] if isinstance(d := self._get(R.DEPARTMENT, i), DepartmentRecord)
        ]
        hierarchy: list[JSON] = []
        node = departments[0] if departments else None
        while isinstance(node, DepartmentRecord):
            hierarchy.insert(0, {"id": hex_id(node.id), "name": node.name})
            node = self._get(R.DEPARTMENT, node.parent_id)
        urls = [u.url for u in j.job_posting_urls] + [None, None, None]
        workplace = "remote" if j.is_remote else "on_site"
        locations = [_location_entry(loc) for loc in j.locations]
        out: JSON = {
            "id": hex_id(j.id),
            "title": j.name,
            "full_title": f"{j.name} - {j.code}" if j.code else j.name,
            "shortcode": shortcode(j.id),
            "code": j.code,
            "state": state,
            "sample": False,
            "confidential": bool(j.confidential),
            "department": departments[0].name if departments else None,
            "department_hierarchy": hierarchy,
            "url": urls[0],
            "application_url": urls[1],
            "shortlink": urls[2],
            "workplace_type": workplace,
            "location": {
                "location_str": j.locations[0] if j.locations else None,
                "country": None,
                "country_code": None,
                "region": None,
                "region_code": None,
                "city": None,
                "zip_code": None,
                "telecommuting": bool(j.is_remote),
                "workplace_type": workplace,
            },
            "locations": locations,
            "salary": None,
            "created_at": ts(j.created_at),
            "updated_at": ts(j.updated_at),
            "keywords": None,
        }
        comp = j.compensation
        if comp is not None:
            out["salary"] = {
                "salary_from": int(comp.min) if comp.min is not None else None,
                "salary_to": int(comp.max) if comp.max is not None else None,
                "salary_currency": comp.currency.lower() if comp.currency else None,
            }
        if description:  # the detail (GET /jobs/{shortcode}) has no sample flag nor location_str
            del out["sample"]
            del out["location"]["location_str"]
            out.update(
                full_description=j.description,
                description=j.description,
                requirements=None,
                benefits=None,
                employment_type=EMPLOYMENT_TYPE.get(j.job_type) if j.job_type else None,
                industry=None,
                function=None,
                experience=j.job_position_level,
                education=None,
            )
        return out

    def stages(self, job_id: str) -> list[JSON]:
        stages: Sequence[JobInterviewStageRecord] = self.data.children(R.JOB_INTERVIEW_STAGE, "job").get(
            job_id, ()
        )  # type: ignore[assignment]
        ordered = sorted(stages, key=lambda s: (s.position or 0, s.id))
        return [
            {
                "id": int(s.id.rsplit("_", 1)[-1]),
                "identifier": hex_id(s.id),
                "slug": self.ids.slugs[s.id],
                "name": s.name,
                "kind": self.ids.slugs[s.id],
                "position": s.position,
            }
            for s in ordered
        ]

    def application_form(self, job_id: str) -> JSON:
        fields: Sequence[JobFormFieldRecord] = self.data.children(R.JOB_FORM_FIELD, "job").get(job_id, ())  # type: ignore[assignment]
        ordered = sorted(fields, key=lambda f: (f.index or 0, f.id))
        form: list[JSON] = []
        groups: dict[str, JSON] = {}
        questions: list[JSON] = []
        for f in ordered:
            raw = f.type.value if f.type else "other"
            if f.group_id:
                group = groups.get(f.group_id)
                if group is None:
                    group = groups[f.group_id] = {
                        "key": f.group_id,
                        "label": f.group_name,
                        "type": "complex",
                        "multiple": True,
                        "required": False,
                        "fields": [],
                    }
                    form.append(group)
                group["fields"].append(_form_field(f, FIELD_TYPE.get(raw, "string")))
            elif raw in QUESTION_TYPES:
                questions.append(_question(f, raw))
            else:
                form.append(_form_field(f, FIELD_TYPE.get(raw, raw)))
        return {"form_fields": form, "questions": questions}

    # -- the rest ---------------------------------------------------------------------------
    def department(self, d: DepartmentRecord) -> JSON:
        parent = hex_id(d.parent_id) if d.parent_id else None
        return {"id": hex_id(d.id), "name": d.name, "parent_id": parent, "sample": False}

    def reason(self, r: RejectReasonRecord, position: int) -> JSON:
        return {"id": hex_id(r.id), "description": r.name, "candidate_withdrew": False, "position": position}

    def member(self, u: UserRecord) -> JSON:
        email = next((e.email for e in sorted(u.emails, key=lambda e: not e.is_primary)), None)
        return {
            "id": hex_id(u.id),
            "name": u.name,
            "headline": None,
            "email": email,
            "role": u.access_role,
            "type": "Member",
            "hris_role": None,
            "roles": [f"ats.{u.access_role}"] if u.access_role else [],
            "active": not u.disabled,
            "collaboration_rules": [],
            "hris_member_scope": None,
        }

    def member_ref(self, user_id: str, status: str | None = None) -> JSON:
        user = self._get(R.USER, user_id)
        out = {"id": hex_id(user_id), "name": user.name if user else None, "type": "Member"}
        return {**out, "status": status} if status is not None else out

    def event(self, i: InterviewRecord) -> JSON:
        application: ApplicationRecord | None = self._get(R.APPLICATION, i.application_id)
        candidate: CandidateRecord | None = self._get(R.CANDIDATE, i.candidate_id)
        out: JSON = {
            "id": hex_id(i.id),
            "title": f"Interview with {candidate.name}" if candidate else "Interview",
            "description": None,
            "type": "InterviewEvent",
            "starts_at": ts(i.start_at, millis=True),
            "ends_at": ts(i.end_at, millis=True),
            "cancelled": i.status is InterviewStatus.CANCELLED,
            "job": self.job_ref(application.job_id if application else None),
            "members": [self.member_ref(m, "accepted") for m in i.interviewer_ids],
            "candidate": {"id": hex_id(application.id), "name": candidate.name if candidate else None}
            if application
            else None,
        }
        if i.location and i.location.startswith(("http://", "https://")):
            out["conference"] = {"type": "zoom_meeting", "id": 1, "url": i.location}
        return out

    def activity(self, a: ActivityRecord) -> JSON:
        """An activity as ``GET /candidates/{id}/activities`` lists it (no ``candidate`` key)."""
        action = ACTION.get(a.activity_type) if a.activity_type else None
        out: JSON = {
            "id": hex_id(a.id),
            "action": action or a.raw_activity_type or "other",
            "stage_name": None,
            "action_stage": None,
            "target_stage": None,
            "created_at": ts(a.created_at, millis=True),
            "updated_at": ts(a.updated_at, millis=True),
            "body": a.body,
        }
        if a.actor_id:
            out["member"] = self.member_ref(a.actor_id)
        return out

    def offer(self, application: ApplicationRecord, offer: OfferRecord | None) -> JSON:
        candidate: CandidateRecord | None = self._get(R.CANDIDATE, application.candidate_id)
        ref = {"id": hex_id(application.id), "location": None, "name": candidate.name if candidate else None}
        if offer is None:
            return {"candidate": ref}
        state = OFFER_STATE.get(offer.status) if offer.status else None
        return {
            "candidate": ref,
            "created_at": ts(offer.created_at, millis=True),
            "document_variables": [],
            "documents": [],
            "state": state or offer.raw_status or (offer.status.value if offer.status else None),
        }

    def account_payload(self) -> JSON:
        org = next(iter(self.data.records(R.ORGANIZATION)), None)
        return {
            "id": hex_id(org.id) if org else "0",
            "name": org.name if isinstance(org, OrganizationRecord) else None,
            "subdomain": self.subdomain,
            "description": None,
            "summary": None,
            "website_url": None,
        }


def _location_entry(value: str) -> JSON:
    parts = [p.strip() for p in value.split(",")]
    city, subregion, country = (parts[0], None, None)
    if len(parts) == 2:
        country = parts[1]
    elif len(parts) >= 3:
        subregion, country = parts[1], ", ".join(parts[2:])
    return {
        "shortcode": None,
        "country_code": None,
        "country_name": country,
        "state_code": None,
        "subregion": subregion,
        "zip_code": None,
        "city": city,
        "coords": None,
        "hidden": False,
    }


def _form_field(f: JobFormFieldRecord, kind: str) -> JSON:
    out: JSON = {"key": f.name, "label": f.label, "type": kind, "required": bool(f.is_required)}
    if kind == "string":
        out["max_length"] = 255
    elif kind == "file":
        out.update(supported_file_types=["pdf", "doc", "docx", "odt", "rtf"], max_file_size=5242880)
    return out


def _question(f: JobFormFieldRecord, raw: str) -> JSON:
    out: JSON = {
        "id": hex_id(f.id),
        "body": f.label,
        "type": QUESTION_TYPE.get(raw, raw),
        "required": bool(f.is_required),
    }
    if raw in ("single_select", "multi_select"):
        out["single_answer"] = raw == "single_select"
        out["choices"] = [{"id": o.value or o.label, "body": o.label} for o in f.options]
    return out
