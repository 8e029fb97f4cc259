"""The Starlette application: GraphQL (and GraphiQL) at /graphql, health at /healthz."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Mapping

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from providers.base import ProviderAdapter
from providers.registry import PROVIDERS

from .connections import ConnectionPool
from .graphiql import graphiql_routes
from .http import GraphQLEndpoint
from .schema import HiregraphSchema, schema
from .settings import Settings, load_settings


def create_app(
    settings: Settings | None = None,
    *,
    http: httpx.AsyncClient | None = None,
    graphql_schema: HiregraphSchema = schema,
    providers: Mapping[str, type[ProviderAdapter]] = PROVIDERS,
) -> Starlette:
    """Build the app. Connections are validated here, so a bad config fails at start-up.

    ``http`` is the pooled client every HTTP provider shares; by default the app opens one
    and closes it on shutdown. ``providers`` replaces the registry (tests add fault-injecting
    adapters this way).
    """
    settings = settings or load_settings()
    client = http or httpx.AsyncClient(timeout=settings.http_timeout_s, follow_redirects=False)
    pool = ConnectionPool(settings, client, providers)
    endpoint = GraphQLEndpoint(graphql_schema, pool)

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok", "connections": list(pool.adapters)})

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await pool.aclose()
            if http is None:
                await client.aclose()

    app = Starlette(
        routes=[
            Route("/graphql", endpoint.handle, methods=["GET", "POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            *graphiql_routes(),
        ],
        lifespan=lifespan,
    )
    app.state.pool = pool
    return app
