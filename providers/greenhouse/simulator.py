"""An in-process Greenhouse Harvest simulator: the sandbox dataset behind Harvest's wire format.

``create_simulator(dataset, credentials=..., faults=...)`` is a Starlette app serving the
endpoints the adapter reads, under ``/v1`` (Basic auth with ``api_key``; ``page``/``per_page``
with ``Link`` next/prev/last) and ``/v3`` (Bearer tokens from ``POST /token`` for ``client_id``
+ ``client_secret`` + ``user_id``; ``per_page`` first, then ``Link`` next URLs whose ``cursor`` is
the only parameter), with ``X-RateLimit-*`` headers and switchable :class:`SimulatorFaults`.
Reach it with ``httpx.AsyncClient(transport=simulator_transport(app), base_url=...)``: that
transport enforces the client's read timeout, which httpx's plain ASGI transport does not.

Ids: Greenhouse uses integers, the sandbox ``<prefix>_<number>`` strings; :func:`encode_id`
maps one to the other and :func:`adapter_ids` gives, per resource, the id the adapter reports
for each sandbox record (attachments, activities, EEOC and form fields have derived ids).
"""

from __future__ import annotations

import math
import secrets
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Final, cast
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..kit.paging import LinkHeaderPaging
from ..kit.simulator import SimulatorFaults, basic_credentials, bearer_token
from ..records import (
    ActivityRecord,
    ActivityType,
    AttachmentRecord,
    CandidateRecord,
    JobFormFieldRecord,
    Resource,
)
from ..simulation import Simulation, timed_transport
from .client import MAX_PER_PAGE
from .mapping import attachment_ids
from .mapping_jobs import form_field_id
from .payloads import GreenhouseAttachment
from .simulator_render import Renderer, encode_id
from .simulator_routes import Listing, Simulator
from .simulator_wire import render_attachment

if TYPE_CHECKING:
    from ..sandbox import Dataset

__all__ = ["SimulatorFaults", "adapter_ids", "create_simulator", "encode_id", "simulator_transport"]

R = Resource
RATE_LIMIT: Final = 50
"""Requests per 10-second window announced in ``X-RateLimit-Limit`` (the docs' example value)."""
TOKEN_TTL_S: Final = 3600
DEFAULT_PER_PAGE: Final = 100
"""``per_page`` when a list request names none (the docs' default)."""


def adapter_ids(data: Dataset, resource: Resource) -> dict[str, str]:
    """Sandbox id -> the id the Greenhouse adapter gives that record (records the simulator
    cannot render, such as grouped form fields or EEOC answers of candidates without an
    application, are absent)."""
    records = data.records(resource)
    if resource is R.ATTACHMENT:
        out: dict[str, str] = {}
        for c in cast("Sequence[CandidateRecord]", data.records(R.CANDIDATE)):
            rows = [cast("AttachmentRecord", data.get(R.ATTACHMENT, i)) for i in c.attachment_ids or ()]
            parsed = [GreenhouseAttachment.model_validate(render_attachment(a)) for a in rows]
            out.update(zip((a.id for a in rows), attachment_ids(encode_id(c.id), parsed), strict=True))
        return out
    if resource is R.ACTIVITY:
        kinds: dict[ActivityType | None, str] = {ActivityType.NOTE: "note", ActivityType.EMAIL: "email"}
        return {
            a.id: f"{kinds.get(a.activity_type, 'activity')}-{encode_id(a.id)}"
            for a in cast("Sequence[ActivityRecord]", records)
        }
    if resource is R.EEOC:
        renderer = Renderer(data)
        return {e: str(encode_id(app)) for e, app in renderer.eeoc_application.items()}
    if resource is R.JOB_FORM_FIELD:
        return {
            f.id: form_field_id(encode_id(f.job_id or ""), f.name or "")
            for f in cast("Sequence[JobFormFieldRecord]", records)
            if f.group_id is None
        }
    return {r.id: str(encode_id(r.id)) for r in records}


def _error(status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    return JSONResponse({"message": message}, status_code=status, headers=dict(headers or {}))


class _App:
    """The request pipeline: faults, auth, rate-limit headers, routing, paging."""

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim
        self.table = sim.routes()

    # -- cross-cutting --------------------------------------------------------------------------
    def rate_headers(self) -> tuple[dict[str, str], bool]:
        faults, window = self.sim.faults, self.sim.window
        window.take()
        limit = faults.limit(RATE_LIMIT)
        headers = {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(window.remaining(limit))}
        return headers, faults.enforcing and window.over(limit)

    def retry_after_s(self) -> float:
        """The ``Retry-After`` of a 429: the fault's, else until the window resets."""
        retry = self.sim.faults.retry_after_s
        return retry if retry is not None else math.ceil(self.sim.window.seconds_to_reset())

    def faulted(self, headers: dict[str, str]) -> Response | None:
        status = self.sim.faults.take_failure()
        if status is None:
            return None
        if status == 429:
            retry = self.retry_after_s()
            headers = {
                **headers,
                "Retry-After": f"{retry:g}",
                "X-RateLimit-Reset": str(int(time.time() + retry)),
            }
        return _error(status, "Simulated failure", headers)

    def authorized(self, request: Request, version: str) -> bool:
        creds = self.sim.credentials
        if version == "v3":
            token = bearer_token(request)
            expires = self.sim.tokens.get(token) if token else None
            return expires is not None and expires > time.monotonic()
        return "api_key" in creds and basic_credentials(request) == (creds["api_key"], "")

    # -- endpoints ------------------------------------------------------------------------------
    async def token(self, request: Request) -> Response:
        creds = self.sim.credentials
        form = {k: v[0] for k, v in parse_qs((await request.body()).decode()).items()}
        if basic_credentials(request) != (creds.get("client_id"), creds.get("client_secret")):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        if form.get("grant_type") != "client_credentials" or form.get("sub") != creds.get("user_id"):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        token = secrets.token_urlsafe(24)
        self.sim.tokens[token] = time.monotonic() + TOKEN_TTL_S
        return JSONResponse({"access_token": token, "token_type": "Bearer", "expires_in": TOKEN_TTL_S})

    async def api(self, request: Request) -> Response:
        await self.sim.faults.delay()
        version, path = request.path_params["version"], request.path_params["path"].strip("/")
        headers, over = self.rate_headers()
        if not self.authorized(request, version):
            return _error(
                401, "Invalid Basic Auth credentials" if version == "v1" else "Unauthorized", headers
            )
        if over:
            return _error(429, "Rate limit exceeded", {**headers, "Retry-After": f"{self.retry_after_s():g}"})
        failed = self.faulted(headers)
        if failed is not None:
            return failed
        params = dict(request.query_params)
        offset = 0
        if version == "v3" and "cursor" in params:
            if len(params) > 1:
                return _error(422, "cursor must be the only query parameter", headers)
            saved = self.sim.cursors.get(params["cursor"])
            if saved is None or saved[0] != path:
                return _error(422, "invalid cursor", headers)
            _, params, offset = saved
        for pattern, handler in self.table:
            match = pattern.match(path)
            if match is not None:
                result = handler(self.sim, params, match)
                break
        else:
            return _error(404, "Resource not found", headers)
        if result is None:
            return _error(404, "Resource not found", headers)
        if not isinstance(result, Listing):
            return JSONResponse(result, headers=headers)
        return self.page(request, version, path, params, offset, result, headers)

    def save_cursor(self, path: str) -> Callable[[dict[str, str], int], str]:
        """Keeps a v3 cursor's request (``path``, parameters, next start) under a random token."""

        def save(params: dict[str, str], start: int) -> str:
            cursor = secrets.token_urlsafe(12)
            self.sim.cursors[cursor] = (path, params, start)
            return cursor

        return save

    def page(
        self,
        request: Request,
        version: str,
        path: str,
        params: dict[str, str],
        offset: int,
        listing: Listing,
        headers: dict[str, str],
    ) -> Response:
        paging = LinkHeaderPaging(str(request.base_url).rstrip("/"), MAX_PER_PAGE)
        url = f"{paging.base_url}/{version}/{path}"
        try:
            if version == "v3":
                rows, links = paging.serve_cursor(
                    url, params, listing.records, DEFAULT_PER_PAGE, offset, self.save_cursor(path)
                )
            else:
                rows, links = paging.serve_numbered(url, params, listing.records, DEFAULT_PER_PAGE)
        except ValueError:
            return _error(422, "per_page and page must be integers", headers)
        body = [x for x in (listing.render(r) for r in rows) if x is not None]
        if self.sim.faults.malformed_pages:
            body = [{**x, "id": f"malformed-{n}"} for n, x in enumerate(body)]
        headers = {**headers, **links}
        return JSONResponse(body, headers=headers)


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """The Harvest simulator over ``dataset``, accepting ``credentials`` (``api_key`` for v1,
    and/or ``client_id`` + ``client_secret`` + ``user_id`` for v3; the token URL is ``/token``)."""
    app = _App(Simulator(dataset, credentials, faults if faults is not None else SimulatorFaults()))
    starlette = Starlette(
        routes=[
            Route("/token", app.token, methods=["POST"]),
            Route("/{version:str}/{path:path}", app.api, methods=["GET"]),
        ]
    )
    starlette.state.simulator = app.sim
    return starlette


simulator_transport = timed_transport
"""An ASGI transport to a simulator app that honours the client's read timeout."""


SIMULATION = Simulation(
    create=create_simulator,
    credentials={"api_key": "demo-greenhouse-key"},
    base_url="https://harvest.greenhouse.io",
    transport=simulator_transport,
)
"""How demo connections and the benchmark run GreenhouseAdapter against this simulator."""
