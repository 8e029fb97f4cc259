"""Golden mapping tests over every real ``GET`` payload in ``shared/fixtures/providers/teamtailor``
(documentation examples and the Ruby client's recordings; see that folder's README): each is read
the way the adapter reads its answer, through the endpoint's declared read, or, for a type no
unified resource reads, parsed as a JSON:API document. They skip on a plain clone without
``../shared``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Final

import pytest

from providers.kit.jsonapi import Doc, split
from providers.kit.resources import read_payload
from providers.records import (
    ActivityType,
    ApplicationRecord,
    CandidateRecord,
    EmailAddress,
    FormFieldType,
    JobFormFieldRecord,
    JobRecord,
    JobStatus,
    PhoneNumber,
    Record,
    Resource,
    Source,
    Url,
    UserRecord,
)
from providers.teamtailor.adapter import TeamtailorAdapter
from providers.teamtailor.mapping import QUESTION
from providers.teamtailor.payloads import AnyObject, Question
from tests.shared import PROVIDER_FIXTURES, load_fixture

R = Resource
READ: Final = {
    "candidates": R.CANDIDATE,
    "job-applications": R.APPLICATION,
    "jobs": R.JOB,
    "stages": R.JOB_INTERVIEW_STAGE,
    "reject-reasons": R.REJECT_REASON,
    "users": R.USER,
    "departments": R.DEPARTMENT,
    "locations": R.OFFICE,
    "companies": R.ORGANIZATION,
    "uploads": R.ATTACHMENT,
    "notes": R.ACTIVITY,
    "picked-questions": R.JOB_FORM_FIELD,
}
"""The JSON:API types the adapter reads, and as what."""
UNREAD: Final = {
    "activities": "no list since 2020-10; notes are the activities read",
    "answers": "screening answers: no unified resource reads them",
    "audit-events": "account audit log",
    "custom-field-values": "custom fields are not in the unified model",
    "custom-fields": "custom fields are not in the unified model",
    "custom-field-selects": "custom fields are not in the unified model",
    "partner-results": "assessment partners' results",
    "questions": "read as what a picked question includes (test_question)",
    "referrals": "a referral names a person, not an application source",
    "regions": "groups of locations",
    "requisition-step-verdicts": "requisition approvals",
    "requisitions": "requisitions are not jobs",
    "roles": "job roles (a job category)",
    "team-memberships": "teams are not in the unified model",
    "teams": "teams are not in the unified model",
    "todos": "tasks",
    "triggers": "stage automations",
}
"""The types the fixtures hold that the adapter does not read, and why."""


def fixture_names() -> list[str]:
    folder = PROVIDER_FIXTURES / "teamtailor"
    if not folder.is_dir():
        return ["GET_candidates.json"]  # load_fixture skips, saying why
    found = [*folder.glob("GET_*.json"), *folder.glob("recorded/GET_*.json")]
    return sorted(str(p.relative_to(folder)) for p in found)


def documents(body: Any) -> list[Any]:
    """The documents an answer holds, as the adapter meets them: a list answer split per item,
    a single one as is. Two documentation examples print other shapes: a bare resource object
    (``GET_activities_{id}``, ``GET_referrals_{id}``, ``GET_regions_{id}``) and ``GET_notes``'s
    ``{"notes": [documents]}``."""
    if "data" not in body:
        return list(body["notes"]) if "notes" in body else [{"data": body}]
    return list(split(body)) if isinstance(body["data"], list) else [body]


def read(name: str) -> list[Record]:
    docs = documents(load_fixture("teamtailor", name))
    e = TeamtailorAdapter.endpoints(READ[docs[0]["data"]["type"]])
    return [r for d in docs for r in read_payload(e, e.model.model_validate(d))]


@pytest.mark.parametrize("name", fixture_names())
def test_every_get_payload_is_read(name: str) -> None:
    docs = documents(load_fixture("teamtailor", name))
    assert docs
    kind = docs[0]["data"]["type"]
    assert kind in READ or kind in UNREAD, f"{name}: a new type {kind!r}: read it or say why not"
    if kind not in READ:
        parsed = [Doc[AnyObject].model_validate(d) for d in docs]
        assert all(d.data.type in UNREAD and d.data.id for d in parsed)
        return
    records = read(name)
    assert len(records) == len(docs)
    for doc, record in zip(docs, records, strict=True):
        assert record.id == str(doc["data"]["id"])
        assert record.remote_data == doc["data"]  # remoteData is the object exactly as sent


def test_candidate() -> None:
    (c,) = read("GET_candidates_{id}.json")
    assert isinstance(c, CandidateRecord)
    assert (c.id, c.first_name, c.last_name, c.name) == ("1337", "John", "Doe", "John Doe")
    assert c.emails == (EmailAddress(email="john.doe@example.com", is_primary=True),)
    assert c.phones == (PhoneNumber(number="0700000000"),)
    assert c.created_at == datetime(2017, 1, 18, 20, 4, 56, 178000, tzinfo=UTC)
    assert c.tag_ids == ()
    # the job-applications relationship came without linkage (not included): unknown, not empty
    assert c.application_ids is None


def test_candidates_list_linkedin() -> None:
    _, second = read("GET_candidates.json")
    assert isinstance(second, CandidateRecord)
    assert second.urls == (Url(url="https://www.linkedin.com/pub/johndoe", type="linkedin"),)


def test_application_reads_its_relationships_from_what_was_included() -> None:
    (a,) = read("recorded/GET_job-applications_{id}__include-candidate+job.json")
    assert isinstance(a, ApplicationRecord)
    assert (a.id, a.candidate_id, a.job_id) == ("634", "410", "26")
    # stage and reject reason were not included: their ids are unknown
    assert (a.current_stage_id, a.reject_reason_id, a.rejected_at) == (None, None, None)
    assert a.applied_at == datetime(2020, 3, 31, 13, 46, 24, 154000, tzinfo=UTC)
    embedded = {(type(r).__name__, r.id) for r in a.embedded}
    assert embedded == {("CandidateRecord", "410"), ("JobRecord", "26")}
    candidate = next(r for r in a.embedded if isinstance(r, CandidateRecord))
    assert candidate.name == "Jonas Wennergren"


def test_rejected_application_and_its_source() -> None:
    first, _ = read("GET_job-applications.json")
    assert isinstance(first, ApplicationRecord)
    assert first.rejected_at == datetime(2015, 9, 9, 9, 26, 33, 991000, tzinfo=UTC)
    assert first.source == Source(name="Teamtailor")


def test_job() -> None:
    (j,) = read("GET_jobs_{id}.json")
    assert isinstance(j, JobRecord)
    assert (j.id, j.name, j.status, j.raw_status) == ("7199", "My new job", JobStatus.OPEN, "published")
    assert j.tag_ids == ("Ruby",)
    assert j.job_posting_urls == (
        Url(url="http://career.teamtailor.com/jobs/7263-yay-horray-3", type="careersite"),
    )
    assert j.is_remote is False  # remote-status "none"
    assert j.department_ids == ()
    assert j.recruiter_ids == ()


def test_job_with_its_recruiter_included() -> None:
    (j,) = read("recorded/GET_jobs_{id}__include-user.json")
    assert isinstance(j, JobRecord)
    assert j.recruiter_ids == ("34",)
    (user,) = j.embedded
    assert isinstance(user, UserRecord)
    assert user.id == "34"


def test_stages_keep_row_order_as_position() -> None:
    inbox, reviewing = read("GET_stages.json")
    assert (inbox.name, inbox.position) == ("Inbox", -4194303)  # type: ignore[attr-defined]
    assert (reviewing.name, reviewing.position) == ("Reviewing", 4194304)  # type: ignore[attr-defined]


def test_users_fall_back_to_their_login_email() -> None:
    named, admin = read("recorded/GET_users.json")
    assert isinstance(named, UserRecord)
    assert isinstance(admin, UserRecord)
    assert named.emails == (EmailAddress(email="email29@example.com", is_primary=True),)
    assert admin.emails == (EmailAddress(email="admin@teamtailor.localhost"),)
    assert admin.access_role == "admin"


def test_account_tables() -> None:
    reasons = read("recorded/GET_reject-reasons.json")
    assert [r.name for r in reasons][:2] == ["Role not a fit", "Took another job"]  # type: ignore[attr-defined]
    (office,) = read("recorded/GET_locations.json")
    assert (office.name, office.location) == ("Stockholm", "Stockholm, Sweden")  # type: ignore[attr-defined]
    (company,) = read("GET_company.json")
    assert (company.id, company.name) == ("FkZE7LWdUXo", "Acme Corp")  # type: ignore[attr-defined]


def test_upload_and_note() -> None:
    (upload,) = read("GET_uploads_{id}.json")
    assert upload.file_name == "cover_letter.pdf"  # type: ignore[attr-defined]
    (note,) = read("GET_notes_{id}.json")
    assert (note.candidate_id, note.actor_id, note.body) == ("4", "2", "Example note")  # type: ignore[attr-defined]
    assert note.activity_type is ActivityType.NOTE  # type: ignore[attr-defined]


def test_picked_question_and_question() -> None:
    first, _ = read("GET_picked-questions.json")
    assert isinstance(first, JobFormFieldRecord)
    # the question was not included: only its form's requirement is known
    assert (first.id, first.is_required, first.label) == ("1", False, None)
    body = load_fixture("teamtailor", "GET_questions.json")
    (question,) = [QUESTION.read(Question.model_validate(o)) for o in body["data"]]
    assert question.label == "Have you ever worked with sales before?"
    assert (question.type, question.raw_type) == (FormFieldType.BOOLEAN, "Boolean")


def test_a_picked_question_takes_its_included_questions_label_and_type() -> None:
    picked = load_fixture("teamtailor", "GET_picked-questions_{id}.json")["data"]
    question = load_fixture("teamtailor", "GET_questions.json")["data"][0]
    picked["relationships"]["question"]["data"] = {"type": "questions", "id": question["id"]}
    e = TeamtailorAdapter.endpoints(R.JOB_FORM_FIELD)
    doc = e.model.model_validate({"data": picked, "included": [question]})
    (field,) = read_payload(e, doc, {"parent": "26"})
    assert isinstance(field, JobFormFieldRecord)
    assert (field.job_id, field.label, field.type) == (
        "26",
        question["attributes"]["title"],
        FormFieldType.BOOLEAN,
    )
