"""What a provider's own webhooks look like: how a delivery is signed, and what it says.

Each provider that sends webhooks declares one ``WebhookScheme`` (in ``providers/<p>/webhooks.py``,
named by the adapter's ``webhooks`` attribute). The neutral receiver (``tenancy/events/receiver.py``)
reads the raw body, asks the scheme to check the signature with the connection's
``webhook_secret`` credential, then to say what happened. Event types are named by their
neutral value (``application.stage_changed``), so providers do not depend on the event log.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Final

if TYPE_CHECKING:
    from .kit.adapter import HttpAdapter

DEFAULT_MAX_SKEW_S: Final = 300.0
"""A delivery whose own timestamp is further than this from now is refused (replay)."""


class WebhookRefused(Exception):
    """The delivery is not proven to come from the provider (bad, missing or stale signature).
    The message says which, never the secret or the expected signature."""


class WebhookMalformed(Exception):
    """The delivery is signed but its body is not one this scheme understands."""


@dataclass(frozen=True)
class Delivery:
    """What one signed delivery says, in neutral terms."""

    delivery_id: str
    """Unique per delivery (a retry repeats it): the dedupe key of the event it makes."""
    event: str | None
    """The neutral event type (``candidate.updated``); None for a delivery that makes no event
    (a ping, an event about something the log does not track)."""
    record_id: str = ""
    occurred_at: float | None = None
    provider_event: str = ""
    """The provider's own name for what happened (kept in the event's details)."""


@dataclass(frozen=True)
class Registration:
    """What ``WebhookScheme.register`` did: the secret to keep as the connection's
    ``webhook_secret`` (None: keep the current one), what the provider's API registered, and
    the steps left to do by hand."""

    secret: str | None
    registered: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class SignedDelivery:
    """A delivery as the provider would send it: what ``WebhookScheme.simulate`` makes."""

    headers: Mapping[str, str]
    body: bytes


def hmac_sha256_hex(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def check_hex(expected: str, given: str | None, what: str) -> None:
    """Compare in constant time; raise ``WebhookRefused`` naming ``what`` on a mismatch."""
    if not given:
        raise WebhookRefused(f"the delivery has no {what}")
    given = given.strip().lower()
    # compare_digest takes no str beyond ASCII, and a hex digest never is
    if not given.isascii() or not hmac.compare_digest(expected.lower(), given):
        raise WebhookRefused(f"the {what} does not match this connection's webhook secret")


def json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise WebhookMalformed("the delivery's body is not JSON") from None
    except RecursionError:
        # nesting deeper than the reader recurses: no delivery of any provider is that deep
        raise WebhookMalformed("the delivery's body is JSON nested too deeply to read") from None
    if not isinstance(data, dict):
        raise WebhookMalformed("the delivery's body is not a JSON object")
    return data


MAX_ID_CHARS: Final = 255
"""Longer than any id a provider gives (UUIDs, Mongo ids, JazzHR's prefixed ids are under 64)."""
_ID_BOUND: Final = 10**MAX_ID_CHARS


def ident(value: Any) -> str:
    """An id as the records carry it (a non-negative integer as its digits); "" when absent or
    not an id: another JSON type, a negative number, text that is empty, padded with blanks,
    longer than ``MAX_ID_CHARS`` or holding what no id holds (a control or format character,
    a lone surrogate no store can encode). What it gives is logged as an event's record id."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value) if 0 <= value < _ID_BOUND else ""
    if not isinstance(value, str):
        return ""
    readable = 0 < len(value) <= MAX_ID_CHARS and value.strip() == value and value.isprintable()
    return value if readable else ""


class WebhookScheme(ABC):
    """One provider's webhooks. ``setup`` tells how deliveries are registered (the CLI shows it)."""

    provider: ClassVar[str]
    signed_with: ClassVar[str]
    """Where the signature is, for error messages and docs (``the Signature header``)."""
    timestamped: ClassVar[bool] = False
    """Whether deliveries carry a signed time (then stale ones are refused)."""

    @abstractmethod
    def verify(self, headers: Mapping[str, str], body: bytes, secret: str) -> None:
        """Raise ``WebhookRefused`` unless ``body`` was signed with ``secret``."""

    @abstractmethod
    def parse(self, headers: Mapping[str, str], body: bytes) -> Delivery:
        """What a verified delivery says (raise ``WebhookMalformed`` when it cannot tell)."""

    def sent_at(self, headers: Mapping[str, str], body: bytes) -> float | None:
        """The signed time of the delivery (epoch seconds), for schemes that are ``timestamped``."""
        return None

    def sign(self, headers: Mapping[str, str], body: bytes, secret: str) -> SignedDelivery | None:
        """``body`` signed with ``secret`` as the provider signs a delivery, ``headers`` kept
        (a signature among them replaced): how tests re-sign a body they altered. None when
        this scheme cannot sign it (the default; a body without the fields the signature covers)."""
        return None

    def simulate(
        self, event: str, record_id: str, secret: str, *, delivery_id: str, at: float
    ) -> SignedDelivery | None:
        """A delivery of the neutral ``event`` about ``record_id``, signed with ``secret`` in
        the provider's own format, as if sent at ``at`` (epoch seconds): what the bench and
        tests post to a receiver. None when this scheme cannot make one (the default)."""
        return None

    @abstractmethod
    async def register(self, adapter: HttpAdapter, url: str, secret: str | None) -> Registration:
        """Have the provider send its webhooks to ``url`` (through its API where it has one);
        ``secret``: the connection's current ``webhook_secret``, if any."""
