"""providers/factory.py builds the adapters of static and stored connections alike: a real
connection on the client it is given, a simulated one on a client of its own."""

from __future__ import annotations

import httpx
import pytest

from providers.base import Connection
from providers.factory import UnknownProvider, build_adapter, build_adapter_async
from providers.lever import LeverAdapter
from providers.resilience import InProcessState, UpstreamPolicy

PROVIDERS = {"lever": LeverAdapter}


async def test_a_real_connection_uses_the_client_it_is_given() -> None:
    async with httpx.AsyncClient() as http:
        connection = Connection(name="real", provider="lever", credentials={"api_key": "k"})
        built = build_adapter(
            connection, http, PROVIDERS, policy=UpstreamPolicy(), state=InProcessState(), timeout_s=5.0
        )
        assert isinstance(built.adapter, LeverAdapter)
        assert built.adapter.http is http
        assert built.own_client is None
        await built.aclose()
        assert not http.is_closed  # the shared client is its owner's to close


@pytest.mark.parametrize("asynchronous", [False, True])
async def test_a_simulated_connection_gets_a_client_of_its_own(asynchronous: bool) -> None:
    connection = Connection(name="demo", provider="lever", options={"simulated": True, "size": 5})
    policy, state = UpstreamPolicy(), InProcessState()
    if asynchronous:
        built = await build_adapter_async(
            connection, None, PROVIDERS, policy=policy, state=state, timeout_s=5.0
        )
    else:
        built = build_adapter(connection, None, PROVIDERS, policy=policy, state=state, timeout_s=5.0)
    assert built.own_client is not None
    assert built.adapter.http is built.own_client
    await built.aclose()
    assert built.own_client.is_closed


def test_an_unknown_provider_is_named_with_the_known_ones() -> None:
    with pytest.raises(UnknownProvider, match=r"unknown provider 'nope' \(known: lever\)"):
        build_adapter(
            Connection(name="x", provider="nope"),
            None,
            PROVIDERS,
            policy=UpstreamPolicy(),
            state=InProcessState(),
            timeout_s=5.0,
        )
