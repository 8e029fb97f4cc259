"""The sandbox as a Lever account: the adapter's maps rendered back (``RecordMap.render``), in
Lever's layout, which is not the unified one:

- each sandbox application is an opportunity whose ``contact`` is its candidate, the contact's
  fields copied onto it, its application inlined when asked (``expand=applications``);
- one pipeline for the account (``account_pipeline``), to which every job's stage maps;
- notes, files, offers, interviews and feedback live under an opportunity; a record tied only
  to a candidate goes under the candidate's first one (``parent_opportunity``);
- Lever has no archived posting (rendered closed), no e-mail history (only notes are
  activities), no e-mail, phone or URL question (rendered as text).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final, cast

from starlette.responses import JSONResponse

from ...kit.camel import camel_keys
from ...kit.mapping import Wire
from ...kit.times import epoch_ms
from ...records import (
    ActivityType,
    ApplicationRecord,
    AttachmentRecord,
    AttachmentType,
    CandidateRecord,
    FormFieldType,
    JobFormFieldRecord,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    Record,
    Resource,
)
from .. import mapping as m
from ..adapter import NESTED

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
Json = dict[str, Any]
_TEXT: Final = {FormFieldType.EMAIL, FormFieldType.PHONE, FormFieldType.URL}


CODES: Final = {401: "UnauthorizedError", 404: "ResourceNotFound", 429: "TooManyRequests"}


def error_body(status: int, message: str) -> Json:
    """Lever's error: ``{"code", "message"}``, the code named for the status."""
    code = CODES.get(status) or ("InternalServerError" if status >= 500 else "BadRequestError")
    return {"code": code, "message": message}


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse(error_body(status, message), status_code=status)


def form_group(field: JobFormFieldRecord) -> str:
    """Lever groups custom questions in forms: an ungrouped sandbox field goes in one per job."""
    return f"{field.job_id}-questions" if field.group_id is None else field.group_id


def account_pipeline(
    stages: Sequence[JobInterviewStageRecord],
) -> tuple[list[JobInterviewStageRecord], dict[str, str]]:
    """Lever has one pipeline per account, the sandbox one per job: the account's stages are the
    sandbox's distinct stage names, each named by the first sandbox stage (by id) of that name,
    ordered by its mean position in the jobs' pipelines. Returns them and every sandbox stage
    id -> the id of its account stage."""
    first: dict[str, JobInterviewStageRecord] = {}
    positions: dict[str, list[int]] = {}
    for stage in sorted(stages, key=lambda s: s.id):
        name = stage.name or stage.id
        first.setdefault(name, stage)
        positions.setdefault(name, []).append(stage.position or 0)
    ordered = sorted(first, key=lambda n: (sum(positions[n]) / len(positions[n]), first[n].id))
    return [first[n] for n in ordered], {s.id: first[s.name or s.id].id for s in stages}


def parent_opportunity(dataset: Dataset, resource: Resource, record: Any) -> str | None:
    """The opportunity (sandbox application id) a record under one is filed under."""
    if resource not in NESTED:
        return None
    if application_id := getattr(record, "application_id", None):
        return cast("str", application_id)
    candidate = dataset.get(R.CANDIDATE, getattr(record, "candidate_id", None) or "")
    ids = getattr(candidate, "application_ids", None) or ()
    return sorted(ids)[0] if ids else None


class Account:
    """The sandbox rendered once as Lever objects (camelCase JSON), indexed as routes read it."""

    def __init__(self, data: Dataset) -> None:
        def records(resource: Resource) -> dict[str, Any]:
            return {r.id: r for r in data.records(resource)}

        self.data = data
        users, jobs = records(R.USER), records(R.JOB)
        self._tag_records: dict[str, Any] = {}  # read by tag_names: refreshed in place (``refresh``)

        def tag_names(ids: Sequence[str]) -> list[str]:
            return [self._tag_records[t].name or t for t in ids if t in self._tag_records]

        def person(u: str) -> Json:
            return {"id": u, "name": users[u].name, "email": _email(users[u]), "feedback_template": None}

        self.wire = Wire(ctx={"tag_names": tag_names, "person": person})
        pipeline, self.stage_of = account_pipeline(list(records(R.JOB_INTERVIEW_STAGE).values()))
        self.stages = [self.render(m.STAGE, s) for s in pipeline]
        self.opportunity_by_id: dict[str, tuple[Json, Json]] = {}
        self.refresh(data, records(R.CANDIDATE))
        self.postings = [self.render(m.JOB, self._closed(j)) for j in jobs.values()]
        self.posting_by_id = {p["id"]: p for p in self.postings}
        self.users = [self.render(m.USER, u) for u in users.values()]
        self.user_by_id = {u["id"]: u for u in self.users}
        hired = {"id": "hired", "text": "Hired", "status": "active", "type": "hired"}
        self.reasons = [self.render(m.REJECT_REASON, r) for r in _of(data, R.REJECT_REASON)] + [hired]
        self.eeo = [self.render(m.EEOC, e) for e in _of(data, R.EEOC)]
        self.children: dict[tuple[str, str], list[Json]] = {}
        self._file_children()
        fields: dict[str, list[JobFormFieldRecord]] = {}
        for f in _of(data, R.JOB_FORM_FIELD):
            fields.setdefault(f.job_id or "", []).append(f)
        self.forms = {j: self.apply_form(j, fields.get(j, [])) for j in jobs}

    def refresh(self, data: Dataset, candidate_ids: Iterable[str], added: Iterable[Any] = ()) -> None:
        """Renders the opportunities of ``candidate_ids`` (a contact's fields are copied onto
        each of them) and the tags, and files the ``added`` notes and files: the whole account
        at first, then after a write to ``data`` (the simulator's fork) what it can change."""
        self.data = data
        self._tag_records.clear()
        self._tag_records.update({t.id: t for t in data.records(R.TAG)})
        self.tags = [self.render(m.TAG, t) for t in self._tag_records.values()]
        by_candidate = data.children(R.APPLICATION, "candidate")
        for candidate_id in candidate_ids:
            for app in cast("Sequence[ApplicationRecord]", by_candidate.get(candidate_id, ())):
                job = cast("JobRecord | None", data.get(R.JOB, app.job_id or ""))
                rendered = self.opportunity(self._on_pipeline(app), job)
                self.opportunity_by_id[rendered[0]["id"]] = rendered
        self.opportunities = [self.opportunity_by_id[i] for i in sorted(self.opportunity_by_id)]
        for record in added:
            self.file(R.ATTACHMENT if isinstance(record, AttachmentRecord) else R.ACTIVITY, record)

    def render(self, record_map: Any, record: Record, **more: Any) -> Json:
        return cast("Json", camel_keys({**record_map.render(record, self.wire), **more}))

    def _on_pipeline(self, a: Any) -> ApplicationRecord:
        stage = a.current_stage_id
        return cast(
            "ApplicationRecord",
            a.model_copy(update={"current_stage_id": self.stage_of.get(stage)}) if stage else a,
        )

    @staticmethod
    def _closed(j: JobRecord) -> JobRecord:
        return j.model_copy(update={"status": JobStatus.CLOSED}) if j.status is JobStatus.ARCHIVED else j

    def opportunity(self, app: ApplicationRecord, job: JobRecord | None) -> tuple[Json, Json]:
        """An application as an opportunity: plain, and with its application expanded."""
        cand: CandidateRecord = self.data.get(R.CANDIDATE, app.candidate_id or "")  # type: ignore[assignment]
        out = {**m.CANDIDATE.render(cand, self.wire), **m.APPLICATION.render(app, self.wire)}
        owner = job.recruiter_ids[0] if job and job.recruiter_ids else None
        application = {
            **m.nulls(
                "comments custom_questions requisition_for_hire ip_address referer user_agent accept_language timezone"
            ),
            **{"id": f"{app.id}-a", "type": "posting", "candidate_id": app.id, "opportunity_id": app.id},
            **{"posting": app.job_id, "posting_owner": owner, "name": cand.name, "company": cand.company},
            "posting_hiring_manager": job.hiring_manager_ids[0] if job and job.hiring_manager_ids else None,
            "phone": cand.phones[0].number if cand.phones else None,
            **{"email": _email(cand), "links": [], "user": app.credited_to_id, "archived": out["archived"]},
            "created_at": epoch_ms(app.applied_at),
        }
        out.update(
            confidentiality="confidential" if job and job.confidential else "non-confidential",
            owner=owner,
            last_advanced_at=out["updated_at"],
            urls={
                "list": "https://hire.lever.co/candidates",
                "show": f"https://hire.lever.co/candidates/{app.id}",
            },
            is_anonymized=False,
            opportunity_location=job.locations[0] if job and job.locations else None,
        )
        return camel_keys({**out, "applications": [application["id"]]}), camel_keys(
            {**out, "applications": [application]}
        )

    def file(self, resource: Resource, record: Any, **more: Any) -> None:
        """A record under an opportunity, rendered under it (``/opportunities/{id}/<path>``, the
        adapter's ``NESTED`` path: a resume's the second of an attachment's)."""
        resume = getattr(record, "attachment_type", None) is AttachmentType.RESUME
        path, _, record_map = NESTED[resource][1][resume]
        if (parent := parent_opportunity(self.data, resource, record)) is not None:
            self.children.setdefault((parent, path), []).append(self.render(record_map, record, **more))

    def _file_children(self) -> None:
        """Each record under an opportunity, rendered under it."""
        feedback_of: dict[str, list[str]] = {}
        for s in _of(self.data, R.SCORECARD):
            self.file(R.SCORECARD, s)
            feedback_of.setdefault(s.interview_id or "", []).append(s.id)
        for i in _of(self.data, R.INTERVIEW):
            app = cast("ApplicationRecord | None", self.data.get(R.APPLICATION, i.application_id or ""))
            on_pipeline = i.model_copy(
                update={"job_interview_stage_id": self.stage_of.get(i.job_interview_stage_id or "")}
            )
            postings = [app.job_id] if app and app.job_id else []
            self.file(R.INTERVIEW, on_pipeline, feedback_forms=feedback_of.get(i.id, []), postings=postings)
        for resource in (R.OFFER, R.ACTIVITY, R.ATTACHMENT):
            for r in _of(self.data, resource):
                if resource is not R.ACTIVITY or r.activity_type is ActivityType.NOTE:
                    self.file(resource, r)

    def apply_form(self, job_id: str, fields: Sequence[JobFormFieldRecord]) -> Json:
        """A posting's questions: the sandbox's, each in its group's custom question form."""
        forms: dict[str, Json] = {}
        for f in sorted(fields, key=lambda f: (form_group(f), f.index or 0, f.id)):
            group = form_group(f)
            form = forms.setdefault(group, {"id": group, "text": f.group_name or "Questions", "fields": []})
            kind = FormFieldType.SHORT_TEXT if f.type in _TEXT else f.type
            form["fields"].append(self.render(m.FORM_FIELD, f.model_copy(update={"type": kind})))
        job: Any = self.data.get(R.JOB, job_id)
        body = {"id": job_id, "text": job.name, "custom_questions": list(forms.values()), "urls": []}
        return cast(
            "Json",
            camel_keys({**body, **m.nulls("eeo_questions consent_disclosures"), "personal_information": []}),
        )


def _of(data: Dataset, resource: Resource) -> list[Any]:
    """The sandbox records of ``resource``, typed as the renderers take them."""
    return list(data.records(resource))


def _email(record: Any) -> str | None:
    return record.emails[0].email if record.emails else None
