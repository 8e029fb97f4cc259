"""The declarative kit (``kit/mapping.py``, ``kit/resources.py``, ``kit/simserver.py``) over a toy
provider declared here: its adapter is nothing but declarations, its simulator renders records
by inverting the same mapping, and the adapter reads them back."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from typing import Any, ClassVar

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from providers.base import Connection
from providers.calls import CallModel, Cost, Key, Rule
from providers.errors import ProviderUnavailable, UnsupportedOperation
from providers.kit.adapter import HttpAdapter
from providers.kit.mapping import At, RecordMap, Ref, Table, Wire, fn
from providers.kit.paging import OffsetPaging
from providers.kit.resources import Child, Endpoints, Param, read_payload
from providers.kit.simserver import SimServer
from providers.kit.simulator import SimulatorFaults, bearer_token
from providers.payload import WireModel
from providers.query import Filter, FilterName, ListQuery, Page, Sort, SortField
from providers.records import (
    DepartmentRecord,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    OfficeRecord,
    Resource,
)
from providers.simulation import timed_transport

R = Resource
F = FilterName
TOKEN = "toy-token"


class Widget(WireModel):
    id: str
    title: str | None = None
    state: str | None = None
    team: dict[str, Any] | None = None
    created: datetime | None = None


class Team(WireModel):
    id: str
    name: str | None = None
    parent: str | None = None


class Step(WireModel):
    slug: str
    name: str | None = None


def iso(value: datetime) -> str:
    return value.isoformat()


STATES = {"open": JobStatus.OPEN, "closed": JobStatus.CLOSED}
JOB = RecordMap(
    JobRecord,
    {
        "id": Ref("id", resource=R.JOB),
        "name": At("title"),
        "status": Table("state", STATES, JobStatus.OTHER, raw="raw_status"),
        "department_ids": fn(
            lambda p: (p.team["id"],) if p.team else (),
            lambda j, w: (
                {"team": {"id": w.encode(R.DEPARTMENT, j.department_ids[0])}} if j.department_ids else {}
            ),
        ),
        "created_at": At("created", iso),
    },
    template={"kind": "widget", "team": None},
)
TEAM = RecordMap(
    DepartmentRecord,
    {"id": At("id"), "name": At("name"), "parent_id": At("parent")},
)
STEP = RecordMap(
    JobInterviewStageRecord,
    {
        "id": fn(lambda p: p.slug),
        "name": At("name"),
        "job_id": fn(lambda _p: None),
    },
)


def _step(payload: Step, ctx: Any) -> JobInterviewStageRecord:
    return STEP.read(payload).model_copy(
        update={"id": f"{ctx['parent']}:{payload.slug}", "job_id": ctx["parent"]}
    )


class Toy(HttpAdapter):
    name: ClassVar[str] = "toy"
    default_base_url: ClassVar[str | None] = "http://toy.sim/api"
    paging = OffsetPaging(max_size=2)
    resources = (
        Endpoints(
            R.JOB,
            Widget,
            JOB,
            list="/widgets",
            items="items",
            params={"all": "yes"},
            filters={
                F.CREATED_AFTER: Param("since", iso, recheck=True, parse=datetime.fromisoformat),
                F.JOB_ID: Param("only"),
                F.NAME: Param("only"),
            },
            sorts={Sort(SortField.CREATED_AT, descending=True): {"order": "-created"}},
            get="/widgets/{id}",
        ),
        Endpoints(
            R.DEPARTMENT,
            Team,
            TEAM,
            list="/teams",
            paged=False,
            whole=True,
            kept=True,
            children={"parent": Child(attribute="parent_id")},
        ),
        Endpoints(
            R.JOB_INTERVIEW_STAGE,
            Step,
            _step,
            items="items",
            kept=True,
            parent_of=lambda i: i.partition(":")[0] or None,
            children={"job": Child(path="/widgets/{id}/steps")},
            maps=(STEP,),
        ),
    )


WIDGETS = [
    JobRecord(
        id=f"w{n}",
        name=f"Widget {n}",
        status=(JobStatus.OPEN, JobStatus.CLOSED, JobStatus.OTHER)[n % 3],
        raw_status=("open", "closed", "paused")[n % 3],
        department_ids=("t1",) if n % 2 else (),
        created_at=datetime(2026, 1, n, tzinfo=UTC),
    )
    for n in range(1, 6)
]
TEAMS = [{"id": "t1", "name": "Root", "parent": None}, {"id": "t2", "name": "Leaf", "parent": "t1"}]


def toy_simulator(faults: SimulatorFaults, seen: list[Request]) -> Starlette:
    server = SimServer(
        authorized=lambda request: bearer_token(request) == TOKEN,
        rate_limit=5,
        rate_headers=("X-Limit", "X-Remaining", "X-Reset"),
        faults=faults,
    )
    wire = Wire(encode=lambda _resource, value: value)

    async def widgets(request: Request) -> Response:
        seen.append(request)
        asked = server.filters(Toy.endpoints(R.JOB), request)  # the declared parameters, parsed back
        only, since = asked.get(F.JOB_ID), asked.get(F.CREATED_AFTER)
        assert asked.get(F.NAME) == only  # one parameter serves both filters
        # the toy's upstream bound is inclusive: the adapter re-checks it (``recheck``)
        chosen = [w for w in WIDGETS if (not only or w.id == only) and (not since or w.created_at >= since)]
        keep = [(w.id, JOB.render(w, wire)) for w in chosen]
        return server.page(request, Toy.paging, "items", keep, 2)

    async def widget(request: Request) -> Response:
        found = next((w for w in WIDGETS if w.id == request.path_params["id"]), None)
        return JSONResponse(JOB.render(found, wire)) if found else server.fail(404)

    async def teams(request: Request) -> Response:
        seen.append(request)
        return JSONResponse(TEAMS)

    async def steps(request: Request) -> Response:
        seen.append(request)
        if request.path_params["id"] == "missing":
            return server.fail(404)
        items = [{"slug": "new", "name": "New"}, {"slug": "done", "name": "Done"}]
        return server.page(request, Toy.paging, "items", [(s["slug"], s) for s in items], 2)

    handlers = {"/widgets": widgets, "/widgets/{id}": widget, "/teams": teams, "/widgets/{id}/steps": steps}
    return server.app("/api", Toy.resources, handlers)


@pytest.fixture
async def toy() -> AsyncIterator[tuple[Toy, SimulatorFaults, list[Request]]]:
    faults, seen = SimulatorFaults(), []
    client = httpx.AsyncClient(transport=timed_transport(toy_simulator(faults, seen)), timeout=5)
    adapter = Toy(Connection("t", "toy", credentials={}), client)
    adapter.upstream.client.headers["Authorization"] = f"Bearer {TOKEN}"
    async with client:
        yield adapter, faults, seen


# -- what the declarations derive -----------------------------------------------------------
def test_the_declarations_give_the_methods_and_the_tables() -> None:
    assert Toy.can_list(R.JOB)
    assert Toy.can_get(R.JOB)
    assert Toy.can_list(R.DEPARTMENT)
    assert Toy.can_get(R.DEPARTMENT)
    assert Toy.can_list_children(R.DEPARTMENT, "parent")
    assert Toy.can_list(R.JOB_INTERVIEW_STAGE)  # through the parent filter the path needs
    assert Toy.can_list_children(R.JOB_INTERVIEW_STAGE, "job")
    assert not Toy.can_list(R.CANDIDATE)
    assert Toy.native_filters == {
        R.JOB: frozenset({F.CREATED_AFTER, F.JOB_ID, F.NAME}),
        R.JOB_INTERVIEW_STAGE: frozenset({F.JOB_ID}),
    }
    assert Toy.native_sorts == {R.JOB: frozenset({Sort(SortField.CREATED_AT, descending=True)})}
    assert Toy.fields[R.JOB] == frozenset({"name", "status", "departments", "created_at"})
    assert Toy.fields[R.JOB_INTERVIEW_STAGE] == frozenset({"name", "job"})


def test_a_written_method_overrides_the_derived_one() -> None:
    class Quirky(Toy):
        async def get_jobs(self, ids: Sequence[str]) -> Sequence[JobRecord | None]:
            return [None for _ in ids]

    class Redeclared(Quirky):
        resources = Toy.resources

    assert Quirky.get_jobs.__qualname__.endswith("Quirky.get_jobs")
    assert Redeclared.get_jobs is Quirky.get_jobs  # installing again keeps the written one
    assert getattr(Redeclared.list_jobs, "derived", False)


def test_reads_by_id_give_the_call_model_its_costs() -> None:
    class Costed(Toy):
        call_model = CallModel(rules={"job": Rule(Cost.BATCH)}, default=Rule(Cost.PER_KEY))
        resources = Toy.resources

    model = Costed.call_model
    assert model is not None
    assert model.rule("departments", R.DEPARTMENT) == Rule(Cost.ACCOUNT, account="/teams")
    staged = model.rule("currentStage", R.JOB_INTERVIEW_STAGE)
    assert (staged.cost, staged.key) == (Cost.PER_KEY, Key.TARGET)
    assert staged.group is not None
    assert staged.group("w1:done") == "w1"  # read with its parent's other stages
    assert model.rule("job", R.JOB) == Rule(Cost.BATCH)  # a written rule wins
    assert model.rule("interviews") == Rule(Cost.PER_KEY)  # by parent: the default


# -- reads ------------------------------------------------------------------------------------
async def test_records_render_back_and_read_again_through_every_page(toy: Any) -> None:
    adapter, _, seen = toy
    records, cursor = [], None
    while True:
        page = await adapter.list_jobs(ListQuery(page_size=2, cursor=cursor))
        records += page.records
        if (cursor := page.next_cursor) is None:
            break
    assert len(seen) == 3
    assert all(r.query_params["all"] == "yes" for r in seen)  # the declared fixed parameters
    strip = {"remote_id", "remote_data"}
    assert [r.model_dump(exclude=strip) for r in records] == [w.model_dump(exclude=strip) for w in WIDGETS]
    assert records[2].remote_data["kind"] == "widget"  # the template's constant
    assert records[1].raw_status == "paused"  # an enum the table cannot name keeps its wire word


async def test_filters_are_sent_as_declared_and_rechecked_where_looser(toy: Any) -> None:
    adapter, _, seen = toy
    bound = datetime(2026, 1, 3, tzinfo=UTC)
    page = await adapter.list_jobs(ListQuery(Filter(created_after=bound)))
    assert seen[-1].query_params["since"] == bound.isoformat()
    # the first page (2 a page) holds w3 and w4; w3 (inclusive upstream) is dropped
    assert [r.id for r in page.records] == ["w4"]
    rest = await adapter.list_jobs(ListQuery(Filter(created_after=bound), cursor=page.next_cursor))
    assert [r.id for r in rest.records] == ["w5"]
    assert rest.next_cursor is None


async def test_a_declared_sort_is_sent_as_its_parameters(toy: Any) -> None:
    adapter, _, seen = toy
    await adapter.list_jobs(ListQuery(sort=Sort(SortField.CREATED_AT, descending=True)))
    await adapter.list_jobs(ListQuery(sort=Sort(SortField.UPDATED_AT)))  # not native: not sent
    assert [r.query_params.get("order") for r in seen] == ["-created", None]


async def test_two_filters_sent_as_one_parameter_must_agree(toy: Any) -> None:
    adapter, _, seen = toy
    assert (await adapter.list_jobs(ListQuery(Filter(job_id="w1", name="w2")))).records == []
    assert seen == []  # nothing can match both: no call
    page = await adapter.list_jobs(ListQuery(Filter(job_id="w2", name="w2")))
    assert [r.id for r in page.records] == ["w2"]


async def test_get_fans_out_per_id_and_404_is_none(toy: Any) -> None:
    adapter, _, _ = toy
    found = await adapter.get_jobs(["w2", "nope", "w1"])
    assert [r.id if r else None for r in found] == ["w2", None, "w1"]


async def test_a_kept_table_is_read_once_for_gets_lists_and_children(toy: Any) -> None:
    adapter, _, seen = toy
    got = await adapter.get_departments(["t2", "zz"])
    children = await adapter.list_departments_by_parent_ids(["t1", "t2"])
    listed = await adapter.list_departments(ListQuery())
    assert [d.name if d else None for d in got] == ["Leaf", None]
    assert [d.id for d in children["t1"]] == ["t2"]
    assert children["t2"] == []
    assert len(listed.records) == 2
    assert len(seen) == 1


class TwoTables(Toy):
    """Offices too are read from ``/teams``: two kept tables of one answer."""

    resources = (
        *Toy.resources,
        Endpoints(
            R.OFFICE,
            Team,
            RecordMap(OfficeRecord, {"id": At("id"), "name": At("name")}),
            list="/teams",
            paged=False,
            whole=True,
            kept=True,
        ),
    )


async def test_two_tables_kept_from_one_list_share_its_read(toy: Any) -> None:
    adapter, _, seen = toy
    both = TwoTables(Connection("t", "toy", credentials={}), adapter.upstream.client)
    both.upstream.client.headers["Authorization"] = f"Bearer {TOKEN}"
    departments = await both.list_departments(ListQuery())
    offices = await both.list_offices(ListQuery())
    assert [d.name for d in departments.records] == [o.name for o in offices.records] == ["Root", "Leaf"]
    assert len(seen) == 1


async def test_a_table_read_whole_is_listed_at_the_page_size_asked(toy: Any) -> None:
    adapter, _, seen = toy
    first = await adapter.list_departments(ListQuery(page_size=1))
    rest = await adapter.list_departments(ListQuery(page_size=1, cursor=first.next_cursor))
    assert [d.id for d in first.records + rest.records] == ["t1", "t2"]
    assert first.next_cursor is not None
    assert rest.next_cursor is None
    assert len(seen) == 1  # the table is read once, then paged from


async def test_children_by_path_are_kept_and_picked_by_parent(toy: Any) -> None:
    adapter, _, seen = toy
    by_job = await adapter.list_job_interview_stages_by_job_ids(["w1", "missing"])
    picked = await adapter.get_job_interview_stages(["w1:done", "w1:nope"])
    assert [s.id for s in by_job["w1"]] == ["w1:new", "w1:done"]
    assert by_job["missing"] == []  # no such parent
    assert [s.name if s else None for s in picked] == ["Done", None]
    assert len(seen) == 2  # w1 and missing, once each
    listed = await adapter.list_job_interview_stages(ListQuery(Filter(job_id="w1")))
    assert listed == Page(by_job["w1"])
    with pytest.raises(UnsupportedOperation, match="without a jobId filter"):
        await adapter.list_job_interview_stages(ListQuery())


# -- the simulator server ------------------------------------------------------------------------
async def test_the_server_guards_every_route(toy: Any) -> None:
    adapter, faults, _ = toy
    client = adapter.upstream.client
    refused = await client.get("http://toy.sim/api/teams", headers={"Authorization": "Bearer wrong"})
    assert refused.status_code == 401
    assert refused.json() == {"error": "Not authorized"}
    assert refused.headers["X-Limit"] == "5"
    faults.fail_next_n_with_status = (1, 503)
    failed = await client.get("http://toy.sim/api/teams")
    assert failed.status_code == 503
    faults.malformed_pages = True
    assert (await client.get("http://toy.sim/api/widgets")).json()["items"] == "malformed"
    faults.malformed_pages, faults.rate_limit = False, 1
    assert (await client.get("http://toy.sim/api/teams")).status_code == 429
    faults.rate_limit = None
    faults.fail_next_n_with_status = (9, 503)
    with pytest.raises(ProviderUnavailable):
        await adapter.get_departments(["t1"])


def test_a_simulator_must_serve_every_declared_path() -> None:
    server = SimServer(authorized=lambda _r: True, rate_limit=1, rate_headers=("a", "b", "c"))

    async def nothing(request: Request) -> Response:
        return JSONResponse([])

    with pytest.raises(ValueError, match=r"/widgets/\{id\}/steps"):
        server.app("/api", Toy.resources, {"/widgets": nothing, "/widgets/{id}": nothing, "/teams": nothing})


def test_records_a_payload_carries_whole_are_embedded() -> None:
    def team(p: Widget, _ctx: Any) -> list[DepartmentRecord]:
        return [DepartmentRecord(id=p.team["id"], name=p.team.get("name"))] if p.team else []

    e = Endpoints(R.JOB, Widget, JOB, embeds=(team,))
    (job,) = read_payload(e, Widget.model_validate({"id": "w9", "team": {"id": "t1", "name": "Root"}}))
    assert job.department_ids == ("t1",)
    assert job.embedded == (DepartmentRecord(id="t1", name="Root"),)
    (bare,) = read_payload(e, Widget.model_validate({"id": "w8"}))
    assert bare.embedded == ()


def test_a_nested_null_is_left_to_the_template() -> None:
    record = WIDGETS[1]  # no team
    assert JOB.render(record)["team"] is None
    assert JOB.render(WIDGETS[0])["team"] == {"id": "t1"}
