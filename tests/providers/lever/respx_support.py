"""Helpers shared by the respx adapter tests."""

from __future__ import annotations

from typing import Any

import httpx
import respx

from .conftest import fixture

OPP = "6408dc54-7015-4e5b-8d60-23afff2b1efc"
CONTACT = "997fd432-94f6-4613-9fa8-c3d5bd49600b"
POSTING = "75ff237f-c221-4c26-8b23-faf395f5ea1c"


def params(call: Any) -> dict[str, list[str]]:
    request: httpx.Request = call.request
    out: dict[str, list[str]] = {}
    for key, value in request.url.params.multi_items():
        out.setdefault(key, []).append(value)
    return out


def ok(payload: Any) -> httpx.Response:
    return httpx.Response(200, json=payload)


def reasons_route(mock: respx.MockRouter) -> respx.Route:
    return mock.get("/archive_reasons").mock(return_value=ok(fixture("GET_archive_reasons.json")))


def expanded_opportunity(opp_id: str = OPP, contact: str = CONTACT, posting: str = POSTING) -> dict[str, Any]:
    opp: dict[str, Any] = fixture("GET_opportunities_id.json")["data"]
    app = fixture("GET_opportunities_id_applications_id.json")["data"]
    app["posting"] = posting
    opp.update(id=opp_id, contact=contact, applications=[app])
    return opp
