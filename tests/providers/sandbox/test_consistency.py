"""The generated dataset tells one consistent story: references resolve, time moves forward,
statuses agree with time."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta
from typing import Any, cast

import pytest

from providers.records import (
    RECORD_TYPES,
    ActivityRecord,
    ApplicationRecord,
    AttachmentRecord,
    CandidateRecord,
    DepartmentRecord,
    EeocRecord,
    FormFieldType,
    InterviewRecord,
    InterviewStatus,
    JobFormFieldRecord,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    OfferRecord,
    OfferStatus,
    OfficeRecord,
    Resource,
    ScorecardRecord,
)
from providers.sandbox import Dataset, generate
from providers.sandbox.builder import REFERENCE

from .support import NOT_REFERENCES, REFERENCES

R = Resource


class View:
    """Typed access to one dataset's records."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.candidates = cast("list[CandidateRecord]", list(data.records(R.CANDIDATE)))
        self.applications = cast("list[ApplicationRecord]", list(data.records(R.APPLICATION)))
        self.interviews = cast("list[InterviewRecord]", list(data.records(R.INTERVIEW)))
        self.scorecards = cast("list[ScorecardRecord]", list(data.records(R.SCORECARD)))
        self.offers = cast("list[OfferRecord]", list(data.records(R.OFFER)))
        self.jobs = cast("list[JobRecord]", list(data.records(R.JOB)))
        self.stages = cast("list[JobInterviewStageRecord]", list(data.records(R.JOB_INTERVIEW_STAGE)))
        self.fields = cast("list[JobFormFieldRecord]", list(data.records(R.JOB_FORM_FIELD)))
        self.attachments = cast("list[AttachmentRecord]", list(data.records(R.ATTACHMENT)))
        self.activities = cast("list[ActivityRecord]", list(data.records(R.ACTIVITY)))
        self.eeocs = cast("list[EeocRecord]", list(data.records(R.EEOC)))

    def application(self, id: str | None) -> ApplicationRecord:
        return cast("ApplicationRecord", self.data.get(R.APPLICATION, id or ""))

    def candidate(self, id: str | None) -> CandidateRecord:
        return cast("CandidateRecord", self.data.get(R.CANDIDATE, id or ""))

    def job(self, id: str | None) -> JobRecord:
        return cast("JobRecord", self.data.get(R.JOB, id or ""))

    def stage(self, id: str | None) -> JobInterviewStageRecord:
        return cast("JobInterviewStageRecord", self.data.get(R.JOB_INTERVIEW_STAGE, id or ""))


@pytest.fixture(scope="module", params=["default", "small", "tiny"])
def view(request: pytest.FixtureRequest) -> View:
    if request.param == "default":
        return View(request.getfixturevalue("default_data"))
    if request.param == "small":
        return View(request.getfixturevalue("small_data"))
    return View(generate(99, 20))


def test_every_reference_resolves(view: View) -> None:
    data = view.data
    for resource in Resource:
        fields = [f for f in RECORD_TYPES[resource].model_fields if f.endswith(("_id", "_ids"))]
        assert set(fields) - NOT_REFERENCES <= set(REFERENCES), f"unchecked reference in {resource}"
        for record in data.records(resource):
            for field in set(fields) - NOT_REFERENCES:
                target = REFERENCES[field] or resource
                value = getattr(record, field)
                for ref in (value,) if isinstance(value, str) else value or ():
                    assert data.get(target, ref) is not None, (record.id, field, ref)


def test_embedded_id_lists_are_complete(view: View) -> None:
    apps_of: dict[str, list[str]] = defaultdict(list)
    for application in view.applications:
        apps_of[application.candidate_id or ""].append(application.id)
    files_of: dict[str, list[str]] = defaultdict(list)
    files_of_app: dict[str, list[str]] = defaultdict(list)
    for attachment in view.attachments:
        files_of[attachment.candidate_id or ""].append(attachment.id)
        if attachment.application_id:
            files_of_app[attachment.application_id].append(attachment.id)
            application = view.application(attachment.application_id)
            assert attachment.job_id == application.job_id
            assert attachment.candidate_id == application.candidate_id
        else:
            assert attachment.job_id is None
        assert (
            attachment.file_url
            == f"https://files.sandbox.hiregraph.dev/{attachment.id}/{attachment.file_name}"
        )
    for candidate in view.candidates:
        assert candidate.application_ids, f"{candidate.id} has no application"
        assert 1 <= len(candidate.application_ids) <= 3
        assert list(candidate.application_ids) == apps_of[candidate.id]
        assert list(candidate.attachment_ids or ()) == files_of[candidate.id]
        assert candidate.tag_ids is not None
        assert list(candidate.tag_ids) == sorted(set(candidate.tag_ids))
        jobs = [view.application(a).job_id for a in candidate.application_ids]
        assert len(jobs) == len(set(jobs)), "one application per job and candidate"
    for application in view.applications:
        assert list(application.attachment_ids or ()) == files_of_app[application.id]


def test_pipeline_references_agree(view: View) -> None:
    for application in view.applications:
        job = view.job(application.job_id)
        assert view.stage(application.current_stage_id).job_id == job.id
        assert job.status in (JobStatus.OPEN, JobStatus.CLOSED, JobStatus.ARCHIVED)
        assert application.source is not None
        assert application.source.id
        assert application.source.name
        assert application.credited_to_id
        assert (application.rejected_at is None) == (application.reject_reason_id is None)
    for interview in view.interviews:
        application = view.application(interview.application_id)
        assert interview.candidate_id == application.candidate_id
        assert view.stage(interview.job_interview_stage_id).job_id == application.job_id
        assert 1 <= len(interview.interviewer_ids) <= 3
        assert len(set(interview.interviewer_ids)) == len(interview.interviewer_ids)
        stage = view.stage(interview.job_interview_stage_id)
        assert 0 < (stage.position or 0) <= (view.stage(application.current_stage_id).position or 0)
    for scorecard in view.scorecards:
        interview = cast("InterviewRecord", view.data.get(R.INTERVIEW, scorecard.interview_id or ""))
        assert scorecard.application_id == interview.application_id
        assert scorecard.candidate_id == interview.candidate_id
        assert scorecard.interviewer_id in interview.interviewer_ids
        assert scorecard.form_values
    for offer in view.offers:
        application = view.application(offer.application_id)
        assert offer.job_id == application.job_id
        assert offer.candidate_id == application.candidate_id
        assert view.stage(application.current_stage_id).name == "Offer"
    for record in (*view.activities, *view.eeocs):
        assert view.candidate(cast("Any", record).candidate_id)


def test_stages_and_forms(view: View) -> None:
    stages: dict[str, list[JobInterviewStageRecord]] = defaultdict(list)
    for stage in view.stages:
        stages[stage.job_id or ""].append(stage)
    fields: dict[str, list[JobFormFieldRecord]] = defaultdict(list)
    for field in view.fields:
        fields[field.job_id or ""].append(field)
    for job in view.jobs:
        pipeline = stages[job.id]
        assert 5 <= len(pipeline) <= 8
        assert [s.position for s in pipeline] == list(range(len(pipeline)))
        assert pipeline[0].name == "Application Review"
        assert pipeline[-1].name == "Offer"
        assert len({s.name for s in pipeline}) == len(pipeline)
        form = fields[job.id]
        names = [f.name for f in form]
        assert len(names) == len(set(names))
        assert {"first_name", "last_name", "email", "resume"} <= set(names)
        groups: dict[str | None, list[int | None]] = defaultdict(list)
        for field in form:
            groups[field.group_id].append(field.index)
            assert (field.group_id is None) == (field.group_name is None)
            is_select = field.type in (FormFieldType.SINGLE_SELECT, FormFieldType.MULTI_SELECT)
            assert bool(field.options) == is_select, field
        for indexes in groups.values():
            assert indexes == list(range(len(indexes)))
    assert {f.type for f in view.fields} >= {
        FormFieldType.SHORT_TEXT,
        FormFieldType.FILE,
        FormFieldType.EMAIL,
    }


def test_default_forms_use_every_type(default_data: Dataset) -> None:
    fields = cast("list[JobFormFieldRecord]", default_data.records(R.JOB_FORM_FIELD))
    assert {f.type for f in fields} == set(FormFieldType)
    assert any(f.group_id for f in fields)


def test_jobs_agree_with_their_status(view: View) -> None:
    applied_to = {a.job_id for a in view.applications}
    assert {j.status for j in view.jobs} == set(JobStatus) - {JobStatus.OTHER}
    for job in view.jobs:
        assert job.department_ids
        assert job.office_ids
        assert job.hiring_manager_ids
        assert job.recruiter_ids
        assert job.locations
        assert job.compensation is not None
        assert job.compensation.min is not None
        assert job.compensation.max is not None
        assert job.compensation.min <= job.compensation.max
        assert job.created_at is not None
        if job.status is JobStatus.OPEN:
            assert job.opened_at is not None
            assert job.closed_at is None
            assert job.created_at <= job.opened_at
        elif job.status in (JobStatus.CLOSED, JobStatus.ARCHIVED):
            assert job.opened_at is not None
            assert job.closed_at is not None
            assert job.created_at <= job.opened_at < job.closed_at <= REFERENCE
        else:
            assert job.opened_at is None
            assert job.closed_at is None
            assert not job.job_posting_urls
            assert job.id not in applied_to
        if job.is_remote:
            assert "Remote" in job.locations


def test_nesting(view: View) -> None:
    for resource in (R.DEPARTMENT, R.OFFICE):
        records = cast("list[DepartmentRecord | OfficeRecord]", list(view.data.records(resource)))
        assert any(r.parent_id for r in records)
        assert any(r.parent_id is None for r in records)
        for record in records:
            seen = {record.id}
            parent = record.parent_id
            while parent is not None:
                assert parent not in seen, "no cycles"
                seen.add(parent)
                parent = cast("DepartmentRecord | OfficeRecord", view.data.get(resource, parent)).parent_id
    offices = cast("list[OfficeRecord]", list(view.data.records(R.OFFICE)))
    remote = [o for o in offices if o.is_remote]
    assert remote
    assert all(o.location == "Remote" for o in remote)


def test_time_moves_forward(view: View) -> None:
    for application in view.applications:
        candidate = view.candidate(application.candidate_id)
        job = view.job(application.job_id)
        assert application.applied_at is not None
        assert application.created_at == application.applied_at
        assert candidate.created_at is not None
        assert candidate.created_at <= application.applied_at <= REFERENCE
        assert job.opened_at is not None
        assert job.opened_at <= application.applied_at <= (job.closed_at or REFERENCE)
        if application.rejected_at is not None:
            assert application.applied_at <= application.rejected_at <= REFERENCE
    scores: dict[str, list[ScorecardRecord]] = defaultdict(list)
    for scorecard in view.scorecards:
        scores[scorecard.interview_id or ""].append(scorecard)
    latest_score: dict[str, Any] = {}
    for interview in view.interviews:
        application = view.application(interview.application_id)
        assert interview.start_at is not None
        assert interview.end_at is not None
        assert application.applied_at is not None
        assert application.applied_at <= interview.start_at < interview.end_at
        assert interview.created_at is not None
        assert application.applied_at <= interview.created_at <= min(interview.start_at, REFERENCE)
        for scorecard in scores[interview.id]:
            assert scorecard.submitted_at is not None
            assert interview.end_at <= scorecard.submitted_at <= REFERENCE
            assert scorecard.created_at == scorecard.submitted_at
            previous = latest_score.get(application.id)
            latest_score[application.id] = max(previous or scorecard.submitted_at, scorecard.submitted_at)
    for offer in view.offers:
        assert offer.created_at is not None
        assert offer.created_at >= view.application(offer.application_id).applied_at  # type: ignore[operator]
        if offer.application_id in latest_score:
            assert latest_score[offer.application_id] <= offer.created_at
        if offer.sent_at is not None:
            assert offer.created_at <= offer.sent_at <= REFERENCE
        if offer.closed_at is not None:
            assert offer.created_at <= offer.closed_at <= REFERENCE
        assert offer.start_date is not None
        assert offer.start_date > offer.created_at.date()
    for candidate in view.candidates:
        assert candidate.created_at is not None
        assert candidate.last_interaction_at is not None
        assert candidate.updated_at is not None
        assert candidate.created_at <= candidate.last_interaction_at <= candidate.updated_at <= REFERENCE
        assert candidate.created_at >= REFERENCE - timedelta(days=731)
    for record in (*view.activities, *view.attachments, *view.eeocs):
        candidate = view.candidate(cast("Any", record).candidate_id)
        assert candidate.created_at <= record.created_at <= candidate.updated_at  # type: ignore[operator]


def test_statuses_agree_with_time(view: View) -> None:
    scores = Counter(s.interview_id for s in view.scorecards)
    for interview in view.interviews:
        assert interview.start_at is not None
        assert interview.end_at is not None
        if interview.start_at > REFERENCE:
            assert interview.status is InterviewStatus.SCHEDULED
        if interview.status is InterviewStatus.SCHEDULED:
            assert interview.end_at > REFERENCE
        else:
            assert interview.end_at <= REFERENCE
        if interview.status is InterviewStatus.COMPLETED:
            assert scores[interview.id] == len(interview.interviewer_ids)
        elif interview.status is InterviewStatus.AWAITING_FEEDBACK:
            assert scores[interview.id] < len(interview.interviewer_ids)
        else:
            assert scores[interview.id] == 0
    for offer in view.offers:
        if offer.status in (OfferStatus.DRAFT, OfferStatus.APPROVAL_SENT, OfferStatus.APPROVED):
            assert offer.sent_at is None
            assert offer.closed_at is None
        elif offer.status in (OfferStatus.SENT, OfferStatus.OPENED):
            assert offer.sent_at is not None
            assert offer.closed_at is None
        elif offer.status is OfferStatus.DEPRECATED:
            assert offer.closed_at is not None
        else:
            assert offer.status in (OfferStatus.ACCEPTED, OfferStatus.DECLINED)
            assert offer.sent_at is not None
            assert offer.closed_at is not None
        application = view.application(offer.application_id)
        if offer.status is OfferStatus.DECLINED:
            assert application.rejected_at == offer.closed_at
        if offer.status is OfferStatus.ACCEPTED:
            assert application.rejected_at is None


def test_default_dataset_has_every_status(default_data: Dataset) -> None:
    view = View(default_data)
    assert {i.status for i in view.interviews} == set(InterviewStatus) - {InterviewStatus.OTHER}
    assert {OfferStatus.ACCEPTED, OfferStatus.DECLINED, OfferStatus.DEPRECATED} <= {
        o.status for o in view.offers
    }
    assert any(a.rejected_at for a in view.applications)
    assert any(a.rejected_at is None for a in view.applications)
    assert any(i.start_at and i.start_at > REFERENCE for i in view.interviews)
