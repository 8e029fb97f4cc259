"""The kit's simulated client-credentials token endpoint (``kit/simtokens.py``)."""

from __future__ import annotations

import time

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from providers.kit.simtokens import ClientCredentialsTokens

CLIENT = {"client_id": "id", "client_secret": "secret", "user_id": "7"}
GRANT = {"grant_type": "client_credentials", "sub": "7"}


def app(tokens: ClientCredentialsTokens) -> httpx.AsyncClient:
    async def data(request: Request) -> Response:
        return JSONResponse({"ok": True}, status_code=200 if tokens.valid(request) else 401)

    routes = [Route("/token", tokens.token, methods=["POST"]), Route("/data", data)]
    transport = httpx.ASGITransport(app=Starlette(routes=routes))
    return httpx.AsyncClient(transport=transport, base_url="https://sim.example")


async def test_a_token_for_the_client_and_grant_then_bearer_reads() -> None:
    tokens = ClientCredentialsTokens(CLIENT, {"sub": "user_id"}, ttl_s=60)
    async with app(tokens) as http:
        answer = await http.post("/token", data=GRANT, auth=("id", "secret"))
        assert answer.status_code == 200
        body = answer.json()
        assert (body["token_type"], body["expires_in"]) == ("Bearer", 60)
        bearer = {"Authorization": f"Bearer {body['access_token']}"}
        assert (await http.get("/data", headers=bearer)).status_code == 200
        assert (await http.get("/data", headers={"Authorization": "Bearer other"})).status_code == 401
        tokens.tokens[body["access_token"]] = time.monotonic() - 1  # expired
        assert (await http.get("/data", headers=bearer)).status_code == 401


async def test_a_wrong_client_or_grant_is_refused() -> None:
    async with app(ClientCredentialsTokens(dict(CLIENT), {"sub": "user_id"})) as http:
        wrong_secret = await http.post("/token", data=GRANT, auth=("id", "nope"))
        assert (wrong_secret.status_code, wrong_secret.json()) == (401, {"error": "invalid_client"})
        wrong_user = await http.post("/token", data={**GRANT, "sub": "8"}, auth=("id", "secret"))
        assert (wrong_user.status_code, wrong_user.json()) == (400, {"error": "invalid_grant"})
        refresh = await http.post(
            "/token", data={**GRANT, "grant_type": "refresh_token"}, auth=("id", "secret")
        )
        assert refresh.status_code == 400


async def test_the_credentials_are_read_on_each_request() -> None:
    creds = dict(CLIENT)
    async with app(ClientCredentialsTokens(creds, {"sub": "user_id"})) as http:
        creds["client_secret"] = "revoked"
        assert (await http.post("/token", data=GRANT, auth=("id", "secret"))).status_code == 401


async def test_without_a_client_no_token_is_issued() -> None:
    async with app(ClientCredentialsTokens({"api_key": "k"})) as http:
        assert (await http.post("/token", data=GRANT, auth=("id", "secret"))).status_code == 401
