"""A simulated Lever connection reads the demo account as its key allows: confidential
postings included, so lever-demo holds every sandbox candidate (a connection can still opt out)."""

from __future__ import annotations

from typing import Any

import pytest

from providers.base import Connection
from providers.lever import LeverAdapter
from providers.simulation import simulated_adapter


@pytest.mark.parametrize(
    ("options", "confidential"),
    [({}, True), ({"include_confidential": False}, False), ({"include_confidential": True}, True)],
)
async def test_a_simulated_connection_includes_confidential_unless_it_says_otherwise(
    options: dict[str, Any], confidential: bool
) -> None:
    connection = Connection(name="demo", provider="lever", options={"simulated": True, "size": 5, **options})
    adapter, client = simulated_adapter(LeverAdapter, connection, 5.0)
    try:
        assert isinstance(adapter, LeverAdapter)
        assert adapter.options.include_confidential is confidential
        assert adapter.confidentiality() == ({"confidentiality": "all"} if confidential else {})
    finally:
        await client.aclose()


def test_a_real_connection_keeps_lever_default_of_non_confidential() -> None:
    adapter = LeverAdapter(Connection(name="real", provider="lever", credentials={"api_key": "k"}))
    assert adapter.options.include_confidential is False
