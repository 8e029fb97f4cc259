"""uploadAttachment on a Lever connection, end to end over real sockets: a GraphQL multipart
request to the gateway (uvicorn on loopback), the gateway's own transport sending Lever's
multipart upload to the Lever simulator (uvicorn on another loopback port), the file stored
byte for byte, and the file read back through the same connection."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any, cast

import httpx
import pytest

from graph.app import create_app
from graph.settings import parse_settings
from providers import sandbox
from providers.records import ApplicationRecord, Resource

from ...serving import on_loopback
from .conftest import API_KEY
from .simulator_support import simulator

R = Resource
UPLOAD = """
mutation($input: UploadAttachmentInput!) {
  uploadAttachment(input: $input) { attachment { id fileName candidate { id } application { id } } }
}"""
READ = """
query($id: ID!) { application(id: $id) { attachments { id fileName } } }"""


@pytest.fixture
async def gateway() -> AsyncIterator[tuple[httpx.AsyncClient, Any, ApplicationRecord]]:
    data = sandbox.generate(23, 8)
    app = next(a for a in cast("list[ApplicationRecord]", data.records(R.APPLICATION)) if a.job_id)
    lever = simulator(data)
    async with on_loopback(lever, lifespan="off") as lever_port:
        config = {
            "connections": {
                "lever": {
                    "provider": "lever",
                    "base_url": f"http://127.0.0.1:{lever_port}/v1",
                    "credentials": {"api_key": API_KEY},
                    "actor_id": data.records(R.USER)[0].id,
                    "include_confidential": True,
                }
            }
        }
        served = create_app(parse_settings(config, "test config"))
        async with (
            on_loopback(served, lifespan="off") as port,
            httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as http,
        ):
            yield http, lever, app


async def test_a_multipart_upload_reaches_lever_byte_for_byte(
    gateway: tuple[httpx.AsyncClient, Any, ApplicationRecord],
) -> None:
    http, lever, app = gateway
    content = bytes(range(256)) * 4 + b"\r\n--not-a-boundary--\r\n"
    variables = {"input": {"candidateId": app.candidate_id, "applicationId": app.id, "file": None}}
    response = await http.post(
        "/graphql",
        data={
            "operations": json.dumps({"query": UPLOAD, "variables": variables}),
            "map": json.dumps({"0": ["variables.input.file"]}),
        },
        files={"0": ("offer-letter.pdf", content, "application/pdf")},
        headers={"GraphQL-Require-Preflight": "1"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    made = body["data"]["uploadAttachment"]["attachment"]
    assert made["fileName"] == "offer-letter.pdf"
    assert made["candidate"] == {"id": app.candidate_id}
    assert made["application"] == {"id": app.id}
    assert list(lever.state.writes.dataset.files.values()) == [content]

    read = (await http.post("/graphql", json={"query": READ, "variables": {"id": app.id}})).json()
    assert {"id": made["id"], "fileName": "offer-letter.pdf"} in read["data"]["application"]["attachments"]


async def test_lever_needs_the_application(gateway: tuple[httpx.AsyncClient, Any, ApplicationRecord]) -> None:
    http, lever, app = gateway
    variables = {"input": {"candidateId": app.candidate_id, "file": None}}
    response = await http.post(
        "/graphql",
        data={
            "operations": json.dumps({"query": UPLOAD, "variables": variables}),
            "map": json.dumps({"0": ["variables.input.file"]}),
        },
        files={"0": ("cv.pdf", b"%PDF", "application/pdf")},
        headers={"GraphQL-Require-Preflight": "1"},
    )
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "input.applicationId"
    assert lever.state.writes.dataset.files == {}
