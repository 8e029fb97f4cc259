"""Golden mapping tests over every payload in ``shared/fixtures/providers/smartrecruiters``.

Most of those files are Swagger-UI placeholder examples (``"string"``, ``0``, ``additionalProp1``:
every file the fixtures' README marks ``swagger-example-values``); the others (reviews, users'
access groups, consents, webhooks) hold concrete values from a client's tests. Placeholders are
mapped faithfully all the same: ``"string"`` stays ``"string"``. Each ``GET`` the adapter reads
goes through its endpoint's declared read; :data:`UNREAD` names the rest and why; write answers
are parsed with the model of the record they return. Skips on a plain clone without ``../shared``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Final

import pytest

from providers.kit.resources import read_payload
from providers.records import (
    ApplicationRecord,
    AttachmentType,
    CandidateRecord,
    DepartmentRecord,
    EmailAddress,
    InterviewRecord,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    OfferRecord,
    OfferStatus,
    OverallRecommendation,
    PhoneNumber,
    Record,
    RejectReasonRecord,
    Resource,
    ScorecardRecord,
    Source,
    TagRecord,
    Url,
    UserRecord,
)
from providers.smartrecruiters import payloads as p
from providers.smartrecruiters.adapter import SmartRecruitersAdapter
from providers.smartrecruiters.mapping import APPLICATION, CANDIDATE, STAGE, USER
from tests.shared import PROVIDER_FIXTURES, load_fixture

R = Resource
NAME: Final = "smartrecruiters"
UNREAD: Final = {
    "GET_candidates_{id}_consent.json": "GDPR consent: not in the unified model",
    "GET_candidates_{id}_consents.json": "GDPR consents: not in the unified model",
    "GET_candidates_{id}_jobs_{jobId}_status_history.json": "status history: activities are not served "
    "(test_status_history_reads_as_stages checks its shape)",
    "GET_interviews-api_v201904_interview-types.json": "a list of names, no unified resource",
    "GET_jobs_{id}_hiring-team.json": "members carry only an id, no role: recruiter or hiring manager is unknown",
    "GET_postings_{uuid}_candidates_{candidateId}_status.json": "Application API (career site), keyed by posting",
    "GET_postings_{uuid}_configuration.json": "Application API form, keyed by posting, not by job",
    "GET_user-api_v201804_access-groups.json": "access groups: not in the unified model",
    "GET_user-api_v201804_system-roles.json": "roles: a user's role name is read from the user",
    "GET_v1_companies_{companyIdentifier}_postings.json": "public job ads (Posting API): jobs come from /jobs",
    "GET_v1_companies_{companyIdentifier}_postings_{postingId}.json": "public job ad (Posting API)",
    "GET_webhooks-api_v201907_subscriptions.json": "webhook subscriptions: webhooks are not implemented",
    "GET_webhooks-api_v201907_subscriptions_{id}.json": "webhook subscription",
    "GET_webhooks-api_v201907_subscriptions_{id}_callbacks-log.json": "webhook deliveries",
    "GET_webhooks-api_v201907_subscriptions_{id}_secret-key.json": "a webhook secret",
    "POST_postings_{uuid}_candidates.json": "Application API answer (id, portal URL): writes are not done",
    "POST_webhooks-api_v201907_subscriptions.json": "webhooks are not implemented",
    "POST_webhooks-api_v201907_subscriptions_{id}_secret-key.json": "webhooks are not implemented",
}
"""Payload files the adapter does not read, and why."""
SCHEMAS: Final = "schema.json"
"""Derived property tables, not payloads (``*.schema.json``): nothing to map."""
WRITES: Final = {
    "POST_candidates.json": p.Candidate,
    "PATCH_candidates_{id}.json": p.Candidate,
    "POST_user-api_v201804_users.json": p.User,
    "PATCH_user-api_v201804_users_{id}.json": p.User,
    "POST_reviews.json": p.Review,
    "POST_interviews-api_v201904_interviews.json": p.Interview,
}
"""Write answers: the record they return, parsed (writes are not part of these reads)."""


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def read(resource: Resource, payload: Any, ctx: dict[str, Any] | None = None) -> list[Record]:
    e = SmartRecruitersAdapter.endpoints(resource)
    return read_payload(e, e.model.model_validate(payload), ctx or {})


def items(name: str) -> list[Any]:
    body = load_fixture(NAME, name)
    return body if isinstance(body, list) else body["content"]


def fixture_names() -> list[str]:
    folder = PROVIDER_FIXTURES / NAME
    if not folder.is_dir():
        return ["GET_candidates.json"]  # load_fixture skips, saying why
    return sorted(f.name for f in folder.glob("*.json") if f.name != "_index.json")


READERS: Final = {
    "GET_candidates.json": "test_listed_candidate",
    "GET_candidates_{id}.json": "test_candidate_detail_and_its_applications",
    "GET_candidates_{id}_jobs_{jobId}.json": "test_application_detail",
    "GET_candidates_{id}_jobs_{jobId}_attachments.json": "test_attachments",
    "GET_candidates_{id}_jobs_{jobId}_offers.json": "test_offers",
    "GET_candidates_{id}_jobs_{jobId}_offers_{offerId}.json": "test_offers",
    "GET_offers.json": "test_offers",
    "GET_interviews-api_v201904_interviews_{id}.json": "test_interview",
    "GET_jobs.json": "test_jobs",
    "GET_jobs_{id}.json": "test_jobs",
    "GET_reviews.json": "test_reviews",
    "GET_reviews_{id}.json": "test_reviews",
    "GET_user-api_v201804_users.json": "test_users",
    "GET_user-api_v201804_users_{id}.json": "test_users",
    "GET_v1_companies_{companyIdentifier}_departments.json": "test_departments",
}


@pytest.mark.shared
@pytest.mark.parametrize("name", fixture_names())
def test_every_fixture_is_read_or_said_why_not(name: str) -> None:
    load_fixture(NAME, name)
    known = name in READERS or name in UNREAD or name in WRITES or name.endswith(SCHEMAS)
    assert known, f"{name}: no golden test reads it and UNREAD does not say why"


@pytest.mark.shared
def test_listed_candidate() -> None:
    [c] = items("GET_candidates.json")
    [candidate] = read(R.CANDIDATE, c)
    assert isinstance(candidate, CandidateRecord)
    assert (candidate.id, candidate.first_name, candidate.name) == ("string", "string", "string string")
    assert candidate.emails == (EmailAddress(email="string", is_primary=True),)
    assert candidate.locations == ("string, string, string",)
    assert candidate.tag_ids == ("string",)
    # the primary and the (job-only) secondary assignment both point at job "string"
    assert candidate.application_ids == ("string:string", "string:string")
    assert candidate.created_at == at("2021-10-16T21:13:09.300Z")
    assert candidate.remote_data == c
    assert candidate.embedded == (
        TagRecord(id="string", remote_id="string", remote_data="string", name="string"),
    )


@pytest.mark.shared
def test_candidate_detail_and_its_applications() -> None:
    c = load_fixture(NAME, "GET_candidates_{id}.json")
    [candidate] = read(R.CANDIDATE, c)
    assert isinstance(candidate, CandidateRecord)
    assert (candidate.first_name, candidate.last_name, candidate.name) == ("First", "Last", "First Last")
    assert candidate.phones == (PhoneNumber(number="string"),)
    assert candidate.urls == (Url(url="string", type="linkedin"), Url(url="string", type="website"))
    apps = read(R.APPLICATION, c, {"parent": "string"})
    assert len(apps) == 2
    first = apps[0]
    assert isinstance(first, ApplicationRecord)
    assert (first.id, first.candidate_id, first.job_id) == ("string:string", "string", "string")
    assert first.current_stage_id == "LEAD:string"
    assert first.reject_reason_id == "string"
    assert first.source == Source(name="string")
    assert first.remote_data == c["primaryAssignment"]
    stage, *_, reason = first.embedded
    assert isinstance(stage, JobInterviewStageRecord)
    assert (stage.id, stage.name, stage.status) == ("LEAD:string", "string", "LEAD")
    assert isinstance(reason, RejectReasonRecord)
    assert reason.name == "string"


@pytest.mark.shared
def test_application_detail() -> None:
    """The detail answer names neither candidate nor job: the read knows both from its path."""
    a = load_fixture(NAME, "GET_candidates_{id}_jobs_{jobId}.json")
    app = APPLICATION.read(p.Assignment.model_validate(a), {"candidate": "c1", "job": "j1"})
    assert (app.id, app.candidate_id, app.job_id) == ("c1:j1", "c1", "j1")
    assert app.current_stage_id == "LEAD:string"
    assert app.reject_reason_id == "string"


@pytest.mark.shared
def test_status_history_reads_as_stages() -> None:
    [change] = items("GET_candidates_{id}_jobs_{jobId}_status_history.json")
    parsed = p.StatusChange.model_validate(change)
    assert parsed.changedOn == at("2021-10-13T21:06:07.958Z")
    assert STAGE.read(parsed).id == "LEAD:string"


@pytest.mark.shared
def test_attachments() -> None:
    [a] = items("GET_candidates_{id}_jobs_{jobId}_attachments.json")
    [att] = read(R.ATTACHMENT, a, {"parent": "c1:j1"})
    assert att.model_dump(
        include={"id", "file_name", "file_url", "application_id", "candidate_id", "job_id"}
    ) == {
        "id": "string",
        "file_name": "string",
        "file_url": "string",
        "application_id": "c1:j1",
        "candidate_id": "c1",
        "job_id": "j1",
    }
    assert getattr(att, "attachment_type", None) is AttachmentType.OTHER
    assert getattr(att, "raw_attachment_type", None) == "string"


@pytest.mark.shared
@pytest.mark.parametrize(
    "name",
    [
        "GET_offers.json",
        "GET_candidates_{id}_jobs_{jobId}_offers.json",
        "GET_candidates_{id}_jobs_{jobId}_offers_{offerId}.json",
    ],
)
def test_offers(name: str) -> None:
    body = load_fixture(NAME, name)
    [o] = body.get("content", [body])
    under = "offers_{offerId}" not in name and "jobs" in name
    [offer] = read(R.OFFER, o, {"parent": "c1:j1"} if under else {})
    assert isinstance(offer, OfferRecord)
    assert offer.id == o["id"]
    assert offer.status is OfferStatus.DRAFT
    assert offer.raw_status == "CREATED"
    assert offer.created_at == at(o["createdOn"])
    assert (offer.application_id, offer.job_id) == (("c1:j1", "j1") if under else (None, None))


@pytest.mark.shared
def test_interview() -> None:
    i = load_fixture(NAME, "GET_interviews-api_v201904_interviews_{id}.json")
    [interview] = read(R.INTERVIEW, i)
    assert isinstance(interview, InterviewRecord)
    assert (interview.application_id, interview.organizer_id, interview.location) == (
        "string:string",
        "string",
        "string",
    )
    assert interview.interviewer_ids == ("string",)
    assert interview.start_at == interview.end_at == at("2021-10-13T19:11:56.372Z")


@pytest.mark.shared
@pytest.mark.parametrize("name", ["GET_jobs.json", "GET_jobs_{id}.json"])
def test_jobs(name: str) -> None:
    body = load_fixture(NAME, name)
    [j] = body.get("content", [body])
    [job] = read(R.JOB, j)
    assert isinstance(job, JobRecord)
    assert (job.id, job.name, job.code) == (j["id"], j["title"], "string")
    assert job.status is JobStatus.DRAFT
    assert job.raw_status == "CREATED"
    assert job.department_ids == ("string",)
    assert job.is_remote is True
    assert job.locations == ("string, string, string",)
    assert job.description == ("string" if "jobAd" in j else None)
    [department] = job.embedded
    assert isinstance(department, DepartmentRecord)
    assert department.name == "string"


@pytest.mark.shared
@pytest.mark.parametrize("name", ["GET_reviews.json", "GET_reviews_{id}.json"])
def test_reviews(name: str) -> None:
    body = load_fixture(NAME, name)
    [r] = body if isinstance(body, list) else [body]
    [card] = read(R.SCORECARD, r)
    assert isinstance(card, ScorecardRecord)
    assert card.application_id == f"{r['candidateId']}:{r['jobId']}"
    assert (card.candidate_id, card.interviewer_id) == (r["candidateId"], r["reviewerId"])
    # 0 is no star rating: kept raw
    assert card.overall_recommendation is OverallRecommendation.OTHER
    assert card.raw_overall_recommendation == "0"
    assert card.submitted_at == at(r["createdOn"])


@pytest.mark.shared
@pytest.mark.parametrize("name", ["GET_user-api_v201804_users.json", "GET_user-api_v201804_users_{id}.json"])
def test_users(name: str) -> None:
    body = load_fixture(NAME, name)
    [u] = body.get("content", [body])
    [user] = read(R.USER, u)
    assert isinstance(user, UserRecord)
    assert (user.id, user.name, user.disabled, user.access_role) == (
        u["id"],
        "string string",
        False,
        "string",
    )
    assert user.emails == (EmailAddress(email=u["email"], is_primary=True),)
    assert user.updated_at == at(u["updatedOn"])


@pytest.mark.shared
def test_departments() -> None:
    """The Posting API's departments: the shape ``/configuration/departments`` is read with."""
    [d] = items("GET_v1_companies_{companyIdentifier}_departments.json")
    [department] = read(R.DEPARTMENT, d)
    assert (department.id, getattr(department, "name", None)) == ("string", "Product")


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(WRITES))
def test_write_answers_parse_as_their_record(name: str) -> None:
    body = load_fixture(NAME, name)
    parsed = WRITES[name].model_validate(body)
    assert parsed.raw == body
    if WRITES[name] is p.Candidate:
        assert CANDIDATE.read(parsed).first_name == body["firstName"]
    if WRITES[name] is p.User:
        assert USER.read(parsed).emails[0].email == body["email"]
