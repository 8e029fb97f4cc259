"""The README's write example works as the README says, on a sandbox account."""

from __future__ import annotations

import re
from pathlib import Path

from .support import client_for, fresh_options, post, sandbox_config

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_has_one_write_example() -> None:
    assert len(_mutations()) == 1


def _mutations() -> list[str]:
    blocks = re.findall(r"```graphql\n(.*?)```", README.read_text(), re.DOTALL)
    return [b for b in blocks if b.lstrip().startswith("mutation")]


async def test_the_readme_write_example_runs_and_replays() -> None:
    (mutation,) = _mutations()
    async with client_for(sandbox_config(fresh_options())) as http:
        first = await post(http, mutation)
        again = await post(http, mutation)
        read = await post(
            http, '{ candidates(first: 5, filter: {email: "ada@example.com"}) { edges { node { id } } } }'
        )
    assert "errors" not in first, first
    made = first["data"]["createCandidate"]
    assert made["replayed"] is False
    assert made["candidate"]["name"] == "Ada Lovelace"
    assert made["candidate"]["tags"] == [{"name": "Referral"}]
    assert again["data"]["createCandidate"] == {**made, "replayed": True}
    assert [e["node"]["id"] for e in read["data"]["candidates"]["edges"]] == [made["candidate"]["id"]]
