"""In-process datasets of stored connections (issue 10.4) and malformed options (issue 10).

Simulated connections are the operator's (config file, CLI): the admin API refuses them; an
API-created sandbox's size is bounded; a dataset is generated off the event loop and freed
when its connection is deleted.
"""

from __future__ import annotations

import asyncio
import gc
import threading
import weakref
from pathlib import Path
from typing import Any

import httpx
import pytest

from providers.query import ListQuery
from providers.records import Resource
from providers.registry import PROVIDERS
from providers.sandbox import dataset as dataset_module
from providers.sandbox.dataset import Dataset, dataset
from tenancy.connections import ADAPTER_IDLE_S, API_DATASET_MAX_SIZE
from tenancy.runtime import Tenancy
from tenancy.store import Store

from .admin_app import DELETE, admin_app, error

JOBS = "{ jobs(first: 1) { edges { node { id } } } }"


async def test_tenant_admins_cannot_create_simulated_connections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with admin_app(tmp_path, monkeypatch) as app:
        body = await app.create(name="sim", provider="greenhouse", options={"simulated": True, "size": 20})
        code, message = error(body)
        assert code == "FORBIDDEN"
        assert "operator" in message
        listed = await app.post("{ tenantConnections { name } }")
        assert listed["data"] == {"tenantConnections": []}


@pytest.mark.parametrize("size", [API_DATASET_MAX_SIZE + 1, float(API_DATASET_MAX_SIZE + 1), "1000000"])
async def test_an_api_created_sandbox_has_a_bounded_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: Any
) -> None:
    async with admin_app(tmp_path, monkeypatch) as app:
        body = await app.create(name="big", provider="sandbox", options={"size": size})
        assert error(body) == (
            "BAD_USER_INPUT",
            f"options.size is at most {API_DATASET_MAX_SIZE} for a sandbox connection created through the API",
        )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("{bad", "options must be a JSON object; this string is not valid JSON"),
        ('["a"]', "options must be an object"),
        ([1, 2], "options must be an object"),
    ],
)
async def test_malformed_options_are_bad_user_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: Any, message: str
) -> None:
    async with admin_app(tmp_path, monkeypatch) as app:
        body = await app.create(name="main", provider="sandbox", options=options)
        assert error(body) == ("BAD_USER_INPUT", message)


async def test_a_deleted_connections_dataset_is_freed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with admin_app(tmp_path, monkeypatch) as app:
        made = await app.create(name="main", provider="sandbox", options={"seed": 9101, "size": 30})
        assert made.get("errors") is None, made
        served = await app.http.post(
            "/graphql",
            json={"query": JOBS},
            headers={"Authorization": f"Bearer {app.key}", "X-Hiregraph-Connection": "main"},
        )
        assert len(served.json()["data"]["jobs"]["edges"]) == 1
        # The one the connection serves (the registry shares it while it is used).
        used = weakref.ref(dataset(9101, 30))
        assert (await app.post(DELETE, name="main"))["data"] == {"deleteConnection": True}
        gc.collect()
        assert used() is None


async def test_an_operator_simulated_connections_dataset_is_freed_on_delete(tenancy: Tenancy) -> None:
    # What ``hiregraph connections add --option simulated=true`` does: the operator may.
    conn = await tenancy.connections.create(
        "acme", "sim", "greenhouse", {}, options={"simulated": True, "seed": 9102, "size": 30}
    )
    adapter = await tenancy.source.adapter(conn)
    page = await adapter.list(Resource.USER, ListQuery(page_size=1))
    assert len(page.records) == 1
    used = weakref.ref(dataset(9102, 30))
    del adapter, page
    assert await tenancy.connections.delete("acme", "sim")
    gc.collect()
    assert used() is None


class BlockingGenerate:
    """Stands in for ``generate``: it waits for the event loop to run a callback first, so it
    finishes at once in a worker thread and times out (noting it) when run on the loop."""

    def __init__(self) -> None:
        self.real = dataset_module.generate
        self.loop_ran = threading.Event()
        self.blocked_the_loop = False

    def __call__(self, seed: int, size: int) -> Dataset:
        if not self.loop_ran.wait(timeout=1.0):
            self.blocked_the_loop = True
        return self.real(seed, size)


@pytest.mark.parametrize(
    ("provider", "options"),
    [
        ("sandbox", {"seed": 9103, "size": 20}),
        ("greenhouse", {"simulated": True, "seed": 9104, "size": 20}),
    ],
)
async def test_datasets_are_generated_off_the_event_loop(
    tenancy: Tenancy, monkeypatch: pytest.MonkeyPatch, provider: str, options: dict[str, Any]
) -> None:
    generate = BlockingGenerate()
    monkeypatch.setattr(dataset_module, "generate", generate)
    loop = asyncio.get_running_loop()
    # Runs only if the loop is free while the dataset is generated.
    loop.call_later(0.01, generate.loop_ran.set)
    conn = await tenancy.connections.create("acme", "main", provider, {}, options=options)
    await tenancy.source.adapter(conn)
    assert not generate.blocked_the_loop


async def test_another_worker_lets_go_of_a_deleted_connections_dataset(
    store: Store, secret_keys: str
) -> None:
    environ = {"HIREGRAPH_SECRET_KEYS": secret_keys}
    async with httpx.AsyncClient() as http:
        deleting, serving = [
            await Tenancy.open(http, PROVIDERS, environ=environ, store=store) for _ in range(2)
        ]
        try:
            gone = await deleting.connections.create(
                "acme", "gone", "sandbox", {}, options={"seed": 9105, "size": 20}
            )
            kept = await deleting.connections.create(
                "acme", "kept", "sandbox", {}, options={"seed": 9106, "size": 20}
            )
            await serving.source.adapter(gone)
            await serving.source.adapter(kept)
            used = weakref.ref(dataset(9105, 20))
            assert await deleting.connections.delete("acme", "gone")
            # The serving worker is never told; once the adapter has been idle long enough,
            # serving any other connection lets it go.
            later = serving.source.clock() + ADAPTER_IDLE_S + 1
            serving.source.clock = lambda: later
            await serving.source.adapter(kept)
            gc.collect()
            assert used() is None
        finally:
            await deleting.aclose()
            await serving.aclose()
