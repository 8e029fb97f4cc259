"""A write refused before it is sent, said with the call's context: the input field it is
about, and who was calling what (``CallContext``), as every provider's write refusals say it."""

from __future__ import annotations

from ..errors import WriteRefused
from ..http import CallContext


def write_refusal(ctx: CallContext, message: str, field: str) -> WriteRefused:
    """``WriteRefused(message)`` about the input ``field`` (``"input.candidateId"``), naming
    the provider, connection, resource and operation of ``ctx``; raise it."""
    return WriteRefused(
        message,
        provider=ctx.provider,
        connection=ctx.connection,
        resource=ctx.resource,
        operation=ctx.operation,
        field=field,
    )
