"""``kit/resources.py`` additions: a parent's children read from one answer of another shape
(``Child.model``/``read``, the parent's id as the query parameter ``param``), a filter a
listing requires (``Param.required``), and a kept account table whose listing by a parent reads
that parent's children instead (``Child.lists``), afresh at every call (``Child.fresh``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, ClassVar

import httpx
import pytest
import respx

from providers.base import Connection
from providers.errors import UnsupportedOperation
from providers.kit.adapter import HttpAdapter
from providers.kit.mapping import At, Ctx, Fn, RecordMap
from providers.kit.paging import OffsetPaging
from providers.kit.resources import Child, Endpoints, Param
from providers.kit.tables import account_table
from providers.payload import WireModel
from providers.query import Filter, FilterName, ListQuery
from providers.records import ActivityRecord, ApplicationRecord, JobInterviewStageRecord, Record, Resource

BASE = "https://toy.example/api"


class Entry(WireModel):
    person: str


class Board(WireModel):
    entries: list[Entry] = []


class Note(WireModel):
    id: str


class Stage(WireModel):
    name: str


ENTRY = RecordMap(
    ApplicationRecord,
    {"id": Fn(lambda o, c: f"{o.person}:{c['parent']}"), "job_id": Fn(lambda _o, c: c["parent"])},
)


STAGE = RecordMap(
    JobInterviewStageRecord,
    {"id": At("name"), "name": At("name"), "job_id": Fn(lambda _o, c: c.get("parent"))},
)


def entries(board: Any, ctx: Ctx) -> list[Record]:
    return [ENTRY.read(e, ctx) for e in board.entries]


class Toy(HttpAdapter):
    name: ClassVar[str] = "toy-children"
    default_base_url: ClassVar[str | None] = BASE
    paging = OffsetPaging(max_size=50)
    resources = (
        Endpoints(
            Resource.APPLICATION,
            Entry,
            ENTRY,
            parent_of=lambda i: i.partition(":")[2] or None,
            children={"job": Child("/board", "job", one=True, model=Board, read=entries)},
            listed=False,
        ),
        Endpoints(
            Resource.ACTIVITY,
            Note,
            RecordMap(ActivityRecord, {"id": At("id")}),
            list="/notes",
            items="data",
            filters={FilterName.CANDIDATE_ID: Param("who", required=True)},
        ),
        account_table(
            Resource.JOB_INTERVIEW_STAGE,
            Stage,
            STAGE,
            "/stages",
            "data",
            children={"job": Child("/jobs/{id}/stages", lists=True, fresh=True)},
        ),
    )


@pytest.fixture
async def toy() -> AsyncIterator[Toy]:
    async with httpx.AsyncClient() as http:
        made = Toy(Connection(name="t", provider="toy-children", credentials={}), http)
        yield made
        await made.aclose()


@respx.mock
async def test_children_from_one_answer_of_another_shape(toy: Toy) -> None:
    board = respx.get(f"{BASE}/board", params={"job": "j1"}).respond(json={"entries": [{"person": "p1"}]})
    respx.get(f"{BASE}/board", params={"job": "gone"}).respond(404)
    by_job = await toy.list_applications_by_job_ids(["j1", "gone"])
    assert {j: [r.id for r in rs] for j, rs in by_job.items()} == {"j1": ["p1:j1"], "gone": []}
    found = await toy.get_applications(["p1:j1", "p2:j1"])
    assert [r.id if r else None for r in found] == ["p1:j1", None]
    assert board.call_count == 2
    assert not hasattr(toy, "list_applications")  # read only under a job


@respx.mock
async def test_a_required_filter_is_asked_for_before_any_call(toy: Toy) -> None:
    notes = respx.get(f"{BASE}/notes").respond(json={"data": [{"id": "n1"}]})
    with pytest.raises(UnsupportedOperation, match="candidateId"):
        await toy.list(Resource.ACTIVITY, ListQuery(page_size=5))
    assert notes.call_count == 0
    page = await toy.list(Resource.ACTIVITY, ListQuery(page_size=5, filter=Filter(candidate_id="c1")))
    assert [r.id for r in page.records] == ["n1"]
    assert notes.calls.last.request.url.params["who"] == "c1"


@respx.mock
async def test_a_listing_by_parent_reads_its_children_afresh(toy: Toy) -> None:
    stages = Resource.JOB_INTERVIEW_STAGE
    assert FilterName.JOB_ID in Toy.native_filters[stages]
    account = respx.get(f"{BASE}/stages").respond(json={"data": [{"name": "Screen"}]})
    by_job = respx.get(f"{BASE}/jobs/7/stages").respond(json={"data": [{"name": "A"}, {"name": "B"}]})
    page = await toy.list(stages, ListQuery(page_size=1, filter=Filter(job_id="7")))
    assert [(s.id, s.job_id) for s in page.records] == [("A", "7")]  # type: ignore[attr-defined]
    assert page.next_cursor == "1"  # paged here, from the one answer
    await toy.list(stages, ListQuery(page_size=5, cursor=page.next_cursor, filter=Filter(job_id="7")))
    assert (by_job.call_count, account.call_count) == (2, 0)  # not kept, as the table is
    assert [s.id for s in (await toy.list(stages, ListQuery())).records] == ["Screen"]
    await toy.list(stages, ListQuery())
    assert account.call_count == 1
