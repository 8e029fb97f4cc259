"""GraphQL subscriptions over a WebSocket at /graphql (the graphql-transport-ws protocol).

Strawberry runs the protocol; this module decides who may use it and what may run:

- the caller authenticates in ``connection_init`` (``{"Authorization": "Bearer hg_live_...",
  "connection": "NAME"}``) or with the upgrade request's own headers
  (``Authorization``, ``X-Hiregraph-Connection``), checked exactly as for HTTP; a refusal
  closes the socket with 4403 before any operation;
- a browser page on another origin may connect only with a key that allows that origin (an
  anonymous loopback caller has no key to say so, and a WebSocket has no CORS to stop it);
- only subscriptions run here (queries and mutations go over HTTP, with their cost
  accounting), after the same document and cost limits as HTTP;
- errors carry the same ``extensions.code`` as over HTTP (``graph/errors.py``).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator, AsyncIterator, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, cast

from graphql import GraphQLError
from graphql import OperationType as GraphQLOperationType
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http.websocket_origin import is_same_origin
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType

from gateway.errors import BadRequest, GatewayError
from providers.resilience import operation_meter
from tenancy.access import NoConnection
from tenancy.layer import TenancyLayer

from .connections import ConnectionPool
from .context import Context
from .errors import format_error
from .limits import admit, check_document, operation_type
from .schema import HiregraphSchema

KEEP_ALIVE_S = 15.0
INIT_TIMEOUT = timedelta(seconds=10)
MAX_SUBSCRIPTIONS = 20


@dataclass
class SocketContext(Context):
    """A WebSocket's context: made at the upgrade, bound to a caller by ``connection_init``."""

    upgrade_headers: Mapping[str, str] = field(default_factory=dict)


def _coded(errors: list[GraphQLError], request_id: str) -> list[GraphQLError]:
    """The errors as HTTP would show them (message and ``extensions.code``)."""
    out = []
    for error in errors:
        shown = format_error(error, request_id)
        out.append(
            GraphQLError(
                shown["message"],
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                path=shown.get("path", error.path),
                extensions=shown.get("extensions"),
            )
        )
    return out


async def _refused(errors: list[GraphQLError]) -> AsyncGenerator[ExecutionResult, None]:
    yield PreExecutionError(data=None, errors=errors)


async def _recoded(results: AsyncIterator[Any], request_id: str) -> AsyncGenerator[Any, None]:
    async for result in results:
        if isinstance(result, ExecutionResult) and result.errors:
            result.errors = _coded(list(result.errors), request_id)
        yield result


class _SubscriptionsOnly:
    """The schema as the WebSocket sees it: limits first, subscriptions only."""

    def __init__(self, schema: HiregraphSchema) -> None:
        self._schema = schema

    def __getattr__(self, name: str) -> Any:
        return getattr(self._schema, name)

    async def stream(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        operation_extensions: dict[str, Any] | None = None,
        allowed_operation_types: Any = None,
    ) -> AsyncGenerator[Any, None]:
        ctx = cast("Context", context_value)
        graphql_schema = self._schema._schema
        checked = check_document(graphql_schema, query or "", ctx.settings)
        kind = operation_type(checked.document, operation_name)
        if kind not in (None, GraphQLOperationType.SUBSCRIPTION):
            only = BadRequest(
                "only subscriptions run over the WebSocket: send queries and mutations over HTTP"
            )
            return _refused(_coded([_as_error(only)], ctx.request_id))
        admission = admit(graphql_schema, checked, operation_name, variable_values, ctx.settings)
        if admission.errors:
            return _refused(_coded(list(admission.errors), ctx.request_id))
        results = await self._schema.stream(
            query,
            variable_values=variable_values,
            context_value=context_value,
            root_value=root_value,
            operation_name=operation_name,
            operation_extensions=operation_extensions,
            allowed_operation_types={OperationType.SUBSCRIPTION},
        )
        return _recoded(cast("AsyncIterator[Any]", results), ctx.request_id)


def _as_error(error: GatewayError) -> GraphQLError:
    return GraphQLError(error.message, original_error=error)


class SubscriptionEndpoint(GraphQL[Context, None]):
    def __init__(self, schema: HiregraphSchema, pool: ConnectionPool, layer: TenancyLayer) -> None:
        super().__init__(
            cast("HiregraphSchema", _SubscriptionsOnly(schema)),
            graphql_ide=None,
            keep_alive=True,
            keep_alive_interval=KEEP_ALIVE_S,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            connection_init_wait_timeout=INIT_TIMEOUT,
            max_subscriptions_per_connection=MAX_SUBSCRIPTIONS,
        )
        self.pool = pool
        self.layer = layer

    def is_websocket_origin_allowed(self, request: WebSocket, origin: str) -> bool:
        # Decided at connection_init, where the key (and the origins it allows) is known.
        return True

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        settings = self.pool.settings
        return SocketContext(
            adapter=NoConnection(),
            settings=settings,
            request_id=uuid.uuid4().hex,
            meter=operation_meter(settings.upstream),
            tenancy=self.layer.tenancy,
            upgrade_headers={k.lower(): v for k, v in request.headers.items()},
        )

    async def on_ws_connect(self, context: Context) -> None:
        ctx = cast("SocketContext", context)
        params = ctx.connection_params or {}
        headers = dict(ctx.upgrade_headers)
        for key, value in params.items():
            if isinstance(value, str):
                headers[key.lower()] = value
        gate = self.layer.gate
        try:
            principal = await gate.authenticate_headers(headers)
            origin = headers.get("origin")
            if (
                principal.scopes is None
                and origin is not None
                and not is_same_origin(origin, headers.get("host"))
            ):
                raise ConnectionRejectionError()
            # "connection" only from connection_init: in the upgrade request's headers it is
            # HTTP's own ("Connection: Upgrade", which every browser sends).
            given = params.get("connection")
            name = (given if isinstance(given, str) else None) or headers.get("x-hiregraph-connection")
            adapter = await gate.authorize(principal, name)
        except GatewayError:
            raise ConnectionRejectionError() from None
        ctx.serve(adapter, principal, self.layer.event_access(principal, adapter))
