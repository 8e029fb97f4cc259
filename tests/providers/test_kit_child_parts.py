"""``Child.parts``: a parent id that names several things (``<candidateId>:<jobId>``) reads its
children at a path filled from its parts, the parts the path does not name sent as parameters."""

from __future__ import annotations

from typing import ClassVar

import httpx

from providers.base import Connection
from providers.kit.adapter import HttpAdapter
from providers.kit.mapping import At, Fn, RecordMap
from providers.kit.paging import OffsetPaging
from providers.kit.resources import Child, Endpoints
from providers.payload import WireModel
from providers.query import FilterName
from providers.records import AttachmentRecord, OfferRecord, Resource

R = Resource
BASE = "https://toy.example/api"


def parts(value: str) -> dict[str, str] | None:
    person, sep, job = value.partition(":")
    return {"person": person, "job": job} if sep and person and job else None


class Item(WireModel):
    id: str


OFFER = RecordMap(OfferRecord, {"id": At("id"), "application_id": Fn(lambda _o, ctx: ctx.get("parent"))})
FILE = RecordMap(AttachmentRecord, {"id": At("id")})


class Toy(HttpAdapter):
    name: ClassVar[str] = "toy-parts"
    default_base_url: ClassVar[str | None] = BASE
    paging = OffsetPaging(10)
    items_field = "items"
    resources = (
        Endpoints(
            R.OFFER,
            Item,
            OFFER,
            children={"application": Child("/people/{person}/jobs/{job}/offers", parts=parts)},
        ),
        Endpoints(R.ATTACHMENT, Item, FILE, children={"application": Child("/files", parts=parts)}),
    )


def toy() -> tuple[Toy, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.raw_path == b"/api/people/p%201/jobs/j1/offers":  # one segment each
            return httpx.Response(200, json={"items": [{"id": "o1"}]})
        if request.url.path == "/api/files":
            return httpx.Response(200, json={"items": [{"id": "f-" + request.url.params["person"]}]})
        return httpx.Response(404)

    return Toy(Connection("t", "toy-parts"), httpx.AsyncClient(transport=httpx.MockTransport(answer))), seen


async def test_the_parts_fill_the_path_as_segments() -> None:
    adapter, seen = toy()
    found = await adapter.list_offers_by_application_ids(["p 1:j1", "nothing"])
    assert [(r.id, r.application_id) for r in found["p 1:j1"]] == [("o1", "p 1:j1")]
    assert found["nothing"] == []  # an id with no parts: no call
    assert len(seen) == 1


async def test_the_parts_the_path_does_not_name_are_parameters() -> None:
    adapter, seen = toy()
    found = await adapter.list_attachments_by_application_ids(["p1:j1"])
    assert [r.id for r in found["p1:j1"]] == ["f-p1"]
    assert dict(seen[0].url.params) == {"person": "p1", "job": "j1"}


def test_a_parts_child_is_a_parent_filter() -> None:
    assert Toy.filters_natively(R.OFFER, FilterName.APPLICATION_ID)
