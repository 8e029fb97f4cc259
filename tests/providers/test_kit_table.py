"""``Endpoints.table``: records no endpoint lists, built whole by the adapter from other reads,
are listed a page at a time from that table (unless ``listed=False``), got by id, and read by
parent through a record attribute, with no call of their own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import httpx

from providers.base import Connection
from providers.kit.adapter import HttpAdapter
from providers.kit.mapping import At, RecordMap
from providers.kit.paging import OffsetPaging
from providers.kit.resources import Child, Endpoints
from providers.query import ListQuery
from providers.records import ApplicationRecord, CandidateRecord, Record, Resource

R = Resource
PERSON = RecordMap(CandidateRecord, {"id": At("id"), "name": At("name")})
APPLICATION = RecordMap(ApplicationRecord, {"id": At("id"), "candidate_id": At("person")})


async def people(a: Any) -> Sequence[Record]:
    a.built += 1
    return [PERSON.read({"id": f"p{i}", "name": f"P{i}"}) for i in range(5)]


async def applications(a: Any) -> Sequence[Record]:
    return [APPLICATION.read({"id": f"a{i}", "person": f"p{i % 2}"}) for i in range(4)]


class Built(HttpAdapter):
    name: ClassVar[str] = "toy-table"
    default_base_url: ClassVar[str | None] = "http://table.sim"
    paging = OffsetPaging(max_size=10)
    resources = (
        Endpoints(R.CANDIDATE, dict, PERSON, table=people),
        Endpoints(
            R.APPLICATION,
            dict,
            APPLICATION,
            table=applications,
            listed=False,
            children={"candidate": Child(attribute="candidate_id")},
        ),
    )
    built = 0


def adapter() -> Built:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"no call expected: {request.url}")

    return Built(
        Connection(name="c", provider="toy-table"), httpx.AsyncClient(transport=httpx.MockTransport(refuse))
    )


async def test_a_built_table_is_listed_by_pages_and_got_by_id() -> None:
    a = adapter()
    first = await a.list(R.CANDIDATE, ListQuery(page_size=2))
    rest = await a.list(R.CANDIDATE, ListQuery(page_size=4, cursor=first.next_cursor))
    assert [r.id for r in first.records] == ["p0", "p1"]
    assert first.next_cursor == "2"
    assert [r.id for r in rest.records] == ["p2", "p3", "p4"]
    assert rest.next_cursor is None
    found = await a.get_many(R.CANDIDATE, ["p3", "nope", "p0"])
    assert [r.id if r else None for r in found] == ["p3", None, "p0"]
    assert a.built == 3  # the table is the adapter's to keep: each read asks it again
    assert Built.fields[R.CANDIDATE] == frozenset({"name"})


async def test_unlisted_it_is_got_by_id_and_by_parent_only() -> None:
    assert not Built.can_list(R.APPLICATION)
    assert Built.can_get(R.APPLICATION)
    a = adapter()
    found = await a.get_many(R.APPLICATION, ["a2", "a9"])
    assert [r.id if r else None for r in found] == ["a2", None]
    by = await a.list_children(R.APPLICATION, "candidate", ["p1", "p4"])
    assert {k: [r.id for r in v] for k, v in by.items()} == {"p1": ["a1", "a3"], "p4": []}
