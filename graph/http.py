"""GraphQL over HTTP: request parsing, content negotiation, status codes, ``extensions``.

Follows the GraphQL-over-HTTP specification. The response is
``application/graphql-response+json`` when the client prefers it (request errors then
answer 4xx) and ``application/json`` otherwise (every well-formed request answers 200);
an Accept header offering neither answers 406. GET and HEAD serve queries only (a
mutation answers 405 with ``Allow: POST``); POST takes everything, including a batch (a
JSON array of up to ``max_operations`` operations whose estimated costs add up to at most
``batch_cost_limit``, each answered with its own upstream meter). HEAD, ``X-Hiregraph-Dry-Run: 1`` and ``?dryRun=1`` validate and estimate without
executing. Every refusal (limits, validation, cost) happens before execution, so it
costs no upstream call. Every response carries ``extensions.upstream`` (what the
operation cost upstream), ``extensions.cost`` once estimated, and the request id, also
sent as the ``X-Request-Id`` header. Bodies (JSON, or a GraphQL multipart request with files)
are read in ``http_body.py``; an ``Idempotency-Key`` header goes to the one mutation of a
request (resolvers/writes/). A POST asking for ``text/event-stream`` is answered as an event
stream (graphql-sse, ``sse.py``): that is how subscriptions run over HTTP.
"""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Final, cast

from graphql import OperationType as GraphQLOperationType
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from gateway.errors import (
    ErrorCode,
    Forbidden,
    GatewayError,
    QueryTooComplex,
    QueryTooCostly,
    Unauthenticated,
)
from providers.base import ProviderAdapter
from providers.metering import current_meter
from providers.resilience import operation_meter
from tenancy.access import Principal
from tenancy.idempotency import DatabaseIdempotency, IdempotencyStore, InProcessIdempotency
from tenancy.layer import TenancyLayer

from .connections import ConnectionPool
from .context import Context
from .errors import format_error, request_error
from .graphiql import graphiql_html
from .http_body import JSON, GraphQLParams, HttpError, read_body, request_params
from .limits import OperationNotExecutable, admit, check_document, operation_type
from .schema import HiregraphSchema
from .sse import event_stream, single, wants_event_stream

log = logging.getLogger("hiregraph.http")

GRAPHQL_RESPONSE: Final = "application/graphql-response+json"
CONNECTION_HEADER: Final = "x-hiregraph-connection"
DRY_RUN_HEADER: Final = "x-hiregraph-dry-run"
IDEMPOTENCY_HEADER: Final = "idempotency-key"
_TRUE: Final = frozenset({"1", "true", "yes"})
_REQUEST_ID: Final = re.compile(r"[A-Za-z0-9._:-]{1,64}")


@dataclass(frozen=True)
class Outcome:
    """One operation's response body, and the status it would answer alone."""

    body: dict[str, Any]
    status: int = 200
    headers: dict[str, str] | None = None


@dataclass(frozen=True)
class Admitted:
    """An operation past every check that precedes execution, with its estimated cost."""

    params: GraphQLParams
    ctx: Context
    cost: int
    subscription: bool = False
    """Admitted only when the request asked for an event stream (graphql-sse)."""


def negotiate(accept: str) -> str | None:
    """The media type to answer with (RFC 9110 §12.5.1), or None if the client takes neither.

    Each offered type gets the q of the most specific range matching it. On a tie, a type
    the client named beats a wildcard match, and among wildcard matches (``*/*``, which
    curl and most libraries send) ``application/json`` wins, as the spec's legacy rules ask.
    """
    ranges = [r for r in (_media_range(part) for part in accept.split(",")) if r is not None]
    if not ranges:
        return JSON
    scores: dict[str, tuple[float, int, bool]] = {}
    for offered in (GRAPHQL_RESPONSE, JSON):
        matches = [(s, q) for media, q in ranges if (s := _specificity(media, offered)) is not None]
        if not matches:
            continue
        specificity, q = max(matches)
        if q > 0:
            preferred = (offered == GRAPHQL_RESPONSE) if specificity == 2 else (offered == JSON)
            scores[offered] = (q, specificity, preferred)
    return max(scores, key=scores.__getitem__) if scores else None


def _media_range(part: str) -> tuple[str, float] | None:
    media, *params = (p.strip() for p in part.split(";"))
    if "/" not in media:
        return None
    q = 1.0
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "q":
            try:
                q = float(value.strip())
            except ValueError:
                return None
    if not 0 <= q <= 1:
        return None
    return media.lower(), q


def _specificity(media: str, offered: str) -> int | None:
    if media == offered:
        return 2
    if media == "*/*":
        return 0
    kind, _, subtype = media.partition("/")
    if subtype == "*" and offered.startswith(f"{kind}/"):
        return 1
    return None


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "query" not in request.query_params


def _dry_run(request: Request) -> bool:
    if request.method == "HEAD" or request.headers.get(DRY_RUN_HEADER, "").lower() in _TRUE:
        return True
    return request.method == "GET" and request.query_params.get("dryRun", "").lower() in _TRUE


def _request_id(request: Request) -> str:
    # Echoed into logs and headers, so only a plain token is taken from the client.
    given = request.headers.get("x-request-id", "")
    return given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


class GraphQLEndpoint:
    def __init__(
        self, schema: HiregraphSchema, pool: ConnectionPool, layer: TenancyLayer | None = None
    ) -> None:
        self.schema = schema
        self.pool = pool
        self.layer = layer
        self._in_process: IdempotencyStore = InProcessIdempotency()
        self._database: DatabaseIdempotency | None = None

    def idempotency(self) -> IdempotencyStore:
        """The database's idempotency records when the deployment has one, else this process's."""
        tenancy = self.layer.tenancy if self.layer is not None else None
        if tenancy is None:
            return self._in_process
        if self._database is None or self._database.store is not tenancy.store:
            self._database = DatabaseIdempotency(tenancy.store)
        return self._database

    async def handle(self, request: Request) -> Response:
        request_id = _request_id(request)
        try:
            return await self._handle(request, request_id)
        except ClientDisconnect:
            # Nobody is left to answer; an everyday event (a closed tab), not a server fault.
            log.info("client disconnected before the request body ended (request %s)", request_id)
            return Response(status_code=400, headers={"X-Request-Id": request_id})
        except Exception:
            log.exception("unexpected error handling request %s", request_id)
            error = {
                "message": "Internal server error",
                "extensions": {"code": ErrorCode.INTERNAL_SERVER_ERROR.value, "requestId": request_id},
            }
            return self._respond({"errors": [error]}, 500, JSON, request_id)

    async def _handle(self, request: Request, request_id: str) -> Response:
        if request.method not in ("GET", "HEAD", "POST"):
            refused = HttpError(
                f"{request.method} is not allowed: use GET for queries, POST for anything", 405
            )
            headers = {"Allow": "GET, HEAD, POST, OPTIONS"}
            return self._refuse(refused, 405, JSON, request_id, headers)
        if request.headers.get("upgrade", "").lower() == "websocket":
            # A WebSocket handshake reaches this HTTP route only when the server under the app
            # cannot upgrade (uvicorn without a WebSocket library): say so, not "no query".
            refused = HttpError(
                "this server cannot accept WebSockets (uvicorn needs the `websockets` or `wsproto` "
                "package), so subscriptions are unavailable; the `events` query catches up over HTTP",
                501,
            )
            return self._refuse(refused, 501, JSON, request_id)
        if request.method in ("GET", "HEAD") and _wants_html(request):
            return HTMLResponse(graphiql_html(), headers={"X-Request-Id": request_id})
        accept = request.headers.get("accept", "")
        stream = request.method == "POST" and wants_event_stream(accept)
        media = negotiate(accept)
        if stream:
            # A refusal never streams: it answers 4xx, as with graphql-response+json, so an
            # SSE client sees it failed (a 200 would read as the stream's start).
            media = GRAPHQL_RESPONSE
        if media is None:
            refused = HttpError(
                f"the response can only be `{GRAPHQL_RESPONSE}`, `{JSON}` or, for a POST, `text/event-stream`",
                406,
            )
            return self._refuse(refused, 406, JSON, request_id)
        try:
            principal: Principal | None = None
            if self.layer is None:
                adapter = self.pool.get(request.headers.get(CONNECTION_HEADER))
            else:
                principal, adapter = await self.layer.resolve(request)
            data = await read_body(request, self.pool.settings.max_upload_bytes)
            work = (
                self._batch(data)
                if isinstance(data, list)
                else request_params(data, from_url=request.method != "POST")
            )
            if stream and isinstance(work, list):
                raise HttpError(
                    "an event stream carries one operation: send a batch without `text/event-stream`"
                )
            key = request.headers.get(IDEMPOTENCY_HEADER)
            if key is not None and isinstance(work, list):
                raise HttpError(
                    "an Idempotency-Key header names one operation: in a batch, give each mutation "
                    "its own idempotencyKey argument"
                )
        except HttpError as exc:
            return self._refuse(exc, exc.status, media, request_id, exc.headers)
        except (Unauthenticated, Forbidden) as exc:
            # Browsers can read the rejection only with CORS headers for their origin.
            headers = await self.layer.rejection_cors(request) if self.layer else {}
            if isinstance(exc, Unauthenticated):
                headers = {"WWW-Authenticate": "Bearer", **headers}
            return self._refuse(
                exc, 401 if isinstance(exc, Unauthenticated) else 403, media, request_id, headers
            )
        except GatewayError as exc:
            status = 400 if media == GRAPHQL_RESPONSE else 200
            return self._refuse(exc, status, media, request_id)

        cors = self.layer.cors_headers(principal, request) if self.layer and principal else {}
        dry_run = _dry_run(request)
        if isinstance(work, list):
            # Every operation is admitted before any runs, so a batch over its cost runs none.
            admitted = [
                self._admit_item(item, adapter, request.method, request_id, media, principal) for item in work
            ]
            too_costly = self._over_batch_cost(admitted)
            if too_costly is not None:
                status = 400 if media == GRAPHQL_RESPONSE else 200
                return self._refuse(too_costly, status, media, request_id, cors)
            outcomes = await asyncio.gather(
                *(self._finish(a, request.method, dry_run, media) for a in admitted)
            )
            return JSONResponse(
                [o.body for o in outcomes], media_type=media, headers={"X-Request-Id": request_id, **cors}
            )
        one = self._admit(work, adapter, request.method, request_id, media, principal, key, stream=stream)
        if isinstance(one, Admitted) and one.subscription and not dry_run:
            return await self._subscribe(one, {"X-Request-Id": request_id, **cors})
        outcome = await self._finish(one, request.method, dry_run, media)
        if stream and outcome.status == 200:
            return single(outcome.body, {"X-Request-Id": request_id, **(outcome.headers or {}), **cors})
        return self._respond(
            outcome.body, outcome.status, media, request_id, {**(outcome.headers or {}), **cors}
        )

    async def _subscribe(self, admitted: Admitted, headers: dict[str, str]) -> Response:
        """An admitted subscription, streamed until it ends or the client hangs up."""
        params, ctx = admitted.params, admitted.ctx
        results = await self.schema.stream(
            params.query,
            variable_values=params.variables,
            context_value=ctx,
            operation_name=params.operation_name,
            allowed_operation_types={OperationType.SUBSCRIPTION},
        )
        return event_stream(cast("AsyncIterator[Any]", results), ctx.request_id, headers)

    def _batch(self, data: list[Any]) -> list[Any]:
        limit = self.pool.settings.max_operations
        if not data:
            raise HttpError("a batched request must hold at least one operation")
        if len(data) > limit:
            raise QueryTooComplex(
                f"a batch holds at most {limit} operations; this one has {len(data)}",
                rule="maxOperations",
                limit=limit,
            )
        return data

    def _over_batch_cost(self, admitted: list[Admitted | Outcome]) -> QueryTooCostly | None:
        """The refusal of a batch whose admitted operations cost more in all than the batch limit."""
        total = sum(a.cost for a in admitted if isinstance(a, Admitted))
        limit = self.pool.settings.batch_cost_limit
        if total <= limit:
            return None
        return QueryTooCostly(
            f"the batch's estimated cost is {total} in all; the limit is {limit}. "
            "Send fewer or smaller operations per request.",
            cost=total,
            limit=limit,
        )

    def _admit_item(
        self,
        item: Any,
        adapter: ProviderAdapter,
        method: str,
        request_id: str,
        media: str,
        principal: Principal | None = None,
    ) -> Admitted | Outcome:
        try:
            params = request_params(item)
        except HttpError as exc:
            return Outcome({"errors": [request_error(exc)]}, exc.status)
        return self._admit(params, adapter, method, request_id, media, principal)

    async def _finish(self, admitted: Admitted | Outcome, method: str, dry_run: bool, media: str) -> Outcome:
        if isinstance(admitted, Outcome):
            return admitted
        return await self._execute(admitted, method, dry_run, media)

    def _admit(
        self,
        params: GraphQLParams,
        adapter: ProviderAdapter,
        method: str,
        request_id: str,
        media: str,
        principal: Principal | None = None,
        idempotency_key: str | None = None,
        *,
        stream: bool = False,
    ) -> Admitted | Outcome:
        """Every check before execution: a refusal is the operation's Outcome, else it may run."""
        refused = 400 if media == GRAPHQL_RESPONSE else 200
        ctx = Context(
            adapter=adapter,
            settings=self.pool.settings,
            request_id=request_id,
            meter=operation_meter(self.pool.settings.upstream),
            principal=principal,
            tenancy=self.layer.tenancy if self.layer else None,
            events=self.layer.event_access(principal, adapter) if self.layer else None,
            idempotency=self.idempotency(),
            idempotency_key=idempotency_key,
        )
        checked = check_document(self.schema._schema, params.query, ctx.settings)
        kind = operation_type(checked.document, params.operation_name)
        subscription = kind is GraphQLOperationType.SUBSCRIPTION
        if subscription and not stream:
            refused_here = HttpError(
                "subscriptions run over a WebSocket (graphql-transport-ws) at /graphql, or over HTTP "
                "as an event stream (POST with `Accept: text/event-stream`, graphql-sse); "
                "the `events` query catches up over HTTP",
                405,
                {"Allow": "GET, POST"},
            )
            return Outcome(
                {"errors": [request_error(refused_here)], "extensions": self._extensions(ctx)},
                405,
                refused_here.headers,
            )
        if method != "POST" and kind not in (None, GraphQLOperationType.QUERY):
            return self._not_allowed(method, ctx)
        admission = admit(self.schema._schema, checked, params.operation_name, params.variables, ctx.settings)
        extensions = self._extensions(ctx, admission.cost)
        if admission.errors:
            refusals = [format_error(e, request_id) for e in admission.errors]
            return Outcome({"errors": refusals, "extensions": extensions}, refused)
        return Admitted(params, ctx, admission.cost or 0, subscription)

    async def _execute(self, admitted: Admitted, method: str, dry_run: bool, media: str) -> Outcome:
        params, ctx, request_id = admitted.params, admitted.ctx, admitted.ctx.request_id
        refused = 400 if media == GRAPHQL_RESPONSE else 200
        extensions = self._extensions(ctx, admitted.cost)
        if dry_run:
            return Outcome({"extensions": {**extensions, "dryRun": True}})

        allowed = {OperationType.QUERY} if method != "POST" else set(OperationType)
        token = current_meter.set(ctx.meter)
        try:
            result = await self.schema.execute(
                params.query,
                variable_values=params.variables,
                context_value=ctx,
                operation_name=params.operation_name,
                allowed_operation_types=allowed,
            )
        except InvalidOperationTypeError:
            return self._not_allowed(method, ctx)
        except CannotGetOperationTypeError as exc:
            unknown = OperationNotExecutable(exc.as_http_error_reason())
            return Outcome({"errors": [request_error(unknown)], "extensions": extensions}, refused)
        finally:
            current_meter.reset(token)

        body: dict[str, Any] = {}
        result_errors = result.errors or []
        if result_errors:
            body["errors"] = [format_error(e, request_id) for e in result_errors]
        executed = result.data is not None or any(e.path is not None for e in result_errors)
        if executed:
            body["data"] = result.data
        body["extensions"] = self._extensions(ctx, admitted.cost)
        return Outcome(body, 200 if executed else refused)

    def _not_allowed(self, method: str, ctx: Context) -> Outcome:
        error = HttpError(f"{method} serves queries only: send mutations with POST", 405, {"Allow": "POST"})
        return Outcome(
            {"errors": [request_error(error)], "extensions": self._extensions(ctx)}, 405, error.headers
        )

    def _extensions(self, ctx: Context, cost: int | None = None) -> dict[str, Any]:
        extensions: dict[str, Any] = {
            "upstream": {"requests": ctx.meter.requests, "waitMs": round(ctx.meter.wait_s * 1000, 1)},
            "connection": ctx.connection_name,
            "requestId": ctx.request_id,
        }
        if cost is not None:
            extensions["cost"] = {"estimated": cost, "limit": ctx.settings.max_cost}
        return extensions

    @staticmethod
    def _refuse(
        error: GatewayError, status: int, media: str, request_id: str, headers: dict[str, str] | None = None
    ) -> Response:
        """A request refused before execution: one error, no data."""
        return GraphQLEndpoint._respond(
            {"errors": [request_error(error)]}, status, media, request_id, headers
        )

    @staticmethod
    def _respond(
        body: dict[str, Any], status: int, media: str, request_id: str, headers: dict[str, str] | None = None
    ) -> Response:
        return JSONResponse(
            body,
            status_code=status,
            media_type=media,
            headers={"X-Request-Id": request_id, **(headers or {})},
        )
