"""An in-process simulator of Pinpoint's API over a sandbox dataset (an ASGI app).

Same paths (under ``/api/v1``), JSON:API documents (``render.py``, ``kit/jsonapi_serve.py``),
``page[number]``/``page[size]`` (100 by default and at most), ``sort``, ``include=stages`` on
jobs and the interview parts on interviews, ``extra_fields[applications]``, the ``X-API-KEY``
header (401) and JSON:API ``errors`` bodies. Its routes are the adapter's declared paths
(``kit/simserver.py``).

Every sandbox candidate is listed: each has applications, which carry its person fields and its
own e-mail, so grouping the applications by e-mail gives back exactly the sandbox's candidates.

Writes are applied to the sandbox by its own writer (``providers/sandbox/writes.py``), so that a
write through the adapter reads back; the first forks the dataset (a shared one is never
written). ``POST /applications`` takes the person's fields and the ``job`` relationship (the
official example's, answers not taken): the person is the sandbox candidate with that e-mail,
or a new one. ``PUT /applications/{id}`` takes the ``stage`` relationship (the schema's name).
Each answers the application, 201 and 200 (JSON:API's; Pinpoint's answers were not captured).
What the sandbox refuses is a 422 with a JSON:API error whose ``source.pointer`` names the member.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from starlette.applications import Starlette
from starlette.requests import Request

from ...kit.jsonapi import errors_body
from ...kit.jsonapi_serve import DocumentRoutes, of_type, required_text
from ...kit.people import person_input
from ...kit.simapp import simulator_app
from ...kit.simserver import Handler, SimServer
from ...kit.simulator import Refused, SimulatorFaults
from ...records import Record, Resource
from ...sandbox.writes import SandboxWriter
from ...simulation import Simulation, timed_transport
from ...writes import ApplicationInput, CandidateInput, StageMove
from ..adapter import API_ROOT, PAGE_SIZE, PinpointAdapter
from ..mapping import person
from .render import Renderer

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
RATE_LIMIT: Final = 100
"""No number was found in the sources read (429 is documented): any will do. Nor were header
names: the rate headers below are the simulator's own, which the adapter does not read (a
429 is handled as for every provider)."""
BASE_URL: Final = "https://demo.pinpointhq.com/api/v1"
POINTERS: Final = {
    "input.jobId": "/data/relationships/job",
    "input.stageId": "/data/relationships/stage",
}
"""Where in the request document a field the sandbox refused came from (else ``/data``)."""


class _Api(DocumentRoutes):
    render: Renderer

    def __init__(self, dataset: Dataset, server: SimServer) -> None:
        super().__init__(dataset, server, Renderer(dataset), PinpointAdapter, PAGE_SIZE)

    def routes(self) -> dict[str, Handler]:
        """The declared paths, those two declarations share (an application's attachments are
        read from it, the stages from the jobs) answered as the first, and the notes."""
        return {
            **super().routes(),
            "/applications/{id}": self.getter(R.APPLICATION),
            "/jobs": self.lister(R.JOB),
            "/users/{id}": self.getter(R.USER),
            "/comments": self.lister(R.ACTIVITY, self.notes),
            "/comments/{id}": self.note,
        }

    def writes(self) -> list[tuple[str, str, Handler]]:
        return [
            ("POST", "/applications", self.write_route(self.create, 201, POINTERS, "/data")),
            ("PUT", "/applications/{id}", self.write_route(self.move, 200, POINTERS, "/data")),
        ]

    def create(self, request: Request, data: dict[str, Any], w: SandboxWriter) -> Record:
        data = of_type(data, "applications")
        attributes = data.get("attributes")
        if not isinstance(attributes, dict):
            raise Refused(400, "Bad request")
        for name in ("first_name", "last_name", "email"):
            required_text(data, name, stripped=True)
        job = self.linked_sandbox_id(data, "job", R.JOB, "input.jobId", "job must exist")
        known = self.render.record(R.CANDIDATE, person(attributes["email"]) or "")  # that e-mail's
        if known is not None:
            return w.create_application(ApplicationInput(job, candidate_id=known.id))
        new = person_input(attributes, first="first_name", last="last_name", phone="phone")
        return w.create_application(ApplicationInput(job, candidate=CandidateInput(**new)))

    def move(self, request: Request, data: dict[str, Any], w: SandboxWriter) -> Record:
        app = self.at_path(request, R.APPLICATION)
        data = of_type(data, "applications")
        stage = self.linked_sandbox_id(
            data, "stage", R.JOB_INTERVIEW_STAGE, "input.stageId", "stage must exist"
        )
        return w.move_application_stage(StageMove(app.id, stage))


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """The Pinpoint simulator for ``dataset``; ``credentials`` holds ``api_key``."""
    key = credentials["api_key"]
    server = SimServer(
        authorized=lambda request: request.headers.get("X-API-KEY") == key,
        rate_limit=RATE_LIMIT,
        rate_headers=("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"),
        faults=faults if faults is not None else SimulatorFaults(),
        error=errors_body,
    )
    api = _Api(dataset, server)
    return simulator_app(
        server, API_ROOT, PinpointAdapter.resources, api.routes(), api.writes(), {"api": api}
    )


SIMULATION = Simulation(
    create=create_simulator,
    credentials={"api_key": "demo-pinpoint-key"},
    base_url=BASE_URL,
    transport=timed_transport,
    options={"subdomain": "demo"},
    candidate_ids=lambda c: [person(c.emails[0].email) or c.id] if c.emails else [c.id],
)
"""How demo connections and the benchmark run PinpointAdapter against this simulator."""

__all__ = ["SIMULATION", "SimulatorFaults", "create_simulator"]
