"""Shared set-up for the simulator tests: one small sandbox dataset, an adapter wired to it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

import httpx
from starlette.applications import Starlette

from providers.base import Connection
from providers.sandbox import Dataset, generate
from providers.workable import WorkableAdapter
from providers.workable.simulator import IdCodec, SimulatorFaults, create_simulator, simulator_transport

SIM_TOKEN: Final = "sim-token-4b1d"
SIM_SUBDOMAIN: Final = "northwind"
SIM_BASE: Final = "http://workable.sim/spi/v3"

DATA: Final[Dataset] = generate(7, 12)
IDS: Final = IdCodec(DATA)


def simulator(faults: SimulatorFaults | None = None) -> Starlette:
    return create_simulator(
        DATA, credentials={"api_token": SIM_TOKEN, "subdomain": SIM_SUBDOMAIN}, faults=faults
    )


@contextmanager
def client_for(app: Starlette, timeout: float = 5.0) -> Iterator[httpx.AsyncClient]:
    yield httpx.AsyncClient(transport=simulator_transport(app), base_url=SIM_BASE, timeout=timeout)


def adapter_for(client: httpx.AsyncClient, token: str = SIM_TOKEN) -> WorkableAdapter:
    credentials: dict[str, Any] = {"api_token": token, "subdomain": SIM_SUBDOMAIN}
    return WorkableAdapter(
        Connection(name="sim", provider="workable", base_url=SIM_BASE, credentials=credentials), http=client
    )
