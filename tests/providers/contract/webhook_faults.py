"""Signed but broken webhook deliveries, one leaf of the body at a time: each provider's
deliveries (what its scheme simulates, its declared envelope filled in, its published examples
under ``shared/fixtures/providers/<provider>/webhooks/``), their bodies mutated and each one
signed again with the scheme's own ``sign``, so that the body, not the signature, is what is
tested. Read by the webhook-bodies contract (``test_webhook_bodies.py``)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from providers.base import ProviderAdapter
from providers.kit.mapping import put_path
from providers.kit.webhook_envelopes import EnvelopeWebhooks, Header, Where
from providers.registry import PROVIDERS
from providers.webhooks import Delivery, WebhookScheme
from tenancy.events.types import EventType

from ...shared import PROVIDER_FIXTURES
from .payload_faults import DELETED, Mutation, _nodes, located, replacements
from .payload_faults import Path as JsonPath

SECRET: Final = "contract-webhook-secret"
OTHER_SECRET: Final = "contract-other-secret"
AT: Final = 1_790_000_000.0
"""When every delivery is sent (and the receiver's clock reads): a signed time is this one."""

RECORD_ID: Final = "4242"
HUGE: Final = "x" * 200_000
"""A string no id is, well under the receiver's body limit."""

ODD_STRINGS: Final[tuple[str, ...]] = (
    "",
    "   ",
    "None",
    HUGE,
    "é\u202e漢字🙂",
    "a\u0000b",
    "line\nbreak",
    "\ud800",
    "../../etc/passwd",
)
"""Strings of a leaf's own type that no well-formed delivery holds where an id or a name is:
empty, blank, a repr, huge, bidi and astral characters, a NUL, a newline, a lone surrogate
(valid JSON, ``"\\ud800"``, that no UTF-8 encoder takes), a path."""

ODD_NUMBERS: Final[tuple[Any, ...]] = (-1, 0, 10**30, 10**400, 1e308, 4242.0)
ODD_CONTAINERS: Final[tuple[Any, ...]] = ([[[{"id": 1}]]], {"id": {"id": RECORD_ID}}, [RECORD_ID])

WHOLE_BODIES: Final[tuple[bytes, ...]] = (
    b"",
    b"null",
    b"42",
    b'"text"',
    b"[]",
    b"not json at all",
    b"\xff\xfe\xfd not utf-8",
    b"[" * 100_000,
    b'{"a":' * 100_000,
)
"""Bodies in place of the whole delivery: none, JSON that is no object, no JSON, bytes that are
no UTF-8, and nesting deeper than a JSON reader recurses."""


@dataclass(frozen=True)
class Sample:
    """One delivery as its provider signs it: the body before any mutation."""

    label: str
    headers: Mapping[str, str]
    body: bytes


@dataclass(frozen=True)
class Broken:
    """One mutation of a sample as sent: signed again with :data:`SECRET`, signed with another
    secret, or sent with the sample's own (now stale) signature. ``refused``: it must be
    refused as unsigned (another secret signed it, or the scheme could not sign the mutated
    body because a field its signature covers is what was broken)."""

    label: str
    headers: Mapping[str, str]
    body: bytes
    refused: bool


def schemes() -> list[WebhookScheme]:
    """Every registered provider's webhook scheme: declaring one enrols the provider."""
    return [cls.webhooks for cls in PROVIDERS.values() if cls.webhooks is not None]


def provider_of(scheme: WebhookScheme) -> type[ProviderAdapter]:
    return next(cls for cls in PROVIDERS.values() if cls.webhooks is scheme)


def _place(where: Where | None, value: str, headers: dict[str, str], body: dict[str, Any]) -> None:
    if where is None:
        return
    if isinstance(where, Header):
        headers[where.name] = value
    else:
        put_path(body, where, value)


def _envelopes(scheme: WebhookScheme) -> Iterator[tuple[str, dict[str, str], dict[str, Any]]]:
    """A body per provider event the scheme declares, its record id, delivery id and time
    where the declaration says they are."""
    if not isinstance(scheme, EnvelopeWebhooks):
        return
    for name, makes in scheme.events.items():
        headers = {"Content-Type": "application/json"}
        body: dict[str, Any] = {}
        _place(scheme.event_at, name, headers, body)
        _place(scheme.delivery_at, f"delivery-{name}", headers, body)
        if scheme.time_at is not None:
            put_path(body, scheme.time_at, "2026-09-21T10:13:20Z")
        put_path(body, makes.record_at, RECORD_ID)
        yield f"declared {name}", headers, body


HAND_BUILT: Final = Path(__file__).parent / "webhook_examples"
"""Deliveries built by hand for providers that publish none (see its README)."""


def _examples(scheme: WebhookScheme) -> Iterator[tuple[str, dict[str, str], bytes]]:
    """The provider's published example deliveries (none without ../shared), then those built
    by hand for it. A file is named after its event (``CANDIDATE-EXPORT.sample.json``): that is
    the event header's value where the scheme reads the event from a header."""
    for root, kind in (
        (PROVIDER_FIXTURES / scheme.provider / "webhooks", "published"),
        (HAND_BUILT / scheme.provider, "hand-built"),
    ):
        for path in sorted(root.glob("*.json")) if root.is_dir() else []:
            headers = {"Content-Type": "application/json"}
            event = path.name.partition(".")[0]
            if isinstance(scheme, EnvelopeWebhooks):
                for where in (scheme.event_at, scheme.delivery_at):
                    if isinstance(where, Header):
                        headers[where.name] = event
            yield f"{kind} {path.name}", headers, path.read_bytes()


def samples(scheme: WebhookScheme) -> list[Sample]:
    """Every delivery of ``scheme`` the sweep starts from, signed with :data:`SECRET`."""
    found: list[Sample] = []
    for kind in EventType:
        made = scheme.simulate(kind.value, RECORD_ID, SECRET, delivery_id=f"simulated-{kind.value}", at=AT)
        if made is not None:
            found.append(Sample(f"simulated {kind.value}", made.headers, made.body))
    unsigned = [(label, headers, json.dumps(body).encode()) for label, headers, body in _envelopes(scheme)]
    for label, headers, body in [*unsigned, *_examples(scheme)]:
        signed = scheme.sign(headers, body, SECRET)
        if signed is not None:  # a body signed inside (Lever) is simulated instead
            found.append(Sample(label, signed.headers, signed.body))
    return found


ODD_VALUES: Final[Mapping[str, tuple[Any, ...]]] = {
    "str": ODD_STRINGS,
    "number": ODD_NUMBERS,
    "list": ODD_CONTAINERS,
    "object": ODD_CONTAINERS,
}
"""A delivery's own odd values of each kind (``payload_faults.replacements``'s ``odd``)."""


def _describe(path: JsonPath, replacement: Any) -> str:
    where = located(path)
    if replacement is DELETED:
        return f"{where} deleted"
    shown = json.dumps(replacement)
    return f"{where} = {shown if len(shown) <= 40 else shown[:37] + '...'}"


def broken(scheme: WebhookScheme, sample: Sample) -> Iterator[Broken]:
    """Every mutation of ``sample``'s body (each leaf and container as every other JSON type
    and as odd values of its own, each key deleted; the whole body replaced), as sent."""
    bodies: list[tuple[str, bytes]] = [(f"whole body {b[:12]!r}", b) for b in WHOLE_BODIES]
    try:
        document = json.loads(sample.body)
    except ValueError:
        document = None
    for path, value in _nodes(document) if isinstance(document, dict) else ():
        if not path:
            continue
        options = replacements(value, ODD_VALUES) + ([DELETED] if isinstance(path[-1], str) else [])
        for replacement in options:
            mutated = Mutation("", path, replacement).apply(document)
            bodies.append((_describe(path, replacement), json.dumps(mutated).encode()))
    for what, body in bodies:
        yield from _sent(scheme, sample, f"{sample.label}: {what}", body)


def _sent(scheme: WebhookScheme, sample: Sample, label: str, body: bytes) -> Iterator[Broken]:
    signed = scheme.sign(sample.headers, body, SECRET)
    if signed is None:
        yield Broken(f"{label} (unsignable)", sample.headers, body, refused=True)
    else:
        yield Broken(f"{label} (re-signed)", signed.headers, signed.body, refused=False)
        other = scheme.sign(sample.headers, body, OTHER_SECRET)
        assert other is not None
        yield Broken(f"{label} (another secret)", other.headers, other.body, refused=True)
    yield Broken(f"{label} (stale signature)", sample.headers, body, refused=False)


def chosen(scheme: WebhookScheme, per_sample: int | None) -> list[Broken]:
    """``per_sample`` mutations of each sample (None: all), drawn with a seed of the sample's
    label: the sweep stays bounded, and a run finds what the previous one found."""
    out: list[Broken] = []
    for sample in samples(scheme):
        every = list(broken(scheme, sample))
        if per_sample is not None and len(every) > per_sample:
            every = random.Random(f"{scheme.provider} {sample.label}").sample(every, per_sample)
        out.extend(every)
    return out


def nonsense(delivery: Delivery) -> str | None:
    """What is wrong with an accepted delivery's event, or None: its type must be one the log
    knows, its record id and delivery id real id strings (not empty, blank, padded, made of
    unprintable characters, or longer than any provider's id)."""
    if delivery.event is None:
        return None
    if delivery.event not in {kind.value for kind in EventType}:
        return f"event type {delivery.event!r}"
    for what, value in (("record id", delivery.record_id), ("delivery id", delivery.delivery_id)):
        if not isinstance(value, str) or not is_id(value):
            return f"{what} {value[:40]!r}" if isinstance(value, str) else f"{what} {value!r}"
    return None


def is_id(value: str) -> bool:
    return 0 < len(value) <= 255 and value.strip() == value and value.isprintable()
