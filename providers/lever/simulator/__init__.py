"""An in-process Lever v1 API over a sandbox dataset (an ASGI app), for tests and demos.

Routes are the adapter's declared paths (``kit/simserver.py``) plus those its quirks read;
``render.py`` renders the sandbox. Like Lever: ``/v1/...`` paths, the ``{data, hasNext, next}``
envelope with an opaque URL-encoded ``offset`` token and ``limit`` 1-100 (400 outside), the
documented filters (repeated values are a union), HTTP Basic (the API key, a blank password)
or Bearer auth, ``{"code", "message"}`` errors. Faults are switched while it runs through the
mutable :class:`SimulatorFaults`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Final
from urllib.parse import quote, unquote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ...kit.simapp import UnmeteredSimServer, simulator_app
from ...kit.simmatch import any_of, within
from ...kit.simulator import SimulatorFaults, basic_credentials, bearer_token
from ...simulation import Simulation, timed_transport
from ..adapter import NESTED, PAGING, LeverAdapter
from .render import Account, Json, error, error_body
from .writes import Writes

if TYPE_CHECKING:
    from ...sandbox import Dataset

__all__ = ["SimulatorFaults", "create_simulator"]

KINDS: Final = frozenset(path for _, parts in NESTED.values() for path, *_ in parts)
"""The lists under an opportunity (``/opportunities/{id}/<kind>``)."""


def _token(end: int, page: Sequence[Json]) -> str:
    """Lever's opaque ``offset``: here the URL-encoded JSON of the next start and the last id."""
    return quote(json.dumps([end, page[-1].get("id", "")], separators=(",", ":")))


def _start(token: str) -> int:
    return int(json.loads(unquote(token))[0])


def _confidential(request: Request, item: Json) -> bool:
    asked = request.query_params.get("confidentiality", "non-confidential")
    return asked == "all" or item["confidentiality"] == asked


def _opportunity_matches(request: Request, opp: Json) -> bool:
    app = opp["applications"][0] if opp["applications"] else {}
    email, archived = request.query_params.get("email"), request.query_params.get("archived")
    return (
        any_of(request, "contact_id", [opp["contact"]])
        and any_of(request, "posting_id", [app.get("posting")])
        and any_of(request, "stage_id", [opp["stage"]])
        and any_of(request, "tag", opp["tags"])
        and (email is None or email.casefold() in (e.casefold() for e in opp["emails"]))
        and _confidential(request, opp)
        and (archived is None or (opp["archived"] is not None) == (archived == "true"))
        and within(request, "created_at_start", "created_at_end", opp["createdAt"])
        and within(request, "updated_at_start", "updated_at_end", opp["updatedAt"])
    )


class _Api:
    def __init__(self, dataset: Dataset, faults: SimulatorFaults) -> None:
        self.writes = Writes(dataset, Account(dataset))
        self.faults = faults

    @property
    def account(self) -> Account:
        """The account as rendered after the last write (every read sees it at once)."""
        return self.writes.account

    def page(self, request: Request, items: Sequence[Json]) -> Response:
        """A page by the adapter's own paging scheme; Lever refuses a size it would clamp."""
        params = request.query_params
        try:
            chunk, fields = PAGING.serve(params, items, PAGING.max_size, _token, _start)
            limit = int(params.get("limit", "100"))
        except (ValueError, TypeError, LookupError):  # json.JSONDecodeError is a ValueError; {} has no [0]
            return error(400, "Invalid limit or offset")
        if not 1 <= limit <= PAGING.max_size:
            return error(400, "limit must be between 1 and 100")
        if self.faults.malformed_pages:
            return JSONResponse({"data": {"unexpected": list(chunk[:1])}, "hasNext": False})
        return JSONResponse({"data": list(chunk), **fields})

    @staticmethod
    def one(found: Json | None) -> Response:
        return error(404, "record was not found") if found is None else JSONResponse({"data": found})

    def handlers(self) -> dict[str, Callable[[Request], Response]]:
        def expanded(r: Request) -> bool:
            return "applications" in r.query_params.getlist("expand")

        def listed(
            items: Callable[[Account], Sequence[Json]], keep: Callable[[Request, Json], bool]
        ) -> Callable[[Request], Response]:
            return lambda r: self.page(r, [i for i in items(self.account) if keep(r, i)])

        return {
            "/opportunities": lambda r: self.page(
                r,
                [
                    full if expanded(r) else plain
                    for plain, full in self.account.opportunities
                    if _opportunity_matches(r, full)
                ],
            ),
            # (plain, expanded)[expanded?]
            "/opportunities/{id}": lambda r: self.one(
                (found := self.account.opportunity_by_id.get(r.path_params["id"])) and found[expanded(r)]
            ),
            "/opportunities/{id}/{kind}": self.children,
            "/postings": listed(
                lambda a: a.postings,
                lambda r, p: (
                    any_of(r, "state", [p["state"]])
                    and _confidential(r, p)
                    and within(r, "updated_at_start", "updated_at_end", p["updatedAt"])
                ),
            ),
            "/postings/{id}": lambda r: self.one(self.account.posting_by_id.get(r.path_params["id"])),
            "/postings/{id}/apply": lambda r: self.one(self.account.forms.get(r.path_params["id"])),
            "/users": listed(
                lambda a: a.users,
                lambda r, u: (
                    (r.query_params.get("includeDeactivated") == "true" or u["deactivatedAt"] is None)
                    and r.query_params.get("email", u["email"]) == u["email"]
                ),
            ),
            "/users/{id}": lambda r: self.one(self.account.user_by_id.get(r.path_params["id"])),
            "/stages": listed(lambda a: a.stages, lambda _r, _s: True),
            "/archive_reasons": listed(lambda a: a.reasons, lambda r, x: any_of(r, "type", [x["type"]])),
            "/tags": listed(lambda a: a.tags, lambda _r, _t: True),
            # Lever answers the last week without created_at_start; the simulator has no clock
            "/eeo/responses/pii": listed(
                lambda a: a.eeo,
                lambda r, e: within(
                    r, "created_at_start", "created_at_end", e["eeoSurveyRespondedAt"], none_passes=True
                ),
            ),
        }

    def children(self, request: Request) -> Response:
        opp, kind = request.path_params["id"], request.path_params["kind"]
        if opp not in self.account.opportunity_by_id or kind not in KINDS:
            return error(404, f"{kind} of opportunity {opp} not found")
        return self.page(request, self.account.children.get((opp, kind), []))


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """A Starlette app serving ``dataset`` as Lever's v1 API (see the module docstring)."""
    key, token = credentials.get("api_key"), credentials.get("access_token")
    server = UnmeteredSimServer(
        authorized=lambda r: bool(
            (key and basic_credentials(r) == (key, "")) or (token and bearer_token(r) == token)
        ),
        rate_limit=10,  # per second, as documented; Lever documents no rate-limit headers
        window_s=1.0,
        faults=faults or SimulatorFaults(),
        error=error_body,
    )
    api = _Api(dataset, server.faults)
    # ``writes``: tests compare its account with a full re-render
    return simulator_app(
        server, "/v1", LeverAdapter.resources, api.handlers(), api.writes.routes(), {"writes": api.writes}
    )


SIMULATION = Simulation(
    create=create_simulator,
    credentials={"api_key": "demo-lever-key"},
    base_url="https://api.lever.co/v1",
    # The demo key reads the whole account, confidential postings included (as the sandbox
    # does); without confidentiality=all Lever hides their opportunities, and so their contacts.
    options={"include_confidential": True},
    transport=timed_transport,  # honours the client's read timeout, as over a network
)
"""How demo connections and the benchmark run LeverAdapter against this simulator."""
