"""``Endpoints.named``: a record that is nothing but its name (a tag) is got with no call."""

from __future__ import annotations

from typing import ClassVar

import httpx

from providers.base import Connection
from providers.kit.adapter import HttpAdapter
from providers.kit.mapping import RecordMap, fn
from providers.kit.paging import OffsetPaging
from providers.kit.resources import Endpoints
from providers.records import Resource, TagRecord

TAG = RecordMap(TagRecord, {"id": fn(str), "name": fn(str)})


class Tagged(HttpAdapter):
    name: ClassVar[str] = "tagged"
    default_base_url: ClassVar[str | None] = "http://tagged.sim"
    paging = OffsetPaging(max_size=10)
    resources = (Endpoints(Resource.TAG, str, TAG, named=True),)


async def test_tags_by_name_need_no_call() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"no call expected: {request.url}")

    client = httpx.AsyncClient(transport=httpx.MockTransport(refuse))
    a = Tagged(Connection(name="c", provider="tagged"), http=client)
    found = await a.get_tags(["Remote", "", "Java"])
    assert [(t.id, t.name) if t else None for t in found] == [("Remote", "Remote"), None, ("Java", "Java")]
    assert Tagged.can_get(Resource.TAG)
    assert Tagged.fields[Resource.TAG] == frozenset({"name"})
