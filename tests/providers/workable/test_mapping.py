"""Golden mapping tests over Workable's recorded payloads (``shared/fixtures/providers/workable``).

Where no recorded example exists (an offer with data, questions with choices, social profiles)
the payload follows Workable's reference, named at each test.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from providers.kit.resources import read_payload
from providers.records import (
    ActivityRecord,
    ActivityType,
    ApplicationRecord,
    CandidateRecord,
    Compensation,
    EmailAddress,
    FormFieldOption,
    FormFieldType,
    InterviewStatus,
    JobInterviewStageRecord,
    JobStatus,
    JobType,
    OfferRecord,
    OfferStatus,
    PhoneNumber,
    Resource,
    Source,
    TagRecord,
    Url,
)
from providers.workable import WorkableAdapter
from providers.workable.form_fields import to_job_form_fields
from providers.workable.mapping import (
    ACTIVITY,
    DEPARTMENT,
    INTERVIEW,
    JOB,
    ORGANIZATION,
    REJECT_REASON,
    STAGE,
    USER,
    Lookups,
    offer_of,
    split_stage_id,
    stage_id,
    stage_keys,
)
from providers.workable.payloads import (
    CandidateEnvelope,
    WorkableAccount,
    WorkableActivity,
    WorkableApplicationForm,
    WorkableCandidate,
    WorkableDepartment,
    WorkableDisqualificationReason,
    WorkableEvent,
    WorkableJob,
    WorkableMember,
    WorkableOffer,
    WorkableStage,
)
from tests.shared import load_fixture


def to_candidate(p: WorkableCandidate, lookups: Lookups) -> CandidateRecord:
    """A candidate as the adapter reads it (embedding its application and tags)."""
    (record,) = read_payload(WorkableAdapter.endpoints(Resource.CANDIDATE), p, {"lookups": lookups})
    return record  # type: ignore[return-value]


def to_application(p: WorkableCandidate, lookups: Lookups) -> ApplicationRecord:
    """An application as the adapter reads it (embedding its candidate and tags)."""
    (record,) = read_payload(WorkableAdapter.endpoints(Resource.APPLICATION), p, {"lookups": lookups})
    return record  # type: ignore[return-value]


def has_offer(p: WorkableOffer) -> bool:
    return bool(offer_of(p, {"id": "any"}))


def to_offer(p: WorkableOffer, candidate_id: str) -> OfferRecord:
    """An offer read by its candidate's id (``GET /candidates/{id}/offer``)."""
    (record,) = offer_of(p, {"id": candidate_id})
    return record


# The mapping is declared as data (``RecordMap``s); these name its reads as the tests use them.
to_job, to_department, to_user = JOB.read, DEPARTMENT.read, USER.read
to_reject_reason, to_organization, to_interview = REJECT_REASON.read, ORGANIZATION.read, INTERVIEW.read


def to_job_interview_stage(p: WorkableStage, shortcode: str) -> JobInterviewStageRecord:
    return STAGE.read(p, {"parent": shortcode})


def to_activity(p: WorkableActivity, candidate_id: str | None = None) -> ActivityRecord:
    return ACTIVITY.read(p, {"candidate_id": candidate_id})


pytestmark = pytest.mark.shared


def fx(name: str) -> Any:
    return load_fixture("workable", name)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def stages_lookup() -> Lookups:
    stages = [WorkableStage.model_validate(s) for s in fx("GET_jobs_shortcode_stages.json")["stages"]]
    reasons = [
        WorkableDisqualificationReason.model_validate(r) for r in fx("GET_disqualification_reasons.json")
    ]
    return Lookups(
        stages={
            job: stage_keys([to_job_interview_stage(s, job) for s in stages])
            for job in ("9CD658E13E", "B3627BCF5D")
        },
        reasons={r.description: r.id for r in reasons if r.description},
    )


# -- candidates and applications -----------------------------------------------------------


def test_candidate_detail_maps_every_field_and_embeds_its_application_and_tags() -> None:
    raw = fx("GET_candidates_id.json")
    payload = CandidateEnvelope.model_validate(raw).candidate
    record = to_candidate(payload, stages_lookup())
    assert record.id == record.remote_id == "27273038"
    assert (record.first_name, record.last_name, record.name) == ("Nango", "Testone", "Nango Testone")
    assert record.title == "Senior QA Engineer"
    assert record.emails == (EmailAddress(email="nango.testone@example.com", is_primary=True),)
    assert record.phones == ()
    assert record.locations == ()
    assert record.tag_ids == ("nango", "priority")
    assert record.application_ids == ("27273038",)
    assert record.created_at == utc(2026, 7, 23, 19, 21, 6)
    assert record.updated_at == utc(2026, 7, 23, 20, 2, 42)
    assert record.remote_data == raw["candidate"]
    application, *tags = record.embedded
    assert isinstance(application, ApplicationRecord)
    assert application.id == application.candidate_id == "27273038"
    assert application.job_id == "9CD658E13E"
    assert application.current_stage_id == "9CD658E13E:sourced"
    assert tags == [
        TagRecord(id="nango", remote_id="nango", remote_data="nango", name="nango"),
        TagRecord(id="priority", remote_id="priority", remote_data="priority", name="priority"),
    ]


def test_candidate_from_the_collection_has_contact_data_but_no_tag_list() -> None:
    raw = fx("GET_candidates.json")["candidates"][0]
    record = to_candidate(WorkableCandidate.model_validate(raw), stages_lookup())
    assert record.id == "27270275"
    assert record.phones == (PhoneNumber(number="+18579909675"),)
    assert record.locations == ("1007 Dakota Glen, 18470 Jackelineburgh, UK",)
    assert record.title == "Sales Executive"
    assert record.tag_ids is None  # not listed on collection items: loaded by candidate instead
    assert record.remote_data is raw


def test_social_profiles_become_urls() -> None:
    # https://workable.readme.io/reference/job-candidates-show: social_profiles[{type, name, username, url}]
    raw = dict(fx("GET_candidates_id.json")["candidate"])
    raw["social_profiles"] = [{"type": "linkedin", "name": "LinkedIn", "url": "https://linkedin.com/in/x"}]
    record = to_candidate(WorkableCandidate.model_validate(raw), Lookups())
    assert record.urls == (Url(url="https://linkedin.com/in/x", type="linkedin"),)


def test_application_maps_stage_source_and_embeds_the_candidate() -> None:
    raw = fx("GET_candidates.json")["candidates"][0]
    record = to_application(WorkableCandidate.model_validate(raw), stages_lookup())
    assert record.id == record.candidate_id == "27270275"
    assert record.job_id == "9CD658E13E"
    assert record.current_stage_id == "9CD658E13E:assessment"  # "Assessment" by name -> slug
    assert record.applied_at == record.created_at == utc(2026, 4, 11, 3, 36, 38)
    assert record.source == Source(name="twitter.com")
    assert record.rejected_at is None
    assert record.reject_reason_id is None
    (candidate,) = record.embedded
    assert isinstance(candidate, CandidateRecord)
    assert candidate.id == "27270275"
    assert candidate.embedded == ()


def test_phone_screen_stage_name_resolves_to_its_slug() -> None:
    lookups = stages_lookup()
    items = fx("GET_candidates.json")["candidates"] + fx("GET_candidates.page_last.json")["candidates"]
    phone = next(c for c in items if c["stage"] == "Phone Screen")
    record = to_application(WorkableCandidate.model_validate(phone), lookups)
    assert record.current_stage_id == f"{phone['job']['shortcode']}:phone-screen"


def test_disqualified_candidate_maps_its_reason_to_the_reason_id() -> None:
    items = fx("GET_candidates.json")["candidates"] + fx("GET_candidates.page_last.json")["candidates"]
    raw = next(c for c in items if c["disqualification_reason"] == "Doesn't have required experience")
    record = to_application(WorkableCandidate.model_validate(raw), stages_lookup())
    assert record.reject_reason_id == "b29c64"
    # collection items have no disqualified_at; the detail has it:
    detail = dict(raw, disqualified_at="2026-05-01T10:00:00Z")
    assert to_application(WorkableCandidate.model_validate(detail), Lookups()).rejected_at == utc(
        2026, 5, 1, 10
    )


def test_unknown_stage_or_reason_leaves_the_ids_unset() -> None:
    raw = dict(fx("GET_candidates.json")["candidates"][0], stage="Renamed", disqualified=True)
    raw["disqualification_reason"] = "A reason nobody listed"
    record = to_application(WorkableCandidate.model_validate(raw), stages_lookup())
    assert record.current_stage_id is None
    assert record.reject_reason_id is None


def test_stage_ids_are_job_scoped() -> None:
    assert stage_id("9CD658E13E", "phone-screen") == "9CD658E13E:phone-screen"
    assert split_stage_id("9CD658E13E:phone-screen") == ("9CD658E13E", "phone-screen")
    assert split_stage_id("phone-screen") is None


# -- jobs, stages, form fields ----------------------------------------------------------------


def test_job_detail() -> None:
    raw = fx("GET_jobs_shortcode.json")
    record = to_job(WorkableJob.model_validate(raw))
    assert record.id == record.remote_id == "9CD658E13E"
    assert record.name == "Account Executive"
    assert record.code == "GB/09/AE"
    assert (record.status, record.raw_status) == (JobStatus.CLOSED, "closed")
    assert (record.job_type, record.raw_job_type) == (JobType.FULL_TIME, "Full-time")
    assert record.job_position_level == "Mid-Senior level"
    assert record.description is not None
    assert record.description.startswith("<p>We are looking")
    assert record.locations == ("London, United Kingdom",)
    assert record.is_remote is False
    assert record.confidential is False
    assert record.department_ids == ()
    assert record.compensation == Compensation(min=Decimal(60000), max=Decimal(80000), currency="GBP")
    assert record.job_posting_urls == (
        Url(url="https://nangodev.workable.com/jobs/5986327", type="job_page"),
        Url(url="https://nangodev.workable.com/jobs/5986327/candidates/new", type="application_form"),
        Url(url="https://apply.workable.com/j/9CD658E13E", type="shortlink"),
    )
    assert record.created_at == utc(2026, 3, 25)
    assert record.updated_at == utc(2026, 7, 23, 20, 46, 41)
    assert record.remote_data == raw


def test_job_list_items_and_unmapped_values() -> None:
    first, second = fx("GET_jobs.json")["jobs"]
    assert to_job(WorkableJob.model_validate(second)).locations == ("New York, United States",)
    assert to_job(WorkableJob.model_validate(second)).compensation == Compensation(
        min=Decimal(150000), max=Decimal(200000), currency="USD"
    )
    odd = dict(first, state="paused", employment_type="Volunteer", workplace_type="remote")
    odd["department"] = "Sales"
    odd["department_hierarchy"] = [
        {"id": 792289333, "name": "Commercial"},
        {"id": 792289334, "name": "Sales"},
    ]
    record = to_job(WorkableJob.model_validate(odd))
    assert (record.status, record.raw_status) == (JobStatus.OTHER, "paused")
    assert (record.job_type, record.raw_job_type) == (JobType.OTHER, "Volunteer")
    assert record.is_remote is True
    assert record.department_ids == ("792289334",)
    assert to_job(WorkableJob.model_validate(dict(first, state="published"))).status is JobStatus.OPEN


def test_job_interview_stages() -> None:
    raw = fx("GET_jobs_shortcode_stages.json")["stages"]
    records = [to_job_interview_stage(WorkableStage.model_validate(s), "9CD658E13E") for s in raw]
    assert [r.id for r in records][:3] == [
        "9CD658E13E:sourced",
        "9CD658E13E:applied",
        "9CD658E13E:phone-screen",
    ]
    assert (records[2].name, records[2].position, records[2].job_id) == ("Phone Screen", 3, "9CD658E13E")
    assert records[0].remote_data == raw[0]


def test_application_form_fields_and_groups() -> None:
    raw = fx("GET_jobs_shortcode_application_form.json")
    records = to_job_form_fields(WorkableApplicationForm.model_validate(raw), "9CD658E13E")
    by_id = {r.id: r for r in records}
    headline = by_id["9CD658E13E:headline"]
    assert (headline.name, headline.label, headline.index, headline.is_required) == (
        "headline",
        "Headline",
        0,
        False,
    )
    assert (headline.type, headline.raw_type, headline.job_id) == (
        FormFieldType.SHORT_TEXT,
        "string",
        "9CD658E13E",
    )
    assert by_id["9CD658E13E:resume"].type is FormFieldType.FILE
    assert by_id["9CD658E13E:summary"].type is FormFieldType.LONG_TEXT
    school = by_id["9CD658E13E:education.school"]
    assert (school.group_id, school.group_name, school.index) == ("9CD658E13E:education", "Education", 0)
    current = by_id["9CD658E13E:experience.current"]
    assert (current.type, current.index, current.name) == (FormFieldType.BOOLEAN, 4, "current")
    assert "9CD658E13E:education" not in by_id  # a group contributes its fields
    assert len(records) == 7 + 5 + 7  # 7 plain fields, education (5) and experience (7)


def test_questions_follow_the_reference() -> None:
    # https://workable.readme.io/reference/jobsshortcodeapplication_form (questions keys)
    raw = {
        "form_fields": [],
        "questions": [
            {"id": "2128d717", "body": "Why us?", "type": "free_text", "required": True},
            {
                "id": "1914385",
                "body": "Years of experience?",
                "type": "multiple_choice",
                "required": False,
                "single_answer": True,
                "choices": [{"id": "3f3c0265", "body": "0-3 years"}, {"id": "2632b0fd", "body": "3-5 years"}],
            },
            {"id": "77", "body": "Pets?", "type": "multiple_choice", "single_answer": False, "choices": []},
            {"id": "88", "body": "Signature", "type": "signature"},
        ],
    }
    free, choice, multi, odd = to_job_form_fields(WorkableApplicationForm.model_validate(raw), "J1")
    assert (free.id, free.name, free.label, free.type, free.is_required) == (
        "J1:question:2128d717",
        "2128d717",
        "Why us?",
        FormFieldType.LONG_TEXT,
        True,
    )
    assert choice.type is FormFieldType.SINGLE_SELECT
    assert choice.options == (
        FormFieldOption(label="0-3 years", value="3f3c0265"),
        FormFieldOption(label="3-5 years", value="2632b0fd"),
    )
    assert multi.type is FormFieldType.MULTI_SELECT
    assert (odd.type, odd.raw_type, odd.index) == (FormFieldType.OTHER, "signature", 3)


# -- account-wide resources ----------------------------------------------------------------


def test_departments_keep_their_parent() -> None:
    raw = fx("GET_departments.json")
    records = [to_department(WorkableDepartment.model_validate(d)) for d in raw]
    support = next(r for r in records if r.name == "Support")
    assert (support.id, support.parent_id) == ("92b73", "92b72")
    assert next(r for r in records if r.name == "Engineering").parent_id is None
    assert support.remote_data == next(d for d in raw if d["name"] == "Support")


def test_members_are_users() -> None:
    raw = fx("GET_members.json")["members"][0]
    record = to_user(WorkableMember.model_validate(raw))
    assert (record.id, record.name, record.access_role, record.disabled) == (
        "1f395d",
        "Nango Developer",
        "admin",
        False,
    )
    assert record.emails == (EmailAddress(email="api@nango.dev", is_primary=True),)
    assert record.first_name is None  # Workable has one full name; splitting it would be a guess
    assert to_user(WorkableMember.model_validate(dict(raw, active=False))).disabled is True


def test_disqualification_reasons_are_reject_reasons() -> None:
    record = to_reject_reason(
        WorkableDisqualificationReason.model_validate(fx("GET_disqualification_reasons.json")[0])
    )
    assert (record.id, record.name) == ("b29c63", "Doesn't have required qualifications")


def test_account_is_the_organization() -> None:
    record = to_organization(WorkableAccount.model_validate(fx("GET_accounts_subdomain.json")))
    assert (record.id, record.name) == ("b4e8e", "NangoDev")


# -- events, activities, offers ------------------------------------------------------------


def test_events_are_interviews() -> None:
    raw = fx("GET_events_id.json")
    record = to_interview(WorkableEvent.model_validate(raw))
    assert record.id == "10e0d9a"
    assert record.candidate_id == record.application_id == "27270276"
    assert record.interviewer_ids == ("1f3961",)
    assert record.start_at == utc(2026, 4, 17, 3, 36, 46)
    assert record.end_at == utc(2026, 4, 17, 4, 6, 46)
    assert record.status is InterviewStatus.SCHEDULED
    assert record.remote_data == raw
    panel = next(e for e in fx("GET_events.json")["events"] if e["type"] == "InterviewEvent")
    assert to_interview(WorkableEvent.model_validate(panel)).interviewer_ids == ("1f3961", "1f3964")


def test_cancelled_event_and_conference_location() -> None:
    # conference: https://workable.readme.io/reference/events
    raw = dict(fx("GET_events_id.json"), cancelled=True)
    raw["conference"] = {"type": "zoom_meeting", "id": 1100001, "url": "https://zoom.us/j/1100001"}
    record = to_interview(WorkableEvent.model_validate(raw))
    assert record.status is InterviewStatus.CANCELLED
    assert record.location == "https://zoom.us/j/1100001"


def test_candidate_activities() -> None:
    raw = fx("GET_candidates_id_activities.json")["activities"]
    first, second = (to_activity(WorkableActivity.model_validate(a), "272731b1") for a in raw[:2])
    assert (first.id, first.candidate_id, first.actor_id) == ("9075283b", "272731b1", None)
    assert (first.activity_type, first.raw_activity_type) == (ActivityType.OTHER, "uploaded")
    assert first.created_at == datetime(2026, 7, 23, 19, 21, 46, 175000, tzinfo=UTC)
    assert second.actor_id == "1f395d"


def test_job_activities_comments_are_notes_and_messages_emails() -> None:
    raw = fx("GET_jobs_shortcode_activities.json")["activities"]
    records = [to_activity(WorkableActivity.model_validate(a)) for a in raw]
    comment = next(r for r in records if r.raw_activity_type == "comment")
    message = next(r for r in records if r.raw_activity_type == "message")
    assert comment.activity_type is ActivityType.NOTE
    assert comment.candidate_id == "27270276"
    assert comment.body == "Good application, I think we should schedule a call @eduardo_vallente."
    assert message.activity_type is ActivityType.EMAIL


def test_recorded_offer_without_offer_data_is_no_offer() -> None:
    assert not has_offer(WorkableOffer.model_validate(fx("GET_candidates_id_offer.json")))


def test_offer_follows_the_reference() -> None:
    # https://workable.readme.io/reference/candidatesidoffer
    raw = {
        "candidate": {"id": "3a2b35a4", "name": "James Jameson"},
        "created_at": "2021-06-10T13:43:40.442Z",
        "state": "accepted",
        "document_variables": [],
        "documents": [{"name": "signed-offer.pdf", "preview_url": "https://x/offer.pdf", "kind": "offer"}],
    }
    payload = WorkableOffer.model_validate(raw)
    record = to_offer(payload, "3a2b35a4")
    assert has_offer(payload)
    assert record.id == record.candidate_id == record.application_id == "3a2b35a4"
    assert (record.status, record.raw_status) == (OfferStatus.ACCEPTED, "accepted")
    assert record.created_at == datetime(2021, 6, 10, 13, 43, 40, 442000, tzinfo=UTC)
    rejected = to_offer(WorkableOffer.model_validate(dict(raw, state="rejected")), "3a2b35a4")
    assert (rejected.status, rejected.raw_status) == (OfferStatus.OTHER, "rejected")
