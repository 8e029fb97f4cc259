"""The Starlette application: GraphQL (and GraphiQL) at /graphql, subscriptions over a WebSocket
there too, providers' webhooks at /webhooks/..., health at /healthz."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute, request_response
from starlette.types import Receive, Scope, Send

from providers.base import ProviderAdapter
from providers.http import upstream_client
from providers.registry import PROVIDERS
from tenancy.events.receiver import receiver_from_env
from tenancy.grants import StaticConnections
from tenancy.layer import TenancyLayer
from tenancy.runtime import keys_required_by_env
from tenancy.shared_state import open_shared_state

from . import log_redaction
from .connections import ConnectionPool
from .graphiql import graphiql_routes
from .http import GraphQLEndpoint
from .schema import HiregraphSchema, schema
from .settings import Settings, load_settings
from .subscriptions import SubscriptionEndpoint


class _EveryMethod:
    """``handler`` as an ASGI app, for a route that takes every method: Starlette routes a plain
    function's GET alone unless it is given the list, and no list holds every method a client
    may send."""

    def __init__(self, handler: Callable[[Request], Awaitable[Response]]) -> None:
        self.app = request_response(handler)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)


def create_app(
    settings: Settings | None = None,
    *,
    http: httpx.AsyncClient | None = None,
    graphql_schema: HiregraphSchema = schema,
    providers: Mapping[str, type[ProviderAdapter]] = PROVIDERS,
    database_url: str | None = None,
    require_keys: bool | None = None,
) -> Starlette:
    """Build the app. Connections are validated here, so a bad config fails at start-up.

    ``http`` is the pooled client every HTTP provider shares; by default the app opens one
    and closes it on shutdown. ``providers`` replaces the registry (tests add fault-injecting
    adapters this way).
    """
    settings = settings or load_settings()
    # Before uvicorn logs the first request: a key sent in a URL must never reach the access log.
    log_redaction.install()
    client = http or upstream_client(settings.http_timeout_s)
    state = open_shared_state()
    pool = ConnectionPool(settings, client, providers, state=state)
    layer = TenancyLayer(
        StaticConnections(pool.adapters, settings.grants),
        default_connection=settings.default_connection,
        http=client,
        providers=providers,
        database_url=database_url or os.environ.get("HIREGRAPH_DATABASE_URL") or None,
        require_keys=require_keys if require_keys is not None else keys_required_by_env(),
        policy=settings.upstream,
        timeout_s=settings.http_timeout_s,
        shared_state=state,
        activity=settings.sandbox_activity,
    )
    endpoint = GraphQLEndpoint(graphql_schema, pool, layer)
    subscriptions = SubscriptionEndpoint(graphql_schema, pool, layer)
    receiver = receiver_from_env(layer.webhook_target, lambda: layer.events.poller if layer.events else None)

    async def graphql_http(request: Request) -> Response:
        # One route takes every method: a method neither the preflight nor the endpoint takes
        # gets the endpoint's 405 naming all four (Starlette's, with a route per method, named
        # the first route's only: ``Allow: OPTIONS`` to a TRACE).
        if request.method == "OPTIONS":
            return await layer.preflight(request)
        return await endpoint.handle(request)

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok", "connections": list(pool.adapters)})

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await layer.start()
        for adapter in pool.adapters.values():
            await adapter.warm_up()
        # What start-up built (datasets, schema, indexes) lives as long as the process: move it
        # out of the collector's reach so full collections stop rescanning it on every request.
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            await layer.aclose()
            await pool.aclose()
            if http is None:
                await client.aclose()

    app = Starlette(
        routes=[
            Route("/graphql", _EveryMethod(graphql_http)),
            WebSocketRoute("/graphql", subscriptions),
            Route("/healthz", healthz, methods=["GET"]),
            # Providers' own webhooks: static connections, then tenants' stored ones.
            Route("/webhooks/{connection}", receiver.handle, methods=["POST"]),
            Route("/webhooks/{tenant}/{connection}", receiver.handle, methods=["POST"]),
            Route("/readyz", layer.readyz, methods=["GET"]),
            *graphiql_routes(),
        ],
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.tenancy = layer
    return app
