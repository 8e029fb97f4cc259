"""The simulator's candidate writes refuse a person field of the wrong type with a 422
(``{"error": ...}``) rather than leaving it out: a create with ``"firstname": 5`` made a
candidate without a first name, and an update ignored it. The recorded bodies carry these fields
as text (fixtures POST_talent_pool_candidates and PATCH_candidates_id .request.json)."""

from __future__ import annotations

from typing import Any

import pytest

from .simkit import SIM_TOKEN, client_for, simulator

AUTH = {"Authorization": f"Bearer {SIM_TOKEN}"}
PERSON = {"firstname": "Ann", "lastname": "Lee", "email": "ann.lee@example.com"}


@pytest.mark.parametrize(
    ("field", "value"),
    [("firstname", 5), ("lastname", ["Lee"]), ("email", {"a": 1}), ("phone", 5551234), ("headline", True)],
)
@pytest.mark.parametrize("write", ["create", "update"])
async def test_a_person_field_of_the_wrong_type_is_a_422(write: str, field: str, value: Any) -> None:
    with client_for(simulator()) as http:
        some = (await http.get("/candidates", headers=AUTH)).json()["candidates"][0]["id"]
        body = {"candidate": {**PERSON, field: value}}
        if write == "create":
            answer = await http.post("/talent_pool/candidates", json=body, headers=AUTH)
        else:
            answer = await http.patch(f"/candidates/{some}", json=body, headers=AUTH)
    assert answer.status_code == 422
    assert answer.json() == {"error": f"candidate.{field} must be text"}


async def test_a_null_field_is_still_left_out() -> None:
    with client_for(simulator()) as http:
        body = {"candidate": {**PERSON, "phone": None}}
        answer = await http.post("/talent_pool/candidates", json=body, headers=AUTH)
    assert answer.status_code == 201
