"""Greenhouse mutations through the GraphQL app over a simulated Greenhouse connection: the
acting user comes from ``actorId`` or the connection's ``actor_id`` option, a write without one
is refused before any call, and a later request reads the write back."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.writes.support import client_for, error_of, post

CREATE = """
mutation($input: CandidateInput!, $actor: ID) {
  createCandidate(input: $input, actorId: $actor) { candidate { id name tags { name } } }
}"""
ADA = {"firstName": "Ada", "lastName": "Lovelace", "tags": ["Engines"]}


def config(**options: Any) -> dict[str, Any]:
    return {
        "connections": {
            "gh": {"provider": "greenhouse", "simulated": True, "seed": 4242, "size": 40, **options}
        }
    }


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(config()) as client:
        yield client


async def users(http: httpx.AsyncClient) -> list[str]:
    body = await post(http, "{ users(first: 2) { edges { node { id } } } }")
    return [e["node"]["id"] for e in body["data"]["users"]["edges"]]


async def test_create_candidate_with_actor_id_then_read_it(http: httpx.AsyncClient) -> None:
    actor = (await users(http))[0]
    made = (await post(http, CREATE, {"input": ADA, "actor": actor}))["data"]["createCandidate"]["candidate"]
    assert made["name"] == "Ada Lovelace"
    assert made["tags"] == [{"name": "Engines"}]
    read = await post(
        http, "query($id: ID!) { candidate(id: $id) { id name tags { name } } }", {"id": made["id"]}
    )
    assert read["data"]["candidate"] == made


async def test_without_an_acting_user_nothing_is_written(http: httpx.AsyncClient) -> None:
    error = error_of(await post(http, CREATE, {"input": ADA}))
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "actorId"
    # (that no request leaves is asserted on the adapter: test_write_errors.test_no_actor_no_call)


async def test_greenhouse_needs_a_last_name(http: httpx.AsyncClient) -> None:
    actor = (await users(http))[0]
    error = error_of(await post(http, CREATE, {"input": {"firstName": "Ada"}, "actor": actor}))
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "input.lastName"


async def test_the_connection_option_names_the_acting_user() -> None:
    async with client_for(config()) as probe:
        actor = (await users(probe))[0]
    async with client_for(config(actor_id=actor)) as client:
        made = await post(client, CREATE, {"input": ADA})
    assert made["data"]["createCandidate"]["candidate"]["name"] == "Ada Lovelace"


async def test_an_unknown_acting_user_is_refused_by_greenhouse(http: httpx.AsyncClient) -> None:
    error = error_of(await post(http, CREATE, {"input": ADA, "actor": "999999"}))
    # Harvest's 422 is the client's to fix: BAD_USER_INPUT, naming the argument and saying why
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "actorId"
    assert error["extensions"]["providerErrors"] == [
        {"message": "On-Behalf-Of must name a user of this account", "field": "On-Behalf-Of"}
    ]
