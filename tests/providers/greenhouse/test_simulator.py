"""The simulator speaks Harvest: documented shapes, auth, paging and rate-limit headers. The
faults every simulator shares are in the contract suite (tests/providers/contract)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from providers.query import ListQuery
from providers.records import Resource
from tests.shared import load_fixture

from .sim import KEY, V3, adapter, adapter_ids, app, client, small_dataset

pytestmark = pytest.mark.shared

from providers.greenhouse.simulator import SimulatorFaults, encode_id  # noqa: E402

DATA = small_dataset()
TENANT_DEFINED = frozenset({"custom_fields", "keyed_custom_fields"})
"""Custom fields are defined per Greenhouse account: their keys cannot match the docs' example."""


def first_id(resource: Resource, where: Any = None) -> int:
    return encode_id(next(r.id for r in DATA.records(resource) if where is None or where(r)))


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def shape_diff(sim: Any, doc: Any, path: str = "$") -> list[str]:
    """Where ``sim`` differs in shape from ``doc``: key sets and JSON types, recursively.
    A null on either side matches anything; list elements are checked against the keys every
    documented element has (required) and any documented element has (allowed)."""
    if sim is None or doc is None:
        return []
    if isinstance(doc, list) and isinstance(sim, list):
        docs = [d for d in doc if d is not None]
        if not docs or not sim:
            return []
        if all(isinstance(d, dict) for d in docs):
            required = set.intersection(*(set(d) for d in docs))
            allowed = set.union(*(set(d) for d in docs))
            out = []
            for n, item in enumerate(sim):
                if not isinstance(item, dict):
                    return [f"{path}[{n}]: {_kind(item)} where the docs have objects"]
                if missing := required - set(item):
                    out.append(f"{path}[{n}] lacks {sorted(missing)}")
                if extra := set(item) - allowed:
                    out.append(f"{path}[{n}] has undocumented {sorted(extra)}")
                for key in (set(item) & allowed) - TENANT_DEFINED:
                    example = next((d[key] for d in docs if d.get(key) is not None), None)
                    out += shape_diff(item[key], example, f"{path}[{n}].{key}")
            return out
        return [d for n, item in enumerate(sim) for d in shape_diff(item, docs[0], f"{path}[{n}]")]
    if isinstance(doc, dict) and isinstance(sim, dict):
        out = []
        if set(sim) != set(doc):
            out.append(f"{path}: keys {sorted(set(sim) ^ set(doc))} differ")
        for key in set(sim) & set(doc) - TENANT_DEFINED:
            out += shape_diff(sim[key], doc[key], f"{path}.{key}")
        return out
    if _kind(sim) != _kind(doc):
        return [f"{path}: {_kind(sim)} where the docs have {_kind(doc)}"]
    return []


def endpoints() -> list[tuple[str, str]]:
    candidate = first_id(Resource.CANDIDATE, lambda c: c.application_ids and c.attachment_ids and c.tag_ids)
    app_with_all = next(
        a
        for a in DATA.records(Resource.APPLICATION)
        if DATA.children(Resource.OFFER, "application").get(a.id)
        and DATA.children(Resource.SCORECARD, "application").get(a.id)
    )
    application = encode_id(app_with_all.id)
    job = first_id(Resource.JOB)
    eeoc_app = next(iter(adapter_ids(DATA, Resource.EEOC).values()))
    noted = first_id(
        Resource.CANDIDATE,
        lambda c: (
            len(
                {
                    getattr(a, "activity_type", None)
                    for a in DATA.children(Resource.ACTIVITY, "candidate").get(c.id, ())
                }
            )
            >= 2
        ),
    )
    return [
        ("/v1/candidates", "GET_candidates.json"),
        (f"/v1/candidates/{candidate}", "GET_candidates_id.json"),
        (f"/v1/candidates/{candidate}/tags", "GET_candidates_id_tags.json"),
        (f"/v1/candidates/{noted}/activity_feed", "GET_candidates_id_activity_feed.json"),
        ("/v1/applications", "GET_applications.json"),
        (f"/v1/applications/{application}", "GET_applications_id.json"),
        (f"/v1/applications/{application}/scorecards", "GET_applications_id_scorecards.json"),
        (f"/v1/applications/{application}/offers", "GET_applications_application_id_offers.json"),
        (
            f"/v1/applications/{application}/scheduled_interviews",
            "GET_applications_id_scheduled_interviews.json",
        ),
        (f"/v1/applications/{eeoc_app}/eeoc", "GET_applications_id_eeoc.json"),
        ("/v1/jobs", "GET_jobs.json"),
        (f"/v1/jobs/{job}", "GET_jobs_id.json"),
        (f"/v1/jobs/{job}/stages", "GET_jobs_id_stages.json"),
        (f"/v1/jobs/{job}/job_posts", "GET_jobs_id_job_posts.json"),
        ("/v1/job_stages", "GET_job_stages.json"),
        (f"/v1/job_stages/{first_id(Resource.JOB_INTERVIEW_STAGE)}", "GET_job_stages_id.json"),
        ("/v1/job_posts", "GET_job_posts.json"),
        ("/v1/departments?render_as=list", "GET_departments.render_as_list.json"),
        ("/v1/offices?render_as=list", "GET_offices.render_as_list.json"),
        (f"/v1/offices/{first_id(Resource.OFFICE)}?render_as=list", "GET_offices_id.json"),
        ("/v1/scheduled_interviews", "GET_scheduled_interviews.json"),
        (f"/v1/scheduled_interviews/{first_id(Resource.INTERVIEW)}", "GET_scheduled_interviews_id.json"),
        ("/v1/scorecards", "GET_scorecards.json"),
        (f"/v1/scorecards/{first_id(Resource.SCORECARD)}", "GET_scorecards_id.json"),
        ("/v1/offers", "GET_offers.json"),
        (f"/v1/offers/{first_id(Resource.OFFER)}", "GET_offers_id.json"),
        ("/v1/users", "GET_users.json"),
        (f"/v1/users/{first_id(Resource.USER)}", "GET_users_id.json"),
        ("/v1/tags/candidate", "GET_tags_candidate.json"),
        ("/v1/rejection_reasons", "GET_rejection_reasons.json"),
        ("/v1/eeoc", "GET_eeoc.json"),
    ]


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with client(app(DATA)) as c:
        yield c


@pytest.mark.parametrize(("path", "fixture"), endpoints())
async def test_simulator_responses_have_the_documented_shape(
    http: httpx.AsyncClient, path: str, fixture: str
) -> None:
    response = await http.get(path, params={"per_page": "500"}, auth=(KEY, ""))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body, f"{path} returned nothing to compare"
    assert shape_diff(body, load_fixture("greenhouse", fixture)) == []


async def test_department_by_id_has_the_list_shape(http: httpx.AsyncClient) -> None:
    # The docs' single-department example spells ``parent_department_external_ids`` (a typo of
    # the list example's ``parent_department_external_id``): compare with the list's element.
    response = await http.get(f"/v1/departments/{first_id(Resource.DEPARTMENT)}", auth=(KEY, ""))
    doc = load_fixture("greenhouse", "GET_departments.render_as_list.json")[0]
    assert shape_diff(response.json(), doc) == []


async def test_v1_paging_headers_and_auth(http: httpx.AsyncClient) -> None:
    total = len(DATA.records(Resource.CANDIDATE))
    response = await http.get("/v1/candidates", params={"per_page": "5", "page": "2"}, auth=(KEY, ""))
    assert len(response.json()) == 5
    link = response.headers["Link"]
    assert 'page=3&per_page=5>; rel="next"' in link
    assert 'page=1&per_page=5>; rel="prev"' in link
    assert f'page={-(-total // 5)}&per_page=5>; rel="last"' in link
    assert response.headers["X-RateLimit-Limit"] == "50"
    assert int(response.headers["X-RateLimit-Remaining"]) < 50
    skip = await http.get("/v1/candidates", params={"per_page": "5", "skip_count": "true"}, auth=(KEY, ""))
    assert 'rel="last"' not in skip.headers["Link"]
    assert (await http.get("/v1/candidates", auth=("wrong", ""))).status_code == 401
    assert (await http.get("/v1/candidates")).status_code == 401


async def test_v3_cursor_must_be_the_only_parameter(http: httpx.AsyncClient) -> None:
    token = (
        await http.post(
            "/token",
            data={"grant_type": "client_credentials", "sub": V3["user_id"]},
            auth=(V3["client_id"], V3["client_secret"]),
        )
    ).json()["access_token"]
    bearer = {"Authorization": f"Bearer {token}"}
    first = await http.get("/v3/users", params={"per_page": "2"}, headers=bearer)
    next_url = httpx.URL(first.headers["Link"].split(">")[0].lstrip("<"))
    assert list(next_url.params) == ["cursor"]
    mixed = await http.get(next_url.path, params={**dict(next_url.params), "per_page": "2"}, headers=bearer)
    assert mixed.status_code == 422
    assert (await http.get(str(next_url), headers=bearer)).status_code == 200
    refused = await http.post(
        "/token", data={"grant_type": "client_credentials", "sub": "1"}, auth=(V3["client_id"], "wrong")
    )
    assert refused.status_code == 401


async def test_adapter_reads_every_page_through_v1_and_v3() -> None:
    expected = {str(encode_id(c.id)) for c in DATA.records(Resource.CANDIDATE)}
    for credentials in ({"api_key": KEY}, V3):
        async with client(app(DATA)) as http:
            gh = adapter(http, credentials)
            seen, cursor = [], None
            while True:
                page = await gh.list_candidates(ListQuery(page_size=5, cursor=cursor))
                seen += [r.id for r in page.records]
                if (cursor := page.next_cursor) is None:
                    break
        assert sorted(seen) == sorted(expected), credentials


async def test_enforced_rate_limit() -> None:
    async with client(app(DATA, SimulatorFaults(rate_limit=2, retry_after_s=30))) as http:
        codes = [(await http.get("/v1/tags/candidate", auth=(KEY, ""))).status_code for _ in range(3)]
        limited = await http.get("/v1/tags/candidate", auth=(KEY, ""))
    assert codes == [200, 200, 429]
    assert limited.headers["Retry-After"] == "30"
    assert limited.headers["X-RateLimit-Remaining"] == "0"
