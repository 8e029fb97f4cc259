"""Settings and connections, read once at start-up; anything wrong fails loudly and clearly.

A config file is TOML (``--config`` or ``HIREGRAPH_CONFIG``)::

    default_connection = "acme"          # optional; else the first listed

    [connections.acme]
    provider = "greenhouse"
    base_url = "https://harvest.greenhouse.io"   # optional
    [connections.acme.credentials]
    api_key = "..."

Keys of a connection other than ``provider``, ``base_url``, ``credentials`` and ``tenants``
are the provider's options (the sandbox takes ``seed``, ``size``, ``latency_ms``). With no
config the server offers the embedded ``sandbox`` connection.

Static connections belong to the operator: with API keys, a tenant's key reaches one only
when the connection grants it, ``tenants = ["acme", "globex"]`` (tenancy/grants.py).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from providers.base import Connection
from providers.errors import ConnectionConfigError
from providers.resilience import UpstreamPolicy
from tenancy.events.activity import ActivitySettings, ActivitySettingsError


class SettingsError(ConnectionConfigError):
    """The configuration cannot be used; the message says what and where (never a secret)."""


@dataclass(frozen=True)
class Settings:
    connections: Mapping[str, Connection]
    default_connection: str
    max_first: int = 100
    """The cap on ``first``: a larger page is refused with BAD_USER_INPUT."""
    default_first: int = 50
    max_scan_pages: int = 10
    """Pages the gateway may read to apply a filter the provider cannot apply itself."""
    http_timeout_s: float = 10.0
    max_depth: int = 15
    """Static query limits (graph/limits.py, docs/limits.md), checked before any upstream call."""
    max_aliases: int = 30
    max_tokens: int = 2_000
    max_document_bytes: int = 30_000
    max_operations: int = 10
    """Operation definitions in one document, and operations in one batched request."""
    max_cost: int = 25_000
    """The cap on an operation's estimated cost (graph/cost.py)."""
    max_batch_cost: int | None = None
    """The cap on a batch's summed estimated cost; None means twice ``max_cost`` (``batch_cost_limit``)."""
    idempotency_retention_s: int = 86_400
    """How long an idempotency key is remembered after its first use (24 h)."""
    idempotency_wait_s: float = 10.0
    """How long a duplicate of a write under way waits for it before answering IN_PROGRESS."""
    max_upload_bytes: int = 10_000_000
    """The largest file ``uploadAttachment`` takes, uploaded or fetched from a URL."""
    upstream: UpstreamPolicy = field(default_factory=UpstreamPolicy)
    """Timeouts, retries, rate limits, breaker and budget upstream (``[upstream]``, docs/limits.md)."""
    source: str = field(default="embedded default")
    grants: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Static connection name -> the tenants its ``tenants = [...]`` grants it to; a connection
    not listed here is the operator's alone (the embedded defaults never grant anything)."""
    sandbox_activity: ActivitySettings = field(default_factory=ActivitySettings)
    """Which sandbox connections get live activity, and how often (``[sandbox_activity]``,
    ``HIREGRAPH_SANDBOX_ACTIVITY``/``_S``; docs/events.md)."""

    @property
    def batch_cost_limit(self) -> int:
        """What one batched request may cost in all: room for a couple of full-size operations,
        not ``max_operations`` times ``max_cost`` (a batch must not multiply the allowance)."""
        return self.max_batch_cost if self.max_batch_cost is not None else 2 * self.max_cost


def default_settings() -> Settings:
    """The embedded default: the sandbox, and each provider's simulator over the same data."""
    from providers.registry import PROVIDERS

    connections = {"sandbox": Connection(name="sandbox", provider="sandbox")}
    for name, cls in PROVIDERS.items():
        if cls.simulation() is not None:
            demo = f"{name}-demo"
            connections[demo] = Connection(name=demo, provider=name, options={"simulated": True})
    # The embedded default's sandbox gets live activity, so a subscription shows events at once.
    return Settings(
        connections=connections,
        default_connection="sandbox",
        sandbox_activity=ActivitySettings(connections=("sandbox",)),
    )


_CONNECTION_KEYS = {"provider", "base_url", "credentials", "tenants"}
_TOP_LEVEL_KEYS = {"default_connection", "connections", "limits", "upstream", "sandbox_activity"}
# The least each limit may be and still let a query through: `max_cost = -1` or `max_first = 0`
# would refuse every query, which a typo should not be able to do silently.
_LIMIT_MINIMUMS: dict[str, int] = {
    "max_first": 1,
    "default_first": 1,
    "max_scan_pages": 0,
    "http_timeout_s": 0,
    "max_depth": 1,
    "max_aliases": 0,
    "max_tokens": 1,
    "max_document_bytes": 1,
    "max_operations": 1,
    "max_cost": 1,
    "max_batch_cost": 1,
    "idempotency_retention_s": 60,
    "idempotency_wait_s": 0,
    "max_upload_bytes": 1,
}
_LIMIT_KEYS = set(_LIMIT_MINIMUMS)
_FLOAT_LIMITS = {"http_timeout_s", "idempotency_wait_s"}


def load_settings(
    path: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    environ = os.environ if environ is None else environ
    path = path or environ.get("HIREGRAPH_CONFIG") or None
    if path is None:
        return default_settings()
    return parse_settings(_read_toml(Path(path)), source=str(path))


def load_grants(path: str | None = None) -> Mapping[str, frozenset[str]]:
    """The grants of the config file at ``path`` (else ``HIREGRAPH_CONFIG``; none without one),
    for ``hiregraph keys create`` (tenancy/cli.py), which may not read graph's config itself."""
    return load_settings(path).grants


def load_static_connections(path: str | None = None) -> Mapping[str, Connection]:
    """The static connections of the config file at ``path`` (else ``HIREGRAPH_CONFIG``; the
    demo ones without one), for ``hiregraph connections webhooks setup --static``."""
    return load_settings(path).connections


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise SettingsError(f"config file {path} does not exist") from None
    except IsADirectoryError:
        raise SettingsError(f"config file {path} is a directory, not a TOML file") from None
    except OSError as exc:
        raise SettingsError(f"config file {path} cannot be read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        # The decoder's message names a line and column, never the value.
        raise SettingsError(f"config file {path} is not valid TOML: {exc}") from None


def parse_settings(data: Mapping[str, Any], source: str = "config") -> Settings:
    unknown = set(data) - _TOP_LEVEL_KEYS
    if unknown:
        raise SettingsError(f"{source}: unknown top-level key(s) {sorted(unknown)}")
    raw_connections = data.get("connections")
    if not isinstance(raw_connections, Mapping) or not raw_connections:
        raise SettingsError(f"{source}: no [connections.<name>] table")
    connections = {name: _connection(name, raw, source) for name, raw in raw_connections.items()}
    grants = {name: _tenants(name, raw, source) for name, raw in raw_connections.items()}
    default = data.get("default_connection", next(iter(connections)))
    if default not in connections:
        raise SettingsError(f"{source}: default_connection '{default}' is not a configured connection")
    limits = _limits(data.get("limits", {}), source)
    upstream = data.get("upstream", {})
    try:
        if not isinstance(upstream, Mapping):
            raise ValueError("must be a table")
        # The per-call timeout defaults to the HTTP client's, so `http_timeout_s` alone still works.
        base = UpstreamPolicy(call_timeout_s=float(limits.get("http_timeout_s", 10.0)))
        policy = UpstreamPolicy.from_mapping(upstream, base=base)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"{source}: [upstream] {exc}") from None
    try:
        activity = ActivitySettings.from_table(data.get("sandbox_activity", {}), source)
    except ActivitySettingsError as exc:
        raise SettingsError(str(exc)) from None
    return Settings(
        connections=connections,
        default_connection=default,
        source=source,
        sandbox_activity=activity,
        upstream=policy,
        grants={name: tenants for name, tenants in grants.items() if tenants},
        **limits,
    )


def _limits(raw: Any, source: str) -> dict[str, Any]:
    if not isinstance(raw, Mapping) or set(raw) - _LIMIT_KEYS:
        raise SettingsError(f"{source}: [limits] takes only {sorted(_LIMIT_KEYS)}")
    for key, value in raw.items():
        number = (int, float) if key in _FLOAT_LIMITS else int
        least = _LIMIT_MINIMUMS[key]
        if isinstance(value, bool) or not isinstance(value, number):
            raise SettingsError(f"{source}: [limits] {key} must be a number, not {value!r}")
        if value < least or (key in _FLOAT_LIMITS and value <= 0):
            bound = "more than 0" if key in _FLOAT_LIMITS else f"at least {least}"
            raise SettingsError(f"{source}: [limits] {key} must be {bound}, not {value}")
    first = raw.get("default_first", Settings.default_first)
    if first > raw.get("max_first", Settings.max_first):
        raise SettingsError(f"{source}: [limits] default_first ({first}) is above max_first")
    batch_cost = raw.get("max_batch_cost")
    if batch_cost is not None and batch_cost < raw.get("max_cost", Settings.max_cost):
        # A batch would then refuse an operation that passes alone.
        raise SettingsError(f"{source}: [limits] max_batch_cost ({batch_cost}) is below max_cost")
    return dict(raw)


def _connection(name: str, raw: Any, source: str) -> Connection:
    where = f"{source}: connection '{name}'"
    if not isinstance(raw, Mapping):
        raise SettingsError(f"{where} must be a table")
    provider = raw.get("provider")
    if not isinstance(provider, str):
        raise SettingsError(f"{where} has no provider")
    base_url = raw.get("base_url")
    if base_url is not None and not (
        isinstance(base_url, str) and base_url.startswith(("http://", "https://"))
    ):
        raise SettingsError(f"{where}: base_url must be an http(s) URL")
    credentials = raw.get("credentials", {})
    if not isinstance(credentials, Mapping):
        raise SettingsError(f"{where}: credentials must be a table")
    options = {k: v for k, v in raw.items() if k not in _CONNECTION_KEYS}
    return Connection(
        name=name, provider=provider, base_url=base_url, credentials=credentials, options=options
    )


def _tenants(name: str, raw: Mapping[str, Any], source: str) -> frozenset[str]:
    """The tenants a static connection is granted to (``tenants = [...]``); none by default."""
    tenants = raw.get("tenants", [])
    if not isinstance(tenants, list) or not all(
        isinstance(t, str) and 0 < len(t.strip()) == len(t) <= 100 for t in tenants
    ):
        raise SettingsError(
            f"{source}: connection '{name}': tenants must be a list of tenant names (1-100 characters)"
        )
    return frozenset(tenants)
