"""Sandbox records rendered in Workable's wire format (the recorded payloads' keys and types).

Departments, members, reasons, events, activities, offers and the account are the adapter's
``RecordMap``s rendered back (``mapping.py``); jobs add what the mapping reads but cannot
invert; candidates, stages and application forms are written here. Workable has less than the
unified model; what a payload cannot carry is left out (see
``tests/providers/workable/test_simulator.py`` for the projections the round trip expects).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from ...kit.mapping import Wire
from ...kit.tags import tag_name
from ...records import (
    ApplicationRecord,
    CandidateRecord,
    DepartmentRecord,
    InterviewRecord,
    JobFormFieldRecord,
    JobInterviewStageRecord,
    JobRecord,
    OfferRecord,
    OrganizationRecord,
    RejectReasonRecord,
    Resource,
    UserRecord,
)
from ..mapping import APPLICATION, CANDIDATE, INTERVIEW, JOB, OFFER, stage_id

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
JSON = dict[str, Any]


# -- ids -------------------------------------------------------------------------------------
# How the simulator names sandbox records, so tests can translate ids both ways. Workable ids are
# short lowercase hex strings and jobs have an uppercase ``shortcode``; the simulator uses the hex
# encoding of the sandbox id (``"app_000001"`` -> ``"6170705f303030303031"``), which keeps id
# order (keyset paging relies on it). A Workable candidate *is* an application, so a sandbox
# application's id names a Workable candidate. Stages are named by a slug of their name, unique
# within their job; form fields by their name (a question by its hex id); tags by their name.
def hex_id(sandbox_id: str) -> str:
    return sandbox_id.encode().hex()


def from_hex(workable_id: str) -> str:
    try:
        return bytes.fromhex(workable_id).decode()
    except (ValueError, UnicodeDecodeError):
        return ""


def shortcode(job_id: str) -> str:
    return hex_id(job_id).upper()


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "stage"


QUESTION_TYPES = frozenset({"single_select", "multi_select", "number", "other"})
"""Sandbox form-field types Workable can only carry as job questions, not as form fields."""


class IdCodec:
    """Translation between sandbox ids and the ids the Workable adapter reports."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.slugs: dict[str, str] = {}
        by_job: dict[str, set[str]] = {}
        stages: Sequence[JobInterviewStageRecord] = dataset.records(R.JOB_INTERVIEW_STAGE)  # type: ignore[assignment]
        for stage in sorted(stages, key=lambda s: (s.job_id or "", s.position or 0, s.id)):
            taken = by_job.setdefault(stage.job_id or "", set())
            base = slug = slugify(stage.name or "")
            n = 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            self.slugs[stage.id] = slug

    def adapter_id(self, resource: Resource, sandbox_id: str) -> str:
        """The id the Workable adapter gives the record ``sandbox_id`` of ``resource``."""
        if resource is R.JOB:
            return shortcode(sandbox_id)
        if resource is R.TAG:
            return tag_name(self.dataset, sandbox_id)
        if resource is R.JOB_INTERVIEW_STAGE:
            stage = self.dataset.get(R.JOB_INTERVIEW_STAGE, sandbox_id)
            assert isinstance(stage, JobInterviewStageRecord)
            return stage_id(shortcode(stage.job_id or ""), self.slugs[sandbox_id])
        if resource is R.JOB_FORM_FIELD:
            return self.form_field_id(self._field(sandbox_id))
        return hex_id(sandbox_id)

    def sandbox_id(self, resource: Resource, adapter_id: str) -> str:
        """The inverse of ``adapter_id`` (``""``: no record has that id)."""
        records = self.dataset.records(resource)
        return next((r.id for r in records if self.adapter_id(resource, r.id) == adapter_id), "")

    def _field(self, sandbox_id: str) -> JobFormFieldRecord:
        field = self.dataset.get(R.JOB_FORM_FIELD, sandbox_id)
        assert isinstance(field, JobFormFieldRecord)
        return field

    def form_field_id(self, field: JobFormFieldRecord) -> str:
        code = shortcode(field.job_id or "")
        if field.group_id:
            return f"{code}:{field.group_id}.{field.name}"
        if field.type is not None and field.type.value in QUESTION_TYPES:
            return f"{code}:question:{hex_id(field.id)}"
        return f"{code}:{field.name}"


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
NOWHERE: Final = dict.fromkeys(("country", "country_code", "region", "region_code", "city", "zip_code"))
"""The parts of a ``location`` the sandbox's one-line locations cannot fill."""
DETAIL: Final = dict.fromkeys(
    ("image_url", "outbound_mailbox", "cover_letter", "summary", "resume_url", "originating_candidate_id")
) | {"withdrew": False, "education_entries": [], "experience_entries": [], "skills": [], "answers": []}
"""The keys only a candidate's detail carries, none of which the sandbox fills."""
LOCATION_ENTRY: Final = dict.fromkeys(
    ("shortcode", "country_code", "country_name", "state_code", "subregion", "zip_code", "city", "coords")
) | {"hidden": False}
"""A job's ``locations`` entry: the sandbox's one-line locations fill its city, subregion and country."""
COMPLEX: Final = {"type": "complex", "multiple": True, "required": False}
"""A group of form fields (education, experience), which an application may repeat."""
QUESTION_TYPE: Final = {"number": "numeric", "single_select": "dropdown", "multi_select": "multiple_choice"}


class Renderer:
    def __init__(self, dataset: Dataset, codec: IdCodec, subdomain: str) -> None:
        self.data = dataset
        self.ids = codec
        self.subdomain = subdomain
        ctx = {"member_name": self.member_name, "tag_name": lambda t: tag_name(self.data, t)}
        self.wire = Wire(encode=codec.adapter_id, ctx={**ctx, "stage": self.stage, "reason": self.reason})
        org = next(iter(dataset.records(R.ORGANIZATION)), None)
        self.account = {
            "subdomain": subdomain,
            "name": org.name if isinstance(org, OrganizationRecord) else None,
        }

    def member_name(self, user_id: str) -> str | None:
        user = self._get(R.USER, user_id)
        return user.name if isinstance(user, UserRecord) else None

    def _get(self, resource: Resource, sandbox_id: str | None) -> Any:
        return self.data.get(resource, sandbox_id) if sandbox_id else None

    def job_ref(self, job_id: str | None) -> JSON | None:
        job = self._get(R.JOB, job_id)
        return {"shortcode": shortcode(job.id), "title": job.name} if isinstance(job, JobRecord) else None

    # -- candidates (one per sandbox application) ------------------------------------------
    def candidate(self, a: ApplicationRecord, *, detail: bool) -> JSON:
        """``CANDIDATE`` (the person) and ``APPLICATION`` rendered back into one payload; the
        list has neither the keys only the detail carries nor its nulls."""
        c = self._get(R.CANDIDATE, a.candidate_id)
        out: JSON = {**CANDIDATE.render(c, self.wire), **APPLICATION.render(a, self.wire)}
        out.update(
            account=self.account,
            job=self.job_ref(a.job_id),
            sourced=a.source is None,
            profile_url=f"https://{self.subdomain}.workable.com/backend/candidates/{out['id']}",
        )
        if not detail:
            for key in ("location", "social_profiles", "tags", "disqualified_at", "uploader_id"):
                del out[key]
            return {**out, "resume_metadata": None}
        out["location"].update(NOWHERE)
        return {**DETAIL, **out}

    def stage(self, stage_id: str | None) -> JSON:
        """The ``stage`` (its name) and ``stage_kind`` (its slug) of a candidate in that stage."""
        stage = self._get(R.JOB_INTERVIEW_STAGE, stage_id)
        return {
            "stage": stage.name if stage else None,
            "stage_kind": self.ids.slugs.get(stage.id) if stage else None,
        }

    def reason(self, a: ApplicationRecord) -> JSON:
        """Whether a candidate is disqualified, and the name of its reason."""
        reason = self._get(R.REJECT_REASON, a.reject_reason_id)
        return {
            "disqualified": a.rejected_at is not None or reason is not None,
            "disqualification_reason": reason.name if isinstance(reason, RejectReasonRecord) else None,
        }

    # -- jobs, stages, forms ----------------------------------------------------------------
    def job(self, j: JobRecord, *, description: bool) -> JSON:
        """``JOB`` rendered back, with what the mapping reads but cannot invert (the department
        hierarchy, location entries) and the keys only the list or only the detail carries."""
        departments = [
            d for i in j.department_ids[:1] if isinstance(d := self._get(R.DEPARTMENT, i), DepartmentRecord)
        ]
        hierarchy: list[JSON] = []
        node = departments[0] if departments else None
        while isinstance(node, DepartmentRecord):
            hierarchy.insert(0, {"id": hex_id(node.id), "name": node.name})
            node = self._get(R.DEPARTMENT, node.parent_id)
        out = JOB.render(j, self.wire)
        out["location"].update(location_str=j.locations[0] if j.locations else None, **NOWHERE)
        out.update(
            id=hex_id(j.id),
            full_title=f"{j.name} - {j.code}" if j.code else j.name,
            department=departments[0].name if departments else None,
            department_hierarchy=hierarchy,
            locations=[_location_entry(loc) for loc in j.locations],
        )
        if not description:  # the list has neither these nor, unless asked, the description
            for key in ("full_description", "employment_type", "experience"):
                del out[key]
            return out
        # the detail (GET /jobs/{shortcode}) has no sample flag nor location_str
        del out["sample"]
        del out["location"]["location_str"]
        out.update(dict.fromkeys(("requirements", "benefits", "industry", "function", "education")))
        out["description"] = j.description
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
                # the sandbox hires into a job's last stage: Workable's stage of kind "hired"
                "kind": "hired" if s is ordered[-1] else self.ids.slugs[s.id],
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
                if f.group_id not in groups:
                    groups[f.group_id] = {"key": f.group_id, "label": f.group_name, **COMPLEX, "fields": []}
                    form.append(groups[f.group_id])
                groups[f.group_id]["fields"].append(_form_field(f, FIELD_TYPE.get(raw, "string")))
            elif raw in QUESTION_TYPES:
                questions.append(_question(f, raw))
            else:
                form.append(_form_field(f, FIELD_TYPE.get(raw, raw)))
        return {"form_fields": form, "questions": questions}

    # -- the rest ---------------------------------------------------------------------------
    def event(self, i: InterviewRecord) -> JSON:
        """``INTERVIEW`` rendered back, with the job and the candidate the event names."""
        application: ApplicationRecord | None = self._get(R.APPLICATION, i.application_id)
        candidate: CandidateRecord | None = self._get(R.CANDIDATE, i.candidate_id)
        return {
            **INTERVIEW.render(i, self.wire),
            "title": f"Interview with {candidate.name}" if candidate else "Interview",
            "job": self.job_ref(application.job_id if application else None),
            "candidate": {"id": hex_id(application.id), "name": candidate.name if candidate else None}
            if application
            else None,
        }

    def offer(self, application: ApplicationRecord, offer: OfferRecord | None) -> JSON:
        candidate: CandidateRecord | None = self._get(R.CANDIDATE, application.candidate_id)
        ref = {"id": hex_id(application.id), "location": None, "name": candidate.name if candidate else None}
        return {"candidate": ref, **OFFER.render(offer, self.wire)} if offer else {"candidate": ref}


def _location_entry(value: str) -> JSON:
    parts = [p.strip() for p in value.split(",")]
    city, subregion, country = (parts[0], None, None)
    if len(parts) == 2:
        country = parts[1]
    elif len(parts) >= 3:
        subregion, country = parts[1], ", ".join(parts[2:])
    return {**LOCATION_ENTRY, "country_name": country, "subregion": subregion, "city": city}


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
