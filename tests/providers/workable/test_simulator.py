"""The Workable simulator: wire shape against the recorded payloads, auth, paging, enforced rate
limits. The faults every simulator shares: tests/providers/contract."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from providers.query import Filter, ListQuery
from providers.records import ApplicationRecord, InterviewRecord, OfferRecord, Resource
from providers.workable.simulator import SimulatorFaults
from providers.workable.simulator.render import hex_id, shortcode
from tests.shared import load_fixture

from .simkit import DATA, SIM_TOKEN, adapter_for, client_for, simulator

R = Resource


@pytest.fixture
async def sim_client() -> AsyncIterator[httpx.AsyncClient]:
    with client_for(simulator()) as client:
        client.headers["Authorization"] = f"Bearer {SIM_TOKEN}"
        async with client:
            yield client


# -- shape: keys and JSON value types, against the recorded payloads ------------------------

Shape = Any


def shape(value: Any) -> Shape:
    """A JSON value's shape: a type name, {"object": {key: shape}} or {"array": shape | None}.
    The items of an array merge: keys are united, a null merges with anything."""
    if isinstance(value, dict):
        return {"object": {k: shape(v) for k, v in value.items()}}
    if isinstance(value, list):
        merged: Shape = None
        for item in value:
            merged = merge(merged, shape(item))
        return {"array": merged}
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "string"


def merge(a: Shape, b: Shape) -> Shape:
    if a is None or a == "null":
        return b
    if b is None or b == "null":
        return a
    if isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() == {"object"}:
        keys = a["object"].keys() | b["object"].keys()
        return {"object": {k: merge(a["object"].get(k), b["object"].get(k)) for k in keys}}
    if isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() == {"array"}:
        return {"array": merge(a["array"], b["array"])}
    return a


def differences(sim: Shape, doc: Shape, extras: frozenset[str], where: str = "$") -> list[str]:
    if sim in (None, "null") or doc in (None, "null"):
        return []  # a null (or an empty array's items) in either is compatible with any type
    if isinstance(sim, dict) != isinstance(doc, dict) or (not isinstance(sim, dict) and sim != doc):
        return [f"{where}: simulator {sim!r} vs documented {doc!r}"]
    if not isinstance(sim, dict):
        return []
    if "array" in sim or "array" in doc:
        if "array" not in sim or "array" not in doc:
            return [f"{where}: array vs object"]
        return differences(sim["array"], doc["array"], extras, f"{where}[]")
    out = []
    sim_keys, doc_keys = sim["object"].keys(), doc["object"].keys()
    out += [f"{where}.{k}: missing in the simulator" for k in doc_keys - sim_keys]
    out += [f"{where}.{k}: not documented" for k in sim_keys - doc_keys if f"{where}.{k}" not in extras]
    for k in sim_keys & doc_keys:
        out += differences(sim["object"][k], doc["object"][k], extras, f"{where}.{k}")
    return out


APP = next(a for a in DATA.records(R.APPLICATION) if isinstance(a, ApplicationRecord) and a.candidate_id)
WITH_ACTIVITY = min(
    app
    for act in DATA.records(R.ACTIVITY)
    if (app := sorted(DATA.get(R.CANDIDATE, getattr(act, "candidate_id", "")).application_ids or ())[0])  # type: ignore[union-attr]
)
NO_OFFER = next(
    a.id for a in DATA.records(R.APPLICATION) if a.id not in DATA.children(R.OFFER, "application")
)
JOB = shortcode(DATA.records(R.JOB)[0].id)
INTERVIEW = hex_id(next(i.id for i in DATA.records(R.INTERVIEW) if isinstance(i, InterviewRecord)))

# Keys the reference documents but the recordings lack (each named where it is documented).
SOCIAL = "$.candidate.social_profiles"  # https://workable.readme.io/reference/job-candidates-show
INCLUDE_FIELDS = "$.jobs[].full_description"  # include_fields: https://workable.readme.io/reference/jobs

SHAPES = [
    ("/candidates?limit=5", "GET_candidates.json", frozenset()),
    (f"/candidates/{hex_id(APP.id)}", "GET_candidates_id.json", frozenset({SOCIAL})),
    (f"/candidates/{hex_id(WITH_ACTIVITY)}/activities", "GET_candidates_id_activities.json", frozenset()),
    (f"/candidates/{hex_id(NO_OFFER)}/offer", "GET_candidates_id_offer.json", frozenset()),
    ("/jobs?include_fields=full_description", "GET_jobs.json", frozenset({INCLUDE_FIELDS})),
    (f"/jobs/{JOB}", "GET_jobs_shortcode.json", frozenset()),
    (f"/jobs/{JOB}/stages", "GET_jobs_shortcode_stages.json", frozenset()),
    (f"/jobs/{JOB}/application_form", "GET_jobs_shortcode_application_form.json", frozenset()),
    ("/departments", "GET_departments.json", frozenset()),
    ("/disqualification_reasons", "GET_disqualification_reasons.json", frozenset()),
    ("/members?status=all", "GET_members.json", frozenset()),
    ("/events?limit=5&include_cancelled=true", "GET_events.json", frozenset()),
    (f"/events/{INTERVIEW}", "GET_events_id.json", frozenset()),
    ("/accounts/northwind", "GET_accounts_subdomain.json", frozenset()),
]


@pytest.mark.shared
@pytest.mark.parametrize(("path", "fixture", "extras"), SHAPES, ids=[s[1] for s in SHAPES])
async def test_simulator_speaks_the_recorded_wire_format(
    sim_client: httpx.AsyncClient, path: str, fixture: str, extras: frozenset[str]
) -> None:
    response = await sim_client.get(path)
    assert response.status_code == 200, response.text
    assert differences(shape(response.json()), shape(load_fixture("workable", fixture)), extras) == []


async def test_paging_has_a_full_next_url_and_none_on_the_last_page(sim_client: httpx.AsyncClient) -> None:
    first = (await sim_client.get("/candidates", params={"limit": 10})).json()
    assert first["paging"]["next"].startswith("http://workable.sim/spi/v3/candidates?limit=10&since_id=")
    rest = (await sim_client.get(first["paging"]["next"])).json()
    assert "paging" not in rest
    ids = [c["id"] for c in first["candidates"] + rest["candidates"]]
    assert ids == sorted(ids)
    assert len(ids) == len(DATA.records(R.APPLICATION))


async def test_rate_limit_headers_and_auth(sim_client: httpx.AsyncClient) -> None:
    response = await sim_client.get("/departments")
    assert response.headers["X-Rate-Limit-Limit"] == "10"
    assert int(response.headers["X-Rate-Limit-Remaining"]) < 10
    assert int(response.headers["X-Rate-Limit-Reset"]) >= int(time.time())
    refused = await sim_client.get("/departments", headers={"Authorization": "Bearer nope"})
    assert (refused.status_code, refused.json()) == (401, {"error": "Not authorized"})


# -- the adapter against the simulator (faults and errors: tests/providers/contract) ----------


async def test_adapter_pages_through_every_candidate() -> None:
    with client_for(simulator()) as client:
        async with client:
            adapter = adapter_for(client)
            seen, cursor = [], None
            while True:
                page = await adapter.list_applications(ListQuery(page_size=4, cursor=cursor))
                seen += [r.id for r in page.records]
                if (cursor := page.next_cursor) is None:
                    break
    assert seen == sorted(hex_id(a.id) for a in DATA.records(R.APPLICATION))


async def test_adapter_filters_candidates_by_job_and_stage() -> None:
    application = next(
        a for a in DATA.records(R.APPLICATION) if isinstance(a, ApplicationRecord) and a.current_stage_id
    )
    with client_for(simulator()) as client:
        async with client:
            adapter = adapter_for(client)
            stage = adapter_for(client)  # a second adapter: no cached stages
            (record,) = await stage.get_applications([hex_id(application.id)])
            assert record is not None
            page = await adapter.list_applications(ListQuery(Filter(stage_id=record.current_stage_id)))
    assert hex_id(application.id) in {r.id for r in page.records}
    assert {r.current_stage_id for r in page.records} == {record.current_stage_id}


async def test_rate_limit_can_be_enforced() -> None:
    faults = SimulatorFaults(enforce_rate_limit=True)
    with client_for(simulator(faults)) as client:
        client.headers["Authorization"] = f"Bearer {SIM_TOKEN}"
        async with client:
            statuses = [(await client.get("/departments")).status_code for _ in range(11)]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429


async def test_offer_of_an_application_with_one(sim_client: httpx.AsyncClient) -> None:
    offer = next(o for o in DATA.records(R.OFFER) if isinstance(o, OfferRecord))
    body = (await sim_client.get(f"/candidates/{hex_id(offer.application_id or '')}/offer")).json()
    assert {"candidate", "created_at", "state", "documents", "document_variables"} == set(body)
