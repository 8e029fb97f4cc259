"""``Child.lists``: a listing by the parent's filter read whole under the parent and paged
here; without the filter, the list path (or, with none, a refusal)."""

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
from providers.payload import WireModel
from providers.query import Filter, FilterName, ListQuery
from providers.records import AttachmentRecord, OfferRecord, Resource

R = Resource


class Item(WireModel):
    id: str


class Toy(HttpAdapter):
    name: ClassVar[str] = "toy-child-lists"
    default_base_url: ClassVar[str | None] = "https://toy.example/api"
    paging = OffsetPaging(10)
    items_field = "items"
    resources = (
        Endpoints(
            R.ATTACHMENT,
            Item,
            RecordMap(AttachmentRecord, {"id": At("id")}),
            children={"application": Child("/applications/{id}/files", lists=True)},
        ),
        Endpoints(
            R.OFFER,
            Item,
            RecordMap(OfferRecord, {"id": At("id")}),
            list="/offers",
            children={"application": Child("/applications/{id}/offers", lists=True)},
        ),
    )


def _toy(seen: list[httpx.Request]) -> Toy:
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"items": [{"id": f"f{i}"} for i in range(5)]})

    return Toy(Connection("t", "toy-child-lists"), httpx.AsyncClient(transport=httpx.MockTransport(answer)))


async def test_the_page_is_cut_from_the_parents_children() -> None:
    seen: list[httpx.Request] = []
    adapter = _toy(seen)
    query = ListQuery(filter=Filter(application_id="a1"), page_size=2)
    first = await adapter.list_attachments(query)
    assert ([r.id for r in first.records], first.next_cursor) == (["f0", "f1"], "2")
    last = await adapter.list_attachments(ListQuery(filter=query.filter, cursor="4"))
    assert ([r.id for r in last.records], last.next_cursor) == (["f4"], None)
    assert [r.url.path for r in seen] == ["/api/applications/a1/files"] * 2
    with pytest.raises(UnsupportedOperation, match="applicationId"):
        await adapter.list_attachments(ListQuery())


async def test_without_the_filter_the_list_path_lists_them_all() -> None:
    seen: list[httpx.Request] = []
    adapter = _toy(seen)
    await adapter.list_offers(ListQuery())
    await adapter.list_offers(ListQuery(filter=Filter(application_id="a1")))
    assert [r.url.path for r in seen] == ["/api/offers", "/api/applications/a1/offers"]
    assert FilterName.APPLICATION_ID in Toy.native_filters[R.OFFER]
