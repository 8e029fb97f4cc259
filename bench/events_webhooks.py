"""Where the events bench's webhooks come from, without naming a provider: the first
registered provider (by name) whose webhook scheme can sign a delivery of the bench's event
(``WebhookScheme.simulate``) and that has a simulator to serve its connection."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from providers.registry import PROVIDERS
from providers.webhooks import SignedDelivery, WebhookScheme

EVENT: Final = "candidate.updated"
"""What each delivery says happened (an event every webhook-sending provider reports)."""
SUBSCRIBED: Final = "CANDIDATE_UPDATED"
"""``EVENT`` as the subscription's ``types`` name it."""
SECRET_CREDENTIAL: Final = "webhook_secret"


@dataclass(frozen=True)
class WebhookSource:
    provider: str
    scheme: WebhookScheme
    credentials: Mapping[str, str] = field(repr=False)
    """The simulator's demo credentials plus the ``webhook_secret`` deliveries are signed with."""

    def delivery(self, record_id: str, delivery_id: str) -> SignedDelivery:
        made = self.scheme.simulate(
            EVENT, record_id, self.credentials[SECRET_CREDENTIAL], delivery_id=delivery_id, at=time.time()
        )
        if made is None:
            raise RuntimeError(f"{self.provider} stopped simulating {EVENT} deliveries")
        return made

    def config(self, name: str) -> str:
        """The config-file table of a simulated connection ``name`` that takes these deliveries."""
        lines = [f"[connections.{name}]", f"provider = {json.dumps(self.provider)}"]
        lines += ["simulated = true", "seed = 42", "size = 50", "latency_ms = 0", ""]
        lines += [f"[connections.{name}.credentials]"]
        lines += [f"{key} = {json.dumps(value)}" for key, value in self.credentials.items()]
        return "\n".join(lines) + "\n\n"


def webhook_source() -> WebhookSource | None:
    """The provider the bench sends webhooks as; None when no registered one can."""
    for name in sorted(PROVIDERS):
        cls = PROVIDERS[name]
        scheme, simulation = cls.webhooks, cls.simulation()
        if scheme is None or simulation is None:
            continue
        if scheme.simulate(EVENT, "1", "probe", delivery_id="probe", at=time.time()) is None:
            continue
        secret = secrets.token_urlsafe(24)
        return WebhookSource(name, scheme, {**simulation.credentials, SECRET_CREDENTIAL: secret})
    return None
