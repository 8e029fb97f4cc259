"""Helpers for the write tests: a fresh sandbox account per test, and the app around it.

Each connection writes to its own fork of the generated dataset, so tests could share seeds;
they still take fresh ones (``HIREGRAPH_TEST_WRITE_SEED`` picks the first) so that a test
relying on a lucky record shows up when the seeds change."""

from __future__ import annotations

import itertools
import os
from collections.abc import Mapping
from typing import Any, Final

import httpx

from graph.app import create_app
from graph.settings import parse_settings
from providers.base import ProviderAdapter
from providers.registry import PROVIDERS
from providers.sandbox.adapter import SandboxAdapter
from providers.sandbox.dataset import Dataset

SIZE: Final = 40
_seeds = itertools.count(int(os.environ.get("HIREGRAPH_TEST_WRITE_SEED", "90001")))


def fresh_options() -> dict[str, Any]:
    return {"seed": next(_seeds), "size": SIZE}


def sandbox_config(options: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    return {"connections": {"sandbox": {"provider": "sandbox", **options, **extra}}}


def client_for(
    config: Mapping[str, Any], providers: Mapping[str, type[ProviderAdapter]] = PROVIDERS
) -> httpx.AsyncClient:
    app = create_app(parse_settings(config, "test config"), providers=providers)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hiregraph.test")


def dataset_of(http: httpx.AsyncClient, name: str = "sandbox") -> Dataset:
    """The connection's own (writable) account: the dataset its writes land in."""
    transport = http._transport
    assert isinstance(transport, httpx.ASGITransport)
    adapter = transport.app.state.pool.adapters[name]  # type: ignore[attr-defined]
    assert isinstance(adapter, SandboxAdapter)
    return adapter.writable()


async def post(
    http: httpx.AsyncClient, query: str, variables: Mapping[str, Any] | None = None, **headers: str
) -> dict[str, Any]:
    response = await http.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def error_of(body: Mapping[str, Any]) -> dict[str, Any]:
    errors = body.get("errors")
    assert errors, body
    assert len(errors) == 1, body
    error: dict[str, Any] = errors[0]
    return error


CREATE_CANDIDATE: Final = """
mutation($input: CandidateInput!, $key: String) {
  createCandidate(input: $input, idempotencyKey: $key) {
    replayed
    candidate { id name emails { email } tags { name } applications { id } }
  }
}"""

ADA: Final = {"firstName": "Ada", "lastName": "Lovelace", "emails": [{"email": "ada@example.com"}]}
