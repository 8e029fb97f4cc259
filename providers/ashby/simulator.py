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

import json
import math
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

if TYPE_CHECKING:  # the sandbox is only needed to build a simulator, not to import one
    from providers.sandbox import Dataset

from ..kit.simulator import RateWindow, SimulatorFaults, basic_credentials
from ..simulation import Simulation, TimedASGITransport, timed_transport
from .simulator_api import AshbyApi, Rejected
from .simulator_render import decode_id, encode_id

__all__ = ["SimulatorFaults", "SimulatorTransport", "create_simulator", "decode_id", "encode_id"]

Json = dict[str, Any]
RATE_LIMIT = 1000


SimulatorTransport = TimedASGITransport


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
    window = RateWindow(math.inf)  # Ashby documents no window: the count never resets

    def headers() -> dict[str, str]:
        window.take()
        return {
            "x-ratelimit-limit": str(RATE_LIMIT),
            "x-ratelimit-remaining": str(window.remaining(RATE_LIMIT)),
            "x-ashby-request-id": str(uuid.uuid4()),
        }

    async def rpc(request: Request) -> Response:
        await faults.delay()
        status = faults.take_failure()
        if status is not None:
            extra = (
                {"Retry-After": f"{faults.retry_after_s:g}"}
                if status == 429 and faults.retry_after_s is not None
                else {}
            )
            return JSONResponse(
                {"success": False, "errors": [f"http_{status}"]}, status, headers={**headers(), **extra}
            )
        sent = basic_credentials(request)  # the key is the username; the password is ignored
        if sent is None or sent[0] != api_key:
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
    credentials={"api_key": "demo-ashby-key"},
    base_url="https://api.ashbyhq.com",
    transport=timed_transport,
)
"""How demo connections and the benchmark run AshbyAdapter against this simulator."""
