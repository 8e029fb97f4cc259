"""Golden tests over every file in ``shared/fixtures/providers/pinpoint`` (see its README):
the one application ``data`` and the stage fragment are read the way the adapter reads them;
the attribute schemas (no example payload exists) are checked by minimal examples built from
them here, named ``*_FROM_SCHEMA``; the write request bodies are parsed (writes are not built).
They skip on a plain clone without ``../shared``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Final

from providers.kit.jsonapi import Doc
from providers.kit.resources import read_payload
from providers.pinpoint import payloads as p
from providers.pinpoint.adapter import PinpointAdapter, interview, stages
from providers.pinpoint.mapping import ACTIVITY, CANDIDATE, DEPARTMENT, INTERVIEW_STATUS
from providers.records import (
    ActivityType,
    ApplicationRecord,
    AttachmentRecord,
    AttachmentType,
    InterviewRecord,
    InterviewStatus,
    JobInterviewStageRecord,
    Resource,
    Source,
    Visibility,
)
from tests.shared import load_fixture

R = Resource
APPLICATION: Final = "GET_api_v1_applications_{id}.data-only.json"
FILES: Final = {
    APPLICATION: "test_the_application_and_its_person",
    "stages.resources.example-fragment.json": "test_stages_are_read_from_a_jobs_included_stages",
    "applications.attributes.schema.json": "test_the_application_schema_names_what_the_models_read",
    "comments.attributes.schema.json": "test_a_comment_from_its_schema",
    "interviews.attributes.schema.json": "test_an_interview_from_its_schema",
    "departments.attributes.schema.json": "test_a_department_from_its_schema",
    "answers.attributes.schema.json": "test_answers_and_categories_parse_but_are_not_read",
    "equality_monitoring_categories.attributes.schema.json": "test_answers_and_categories_parse_but_are_not_read",
    "POST_api_v1_applications.request.json": "test_the_write_requests_parse",
    "PUT_api_v1_applications_{id}.request.json": "test_the_write_requests_parse",
}
"""Every fixture file and the test that covers it."""


def test_every_fixture_file_has_a_test() -> None:
    index = load_fixture("pinpoint", "_index.json")
    assert {f["file"] for f in index} == set(FILES)
    assert all(name in globals() for name in FILES.values())


def endpoint_read(resource: Resource, doc: dict[str, Any]) -> list[Any]:
    e = PinpointAdapter.endpoints(resource)
    return read_payload(e, e.model.model_validate(doc))


def test_the_application_and_its_person() -> None:
    doc = load_fixture("pinpoint", APPLICATION)
    (a,) = endpoint_read(R.APPLICATION, doc)
    assert isinstance(a, ApplicationRecord)
    assert (a.id, a.job_id, a.current_stage_id) == ("1000050", "1000044", "1000045")
    assert a.candidate_id == "joe.bloggs@pinpoint.dev"
    # rejection: the rejected stage plus the tag whose context is "rejection"
    assert (a.reject_reason_id, a.rejected_at) == (
        "Under-qualified for this role",
        datetime(2019, 1, 1, tzinfo=UTC),
    )
    assert a.source == Source(name="Added manually")
    assert a.attachment_ids == ("1000050-0",)
    assert a.remote_data == doc["data"]  # remoteData is the object as sent
    c = CANDIDATE.read(p.Application.model_validate(doc["data"]), {"applications": ["1000050"]})
    assert (c.id, c.name, c.locations, c.application_ids) == (
        "joe.bloggs@pinpoint.dev",
        "Joe Bloggs",
        ("St Helier, Jersey",),
        ("1000050",),
    )
    assert [x.number for x in c.phones] == ["+447797000000"]
    assert c.urls == ()  # linkedin_url is null
    (f,) = endpoint_read(R.ATTACHMENT, doc)
    assert isinstance(f, AttachmentRecord)
    assert (f.id, f.application_id, f.candidate_id, f.job_id) == ("1000050-0", "1000050", c.id, "1000044")
    assert (f.file_name, f.attachment_type, f.raw_attachment_type) == (
        "luce_resume_pdf.pdf",
        AttachmentType.RESUME,
        "cv",
    )


def test_stages_are_read_from_a_jobs_included_stages() -> None:
    fragment = load_fixture("pinpoint", "stages.resources.example-fragment.json")
    linkage = [{"type": "stages", "id": s["id"]} for s in reversed(fragment)]
    job = {"id": "1000168", "type": "jobs", "relationships": {"stages": {"data": linkage}}}
    read = stages(Doc[p.Job].model_validate({"data": job, "included": fragment}), {})
    assert all(isinstance(s, JobInterviewStageRecord) for s in read)
    # in the job's linkage order, each with its job and Pinpoint's basic type as status
    assert [(s.name, s.status, s.position, s.job_id) for s in read if isinstance(s, JobInterviewStageRecord)][
        :2
    ] == [
        ("hired", "hired", 5, "1000168"),
        ("interview", "interview", 4, "1000168"),
    ]
    assert {getattr(s, "status", None) for s in read} == {
        "applied",
        "review",
        "interview",
        "hired",
        "rejected",
    }


def properties(name: str, key: str) -> set[str]:
    return set(load_fixture("pinpoint", name)[key]["properties"])


def test_the_application_schema_names_what_the_models_read() -> None:
    known = properties("applications.attributes.schema.json", "applications_attributes")
    assert set(p.ApplicationAttributes.model_fields) - {"created_at", "updated_at"} <= known


COMMENT_FROM_SCHEMA: Final[dict[str, Any]] = {
    "id": "7",
    "type": "comments",
    "attributes": {
        "body_text": "Strong portfolio",
        "commentable_id": "1000050",
        "commentable_type": "Application",
        "created_at": "2021-01-01T01:01:01+00:00",
        "private_comment": True,
        "updated_at": "2021-01-01T01:01:01+00:00",
        "user_id": "12",
    },
}
"""Built from ``comments.attributes.schema.json`` (every property, values of its types)."""


def test_a_comment_from_its_schema() -> None:
    assert set(COMMENT_FROM_SCHEMA["attributes"]) == properties(
        "comments.attributes.schema.json", "comments_attributes"
    )
    ctx = {"candidates": {"1000050": "joe.bloggs@pinpoint.dev"}}
    a = ACTIVITY.read(p.Comment.model_validate(COMMENT_FROM_SCHEMA), ctx)
    assert (a.candidate_id, a.actor_id, a.body, a.activity_type) == (
        "joe.bloggs@pinpoint.dev",
        "12",
        "Strong portfolio",
        ActivityType.NOTE,
    )
    assert a.visibility is Visibility.PRIVATE
    seeker = {
        **COMMENT_FROM_SCHEMA,
        "attributes": {**COMMENT_FROM_SCHEMA["attributes"], "commentable_type": "JobSeeker"},
    }
    assert ACTIVITY.read(p.Comment.model_validate(seeker), ctx).candidate_id is None  # a talent-pool person


INTERVIEW_FROM_SCHEMA: Final[dict[str, Any]] = {
    "data": {
        "id": "24",
        "type": "interviews",
        "attributes": {
            "start_at": "2031-01-02T08:00:00+00:00",
            "end_at": "2031-01-02T09:00:00+00:00",
            "interviewable_id": 1000158,
            "interviewable_type": "Application",
            "created_at": "2019-01-01T00:00:00+00:00",
            "updated_at": "2019-01-01T00:00:00+00:00",
            "status": "in_progress",
        },
        "relationships": {
            "stage": {"data": {"type": "stages", "id": "1000156"}},
            "interview_parts": {"data": [{"type": "interview_parts", "id": "43"}]},
        },
    },
    "included": [
        {
            "id": "43",
            "type": "interview_parts",
            "relationships": {"interviewing_users": {"data": [{"type": "users", "id": "1000159"}]}},
        }
    ],
}
"""Built from ``interviews.attributes.schema.json`` and its related paths
(``interview_parts.interviewing_users``, ``stage``); ``interviewable_id`` an integer as the
schema types it (the official example, konfig-sdks/openapi-examples@2d2b1f35
pinpoint/openapi.yaml ``jsonapi_interviews_single``, prints a string)."""


def test_an_interview_from_its_schema() -> None:
    attributes = set(INTERVIEW_FROM_SCHEMA["data"]["attributes"])
    assert attributes == properties("interviews.attributes.schema.json", "interviews")
    schema = load_fixture("pinpoint", "interviews.attributes.schema.json")["interviews"]
    assert set(INTERVIEW_STATUS) == set(schema["properties"]["status"]["enum"])
    i = interview(p.InterviewDoc.model_validate(INTERVIEW_FROM_SCHEMA), {})
    assert isinstance(i, InterviewRecord)
    assert (i.application_id, i.job_interview_stage_id) == ("1000158", "1000156")
    assert i.interviewer_ids == ("1000159",)
    assert (i.status, i.raw_status) == (InterviewStatus.OTHER, "in_progress")
    assert i.start_at == datetime(2031, 1, 2, 8, tzinfo=UTC)


def test_a_department_from_its_schema() -> None:
    schema = load_fixture("pinpoint", "departments.attributes.schema.json")["departments"]["properties"]
    department_from_schema = {
        "id": "3",
        "type": "departments",
        "attributes": {k: v["example"] for k, v in schema.items()},
    }
    d = DEPARTMENT.read(p.Named.model_validate(department_from_schema))
    assert (d.id, d.name) == ("3", "Software Development")


def test_answers_and_categories_parse_but_are_not_read() -> None:
    """No unified resource reads an answer (screening answers) or an equality monitoring
    category (the name of an EEO question, not a candidate's answer): both parse."""
    answer_props = properties("answers.attributes.schema.json", "answers")
    answer_from_schema: dict[str, Any] = {
        "id": "1",
        "type": "answers",
        "attributes": {"title": "Language?", "question_type": "short_text", "text_answer": "Ruby"},
    }
    assert set(answer_from_schema["attributes"]) <= answer_props
    assert p.Answer.model_validate(answer_from_schema).attributes.text_answer == "Ruby"
    schema = load_fixture("pinpoint", "equality_monitoring_categories.attributes.schema.json")
    category_from_schema = {
        "id": "2",
        "type": "equality_monitoring_categories",
        "attributes": {
            k: v["example"] for k, v in schema["equality_monitoring_categories"]["properties"].items()
        },
    }
    assert p.Category.model_validate(category_from_schema).attributes.name == "Gender"


def test_the_write_requests_parse() -> None:
    """Writes are not built; their bodies parse as JSON:API documents. The official PUT example
    nests the stage under ``relationships.job`` with type ``stages`` (the schema names
    ``relationships.stage``): a write would send the latter."""
    post = load_fixture("pinpoint", "POST_api_v1_applications.request.json")
    # side-posted answers are linked by temp-id (no id): the attributes and answers are parsed
    person = p.ApplicationAttributes.model_validate(post["data"]["attributes"])
    assert (person.email, person.town) == ("joe.bloggs@pinpoint.dev", "St Helier")
    answers = [o for o in post["included"] if o["type"] == "answers"]
    linked = [d["temp-id"] for d in post["data"]["relationships"]["answers"]["data"]]
    assert [a["temp-id"] for a in answers] == linked == [str(n) for n in range(1, 8)]
    texts = [p.AnswerAttributes.model_validate(a["attributes"]).text_answer for a in answers]
    assert texts[-1] == "Ruby"
    put = Doc[p.Application].model_validate(
        load_fixture("pinpoint", "PUT_api_v1_applications_{id}.request.json")
    )
    assert put.data.id == "1X"
    assert put.data.relationships["job"].model_dump()["data"]["type"] == "stages"
