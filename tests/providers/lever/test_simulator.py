"""The Lever simulator: its responses have the shape (keys and JSON value types) of the real
payloads in the shared fixtures, it checks auth and pages like Lever, and a slow answer over a
real socket times out. The faults every simulator shares: tests/providers/contract."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn

from providers.errors import (
    ProviderAuthError,
    ProviderTimeout,
)
from providers.lever.simulator import SimulatorFaults
from providers.query import ListQuery
from providers.records import Resource

from .conftest import API_KEY, fixture, make_adapter
from .simulator_support import BASE, simulator, small_dataset, wired

pytestmark = pytest.mark.shared

Shape = Any


def shape(value: Any) -> Shape:
    """Keys and JSON types (a set per scalar; empty = null); list elements are merged. Lever's
    docs quote some millisecond timestamps ("1468953420000"): long digit strings are numbers."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        merged: Shape = None
        for item in value:
            merged = merge(merged, shape(item))
        return ("list", merged)
    if value is None:
        return frozenset()
    if isinstance(value, bool):
        return frozenset({"bool"})
    if isinstance(value, int | float) or (isinstance(value, str) and value.isdigit() and len(value) >= 12):
        return frozenset({"number"})
    return frozenset({"str"})


def merge(a: Shape, b: Shape) -> Shape:
    if a is None or a == frozenset():
        return b
    if b is None or b == frozenset():
        return a
    if isinstance(a, dict) and isinstance(b, dict):
        return {k: merge(a.get(k), b.get(k)) for k in a.keys() | b.keys()}
    if isinstance(a, tuple) and isinstance(b, tuple):
        return ("list", merge(a[1], b[1]))
    if isinstance(a, frozenset) and isinstance(b, frozenset):
        return a | b
    return frozenset({"mixed"})


def compatible(sim: Shape, real: Shape, where: str, optional: frozenset[str]) -> list[str]:
    """Differences; a key null on one side and typed on the other is fine, as is an empty list."""
    if sim is None or real is None or sim == frozenset() or real == frozenset():
        return []
    if isinstance(sim, dict) and isinstance(real, dict):
        problems = [
            f"{where}.{k}: {'missing' if k not in sim else 'unexpected'}"
            for k in sim.keys() ^ real.keys()
            if k not in optional
        ]
        for key in sim.keys() & real.keys():
            problems += compatible(sim[key], real[key], f"{where}.{key}", optional)
        return problems
    if isinstance(sim, tuple) and isinstance(real, tuple):
        return compatible(sim[1], real[1], f"{where}[]", optional)
    if isinstance(sim, frozenset) and isinstance(real, frozenset) and sim <= real:
        return []
    return [f"{where}: {sim} is not {real}"]


def fixture_shape(*names: str, unwrap: bool = False) -> Shape:
    merged: Shape = None
    for name in names:
        data = fixture(name)
        merged = merge(merged, shape(data["data"] if unwrap else data))
    return merged


@pytest.fixture(scope="module")
def dataset() -> Any:
    return small_dataset()


async def get(app: Any, path: str, **params: Any) -> Any:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE, auth=(API_KEY, "")) as client:
        response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


# Keys the documentation lists but the recorded examples lack (or the reverse).
OPTIONAL = frozenset(
    {
        "opportunityLocation",  # absent for opportunities without a posting location
        "salaryRange",  # only postings with a salary
        "gcalEventUrl",  # single-interview reads only
        "opportunityId",
        "gender",  # EEO answers (docs), absent from the recorded sandbox responses
        "race",
        "veteran",
        "disability",
        "approvedAt",  # offers (docs attribute list)
        "sentAt",
    }
)


async def test_list_and_object_shapes_match_the_fixtures(dataset: Any) -> None:
    app = simulator(dataset)
    opportunities = await get(app, "/opportunities", limit=2)
    opp = opportunities["data"][0]["id"]
    with_children: dict[str, str] = {}
    for kind in ("interviews", "feedback", "notes", "offers", "files"):
        for o in (await get(app, "/opportunities"))["data"]:
            if kind not in with_children and (await get(app, f"/opportunities/{o['id']}/{kind}"))["data"]:
                with_children[kind] = o["id"]
    posting = (await get(app, "/postings"))["data"][0]["id"]
    user = (await get(app, "/users"))["data"][0]["id"]
    checks: list[tuple[Any, Shape]] = [
        (opportunities, fixture_shape("GET_opportunities.json")),
        (await get(app, f"/opportunities/{opp}"), fixture_shape("GET_opportunities_id.json")),
        (
            (await get(app, f"/opportunities/{opp}", expand="applications"))["data"]["applications"][0],
            fixture_shape("GET_opportunities_id_applications_id.json", unwrap=True),
        ),
        (await get(app, "/postings"), fixture_shape("GET_postings.json")),
        (await get(app, f"/postings/{posting}"), fixture_shape("GET_postings_id.json")),
        (await get(app, f"/postings/{posting}/apply"), fixture_shape("GET_postings_id_apply.json")),
        (await get(app, "/users"), fixture_shape("GET_users.json")),
        (await get(app, f"/users/{user}"), fixture_shape("GET_users_id.json")),
        (await get(app, "/stages"), fixture_shape("GET_stages.json")),
        (await get(app, "/archive_reasons"), fixture_shape("GET_archive_reasons.json")),
        (await get(app, "/tags"), fixture_shape("GET_tags.json")),
        (await get(app, "/eeo/responses/pii"), fixture_shape("GET_eeo_responses_pii.json")),
        (
            await get(app, f"/opportunities/{with_children['interviews']}/interviews"),
            fixture_shape("GET_opportunities_id_interviews.json"),
        ),
        (
            (await get(app, f"/opportunities/{with_children['feedback']}/feedback"))["data"][0],
            fixture_shape("GET_opportunities_id_feedback_id.json", unwrap=True),
        ),
        (
            await get(app, f"/opportunities/{with_children['notes']}/notes"),
            fixture_shape("GET_opportunities_id_notes.json"),
        ),
        (
            await get(app, f"/opportunities/{with_children['offers']}/offers"),
            fixture_shape("GET_opportunities_id_offers.json"),
        ),
        (
            # the docs show /files as a bare array; the simulator uses the list envelope
            (await get(app, f"/opportunities/{with_children['files']}/files"))["data"],
            fixture_shape("GET_opportunities_id_files.json"),
        ),
    ]
    problems = [p for sim, real in checks for p in compatible(shape(sim), real, "$", OPTIONAL)]
    assert problems == [], "\n".join(problems)


async def test_pages_with_an_opaque_offset_token(dataset: Any) -> None:
    app = simulator(dataset)
    seen: list[str] = []
    params: dict[str, Any] = {"limit": 2}
    while True:
        page = await get(app, "/opportunities", **params)
        seen += [o["id"] for o in page["data"]]
        if not page["hasNext"]:
            assert "next" not in page
            break
        assert page["next"].startswith("%5B")  # URL-encoded JSON array, like Lever's
        params = {"limit": 2, "offset": page["next"]}
    assert seen == sorted(a.id for a in dataset.records(Resource.APPLICATION))


async def test_auth_is_checked(dataset: Any) -> None:
    app = simulator(dataset)
    async with wired(app, credentials={"api_key": "wrong-key"}) as adapter:
        with pytest.raises(ProviderAuthError):
            await adapter.list_users(ListQuery())
    async with wired(app, credentials={"access_token": "not-a-token"}) as adapter:
        with pytest.raises(ProviderAuthError):
            await adapter.list_users(ListQuery())


async def test_bearer_token_accepted(dataset: Any) -> None:
    from providers.lever.simulator import create_simulator

    app = create_simulator(dataset, credentials={"access_token": "tok-1"})
    async with wired(app, credentials={"access_token": "tok-1"}) as adapter:
        assert (await adapter.list_users(ListQuery())).records


@pytest.fixture
def served(dataset: Any) -> Iterator[tuple[str, SimulatorFaults]]:
    """The simulator on a loopback port (httpx's ASGI transport has no timeouts)."""
    faults = SimulatorFaults()
    config = uvicorn.Config(
        simulator(dataset, faults), host="127.0.0.1", port=0, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not (server.started and server.servers) and time.monotonic() < deadline:
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}/v1", faults
    server.should_exit = True
    thread.join(timeout=10)


async def test_faults_timeout_over_loopback(served: tuple[str, SimulatorFaults]) -> None:
    base_url, faults = served
    faults.timeout, faults.timeout_s = True, 1.0
    async with httpx.AsyncClient(timeout=0.2) as client:
        adapter = make_adapter(client, base_url=base_url)
        with pytest.raises(ProviderTimeout):
            await adapter.list_users(ListQuery())
        faults.timeout = False
        assert (await adapter.list_users(ListQuery())).records


async def test_no_rate_limit_headers_and_sizes_out_of_range_refused(dataset: Any) -> None:
    """Lever documents no rate-limit headers (only a 429's ``Retry-After``) and answers 400 to
    a ``limit`` outside 1-100, where the paging scheme would clamp it."""
    faults = SimulatorFaults(fail_next_n_with_status=(1, 429), retry_after_s=2)
    app = simulator(dataset, faults)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE, auth=(API_KEY, "")) as client:
        limited = await client.get("/users")
        ok = await client.get("/users")
        too_big = await client.get("/users", params={"limit": 101})
    assert (limited.status_code, limited.headers["Retry-After"]) == (429, "2")
    assert limited.json()["code"] == "TooManyRequests"
    assert ok.status_code == 200
    for response in (limited, ok):
        assert not [h for h in response.headers if "rate" in h.lower() or h.lower().startswith("x-")]
    assert (too_big.status_code, too_big.json()["code"]) == (400, "BadRequestError")
