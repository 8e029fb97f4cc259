"""Contract: a broken answer is a typed error, never a crash. Every read an adapter makes
(listings, reads by id and by parent) is replayed against its simulator's real answers with one
leaf rewritten at a time (a scalar as another type or an odd value of its own, a container as
a scalar, a key deleted): the read either succeeds (the field is optional or unread, and the
raw answer is still the record's ``remoteData``) or raises a ``ProviderError``, normally
``ProviderResponseInvalid``. A ``TypeError`` or ``KeyError`` from a mapping would reach clients
as an internal error."""

from __future__ import annotations

import asyncio
import random
from typing import Final

import httpx

from providers.base import ProviderAdapter
from providers.errors import ProviderError

from .harness import simulated
from .payload_faults import RewritingTransport, discover, mutations

PER_READ: Final = 32
"""Mutations tried per read, drawn with a seed of the provider's and the read's names: the
whole contract stays within a minute, and a run finds what the previous one found."""

TIMEOUT_S: Final = 30.0
"""Only a guard against a read that never ends (a malformed cursor followed forever): a
read takes milliseconds, but a loaded machine can stall one for seconds."""


async def crashes(cls: type[ProviderAdapter], per_read: int | None = PER_READ) -> list[str]:
    """Each mutation (``per_read`` of each read; None: all) that made a read raise anything
    but a ``ProviderError``, with what it raised, or that never reached its answer (the read
    would pass untested)."""
    transports: list[RewritingTransport] = []

    def wrap(inner: httpx.AsyncBaseTransport) -> RewritingTransport:
        transports.append(RewritingTransport(inner))
        return transports[-1]

    found: list[str] = []
    async with simulated(cls, wrap=wrap) as sim:
        rewriting = transports[0]
        reads = await discover(cls, sim.adapter)
        for label, call in reads.calls:
            rewriting.reset()
            await call(sim.adapter())
            every = mutations(rewriting.answers)
            chosen = (
                every
                if per_read is None or len(every) <= per_read
                else random.Random(f"{cls.name} {label}").sample(every, per_read)
            )
            for mutation in chosen:
                rewriting.reset(mutation)
                try:
                    await asyncio.wait_for(call(sim.adapter()), TIMEOUT_S)
                except ProviderError:
                    pass
                except Exception as exc:  # any other is what the contract reports
                    found.append(f"{label}: {mutation}: {exc!r}")
                if not rewriting.applied:
                    found.append(f"{label}: {mutation}: the read never got the answer it rewrites")
    return found


async def test_a_malformed_leaf_is_read_leniently_or_a_provider_error(
    provider: type[ProviderAdapter],
) -> None:
    assert await crashes(provider) == []
