"""``providers/kit/refuse.py``: a write refusal carries its field and the call's context."""

from __future__ import annotations

from providers.errors import WriteRefused
from providers.http import CallContext
from providers.kit.writing import write_refusal


def test_the_refusal_names_the_field_and_the_call() -> None:
    refused = write_refusal(
        CallContext("example", "conn", "candidate", "update"), "no such tag", "input.tags"
    )
    assert isinstance(refused, WriteRefused)
    assert refused.message == "no such tag"
    assert refused.field == "input.tags"
    assert (refused.provider, refused.connection) == ("example", "conn")
    assert (refused.resource, refused.operation) == ("candidate", "update")
