"""The kit's write helpers (``kit/writing.py``): one attempt, refusals naming their field, the
answer read as reads read it, and an unreadable answer after a 2xx an unknown outcome; ids
refused as input before any call, uploads as forms, a record read back after a write."""

from __future__ import annotations

import json
from typing import ClassVar

import httpx
import pytest
from pydantic import BaseModel

from providers.base import Connection
from providers.errors import (
    ProviderResponseInvalid,
    ProviderUnavailable,
    UnsupportedOperation,
    WriteOutcomeUnknown,
    WriteRefused,
)
from providers.http import Multipart
from providers.kit.adapter import HttpAdapter
from providers.kit.mapping import At, Fn, RecordMap
from providers.kit.paging import LinkHeaderPaging, OffsetPaging
from providers.kit.resources import Endpoints
from providers.kit.writing import WriteHelpers, write_refusal
from providers.payload import WireModel
from providers.records import CandidateRecord, Resource, TagRecord

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


async def test_an_upload_is_a_form_with_its_own_content_type() -> None:
    adapter, seen = toy(httpx.Response(201, json={"id": "f"}))
    form = Multipart("file", "cv.pdf", b"%PDF", "application/pdf", fields={"kind": "cv"})
    assert await adapter.send("POST", "/files", None, Resource.TAG, "upload", multipart=form) == {"id": "f"}
    (request,) = seen
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert b'name="kind"' in request.content
    assert b"%PDF" in request.content


# -- the same on a toy whose records are read back by id (``GET /people/{id}``) ----------------------


class Person(WireModel):
    id: str
    firstName: str | None = None


PERSON = RecordMap(
    CandidateRecord,
    {
        "id": At("id"),
        "first_name": At("firstName"),
        "last_name": Fn(lambda _p, ctx: ctx.get("parent")),
    },
)


class Reader(WriteHelpers, HttpAdapter):
    name: ClassVar[str] = "toy-writes"
    title: ClassVar[str] = "Toy"
    default_base_url: ClassVar[str | None] = "https://toy.example/api"
    paging = OffsetPaging(10)
    resources = (Endpoints(Resource.CANDIDATE, Person, PERSON, get="/people/{id}"),)


def reader(answer: httpx.Response) -> tuple[Reader, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.method == "GET":
            found = request.url.path.rsplit("/", 1)[1]
            return httpx.Response(404) if found == "gone" else httpx.Response(200, json={"id": found})
        return answer

    client = httpx.AsyncClient(transport=httpx.MockTransport(handle))
    return Reader(Connection("t", "toy-writes"), client), seen


async def test_a_write_is_sent_once_and_its_answer_read_as_the_reads_read_it() -> None:
    adapter, seen = reader(httpx.Response(201, json={"id": "p1", "firstName": "Ada"}))
    answer = await adapter.send("POST", "/people", {"firstName": "Ada"}, Resource.CANDIDATE, "create")
    record, _ = adapter.written(Resource.CANDIDATE, answer, "new person")
    assert isinstance(record, CandidateRecord)
    assert (record.id, record.first_name, record.last_name) == ("p1", "Ada", None)
    assert [r.method for r in seen] == ["POST"]
    # ``at``: what a read under a parent knows
    under, _ = adapter.written(Resource.CANDIDATE, answer, "new person", at={"parent": "team"})
    assert isinstance(under, CandidateRecord)
    assert under.last_name == "team"


async def test_an_empty_answer_is_none_and_a_broken_one_an_unknown_outcome_when_named() -> None:
    adapter, _ = reader(httpx.Response(204))
    put = ("PUT", "/people/p1", None, Resource.CANDIDATE, "update")
    assert await adapter.send(*put, empty=True) is None
    broken, _ = reader(httpx.Response(200, content=b"<html>"))
    with pytest.raises(ProviderResponseInvalid):
        await broken.send(*put, empty=True)
    with pytest.raises(WriteOutcomeUnknown, match="Toy accepted the upload"):
        await broken.send(*put, empty=True, what="upload")
    with pytest.raises(WriteOutcomeUnknown):
        adapter.written(Resource.CANDIDATE, {"no": "id"}, "update")


async def test_ids_that_cannot_be_a_segment_are_refused_as_input() -> None:
    adapter, seen = reader(httpx.Response(200))
    path = adapter.id_path(Resource.CANDIDATE, "/people/{id}/jobs/{job}", "p 1", "input.id", ids={"job": "j"})
    assert path == "/people/p%201/jobs/j"
    with pytest.raises(WriteRefused) as refused:
        adapter.id_path(Resource.CANDIDATE, "/people/{id}", "../x", "input.id")
    assert refused.value.field == "input.id"
    with pytest.raises(WriteRefused) as refused:
        adapter.id_path(Resource.CANDIDATE, "/people/{id}/jobs/{job}", "p1", "input.jobId", ids={"job": ".."})
    assert refused.value.field == "input.jobId"
    ctx = adapter.ctx(Resource.CANDIDATE, "update")
    assert write_refusal(ctx, "no", "input.tags").field == "input.tags"
    assert isinstance(adapter.unsupported(Resource.CANDIDATE, "upload", "no"), UnsupportedOperation)
    assert seen == []


async def test_a_record_is_read_back_or_the_outcome_is_unknown() -> None:
    adapter, _ = reader(httpx.Response(204))
    assert (await adapter.reread(Resource.CANDIDATE, "p1", "move")).id == "p1"
    with pytest.raises(WriteOutcomeUnknown, match="candidate gone is not found"):
        await adapter.reread(Resource.CANDIDATE, "gone", "move")
    with pytest.raises(WriteOutcomeUnknown, match=r"the move, .* \(it has left\)"):
        await adapter.reread(Resource.CANDIDATE, "gone", "move", missing="it has left")
