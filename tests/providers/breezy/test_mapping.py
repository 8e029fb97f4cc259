"""Breezy answers mapped to unified records. ``shared/fixtures/providers/breezy`` holds no
payload (its README: facts only), so the payloads here are built from the response shapes
Breezy's own reference documents, each test naming its page:

- a position's candidates: https://developer.breezy.hr/docs/company-position-candidates
- a position: https://developer.breezy.hr/reference/webhook-events (``_id``, ``name``,
  ``pipeline_id``, ``location.name``), with ``state``, ``creation_date`` and ``updated_date``
  as the fixture README records them from Airbyte's stream schema (no list answer is in
  Breezy's pages found).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Final

from providers.breezy import payloads as p
from providers.breezy.adapter import account_of
from providers.breezy.mapping import JOB
from providers.records import AttachmentType, EmailAddress, JobRecord, JobStatus, PhoneNumber, Source
from tests.shared import PROVIDER_FIXTURES, fixture_path

POSITION: Final = "5a0c1e2f3b4c"
OTHER: Final = "5a0c1e2f3b4d"


def candidate(_id: str, email: str | None, **more: Any) -> dict[str, Any]:
    """One item of the candidate list's documented 200 answer
    (https://developer.breezy.hr/docs/company-position-candidates), every documented key."""
    return {
        "_id": _id,
        "meta_id": f"m{_id}",
        "creation_date": "2024-03-01T09:30:00.000Z",
        "email_address": email,
        "headline": "Backend engineer",
        "initial": "A",
        "name": "Ada Lovelace",
        "origin": "applied",
        "phone_number": "+44 20 7946 0000",
        "profile_photo_url": "https://example.com/ada.png",
        "resume": {
            "file_name": "ada.pdf",
            "url": "https://example.com/ada",
            "pdf_url": "https://example.com/ada.pdf",
        },
        "source": {"id": "indeed", "name": "Indeed", "type": "job_board"},
        "stage": {
            "id": "applied",
            "name": "Applied",
            "type": {"id": "applied", "name": "Applied", "icon": "inbox"},
        },
        "tags": ["backend"],
        "updated_date": "2024-03-05T10:00:00.000Z",
        **more,
    }


def position(_id: str, state: str) -> p.Position:
    return p.Position.model_validate(
        {
            "_id": _id,
            "name": "Backend Engineer",
            "state": state,
            "pipeline_id": "default",
            "location": {"name": "London, UK"},
            "department": "Engineering",
            "creation_date": "2024-02-01T08:00:00.000Z",
            "updated_date": "2024-02-02T08:00:00.000Z",
        }
    )


def test_the_fixture_folder_holds_facts_only() -> None:
    """Nothing to replay: the README is the folder's one file (golden tests would run over any
    payload added there)."""
    readme = fixture_path("breezy", "README.md")
    assert sorted(f.name for f in (PROVIDER_FIXTURES / "breezy").iterdir()) == [readme.name]


def test_a_position_is_a_job_its_unknown_states_kept_raw() -> None:
    job = JOB.read(position(POSITION, "published"))
    assert isinstance(job, JobRecord)
    assert (job.id, job.name, job.status, job.raw_status) == (
        POSITION,
        "Backend Engineer",
        JobStatus.OPEN,
        "published",
    )
    assert job.locations == ("London, UK",)
    assert job.created_at == datetime(2024, 2, 1, 8, tzinfo=UTC)
    assert job.remote_data is not None
    assert job.remote_data["department"] == "Engineering"  # no documented type: kept raw
    odd = JOB.read(position(POSITION, "pending"))
    assert (odd.status, odd.raw_status) == (JobStatus.OTHER, "pending")


def test_a_candidate_in_a_position_is_an_application_of_one_person() -> None:
    jobs = [JOB.read(position(POSITION, "published"))]
    account = account_of(jobs, [[p.Candidate.model_validate(candidate("c1", "ada@example.com"))]])
    [person] = account.candidates
    [app] = account.applications
    assert person.id == "c1"
    assert person.name == "Ada Lovelace"
    assert person.emails == (EmailAddress(email="ada@example.com", is_primary=True),)
    assert person.phones == (PhoneNumber(number="+44 20 7946 0000"),)
    assert person.tag_ids == ("backend",)
    assert person.application_ids == (f"{POSITION}-c1",)
    assert app.id == f"{POSITION}-c1"
    assert (app.candidate_id, app.job_id) == ("c1", POSITION)
    assert app.current_stage_id == f"{POSITION}-applied"
    assert app.source == Source(id="indeed", name="Indeed")
    assert app.applied_at == datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
    [stage] = account.stages
    assert stage.id == f"{POSITION}-applied"
    assert (stage.name, stage.job_id) == ("Applied", POSITION)
    [resume] = account.resumes
    assert resume.id == f"{POSITION}-c1-resume"
    assert (resume.file_name, resume.file_url) == ("ada.pdf", "https://example.com/ada")
    assert (resume.attachment_type, resume.candidate_id, resume.application_id) == (
        AttachmentType.RESUME,
        "c1",
        app.id,
    )
    assert person.attachment_ids == app.attachment_ids == (resume.id,)
    # what has no unified field stays reachable as sent
    assert app.remote_data is not None
    assert app.remote_data["resume"]["pdf_url"] == "https://example.com/ada.pdf"
    assert {r.id for r in person.embedded} == {app.id, POSITION, stage.id, resume.id}


def test_one_person_in_two_positions_is_told_apart_by_e_mail_then_by_id() -> None:
    """Breezy does not document whether a person's ``_id`` is the same in every position, so
    the e-mail address decides (case-insensitive); without one, the ``_id``."""
    jobs = [JOB.read(position(POSITION, "published")), JOB.read(position(OTHER, "published"))]
    first = [
        p.Candidate.model_validate(candidate("c1", "Ada@Example.com", updated_date="2024-04-01T00:00:00Z")),
        p.Candidate.model_validate(candidate("c9", None)),
    ]
    second = [
        p.Candidate.model_validate(candidate("c2", "ada@example.com", tags=["backend", "senior"])),
        p.Candidate.model_validate(candidate("c9", None)),
        p.Candidate.model_validate(candidate("c3", None)),
    ]
    account = account_of(jobs, [first, second])
    by_id = {c.id: c for c in account.candidates}
    assert list(by_id) == ["c1", "c9", "c3"]
    ada = by_id["c1"]
    assert ada.application_ids == (f"{POSITION}-c1", f"{OTHER}-c2")
    assert ada.tag_ids == ("backend", "senior")
    assert ada.updated_at == datetime(2024, 4, 1, tzinfo=UTC)
    assert by_id["c9"].application_ids == (f"{POSITION}-c9", f"{OTHER}-c9")
    assert {a.candidate_id for a in account.applications if a.id.endswith(("-c1", "-c2"))} == {"c1"}
    assert len(account.applications) == 5
