"""``list_under_parent``: a listing that requires its parent, read whole under it and paged
here (``kit/under_parent.py``)."""

from __future__ import annotations

from typing import ClassVar

import httpx
import pytest

from providers.base import Connection
from providers.errors import UnsupportedOperation
from providers.kit.adapter import HttpAdapter
from providers.kit.mapping import At, RecordMap
from providers.kit.paging import OffsetPaging
from providers.kit.resources import Child, Endpoints
from providers.kit.under_parent import list_under_parent
from providers.payload import WireModel
from providers.query import Filter, ListQuery
from providers.records import AttachmentRecord, Resource

R = Resource


class Item(WireModel):
    id: str


class Toy(HttpAdapter):
    name: ClassVar[str] = "toy-under"
    default_base_url: ClassVar[str | None] = "https://toy.example/api"
    paging = OffsetPaging(10)
    items_field = "items"
    resources = (
        Endpoints(
            R.ATTACHMENT,
            Item,
            RecordMap(AttachmentRecord, {"id": At("id")}),
            children={"application": Child("/applications/{id}/files")},
        ),
    )


async def test_the_page_is_cut_from_the_parents_children_read_once() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"items": [{"id": f"f{i}"} for i in range(5)]})

    adapter = Toy(Connection("t", "toy-under"), httpx.AsyncClient(transport=httpx.MockTransport(answer)))
    query = ListQuery(filter=Filter(application_id="a1"), page_size=2)
    first = await list_under_parent(adapter, R.ATTACHMENT, "application", query)
    assert [r.id for r in first.records] == ["f0", "f1"]
    assert first.next_cursor == "2"
    last = await list_under_parent(
        adapter, R.ATTACHMENT, "application", ListQuery(filter=query.filter, cursor="4")
    )
    assert [r.id for r in last.records] == ["f4"]
    assert last.next_cursor is None
    assert len(seen) == 2
    with pytest.raises(UnsupportedOperation, match="applicationId"):
        await list_under_parent(adapter, R.ATTACHMENT, "application", ListQuery())
