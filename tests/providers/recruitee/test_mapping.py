"""Golden mapping tests over every payload in ``shared/fixtures/providers/recruitee`` (see that
folder's README: responses recorded by a small client of the API, and the request bodies it
sends). Each ``GET`` answer is read the way the adapter reads it; the write fixtures are
parsed as the bodies they are (writes are not served yet). They skip on a plain clone
without ``../shared``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Final

from pydantic import TypeAdapter

from providers.kit.resources import read_payload
from providers.records import (
    ApplicationRecord,
    AttachmentRecord,
    AttachmentType,
    CandidateRecord,
    EmailAddress,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    PhoneNumber,
    Record,
    RejectReasonRecord,
    Resource,
    Source,
)
from providers.recruitee import payloads as p
from providers.recruitee.adapter import RecruiteeAdapter
from tests.shared import PROVIDER_FIXTURES, fixture_path, load_fixture

R = Resource
FILES: Final = {
    "GET_candidates.json",
    "GET_candidates_{id}.json",
    "GET_offers__scope-active_view_mode-brief.json",
    "POST_candidates.json",
    "POST_candidates.request.shape.json",
    "PATCH_bulk_candidates_tags.request.shape.json",
}
"""Every payload file of the folder, each read by a test below."""


def _list(body: Any) -> list[p.CandidateDoc]:
    """A candidates page as the adapter splits it: one document per candidate."""
    return TypeAdapter(list[p.CandidateDoc]).validate_python(p.envelopes(body))


def _read(resource: R, doc: Any) -> list[Record]:
    return read_payload(RecruiteeAdapter.endpoints(resource), doc)


def _kinds(records: list[Record]) -> dict[str, list[Record]]:
    out: dict[str, list[Record]] = {}
    for r in records:
        out.setdefault(type(r).__name__, []).append(r)
    return out


def test_every_payload_file_is_read_here() -> None:
    fixture_path("recruitee", "_index.json")  # skips on a plain clone
    found = {f.name for f in (PROVIDER_FIXTURES / "recruitee").iterdir() if f.suffix == ".json"} - {
        "_index.json"
    }
    assert found == FILES


def test_a_candidates_page_brings_applications_jobs_and_stages() -> None:
    docs = _list(load_fixture("recruitee", "GET_candidates.json"))
    assert len(docs) == 3
    wilma, john, conor = (_read(R.CANDIDATE, d)[0] for d in docs)
    assert isinstance(wilma, CandidateRecord)
    assert (wilma.id, wilma.name) == ("46044144", "Wilma Roelendsen (Sample)")
    assert wilma.emails == (EmailAddress(email="wilmaroelendsen@recruiteemail.com", is_primary=True),)
    assert wilma.phones == (PhoneNumber(number="+15555555555"),)
    assert wilma.tag_ids is None  # the list omits tags and the CV: not known, not empty
    assert wilma.attachment_ids is None
    assert wilma.application_ids == ("46044144-48791516",)
    assert wilma.created_at == datetime(2022, 12, 19, 13, 28, 15, 341931, tzinfo=UTC)
    assert wilma.remote_data["adminapp_url"].endswith("candidate=46044144&company=89564")

    embedded = _kinds(list(wilma.embedded))
    (app,) = embedded["ApplicationRecord"]
    assert isinstance(app, ApplicationRecord)
    assert (app.candidate_id, app.job_id, app.current_stage_id) == ("46044144", "1181300", "8063179")
    assert app.applied_at == datetime(2022, 12, 19, 13, 28, 15, 341931, tzinfo=UTC)
    assert app.source == Source(name="career_site")
    assert app.reject_reason_id is None
    assert app.remote_data["hired_at"] == "2023-01-04T11:22:49.178555Z"  # kept raw: no unified field
    (job,) = embedded["JobRecord"]
    assert isinstance(job, JobRecord)
    assert (job.id, job.name, job.status, job.raw_status) == (
        "1181300",
        "Recruiter (Sample)",
        JobStatus.OPEN,
        "internal",
    )
    assert job.department_ids == ("288442",)
    assert job.locations == ("Remote job",)
    (stage,) = embedded["JobInterviewStageRecord"]
    assert isinstance(stage, JobInterviewStageRecord)
    # the stage reference names no offer: its job is the placement's
    assert (stage.id, stage.name, stage.position, stage.job_id) == ("8063179", "Hired", 5, "1181300")

    # a disqualified placement: its free-text reason is the reason's id and name
    john_embedded = _kinds(list(john.embedded))
    (rejected,) = john_embedded["ApplicationRecord"]
    assert isinstance(rejected, ApplicationRecord)
    assert rejected.reject_reason_id == "Wrong skill set"
    assert john_embedded["RejectReasonRecord"] == [
        RejectReasonRecord(
            id="Wrong skill set",
            remote_id="Wrong skill set",
            remote_data="Wrong skill set",
            name="Wrong skill set",
        )
    ]
    assert conor.remote_data["admin_id"] == 152125  # the owner (an admin reference) stays raw


def test_a_candidate_read_by_id_has_tags_and_its_cv() -> None:
    doc = p.CandidateDoc.model_validate(load_fixture("recruitee", "GET_candidates_{id}.json"))
    (candidate,) = _read(R.CANDIDATE, doc)
    assert isinstance(candidate, CandidateRecord)
    assert candidate.tag_ids == ("Sample", "Senior")
    assert candidate.attachment_ids == ("46369420-cv",)
    assert candidate.last_interaction_at == datetime(2022, 12, 25, 15, 51, 13, 296237, tzinfo=UTC)
    assert candidate.application_ids == ("46369420-49145819",)
    stage = next(r for r in candidate.embedded if isinstance(r, JobInterviewStageRecord))
    assert (stage.name, stage.job_id, stage.position) == ("Applied", "1188054", -1)
    assert [t.id for t in _read(R.TAG, doc)] == ["Sample", "Senior"]
    (cv,) = _read(R.ATTACHMENT, doc)
    assert isinstance(cv, AttachmentRecord)
    assert (cv.id, cv.candidate_id, cv.attachment_type) == ("46369420-cv", "46369420", AttachmentType.RESUME)
    assert cv.file_url is not None
    assert "mariela-vasquez-sample-cv.pdf" in cv.file_url
    (app,) = _read(R.APPLICATION, doc)
    assert app.id == "46369420-49145819"
    assert candidate.remote_data["fields"][1]["kind"] == "skills"  # custom fields stay raw


def test_offers_in_brief_view() -> None:
    body = load_fixture("recruitee", "GET_offers__scope-active_view_mode-brief.json")
    offers = TypeAdapter(list[p.Offer]).validate_python(body["offers"])
    jobs = [r for o in offers for r in _read(R.JOB, o)]
    assert [(j.id, j.name) for j in jobs if isinstance(j, JobRecord)] == [
        ("1194303", "DevOps"),
        ("1188242", "Python developer"),
        ("1188054", "Senior Marketer (Sample)"),
        ("1188055", "Recruiter (Sample)"),
    ]
    first = jobs[0]
    assert isinstance(first, JobRecord)
    assert first.department_ids == ()  # department_id null
    assert {j.status for j in jobs if isinstance(j, JobRecord)} == {JobStatus.OPEN}


def test_the_create_answer_has_the_detail_shape() -> None:
    """``POST /candidates`` answers like a read by id (``candidate`` and ``references``): the
    write is not served yet, but its answer would be read by the same declaration."""
    doc = p.CandidateDoc.model_validate(load_fixture("recruitee", "POST_candidates.json"))
    (candidate,) = _read(R.CANDIDATE, doc)
    assert isinstance(candidate, CandidateRecord)
    assert candidate.emails
    assert candidate.emails[0].is_primary


def test_the_write_request_shapes_parse() -> None:
    """The bodies a client sends (placeholders, not values): not sent by hiregraph yet."""
    create = load_fixture("recruitee", "POST_candidates.request.shape.json")
    assert set(create) == {"candidate", "offers"}
    assert set(create["candidate"]) == {"emails", "name"}
    tags = load_fixture("recruitee", "PATCH_bulk_candidates_tags.request.shape.json")
    assert set(tags) == {"candidates", "tags"}
    assert tags["tags"] == ["notified"]
