"""The Ashby simulator refuses a write's list of the wrong shape as Ashby refuses bad input
(HTTP 200, ``success: false``, ``invalid_input``), not with its 500, and writes nothing."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from providers.ashby.simulator.render import encode_id
from providers.records import Resource

from .simulated import SIM_KEY, connected, small_dataset

AUTH = {"Authorization": "Basic " + base64.b64encode(f"{SIM_KEY}:".encode()).decode()}


@pytest.mark.parametrize(
    ("method", "body"),
    [
        ("candidate.create", {"name": "Ada Lovelace", "alternateEmailAddresses": 3}),
        ("candidate.create", {"name": "Ada Lovelace", "alternateEmailAddresses": True}),
        ("candidate.update", {"socialLinks": "https://example.com/ada"}),
        ("candidate.update", {"socialLinks": 3}),
        ("candidate.create", {"name": "Ada Lovelace", "alternateEmailAddresses": "ada@example.com"}),
        ("candidate.create", {"name": "Ada Lovelace", "alternateEmailAddresses": {"ada@example.com": 1}}),
        ("candidate.update", {"socialLinks": {}}),  # not "no links": no list at all
    ],
)
async def test_a_list_of_the_wrong_shape_is_invalid_input(method: str, body: dict[str, Any]) -> None:
    data = small_dataset()
    person = data.records(Resource.CANDIDATE)[0].id
    async with connected(data) as (_adapter, client):
        before = await client.post("/candidate.list", json={"limit": 100}, headers=AUTH)
        answer = await client.post(
            f"/{method}", json={"candidateId": encode_id(person), **body}, headers=AUTH
        )
        assert (answer.status_code, answer.json()) == (200, {"success": False, "errors": ["invalid_input"]})
        after = await client.post("/candidate.list", json={"limit": 100}, headers=AUTH)
    assert after.json() == before.json()
