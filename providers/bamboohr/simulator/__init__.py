"""An in-process simulator of BambooHR's applicant-tracking API over a sandbox dataset (ASGI).

Same paths under ``/api/gateway.php/{companyDomain}/v1`` for the one company :data:`COMPANY`
(``kit/simserver.py`` routes the adapter's declared ones; another company's are a 404), HTTP
Basic with the API key as the user (any password, as BambooHR takes), bare arrays for jobs and statuses, ``meta/users`` keyed by id, and applications paged by
``page`` alone at the server's size (:data:`PAGE_SIZE`, whatever ``per_page`` says) with
``paginationComplete``; ``nextPageUrl`` is null, the only value the recordings show.
Rendering is in ``render.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ...kit.simapp import simulator_app
from ...kit.simparts import answer
from ...kit.simparts import sandbox_number as number
from ...kit.simserver import Handler, SimServer
from ...kit.simulator import SimulatorFaults, basic_credentials
from ...query import FilterName
from ...records import Resource
from ...simulation import Simulation, timed_transport
from ..adapter import BambooHRAdapter
from ..apply import APPLICATIONS
from .render import GENERAL_BASE, Renderer
from .writes import Writes

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
PAGE_SIZE: Final = 50
"""BambooHR picks its page size (a recording got 18 applications with ``per_page=2``)."""
RATE_LIMIT: Final = 100
"""BambooHR documents no limit or rate-limit headers: the window only serves enforced-limit tests."""
COMPANY: Final = "demo"
"""The one company domain the simulator serves: BambooHR's key belongs to one company, and a
path naming another is no API of it (a 404, as a path no route serves)."""
BASE_URL: Final = f"https://api.bamboohr.com/api/gateway.php/{COMPANY}/v1"


class _Api:
    def __init__(self, data: Dataset, server: SimServer) -> None:
        self.server = server
        self.render = Renderer(data)

    @cached_property
    def all_applications(self) -> list[dict[str, Any]]:
        """The listing, rendered whole once (a write renders it again)."""
        return self.render.applications()

    async def applications(self, request: Request) -> Response:
        asked = self.server.filters(BambooHRAdapter.endpoints(R.APPLICATION), request)
        job, since = request.query_params.get("jobId"), asked.get(FilterName.CREATED_AFTER)
        found = [
            a
            for a in self.all_applications
            if (not job or str(a["job"]["id"]) == job)
            and (since is None or a["appliedDate"] > since.isoformat())
        ]
        try:
            items, flag = BambooHRAdapter.paging.serve(request.query_params, found, PAGE_SIZE)
        except ValueError:
            return self.server.fail(400)
        broken = self.server.faults.malformed_pages
        return JSONResponse({**flag, "applications": "malformed" if broken else items, "nextPageUrl": None})

    async def application(self, request: Request) -> Response:
        given = request.path_params["id"]
        if given.isdecimal() and int(given) > GENERAL_BASE:  # what int() reads: "²" is a digit too
            wanted = int(given) - GENERAL_BASE
            found = next((c for c in self.render.general if number(c.id) == wanted), None)
            if found is not None:
                return JSONResponse(self.render.general_application(found, detail=True))
        record = self.render.record(R.APPLICATION, given)
        if record is None:
            return self.server.fail(404)
        return JSONResponse(self.render.application(record, detail=True))  # type: ignore[arg-type]

    def routes(self) -> dict[str, Handler]:
        r = self.render
        return {
            APPLICATIONS: self.applications,
            APPLICATIONS + "/{id}": self.application,
            "/applicant_tracking/jobs": answer(r.jobs),
            "/applicant_tracking/statuses": answer(r.statuses),
            "/meta/users": answer(r.users),
            "/meta/lists": answer(r.lists),
        }


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """The BambooHR simulator for ``dataset``; ``credentials`` holds ``api_key``."""
    key = credentials["api_key"]
    server = SimServer(
        authorized=lambda request: (basic_credentials(request) or ("", ""))[0] == key != "",
        rate_limit=RATE_LIMIT,
        rate_headers=("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"),
        faults=faults if faults is not None else SimulatorFaults(),
    )
    api = _Api(dataset, server)
    root = f"/api/gateway.php/{COMPANY}/v1"
    return simulator_app(
        server, root, BambooHRAdapter.resources, api.routes(), Writes(api).routes(), {"api": api}
    )


SIMULATION = Simulation(
    create=create_simulator,
    credentials={"api_key": "demo-bamboohr-key"},
    base_url=BASE_URL,
    transport=timed_transport,
    candidate_ids=lambda c: [str(number(c.id))],
)
"""How demo connections and the benchmark run BambooHRAdapter against this simulator."""

__all__ = ["PAGE_SIZE", "SIMULATION", "SimulatorFaults", "create_simulator"]
