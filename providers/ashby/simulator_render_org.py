"""Sandbox organisation records rendered as Ashby JSON: jobs, job postings (with their
application forms), interview plans, departments and locations. See ``simulator_render.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from providers.records import (
    DepartmentRecord,
    FormFieldType,
    JobFormFieldRecord,
    JobInterviewStageRecord,
    JobRecord,
    OfficeRecord,
    Resource,
    UserRecord,
)

if TYPE_CHECKING:  # the sandbox is only needed to build a simulator, not to import one
    from providers.sandbox import Dataset

from .mapping_org import HIRING_MANAGER_ROLE, JOB_BOARD_URL_TYPE, RECRUITER_ROLE
from .simulator_render import (
    ASHBY_FORM_FIELD_TYPE,
    ASHBY_JOB_STATUS,
    ASHBY_JOB_TYPE,
    encode_id,
    iso,
    plan_id,
    posting_id,
    render_stage,
)

R = Resource
Json = dict[str, Any]


def _postal(location: str | None) -> Json:
    """Split ``"City, Region, Country"`` so that the adapter's join gives the same string back."""
    parts = (location or "").split(", ") if location else []
    locality: str | None
    region: str | None
    country: str | None
    if len(parts) >= 3:
        locality, region, country = ", ".join(parts[:-2]), parts[-2], parts[-1]
    elif len(parts) == 2:
        locality, region, country = parts[0], None, parts[1]
    else:
        locality, region, country = (parts[0] if parts else None), None, None
    parts_by_key = {"addressCountry": country, "addressRegion": region, "addressLocality": locality}
    return {k: v for k, v in parts_by_key.items() if v is not None}  # Ashby omits what it lacks


def render_location(o: OfficeRecord) -> Json:
    return {
        "id": encode_id(o.id),
        "name": o.name,
        "isArchived": False,
        "address": {"postalAddress": _postal(o.location)},
        "isRemote": o.is_remote,
        "workplaceType": "Remote" if o.is_remote else "OnSite",
        "parentLocationId": encode_id(o.parent_id) if o.parent_id else None,
        "type": "Location",
    }


def render_department(d: DepartmentRecord) -> Json:
    return {
        "id": encode_id(d.id),
        "name": d.name,
        "externalName": None,
        "isArchived": d.status == "archived",
        "parentId": encode_id(d.parent_id) if d.parent_id else None,
        "createdAt": iso(d.created_at),
        "updatedAt": iso(d.updated_at),
        "extraData": None,
    }


def _team_member(u: UserRecord, role: str) -> Json:
    email = next((e.email for e in u.emails if e.is_primary), u.emails[0].email if u.emails else None)
    return {
        "userId": encode_id(u.id),
        "firstName": u.first_name,
        "lastName": u.last_name,
        "email": email,
        "role": role,
    }


def render_job(data: Dataset, j: JobRecord, *, expand_location: bool = False) -> Json:
    team = [(u, HIRING_MANAGER_ROLE) for u in j.hiring_manager_ids] + [
        (u, RECRUITER_ROLE) for u in j.recruiter_ids
    ]
    users = [(cast("UserRecord | None", data.get(R.USER, u)), role) for u, role in team]
    office = cast("OfficeRecord | None", data.get(R.OFFICE, j.office_ids[0])) if j.office_ids else None
    status = ASHBY_JOB_STATUS.get(j.status, j.raw_status) if j.status else None
    out: Json = {
        "id": encode_id(j.id),
        "title": j.name,
        "confidential": j.confidential,
        "status": status,
        "employmentType": ASHBY_JOB_TYPE.get(j.job_type, j.raw_job_type) if j.job_type else None,
        "locationId": encode_id(office.id) if office else None,
        "departmentId": encode_id(j.department_ids[0]) if j.department_ids else None,
        "defaultInterviewPlanId": plan_id(j.id),
        "interviewPlanIds": [plan_id(j.id)],
        "jobPostingIds": [posting_id(j.id)],
        "customFields": [],
        "hiringTeam": [_team_member(u, role) for u, role in users if u is not None],
        "customRequisitionId": j.requisition_id,
        "brandId": None,
        "author": None,
        "createdAt": iso(j.created_at),
        "updatedAt": iso(j.updated_at),
        "openedAt": iso(j.opened_at),
        "closedAt": iso(j.closed_at),
    }
    if expand_location:
        out["location"] = render_location(office) if office else None
    return out


def _board_url(j: JobRecord) -> str | None:
    return next((u.url for u in j.job_posting_urls if u.type == JOB_BOARD_URL_TYPE), None)


def render_posting_summary(data: Dataset, j: JobRecord) -> Json:
    office = cast("OfficeRecord | None", data.get(R.OFFICE, j.office_ids[0])) if j.office_ids else None
    department = data.get(R.DEPARTMENT, j.department_ids[0]) if j.department_ids else None
    url = _board_url(j)
    return {
        "id": posting_id(j.id),
        "title": j.name,
        "jobId": encode_id(j.id),
        "departmentName": getattr(department, "name", None),
        "teamName": j.teams[0].name if j.teams else None,
        "locationName": office.name if office else None,
        "locationExternalName": office.name if office else None,
        "workplaceType": "Remote" if j.is_remote else "OnSite",
        "employmentType": ASHBY_JOB_TYPE.get(j.job_type) if j.job_type else None,
        "isListed": url is not None,
        "publishedDate": iso(j.opened_at),
        "applicationDeadline": None,
        "externalLink": url,
        "applyLink": url,
        "locationIds": {
            "primaryLocationId": encode_id(office.id) if office else None,
            "secondaryLocationIds": [encode_id(o) for o in j.office_ids[1:]],
        },
        "compensationTierSummary": _compensation_summary(j),
        "shouldDisplayCompensationOnJobBoard": j.compensation is not None,
        "updatedAt": iso(j.updated_at),
    }


def _compensation_summary(j: JobRecord) -> str | None:
    c = j.compensation
    if c is None:
        return None
    return f"{c.currency} {c.min}-{c.max} per {c.period}"


def _form_entry(f: JobFormFieldRecord) -> Json:
    ashby_type = ASHBY_FORM_FIELD_TYPE.get(f.type, f.raw_type) if f.type else f.raw_type
    field: Json = {
        "id": encode_id(f.id),
        "type": ashby_type,
        "path": f.name,
        "humanReadablePath": f.label,
        "title": f.label,
        "isNullable": not f.is_required,
    }
    if f.options or f.type in (FormFieldType.SINGLE_SELECT, FormFieldType.MULTI_SELECT):
        field["selectableValues"] = [{"label": o.label, "value": o.value} for o in f.options]
    entry: Json = {"isRequired": f.is_required, "field": field}
    if f.description is not None:
        entry["descriptionHtml"] = f"<p>{f.description}</p>"
        entry["descriptionPlain"] = f.description
    return entry


def render_form(fields: list[JobFormFieldRecord]) -> Json:
    """Ungrouped fields make the first (untitled) section; each group is a titled section."""
    loose = sorted((f for f in fields if f.group_id is None), key=lambda f: f.index or 0)
    groups: dict[str, list[JobFormFieldRecord]] = {}
    for f in fields:
        if f.group_id is not None:
            groups.setdefault(f.group_id, []).append(f)
    sections: list[Json] = [{"fields": [_form_entry(f) for f in loose]}]
    for members in groups.values():
        members.sort(key=lambda f: f.index or 0)
        sections.append({"title": members[0].group_name, "fields": [_form_entry(f) for f in members]})
    return {"sections": sections}


def render_posting(data: Dataset, j: JobRecord) -> Json:
    summary = render_posting_summary(data, j)
    office = cast("OfficeRecord | None", data.get(R.OFFICE, j.office_ids[0])) if j.office_ids else None
    description = j.description or ""
    postal = render_location(office)["address"] if office else None
    fields = [cast("JobFormFieldRecord", f) for f in data.children(R.JOB_FORM_FIELD, "job").get(j.id, ())]
    c = j.compensation
    components = (
        [
            {
                "compensationType": "Salary",
                "interval": f"1 {(c.period or 'year').upper()}",
                "currencyCode": c.currency,
                "minValue": float(c.min) if c.min is not None else None,
                "maxValue": float(c.max) if c.max is not None else None,
                "summary": summary["compensationTierSummary"],
            }
        ]
        if c
        else []
    )
    return {
        "id": summary["id"],
        "title": j.name,
        "descriptionPlain": description,
        "descriptionHtml": f"<p>{description}</p>",
        "descriptionSocial": description[:120],
        "descriptionParts": {
            "descriptionOpening": None,
            "descriptionBody": {"html": f"<p>{description}</p>", "plain": description},
            "descriptionClosing": None,
        },
        "departmentName": summary["departmentName"],
        "teamName": summary["teamName"],
        "teamNameHierarchy": [summary["teamName"]] if summary["teamName"] else [],
        "jobId": summary["jobId"],
        "locationName": summary["locationName"],
        "locationIds": summary["locationIds"],
        "workplaceType": summary["workplaceType"],
        "linkedData": {
            "@context": "https://schema.org/",
            "@type": "JobPosting",
            "title": j.name,
            "description": f"<p>{description}</p>",
            "datePosted": summary["publishedDate"],
        },
        "publishedDate": summary["publishedDate"],
        "address": postal,
        "applicationDeadline": None,
        "isRemote": j.is_remote,
        "employmentType": summary["employmentType"],
        "applicationFormDefinition": render_form(fields),
        "surveyFormDefinitions": [],
        "isListed": summary["isListed"],
        "suppressDescriptionOpening": False,
        "suppressDescriptionClosing": False,
        "externalLink": summary["externalLink"],
        "applyLink": summary["applyLink"],
        "compensation": {
            "compensationTierSummary": summary["compensationTierSummary"],
            "summaryComponents": components,
            "compensationTiers": [],
            "shouldDisplayCompensation": c is not None,
        },
        "updatedAt": summary["updatedAt"],
    }


def render_plan(data: Dataset, j: JobRecord) -> Json:
    """``jobInterviewPlan.info``: the job's plan and its stages in order (OpenAPI spec shape)."""
    stages = [
        cast("JobInterviewStageRecord", s) for s in data.children(R.JOB_INTERVIEW_STAGE, "job").get(j.id, ())
    ]
    stages.sort(key=lambda s: s.position or 0)
    return {
        "jobId": encode_id(j.id),
        "interviewPlanId": plan_id(j.id),
        "stages": [{**render_stage(s), "activities": []} for s in stages],
    }
