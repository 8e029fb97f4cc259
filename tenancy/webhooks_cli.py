"""``hiregraph connections webhooks setup NAME --public-url URL``: have a connection's provider
send its own webhooks to this server (``tenancy/events/receiver.py``).

Where the provider's API registers webhooks, it is called; otherwise the steps to do in the
provider's settings are printed, with a secret generated here to paste there. For a stored
connection (``--tenant``) the secret is saved as its ``webhook_secret`` credential. For a
static one (``--static``, from the server's config file) hiregraph does not rewrite the
operator's file: the secret is printed with the lines to add under the connection's
credentials (the operator's terminal, as the printed steps already are).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from urllib.parse import quote

import httpx

from providers.base import Connection, ProviderAdapter
from providers.errors import ProviderError
from providers.factory import build_adapter_async
from providers.kit.adapter import HttpAdapter
from providers.resilience import UpstreamPolicy
from providers.resilience.state import InProcessState
from providers.webhooks import Registration, WebhookMalformed

from .events.receiver import WEBHOOK_SECRET
from .runtime import Tenancy

SETUP_TIMEOUT_S = 30.0


def webhook_url(public_url: str, tenant: str, name: str) -> str:
    """The receiver's URL: ``/webhooks/<tenant>/<name>`` for a stored connection,
    ``/webhooks/<name>`` for a static one (``tenant`` "")."""
    path = [quote(tenant, safe=""), quote(name, safe="")] if tenant else [quote(name, safe="")]
    return f"{public_url.rstrip('/')}/webhooks/{'/'.join(path)}"


def _public_url_ok(public_url: str) -> bool:
    if public_url.startswith(("https://", "http://")):
        return True
    print("hiregraph: --public-url must be an http(s) URL (providers want https)", file=sys.stderr)
    return False


async def _register(adapter: ProviderAdapter, url: str, current: object) -> Registration | int:
    """What registering did, or the exit code when it could not be done."""
    scheme = type(adapter).webhooks
    if scheme is None or not isinstance(adapter, HttpAdapter):
        print(f"hiregraph: {adapter.name} sends no webhooks hiregraph can receive", file=sys.stderr)
        return 2
    try:
        return await scheme.register(adapter, url, current if isinstance(current, str) and current else None)
    except (ProviderError, WebhookMalformed) as exc:
        print(f"hiregraph: registering the webhooks failed: {exc}", file=sys.stderr)
        return 1


def _report(adapter: ProviderAdapter, url: str, done: Registration) -> None:
    print(f"webhook URL: {url}")
    if done.registered:
        print(f"registered through the {adapter.title or adapter.name} API: {', '.join(done.registered)}")
    for step in done.steps:
        print(step)


async def setup(t: Tenancy, tenant: str, name: str, public_url: str) -> int:
    """A stored connection of ``tenant``."""
    if not _public_url_ok(public_url):
        return 2
    conn = await t.connections.get(tenant, name)
    adapter = await t.source.adapter(conn)
    url = webhook_url(public_url, tenant, name)
    stored = t.source.box.decrypt(conn.secret)
    current = stored.get(WEBHOOK_SECRET)
    done = await _register(adapter, url, current)
    if isinstance(done, int):
        return done
    if done.secret and done.secret != current:
        await t.connections.rotate(tenant, name, {**stored, WEBHOOK_SECRET: done.secret}, validate=False)
    _report(adapter, url, done)
    if done.secret:
        print(f"the signing secret is saved in the connection's credentials ({WEBHOOK_SECRET})")
    return 0


async def setup_static(
    connections: Mapping[str, Connection],
    name: str,
    public_url: str,
    providers: Mapping[str, type[ProviderAdapter]],
) -> int:
    """A static connection ``name`` of the server's config file (``connections``)."""
    if not _public_url_ok(public_url):
        return 2
    connection = connections.get(name)
    if connection is None:
        known = ", ".join(sorted(connections)) or "none"
        print(
            f"hiregraph: the config file has no connection '{name[:100]}' (it has: {known})", file=sys.stderr
        )
        return 2
    url = webhook_url(public_url, "", name)
    current = connection.credentials.get(WEBHOOK_SECRET)
    async with httpx.AsyncClient(timeout=SETUP_TIMEOUT_S, follow_redirects=False) as http:
        built = await build_adapter_async(
            connection,
            http,
            providers,
            policy=UpstreamPolicy(),
            state=InProcessState(),
            timeout_s=SETUP_TIMEOUT_S,
        )
        try:
            done = await _register(built.adapter, url, current)
            if isinstance(done, int):
                return done
            _report(built.adapter, url, done)
        finally:
            await built.aclose()
    if done.secret and done.secret != current:
        print(
            "the server checks deliveries with this secret once it is in the config file, under "
            "the connection's credentials (then restart the server):"
        )
        print(f"  [connections.{name}.credentials]")
        print(f"  {WEBHOOK_SECRET} = {json.dumps(done.secret)}")
    elif done.secret:
        print(f"the config file's {WEBHOOK_SECRET} stays the signing secret")
    return 0
