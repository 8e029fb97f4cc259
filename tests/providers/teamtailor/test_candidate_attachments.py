"""``candidate.attachments`` on a simulated Teamtailor connection: a candidate names no uploads,
so they are read under it (``/candidates/{id}/uploads``, one call per candidate), and they are
the sandbox's attachments of that candidate."""

from __future__ import annotations

from typing import Final

from providers.records import Resource
from providers.sandbox import Dataset, generate
from providers.teamtailor import TeamtailorAdapter
from providers.teamtailor.simulator.render import number
from tests.graph.support import GraphQLClient, make_client

R = Resource
DATA: Final[Dataset] = generate(5, 30)
CONFIG: Final = {
    "connections": {"demo": {"provider": "teamtailor", "simulated": True, "seed": 5, "size": 30}}
}
QUERY: Final = """{
  candidates(first: 10) { edges { node { id attachments { id fileName candidate { id } } } } }
}"""


def test_the_relationship_is_declared() -> None:
    assert "attachments" in TeamtailorAdapter.supported_fields(R.CANDIDATE)
    assert TeamtailorAdapter.can_list_children(R.ATTACHMENT, "candidate")


async def test_graphql_serves_each_candidates_uploads_one_call_per_candidate() -> None:
    sandbox = {number(c.id): c.id for c in DATA.records(R.CANDIDATE)}
    by_candidate = DATA.children(R.ATTACHMENT, "candidate")
    async with make_client(CONFIG) as http:
        body = await GraphQLClient(http).post(QUERY)
    assert "errors" not in body, body.get("errors")
    nodes = [e["node"] for e in body["data"]["candidates"]["edges"]]
    assert len(nodes) == 10
    assert any(n["attachments"] for n in nodes), "the sandbox attaches files to some candidates"
    for node in nodes:
        want = sorted(number(a.id) for a in by_candidate.get(sandbox[node["id"]], ()))
        assert sorted(a["id"] for a in node["attachments"]) == want
        assert all(a["candidate"]["id"] == node["id"] and a["fileName"] for a in node["attachments"])
    # the page (its includes) and one read of uploads per candidate
    assert body["extensions"]["upstream"]["requests"] == 1 + len(nodes)
