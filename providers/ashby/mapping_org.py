"""Pure functions from Ashby's organisation payloads (jobs, postings, departments,
locations) to unified records, and their status tables. See ``mapping.py``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from providers.records import (
    DepartmentRecord,
    FormFieldOption,
    FormFieldType,
    JobFormFieldRecord,
    JobRecord,
    JobStatus,
    JobType,
    OfficeRecord,
    Url,
)

from .payloads_org import (
    AshbyDepartment,
    AshbyFormField,
    AshbyJob,
    AshbyJobPosting,
    AshbyJobPostingSummary,
    AshbyLocation,
)

JOB_STATUS: Final[dict[str, JobStatus]] = {
    "Open": JobStatus.OPEN,
    "Closed": JobStatus.CLOSED,
    "Draft": JobStatus.DRAFT,
    "Archived": JobStatus.ARCHIVED,
}
"""``job.status`` (spec enum Draft | Open | Closed | Archived)."""

JOB_TYPE: Final[dict[str, JobType]] = {
    "FullTime": JobType.FULL_TIME,
    "PartTime": JobType.PART_TIME,
    "Contract": JobType.CONTRACT,
    "Intern": JobType.INTERNSHIP,
    "Temporary": JobType.TEMPORARY,
}
"""``employmentType`` (spec enum FullTime | PartTime | Intern | Contract | Temporary)."""

HIRING_MANAGER_ROLE: Final = "Hiring Manager"
RECRUITER_ROLE: Final = "Recruiter"
"""``hiringTeam[].role`` labels that name the unified hiring managers and recruiters."""

FORM_FIELD_TYPE: Final[dict[str, FormFieldType]] = {
    "String": FormFieldType.SHORT_TEXT,
    "LongText": FormFieldType.LONG_TEXT,
    "Email": FormFieldType.EMAIL,
    "Phone": FormFieldType.PHONE,
    "Url": FormFieldType.URL,
    "File": FormFieldType.FILE,
    "Number": FormFieldType.NUMBER,
    "Boolean": FormFieldType.BOOLEAN,
    "Date": FormFieldType.DATE,
    "ValueSelect": FormFieldType.SINGLE_SELECT,
    "MultiValueSelect": FormFieldType.MULTI_SELECT,
}
"""Form ``field.type``; anything else (``Location``, ``Score``...) is OTHER + ``raw_type``."""

JOB_BOARD_URL_TYPE: Final = "job_board"
APPLY_URL_TYPE: Final = "apply"
"""A posting's ``externalLink`` (its page on the Ashby job board) and ``applyLink`` when it differs."""

DEPARTMENT_STATUS: Final[dict[bool, str]] = {False: "active", True: "archived"}
"""``isArchived`` to the department's status label."""


def to_office(p: AshbyLocation) -> OfficeRecord:
    postal = p.address.postal_address if p.address else None
    parts = [postal.address_locality, postal.address_region, postal.address_country] if postal else []
    return OfficeRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        name=p.name,
        parent_id=p.parent_location_id,
        location=", ".join(x for x in parts if x) or None,
        is_remote=p.is_remote,
    )


def to_department(p: AshbyDepartment) -> DepartmentRecord:
    return DepartmentRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        name=p.name,
        parent_id=p.parent_id,
        status=None if p.is_archived is None else DEPARTMENT_STATUS[p.is_archived],
        created_at=p.created_at,
        updated_at=p.updated_at,
    )


def _posting_urls(postings: Sequence[AshbyJobPostingSummary]) -> tuple[Url, ...]:
    urls: list[Url] = []
    for posting in postings:
        if posting.external_link:
            urls.append(Url(url=posting.external_link, type=JOB_BOARD_URL_TYPE))
        if posting.apply_link and posting.apply_link != posting.external_link:
            urls.append(Url(url=posting.apply_link, type=APPLY_URL_TYPE))
    return tuple(urls)


def to_job(p: AshbyJob, postings: Sequence[AshbyJobPostingSummary] = ()) -> JobRecord:
    """``postings`` are this job's entries of ``jobPosting.list`` (for ``job_posting_urls``)."""
    status = JOB_STATUS.get(p.status or "")
    job_type = JOB_TYPE.get(p.employment_type or "")
    office = to_office(p.location) if p.location else None
    where = (office.location or office.name) if office else None  # its address, else its name
    return JobRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        name=p.title,
        requisition_id=p.custom_requisition_id,
        status=status or (JobStatus.OTHER if p.status else None),
        raw_status=p.status,
        locations=(where,) if where else (),
        job_posting_urls=_posting_urls(postings),
        confidential=p.confidential,
        department_ids=(p.department_id,) if p.department_id else (),
        office_ids=(p.location_id,) if p.location_id else (),
        hiring_manager_ids=tuple(m.user_id for m in p.hiring_team if m.role == HIRING_MANAGER_ROLE),
        recruiter_ids=tuple(m.user_id for m in p.hiring_team if m.role == RECRUITER_ROLE),
        is_remote=office.is_remote if office else None,
        job_type=job_type or (JobType.OTHER if p.employment_type else None),
        raw_job_type=p.employment_type,
        created_at=p.created_at,
        updated_at=p.updated_at,
        opened_at=p.opened_at,
        closed_at=p.closed_at,
        embedded=(office,) if office else (),
    )


def to_job_form_fields(p: AshbyJobPosting) -> list[JobFormFieldRecord]:
    """The fields of a posting's application form, in order. A titled section is a group:
    Ashby gives sections no id, so ``group_id`` is ``<posting id>:<section number>`` and
    ``index`` counts within the section; untitled sections' fields are numbered together."""
    out: list[JobFormFieldRecord] = []
    sections = p.application_form_definition.sections if p.application_form_definition else []
    ungrouped = 0
    for number, section in enumerate(sections):
        group_id = f"{p.id}:{number}" if section.title else None
        for position, entry in enumerate(section.fields):
            if group_id is None:
                position, ungrouped = ungrouped, ungrouped + 1
            out.append(_form_field(p, entry, position, group_id, section.title))
    return out


def _form_field(
    p: AshbyJobPosting, entry: AshbyFormField, index: int, group_id: str | None, group_name: str | None
) -> JobFormFieldRecord:
    field = entry.field
    field_type = FORM_FIELD_TYPE.get(field.type or "")
    return JobFormFieldRecord(
        id=f"{p.id}:{field.id}",
        remote_id=field.id,
        remote_data=entry.raw,
        name=field.path,
        job_id=p.job_id,
        label=field.title,
        index=index,
        is_required=entry.is_required,
        description=entry.description_plain,
        type=field_type or (FormFieldType.OTHER if field.type else None),
        raw_type=field.type,
        options=tuple(FormFieldOption(label=v.label, value=v.value) for v in field.selectable_values),
        group_id=group_id,
        group_name=group_name if group_id else None,
    )
