"""An upload through the adapter lands in the simulator's dataset, byte for byte, and reads back
through the adapter as one of the application's attachments; the simulator's upload route
refuses what the documented form would not take."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Final

import httpx
import pytest

from providers.base import Connection
from providers.errors import ProviderNotFound
from providers.records import ApplicationRecord, AttachmentType, Resource
from providers.sandbox import Dataset, generate
from providers.smartrecruiters.adapter import SmartRecruitersAdapter
from providers.smartrecruiters.simulator import SIMULATION, create_simulator
from providers.smartrecruiters.simulator.render import encode
from providers.writes import AttachmentInput

R = Resource
DATA: Final[Dataset] = generate(13, 30)
CONTENT: Final = bytes(range(256)) + b"\r\n--not-a-boundary--\r\n"


@pytest.fixture
async def sim() -> AsyncIterator[tuple[SmartRecruitersAdapter, Any, httpx.AsyncClient]]:
    app = create_simulator(DATA, credentials=dict(SIMULATION.credentials))
    async with httpx.AsyncClient(transport=SIMULATION.transport(app), base_url=SIMULATION.base_url) as http:
        connection = Connection(
            name="sr",
            provider="smartrecruiters",
            base_url=SIMULATION.base_url,
            credentials=dict(SIMULATION.credentials),
        )
        yield SmartRecruitersAdapter(connection, http), app, http


def _application() -> ApplicationRecord:
    return next(a for a in DATA.records(R.APPLICATION) if isinstance(a, ApplicationRecord) and a.job_id)


def _ids(a: ApplicationRecord) -> tuple[str, str]:
    candidate = encode(a.candidate_id or "")
    return candidate, f"{candidate}:{encode(a.job_id or '')}"


async def test_an_uploaded_file_reads_back(
    sim: tuple[SmartRecruitersAdapter, Any, httpx.AsyncClient],
) -> None:
    adapter, app, _ = sim
    candidate, application = _ids(_application())
    given = AttachmentInput(
        candidate,
        "portfolio.pdf",
        application_id=application,
        content_type="application/pdf",
        content=CONTENT,
    )
    made = await adapter.upload_attachment(given, None)
    assert (made.file_name, made.application_id, made.candidate_id) == (
        "portfolio.pdf",
        application,
        candidate,
    )
    assert made.attachment_type is AttachmentType.OTHER
    read = (await adapter.list_attachments_by_application_ids([application]))[application]
    assert made in read
    stored = app.state.api.data
    assert list(stored.files.values()) == [CONTENT]
    assert DATA.files == {}  # the shared dataset was forked, never written


async def test_an_upload_for_an_application_that_is_not_there_is_not_found(
    sim: tuple[SmartRecruitersAdapter, Any, httpx.AsyncClient],
) -> None:
    adapter, app, _ = sim
    a = _application()
    nobody = f"{encode('nobody')}:{encode(a.job_id or '')}"
    with pytest.raises(ProviderNotFound):
        await adapter.upload_attachment(
            AttachmentInput(encode("nobody"), "a.pdf", application_id=nobody, content=b"x"), None
        )
    assert app.state.api.data.files == {}


@pytest.mark.parametrize(
    ("data", "files", "message"),
    [
        ({"attachmentType": "RESUME"}, {"file": ("a.pdf", b"x", "application/pdf")}, "attachmentType"),
        ({}, {"file": ("a.pdf", b"x", "application/pdf")}, "attachmentType"),
        ({"attachmentType": "GENERIC_FILE", "other": "y"}, {"other2": ("a.pdf", b"x", "text/plain")}, "file"),
    ],
    ids=["an undocumented type", "no type", "no file part"],
)
async def test_the_simulator_refuses_a_form_the_api_would_not_take(
    sim: tuple[SmartRecruitersAdapter, Any, httpx.AsyncClient], data: dict[str, str], files: Any, message: str
) -> None:
    _, app, http = sim
    candidate, application = _ids(_application())
    job = application.split(":")[1]
    response = await http.post(
        f"/candidates/{candidate}/jobs/{job}/attachments",
        data=data,
        files=files,
        headers={"X-SmartToken": SIMULATION.credentials["api_key"]},
    )
    assert response.status_code == 400
    assert message in response.text
    assert app.state.api.data.files == {}


async def test_the_simulator_refuses_a_body_that_is_not_a_form(
    sim: tuple[SmartRecruitersAdapter, Any, httpx.AsyncClient],
) -> None:
    _, _, http = sim
    candidate, application = _ids(_application())
    response = await http.post(
        f"/candidates/{candidate}/jobs/{application.split(':')[1]}/attachments",
        json={"attachmentType": "GENERIC_FILE"},
        headers={"X-SmartToken": SIMULATION.credentials["api_key"]},
    )
    assert response.status_code == 400
