"""Shared set-up of the simulator tests: a small sandbox dataset, clients to the simulator, and
the ids the adapter gives the sandbox records it renders."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

import httpx

from providers import sandbox
from providers.base import Connection
from providers.greenhouse import GreenhouseAdapter
from providers.greenhouse.mapping import ATTACHMENT, attachment_ids
from providers.greenhouse.payloads import GreenhouseAttachment
from providers.greenhouse.simulator import SimulatorFaults, create_simulator, encode_id, simulator_transport
from providers.greenhouse.simulator.render import Renderer
from providers.records import (
    ActivityRecord,
    ActivityType,
    AttachmentRecord,
    CandidateRecord,
    JobFormFieldRecord,
    Resource,
)
from providers.sandbox import Dataset

R = Resource

BASE = "https://harvest.greenhouse.io"
KEY = "sim-harvest-key-5e1"
V3 = {"client_id": "sim-client", "client_secret": "sim-secret-7d", "user_id": "4242"}
SEED, SIZE = 11, 60


def small_dataset() -> Dataset:
    return sandbox.generate(SEED, SIZE)


def app(data: Dataset, faults: SimulatorFaults | None = None) -> Any:
    return create_simulator(data, credentials={"api_key": KEY, **V3}, faults=faults)


def client(application: Any, *, timeout: float = 5.0) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=simulator_transport(application), base_url=BASE, timeout=timeout)


def adapter(http: httpx.AsyncClient, credentials: Mapping[str, str] | None = None) -> GreenhouseAdapter:
    return GreenhouseAdapter(
        Connection(
            name="sim-greenhouse",
            provider="greenhouse",
            base_url=BASE,
            credentials=credentials or {"api_key": KEY},
            options={"token_url": f"{BASE}/token"},
        ),
        http=http,
    )


def adapter_ids(data: Dataset, resource: Resource) -> dict[str, str]:
    """Sandbox id -> the id the Greenhouse adapter gives that record (records the simulator
    cannot render, such as grouped form fields or EEOC answers of candidates without an
    application, are absent)."""
    records = data.records(resource)
    if resource is R.ATTACHMENT:
        out: dict[str, str] = {}
        for c in cast("Sequence[CandidateRecord]", data.records(R.CANDIDATE)):
            rows = [cast("AttachmentRecord", data.get(R.ATTACHMENT, i)) for i in c.attachment_ids or ()]
            parsed = [GreenhouseAttachment.model_validate(ATTACHMENT.render(a)) for a in rows]
            out.update(zip((a.id for a in rows), attachment_ids(str(encode_id(c.id)), parsed), strict=True))
        return out
    if resource is R.ACTIVITY:
        kinds: dict[ActivityType | None, str] = {ActivityType.NOTE: "note", ActivityType.EMAIL: "email"}
        return {
            a.id: f"{kinds.get(a.activity_type, 'activity')}-{encode_id(a.id)}"
            for a in cast("Sequence[ActivityRecord]", records)
        }
    if resource is R.EEOC:
        return {e: str(encode_id(app)) for e, app in Renderer(data).eeoc_application.items()}
    if resource is R.JOB_FORM_FIELD:
        return {
            f.id: f"{encode_id(f.job_id or '')}:{f.name}"
            for f in cast("Sequence[JobFormFieldRecord]", records)
            if f.group_id is None
        }
    return {r.id: str(encode_id(r.id)) for r in records}
