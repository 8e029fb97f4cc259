"""The kit's data server: declared endpoints answered from a dataset, the declared filters
read back from their parameters (time bounds, a parent filter, e-mail)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import pytest

from providers.kit.dataserve import DataServer, Listing, kept, renders_of
from providers.kit.resources import Child, Endpoints, Param
from providers.query import FilterName
from providers.records import ApplicationRecord, EmailAddress, JobRecord, Record, Resource, UserRecord

F = FilterName
R = Resource
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _at(day: int) -> datetime:
    return T0.replace(day=day)


JOBS = [JobRecord(id=f"job_{n}", name=f"J{n}", created_at=_at(n), updated_at=_at(n + 10)) for n in (1, 2, 3)]
APPS = [
    ApplicationRecord(id="app_1", job_id="job_1", applied_at=_at(5)),
    ApplicationRecord(id="app_2", job_id="job_2", applied_at=_at(6)),
    ApplicationRecord(id="app_3", job_id="job_1", applied_at=_at(7)),
]
USERS = [
    UserRecord(id="usr_1", emails=(EmailAddress(email="Ann@Example.com"),)),
    UserRecord(id="usr_2", emails=(EmailAddress(email="bob@example.com"),)),
]


class Data:
    """The two reads a data server makes of a dataset."""

    tables: Mapping[Resource, Sequence[Record]] = {R.JOB: JOBS, R.APPLICATION: APPS, R.USER: USERS}

    def records(self, resource: Resource) -> Sequence[Record]:
        return self.tables.get(resource, ())

    def children(self, resource: Resource, parent: str) -> Mapping[str, Sequence[Record]]:
        out: dict[str, list[Record]] = {}
        for r in self.records(resource):
            keys = (
                [e.email.casefold() for e in r.emails] if parent == "email" else [getattr(r, f"{parent}_id")]
            )
            for key in keys:
                out.setdefault(key, []).append(r)
        return out


def _find(resource: Resource, wire: str) -> Record | None:
    return next((r for r in Data().records(resource) if r.id.endswith(f"_{wire}")), None)


TIMES = {
    n: Param(n.value, parse=datetime.fromisoformat)
    for n in (F.CREATED_AFTER, F.CREATED_BEFORE, F.UPDATED_AFTER, F.UPDATED_BEFORE)
}
RESOURCES = (
    Endpoints(R.JOB, object, lambda p, _c: p, list="/jobs", get="/jobs/{id}", filters=TIMES),
    Endpoints(
        R.APPLICATION,
        object,
        lambda p, _c: p,
        list="/applications",
        filters={F.CREATED_AFTER: TIMES[F.CREATED_AFTER], F.JOB_ID: Param("job")},
        children={"job": Child("/jobs/{id}/applications")},
    ),
    Endpoints(R.USER, object, lambda p, _c: p, list="/users", filters={F.EMAIL: Param("email")}),
    Endpoints(R.OFFER, object, lambda p, _c: p, list="/offers"),  # no render: not served
)


def _server(paged: bool = True) -> DataServer:
    renders = {r: (lambda x: x.id) for r in (R.JOB, R.APPLICATION, R.USER)}
    return DataServer(Data(), _find, renders, {R.APPLICATION: "applied_at"}, lambda _p: paged)


def _ids(result: Any) -> list[str]:
    assert isinstance(result, Listing)
    return [result.render(r) for r in result.records]


def test_every_declared_path_with_a_render_is_served() -> None:
    assert set(_server().handlers(RESOURCES)) == {
        "/jobs",
        "/jobs/{id}",
        "/applications",
        "/jobs/{id}/applications",
        "/users",
    }


def test_a_record_by_its_wire_id_and_none_for_an_unknown_one() -> None:
    one = _server().handlers(RESOURCES)["/jobs/{id}"]
    assert one({}, "2") == "job_2"
    assert one({}, "9") is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["job_1", "job_2", "job_3"]),
        ({"created_after": _at(2).isoformat()}, ["job_2", "job_3"]),  # at or after
        ({"created_before": _at(2).isoformat()}, ["job_1"]),  # strictly before
        ({"updated_after": _at(13).isoformat(), "created_before": _at(3).isoformat()}, []),
        ({"updated_before": _at(13).isoformat()}, ["job_1", "job_2"]),
    ],
)
def test_time_bounds(params: dict[str, str], expected: list[str]) -> None:
    assert _ids(_server().handlers(RESOURCES)["/jobs"](params, "")) == expected


def test_created_reads_the_attribute_the_resource_names() -> None:
    listed = _server().handlers(RESOURCES)["/applications"]
    assert _ids(listed({"created_after": _at(6).isoformat()}, "")) == ["app_2", "app_3"]


def test_a_parent_filter_and_the_children_path_read_the_parent_index() -> None:
    handlers = _server().handlers(RESOURCES)
    assert _ids(handlers["/applications"]({"job": "1"}, "")) == ["app_1", "app_3"]
    assert _ids(handlers["/applications"]({"job": "7"}, "")) == []
    assert _ids(handlers["/jobs/{id}/applications"]({}, "2")) == ["app_2"]
    assert _ids(handlers["/jobs/{id}/applications"]({}, "7")) == []


def test_unpaged_children_are_one_rendered_list() -> None:
    assert _server(paged=False).handlers(RESOURCES)["/jobs/{id}/applications"]({}, "1") == ["app_1", "app_3"]


def test_email_matches_case_folded() -> None:
    assert _ids(_server().handlers(RESOURCES)["/users"]({"email": "ann@example.COM"}, "")) == ["usr_1"]


def test_a_filter_without_a_server_side_is_an_error() -> None:
    e = Endpoints(R.JOB, object, lambda p, _c: p, list="/jobs", filters={F.NAME: Param("name")})
    with pytest.raises(NotImplementedError):
        _server().handlers([e])["/jobs"]({"name": "J1"}, "")


class Renderer:
    def __init__(self) -> None:
        self.kept: dict[tuple[Any, ...], Any] = {}
        self.calls = 0

    @kept
    def job(self, j: JobRecord, *, short: bool = False) -> dict[str, Any]:
        self.calls += 1
        return {"id": j.id, "short": short}


def test_a_kept_render_is_made_once_per_record_and_keywords_until_cleared() -> None:
    rd = Renderer()
    assert rd.job(JOBS[0]) is rd.job(JOBS[0])
    assert rd.job(JOBS[0], short=True) == {"id": "job_1", "short": True}
    rd.job(JOBS[1])
    assert rd.calls == 3
    rd.kept.clear()
    rd.job(JOBS[0])
    assert rd.calls == 4


def test_each_resource_renders_through_the_method_named_for_it() -> None:
    class Named:
        jobs = "a table, not a render"

        def job(self, j: JobRecord) -> str:
            return j.id

        def job_interview_stage(self, s: Any) -> str:
            return "stage"

    found = renders_of(Named())
    assert set(found) == {R.JOB, R.JOB_INTERVIEW_STAGE}
    assert found[R.JOB](JOBS[0]) == "job_1"
