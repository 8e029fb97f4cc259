"""The Lever simulator refuses a contact field of the wrong type with Lever's 400
``BadRequestError`` (it crashed, or kept the value in the candidate's record), and a refused
write changes nothing a read shows."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from providers.records import Resource

from .conftest import API_KEY
from .simulator_support import BASE, simulator, small_dataset

R = Resource
WRONG: Any = [
    {"headline": 3},
    {"headline": ["CTO"]},
    {"location": 3},
    {"emails": 3},
    {"emails": [3]},
    {"emails": None},
    {"phones": "555"},
    {"phones": {}},  # not "no phones": no list at all
    {"phones": ""},
    {"phones": [{"value": 5}]},
    {"links": 3},
    {"tags": [3]},
    {"tags": "vip"},  # not the tags v, i, p
    {"emails": "ada@example.com"},  # not one address a letter
    {"links": {"https://example.com": 1}},
]


@pytest.mark.parametrize("body", WRONG)
async def test_a_contact_field_of_the_wrong_type_is_a_bad_request(body: dict[str, Any]) -> None:
    data = small_dataset()
    contact = data.records(R.CANDIDATE)[0].id
    actor = {"perform_as": data.records(R.USER)[0].id}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=simulator(data))) as client:
        before = (await client.get(f"{BASE}/opportunities", auth=(API_KEY, ""))).json()
        created = await client.post(
            f"{BASE}/opportunities", params=actor, json={"name": "Ada Lovelace", **body}, auth=(API_KEY, "")
        )
        if "links" not in body and "tags" not in body:  # what a contact update takes
            updated = await client.put(
                f"{BASE}/contacts/{contact}", params=actor, json=body, auth=(API_KEY, "")
            )
            assert (updated.status_code, updated.json()["code"]) == (400, "BadRequestError")
        after = (await client.get(f"{BASE}/opportunities", auth=(API_KEY, ""))).json()
    assert (created.status_code, created.json()["code"]) == (400, "BadRequestError")
    assert after == before
