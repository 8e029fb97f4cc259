"""Shared set-up of the Greenhouse adapter tests."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

import httpx

from providers.base import Connection
from providers.greenhouse import GreenhouseAdapter

BASE = "https://harvest.greenhouse.io"
API_KEY = "gh-harvest-key-3f9a7c1e"
CLIENT_SECRET = "gh-client-secret-b81d"
TOKEN_URL = "https://auth.greenhouse.test/token"
V3_CREDENTIALS = {"client_id": "client-42", "client_secret": CLIENT_SECRET, "user_id": "777"}


def basic(user: str, password: str = "") -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def adapter(
    client: httpx.AsyncClient,
    *,
    credentials: Mapping[str, Any] | None = None,
    base_url: str | None = None,
    options: Mapping[str, Any] | None = None,
) -> GreenhouseAdapter:
    return GreenhouseAdapter(
        Connection(
            name="acme-greenhouse",
            provider="greenhouse",
            base_url=base_url,
            credentials=credentials if credentials is not None else {"api_key": API_KEY},
            options=options or {},
        ),
        http=client,
    )


def page(body: Any, next_url: str | None = None, *, last: str | None = None) -> httpx.Response:
    links = []
    if next_url:
        links.append(f'<{next_url}>; rel="next"')
    if last:
        links.append(f'<{last}>; rel="last"')
    headers = {"Link": ", ".join(links)} if links else {}
    return httpx.Response(200, json=body, headers=headers)
