"""``WebhookScheme.simulate``: the signed delivery a scheme makes for the bench and tests must
be one its own ``verify`` accepts and ``parse`` reads back as the same event, record and
delivery, and one any other secret fails. Body shapes are the ones ``parse`` reads from the
providers' published deliveries (``test_webhook_schemes.py`` checks those against the fixtures)."""

from __future__ import annotations

from typing import Any

import pytest

from providers.registry import PROVIDERS
from providers.webhooks import WebhookRefused, WebhookScheme
from tenancy.events.types import EventType

AT = 1_790_000_000.0
SECRET = "simulated-secret"


def _cases() -> list[Any]:
    cases = []
    for name in sorted(PROVIDERS):
        scheme = PROVIDERS[name].webhooks
        if scheme is None:
            continue
        for kind in EventType:
            if scheme.simulate(kind.value, "1", SECRET, delivery_id="d", at=AT) is not None:
                cases.append(pytest.param(scheme, kind, id=f"{name}-{kind.value}"))
    return cases


def test_the_bench_has_a_provider_to_simulate() -> None:
    simulating = {c.values[0].provider for c in _cases()}
    assert {"greenhouse", "lever"} <= simulating


@pytest.mark.parametrize(("scheme", "kind"), _cases())
def test_a_simulated_delivery_verifies_and_reads_back(scheme: WebhookScheme, kind: EventType) -> None:
    made = scheme.simulate(kind.value, "4242", SECRET, delivery_id="delivery-7", at=AT)
    assert made is not None
    scheme.verify(made.headers, made.body, SECRET)
    if scheme.timestamped:
        assert scheme.sent_at(made.headers, made.body) == pytest.approx(AT, abs=0.001)
    delivery = scheme.parse(made.headers, made.body)
    assert (delivery.delivery_id, delivery.event, delivery.record_id) == ("delivery-7", kind.value, "4242")
    with pytest.raises(WebhookRefused):
        scheme.verify(made.headers, made.body, "another-secret")


def test_a_scheme_that_cannot_simulate_says_so() -> None:
    scheme = PROVIDERS["greenhouse"].webhooks
    assert scheme is not None
    # Greenhouse sends no interview.scheduled webhook the log maps
    assert scheme.simulate("interview.scheduled", "1", SECRET, delivery_id="d", at=AT) is None
