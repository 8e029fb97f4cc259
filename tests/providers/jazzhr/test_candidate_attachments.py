"""``candidate.attachments`` on a simulated JazzHR connection: an applicant's detail names no
files, so they are read under it (``/files/applicant_id/{id}``, one call per applicant), and
they are the sandbox's attachments of that candidate."""

from __future__ import annotations

from typing import Final

from providers.jazzhr import JazzHRAdapter
from providers.jazzhr.simulator import encode
from providers.records import Resource
from providers.sandbox import Dataset, generate
from tests.graph.support import GraphQLClient, make_client

R = Resource
DATA: Final[Dataset] = generate(5, 30)
CONFIG: Final = {"connections": {"demo": {"provider": "jazzhr", "simulated": True, "seed": 5, "size": 30}}}
QUERY: Final = """{
  candidates(first: 10) { edges { node { id attachments { id fileName candidate { id } } } } }
}"""


def test_the_relationship_is_declared() -> None:
    assert "attachments" in JazzHRAdapter.supported_fields(R.CANDIDATE)
    assert JazzHRAdapter.can_list_children(R.ATTACHMENT, "candidate")


async def test_graphql_serves_each_applicants_files_one_call_per_applicant() -> None:
    sandbox = {encode(R.CANDIDATE, c.id): c.id for c in DATA.records(R.CANDIDATE)}
    by_candidate = DATA.children(R.ATTACHMENT, "candidate")
    async with make_client(CONFIG) as http:
        body = await GraphQLClient(http).post(QUERY)
    async with make_client(CONFIG) as http:
        without = await GraphQLClient(http).post("{ candidates(first: 10) { edges { node { id } } } }")
    assert "errors" not in body, body.get("errors")
    nodes = [e["node"] for e in body["data"]["candidates"]["edges"]]
    assert len(nodes) == 10
    assert any(n["attachments"] for n in nodes), "the sandbox attaches files to some candidates"
    for node in nodes:
        want = sorted(encode(R.ATTACHMENT, a.id) for a in by_candidate.get(sandbox[node["id"]], ()))
        assert sorted(a["id"] for a in node["attachments"]) == want
        assert all(a["candidate"]["id"] == node["id"] and a["fileName"] for a in node["attachments"])
    # the call model's PER_KEY default: one read of files per applicant
    extra = body["extensions"]["upstream"]["requests"] - without["extensions"]["upstream"]["requests"]
    assert extra == len(nodes)
