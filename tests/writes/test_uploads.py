"""uploadAttachment: a GraphQL multipart request through a real HTTP server (uvicorn on a
loopback port), its size limit, and files fetched by URL from public addresses only."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

import providers.egress as egress
from graph.app import create_app
from graph.settings import parse_settings
from providers.records import AttachmentType, Resource
from resolvers.writes import attachments

from ..serving import on_loopback
from .support import client_for, dataset_of, error_of, fresh_options, post, sandbox_config

R = Resource
LIMIT = 1_000
UPLOAD = """
mutation($input: UploadAttachmentInput!) {
  uploadAttachment(input: $input) {
    attachment { id fileName attachmentType candidate { id } application { id } }
  }
}"""


def _config() -> dict[str, Any]:
    config = sandbox_config(fresh_options())
    config["limits"] = {"max_upload_bytes": LIMIT}
    return config


@pytest.fixture
async def served() -> AsyncIterator[tuple[str, Any]]:
    app = create_app(parse_settings(_config()))
    async with on_loopback(app, lifespan="off") as port:
        yield f"http://127.0.0.1:{port}", app.state.pool.adapters["sandbox"].writable()


def _multipart(candidate: str, application: str | None = None) -> dict[str, str]:
    variables: dict[str, Any] = {
        "input": {"candidateId": candidate, "attachmentType": "RESUME", "file": None}
    }
    if application is not None:
        variables["input"]["applicationId"] = application
    return {
        "operations": json.dumps({"query": UPLOAD, "variables": variables}),
        "map": json.dumps({"0": ["variables.input.file"]}),
    }


async def test_a_multipart_upload_over_real_http(served: tuple[str, Any]) -> None:
    base, data = served
    candidate = next(c for c in data.records(R.CANDIDATE) if c.application_ids)
    application = candidate.application_ids[0]
    content = bytes(range(256)) * 2  # binary, not text: it must arrive byte for byte
    async with httpx.AsyncClient(base_url=base) as http:
        response = await http.post(
            "/graphql",
            data=_multipart(candidate.id, application),
            files={"0": ("cv.pdf", content, "application/pdf")},
            headers={"GraphQL-Require-Preflight": "1"},
        )
    assert response.status_code == 200, response.text
    attachment = response.json()["data"]["uploadAttachment"]["attachment"]
    assert attachment["fileName"] == "cv.pdf"
    assert attachment["attachmentType"] == "RESUME"
    assert attachment["candidate"] == {"id": candidate.id}
    assert attachment["application"] == {"id": application}
    assert data.files[attachment["id"]] == content
    assert data.get(R.ATTACHMENT, attachment["id"]).attachment_type is AttachmentType.RESUME


async def test_a_file_over_the_limit_is_refused_unread(served: tuple[str, Any]) -> None:
    base, data = served
    version = data.version
    candidate = data.records(R.CANDIDATE)[0].id
    async with httpx.AsyncClient(base_url=base) as http:
        too_big = await http.post(
            "/graphql",
            data=_multipart(candidate),
            files={"0": ("big.bin", b"x" * (LIMIT + 1), "application/octet-stream")},
            headers={"GraphQL-Require-Preflight": "1"},
        )
        no_preflight = await http.post(
            "/graphql", data=_multipart(candidate), files={"0": ("a.txt", b"hi", "text/plain")}
        )
    assert too_big.status_code == 413
    assert too_big.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert no_preflight.status_code == 400
    assert "GraphQL-Require-Preflight" in no_preflight.json()["errors"][0]["message"]
    assert data.version == version


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(_config()) as client:
        yield client


def _by_url(candidate: str, url: str) -> dict[str, Any]:
    return {"input": {"candidateId": candidate, "url": url}}


async def test_a_private_address_is_never_fetched(
    http: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = dataset_of(http)
    version = data.version
    candidate = data.records(R.CANDIDATE)[0].id
    literal = await post(http, UPLOAD, _by_url(candidate, "http://127.0.0.1:8080/cv.pdf"))
    assert error_of(literal)["extensions"] == {"code": "BAD_USER_INPUT", "field": "input.url"}
    connected: list[str] = []

    async def private(host: str, port: int) -> list[str]:
        return ["10.1.2.3"]

    async def never(*args: Any, **kwargs: Any) -> Any:
        connected.append("tried")
        raise AssertionError("no socket may be opened to a private address")

    monkeypatch.setattr(egress, "resolve", private)
    monkeypatch.setattr(egress, "SOCKETS", never)
    named = await post(http, UPLOAD, _by_url(candidate, "https://files.internal.example/cv.pdf"))
    error = error_of(named)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "input.url"}
    assert "public addresses only" in error["message"]
    assert connected == []
    assert data.version == version
    not_http = await post(http, UPLOAD, _by_url(candidate, "file:///etc/passwd"))
    assert error_of(not_http)["extensions"]["field"] == "input.url"


async def test_a_public_url_is_fetched_within_the_limit(
    http: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = dataset_of(http)
    candidate = data.records(R.CANDIDATE)[0].id
    served = {"/cv.pdf": b"%PDF-1.7 fetched", "/huge.pdf": b"x" * (LIMIT + 10)}

    def handler(request: httpx.Request) -> httpx.Response:
        body = served.get(request.url.path)
        if body is None:
            return httpx.Response(404)
        return httpx.Response(200, content=body, headers={"content-type": "application/pdf"})

    monkeypatch.setattr(
        attachments, "client_factory", lambda: httpx.AsyncClient(transport=httpx.MockTransport(handler))
    )
    ok = await post(http, UPLOAD, _by_url(candidate, "https://cdn.example.com/cv.pdf"))
    attachment = ok["data"]["uploadAttachment"]["attachment"]
    assert attachment["fileName"] == "cv.pdf"
    assert data.files[attachment["id"]] == b"%PDF-1.7 fetched"
    version = data.version
    huge = await post(http, UPLOAD, _by_url(candidate, "https://cdn.example.com/huge.pdf"))
    assert error_of(huge)["extensions"] == {"code": "BAD_USER_INPUT", "field": "input.file", "limit": LIMIT}
    missing = await post(http, UPLOAD, _by_url(candidate, "https://cdn.example.com/gone.pdf"))
    assert "HTTP 404" in error_of(missing)["message"]
    both = await post(http, UPLOAD, {"input": {"candidateId": candidate}})
    assert error_of(both)["extensions"]["field"] == "input.file"
    assert data.version == version


async def test_a_file_must_be_an_upload(http: httpx.AsyncClient) -> None:
    body = await post(
        http,
        'mutation { uploadAttachment(input: {candidateId: "cand_000001", file: "not-a-file"}) { attachment { id } } }',
    )
    assert error_of(body)["extensions"] == {"code": "BAD_USER_INPUT", "field": "input.file"}
