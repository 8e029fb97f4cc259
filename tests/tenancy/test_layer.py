"""The wiring object the app uses: database choice, readiness, start-up notice."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from starlette.requests import Request

from providers.registry import PROVIDERS
from tenancy.crypto import generate_key
from tenancy.health import check, readyz
from tenancy.layer import TenancyLayer, database_url
from tenancy.shared_state import RedisState

from .services import REDIS_URL, need

GET = Request({"type": "http", "method": "GET", "path": "/readyz", "headers": []})


def test_database_choice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert database_url("127.0.0.1", {}) is None  # plain `serve`: no file is created
    assert database_url("0.0.0.0", {}) == "sqlite:///hiregraph.sqlite3"  # keys need a store
    (tmp_path / "hiregraph.sqlite3").touch()  # the CLI made one
    assert database_url("127.0.0.1", {}) == "sqlite:///hiregraph.sqlite3"
    assert database_url("127.0.0.1", {"HIREGRAPH_DATABASE_URL": "postgresql://db/x"}) == "postgresql://db/x"


async def _layer(url: str | None, environ: dict[str, str], http: httpx.AsyncClient) -> TenancyLayer:
    return TenancyLayer(
        {},
        default_connection=None,
        http=http,
        providers=PROVIDERS,
        database_url=url,
        require_keys=False,
        environ=environ,
    )


async def test_ready_when_the_database_answers(tmp_path: Path) -> None:
    environ = {"HIREGRAPH_SECRET_KEYS": generate_key()}
    async with httpx.AsyncClient() as http:
        layer = await _layer(f"sqlite:///{tmp_path / 'db.sqlite3'}", environ, http)
        await layer.start()
        try:
            response = await layer.readyz(GET)
            assert response.status_code == 200
            assert b'"database":"ok"' in response.body
            assert "stored connections on" in layer.notice("127.0.0.1")
        finally:
            await layer.aclose()


async def test_still_ready_but_degraded_when_redis_is_down() -> None:
    # The worker serves on its own limiter and breaker meanwhile (tenancy/state_fallback.py):
    # a 503 would make a balancer drop every worker at once over a Redis outage.
    environ = {"HIREGRAPH_REDIS_URL": "redis://127.0.0.1:1/0"}
    async with httpx.AsyncClient() as http:
        layer = await _layer(None, environ, http)
        await layer.start()
        try:
            assert isinstance(layer.shared_state, RedisState)
            response = await layer.readyz(GET)
            assert response.status_code == 200
            assert b'"redis":"degraded"' in response.body
        finally:
            await layer.aclose()


async def test_ready_with_redis() -> None:
    need("Redis", "127.0.0.1", 6379)
    async with httpx.AsyncClient() as http:
        layer = await _layer(None, {"HIREGRAPH_REDIS_URL": REDIS_URL}, http)
        try:
            response = await layer.readyz(GET)
            assert response.status_code == 200
            assert "upstream budgets in Redis" in layer.notice("0.0.0.0")
        finally:
            await layer.aclose()


async def test_redis_without_a_fallback_down_is_unavailable() -> None:
    # Only tools build a RedisState without a fallback; for them Redis down is a failure.
    state = RedisState.from_url("redis://127.0.0.1:1/0", timeout_s=0.2)
    try:
        assert (await check(None, state))["redis"] == "unavailable"
        response = await readyz(None, state)(GET)
        assert response.status_code == 503
    finally:
        await state.aclose()
