"""An in-process simulator of Workable's SPI v3 API over a sandbox dataset (an ASGI app).

Same paths (under ``/spi/v3``), envelopes (``{<collection>: [...], paging: {next}}``, bare arrays
for departments and disqualification reasons), keyset paging (``limit`` <= 100, ``since_id``,
a full ``next`` URL, no ``paging`` on the last page), Bearer auth (401 ``{"error": ...}``),
``X-Rate-Limit-*`` headers (10 requests per 10 s window, as for account tokens) and the filters
the adapter uses. The routes are the adapter's declared paths (``kit/simserver.py``); the
handlers (``api.py``) pick the records, ``render.py`` names and renders them.

Faults are switched at run time through the mutable :class:`SimulatorFaults`. Reach the app with
``httpx.AsyncClient(transport=simulator_transport(app), base_url=...)``: that transport enforces
the client's read timeout, which httpx's plain ``ASGITransport`` does not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from starlette.applications import Starlette

from ...kit.simserver import SimServer
from ...kit.simulator import SimulatorFaults, bearer_token
from ...kit.simwrites import add_routes
from ...records import Resource
from ...simulation import Simulation, timed_transport
from ..adapter import API_ROOT, WorkableAdapter
from .api import _Api
from .render import IdCodec, hex_id
from .writes import Writes

if TYPE_CHECKING:
    from ...sandbox import Dataset

RATE_LIMIT: Final = 10
RATE_WINDOW_S: Final = 10

__all__ = ["IdCodec", "SimulatorFaults", "create_simulator", "simulator_transport"]


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """The Workable simulator for ``dataset``; ``credentials`` holds ``api_token`` and ``subdomain``."""
    token = credentials["api_token"]
    server = SimServer(
        authorized=lambda request: bearer_token(request) == token,
        rate_limit=RATE_LIMIT,
        rate_headers=("X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset"),
        window_s=RATE_WINDOW_S,
        faults=faults if faults is not None else SimulatorFaults(),
    )
    api = _Api(dataset, credentials.get("subdomain", "sandbox"), server)
    extra = {"/jobs/{id}/candidates": api.job_candidates, "/accounts/{subdomain}": api.account}
    app = server.app(API_ROOT, WorkableAdapter.resources, api.routes(), extra)
    add_routes(app, server, API_ROOT, Writes(api).routes())
    app.state.api = api
    app.state.faults = server.faults
    app.state.ids = api.ids
    return app


simulator_transport = timed_transport
"""An ASGI transport to a simulator app that honours the client's read timeout."""


SIMULATION = Simulation(
    create=create_simulator,
    credentials={"api_token": "demo-workable-token", "subdomain": "sandbox"},
    base_url="https://sandbox.workable.com/spi/v3",
    transport=simulator_transport,
    listed_from={Resource.CANDIDATE: Resource.APPLICATION},  # a Workable candidate is one application
    candidate_ids=lambda c: [hex_id(a) for a in c.application_ids or ()],
)
"""How demo connections and the benchmark run WorkableAdapter against this simulator."""
