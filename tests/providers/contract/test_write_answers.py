"""Contract: an answer that cannot be read after the provider accepted a write is an unknown
outcome (``WriteOutcomeUnknown``: the gateway keeps the idempotency key and answers
WRITE_OUTCOME_UNKNOWN), never a failed write (a ``ProviderError`` of another kind releases the
key, and a retry with it writes again) nor a crash.

Each write the provider offers is made once through the adapter, then again on a fresh
simulator with the 2xx answer of one of its write requests (not of a read made before it)
replaced: by a body that is not JSON, an empty one, and each mutation of its JSON one leaf at a
time (``payload_faults``; the root as another JSON type among them)."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

import httpx
import pytest

from providers.base import ProviderAdapter
from providers.errors import ProviderError, WriteOutcomeUnknown
from providers.writes import Actor, WriteOperation, offered

from .harness import SIMULATED, simulated
from .payload_faults import ABSENT, Mutation, answered_with, mutations
from .write_inputs import is_write, tries, write_inputs

WRITING: Final = tuple(cls for cls in SIMULATED if offered(cls))
"""The providers whose adapter offers a write: the declarations enrol them."""

PER_WRITE: Final = 12
"""Leaf mutations tried per write request, drawn with a seed of the provider's, the write's
and the request's names: the whole contract stays well within a minute."""

RAW: Final = {"a body that is not JSON": b"{not json", "an empty body": b""}

REFUSAL: Final = 422
"""The status a later write request of a write is refused with (``test_a_write_refused_...``)."""

TIMEOUT_S: Final = 30.0
"""Only a guard against a write that never ends; one takes milliseconds."""


@dataclass(frozen=True)
class Fault:
    """The answer of the ``index``-th write request of a write replaced."""

    index: int
    request: str
    """``METHOD /path`` of that request, as the write sent it unmutated."""
    what: str
    replace: Callable[[Any], bytes | None]
    """The new body from the answer's JSON document (None: the document has no such leaf)."""

    status: int | None = None
    """The status the answer is given instead of its own (None: its own)."""

    def __str__(self) -> str:
        return f"{self.request} (write request {self.index + 1}): {self.what}"


def _leaf(mutation: Mutation) -> Callable[[Any], bytes | None]:
    def replace(document: Any) -> bytes | None:
        mutated = mutation.apply(document)
        return None if mutated is ABSENT else json.dumps(mutated).encode()

    return replace


def _raw(content: bytes) -> Callable[[Any], bytes | None]:
    return lambda document: content


@dataclass
class WriteAnswers(httpx.AsyncBaseTransport):
    """Passes requests to ``inner``; records each 2xx answer to a write request (its JSON
    document, None if it has none), or replaces the one ``fault`` names."""

    inner: httpx.AsyncBaseTransport
    fault: Fault | None = None
    applied: bool = False
    answers: list[tuple[str, Any]] = field(default_factory=list)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if not is_write(request) or not 200 <= response.status_code < 300:
            return response
        content = await response.aread()
        try:
            document = json.loads(content) if content.strip() else None
        except ValueError:
            document = None
        index = len(self.answers)
        self.answers.append((f"{request.method} {request.url.path}", document))
        if self.fault is None or self.fault.index != index:
            return response
        replaced = self.fault.replace(document)
        if replaced is None:
            return response
        self.applied = True
        return answered_with(request, response, replaced, self.fault.status)

    async def aclose(self) -> None:
        await self.inner.aclose()


@dataclass(frozen=True)
class Write:
    """One write the adapter takes unmutated, and the answers of its write requests."""

    op: WriteOperation
    input: Any
    actor: Actor | None
    answers: list[tuple[str, Any]]

    def faults(self, provider: str, per_request: int | None) -> list[Fault]:
        out: list[Fault] = []
        for index, (request, document) in enumerate(self.answers):
            out += [Fault(index, request, what, _raw(raw)) for what, raw in RAW.items()]
            every = mutations([(request, document)]) if document is not None else []
            if per_request is not None and len(every) > per_request:
                every = random.Random(f"{provider} {self.op.method} {index}").sample(every, per_request)
            out += [Fault(index, request, str(m).removeprefix(request).strip(), _leaf(m)) for m in every]
        return out


async def _run(
    cls: type[ProviderAdapter], write: Write, fault: Fault | None
) -> tuple[BaseException | None, WriteAnswers]:
    """The write made on a fresh simulator with ``fault``: what it raised, and the transport."""
    transports: list[WriteAnswers] = []

    def wrap(inner: httpx.AsyncBaseTransport) -> WriteAnswers:
        transports.append(WriteAnswers(inner, fault))
        return transports[-1]

    async with simulated(cls, wrap=wrap) as sim:
        adapter = sim.adapter()
        try:
            await asyncio.wait_for(
                adapter.write(write.op.method, write.op.resource, write.input, write.actor), TIMEOUT_S
            )
        except Exception as exc:  # what the contract classifies
            return exc, transports[0]
    return None, transports[0]


_made: dict[type[ProviderAdapter], tuple[list[Write], list[str]]] = {}
""":func:`_writes` of each provider, found once for the module's three contracts."""


async def _writes(cls: type[ProviderAdapter]) -> tuple[list[Write], list[str]]:
    """Each offered write with the first input the simulator takes by a write request (a tag
    removal from a candidate without the tag may write nothing); and those it took none of."""
    if cls not in _made:
        _made[cls] = await _find_writes(cls)
    return _made[cls]


async def _find_writes(cls: type[ProviderAdapter]) -> tuple[list[Write], list[str]]:
    async with simulated(cls) as sim:
        inputs, actor = await write_inputs(sim, sim.adapter(), more=True)
    made: list[Write] = []
    untaken: list[str] = []
    for op in offered(cls):
        for one, acting in tries(inputs[op.method], actor):
            probe = Write(op, one, acting, [])
            raised, transport = await _run(cls, probe, None)
            if raised is None and transport.answers:
                made.append(Write(op, one, acting, transport.answers))
                break
        else:
            untaken.append(op.method)
    return made, untaken


@dataclass
class Outcomes:
    """What each fault made a write do."""

    fine: list[str] = field(default_factory=list)
    """The write succeeded, or raised ``WriteOutcomeUnknown``."""
    released: list[str] = field(default_factory=list)
    """Another ``ProviderError``: the gateway would release the key."""
    crashed: list[str] = field(default_factory=list)
    """Anything else: an internal error."""
    unreached: list[str] = field(default_factory=list)
    """The write never got the answer the fault replaces (it would pass untested)."""


async def outcomes(cls: type[ProviderAdapter], per_request: int | None = PER_WRITE) -> Outcomes:
    """Every fault (``per_request`` leaf mutations of each write request's answer; None: all)."""
    found = Outcomes()
    writes, _ = await _writes(cls)
    for write in writes:
        for fault in write.faults(cls.name, per_request):
            where = f"{write.op.method}: {fault}"
            raised, transport = await _run(cls, write, fault)
            if not transport.applied:
                found.unreached.append(where)
            elif raised is None or isinstance(raised, WriteOutcomeUnknown):
                found.fine.append(where)
            elif isinstance(raised, ProviderError):
                found.released.append(f"{where}: {type(raised).__name__}: {raised.message[:160]}")
            else:
                found.crashed.append(f"{where}: {raised!r}"[:300])
    return found


@pytest.fixture(params=WRITING, ids=[cls.name for cls in WRITING])
def writer(request: pytest.FixtureRequest) -> type[ProviderAdapter]:
    cls: type[ProviderAdapter] = request.param
    return cls


async def test_every_offered_write_is_made(writer: type[ProviderAdapter]) -> None:
    """The contract below tests each write: each must be taken with one of the inputs tried."""
    _, untaken = await _writes(writer)
    assert untaken == []


async def test_an_unreadable_answer_to_an_accepted_write_is_an_unknown_outcome(
    writer: type[ProviderAdapter],
) -> None:
    found = await outcomes(writer)
    assert found.released + found.crashed + found.unreached == []


async def test_a_write_refused_after_an_accepted_one_is_an_unknown_outcome(
    writer: type[ProviderAdapter],
) -> None:
    """A write made of several write requests (Ashby's tag, then its addition to the candidate)
    has written something once the first is accepted: a later one refused (a 4xx) leaves the
    write made in part, which a released key would let a retry repeat. The first refused is a
    refusal: nothing was written."""
    writes, _ = await _writes(writer)
    problems: list[str] = []
    for write in writes:
        for index, (request, _) in enumerate(write.answers):
            refused = Fault(index, request, f"answered {REFUSAL}", _raw(b"{}"), REFUSAL)
            raised, transport = await _run(writer, write, refused)
            unknown = isinstance(raised, WriteOutcomeUnknown)
            if not transport.applied or not isinstance(raised, ProviderError) or unknown != (index > 0):
                problems.append(f"{write.op.method}: {refused}: {raised!r}"[:300])
    assert problems == []
