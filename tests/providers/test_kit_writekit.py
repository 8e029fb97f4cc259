"""The adapter side of writes (``kit/writekit.py``) on a toy adapter: one attempt per write,
ids refused as input before any call, answers read or else an unknown outcome."""

from __future__ import annotations

from typing import ClassVar

import httpx
import pytest

from providers.base import Connection
from providers.errors import (
    ProviderResponseInvalid,
    UnsupportedOperation,
    WriteOutcomeUnknown,
    WriteRefused,
)
from providers.kit.adapter import HttpAdapter
from providers.kit.mapping import At, RecordMap
from providers.kit.paging import OffsetPaging
from providers.kit.resources import Endpoints
from providers.kit.writekit import WriteKit, refusal
from providers.payload import WireModel
from providers.records import CandidateRecord, Resource

R = Resource


class Person(WireModel):
    id: str
    firstName: str | None = None


PERSON = RecordMap(CandidateRecord, {"id": At("id"), "first_name": At("firstName")})


class Toy(WriteKit, HttpAdapter):
    name: ClassVar[str] = "toy-writes"
    title: ClassVar[str] = "Toy"
    default_base_url: ClassVar[str | None] = "https://toy.example/api"
    paging = OffsetPaging(10)
    resources = (Endpoints(R.CANDIDATE, Person, PERSON, get="/people/{id}"),)


def toy(answer: httpx.Response) -> tuple[Toy, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.method == "GET":
            found = request.url.path.rsplit("/", 1)[1]
            return httpx.Response(404) if found == "gone" else httpx.Response(200, json={"id": found})
        return answer

    return Toy(Connection("t", "toy-writes"), httpx.AsyncClient(transport=httpx.MockTransport(handle))), seen


async def test_a_write_is_sent_once_and_its_answer_read_as_the_reads_read_it() -> None:
    adapter, seen = toy(httpx.Response(201, json={"id": "p1", "firstName": "Ada"}))
    ctx = adapter.ctx(R.CANDIDATE, "create")
    answer = await adapter.send_write("POST", "/people", ctx, json={"firstName": "Ada"})
    record = adapter.read_written(R.CANDIDATE, adapter.written(Person, answer, "new person", ctx))
    assert (record.id, record.first_name) == ("p1", "Ada")
    assert [r.method for r in seen] == ["POST"]


async def test_an_empty_answer_is_none_and_a_broken_one_an_unknown_outcome_when_named() -> None:
    adapter, _ = toy(httpx.Response(204))
    ctx = adapter.ctx(R.CANDIDATE, "update")
    assert await adapter.send_write("PUT", "/people/p1", ctx, json={}) is None
    broken, _ = toy(httpx.Response(200, content=b"<html>"))
    with pytest.raises(ProviderResponseInvalid):
        await broken.send_write("PUT", "/people/p1", ctx, json={})
    with pytest.raises(WriteOutcomeUnknown, match="Toy accepted the upload"):
        await broken.send_write("PUT", "/people/p1", ctx, json={}, what="upload")
    with pytest.raises(WriteOutcomeUnknown):
        adapter.written(Person, {"no": "id"}, "update", ctx)


async def test_ids_that_cannot_be_a_segment_are_refused_as_input() -> None:
    adapter, seen = toy(httpx.Response(200))
    ctx = adapter.ctx(R.CANDIDATE, "update")
    assert adapter.write_path("/people/{id}/jobs/{job}", {"id": "p 1", "job": "j"}, "input.id", ctx) == (
        "/people/p%201/jobs/j"
    )
    with pytest.raises(WriteRefused) as refused:
        adapter.write_path("/people/{id}", {"id": "../x"}, "input.id", ctx)
    assert refused.value.field == "input.id"
    assert refusal(ctx, "input.tags", "no").field == "input.tags"
    assert isinstance(adapter.write_unsupported(R.CANDIDATE, "upload", "no"), UnsupportedOperation)
    assert seen == []


async def test_a_record_is_read_back_or_the_outcome_is_unknown() -> None:
    adapter, _ = toy(httpx.Response(204))
    assert (await adapter.read_back(R.CANDIDATE, "p1", "move")).id == "p1"
    with pytest.raises(WriteOutcomeUnknown, match="candidate gone is not found"):
        await adapter.read_back(R.CANDIDATE, "gone", "move")
