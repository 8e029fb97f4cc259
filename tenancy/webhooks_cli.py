"""``hiregraph connections webhooks setup NAME --public-url URL``: have a stored connection's
provider send its own webhooks to this server (``tenancy/events/receiver.py``).

Where the provider's API registers webhooks, it is called and the secret it signs with is saved
as the connection's ``webhook_secret`` credential; otherwise the steps to do in the provider's
settings are printed, with a secret generated and saved here to paste there.
"""

from __future__ import annotations

import sys
from urllib.parse import quote

from providers.errors import ProviderError
from providers.kit.adapter import HttpAdapter
from providers.webhooks import WebhookMalformed

from .events.receiver import WEBHOOK_SECRET
from .runtime import Tenancy


def webhook_url(public_url: str, tenant: str, name: str) -> str:
    return f"{public_url.rstrip('/')}/webhooks/{quote(tenant, safe='')}/{quote(name, safe='')}"


async def setup(t: Tenancy, tenant: str, name: str, public_url: str) -> int:
    if not public_url.startswith(("https://", "http://")):
        print("hiregraph: --public-url must be an http(s) URL (providers want https)", file=sys.stderr)
        return 2
    conn = await t.connections.get(tenant, name)
    adapter = await t.source.adapter(conn)
    scheme = type(adapter).webhooks
    if scheme is None or not isinstance(adapter, HttpAdapter):
        print(f"hiregraph: {adapter.name} sends no webhooks hiregraph can receive", file=sys.stderr)
        return 2
    url = webhook_url(public_url, tenant, name)
    stored = t.source.box.decrypt(conn.secret)
    current = stored.get(WEBHOOK_SECRET)
    try:
        done = await scheme.register(adapter, url, current if isinstance(current, str) and current else None)
    except (ProviderError, WebhookMalformed) as exc:
        print(f"hiregraph: registering the webhooks failed: {exc}", file=sys.stderr)
        return 1
    if done.secret and done.secret != current:
        await t.connections.rotate(tenant, name, {**stored, WEBHOOK_SECRET: done.secret}, validate=False)
    print(f"webhook URL: {url}")
    if done.registered:
        print(f"registered through the {adapter.title or adapter.name} API: {', '.join(done.registered)}")
    for step in done.steps:
        print(step)
    if done.secret:
        print(f"the signing secret is saved in the connection's credentials ({WEBHOOK_SECRET})")
    return 0
