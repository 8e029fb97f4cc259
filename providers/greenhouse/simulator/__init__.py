"""An in-process Greenhouse Harvest simulator: the sandbox dataset behind Harvest's wire format.

``create_simulator(dataset, credentials=..., faults=...)`` is a Starlette app serving every path
the adapter declares (``kit/simserver.py`` guards them: faults, auth, ``X-RateLimit-*``
headers), under ``/v1`` (Basic auth with ``api_key``; ``page``/``per_page`` with ``Link``
next/prev/last) and ``/v3`` (Bearer tokens from ``POST /token`` for ``client_id`` +
``client_secret`` + ``user_id``; ``per_page`` first, then ``Link`` next URLs whose ``cursor`` is
the only parameter), with the adapter's own ``Paginator`` and the filters it declares.
Reach it with ``httpx.AsyncClient(transport=simulator_transport(app), base_url=...)``.

Ids: Greenhouse uses integers, the sandbox ``<prefix>_<number>`` strings; :func:`encode_id`
maps one to the other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ...kit.dataserve import DataHandler, DataServer, Listing, renders_of
from ...kit.paging import LinkHeaderPaging, at_base_url
from ...kit.simcursors import CursorStore
from ...kit.simserver import SimServer, declared_paths
from ...kit.simtokens import ClientCredentialsTokens
from ...kit.simulator import SimulatorFaults, basic_credentials
from ...kit.simwrites import add_routes
from ...query import FilterName
from ...records import Resource
from ...simulation import Simulation, timed_transport
from ..adapter import GreenhouseAdapter
from .render import JSON, Renderer, encode_id
from .writes import WRITES, write_endpoint

if TYPE_CHECKING:
    from ...sandbox import Dataset

__all__ = ["SimulatorFaults", "create_simulator", "encode_id", "simulator_transport"]

F = FilterName
R = Resource
RATE_LIMIT: Final = 50
"""Requests per 10-second window announced in ``X-RateLimit-Limit`` (the docs' example value)."""
TOKEN_TTL_S: Final = 3600
DEFAULT_PER_PAGE: Final = 100
"""``per_page`` when a list request names none (the docs' default)."""


def _error(status: int, message: str) -> Response:
    return JSONResponse({"message": message}, status_code=status)


class Simulator:
    """The state behind the app: dataset indexes, tokens, cursors and faults."""

    def __init__(self, data: Dataset, credentials: Mapping[str, str], faults: SimulatorFaults) -> None:
        # Writes change the account: a shared (generated) dataset is forked, which shares its
        # records until one is written.
        self.data = data if data.writable else data.fork()
        data = self.data
        self.render = Renderer(data)
        # Harvest pages only the per-application children it is asked 500 a page of.
        paged = lambda path: "per_page" in path  # noqa: E731
        self.serve = DataServer(
            data, self.find, renders_of(self.render), {R.APPLICATION: "applied_at"}, paged
        )
        self.credentials = dict(credentials)
        self.faults = faults
        self.oauth = ClientCredentialsTokens(self.credentials, {"sub": "user_id"}, TOKEN_TTL_S)
        self.tokens = self.oauth.tokens
        self.cursors = CursorStore()
        self.by_number = {r: {encode_id(x.id): x.id for x in data.records(r)} for r in Resource}
        """Greenhouse integer -> sandbox id, per resource (ids, not records: a write replaces a
        record, never its id)."""
        self.custom_fields: list[JSON] = []
        """The account's candidate custom fields (``GET /v1/custom_fields/candidate``), in
        Harvest's shape: none by default; a test adds one (``required: true``) to have writes
        demand it."""
        self.server = SimServer(
            authorized=self.authorized,
            rate_limit=RATE_LIMIT,
            rate_headers=("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"),
            faults=faults,
            error=lambda _status, message: {"message": message},
            # Harvest announces only the limit and what remains, but on a 429; a test's fault
            # sets an enforced limit's Retry-After
            reset_when_limited=True,
            fault_retry_after=True,
        )

    def authorized(self, request: Request) -> bool:
        if request.url.path.startswith("/v3/"):
            return self.oauth.valid(request)
        return "api_key" in self.credentials and basic_credentials(request) == (
            self.credentials["api_key"],
            "",
        )

    # -- the request: a v3 cursor, the handler's records, a page ------------------------------
    def endpoint(self, handler: DataHandler) -> Callable[[Request], Any]:
        async def answer(request: Request) -> Response:
            path, params, offset = request.url.path, dict(request.query_params), 0
            if path.startswith("/v3/"):
                resumed = self.cursors.resume(path, params)
                if isinstance(resumed, str):
                    return _error(422, resumed)
                params, offset = resumed
            number = request.path_params.get("id", "")
            result = handler(params, number) if number.isdecimal() or not number else None
            if result is None:
                return _error(404, "Resource not found")
            if not isinstance(result, Listing):
                return JSONResponse(result)
            return self.page(request, params, offset, result)

        return answer

    def page(self, request: Request, params: dict[str, str], offset: int, listing: Listing) -> Response:
        paging = at_base_url(GreenhouseAdapter.paging, str(request.base_url).rstrip("/"))
        assert isinstance(paging, LinkHeaderPaging)
        url = f"{paging.base_url}{quote(request.url.path)}"  # as sent: a header is latin-1 ("٣" is an id)
        try:
            if request.url.path.startswith("/v3/"):
                rows, links = paging.serve_cursor(
                    url,
                    params,
                    listing.records,
                    DEFAULT_PER_PAGE,
                    offset,
                    self.cursors.saver(request.url.path),
                )
            else:
                rows, links = paging.serve_numbered(url, params, listing.records, DEFAULT_PER_PAGE)
        except ValueError:
            return _error(422, "per_page and page must be integers")
        body = [x for x in (listing.render(r) for r in rows) if x is not None]
        if self.faults.malformed_pages:  # ids that are not Greenhouse integers
            body = [{**x, "id": f"malformed-{n}"} for n, x in enumerate(body)]
        return JSONResponse(body, headers=links)

    # -- which records each path serves ---------------------------------------------------------
    def find(self, resource: Resource, wire_id: str | int) -> Any:
        """The record of ``resource`` a Greenhouse id names (None: none)."""
        text = str(wire_id)
        # isdecimal: the digits int() reads ("²" is a digit it cannot)
        found = self.by_number[resource].get(int(text)) if text.isdecimal() else None
        return None if found is None else self.data.get(resource, found)

    def changed(self) -> None:
        """After a write: new records get their numbers (new ids are appended, the largest),
        and the renderer forgets what it kept."""
        for resource, numbers in self.by_number.items():
            rows = self.data.records(resource)
            for record in rows[len(numbers) :]:
                numbers[encode_id(record.id)] = record.id
        self.render.changed()

    def by_ids(self, handler: DataHandler, of: Callable[[Any], str | None]) -> DataHandler:
        """``handler``'s list narrowed by ``candidate_ids`` (the candidate each record ``of``)."""

        def handle(p: Mapping[str, str], i: str) -> Any:
            listing = handler(p, i)
            if "candidate_ids" not in p or not isinstance(listing, Listing):
                return listing
            wanted = {int(x) for x in p["candidate_ids"].split(",") if x.strip().isdecimal()}
            rows = [r for r in listing.records if (c := of(r)) and encode_id(c) in wanted]
            return Listing(rows, listing.render)

        return handle

    def job_posts(self, jobs: Sequence[Any]) -> list[JSON]:
        fields = self.data.children(R.JOB_FORM_FIELD, "job")
        return [self.render.job_post(j, fields.get(j.id, ())) for j in jobs]  # type: ignore[arg-type]

    def eeoc(self, _: Mapping[str, str], i: str) -> JSON | None:
        found = (e for e, app in self.render.eeoc_application.items() if str(encode_id(app)) == i)
        return next((self.render.eeoc(self.data.get(R.EEOC, e)) for e in found), None)  # type: ignore[arg-type]

    def feed(self, _: Mapping[str, str], i: str) -> JSON | None:
        if self.find(R.CANDIDATE, i) is None:
            return None
        return self.render.activity_feed(self.serve.children(R.ACTIVITY, "candidate", i))

    def handlers(self) -> dict[str, DataHandler]:
        rd, data = self.render, self.data
        served = self.serve.handlers(GreenhouseAdapter.resources)
        jobs = GreenhouseAdapter.endpoints(R.JOB)
        return {
            **served,
            "/candidates": self.by_ids(served["/candidates"], lambda c: c.id),
            "/candidates/{id}": lambda _, i: rd.candidate(c) if (c := self.find(R.CANDIDATE, i)) else None,
            "/candidates/{id}/activity_feed": self.feed,
            "/applications": self.by_ids(served["/applications"], lambda a: a.candidate_id),
            "/applications/{id}/eeoc": self.eeoc,
            "/jobs/{id}/job_posts": lambda _, i: self.job_posts([j] if (j := self.find(R.JOB, i)) else []),
            "/job_posts": lambda p, _: Listing(
                self.serve.filtered(jobs, data.records(R.JOB), p), lambda j: self.job_posts([j])[0]
            ),
            "/users/{id}": lambda _, i: (
                rd.user(u, custom_fields=True) if (u := self.find(R.USER, i)) else None
            ),
            "/custom_fields/candidate": lambda _, __: list(self.custom_fields),
            "/eeoc": lambda _, __: Listing([data.get(R.EEOC, e) for e in rd.eeoc_application], rd.eeoc),
        }


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """The Harvest simulator over ``dataset``, accepting ``credentials`` (``api_key`` for v1,
    and/or ``client_id`` + ``client_secret`` + ``user_id`` for v3; the token URL is ``/token``)."""
    sim = Simulator(dataset, credentials, faults if faults is not None else SimulatorFaults())
    handlers = sim.handlers()
    missing = declared_paths(GreenhouseAdapter.resources) - set(handlers)
    if missing:
        raise ValueError(f"the simulator serves none of the declared paths {sorted(missing)}")
    routes = [
        Route(
            f"/{version}{path.partition('?')[0]}", sim.server.guarded(sim.endpoint(handler)), methods=["GET"]
        )
        for version in ("v1", "v3")
        for path, handler in handlers.items()
    ]
    app = sim.server.routed([Route("/token", sim.oauth.token, methods=["POST"]), *routes])
    add_routes(app, sim.server, "/v1", [(m, path, write_endpoint(sim, h)) for m, path, h in WRITES])
    app.state.simulator = sim
    return app


simulator_transport = timed_transport
"""An ASGI transport to a simulator app that honours the client's read timeout."""


SIMULATION = Simulation(
    create=create_simulator,
    credentials={"api_key": "demo-greenhouse-key"},
    base_url="https://harvest.greenhouse.io",
    transport=simulator_transport,
    candidate_ids=lambda c: [str(encode_id(c.id))],
)
"""How demo connections and the benchmark run GreenhouseAdapter against this simulator."""
