"""``/readyz``: whether this worker can serve, i.e. its database and Redis answer.

``/healthz`` (graph/app.py) says the process is up; a load balancer should route on
``/readyz`` instead, which fails (503) while a dependency is down, without naming hosts,
users or passwords. Redis down is ``degraded``, not a failure, when the worker falls back to
its own limiter and breaker state (tenancy/state_fallback.py): it still serves every request,
and taking every worker out of rotation because Redis is down would be the real outage.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from providers.resilience.state import SharedState

from .runtime import Tenancy
from .shared_state import RedisState, SharedStateError
from .store import StoreError


async def check(tenancy: Tenancy | None, state: SharedState | None) -> dict[str, str]:
    """Each dependency's status: ``ok``, ``degraded``, ``unavailable`` or ``not configured``."""
    checks = {"database": "not configured", "redis": "not configured"}
    if tenancy is not None:
        try:
            await tenancy.ready()
            checks["database"] = "ok"
        except (StoreError, OSError):
            checks["database"] = "unavailable"
    if isinstance(state, RedisState):
        try:
            await state.ping()
            checks["redis"] = "ok"
        except SharedStateError:
            checks["redis"] = "unavailable" if state.fallback is None else "degraded"
    return checks


def readyz(tenancy: Tenancy | None, state: SharedState | None) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(_: Request) -> Response:
        checks = await check(tenancy, state)
        ready = "unavailable" not in checks.values()
        return JSONResponse(
            {"status": "ready" if ready else "unavailable", **checks}, status_code=200 if ready else 503
        )

    return endpoint
