"""The Ashby simulator: Ashby's wire shapes (compared with the recorded fixtures), paging,
auth, rate-limit headers and its own fault quirks, driven through the real adapter. The faults
every simulator shares: tests/providers/contract."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest

from providers.ashby.simulator import SimulatorFaults, encode_id
from providers.errors import (
    ProviderResponseInvalid,
)
from providers.query import Filter, ListQuery
from providers.records import Resource
from tests.shared import load_fixture

from .simulated import SIM_KEY, connected, small_dataset

DATA = small_dataset()


def auth() -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{SIM_KEY}:".encode()).decode()}


# -- shape: keys and JSON value types, against the recorded payloads -------------------------


def shape(value: Any) -> Any:
    """A value's JSON shape; list items merged (union of keys); None matches anything."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        merged: Any = None
        for item in value:
            merged = merge(merged, shape(item))
        return ("list", merged)
    assert isinstance(value, dict)
    return {k: shape(v) for k, v in value.items()}


def merge(a: Any, b: Any) -> Any:
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, dict) and isinstance(b, dict):
        return {k: merge(a.get(k), b.get(k)) for k in a.keys() | b.keys()}
    if isinstance(a, tuple) and isinstance(b, tuple):
        return ("list", merge(a[1], b[1]))
    return a if a == b else f"{a}|{b}"


def differences(expected: Any, actual: Any, path: str = "$") -> list[str]:
    if expected is None or actual is None:
        return []
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = [f"{path}.{k}: missing" for k in sorted(expected.keys() - actual.keys())]
        out += [f"{path}.{k}: not in the recording" for k in sorted(actual.keys() - expected.keys())]
        for k in sorted(expected.keys() & actual.keys()):
            out += differences(expected[k], actual[k], f"{path}.{k}")
        return out
    if isinstance(expected, tuple) and isinstance(actual, tuple):
        return differences(expected[1], actual[1], f"{path}[]")
    return [] if expected == actual else [f"{path}: {expected} != {actual}"]


def _id(resource: Resource) -> str:
    return encode_id(DATA.records(resource)[0].id)


def _posting_with_address() -> str:
    """A posting whose office has a full postal address, like the recorded one."""
    offices = DATA.by_id(Resource.OFFICE)
    for job in DATA.records(Resource.JOB):
        office = offices[job.office_ids[0]]  # type: ignore[attr-defined]
        if len((office.location or "").split(", ")) >= 2:  # type: ignore[attr-defined]
            return encode_id(f"post_{job.id}")
    raise AssertionError("no job with an addressed office in the dataset")


SHAPE_CASES = {
    # fixture: (RPC method, request body)
    "POST_candidate.list.json": ("candidate.list", {"limit": 5}),
    "POST_candidate.info.json": ("candidate.info", {"id": _id(Resource.CANDIDATE)}),
    "POST_application.list.json": ("application.list", {"limit": 5}),
    "POST_application.info.json": ("application.info", {"applicationId": _id(Resource.APPLICATION)}),
    "POST_job.list.json": ("job.list", {}),
    "POST_job.info.json": ("job.info", {"id": _id(Resource.JOB)}),
    "POST_jobPosting.list.json": ("jobPosting.list", {}),
    "POST_jobPosting.info.json": ("jobPosting.info", {"jobPostingId": _posting_with_address()}),
    "POST_department.list.json": ("department.list", {}),
    "POST_department.info.json": ("department.info", {"departmentId": _id(Resource.DEPARTMENT)}),
    "POST_user.list.json": ("user.list", {}),
    "POST_user.info.json": ("user.info", {"userId": _id(Resource.USER)}),
    "ERROR_example.json": ("candidate.info", {"id": encode_id("cand_none")}),
}

ALLOWED: dict[str, set[str]] = {
    # The recorded candidate.info record has no location; candidate.list records carry one.
    "POST_candidate.info.json": {"$.results.location: not in the recording"},
    # Keys the OpenAPI spec documents that the redacted recording happens not to show.
    "POST_jobPosting.info.json": {
        "$.results.applicationFormDefinition.sections[].title: not in the recording",
        "$.results.address.postalAddress.addressRegion: not in the recording",
        # linkedData: the recording's rich-results extras (identifier, hiringOrganization,
        # jobLocation, employmentType, baseSalary, directApply) are optional schema.org data.
        "$.results.linkedData.baseSalary: missing",
        "$.results.linkedData.directApply: missing",
        "$.results.linkedData.employmentType: missing",
        "$.results.linkedData.hiringOrganization: missing",
        "$.results.linkedData.identifier: missing",
        "$.results.linkedData.jobLocation: missing",
    },
}


@pytest.mark.shared
@pytest.mark.parametrize("fixture", sorted(SHAPE_CASES))
async def test_responses_have_the_recorded_shape(fixture: str) -> None:
    method, body = SHAPE_CASES[fixture]
    recorded = load_fixture("ashby", fixture)
    async with connected(DATA) as (_, client):
        response = await client.post(f"/{method}", json=body, headers=auth())
    assert response.status_code == 200
    found = differences(shape(recorded), shape(response.json()))
    assert sorted(set(found) - ALLOWED.get(fixture, set())) == []


# -- protocol ---------------------------------------------------------------------------------


async def test_paging_walks_every_candidate_once_and_ends_with_a_sync_token() -> None:
    async with connected(DATA) as (adapter, client):
        seen: list[str] = []
        cursor: str | None = None
        pages = 0
        while True:
            page = await adapter.list_candidates(ListQuery(page_size=5, cursor=cursor))
            seen += [r.id for r in page.records]
            pages += 1
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        last = (
            await client.post("/candidate.list", json={"limit": 5, "cursor": cursor}, headers=auth())
        ).json()
    assert pages == 3
    assert seen == [encode_id(c.id) for c in DATA.records(Resource.CANDIDATE)]
    assert last["moreDataAvailable"] is False
    assert last["syncToken"]


async def test_rate_limit_headers_and_basic_auth() -> None:
    async with connected(DATA) as (_, client):
        ok = await client.post("/user.list", json={}, headers=auth())
        refused = await client.post("/user.list", json={})
    assert ok.headers["x-ratelimit-limit"] == "1000"
    assert int(ok.headers["x-ratelimit-remaining"]) < 1000
    assert refused.status_code == 401


async def test_no_rate_window_is_announced() -> None:
    """Ashby documents no window: the count only goes down and no reset is sent (else an
    exhausted count would make the adapter wait for a reset that never comes)."""
    async with connected(DATA) as (_, client):
        first, second = [await client.post("/user.list", json={}, headers=auth()) for _ in range(2)]
        unknown = await client.post("/nothing.list", json={}, headers=auth())
    remaining = [int(r.headers["x-ratelimit-remaining"]) for r in (first, second)]
    assert remaining[1] == remaining[0] - 1
    assert all("x-ratelimit-reset" not in r.headers for r in (first, second, unknown))
    assert first.headers["x-ashby-request-id"] != second.headers["x-ashby-request-id"]
    assert (unknown.status_code, unknown.json()) == (404, {"success": False, "errors": ["not_found"]})


async def test_unknown_ids_are_none_and_filters_apply() -> None:
    job = DATA.records(Resource.JOB)[0]
    async with connected(DATA) as (adapter, _):
        assert await adapter.get_candidates([encode_id("cand_nobody")]) == [None]
        by_job = await adapter.list_applications(ListQuery(Filter(job_id=encode_id(job.id))))
        candidate = DATA.records(Resource.CANDIDATE)[0]
        email = candidate.emails[0].email  # type: ignore[attr-defined]
        found = await adapter.list_candidates(ListQuery(Filter(email=email.upper())))
    expected = [a.id for a in DATA.records(Resource.APPLICATION) if a.job_id == job.id]  # type: ignore[attr-defined]
    assert [r.id for r in by_job.records] == [encode_id(a) for a in expected]
    assert [r.id for r in found.records] == [encode_id(candidate.id)]


# -- Ashby's own fault quirks (the shared faults: tests/providers/contract) ---------------------


async def test_malformed_pages_are_invalid_responses() -> None:
    faults = SimulatorFaults(malformed_pages=True)
    async with connected(DATA, faults) as (adapter, _):
        with pytest.raises(ProviderResponseInvalid):
            await adapter.list_candidates(ListQuery())
        # Single-record reads are not pages: they still parse.
        (found,) = await adapter.get_candidates([encode_id(DATA.records(Resource.CANDIDATE)[0].id)])
    assert found is not None


async def test_transport_reports_timeouts_as_httpx_does() -> None:
    async with connected(DATA, SimulatorFaults(timeout=True), client_timeout=0.01) as (_, client):
        with pytest.raises(httpx.ReadTimeout):
            await client.post("/user.list", json={}, headers=auth())


@pytest.mark.parametrize(
    ("resource", "method"),
    [
        (Resource.INTERVIEW, "list_interviews_by_candidate_ids"),
        (Resource.OFFER, "list_offers_by_candidate_ids"),
        (Resource.SCORECARD, "list_scorecards_by_candidate_ids"),
        (Resource.APPLICATION, "list_applications_by_candidate_ids"),
    ],
)
async def test_children_by_candidate_match_the_sandbox(resource: Resource, method: str) -> None:
    candidates = [c.id for c in DATA.records(Resource.CANDIDATE)]
    async with connected(DATA) as (adapter, _):
        by_candidate = await getattr(adapter, method)([encode_id(c) for c in candidates])
    expected = DATA.children(resource, "candidate")
    for c in candidates:
        got = sorted(r.id for r in by_candidate[encode_id(c)])
        assert got == sorted(encode_id(r.id) for r in expected.get(c, ())), c
