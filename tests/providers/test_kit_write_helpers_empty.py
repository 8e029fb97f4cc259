"""``WriteHelpers``: what a writes mixin is made of (refusal, one-attempt send, escaped path,
unknown outcome)."""

from __future__ import annotations

from typing import ClassVar

import httpx
import pytest

from providers.base import Connection
from providers.errors import WriteOutcomeUnknown, WriteRefused
from providers.kit.adapter import HttpAdapter
from providers.kit.mapping import At, RecordMap
from providers.kit.paging import OffsetPaging
from providers.kit.resources import Endpoints
from providers.kit.writing import WriteHelpers
from providers.payload import WireModel
from providers.records import CandidateRecord, Resource


class Person(WireModel):
    id: str


class Toy(WriteHelpers, HttpAdapter):
    name: ClassVar[str] = "toy"
    title: ClassVar[str] = "Toy"
    default_base_url: ClassVar[str | None] = "http://toy.sim/api"
    paging = OffsetPaging(max_size=10)
    resources = (Endpoints(Resource.CANDIDATE, Person, RecordMap(CandidateRecord, {"id": At("id")})),)


def toy(answers: list[httpx.Response], seen: list[httpx.Request]) -> Toy:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answers.pop(0)

    client = httpx.AsyncClient(transport=httpx.MockTransport(handle))
    return Toy(Connection(name="c", provider="toy"), http=client)


async def test_send_is_one_attempt_and_decodes_the_answer() -> None:
    seen: list[httpx.Request] = []
    a = toy([httpx.Response(201, json={"id": "1"}), httpx.Response(200)], seen)
    assert await a.send("POST", "/people", {"x": 1}, Resource.CANDIDATE, "create", empty=True) == {"id": "1"}
    assert await a.send("PUT", "/people/1", {}, Resource.CANDIDATE, "update", empty=True) is None
    assert [(r.method, r.url.path, r.content) for r in seen] == [
        ("POST", "/api/people", b'{"x":1}'),
        ("PUT", "/api/people/1", b"{}"),
    ]


def test_paths_refusals_and_unknown_outcomes() -> None:
    a = toy([], [])
    assert a.id_path(Resource.CANDIDATE, "/people/{id}/move", "a b", "input.id") == "/people/a%20b/move"
    with pytest.raises(WriteRefused) as refused:
        a.id_path(Resource.CANDIDATE, "/people/{id}", "..", "input.id")
    assert (refused.value.field, refused.value.provider) == ("input.id", "toy")
    unknown = a.outcome_unknown("move (person 1)", "no body")
    assert isinstance(unknown, WriteOutcomeUnknown)
    assert unknown.message == "Toy accepted the move (person 1), but its result could not be read (no body)"
