"""Helpers for tests that talk to an in-process hiregraph app."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import httpx

from graph.app import create_app
from graph.settings import parse_settings
from providers.registry import PROVIDERS

README_PIPELINE: Final = (
    (Path(__file__).resolve().parents[2] / "README.md")
    .read_text()
    .split("```graphql", 1)[1]
    .split("```", 1)[0]
)
"""The README's first query, read from the README itself (the demos are held to it)."""

SMALL = {"seed": 7, "size": 60}


class GraphQLClient:
    """Posts GraphQL to an in-process app and returns the decoded body."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def post(
        self, query: str, variables: Mapping[str, Any] | None = None, *, connection: str | None = None
    ) -> dict[str, Any]:
        headers = {"X-Hiregraph-Connection": connection} if connection else {}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, variables: Mapping[str, Any] | None = None, **kw: Any) -> Any:
        body = await self.post(query, variables, **kw)
        assert "errors" not in body, body["errors"]
        return body["data"]


def make_client(config: Mapping[str, Any], providers: Mapping[str, Any] = PROVIDERS) -> httpx.AsyncClient:
    app = create_app(parse_settings(config, "test config"), providers=providers)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hiregraph.test")
