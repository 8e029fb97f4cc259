"""``kit/rpc.py``: RPC-style reads (one call per id, the id in the body), error codes to typed
errors, and the simulator's one ``/{method}`` route."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Route

from providers.base import Connection
from providers.errors import ProviderAuthError, ProviderNotFound, ProviderResponseInvalid
from providers.http import CallContext
from providers.kit.adapter import HttpAdapter
from providers.kit.forms import FormPart
from providers.kit.mapping import At, RecordMap
from providers.kit.paging import OffsetPaging
from providers.kit.resources import Endpoints
from providers.kit.rpc import RpcRefused, error_for_codes, get_by_body, rpc_handler
from providers.kit.simserver import SimServer
from providers.payload import WireModel
from providers.records import Resource, TagRecord
from providers.simulation import timed_transport

CTX = CallContext("toy", "main")
TABLE = ((("unauthenticated",), ProviderAuthError), (("not_found",), ProviderNotFound))


class Tag(WireModel):
    id: str
    title: str | None = None


class Rpc(HttpAdapter):
    name: ClassVar[str] = "rpc"
    paging = OffsetPaging(max_size=10)
    resources = (Endpoints(Resource.TAG, Tag, RecordMap(TagRecord, {"id": At("id"), "name": At("title")})),)
    get_tags = get_by_body(Resource.TAG, "tag.info", "tagId", expand=True)
    sent: ClassVar[list[tuple[str, Mapping[str, Any]]]] = []

    async def call(self, path: str, ctx: CallContext, params: Mapping[str, Any] | None = None) -> Any:
        self.sent.append((path, dict(params or {})))
        if params and params["tagId"] == "gone":
            raise ctx.error(ProviderNotFound, "none")
        return {"id": (params or {})["tagId"], "title": "T"}, None


async def test_a_get_is_one_call_per_id_with_the_id_in_the_body() -> None:
    adapter = Rpc(Connection("r", "rpc", credentials={}))
    found: Sequence[Any] = await adapter.get_many(Resource.TAG, ["a", "gone"])
    assert found == [TagRecord(id="a", name="T", remote_id="a", remote_data={"id": "a", "title": "T"}), None]
    assert Rpc.sent == [
        ("tag.info", {"tagId": "a", "expand": True}),
        ("tag.info", {"tagId": "gone", "expand": True}),
    ]
    await adapter.aclose()


def test_error_codes_become_the_typed_error_the_table_names() -> None:
    auth = error_for_codes(["API_KEY_unauthenticated"], TABLE, CTX)
    assert isinstance(auth, ProviderAuthError)
    assert "refused by the provider (API_KEY_unauthenticated)" in str(auth)
    assert isinstance(error_for_codes(["candidate_not_found"], TABLE, CTX), ProviderNotFound)
    other = error_for_codes(["", "invalid_input"], TABLE, CTX)
    assert type(other) is ProviderResponseInvalid
    assert "rejected the request (invalid_input)" in str(other)
    assert "unknown_error" in str(error_for_codes([], TABLE, CTX))


@pytest.fixture
def served() -> tuple[httpx.AsyncClient, SimServer]:
    server = SimServer(authorized=lambda _r: True, rate_limit=100, rate_headers=("L", "R", "S"))

    def echo(body: dict[str, Any]) -> Any:
        if body.get("refuse"):
            raise RpcRefused("no_way")
        return {
            "ok": True,
            "body": {k: v.file_name if isinstance(v, FormPart) else v for k, v in body.items()},
        }

    def total(body: dict[str, Any]) -> Any:
        return {"ok": True, "total": sum(body.get("values", []))}

    handler = rpc_handler(
        server,
        {"thing.echo": echo, "thing.total": total},
        lambda code: {"ok": False, "errors": [code]},
        malformed=lambda method, answer: {"broken": method},
    )
    app = Starlette(routes=[Route("/{method}", server.guarded(handler), methods=["POST"])])
    return httpx.AsyncClient(transport=timed_transport(app), base_url="https://rpc.test"), server


async def test_the_rpc_route_dispatches_bodies_and_refuses_bad_ones(
    served: tuple[httpx.AsyncClient, SimServer],
) -> None:
    client, server = served
    async with client:
        ok = await client.post("/thing.echo", json={"a": 1})
        assert ok.json() == {"ok": True, "body": {"a": 1}}
        assert (await client.post("/thing.echo")).json() == {"ok": True, "body": {}}
        form = await client.post("/thing.echo", data={"id": "c1"}, files={"file": ("cv.pdf", b"%PDF")})
        assert form.json() == {"ok": True, "body": {"id": "c1", "file": "cv.pdf"}}
        for bad in (b"[1]", b"{not json"):
            refused = await client.post("/thing.echo", content=bad)
            assert refused.status_code == 200
            assert refused.json() == {"ok": False, "errors": ["invalid_input"]}
        assert (await client.post("/thing.echo", json={"refuse": 1})).json() == {
            "ok": False,
            "errors": ["no_way"],
        }
        assert (await client.post("/thing.total", json={"values": [1, 2]})).json() == {"ok": True, "total": 3}
        for wrong in ({"values": ["a", 1]}, {"values": 3}):  # the method's TypeError: the body's fault
            refused = await client.post("/thing.total", json=wrong)
            assert refused.json() == {"ok": False, "errors": ["invalid_input"]}
        assert (await client.post("/thing.nope", json={})).status_code == 404
        server.faults.malformed_pages = True
        assert (await client.post("/thing.echo", json={})).json() == {"broken": "thing.echo"}
