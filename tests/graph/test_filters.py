"""Every filter and sort of every resource, on the sandbox (native) and through the
gateway (a provider that filters nothing itself); expectations are computed here from the
dataset, independently of the code under test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from providers.filters import RESOURCE_FILTERS
from providers.query import FilterName
from providers.records import CandidateRecord, Record, Resource, TimestampedRecord
from providers.sandbox import SandboxAdapter
from providers.sandbox.dataset import dataset
from tests.graph.support import SMALL, GraphQLClient, make_client

DATA = dataset(SMALL["seed"], SMALL["size"])


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


class NoNativeFilters(SandboxAdapter):
    """The sandbox, minus every native filter and sort: the gateway does the work."""

    name = "plain-sandbox"
    native_filters = {}
    native_sorts = {}
    max_page_size = 25


class ModeClient(GraphQLClient):
    gateway = False


@pytest.fixture(params=["native", "gateway"])
async def client(request: pytest.FixtureRequest) -> AsyncIterator[ModeClient]:
    provider = "sandbox" if request.param == "native" else "plain-sandbox"
    config = {"connections": {"c": {"provider": provider, **SMALL}}, "limits": {"max_scan_pages": 100}}
    async with make_client(config, {"sandbox": SandboxAdapter, "plain-sandbox": NoNativeFilters}) as http:
        gql = ModeClient(http)
        gql.gateway = request.param == "gateway"
        yield gql


async def all_ids(gql: GraphQLClient, resource: Resource, flt: dict[str, Any], order: str = "") -> list[str]:
    field = camel(resource.plural)
    query = f"""query($f: {"".join(p.title() for p in resource.value.split("_"))}Filter, $after: String) {{
      {field}(first: 100, after: $after, filter: $f {order}) {{ edges {{ node {{ id }} }} pageInfo {{ hasNextPage endCursor }} }}
    }}"""
    ids: list[str] = []
    after = None
    while True:
        data = await gql.data(query, {"f": flt, "after": after})
        ids += [e["node"]["id"] for e in data[field]["edges"]]
        if not data[field]["pageInfo"]["hasNextPage"]:
            return ids
        after = data[field]["pageInfo"]["endCursor"]


def _stamp(r: Record, attr: str) -> datetime | None:
    return getattr(r, attr) if isinstance(r, TimestampedRecord) else None


def _median(resource: Resource, attr: str) -> datetime:
    stamps = sorted(s for r in DATA.records(resource) if (s := _stamp(r, attr)) is not None)
    return stamps[len(stamps) // 2]


def _case(resource: Resource, name: FilterName) -> tuple[Any, set[str]]:
    """A filter value taken from the data, and the ids it must select."""
    records = list(DATA.records(resource))
    if name.value.startswith(("created", "updated")):
        attr = "created_at" if name.value.startswith("created") else "updated_at"
        pivot = _median(resource, attr)
        after = name.value.endswith("after")
        want = {
            r.id
            for r in records
            if (s := _stamp(r, attr)) is not None and (s > pivot if after else s < pivot)
        }
        return pivot.isoformat(), want
    if name is FilterName.EMAIL:
        target = next(r for r in records if getattr(r, "emails", ()))
        email = target.emails[0].email  # type: ignore[attr-defined]
        want = {
            r.id for r in records if any(e.email.lower() == email.lower() for e in getattr(r, "emails", ()))
        }
        return email.upper(), want
    if name in (FilterName.NAME, FilterName.TITLE, FilterName.COMPANY):
        attr = name.value
        values = [getattr(r, attr) for r in records if getattr(r, attr, None)]
        needle = values[len(values) // 2][1:4].lower()
        return needle.upper(), {r.id for r in records if needle in (getattr(r, attr) or "").lower()}
    if name is FilterName.TAGS:
        tags = {t.id: t.name for t in DATA.records(Resource.TAG)}
        target = next(r for r in records if isinstance(r, CandidateRecord) and len(r.tag_ids or ()) >= 2)
        assert isinstance(target, CandidateRecord)
        assert target.tag_ids
        wanted = [tags[t].lower() for t in target.tag_ids[:2]]
        want = {
            r.id
            for r in records
            if isinstance(r, CandidateRecord) and set(wanted) <= {tags[t].lower() for t in r.tag_ids or ()}
        }
        return [w.upper() for w in wanted], want
    if name is FilterName.JOB_ID and resource is Resource.CANDIDATE:
        app = DATA.records(Resource.APPLICATION)[3]
        job = app.job_id
        return job, {a.candidate_id for a in DATA.records(Resource.APPLICATION) if a.job_id == job}
    attr = {
        (Resource.APPLICATION, FilterName.STAGE_ID): "current_stage_id",
        (Resource.INTERVIEW, FilterName.STAGE_ID): "job_interview_stage_id",
    }.get((resource, name), name.value)
    values = [getattr(r, attr) for r in records if getattr(r, attr, None)]
    value = values[len(values) // 3]
    return value, {r.id for r in records if getattr(r, attr) == value}


CASES = [(r, f) for r, names in RESOURCE_FILTERS.items() for f in sorted(names)]


@pytest.mark.parametrize(("resource", "name"), CASES, ids=[f"{r.value}-{f.value}" for r, f in CASES])
async def test_filter(client: ModeClient, resource: Resource, name: FilterName) -> None:
    value, want = _case(resource, name)
    undecidable = resource is Resource.CANDIDATE and name in (FilterName.JOB_ID, FilterName.TAGS)
    if client.gateway and undecidable:
        body = await client.post(
            "query($f: CandidateFilter) { candidates(filter: $f) { edges { node { id } } } }",
            {"f": {camel(name.value): value}},
        )
        assert body["errors"][0]["extensions"]["code"] == "NOT_SUPPORTED_BY_PROVIDER"
        assert body["extensions"]["upstream"]["requests"] == 0
        return
    got = await all_ids(client, resource, {camel(name.value): value})
    assert len(got) == len(set(got))
    assert set(got) == want
    assert want or len(DATA.records(resource)) < 3, "the chosen value should select something"


TIME_FILTERS = [f for f in FilterName if f.value.endswith(("_after", "_before"))]


@pytest.mark.parametrize("name", TIME_FILTERS, ids=[f.value for f in TIME_FILTERS])
async def test_a_time_without_an_offset_is_a_utc_time(client: ModeClient, name: FilterName) -> None:
    """``TimeRangeFilter`` bounds are UTC: ``2026-01-01T00:00:00`` is ``...Z`` (it was an
    INTERNAL_SERVER_ERROR: a time without an offset cannot be compared with the records')."""
    value, want = _case(Resource.CANDIDATE, name)
    naive = datetime.fromisoformat(value).astimezone(UTC).replace(tzinfo=None).isoformat()
    assert await all_ids(client, Resource.CANDIDATE, {camel(name.value): naive}) == await all_ids(
        client, Resource.CANDIDATE, {camel(name.value): value}
    )
    assert want, "the chosen time should select something"


TIMESTAMPED = [r for r in Resource if r is not Resource.JOB_FORM_FIELD]


@pytest.mark.parametrize("resource", TIMESTAMPED, ids=[r.value for r in TIMESTAMPED])
@pytest.mark.parametrize("field", ["CREATED_AT", "UPDATED_AT"])
@pytest.mark.parametrize("direction", ["ASC", "DESC"])
async def test_sort(client: ModeClient, resource: Resource, field: str, direction: str) -> None:
    order = f", orderBy: {{field: {field}, direction: {direction}}}"
    if client.gateway:
        body = await client.post(
            f"{{ {camel(resource.plural)}(first: 5{order}) {{ edges {{ node {{ id }} }} }} }}"
        )
        assert body["errors"][0]["extensions"]["code"] == "NOT_SUPPORTED_BY_PROVIDER"
        return
    got = await all_ids(client, resource, {}, order)
    attr = field.lower()
    by_id = {r.id: r for r in DATA.records(resource)}
    assert sorted(got) == sorted(by_id)
    stamps = [_stamp(by_id[i], attr) for i in got]
    present = [s for s in stamps if s is not None]
    assert present == sorted(present, reverse=direction == "DESC")


class TinyPages(NoNativeFilters):
    max_page_size = 5


async def test_gateway_scan_is_bounded_and_resumable() -> None:
    config = {"connections": {"c": {"provider": "plain-sandbox", **SMALL}}, "limits": {"max_scan_pages": 1}}
    target = DATA.records(Resource.CANDIDATE)[-1]
    assert isinstance(target, CandidateRecord)
    assert target.name
    async with make_client(config, {"plain-sandbox": TinyPages}) as http:
        gql = GraphQLClient(http)
        query = """query($after: String, $name: String) { candidates(first: 5, after: $after, filter: {name: $name}) {
            edges { node { id } } pageInfo { hasNextPage endCursor } } }"""
        found: list[str] = []
        after = None
        rounds = 0
        while True:
            body = await gql.post(query, {"after": after, "name": target.name})
            rounds += 1
            # Each request reads at most max_scan_pages + ceil(first / page size) + 1 pages.
            assert body["extensions"]["upstream"]["requests"] <= 3
            conn = body["data"]["candidates"]
            found += [e["node"]["id"] for e in conn["edges"]]
            if not conn["pageInfo"]["hasNextPage"]:
                break
            after = conn["pageInfo"]["endCursor"]
        want = {
            c.id for c in DATA.records(Resource.CANDIDATE) if target.name.lower() in (c.name or "").lower()
        }  # type: ignore[attr-defined]
        assert set(found) == want
        assert rounds > 1
