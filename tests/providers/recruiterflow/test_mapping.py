"""Golden mapping tests over every payload in ``shared/fixtures/providers/recruiterflow/``.

Two kinds of fixture (see its README): ``.json`` / ``.first2.json`` are real recordings, mapped
and checked value by value; ``.shape.json`` are key/type shapes of recordings withheld for
privacy. From a shape, :func:`example_from_shape` builds an EXAMPLE payload (each value its
type's stand-in: ``"<key>"`` for a string, a timestamp in the recorded format for the keys that
hold times), so these tests check that every key the wire models read is one Recruiterflow
sends, with the type it sends, and that the mapping reads it where it should.

Files read but no unified resource's: ``job-status/list`` (a job's agency status, kept as
``rawStatus``), ``job-remote-status/list`` (no job payload names a remote status),
``candidate/activity-type/list`` (the activity types :data:`ACTIVITY_TYPE` names),
``organization/employment-type/list`` (the job types of :data:`JOB_TYPE`),
``candidate/activities/stage-movement/list`` (a candidate's moves per job: the pipeline's
moves already give an application's stage history) and ``candidate/scorecard/list`` (recorded
with an empty ``job`` list, so a scorecard's shape is unknown and scorecards are not served).
``_index.json`` is the fixture folder's own index, not a payload.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import pytest
from pydantic import BaseModel, TypeAdapter

from providers.kit.tables import ids_by_name
from providers.records import (
    ActivityType,
    ApplicationRecord,
    JobInterviewStageRecord,
    JobStatus,
    JobType,
)
from providers.recruiterflow import payloads as p
from providers.recruiterflow.mapping import (
    ACTIVITY,
    ACTIVITY_TYPE,
    CANDIDATE,
    DEPARTMENT,
    DISQUALIFIED,
    JOB,
    JOB_TYPE,
    OFFICE,
    USER,
    candidate_applications,
    pipeline_applications,
    pipeline_stages,
)
from tests.shared import PROVIDER_FIXTURES, load_fixture

NAME: Final = "recruiterflow"
STAMP: Final = "2022-02-23T01:42:14+0000"
"""A timestamp as the recorded jobs write theirs (``created_at``)."""
WHEN: Final = datetime(2022, 2, 23, 1, 42, 14, tzinfo=UTC)
TIME_KEYS: Final = frozenset(
    {
        "added_time",
        "stage_moved",
        "time",
        "latest_activity_time",
        "last_contacted",
        "last_engaged",
        "entered",
        "left",
        "created_at",
        "last_opened",
    }
)


def example_from_shape(shape: Any, key: str = "", overrides: dict[str, Any] | None = None) -> Any:
    """An example payload built from a ``.shape.json``: ``"string"`` is ``"<key>"`` (a
    timestamp for :data:`TIME_KEYS`), ``"integer"`` 7, ``"boolean"`` true, ``"null"`` null, a
    list one example item, an object each key's example; ``overrides`` replaces values by key."""
    overrides = overrides or {}
    if key in overrides:
        return overrides[key]
    if isinstance(shape, dict):
        return {k: example_from_shape(v, k, overrides) for k, v in shape.items()}
    if isinstance(shape, list):
        return [example_from_shape(v, key, overrides) for v in shape[:1]]
    return {"string": STAMP if key in TIME_KEYS else f"<{key}>", "integer": 7, "boolean": True}.get(shape)


def shape_example(file: str, **overrides: Any) -> Any:
    return example_from_shape(load_fixture(NAME, file), overrides=overrides)


def test_every_fixture_file_has_a_test_here() -> None:
    if not PROVIDER_FIXTURES.is_dir():
        pytest.skip(f"shared fixtures not found at {PROVIDER_FIXTURES}")
    names = {f.name for f in (PROVIDER_FIXTURES / NAME).iterdir()} - {"README.md", "_index.json"}
    source = Path(__file__).read_text()
    assert len(names) == 16
    assert sorted(n for n in names if n not in source) == []


def keys_read(model: type[BaseModel]) -> set[str]:
    return {f.alias or n for n, f in model.model_fields.items()}


@pytest.mark.parametrize(
    ("file", "model", "at"),
    [
        ("GET_api_external_candidate_list.shape.json", p.Candidate, (0,)),
        ("GET_api_external_candidate_list.shape.json", p.CandidateJob, (0, "jobs", 0)),
        ("GET_api_external_job_list.shape.json", p.Job, (0,)),
        ("GET_api_external_job_list.shape.json", p.HiringTeamMember, (0, "hiring_team", 0)),
        ("GET_api_external_job_pipeline.shape.json", p.Pipeline, ()),
        ("GET_api_external_job_pipeline.shape.json", p.Move, ("detail", 0, "stages", 0)),
        ("GET_api_external_candidate_activity_list.shape.json", p.Activity, ("data", 0)),
        ("GET_api_external_user_list.shape.json", p.User, ("data", 0)),
        ("GET_api_external_location_list.json", p.Location, ("data", 0)),
        ("GET_api_external_job_department_list.json", p.Named, ("data", 0)),
    ],
)
def test_every_key_a_wire_model_reads_is_one_recruiterflow_sends(
    file: str, model: type[BaseModel], at: tuple[Any, ...]
) -> None:
    found = load_fixture(NAME, file)
    for step in at:
        found = found[step]
    assert keys_read(model) <= set(found), sorted(keys_read(model) - set(found))


def test_candidates_from_the_shape_with_their_jobs_as_applications() -> None:
    page = shape_example("GET_api_external_candidate_list.shape.json", job_id=531)
    [raw] = TypeAdapter(list[p.Candidate]).validate_python(page)
    c = CANDIDATE.read(raw)
    assert (c.id, c.first_name, c.last_name, c.name) == ("7", "<first_name>", "<last_name>", "<name>")
    assert [(e.email, e.is_primary) for e in c.emails] == [("<email>", True)]
    assert [x.number for x in c.phones] == ["<phone_number>"]
    assert (c.title, c.company, c.locations) == (
        "<current_designation>",
        "<current_organization>",
        ("<location>",),
    )
    assert c.can_email is False  # do_not_email: true
    assert c.created_at == c.last_interaction_at == WHEN
    assert {(u.type, u.url) for u in c.urls} == {
        (k, f"<{k}_profile>") for k in ("linkedin", "github", "facebook", "behance", "dribbble")
    }  # the shape's string profiles (angellist, twitter and xing are null there)
    assert c.application_ids == ("7:531",)
    assert c.remote_data == page[0]
    [a] = candidate_applications(raw, {})
    assert isinstance(a, ApplicationRecord)
    assert (a.id, a.candidate_id, a.job_id, a.current_stage_id) == (
        "7:531",
        "7",
        "531",
        "<stage_name>",
    )
    assert (a.applied_at, a.credited_to_id, a.rejected_at, a.reject_reason_id) == (WHEN, "7", None, None)


def test_a_candidate_in_disqualified_is_rejected_with_its_reason() -> None:
    page = shape_example(
        "GET_api_external_candidate_list.shape.json",
        stage_name=DISQUALIFIED,
        disqualification_reason="Too junior",
    )
    [a] = candidate_applications(TypeAdapter(list[p.Candidate]).validate_python(page)[0], {})
    assert isinstance(a, ApplicationRecord)
    assert (a.current_stage_id, a.rejected_at, a.reject_reason_id) == (DISQUALIFIED, WHEN, "Too junior")


def test_the_recorded_jobs() -> None:
    """The two jobs recorded verbatim, read with the recorded departments and locations (a job
    names them; the recorded "California" is location 38)."""
    departments = load_fixture(NAME, "GET_api_external_job_department_list.json")["data"]
    locations = load_fixture(NAME, "GET_api_external_location_list.json")["data"]
    ctx = {
        "departments": ids_by_name([DEPARTMENT.read(p.Named.model_validate(d)) for d in departments]),
        "offices": ids_by_name([OFFICE.read(p.Location.model_validate(x)) for x in locations]),
    }
    jobs = [
        JOB.read(j, ctx)
        for j in TypeAdapter(list[p.Job]).validate_python(
            load_fixture(NAME, "GET_api_external_job_list.first2.json")
        )
    ]
    first = jobs[0]
    assert first.id == "98"
    assert (first.name or "").startswith("SALES OPERATION SPECIALIST")
    assert (first.status, first.raw_status) == (JobStatus.CLOSED, None)
    assert (first.job_type, first.raw_job_type) == (JobType.FULL_TIME, "Full time")
    assert first.department_ids == ("10",)  # "Sales"
    assert [j.department_ids for j in jobs] == [("10",), ("9",)]  # Sales, People Operations
    assert first.locations == ("California",)
    assert first.office_ids == ("38",)
    assert first.recruiter_ids == ("62245",)
    assert first.created_at == datetime(2022, 2, 23, 1, 42, 14, tzinfo=UTC)
    assert first.opened_at == datetime(2024, 4, 1, 20, 56, 32, tzinfo=UTC)
    assert jobs[1].id == "112"
    assert jobs[1].remote_data["maildrop_email"].startswith("maildrop+")


def test_the_job_list_shape_maps_an_open_job_with_its_status() -> None:
    page = shape_example("GET_api_external_job_list.shape.json", job_status={"id": 1, "name": "Active"})
    [job] = [
        JOB.read(j, {"departments": {"<department>": "3"}, "offices": {"<locations>": "4"}})
        for j in TypeAdapter(list[p.Job]).validate_python(page)
    ]
    assert (job.status, job.raw_status, job.department_ids, job.office_ids) == (
        JobStatus.OPEN,
        "Active",
        ("3",),
        ("4",),
    )
    assert job.recruiter_ids == ()  # "<role>": not the recorded "Recruiter"
    assert (job.job_type, job.raw_job_type) == (JobType.OTHER, "<employment_type>")


def test_a_pipeline_from_the_shape_gives_applications_and_stages() -> None:
    example = shape_example("GET_api_external_job_pipeline.shape.json", to=DISQUALIFIED, reason="No visa")
    pipeline = p.Pipeline.model_validate(example)
    [a] = pipeline_applications(pipeline, {"parent": "531"})
    assert isinstance(a, ApplicationRecord)
    assert (a.id, a.candidate_id, a.job_id, a.current_stage_id) == ("7:531", "7", "531", DISQUALIFIED)
    assert (a.applied_at, a.rejected_at, a.reject_reason_id) == (WHEN, WHEN, "No visa")
    [s] = pipeline_stages(pipeline, {"parent": "531"})
    assert isinstance(s, JobInterviewStageRecord)
    assert (s.id, s.name, s.job_id, s.position) == ("<name>", "<name>", "531", 0)


def test_a_pipeline_entry_reads_as_its_candidates_job_where_the_wire_says_the_same() -> None:
    """Stage, dates and rejection agree; a pipeline entry does not name who added the candidate."""
    overrides = {"job_id": 531, "stage_name": DISQUALIFIED, "disqualification_reason": "No visa"}
    page = shape_example("GET_api_external_candidate_list.shape.json", **overrides)
    [job] = candidate_applications(TypeAdapter(list[p.Candidate]).validate_python(page)[0], {})
    example = shape_example("GET_api_external_job_pipeline.shape.json", to=DISQUALIFIED, reason="No visa")
    [entry] = pipeline_applications(p.Pipeline.model_validate(example), {"parent": "531"})
    unsaid = {"remote_data", "credited_to_id"}
    assert entry.model_dump(exclude=unsaid) == job.model_dump(exclude=unsaid)
    assert isinstance(entry, ApplicationRecord)
    assert (entry.created_at, entry.credited_to_id) == (WHEN, None)


def test_activities_users_from_their_shapes() -> None:
    activity = p.Activity.model_validate(
        shape_example("GET_api_external_candidate_activity_list.shape.json")["data"][0]
    )
    a = ACTIVITY.read(activity)
    assert (a.id, a.candidate_id, a.actor_id, a.subject, a.body, a.created_at) == (
        "7",
        "7",
        "7",
        "<subject>",
        "<text>",
        WHEN,
    )
    assert (a.activity_type, a.raw_activity_type) == (ActivityType.OTHER, "<name>")
    user = USER.read(p.User.model_validate(shape_example("GET_api_external_user_list.shape.json")["data"][0]))
    assert (user.id, user.name, user.first_name, user.access_role) == (
        "7",
        "<name>",
        "<first_name>",
        "<name>",
    )
    assert [e.email for e in user.emails] == ["<email>"]


def test_the_recorded_departments_and_locations() -> None:
    departments = [
        DEPARTMENT.read(p.Named.model_validate(d))
        for d in load_fixture(NAME, "GET_api_external_job_department_list.json")["data"]
    ]
    assert len(departments) == 22
    assert (departments[0].id, departments[0].name) == ("1", "Finance")
    for file in ("GET_api_external_location_list.json", "GET_api_external_organization_location_list.json"):
        offices = [OFFICE.read(p.Location.model_validate(x)) for x in load_fixture(NAME, file)["data"]]
        first = offices[0]
        assert (first.id, first.name, first.location) == (
            "4",
            "Mexico City",
            "Ciudad de México, Ciudad de México, Mexico",
        )
    # the organization's locations are the account's locations with fewer keys
    every = {x["id"] for x in load_fixture(NAME, "GET_api_external_location_list.json")["data"]}
    assert {
        x["id"] for x in load_fixture(NAME, "GET_api_external_organization_location_list.json")["data"]
    } <= every


def test_the_recorded_configuration_lists_the_tables_name() -> None:
    types = {
        x["name"]
        for x in load_fixture(NAME, "GET_api_external_organization_employment-type_list.json")["data"]
    }
    assert types == set(JOB_TYPE)
    kinds = {
        x["name"] for x in load_fixture(NAME, "GET_api_external_candidate_activity-type_list.json")["data"]
    }
    assert set(ACTIVITY_TYPE) <= kinds
    statuses = [x["name"] for x in load_fixture(NAME, "GET_api_external_job-status_list.json")["data"]]
    assert statuses[0] == "Active"
    assert "Won" in statuses
    remote = load_fixture(NAME, "GET_api_external_job-remote-status_list.json")["data"]
    assert {x["name"] for x in remote} == {"Hybrid", "Not Remote", "Remote"}
    stages = load_fixture(NAME, "GET_api_external_job_stage_names.json")["data"]
    assert DISQUALIFIED in stages
    assert all(isinstance(s, str) for s in stages)


def test_the_shapes_not_served() -> None:
    """A candidate's stage movements and scorecards parse as the shapes say; neither is read."""
    moves = load_fixture(NAME, "GET_api_external_candidate_activities_stage-movement_list.shape.json")
    assert set(moves["data"]["jobs"][0]["transitions"][0]) == {
        "entered",
        "from",
        "left",
        "stage_moved_by",
        "to",
    }
    assert moves["total_items"] == "integer"  # include_count=true
    scorecards = load_fixture(NAME, "GET_api_external_candidate_scorecard_list.shape.json")
    assert scorecards["data"]["job"] == []  # nothing recorded to read a scorecard from
