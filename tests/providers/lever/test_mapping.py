"""Golden mapping tests: real Lever payloads (``../shared/fixtures/providers/lever``) parsed
with the wire models and mapped to unified records, asserting concrete values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from providers.http import parse
from providers.lever.mapping import JOB, REJECT_REASON, STAGE, TAG, USER, to_application, to_candidate
from providers.lever.payloads import (
    LeverArchiveReason,
    LeverOpportunity,
    LeverPosting,
    LeverStage,
    LeverTag,
    LeverUser,
)
from providers.records import (
    EmailAddress,
    JobInterviewStageRecord,
    JobStatus,
    JobType,
    PhoneNumber,
    Source,
    Team,
    Url,
)

from .conftest import fixture
from .mapping_support import (
    CTX,
    HIRED,
    MULTI_CONTACT,
    TIMING,
    opportunities,
    reason_types,
    single,
    utc,
)

pytestmark = pytest.mark.shared

# The mapping is declared as data (``RecordMap``s); these name its reads as the tests use them.
to_job, to_user, to_reject_reason, to_tag = JOB.read, USER.read, REJECT_REASON.read, TAG.read


def to_job_interview_stage(p: LeverStage, position: int) -> JobInterviewStageRecord:
    return STAGE.read(p, {"positions": {p.id: position}})


# -- candidates and applications --------------------------------------------------------------
def test_candidate_is_the_contact_built_from_all_its_opportunities() -> None:
    opps = [o for o in opportunities() if o.contact == MULTI_CONTACT]
    assert len(opps) == 3
    record = to_candidate(opps, reason_types())
    assert record.id == record.remote_id == MULTI_CONTACT
    assert record.name == "Nango Test Candidate"
    assert record.title == "Test Headline"  # Lever's headline
    assert record.first_name is None
    assert record.last_name is None
    assert record.emails == (EmailAddress(email="test@nango.dev"),)
    assert record.phones == (PhoneNumber(number="(555) 123-4567", type="mobile"),)
    assert record.locations == ()  # location "" in the payload
    assert record.application_ids == (
        "011cb2b2-3851-4f18-9530-68af484d1436",
        "b61dc18d-0ef8-480d-a4b1-50786b90fef1",
        "90bb80d6-db1b-4ba8-9d4f-8bcb25b6c017",
    )  # oldest first
    assert record.tag_ids == (
        "Test",
        "Nango Seed Posting 1 - Updated",
        "Research & Development",
        "Engineering",
        "San Francisco, CA",
        "Full-time",
    )
    assert record.created_at == utc(1782975323694)  # earliest opportunity
    assert record.updated_at == utc(1782975358805)  # latest opportunity
    assert record.last_interaction_at == utc(1782975358769)
    assert record.attachment_ids is None  # loaded by parent
    # remote_data is the raw JSON of the most recently updated opportunity
    raw = next(
        o
        for o in fixture("GET_opportunities.json")["data"]
        if o["id"] == "90bb80d6-db1b-4ba8-9d4f-8bcb25b6c017"
    )
    assert record.remote_data == raw
    # The applications are complete records built from the same opportunities: embedded.
    assert [a.id for a in record.embedded] == list(record.application_ids)
    assert all(a.candidate_id == MULTI_CONTACT for a in record.embedded)  # type: ignore[attr-defined]


def test_candidate_links_consent_location_and_company() -> None:
    raw = fixture("GET_opportunities_id.json")["data"]
    raw["links"] = ["https://example.com/portfolio"]
    raw["location"] = "Oakland"
    # dataProtection as in the docs example of "Retrieve a single opportunity"
    raw["dataProtection"] = {
        "store": {"allowed": True, "expiresAt": 1522540800000},
        "contact": {"allowed": False},
    }
    app = single("GET_opportunities_id_applications_id.json")
    app["company"] = "Brickly LLC"
    raw["applications"] = [app]  # as with expand=applications
    record = to_candidate([parse(LeverOpportunity, raw, CTX)], reason_types())
    assert record.urls == (Url(url="https://example.com/portfolio"),)
    assert record.locations == ("Oakland",)
    assert record.can_email is False
    assert record.company == "Brickly LLC"


def test_application_is_the_opportunity_rejected_with_a_non_hired_reason() -> None:
    raw = fixture("GET_opportunities_id.json")["data"]
    raw["applications"] = [single("GET_opportunities_id_applications_id.json")]  # expand=applications
    record = to_application(parse(LeverOpportunity, raw, CTX), reason_types())
    assert record.id == "6408dc54-7015-4e5b-8d60-23afff2b1efc"
    assert record.candidate_id == "997fd432-94f6-4613-9fa8-c3d5bd49600b"  # the contact
    assert record.job_id == "75ff237f-c221-4c26-8b23-faf395f5ea1c"  # the application's posting
    assert record.applied_at == utc(1782972986092)
    assert record.current_stage_id == "lead-reached-out"
    assert record.rejected_at == utc(1782973996415)
    assert record.reject_reason_id == TIMING  # "Timing" is a non-hired reason
    assert record.source == Source(name="Referral")
    assert record.credited_to_id == "32bc4d3b-1aa6-4e2b-92d0-2e575047001e"  # sourcedBy
    assert record.created_at == utc(1782972986091)
    assert record.updated_at == utc(1782974048515)
    assert record.remote_data == raw


def test_hired_opportunity_is_archived_but_not_rejected() -> None:
    hired = next(o for o in opportunities() if o.archived and o.archived.reason == HIRED)
    record = to_application(hired, reason_types())
    assert record.rejected_at is None
    assert record.reject_reason_id is None
    assert record.job_id is None  # not expanded, no application: no posting


def test_application_without_sources_or_sourcer() -> None:
    opp = next(o for o in opportunities() if o.id == "34b771d7-53be-4162-b95c-dc89e4eb82f1")
    record = to_application(opp, reason_types())
    assert record.source is None
    assert record.credited_to_id is None
    assert record.reject_reason_id == TIMING
    assert record.rejected_at == utc(1491525540000)


# -- jobs, users, stages, reasons, tags ---------------------------------------------------------
def postings() -> dict[str, LeverPosting]:
    items: list[LeverPosting] = parse(list[LeverPosting], fixture("GET_postings.json")["data"], CTX)
    return {p.id: p for p in items}


def test_job_from_posting() -> None:
    raw = fixture("GET_postings.json")["data"][2]
    job = to_job(postings()["83196b64-568c-4010-a17a-0e8c203c8f65"])
    assert job.name == "testing - 1"
    assert job.status is JobStatus.OPEN
    assert job.raw_status == "internal"
    assert job.job_type is JobType.CONTRACT
    assert job.raw_job_type == "Contract"
    assert job.is_remote is True
    assert job.locations == ("Seattle, WA",)
    assert job.teams == (Team(name="Professional Services"),)
    assert job.compensation is not None
    assert (job.compensation.min, job.compensation.max) == (Decimal(40000), Decimal(80000))
    assert (job.compensation.currency, job.compensation.period) == ("AUD", "per-year-salary")
    assert job.recruiter_ids == ("32bc4d3b-1aa6-4e2b-92d0-2e575047001e",)  # posting owner
    assert job.hiring_manager_ids == ()
    assert job.job_posting_urls == (
        Url(url="https://jobs.lever.co/nango/83196b64-568c-4010-a17a-0e8c203c8f65", type="show"),
        Url(url="https://jobs.lever.co/nango/83196b64-568c-4010-a17a-0e8c203c8f65/apply", type="apply"),
    )
    assert job.confidential is False
    assert job.created_at == utc(raw["createdAt"])
    assert job.department_ids == ()
    assert job.office_ids == ()
    assert job.remote_data == raw


@pytest.mark.parametrize(
    ("posting_id", "status", "raw", "job_type", "remote"),
    [
        ("75ff237f-c221-4c26-8b23-faf395f5ea1c", JobStatus.DRAFT, "draft", JobType.FULL_TIME, None),
        ("d248f6f5-ca37-4467-a08d-11ad90fd9b1f", JobStatus.CLOSED, "closed", JobType.FULL_TIME, None),
        ("f8b7dd19-1d9f-40f1-8090-e4a62e989e0b", JobStatus.OPEN, "internal", JobType.INTERNSHIP, True),
    ],
)
def test_job_status_and_type_tables(
    posting_id: str, status: JobStatus, raw: str, job_type: JobType, remote: bool | None
) -> None:
    job = to_job(postings()[posting_id])
    assert (job.status, job.raw_status, job.job_type, job.is_remote) == (status, raw, job_type, remote)


def test_unknown_posting_state_and_commitment_stay_raw() -> None:
    raw = fixture("GET_postings_id.json")["data"]
    raw["state"] = "rejected"
    raw["categories"]["commitment"] = "Seasonal"
    job = to_job(parse(LeverPosting, raw, CTX))
    assert (job.status, job.raw_status) == (JobStatus.OTHER, "rejected")
    assert (job.job_type, job.raw_job_type) == (JobType.OTHER, "Seasonal")


def test_job_description_and_requisition_code() -> None:
    job = to_job(postings()["513d232d-2bfa-4120-a6d2-bf5fccbe0598"])
    assert job.requisition_id == "9900014"
    assert job.description is not None
    assert job.description.startswith("<div>")
    single_posting = to_job(parse(LeverPosting, single("GET_postings_id.json"), CTX))
    assert single_posting.description == "<div>Seed posting for Nango integration testing.</div>"
    assert single_posting.requisition_id is None


def test_user() -> None:
    raw = single("GET_users_id.json")
    user = to_user(parse(LeverUser, raw, CTX))
    assert user.id == "be129d9b-50da-4485-9377-0d83e981f30b"
    assert user.name == "Nango Seed User 1"
    assert user.emails == (EmailAddress(email="nango-seed-1@nango.dev"),)
    assert user.disabled is False
    assert user.access_role == "interviewer"
    assert user.created_at == utc(1782972916580)
    raw["deactivatedAt"] = 1782972999999
    assert to_user(parse(LeverUser, raw, CTX)).disabled is True


def test_stages_reasons_tags() -> None:
    stages = parse(list[LeverStage], fixture("GET_stages.json")["data"], CTX)
    stage = to_job_interview_stage(stages[4], 4)
    assert (stage.id, stage.name, stage.position, stage.job_id) == (
        "49422c7e-5b86-4a06-9386-d432f6e98d57",
        "HM Review",
        4,
        None,
    )
    reason = to_reject_reason(parse(LeverArchiveReason, single("GET_archive_reasons_id.json"), CTX))
    assert (reason.id, reason.name) == (TIMING, "Timing")
    tag = to_tag(parse(LeverTag, fixture("GET_tags.json")["data"][0], CTX))
    assert (tag.id, tag.name, tag.remote_data) == (
        "Account Executive",
        "Account Executive",
        {"count": 56, "text": "Account Executive"},
    )
