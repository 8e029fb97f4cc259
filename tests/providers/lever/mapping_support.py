"""Helpers shared by the golden mapping tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from providers.http import CallContext, parse
from providers.lever.payloads import LeverOpportunity

from .conftest import fixture

CTX = CallContext("lever", "test")
HIRED = "0092d31b-502b-4f0d-b4da-3827e1a2991f"
TIMING = "c97322d4-a7f3-4008-948c-4f8e9c58d372"
MULTI_CONTACT = "1419004b-c860-4c8f-a46a-4a5a9cccdee6"


def utc(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def reason_types() -> dict[str, str]:
    return {r["id"]: r["type"] for r in fixture("GET_archive_reasons.json")["data"]}


def opportunities() -> list[LeverOpportunity]:
    opps: list[LeverOpportunity] = parse(
        list[LeverOpportunity], fixture("GET_opportunities.json")["data"], CTX
    )
    return opps


def single(name: str) -> dict[str, Any]:
    data: dict[str, Any] = fixture(name)["data"]
    return data


def opportunity() -> LeverOpportunity:
    opp: LeverOpportunity = parse(LeverOpportunity, single("GET_opportunities_id.json"), CTX)
    return opp
