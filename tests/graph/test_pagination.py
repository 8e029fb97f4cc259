"""Relay pagination: every record exactly once, cursors that refuse to be misused."""

from __future__ import annotations

import pytest

from tests.graph.support import GraphQLClient

PAGE = """query($first: Int, $after: String) {
  candidates(first: $first, after: $after) {
    edges { cursor node { id } }
    pageInfo { hasNextPage endCursor startCursor hasPreviousPage }
  }
}"""


async def _all_ids(gql: GraphQLClient, first: int) -> list[str]:
    ids: list[str] = []
    after = None
    for _ in range(1000):
        data = await gql.data(PAGE, {"first": first, "after": after})
        conn = data["candidates"]
        ids += [e["node"]["id"] for e in conn["edges"]]
        if conn["edges"]:
            assert conn["pageInfo"]["startCursor"] == conn["edges"][0]["cursor"]
        if not conn["pageInfo"]["hasNextPage"]:
            return ids
        after = conn["pageInfo"]["endCursor"]
    raise AssertionError("pagination did not end")


@pytest.mark.parametrize("first", [1, 7, 50, 100])
async def test_paging_yields_every_record_once_in_order(gql: GraphQLClient, first: int) -> None:
    everything = await gql.data("{ candidates(first: 100) { edges { node { id } } } }")
    ids = await _all_ids(gql, first)
    assert len(ids) == len(set(ids))
    assert ids[: len(everything["candidates"]["edges"])] == [
        e["node"]["id"] for e in everything["candidates"]["edges"]
    ]
    # SMALL sandbox has 60 candidates.
    assert len(ids) == 60


async def test_any_edge_cursor_resumes_right_after_it(gql: GraphQLClient) -> None:
    data = await gql.data(PAGE, {"first": 20})
    edges = data["candidates"]["edges"]
    for i in (0, 5, 19):
        nxt = await gql.data(PAGE, {"first": 3, "after": edges[i]["cursor"]})
        got = [e["node"]["id"] for e in nxt["candidates"]["edges"]]
        assert got[: min(3, 19 - i)] == [e["node"]["id"] for e in edges[i + 1 : i + 4]]


async def test_first_over_the_cap_is_refused(gql: GraphQLClient) -> None:
    body = await gql.post(
        "{ candidates(first: 101) { edges { node { id } } } jobs(first: 2) { edges { node { id } } } }"
    )
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "100" in error["message"]
    assert error["path"] == ["candidates"]
    assert body["data"]["candidates"] is None
    assert len(body["data"]["jobs"]["edges"]) == 2


async def test_negative_first_is_refused(gql: GraphQLClient) -> None:
    body = await gql.post("{ candidates(first: -1) { edges { node { id } } } }")
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_first_zero_is_empty_and_costs_nothing(gql: GraphQLClient) -> None:
    body = await gql.post("{ candidates(first: 0) { edges { node { id } } pageInfo { hasNextPage } } }")
    assert body["data"]["candidates"]["edges"] == []
    assert body["extensions"]["upstream"]["requests"] == 0


@pytest.mark.parametrize("cursor", ["garbage", "", "W10", "bnVsbA", "WyJ4IiwtMSwwLCJhYmMiXQ"])
async def test_a_malformed_cursor_is_bad_input(gql: GraphQLClient, cursor: str) -> None:
    body = (
        await gql.post(PAGE, {"first": 5, "after": cursor})
        if cursor
        else await gql.post('{ candidates(after: "") { edges { node { id } } } }')
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_cursor_from_another_query_is_refused(gql: GraphQLClient) -> None:
    data = await gql.data(PAGE, {"first": 5})
    cursor = data["candidates"]["pageInfo"]["endCursor"]
    body = await gql.post(
        'query($after: String) { candidates(first: 5, after: $after, filter: {name: "a"}) { edges { node { id } } } }',
        {"after": cursor},
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "another query" in body["errors"][0]["message"]
    jobs = await gql.post(
        "query($after: String) { jobs(first: 5, after: $after) { edges { node { id } } } }", {"after": cursor}
    )
    assert jobs["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
