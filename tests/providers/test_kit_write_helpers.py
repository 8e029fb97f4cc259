"""The kit's write helpers (``kit/writing.py``): one attempt, refusals naming their field, the
answer read as reads read it, and an unreadable answer after a 2xx an unknown outcome."""

from __future__ import annotations

import json
from typing import ClassVar

import httpx
import pytest
from pydantic import BaseModel

from providers.base import Connection
from providers.errors import ProviderResponseInvalid, ProviderUnavailable, WriteOutcomeUnknown, WriteRefused
from providers.kit.adapter import HttpAdapter
from providers.kit.mapping import At, RecordMap
from providers.kit.paging import LinkHeaderPaging
from providers.kit.resources import Endpoints
from providers.kit.writing import WriteHelpers
from providers.records import Resource, TagRecord

BASE = "https://toy.example/api"


class Tag(BaseModel):
    id: str
    label: str | None = None


class Toy(WriteHelpers, HttpAdapter):
    name: ClassVar[str] = "toy"
    title: ClassVar[str] = "Toy"
    default_base_url: ClassVar[str | None] = BASE
    write_content_type = "application/x-toy+json"
    paging = LinkHeaderPaging("", max_size=10)
    resources = (
        Endpoints(
            Resource.TAG, Tag, RecordMap(TagRecord, {"id": At("id"), "name": At("label")}), get="/tags/{id}"
        ),
    )


def toy(answer: httpx.Response) -> tuple[Toy, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer

    return Toy(Connection("t", "toy"), httpx.AsyncClient(transport=httpx.MockTransport(record))), seen


async def test_a_write_is_sent_once_with_its_content_type_and_read_as_reads_read() -> None:
    adapter, seen = toy(httpx.Response(201, json={"id": "a", "label": "A"}))
    answer = await adapter.send("POST", "/tags", {"label": "A"}, Resource.TAG, "create", params={"x": "1"})
    (request,) = seen
    assert (request.method, str(request.url), json.loads(request.content)) == (
        "POST",
        f"{BASE}/tags?x=1",
        {"label": "A"},
    )
    assert request.headers["Content-Type"] == "application/x-toy+json"
    record, payload = adapter.written(Resource.TAG, answer, "tag")
    assert (record.id, getattr(record, "name", None), payload) == ("a", "A", Tag(id="a", label="A"))


async def test_an_empty_or_unreadable_answer() -> None:
    adapter, _ = toy(httpx.Response(204))
    assert await adapter.send("DELETE", "/tags/a", None, Resource.TAG, "delete", empty=True) is None
    with pytest.raises(ProviderResponseInvalid):
        await adapter.send("DELETE", "/tags/a", None, Resource.TAG, "delete")
    with pytest.raises(WriteOutcomeUnknown, match="Toy accepted the tag, but its result could not be read"):
        adapter.written(Resource.TAG, {"label": "no id"}, "tag")


async def test_a_server_error_is_one_attempt() -> None:
    adapter, seen = toy(httpx.Response(503))
    with pytest.raises(ProviderUnavailable):
        await adapter.send("POST", "/tags", {}, Resource.TAG, "create")
    assert len(seen) == 1


def test_an_id_that_cannot_be_a_path_segment_is_refused_as_its_field() -> None:
    adapter, _ = toy(httpx.Response(200))
    assert adapter.id_path(Resource.TAG, "/tags/{id}", "a b", "input.id") == "/tags/a%20b"
    with pytest.raises(WriteRefused) as caught:
        adapter.id_path(Resource.TAG, "/tags/{id}", "../x", "input.id")
    assert caught.value.field == "input.id"


async def test_a_reread_after_a_write() -> None:
    adapter, _ = toy(httpx.Response(200, json={"id": "a"}))
    assert (await adapter.reread(Resource.TAG, "a", "tag")).id == "a"
    missing, _ = toy(httpx.Response(404))
    with pytest.raises(WriteOutcomeUnknown, match="tag a is not found"):
        await missing.reread(Resource.TAG, "a", "tag")
