"""Whether the provider accepted a write request during one adapter write: once it has, no
error of that write may say that nothing happened.

``ProviderAdapter.write`` watches each call (:func:`watching`); ``UpstreamHttp`` notes each
write request (one it sends once, never retried) that the provider answered 2xx, and each it
did not (:func:`note_write`); an RPC API, which answers a refusal 200 too, takes back the
acceptance of an answer that says it refused (:func:`refused_after_all`), and a write whose
first request may be sent again without writing twice says so (:func:`repeatable`). An error
after an accepted write request is then the write's outcome unknown (``WriteOutcomeUnknown``):
the provider applied at least part of it, and its answer, or what the write did after it,
cannot be read. Were the gateway to answer such an error as a failed write, it would release the
idempotency key, and a retry with it would write a second time.

The watch lives in a context variable, so that writes made at once (several mutations of one
operation, each in its own task) each keep their own, and a task a write starts notes into it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class Acceptance:
    """What the provider answered to the write requests of one adapter write."""

    accepted: int = 0
    """Write requests answered 2xx (less those whose answer says they were refused)."""
    failed_after: bool = False
    """A write request after an accepted one was refused, or failed: the write is partly made."""


_current: ContextVar[Acceptance | None] = ContextVar("hiregraph_write_acceptance", default=None)


@contextmanager
def watching() -> Iterator[Acceptance]:
    """Note, for the calls made inside, which write requests the provider accepted."""
    acceptance = Acceptance()
    token = _current.set(acceptance)
    try:
        yield acceptance
    finally:
        _current.reset(token)


def note_write(accepted: bool) -> None:
    """A write request was answered: with a 2xx (``accepted``), or with anything else."""
    acceptance = _current.get()
    if acceptance is None:
        return  # not inside an adapter write (a webhook subscription, a test's direct call)
    if accepted:
        acceptance.accepted += 1
    elif acceptance.accepted:
        acceptance.failed_after = True


def refused_after_all() -> None:
    """The 2xx answer just noted says the provider refused the request (an RPC API's
    ``success: false``): nothing it asked for was written."""
    acceptance = _current.get()
    if acceptance is None or not acceptance.accepted:
        return
    acceptance.accepted -= 1
    if acceptance.accepted:
        acceptance.failed_after = True


def repeatable() -> None:
    """The write request just accepted writes nothing more if the mutation is made again
    (Teamtailor's candidate create with ``merge: true`` answers the candidate of that e-mail):
    an error after it may release the idempotency key, as one before it does."""
    acceptance = _current.get()
    if acceptance is not None and acceptance.accepted:
        acceptance.accepted -= 1
