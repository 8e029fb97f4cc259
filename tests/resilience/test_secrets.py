"""No credential ever reaches a client or a log line, whatever goes wrong upstream.

Each provider runs against its simulator with a distinctive secret as the connection's
credential; the simulator refuses it, fails with 5xx, or sends malformed pages. The
responses (errors, remoteData, extensions) and every log record at DEBUG level are searched
for the secret.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import replace
from typing import Any

import pytest

from providers.base import ProviderAdapter
from providers.registry import PROVIDERS
from providers.simulation import Simulation
from tests.graph.support import GraphQLClient, make_client

SECRET = "hgtest_SECRET_9f8e7d6c5b4a"
SIMULATED = sorted(n for n, cls in PROVIDERS.items() if cls.simulation() is not None)
QUERY = """{ candidates(first: 3) { edges { node { id name remoteData
    applications { id remoteData job { name remoteData } } } } } }"""


def _with_secret(credentials: dict[str, str]) -> dict[str, str]:
    secret_keys = {"api_key", "api_token", "access_token", "client_secret"}
    return {k: (SECRET if k in secret_keys else v) for k, v in credentials.items()}


def _rigged(
    cls: type[ProviderAdapter], simulator_credentials: dict[str, str], faults: list[Any]
) -> type[ProviderAdapter]:
    """``cls`` whose simulator accepts ``simulator_credentials`` whatever the connection says."""
    original = cls.simulation()
    assert original is not None

    def create(dataset: Any, *, credentials: Any, faults: Any) -> Any:
        return original.create(dataset, credentials=simulator_credentials, faults=faults)

    def make_faults(latency_s: float) -> Any:
        made = original.faults(latency_s)
        faults.append(made)
        return made

    rigged: Simulation = replace(original, create=create, faults=make_faults)
    return type(f"Rigged{cls.__name__}", (cls,), {"simulation": classmethod(lambda _: rigged)})


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    parts = []
    for record in caplog.records:
        parts.append(record.getMessage())
        if record.exc_info:
            parts.append("".join(traceback.format_exception(*record.exc_info)))
    return "\n".join(parts)


async def _run(
    provider: str, simulator_credentials: dict[str, str], arm: str
) -> tuple[dict[str, Any], list[Any]]:
    cls = PROVIDERS[provider]
    simulation = cls.simulation()
    assert simulation is not None
    faults: list[Any] = []
    connection_credentials = _with_secret(dict(simulation.credentials))
    config = {
        "connections": {
            "c": {
                "provider": provider,
                "simulated": True,
                "seed": 3,
                "size": 10,
                "credentials": connection_credentials,
            }
        }
    }
    async with make_client(config, {provider: _rigged(cls, simulator_credentials, faults)}) as http:
        if arm == "server-errors":
            faults[0].fail_next_n_with_status = (1000, 500)
        elif arm == "malformed":
            faults[0].malformed_pages = True
        body = await GraphQLClient(http).post(QUERY)
    return body, faults


@pytest.mark.parametrize("provider", SIMULATED)
@pytest.mark.parametrize("arm", ["refused", "server-errors", "malformed"])
async def test_no_secret_in_responses_or_logs(
    provider: str, arm: str, caplog: pytest.LogCaptureFixture
) -> None:
    cls = PROVIDERS[provider]
    simulation = cls.simulation()
    assert simulation is not None
    right = dict(simulation.credentials)
    # "refused": the simulator expects other credentials than the connection sends.
    simulator_credentials = right if arm == "refused" else _with_secret(right)
    with caplog.at_level(logging.DEBUG):
        body, _ = await _run(provider, simulator_credentials, arm)
    codes = {e["extensions"]["code"] for e in body.get("errors", [])}
    expected = {
        "refused": "UPSTREAM_AUTH_FAILED",
        "server-errors": "UPSTREAM_UNAVAILABLE",
        "malformed": "UPSTREAM_INVALID_RESPONSE",
    }[arm]
    assert expected in codes, body
    assert SECRET not in str(body)
    assert SECRET not in _logged(caplog)
