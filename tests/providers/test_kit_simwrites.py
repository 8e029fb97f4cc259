"""Simulator write routes: the JSON object body, refusals in the provider's format, the guard."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from providers.errors import WriteRefused
from providers.kit.simserver import SimServer
from providers.kit.simulator import Refused
from providers.kit.simwrites import add_routes, json_write, typed, value_types


async def echo(_request: Request, body: dict[str, Any]) -> Response:
    if body.get("refuse") == "sim":
        raise Refused(404, "Not found")
    if body.get("refuse") == "sandbox":
        raise WriteRefused("no such stage")
    return JSONResponse({"got": body}, status_code=201)


async def test_json_write_routes_behind_the_guard() -> None:
    server = SimServer(
        authorized=lambda r: r.headers.get("x-key") == "k",
        rate_limit=5,
        rate_headers=("X-Limit", "X-Remaining", "X-Reset"),
    )
    app = server.app("/api", (), {})
    add_routes(app, server, "/api", [("POST", "/things", json_write(echo))])
    add_routes(
        app, server, "/api", [("PUT", "/other", json_write(echo, lambda s, m: {"errors": [m, s]}, 400))]
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://sim", headers={"x-key": "k"}) as c:
        ok = await c.post("/api/things", json={"a": 1})
        assert (ok.status_code, ok.json(), ok.headers["X-Limit"]) == (201, {"got": {"a": 1}}, "5")
        assert (await c.post("/api/things", content=b"{nope")).status_code == 400
        empty = await c.post("/api/things")
        assert (empty.status_code, empty.json()) == (422, {"error": "the body must be a JSON object"})
        assert (await c.post("/api/things", json={"refuse": "sim"})).status_code == 404
        refused = await c.post("/api/things", json={"refuse": "sandbox"})
        assert (refused.status_code, refused.json()) == (422, {"error": "no such stage"})
        other = await c.put("/api/other", json={"refuse": "sandbox"})
        assert (other.status_code, other.json()) == (400, {"errors": ["no such stage", 400]})
        assert (await c.post("/api/things", json={}, headers={"x-key": "bad"})).status_code == 401


def test_a_member_of_the_wrong_type_is_refused_and_null_is_none_given() -> None:
    types = {"name": str, "private": bool, "tags": list, "count": int}
    typed({"name": "Ada", "private": False, "tags": [], "count": 0, "other": 3}, types)
    typed({"name": None}, types)
    typed({}, types)
    for key, wrong, says in (
        ("name", 3, "name must be text"),
        ("name", ["Ada"], "name must be text"),
        ("private", "yes", "private must be true or false"),
        ("tags", "a", "tags must be a list"),
        ("count", True, "count must be int"),  # a bool is no number
    ):
        with pytest.raises(Refused) as caught:
            typed({key: wrong}, types, 422, "/data/attributes/{}")
        refused = caught.value
        assert (refused.status, refused.message, refused.pointer) == (422, says, f"/data/attributes/{key}")
    with pytest.raises(Refused) as caught:
        typed({"name": 3}, types)
    assert (caught.value.status, caught.value.pointer) == (400, None)


def test_a_contact_list_is_value_type_pairs_of_text() -> None:
    items = [{"value": "+1 555", "type": "work"}, {"value": "x@y.z", "type": None}, {"value": "v"}]
    assert value_types({"phones": items}, "phones") == items
    assert value_types({"phones": []}, "phones") == []
    for wrong in (None, "+1 555", {"value": "+1"}, [{"value": 5}], [{"value": "a", "type": 3}], ["a"]):
        with pytest.raises(Refused) as caught:
            value_types({"phones": wrong}, "phones", 422, "phones")
        refused = caught.value
        assert (refused.status, refused.message, refused.pointer) == (
            422,
            "phones must be a list of {value, type}",
            "phones",
        )
