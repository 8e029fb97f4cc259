"""An in-process simulator of Ashby's HTTP API over the sandbox dataset.

``create_simulator(dataset, credentials={"api_key": ...})`` returns a Starlette (ASGI) app
that answers Ashby's RPC reads the way Ashby does: ``POST /<object>.<method>`` with a JSON
body, HTTP Basic auth (the key as username), the ``{success, results, moreDataAvailable,
nextCursor, syncToken}`` envelope, ``limit`` (max 100) + opaque ``cursor`` paging,
``success: false`` answers for unknown ids and bad input, and ``x-ratelimit-*`` headers.
Records are rendered by ``simulator_render*.py``, those of the large lists only when on the
page returned (``simulator_lookup.py``); ids are UUIDs (:func:`encode_id` / :func:`decode_id`
translate). :class:`SimulatorFaults` switches faults on at run time.

Tests reach it with ``httpx.AsyncClient(transport=SimulatorTransport(app), base_url=...)``;
:class:`SimulatorTransport` is ``httpx.ASGITransport`` plus the client's read timeout, which
the plain ASGI transport does not enforce.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

if TYPE_CHECKING:  # the sandbox is only needed to build a simulator, not to import one
    from providers.sandbox import Dataset

from ..simulation import Simulation, TimedASGITransport, timed_transport
from .simulator_api import AshbyApi, Rejected
from .simulator_render import decode_id, encode_id

__all__ = ["SimulatorFaults", "SimulatorTransport", "create_simulator", "decode_id", "encode_id"]

Json = dict[str, Any]
RATE_LIMIT = 1000


@dataclass
class SimulatorFaults:
    """Faults the simulator injects; mutable so a test can flip them while it runs."""

    latency_s: float = 0.0
    """Added before every answer."""
    fail_next_n_with_status: tuple[int, int] | None = None
    """``(n, status)``: the next ``n`` requests fail with HTTP ``status`` (then it resets)."""
    retry_after_s: float | None = None
    """Sent as ``Retry-After`` with an injected 429."""
    timeout: bool = False
    """Sleep :attr:`timeout_s` before answering: longer than any sane client timeout."""
    timeout_s: float = 60.0
    malformed_pages: bool = False
    """List pages come back with records that break Ashby's format (no ``id``)."""


SimulatorTransport = TimedASGITransport


def _authorized(request: Request, api_key: str) -> bool:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        username, _, _password = base64.b64decode(token).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return False
    return username == api_key


def _malformed(payload: Json) -> Json:
    results = payload.get("results")
    if isinstance(results, list):
        return {**payload, "results": [{k: v for k, v in r.items() if k != "id"} for r in results]}
    return payload


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """An ASGI app that serves ``dataset`` as Ashby's API, for the key ``credentials["api_key"]``."""
    api_key = credentials["api_key"]
    faults = faults if faults is not None else SimulatorFaults()
    methods = AshbyApi(dataset).methods()
    remaining = {"n": RATE_LIMIT}

    def headers() -> dict[str, str]:
        remaining["n"] = max(0, remaining["n"] - 1)
        return {
            "x-ratelimit-limit": str(RATE_LIMIT),
            "x-ratelimit-remaining": str(remaining["n"]),
            "x-ashby-request-id": str(uuid.uuid4()),
        }

    async def rpc(request: Request) -> Response:
        if faults.latency_s:
            await asyncio.sleep(faults.latency_s)
        if faults.timeout:
            await asyncio.sleep(faults.timeout_s)
        if faults.fail_next_n_with_status:
            n, status = faults.fail_next_n_with_status
            faults.fail_next_n_with_status = (n - 1, status) if n > 1 else None
            extra = (
                {"Retry-After": f"{faults.retry_after_s:g}"}
                if status == 429 and faults.retry_after_s is not None
                else {}
            )
            return JSONResponse(
                {"success": False, "errors": [f"http_{status}"]}, status, headers={**headers(), **extra}
            )
        if not _authorized(request, api_key):
            return JSONResponse({"success": False, "errors": ["unauthenticated"]}, 401, headers=headers())
        handler = methods.get(request.path_params["method"])
        if handler is None:
            return JSONResponse({"success": False, "errors": ["not_found"]}, 404, headers=headers())
        try:
            body = json.loads(await request.body() or b"{}")
            if not isinstance(body, dict):
                raise Rejected("invalid_input")
            payload = handler(body)
        except json.JSONDecodeError:
            payload = {"success": False, "errors": ["invalid_input"]}
        except Rejected as rejected:
            payload = {"success": False, "errors": [rejected.code]}
        if faults.malformed_pages and request.path_params["method"].endswith(".list"):
            payload = _malformed(payload)
        return JSONResponse(payload, headers=headers())

    return Starlette(routes=[Route("/{method}", rpc, methods=["POST"])])


SIMULATION = Simulation(
    create=create_simulator,
    faults=lambda latency_s: SimulatorFaults(latency_s=latency_s),
    credentials={"api_key": "demo-ashby-key"},
    base_url="https://api.ashbyhq.com",
    transport=timed_transport,
)
"""How demo connections and the benchmark run AshbyAdapter against this simulator."""
