"""The simulator's candidate writes refuse names that are not text with SmartRecruiters' 400
(``ErrorResponse``) instead of failing inside the sandbox (an unhandled 500 before)."""

from __future__ import annotations

import httpx
import pytest

from providers.sandbox import generate
from providers.smartrecruiters.adapter import BASE_URL
from providers.smartrecruiters.simulator import create_simulator

KEY = "k"


@pytest.mark.parametrize(
    ("given", "needle"),
    [
        ({"firstName": 3}, "firstName and lastName must be text"),
        ({"phoneNumber": 5}, "phoneNumber must be text"),
        ({"phoneNumber": ["+1 555"]}, "phoneNumber must be text"),
        ({"email": ["lee@example.com"]}, "email must be text"),
        ({"web": "https://example.com"}, "web must be an object of URLs"),
        ({"web": {"linkedin": ["https://example.com"]}}, "web must be an object of URLs"),
    ],
)
@pytest.mark.parametrize("method", ["POST", "PATCH"])
async def test_a_name_phone_email_or_web_of_the_wrong_type_is_refused(
    method: str, given: dict[str, object], needle: str
) -> None:
    """``CandidateInput`` types them as strings and a ``WebProfile`` object (fixture
    POST_candidates.request.schema.json); the simulator left a phone, e-mail or web of
    another type out before."""
    data = generate(11, 12)
    app = create_simulator(data, credentials={"api_key": KEY})
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as http:
        listed = await http.get("/candidates", headers={"X-SmartToken": KEY})
        some = listed.json()["content"][0]["id"]
        path = "/candidates" if method == "POST" else f"/candidates/{some}"
        body = {"firstName": "Ann", "lastName": "Lee", "email": "lee@example.com", **given}
        answer = await http.request(method, path, json=body, headers={"X-SmartToken": KEY})
    assert answer.status_code == 400
    assert needle in answer.text
