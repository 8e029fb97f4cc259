"""The same hiring pipeline through four ATS APIs: each demo connection runs the real
adapter against its provider's simulator, over the sandbox's data."""

from __future__ import annotations

import json
from typing import Any

import pytest

from graph.settings import default_settings
from providers.registry import PROVIDERS
from tests.graph.support import GraphQLClient, make_client
from tests.graph.test_graph_walk import PIPELINE

SIMULATED = sorted(name for name, cls in PROVIDERS.items() if cls.simulation() is not None)
DATA = {"seed": 5, "size": 30}


def test_the_embedded_default_offers_a_demo_per_simulator() -> None:
    settings = default_settings()
    assert settings.default_connection == "sandbox"
    assert set(settings.connections) == {"sandbox"} | {f"{p}-demo" for p in SIMULATED}
    assert {"greenhouse", "lever", "ashby", "workable"} <= set(SIMULATED)


async def _people(gql: GraphQLClient, connection: str) -> set[tuple[str, str]]:
    query = """query($after: String) { candidates(first: 100, after: $after) {
        edges { node { id name emails { email } } } pageInfo { hasNextPage endCursor } } }"""
    people: set[tuple[str, str]] = set()
    after = None
    for _ in range(100):
        data = await gql.data(query, {"after": after}, connection=connection)
        nodes = [edge["node"] for edge in data["candidates"]["edges"]]
        # a listing that is a summary (JazzHR's has no e-mail) gives them on a read by id
        await _emails_by_id(gql, connection, [n for n in nodes if not n["emails"]])
        for node in nodes:
            emails = sorted(e["email"].lower() for e in node["emails"] or [])
            people.add((node["name"], emails[0] if emails else ""))
        if not data["candidates"]["pageInfo"]["hasNextPage"]:
            return people
        after = data["candidates"]["pageInfo"]["endCursor"]
    raise AssertionError("pagination did not end")


async def _emails_by_id(gql: GraphQLClient, connection: str, nodes: list[dict[str, Any]]) -> None:
    for start in range(0, len(nodes), 20):
        batch = nodes[start : start + 20]
        fields = " ".join(
            f"c{i}: candidate(id: {json.dumps(n['id'])}) {{ emails {{ email }} }}"
            for i, n in enumerate(batch)
        )
        data = await gql.data(f"{{ {fields} }}", connection=connection)
        for i, node in enumerate(batch):
            node["emails"] = (data[f"c{i}"] or {}).get("emails") or []


@pytest.mark.parametrize("provider", SIMULATED)
async def test_demo_connection_yields_the_sandbox_people(provider: str) -> None:
    config: dict[str, Any] = {
        "connections": {
            "sandbox": {"provider": "sandbox", **DATA},
            "demo": {"provider": provider, "simulated": True, **DATA},
        }
    }
    async with make_client(config) as http:
        gql = GraphQLClient(http)
        assert await _people(gql, "demo") == await _people(gql, "sandbox")


@pytest.mark.parametrize("provider", SIMULATED)
async def test_the_pipeline_query_runs_on_every_demo_connection(provider: str) -> None:
    config = {"connections": {"demo": {"provider": provider, "simulated": True, **DATA}}}
    async with make_client(config) as http:
        body = await GraphQLClient(http).post(PIPELINE.replace("first: 50", "first: 10"))
    assert body["data"]["candidates"]["edges"]
    codes = {e["extensions"]["code"] for e in body.get("errors", [])}
    assert codes <= {"NOT_SUPPORTED_BY_PROVIDER"}, body.get("errors")
    assert body["extensions"]["upstream"]["requests"] > 0
