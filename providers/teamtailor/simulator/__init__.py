"""An in-process simulator of Teamtailor's API over a sandbox dataset (an ASGI app).

Same paths (under ``/v1``), JSON:API documents with ``include=`` (``render.py``), page numbers
(``page[size]`` default 10, at most 30, ``links.next``, ``meta.record-count``), inclusive
``[from]``/``[to]`` bounds and ``sort=``, the token header (401), the required
``X-Api-Version`` (406), JSON:API ``errors`` bodies and the ``X-Rate-Limit-*`` headers. Its
routes are the adapter's declared paths (``kit/simserver.py``), and the writes the adapter
makes (``writes.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response

from ...kit.jsonapi import errors_body
from ...kit.mapping import Json
from ...kit.simapp import simulator_app
from ...kit.simquery import required_header
from ...kit.simserver import Handler, SimServer
from ...kit.simulator import SimulatorFaults
from ...records import JobRecord, Record, Resource
from ...simulation import Simulation, timed_transport
from ..adapter import API_ROOT, API_VERSION, MAX_PAGE, TeamtailorAdapter
from ..mapping import JOB_STATUS
from .render import Renderer, number
from .writes import Writes

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
DEFAULT_SIZE: Final = 10
RATE_LIMIT: Final = 50
"""The documentation calls its rate-limit headers static and gives no number: any will do."""
BASE_URL: Final = "https://api.teamtailor.com/v1"

_WORDS: Final = {v: k for k, v in JOB_STATUS.items()}
"""A job's ``human-status`` as the mapping renders it (``filter[status]`` matches it)."""


def page_meta(count: int, pages: int) -> Json:
    """A list answer's ``meta`` as Teamtailor writes it."""
    return {"record-count": count, "page-count": pages}


class _Api(Writes):
    not_found = "Record not found"
    inclusive = True  # Teamtailor's [from]/[to] bounds include the bound
    render: Renderer

    def __init__(self, dataset: Dataset, server: SimServer) -> None:
        render = Renderer(dataset, BASE_URL)
        super().__init__(dataset, server, render, TeamtailorAdapter, DEFAULT_SIZE, page_meta)

    def jobs(self, request: Request) -> Sequence[Record]:
        """The jobs of ``filter[status]`` (published ones by default); the department and
        location filters are the declared children's (``DocumentRoutes.lister``)."""
        status = request.query_params.get("filter[status]", "published")
        jobs = [j for j in self.data.records(R.JOB) if isinstance(j, JobRecord)]
        return [j for j in jobs if status == "all" or (j.status and _WORDS.get(j.status)) == status]

    async def company(self, request: Request) -> Response:
        return self.one(request, next(iter(self.data.records(R.ORGANIZATION)), None))

    def routes(self) -> dict[str, Handler]:
        return {
            **super().routes(),
            "/jobs": self.lister(R.JOB, self.jobs),
            "/notes": self.lister(R.ACTIVITY, self.notes),
            "/notes/{id}": self.note,
        }


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """The Teamtailor simulator for ``dataset``; ``credentials`` holds ``api_key``."""
    expected = f"Token token={credentials['api_key']}"
    version = credentials.get("api_version") or API_VERSION
    versioned = required_header(
        "X-Api-Version", version, errors_body, 406, "Invalid or missing X-Api-Version"
    )
    server = SimServer(
        authorized=lambda request: request.headers.get("Authorization") == expected,
        rate_limit=RATE_LIMIT,
        rate_headers=("X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset"),
        faults=faults if faults is not None else SimulatorFaults(),
        error=errors_body,
    )
    api = _Api(dataset, server)
    reads = {**api.routes(), "/company": api.company}
    return simulator_app(
        server, API_ROOT, TeamtailorAdapter.resources, reads, api.writes(), {"api": api}, wrap=versioned
    )


SIMULATION = Simulation(
    create=create_simulator,
    credentials={"api_key": "demo-teamtailor-key"},
    base_url=BASE_URL,
    transport=timed_transport,
    candidate_ids=lambda c: [number(c.id)],
)
"""How demo connections and the benchmark run TeamtailorAdapter against this simulator."""

__all__ = ["MAX_PAGE", "SIMULATION", "SimulatorFaults", "create_simulator"]
