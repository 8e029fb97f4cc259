"""Golden mapping tests over every file in ``shared/fixtures/providers/jazzhr`` (see its README).

Only two answers are recorded (``recorded-in-test/``): they are read as the adapter reads them.
Every other endpoint is known only by the Singer tap's JSON schema (``*.schema.json``, third
party, not examples): for those, :func:`minimal_example` builds a MINIMAL EXAMPLE FROM THE
SCHEMA (every declared key, a typed placeholder value), which is read through the endpoint's
declared model and mapping. The webhook samples are parsed only: the webhook format is not
implemented (see the provider README). The tests skip on a plain clone without ``../shared``."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Final

import pytest

from providers.http import CallContext, parse
from providers.jazzhr.adapter import JazzHRAdapter
from providers.kit.pathpages import one_or_many as items
from providers.kit.resources import read_payload
from providers.records import (
    ActivityRecord,
    ApplicationRecord,
    AttachmentRecord,
    CandidateRecord,
    Compensation,
    EmailAddress,
    JobRecord,
    JobStatus,
    JobType,
    PhoneNumber,
    Record,
    Resource,
    TagRecord,
    Url,
    UserRecord,
)
from tests.shared import PROVIDER_FIXTURES, load_fixture

R = Resource
CTX = CallContext("jazzhr", "golden", "", "list")
READ: Final = {
    "GET_applicants.schema.json": R.CANDIDATE,
    "GET_applicants_{id}.schema.json": R.CANDIDATE,
    "GET_applicants2jobs.schema.json": R.APPLICATION,
    "GET_jobs.schema.json": R.JOB,
    "GET_jobs_{id}.schema.json": R.JOB,
    "GET_users.schema.json": R.USER,
    "GET_users_{id}.schema.json": R.USER,
    "GET_categories.schema.json": R.TAG,
    "GET_activities.schema.json": R.ACTIVITY,
    "GET_files.schema.json": R.ATTACHMENT,
}
"""The schemas of the endpoints the adapter reads, and as what."""
UNREAD: Final = {
    "GET_categories2applicants.schema.json": "join rows: a candidate's tags come with its detail (categories)",
    "GET_contacts.schema.json": "client contacts: no unified resource",
    "GET_hires.schema.json": "hires: no unified resource (an application's hire is not modelled)",
    "GET_tasks.schema.json": "tasks: no unified resource",
    "GET_questionnaire_questions.schema.json": "questions name a questionnaire, not the job using it",
    "GET_questionnaire_answers.schema.json": "answers to a questionnaire: no unified resource",
}
WEBHOOKS: Final = ("webhooks/VERIFY.json", "webhooks/CANDIDATE-EXPORT.sample.json")
RECORDED: Final = ("recorded-in-test/GET_applicants.json", "recorded-in-test/GET_jobs.first2.json")


def _value(name: str, schema: dict[str, Any]) -> Any:
    kinds = schema.get("type")
    kind = next((k for k in kinds if k != "null"), None) if isinstance(kinds, list) else kinds
    if kind == "string":
        return {"date": "2024-05-06", "time": "07:08:09"}.get(schema.get("format", ""), f"{name}-value")
    return {"integer": 3, "number": 1.5, "boolean": True, "array": [], "object": {}}.get(kind or "")


def minimal_example(schema: dict[str, Any]) -> dict[str, Any]:
    """A MINIMAL EXAMPLE BUILT FROM A JSON SCHEMA (not a JazzHR payload): every declared key with a
    placeholder of its declared type (``<key>-value`` for text, fixed dates and times)."""
    return {name: _value(name, spec) for name, spec in schema.get("properties", {}).items()}


def read(resource: Resource, body: Any) -> list[Record]:
    e = JazzHRAdapter.endpoints(resource)
    return [r for p in parse(list[e.model], items(body), CTX) for r in read_payload(e, p)]  # type: ignore[name-defined]


def test_every_fixture_file_is_covered_here() -> None:
    folder = PROVIDER_FIXTURES / "jazzhr"
    if not folder.is_dir():
        pytest.skip(f"shared fixtures not found at {folder}")
    found = {str(p.relative_to(folder)) for p in folder.rglob("*.json")} - {"_index.json"}
    assert found == set(READ) | set(UNREAD) | set(WEBHOOKS) | set(RECORDED)


def test_recorded_applicants_are_summaries() -> None:
    body = load_fixture("jazzhr", "recorded-in-test/GET_applicants.json")
    records = read(R.CANDIDATE, body)
    assert len(records) == 8
    first = records[0]
    assert isinstance(first, CandidateRecord)
    assert first.id == "prospect_20160513152410_WUEGUJS8TFT8VNTR"
    assert (first.first_name, first.last_name, first.name) == ("Steven", "Stevenson", "Steven Stevenson")
    assert first.phones == (PhoneNumber(number="2345678910"),)
    assert first.created_at == datetime(2016, 5, 13, tzinfo=UTC)
    # a summary lists no e-mail, links or categories: the tags are read another way
    assert (first.emails, first.urls, first.tag_ids) == ((), (), None)
    assert first.remote_data["job_title"] == "Executive Consultant"
    fifth = records[4]
    assert isinstance(fifth, CandidateRecord)
    assert fifth.phones == (PhoneNumber(number="234-567-8910"),)


def test_recorded_jobs() -> None:
    body = load_fixture("jazzhr", "recorded-in-test/GET_jobs.first2.json")
    first, second = read(R.JOB, body)
    assert isinstance(first, JobRecord)
    assert isinstance(second, JobRecord)
    assert first.id == "job_20160513151834_OTSLF01TKSHFNRUF"
    assert (first.name, first.description) == ("Executive Consultant", "Description")
    assert (first.status, first.raw_status) == (JobStatus.OPEN, "Open")
    assert (first.job_type, first.raw_job_type) == (JobType.FULL_TIME, "Full Time")
    assert first.locations == ("Des Moines, IA, United States",)
    assert first.compensation == Compensation(min=Decimal(1), max=Decimal(2))
    assert first.hiring_manager_ids == ("usr_20160511132222_QLIBROB6ILNWD5ZO",)
    assert first.code == "ramuQH"
    assert first.requisition_id is None  # internal_code ""
    assert first.opened_at == datetime(2016, 5, 13, tzinfo=UTC)
    assert second.compensation is None  # "0" and "0": no salary given


def _example(name: str) -> dict[str, Any]:
    return minimal_example(load_fixture("jazzhr", name))


def test_schema_examples_of_applicants() -> None:
    (summary,) = read(R.CANDIDATE, _example("GET_applicants.schema.json"))
    assert summary.id == "id-value"
    assert isinstance(summary, CandidateRecord)
    assert summary.phones == (PhoneNumber(number="prospect_phone-value"),)
    detail_payload = _example("GET_applicants_{id}.schema.json")
    schema = load_fixture("jazzhr", "GET_applicants_{id}.schema.json")
    detail_payload["categories"] = [minimal_example(schema["definitions"]["category"])]
    detail_payload["jobs"] = [minimal_example(schema["definitions"]["job"])]
    (detail,) = read(R.CANDIDATE, detail_payload)
    assert isinstance(detail, CandidateRecord)
    assert detail.emails == (EmailAddress(email="email-value", is_primary=True),)
    assert detail.urls == (
        Url(url="linkedin_url-value", type="linkedin"),
        Url(url="website-value", type="website"),
    )
    assert detail.locations == ("location-value",)
    assert detail.tag_ids == ("category_id-value",)
    assert detail.application_ids == ("id-value:job_id-value",)
    (applied,) = detail.embedded  # its jobs are its applications
    assert isinstance(applied, ApplicationRecord)
    assert (applied.candidate_id, applied.job_id) == ("id-value", "job_id-value")
    assert applied.remote_data["workflow_step_id"] == "workflow_step_id-value"
    e = JazzHRAdapter.endpoints(R.APPLICATION)  # read under its applicant, as by candidate or id
    under = read_payload(e, parse(e.model, detail_payload, CTX), {"parent": "id-value"})
    assert [a.id for a in under] == ["id-value:job_id-value"]
    assert detail.remote_data["eeo_gender"] == "eeo_gender-value"  # EEO answers stay raw


def test_schema_examples_of_the_other_read_endpoints() -> None:
    (application,) = read(R.APPLICATION, _example("GET_applicants2jobs.schema.json"))
    assert isinstance(application, ApplicationRecord)
    assert application.id == "applicant_id-value:job_id-value"
    assert application.remote_data["id"] == "id-value"  # the row's own id stays raw
    assert (application.candidate_id, application.job_id) == ("applicant_id-value", "job_id-value")
    assert application.applied_at == datetime(2024, 5, 6, tzinfo=UTC)
    for name in ("GET_jobs.schema.json", "GET_jobs_{id}.schema.json"):
        (job,) = read(R.JOB, _example(name))
        assert isinstance(job, JobRecord)
        assert job.compensation == Compensation(min=Decimal("1.5"), max=Decimal("1.5"))
        assert (job.status, job.raw_status) == (JobStatus.OTHER, "status-value")
    for name in ("GET_users.schema.json", "GET_users_{id}.schema.json"):
        (user,) = read(R.USER, _example(name))
        assert isinstance(user, UserRecord)
        assert (user.name, user.access_role) == ("first_name-value last_name-value", "type-value")
    (tag,) = read(R.TAG, _example("GET_categories.schema.json"))
    assert isinstance(tag, TagRecord)
    assert (tag.id, tag.name) == ("id-value", "name-value")
    (activity,) = read(R.ACTIVITY, _example("GET_activities.schema.json"))
    assert isinstance(activity, ActivityRecord)
    assert activity.candidate_id is None  # object_id-value names no applicant
    assert (activity.actor_id, activity.body) == ("user_id-value", "action-value")
    assert activity.created_at == datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    (attachment,) = read(R.ATTACHMENT, _example("GET_files.schema.json"))
    assert isinstance(attachment, AttachmentRecord)
    assert (attachment.file_name, attachment.candidate_id) == ("filename-value", "applicant_id-value")


@pytest.mark.parametrize("name", sorted(UNREAD))
def test_schemas_of_unread_endpoints_still_load(name: str) -> None:
    """Parsed only, for the reason :data:`UNREAD` gives."""
    assert _example(name)


def test_webhook_samples_parse() -> None:
    """The Candidate Export webhook is documented (README "Webhooks") but not implemented here."""
    assert load_fixture("jazzhr", WEBHOOKS[0]) == {"data": "JazzHR Verify Event"}
    export = load_fixture("jazzhr", WEBHOOKS[1])
    assert export["candidate"]["person"]["id"]["schemeId"] == "JazzHR Candidate"
