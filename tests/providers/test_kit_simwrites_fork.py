"""A simulator's write endpoints (``kit/simwrites.py``): bodies read, the shared dataset forked
on the first write, refusals answered in the provider's error format."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from providers.kit.forms import FormPart
from providers.kit.simserver import SimServer
from providers.kit.simulator import Refused
from providers.kit.simwrites import Body, SimWrites, form_file, form_text, text_list
from providers.records import Resource
from providers.sandbox import Dataset, generate
from providers.sandbox.writes import SandboxWriter
from providers.writes import TagChange


class Holder:
    def __init__(self, data: Dataset) -> None:
        self.data = data


def tag(request: Request, body: Body, w: SandboxWriter) -> Response:
    person = w.change_tags(TagChange(request.path_params["id"], text_list(body, "tags")), add=True)
    return JSONResponse({"tags": list(person.tag_ids)})


def upload(request: Request, body: Body, w: SandboxWriter) -> Response:
    return JSONResponse({"parts": sorted(body)})


def app() -> tuple[Any, Holder, list[str]]:
    holder = Holder(generate(3, 5))
    server = SimServer(
        authorized=lambda _r: True,
        rate_limit=100,
        rate_headers=("L", "R", "S"),
        error=lambda status, message: {"status": status, "message": message},
    )
    calls: list[str] = []
    writes = SimWrites(holder, server, "toy", changed=lambda: calls.append("changed"))
    made = server.app("", (), {})
    writes.mount(
        made,
        [
            ("POST", "/people/{id}/tags", writes.endpoint(tag)),
            ("POST", "/files", writes.endpoint(upload, form=True)),
        ],
    )
    return made, holder, calls


@pytest.fixture
def sim() -> Any:
    return app()


async def test_a_write_forks_the_shared_dataset_and_tells_the_renderer(sim: Any) -> None:
    made, holder, calls = sim
    shared = holder.data
    person = shared.records(Resource.CANDIDATE)[0].id
    async with httpx.AsyncClient(transport=httpx.ASGITransport(made), base_url="http://sim") as client:
        answer = await client.post(f"/people/{person}/tags", json={"tags": ["vip"]})
    assert answer.status_code == 200
    assert (holder.data is not shared and shared.writable is not False) or holder.data.writable
    assert calls == ["changed", "changed"]  # the fork, then the write


async def test_refusals_are_the_providers_errors(sim: Any) -> None:
    made, holder, _ = sim
    person = holder.data.records(Resource.CANDIDATE)[0].id
    async with httpx.AsyncClient(transport=httpx.ASGITransport(made), base_url="http://sim") as client:
        broken = await client.post(f"/people/{person}/tags", content=b"{")
        wrong = await client.post(f"/people/{person}/tags", json={"tags": "vip"})
        array = await client.post(f"/people/{person}/tags", json=[1])
        unknown = await client.post("/people/nobody/tags", json={"tags": ["vip"]})
        form = await client.post("/files", content=b"x", headers={"content-type": "text/plain"})
        parts = await client.post("/files", files={"file": ("a.txt", b"hi")}, data={"kind": "x"})
    assert broken.json() == {"status": 400, "message": "The body is not JSON"}
    assert wrong.json() == {"status": 400, "message": "tags must be a list of names"}
    assert array.json()["message"] == "The body must be a JSON object"
    assert unknown.status_code == 400  # the sandbox's refusal
    assert form.json()["message"] == "The body must be multipart/form-data"
    assert parts.json() == {"parts": ["file", "kind"]}


def test_text_list_refuses_anything_else() -> None:
    assert text_list({"tags": ["a", "b"]}, "tags") == ("a", "b")
    with pytest.raises(Refused):
        text_list({"tags": [1]}, "tags")
    with pytest.raises(Refused) as refused:  # a provider refusing it with its own status
        text_list({}, "tags", 422)
    assert (refused.value.status, refused.value.message) == (422, "tags must be a list of names")
    assert refused.value.pointer is None
    with pytest.raises(Refused) as refused:  # and saying where the value is
        text_list({"tags": "a"}, "tags", 422, "/data/attributes/tags")
    assert refused.value.pointer == "/data/attributes/tags"


def test_form_parts_are_checked() -> None:
    kind = FormPart("kind", None, "text/plain", b"GENERIC")
    file = FormPart("file", "a.txt", "text/plain", b"hi")
    assert form_text({"kind": kind}, "kind", {"GENERIC"}) == "GENERIC"
    assert form_file({"file": file}) is file
    with pytest.raises(Refused, match="kind must be one of"):
        form_text({"kind": kind}, "kind", {"OTHER"})
    with pytest.raises(Refused, match="a file part is required"):
        form_file({"file": kind})
