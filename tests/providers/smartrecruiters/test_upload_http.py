"""uploadAttachment on a SmartRecruiters connection, end to end over real sockets: a GraphQL
multipart request to the gateway (uvicorn on loopback), the gateway's own transport sending
SmartRecruiters' multipart form to the SmartRecruiters simulator (uvicorn on another loopback
port), the file stored byte for byte, and the file read back through the same connection's
adapter and through the gateway (``application.attachments``, read under the application)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from graph.app import create_app
from graph.settings import parse_settings
from providers.records import ApplicationRecord, Resource
from providers.sandbox import generate
from providers.smartrecruiters.simulator import SIMULATION, create_simulator
from providers.smartrecruiters.simulator.render import encode

from ...serving import on_loopback

R = Resource
READ = "query($id: ID!) { application(id: $id) { attachments { id fileName } } }"
UPLOAD = """
mutation($input: UploadAttachmentInput!) {
  uploadAttachment(input: $input) {
    attachment { id fileName attachmentType candidate { id } application { id } }
  }
}"""
Served = tuple[httpx.AsyncClient, Any, Any, str, str]


@pytest.fixture
async def gateway() -> AsyncIterator[Served]:
    data = generate(23, 8)
    a = next(x for x in data.records(R.APPLICATION) if isinstance(x, ApplicationRecord) and x.job_id)
    candidate = encode(a.candidate_id or "")
    application = f"{candidate}:{encode(a.job_id or '')}"
    sim = create_simulator(data, credentials=dict(SIMULATION.credentials))
    async with on_loopback(sim, lifespan="off") as sim_port:
        config = {
            "connections": {
                "sr": {
                    "provider": "smartrecruiters",
                    "base_url": f"http://127.0.0.1:{sim_port}",
                    "credentials": dict(SIMULATION.credentials),
                }
            }
        }
        served = create_app(parse_settings(config, "test config"))
        async with (
            on_loopback(served, lifespan="off") as port,
            httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as http,
        ):
            yield http, sim, served.state.pool.adapters["sr"], candidate, application


async def _upload(http: httpx.AsyncClient, given: dict[str, Any], content: bytes) -> dict[str, Any]:
    response = await http.post(
        "/graphql",
        data={
            "operations": json.dumps({"query": UPLOAD, "variables": {"input": {**given, "file": None}}}),
            "map": json.dumps({"0": ["variables.input.file"]}),
        },
        files={"0": ("portfolio.pdf", content, "application/pdf")},
        headers={"GraphQL-Require-Preflight": "1"},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_a_multipart_upload_reaches_smartrecruiters_byte_for_byte(gateway: Served) -> None:
    http, sim, adapter, candidate, application = gateway
    content = bytes(range(256)) * 4 + b"\r\n--not-a-boundary--\r\n"
    body = await _upload(http, {"candidateId": candidate, "applicationId": application}, content)
    assert "errors" not in body, body
    made = body["data"]["uploadAttachment"]["attachment"]
    assert made["fileName"] == "portfolio.pdf"
    assert made["attachmentType"] == "OTHER"
    assert made["candidate"] == {"id": candidate}
    assert made["application"] == {"id": application}
    assert list(sim.state.api.data.files.values()) == [content]

    read = (await adapter.list_attachments_by_application_ids([application]))[application]
    assert (made["id"], "portfolio.pdf") in [(a.id, a.file_name) for a in read]
    listed = await http.post(
        "/graphql",
        json={"query": READ, "variables": {"id": application}},
        headers={"GraphQL-Require-Preflight": "1"},
    )
    files = listed.json()["data"]["application"]["attachments"]
    assert {"id": made["id"], "fileName": "portfolio.pdf"} in files


@pytest.mark.parametrize(
    ("extra", "code", "field"),
    [
        ({"attachmentType": "RESUME"}, "NOT_SUPPORTED_BY_PROVIDER", None),
        ({}, "BAD_USER_INPUT", "input.applicationId"),
    ],
    ids=["a resume", "no application"],
)
async def test_refused_before_any_call(
    gateway: Served, extra: dict[str, Any], code: str, field: str | None
) -> None:
    http, sim, _, candidate, application = gateway
    given = {"candidateId": candidate, **({"applicationId": application} if extra else {}), **extra}
    body = await _upload(http, given, b"%PDF")
    (error,) = body["errors"]
    assert error["extensions"]["code"] == code
    assert error["extensions"].get("field") == field
    assert sim.state.api.data.files == {}
