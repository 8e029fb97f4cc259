"""The kit's write refusal (``kit/refusals.py``): it names the provider, the connection and
the input field, and is the error the gateway answers BAD_USER_INPUT."""

from __future__ import annotations

from dataclasses import dataclass

from providers.base import Connection
from providers.errors import ProviderBadInput, WriteRefused
from providers.kit.refusals import refused


@dataclass
class Toy:
    name: str
    connection: Connection


def test_a_refusal_names_the_connection_and_the_field() -> None:
    error = refused(Toy("toy", Connection("acme", "toy")), "input.stageId", "no such stage")
    assert isinstance(error, WriteRefused)
    assert isinstance(error, ProviderBadInput)
    assert (error.provider, error.connection, error.field, error.message) == (
        "toy",
        "acme",
        "input.stageId",
        "no such stage",
    )
