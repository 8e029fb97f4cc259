"""Webhook schemes declared by their envelope: where a delivery names its event, its own id and
its time (a header, or a path into the JSON body), and which provider events make which neutral
events about the record at which path. ``parse`` reads the declaration; a provider overrides a
hook (``event_name``, ``delivery_id``, ``record_id``, ``event_kind``) only for a real quirk.

A provider with no API for webhooks declares its ``setup_steps`` instead of registering.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from ..webhooks import Delivery, Registration, WebhookScheme, ident, json_object
from .times import iso_epoch_s

if TYPE_CHECKING:
    from .adapter import HttpAdapter


@dataclass(frozen=True)
class Header:
    """A value a delivery carries in a header rather than in its body."""

    name: str


Where = Header | tuple[str, ...]
"""A header, or the keys leading to a value in the delivery's JSON body."""


class Makes(NamedTuple):
    """What one provider event makes: the neutral event type, and the path of the id of the
    record it is about."""

    event: str
    record_at: tuple[str, ...]


def header(headers: Mapping[str, str], name: str) -> str | None:
    """A header read lower-cased first, as servers hand headers over, then as spelled."""
    return headers.get(name.lower()) or headers.get(name)


def dig(data: Any, keys: tuple[str, ...]) -> Any:
    """``data[a][b]`` for the keys ``("a", "b")``; None past anything that is not an object."""
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def read(where: Where, headers: Mapping[str, str], data: dict[str, Any]) -> Any:
    return header(headers, where.name) if isinstance(where, Header) else dig(data, where)


class EnvelopeWebhooks(WebhookScheme):
    """``parse`` for a declared envelope. A delivery whose event is not in :attr:`events`, or
    whose record id is missing or not an id (as :func:`ident` reads one), makes no event (it
    is acknowledged and dropped: no event is logged about a made-up id)."""

    event_at: ClassVar[Where]
    """Where the provider's name for what happened is."""
    events: ClassVar[Mapping[str, Makes]]
    delivery_at: ClassVar[Where | None] = None
    """Where the delivery's own id is (a retry repeats it); None, or no id there (nothing, or
    a value :func:`ident` does not read as one): the body's SHA-256 (a retry sends the same body)."""
    time_at: ClassVar[tuple[str, ...] | None] = None
    """Where an ISO-8601 time of the event is (an unreadable one is no time, not a failure)."""

    def parse(self, headers: Mapping[str, str], body: bytes) -> Delivery:
        data = json_object(body)
        event = self.event_name(headers, data)
        delivery = self.delivery_id(headers, data, body)
        makes = self.events.get(event)
        record = self.record_id(data, makes.record_at) if makes is not None else ""
        if makes is None or not record:
            return Delivery(delivery, None, provider_event=event)
        at = iso_epoch_s(dig(data, self.time_at)) if self.time_at is not None else None
        return Delivery(delivery, self.event_kind(makes, data), record, at, event)

    def event_name(self, headers: Mapping[str, str], data: dict[str, Any]) -> str:
        return str(read(self.event_at, headers, data) or "")

    def delivery_id(self, headers: Mapping[str, str], data: dict[str, Any], body: bytes) -> str:
        given = ident(read(self.delivery_at, headers, data)) if self.delivery_at is not None else ""
        return given or hashlib.sha256(body).hexdigest()

    def record_id(self, data: dict[str, Any], at: tuple[str, ...]) -> str:
        return ident(dig(data, at))

    def event_kind(self, makes: Makes, data: dict[str, Any]) -> str:
        return makes.event


class ManualRegistration(WebhookScheme):
    """``register`` for a provider whose webhooks are made by hand in its settings: the steps,
    with the receiver's URL and the secret to enter (the connection's, else a new one)."""

    setup_steps: ClassVar[tuple[str, ...]]
    """The steps, ``{url}`` and ``{secret}`` standing for the URL and the secret."""

    async def register(self, adapter: HttpAdapter, url: str, secret: str | None) -> Registration:
        secret = secret or secrets.token_urlsafe(32)
        steps = tuple(step.format(url=url, secret=secret) for step in self.setup_steps)
        return Registration(secret, (), steps)
