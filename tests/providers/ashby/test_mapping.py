"""Golden mapping tests: Ashby's recorded payloads (shared fixtures) -> unified records.

Shapes with no recorded example (location, archiveReason.list, candidateTag.list,
jobInterviewPlan.info) are built from Ashby's OpenAPI spec
(``shared/fixtures/providers/ashby/_reference/ashby-openapi.json``), named per test.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from providers.ashby.payloads import (
    AshbyApplication,
    AshbyArchiveReason,
    AshbyCandidate,
    AshbyDepartment,
    AshbyEnvelope,
    AshbyInterviewStage,
    AshbyJob,
    AshbyJobInterviewPlan,
    AshbyJobPosting,
    AshbyJobPostingSummary,
    AshbyLocation,
    AshbyTag,
    AshbyUser,
)
from providers.records import (
    AttachmentRecord,
    AttachmentType,
    EmailAddress,
    FormFieldOption,
    FormFieldType,
    JobInterviewStageRecord,
    JobStatus,
    JobType,
    OfficeRecord,
    PhoneNumber,
    RejectReasonRecord,
    Source,
    TagRecord,
    Url,
    UserRecord,
)
from tests.shared import load_fixture

from . import reads as m
from . import reads as mo

pytestmark = pytest.mark.shared


def results(name: str) -> Any:
    return load_fixture("ashby", name)["results"]


def uid(n: int) -> str:
    return f"00000000-0000-0000-0000-{n:012x}"


def test_envelope_of_a_list_page() -> None:
    env = AshbyEnvelope.model_validate(load_fixture("ashby", "POST_candidate.list.json"))
    assert env.success is True
    assert env.more_data_available is True
    assert env.next_cursor == "Ya6"
    assert len(env.results) == 20


def test_envelope_of_a_last_page_carries_the_sync_token() -> None:
    env = AshbyEnvelope.model_validate(load_fixture("ashby", "POST_job.list.json"))
    assert (env.more_data_available, env.next_cursor, env.sync_token) == (False, None, "NOoXKnWgp")


def test_error_envelope() -> None:
    env = AshbyEnvelope.model_validate(load_fixture("ashby", "ERROR_example.json"))
    assert env.success is False
    assert env.errors == ["invalid_input"]


def test_candidate_info() -> None:
    raw = results("POST_candidate.info.json")
    record = m.to_candidate(AshbyCandidate.model_validate(raw))
    assert record.id == record.remote_id == uid(1)
    assert record.remote_data == raw
    assert record.name == "Test User 1"
    assert record.first_name is None
    assert record.last_name is None
    assert record.company == "The Mars Agency"
    assert record.title == "Senior Full Stack Engineer"
    assert record.created_at == datetime(2024, 2, 4, 21, 38, 12, 442000, tzinfo=UTC)
    assert record.updated_at == datetime(2026, 5, 28, 21, 6, 18, 703000, tzinfo=UTC)
    assert record.emails == (
        EmailAddress(email="user1@example.com", type="personal", is_primary=True),
        EmailAddress(email="user2@example.com", type="personal", is_primary=True),
    )
    assert record.phones == (
        PhoneNumber(number="+10000000001", type="personal"),
        PhoneNumber(number="+10000000002", type="personal"),
    )
    assert record.urls == (
        Url(url="https://linkedin.com/in/hasan-n-23a47274", type="linkedin"),
        Url(url="http://www.hasannaseem.com", type="website"),
    )
    assert record.application_ids == (uid(2),)
    assert record.tag_ids == ()
    assert record.attachment_ids == (uid(3),)
    assert record.locations == ()
    (resume,) = record.embedded
    assert resume == AttachmentRecord(
        id=uid(3),
        remote_id=uid(3),
        remote_data=raw["fileHandles"][0],
        file_name="Test User 2",
        candidate_id=uid(1),
        attachment_type=AttachmentType.RESUME,
    )


def test_candidate_list_maps_every_record_with_location_and_contacts() -> None:
    raw = results("POST_candidate.list.json")
    records = [m.to_candidate(AshbyCandidate.model_validate(c)) for c in raw]
    assert len(records) == 20
    located = [r for r in records if r.locations]
    assert located[0].locations == ("Lublin, Lublin Voivodeship, Poland",)
    first = records[0]
    assert first.application_ids == (uid(2), uid(3))
    # The primary e-mail first, then the others, each once.
    assert [e.email for e in first.emails] == ["user1@example.com", "user2@example.com"]
    assert {u.type for r in records for u in r.urls} == {"linkedin", "website", "github"}


def test_candidate_tags_are_embedded_tag_records() -> None:
    # candidate.tags[] has the shape of candidateTag.list entries (OpenAPI spec): complete tags.
    raw = dict(results("POST_candidate.info.json"))
    raw["tags"] = [{"id": uid(99), "title": "Referral", "isArchived": False}]
    record = m.to_candidate(AshbyCandidate.model_validate(raw))
    assert record.tag_ids == (uid(99),)
    assert (
        TagRecord(id=uid(99), remote_id=uid(99), remote_data=raw["tags"][0], name="Referral")
        in record.embedded
    )


def test_unknown_contact_types_stay_raw() -> None:
    raw = dict(results("POST_candidate.info.json"))
    raw["socialLinks"] = [{"type": "Dribbble", "url": "https://dribbble.com/x"}]
    raw["emailAddresses"] = [{"value": "w@example.com", "type": "Work", "isPrimary": False}]
    record = m.to_candidate(AshbyCandidate.model_validate(raw))
    assert record.urls == (Url(url="https://dribbble.com/x", type="Dribbble"),)
    assert record.emails[1] == EmailAddress(email="w@example.com", type="work", is_primary=False)


def test_application_info() -> None:
    raw = results("POST_application.info.json")
    record = m.to_application(AshbyApplication.model_validate(raw))
    assert record.id == uid(1)
    assert record.remote_data == raw
    assert record.candidate_id == uid(2)
    assert record.job_id == uid(6)
    assert record.created_at == record.applied_at == datetime(2024, 2, 4, 21, 38, 12, 466000, tzinfo=UTC)
    assert record.updated_at == datetime(2026, 5, 28, 21, 7, 26, 245000, tzinfo=UTC)
    assert record.rejected_at == datetime(2024, 2, 5, 9, 25, 35, 89000, tzinfo=UTC)  # status Archived
    assert record.source == Source(id=uid(9), name="Applied")
    assert record.credited_to_id is None
    assert record.current_stage_id == uid(3)
    assert record.reject_reason_id == uid(0xB)
    assert record.attachment_ids == (uid(0xD),)
    stage, reason, resume = record.embedded
    assert stage == JobInterviewStageRecord(
        id=uid(3),
        remote_id=uid(3),
        remote_data=raw["currentInterviewStage"],
        name="Archived",
        status="Archived",
        position=10,
    )
    assert reason == RejectReasonRecord(
        id=uid(0xB), remote_id=uid(0xB), remote_data=raw["archiveReason"], name="Lacks Skills/Qualifications"
    )
    assert isinstance(resume, AttachmentRecord)
    assert (resume.candidate_id, resume.application_id, resume.attachment_type) == (
        uid(2),
        uid(1),
        AttachmentType.RESUME,
    )


def test_application_list_active_has_no_rejection_and_no_attachment_list() -> None:
    raw = results("POST_application.list.json")
    records = [m.to_application(AshbyApplication.model_validate(a)) for a in raw]
    active = next(r for r, a in zip(records, raw, strict=True) if a["status"] == "Active")
    assert active.rejected_at is None
    assert active.reject_reason_id is None
    assert active.id == uid(0xE)
    # application.list does not ship resumeFileHandle: unknown, not "none".
    assert all(r.attachment_ids is None for r in records)
    archived = records[0]
    assert archived.rejected_at == datetime(2024, 2, 5, 9, 25, 35, 89000, tzinfo=UTC)
    assert archived.job_id == uid(9)


def test_credited_to_user_is_a_complete_embedded_user() -> None:
    raw = dict(results("POST_application.info.json"))
    raw["creditedToUser"] = results("POST_user.info.json")
    record = m.to_application(AshbyApplication.model_validate(raw))
    assert record.credited_to_id == uid(1)
    users = [e for e in record.embedded if isinstance(e, UserRecord)]
    assert users[0].name == "Test User1"


def test_user_info() -> None:
    raw = results("POST_user.info.json")
    record = m.to_user(AshbyUser.model_validate(raw))
    assert record.id == uid(1)
    assert record.remote_data == raw
    assert (record.first_name, record.last_name, record.name) == ("Test", "User1", "Test User1")
    assert record.emails == (EmailAddress(email="user1@example.com", is_primary=True),)
    assert record.disabled is False
    assert record.access_role == "Limited Access"
    assert record.updated_at == datetime(2026, 3, 11, 19, 58, 52, 973000, tzinfo=UTC)
    assert record.created_at is None


def test_user_list() -> None:
    records = [m.to_user(AshbyUser.model_validate(u)) for u in results("POST_user.list.json")]
    assert records[0].access_role == "Organization Admin"
    assert all(r.disabled is False for r in records)


def test_department_info() -> None:
    raw = results("POST_department.info.json")
    record = mo.to_department(AshbyDepartment.model_validate(raw))
    assert record.id == "00000000-0000-4000-8000-000000000001"
    assert (record.name, record.parent_id, record.status) == ("Test User 1", None, "active")
    assert record.created_at == record.updated_at == datetime(2024, 2, 4, 8, 15, 12, 335000, tzinfo=UTC)
    assert record.remote_data == raw


def test_job_info() -> None:
    raw = results("POST_job.info.json")
    record = mo.to_job(AshbyJob.model_validate(raw))
    assert record.id == uid(1)
    assert record.remote_data == raw
    assert record.name == "[Old] Senior Full-Stack Engineer - Remote"
    assert (record.status, record.raw_status) == (JobStatus.CLOSED, "Closed")
    assert (record.job_type, record.raw_job_type) == (JobType.FULL_TIME, "FullTime")
    assert record.confidential is False
    assert record.department_ids == (uid(3),)
    assert record.office_ids == (uid(2),)
    assert record.requisition_id is None
    assert record.created_at == datetime(2024, 2, 4, 8, 15, 58, 104000, tzinfo=UTC)
    assert record.opened_at == datetime(2024, 2, 4, 8, 38, 15, 158000, tzinfo=UTC)
    assert record.closed_at == datetime(2024, 6, 14, 10, 0, 31, 753000, tzinfo=UTC)
    assert record.embedded == ()


def test_job_list_statuses_types_and_hiring_team() -> None:
    raw = results("POST_job.list.json")
    records = [mo.to_job(AshbyJob.model_validate(j)) for j in raw]
    assert {r.status for r in records} == {JobStatus.CLOSED, JobStatus.ARCHIVED, JobStatus.OPEN}
    assert {r.job_type for r in records} == {JobType.FULL_TIME, JobType.PART_TIME}
    with_team = [r for r, j in zip(records, raw, strict=True) if j["hiringTeam"]]
    assert with_team
    assert all(r.hiring_manager_ids == (uid(0xF),) for r in with_team[:1])


def test_unknown_job_status_and_type_are_other_plus_raw() -> None:
    raw = dict(results("POST_job.info.json"), status="Paused", employmentType="Freelance")
    record = mo.to_job(AshbyJob.model_validate(raw))
    assert (record.status, record.raw_status) == (JobStatus.OTHER, "Paused")
    assert (record.job_type, record.raw_job_type) == (JobType.OTHER, "Freelance")


def test_job_with_expanded_location_and_postings() -> None:
    # job.list/job.info with expand: ["location"] (OpenAPI spec, no recorded example).
    location = {
        "id": uid(2),
        "name": "San Francisco",
        "isArchived": False,
        "isRemote": False,
        "address": {
            "postalAddress": {
                "addressCountry": "United States",
                "addressRegion": "California",
                "addressLocality": "San Francisco",
            }
        },
        "workplaceType": "OnSite",
        "parentLocationId": None,
        "type": "Location",
    }
    raw = dict(
        results("POST_job.info.json"),
        location=location,
        hiringTeam=[
            {
                "userId": uid(7),
                "firstName": "A",
                "lastName": "B",
                "email": "a@example.com",
                "role": "Recruiter",
            },
        ],
    )
    postings = [AshbyJobPostingSummary.model_validate(p) for p in results("POST_jobPosting.list.json")]
    record = mo.to_job(AshbyJob.model_validate(raw), postings)
    assert record.locations == ("San Francisco, California, United States",)  # the address, else the name
    assert record.is_remote is False
    assert record.recruiter_ids == (uid(7),)
    assert record.job_posting_urls == (
        Url(url="https://jobs.ashbyhq.com/Nango/95526e19-b9c4-468f-b420-41348f1688ae", type="job_board"),
    )
    assert record.embedded == (
        OfficeRecord(
            id=uid(2),
            remote_id=uid(2),
            remote_data=location,
            name="San Francisco",
            location="San Francisco, California, United States",
            is_remote=False,
        ),
    )


def test_location_from_spec_shape() -> None:
    # location.list entry, OpenAPI spec schema (no recorded example).
    raw = {
        "id": uid(5),
        "name": "Remote EU",
        "isArchived": False,
        "isRemote": True,
        "parentLocationId": uid(4),
        "type": "Location",
    }
    record = mo.to_office(AshbyLocation.model_validate(raw))
    assert (record.name, record.parent_id, record.is_remote, record.location) == (
        "Remote EU",
        uid(4),
        True,
        None,
    )


def test_job_posting_form_fields() -> None:
    raw = results("POST_jobPosting.info.json")
    fields = mo.to_job_form_fields(AshbyJobPosting.model_validate(raw))
    assert len(fields) == 7
    name, email, linkedin, experience = fields[:4]
    assert name.id == f"{uid(1)}:{uid(4)}"
    assert name.remote_id == uid(4)
    assert (name.name, name.label, name.index, name.is_required) == ("_systemfield_name", "Name", 0, True)
    assert (name.type, name.raw_type, name.job_id) == (FormFieldType.SHORT_TEXT, "String", uid(2))
    assert (email.type, linkedin.type) == (FormFieldType.EMAIL, FormFieldType.URL)
    assert experience.type == FormFieldType.SINGLE_SELECT
    assert experience.options[0] == FormFieldOption(label="0-5 years", value="0-5 years")
    assert experience.description == (
        "This role requires 5 years of experience minimum (10+ for staff positions)."
    )
    location = fields[5]
    assert (location.type, location.raw_type) == (FormFieldType.OTHER, "Location")
    assert fields[6].type == FormFieldType.LONG_TEXT
    assert [f.index for f in fields] == list(range(7))  # one untitled section: no group
    assert all(f.group_id is None and f.group_name is None for f in fields)


def test_titled_form_sections_are_groups_with_their_own_index() -> None:
    raw = dict(results("POST_jobPosting.info.json"))
    section = raw["applicationFormDefinition"]["sections"][0]
    raw["applicationFormDefinition"] = {
        "sections": [section, {"title": "Voluntary EEO", "fields": section["fields"][:2]}, section]
    }
    fields = mo.to_job_form_fields(AshbyJobPosting.model_validate(raw))
    grouped = [f for f in fields if f.group_id]
    assert [(f.index, f.group_id, f.group_name) for f in grouped] == [
        (0, f"{uid(1)}:1", "Voluntary EEO"),
        (1, f"{uid(1)}:1", "Voluntary EEO"),
    ]
    assert [f.index for f in fields if not f.group_id] == list(range(14))


def test_reject_reason_tag_and_stage_from_spec_shapes() -> None:
    # archiveReason.list, candidateTag.list, jobInterviewPlan.info: OpenAPI spec schemas.
    reason = m.to_reject_reason(
        AshbyArchiveReason.model_validate(
            {"id": uid(1), "text": "Withdrew", "reasonType": "RejectedByCandidate", "isArchived": False}
        )
    )
    assert reason.name == "Withdrew"
    tag = m.to_tag(AshbyTag.model_validate({"id": uid(2), "title": "Senior", "isArchived": False}))
    assert tag.name == "Senior"
    plan = AshbyJobInterviewPlan.model_validate(
        {
            "jobId": uid(3),
            "interviewPlanId": uid(4),
            "stages": [
                {
                    "id": uid(5),
                    "title": "Screen",
                    "type": "PreInterviewScreen",
                    "orderInInterviewPlan": 1,
                    "interviewStageGroupId": None,
                    "activities": [],
                }
            ],
        }
    )
    stage = m.to_job_interview_stage(plan.stages[0], job_id=plan.jobId)
    assert (stage.name, stage.status, stage.position, stage.job_id) == (
        "Screen",
        "PreInterviewScreen",
        1,
        uid(3),
    )
    direct = m.to_job_interview_stage(AshbyInterviewStage.model_validate(plan.stages[0].raw))
    assert direct.job_id is None


def test_timestamps_with_offsets_become_utc() -> None:
    raw = dict(results("POST_user.info.json"), updatedAt="2026-03-11T21:58:52.973+02:00")
    assert m.to_user(AshbyUser.model_validate(raw)).updated_at == datetime(
        2026, 3, 11, 19, 58, 52, 973000, tzinfo=UTC
    )
