"""An in-process simulator of Ashby's API over a sandbox dataset (an ASGI app).

``POST /<object>.<method>`` with a JSON body, HTTP Basic auth (the key as username), the
``{success, results, moreDataAvailable, nextCursor, syncToken}`` envelope, ``limit`` (max 100)
and opaque ``cursor`` paging, ``success: false`` for unknown ids and bad input, and
``x-ratelimit-*`` headers; the writes (``writes.py``) change the dataset. Auth, faults and the rate-limit count are the kit's
(``kit/simserver.py``) around the one RPC route; ``api.py`` answers each method, ``render.py``
renders the records through the adapter's mapping.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from starlette.applications import Starlette
from starlette.routing import Route

from ...kit.rpc import rpc_handler
from ...kit.simserver import SimServer
from ...kit.simulator import SimulatorFaults, basic_credentials
from ...simulation import Simulation, TimedASGITransport, timed_transport
from .api import AshbyApi
from .render import decode_id, encode_id
from .writes import AshbyWriteApi

if TYPE_CHECKING:
    from ...sandbox import Dataset

__all__ = ["SimulatorFaults", "SimulatorTransport", "create_simulator", "decode_id", "encode_id"]

RATE_LIMIT: Final = 1000
NEVER_S: Final = 1e12
"""Ashby documents no rate window: the count of a simulator's requests never resets, and no
``x-ratelimit-reset`` is sent (the recorded one came through a proxy; see the fixtures' README)."""
ERROR_CODES: Final = {401: "unauthenticated", 404: "not_found"}

SimulatorTransport = TimedASGITransport


def _failure(code: str) -> dict[str, Any]:
    """A refused call: HTTP 200, ``success: false`` and the error code."""
    return {"success": False, "errors": [code]}


def _malformed(method: str, payload: dict[str, Any]) -> dict[str, Any]:
    """A broken list page, Ashby's way: records without their ``id``."""
    results = payload.get("results")
    if method.endswith(".list") and isinstance(results, list):
        return {**payload, "results": [{k: v for k, v in r.items() if k != "id"} for r in results]}
    return payload


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """An ASGI app serving ``dataset`` as Ashby's API, for the key ``credentials["api_key"]``."""
    key = credentials["api_key"]
    server = SimServer(
        authorized=lambda request: (sent := basic_credentials(request)) is not None and sent[0] == key,
        rate_limit=RATE_LIMIT,
        rate_headers=("x-ratelimit-limit", "x-ratelimit-remaining", ""),
        window_s=NEVER_S,
        headers=lambda: {"x-ashby-request-id": str(uuid.uuid4())},
        faults=faults if faults is not None else SimulatorFaults(),
        error=lambda status, _message: _failure(ERROR_CODES.get(status, f"http_{status}")),
    )
    api = AshbyApi(dataset)
    methods = {**api.methods(), **AshbyWriteApi(api, server).methods()}

    handler = rpc_handler(server, methods, _failure, malformed=_malformed)
    return server.routed([Route("/{method}", server.guarded(handler), methods=["POST"])])


SIMULATION = Simulation(
    create=create_simulator,
    credentials={"api_key": "demo-ashby-key"},
    base_url="https://api.ashbyhq.com",
    transport=timed_transport,
    candidate_ids=lambda c: [encode_id(c.id)],
)
"""How demo connections and the benchmark run AshbyAdapter against this simulator."""
