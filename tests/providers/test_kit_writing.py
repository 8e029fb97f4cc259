"""``kit/writing.py``: the errors a write raises and its one upstream request."""

from __future__ import annotations

import json
from typing import ClassVar

import httpx
import pytest

from providers.base import Connection
from providers.errors import ProviderError, WriteOutcomeUnknown, WriteRefused
from providers.kit.adapter import HttpAdapter
from providers.kit.paging import OffsetPaging
from providers.kit.writing import keep_embedded, keep_record, send_write, write_refused, write_unknown
from providers.records import ApplicationRecord, CandidateRecord, JobRecord, Resource


class Writer(HttpAdapter):
    name: ClassVar[str] = "writer"
    title: ClassVar[str] = "Writer"
    default_base_url: ClassVar[str | None] = "http://writer.sim/api"
    paging = OffsetPaging(max_size=100)


def test_the_errors_name_the_provider_the_connection_and_the_field() -> None:
    a = Writer(Connection("main", "writer"), httpx.AsyncClient())
    refused = write_refused(a, "input.stageId", "no such stage")
    assert isinstance(refused, WriteRefused)
    assert (refused.message, refused.field, refused.provider, refused.connection) == (
        "no such stage",
        "input.stageId",
        "writer",
        "main",
    )
    unknown = write_unknown(a, "status change", "timed out", "application 7")
    assert isinstance(unknown, WriteOutcomeUnknown)
    assert (
        unknown.message
        == "Writer accepted the status change (application 7), but its result could not be read (timed out)"
    )
    assert "()" not in write_unknown(a, "note", "no id").message


@pytest.mark.parametrize(("answer", "decoded"), [(b'{"id": 3}', {"id": 3}), (b"", None), (b"  ", None)])
async def test_one_write_is_sent_once_and_its_answer_decoded(answer: bytes, decoded: object) -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=answer)

    async with httpx.AsyncClient(transport=httpx.MockTransport(handle)) as client:
        a = Writer(Connection("main", "writer"), client)
        ctx = a.ctx(Resource.APPLICATION, "update")
        found = await send_write(a, "PUT", "/things/1", {"a": 1}, ctx, headers={"X-As": "me"})
    assert found == decoded
    (request,) = seen
    assert request.method == "PUT"
    assert request.url.path == "/api/things/1"
    assert json.loads(request.content) == {"a": 1}
    assert request.headers["X-As"] == "me"


async def test_a_failed_write_is_not_retried() -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(503)

    async with httpx.AsyncClient(transport=httpx.MockTransport(handle)) as client:
        a = Writer(Connection("main", "writer"), client)
        with pytest.raises(ProviderError):
            await send_write(a, "POST", "/things", {}, a.ctx(Resource.APPLICATION, "create"))
    assert len(seen) == 1


def test_a_kept_table_takes_the_written_record() -> None:
    a = Writer(Connection("main", "writer"), httpx.AsyncClient())
    one, two = CandidateRecord(id="1", remote_id="1", name="One"), CandidateRecord(id="2", remote_id="2")
    keep_record(a, "people", one)  # nothing kept: nothing to change
    assert a.tables.peek("people") is None
    a.tables.put("people", [one, two])
    renamed = one.model_copy(update={"name": "Uno"})
    keep_record(a, "people", renamed)
    keep_record(a, "people", CandidateRecord(id="3", remote_id="3"))
    assert [(c.id, c.name) for c in a.tables.peek("people") or []] == [("1", "Uno"), ("2", None), ("3", None)]


def test_a_kept_table_takes_the_written_record_where_its_records_embed_it() -> None:
    a = Writer(Connection("main", "writer"), httpx.AsyncClient())
    app = ApplicationRecord(id="7", remote_id="7", current_stage_id="old")
    other = ApplicationRecord(id="8", remote_id="8")
    job = JobRecord(id="7", remote_id="7")  # another resource's record with the same id stays
    people = [
        CandidateRecord(id="1", remote_id="1", embedded=(job, app)),
        CandidateRecord(id="2", remote_id="2", embedded=(other,)),
    ]
    a.tables.put("people", people)
    keep_embedded(a, "people", app.model_copy(update={"current_stage_id": "new"}))
    first, second = a.tables.peek("people") or []
    assert first.embedded[0] is job
    assert first.embedded[1].current_stage_id == "new"
    assert second is people[1]
