"""``Endpoints.single``: the account's one record (an organization) at a fixed path, listed as
a page of it and got where an id is its id, one call per read."""

from __future__ import annotations

from typing import Any, ClassVar

import httpx

from providers.base import Connection
from providers.kit.adapter import HttpAdapter
from providers.kit.mapping import At, RecordMap
from providers.kit.paging import OffsetPaging
from providers.kit.resources import Endpoints
from providers.payload import WireModel
from providers.query import ListQuery
from providers.records import OrganizationRecord, Resource


class Account(WireModel):
    id: str
    name: str | None = None


ORG = RecordMap(OrganizationRecord, {"id": At("id"), "name": At("name")})


class Fixed(HttpAdapter):
    name: ClassVar[str] = "fixed"
    default_base_url: ClassVar[str | None] = "http://fixed.sim/api"
    paging = OffsetPaging(max_size=10)
    resources = (Endpoints(Resource.ORGANIZATION, Account, ORG, single="/account"),)


class Built(HttpAdapter):
    name: ClassVar[str] = "built"
    default_base_url: ClassVar[str | None] = "http://built.sim/api"
    paging = OffsetPaging(max_size=10)
    resources = (
        Endpoints(
            Resource.ORGANIZATION, Account, ORG, single=lambda a: f"http://other.sim/{a.connection.name}"
        ),
    )


def adapter(cls: type[HttpAdapter], answer: httpx.Response, seen: list[str]) -> Any:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return answer

    client = httpx.AsyncClient(transport=httpx.MockTransport(handle))
    return cls(Connection(name="acme", provider=cls.name), http=client)


async def test_the_one_record_is_listed_and_got_by_its_id() -> None:
    seen: list[str] = []
    a = adapter(Fixed, httpx.Response(200, json={"id": "7", "name": "Acme"}), seen)
    page = await a.list_organizations(ListQuery())
    assert [(r.id, r.name) for r in page.records] == [("7", "Acme")]
    found = await a.get_organizations(["7", "8"])
    assert [r.id if r else None for r in found] == ["7", None]
    assert seen == ["http://fixed.sim/api/account"] * 2


async def test_a_path_built_from_the_adapter_and_a_missing_record() -> None:
    seen: list[str] = []
    a = adapter(Built, httpx.Response(404, json={}), seen)
    assert (await a.list_organizations(ListQuery())).records == []
    assert await a.get_organizations(["7"]) == [None]
    assert seen == ["http://other.sim/acme"] * 2
