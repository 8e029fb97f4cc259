"""``hiregraph connections``, ``hiregraph keys``, ``hiregraph secrets``, ``hiregraph db`` and
``hiregraph idempotency`` (``idempotency_cli.py``).

They act on the database named by ``HIREGRAPH_DATABASE_URL`` (default: the embedded SQLite
file), as the operator: any tenant. ``register(subparsers, load_grants)`` adds them to the main
parser. A credential value ``@path`` is read from that file, so secrets need not sit in shell
history.
``keys create`` reads the server's config (``--config`` or ``HIREGRAPH_CONFIG``) to learn which
static connections it grants to the tenant: a key may name only those and the tenant's stored
connections. The config file is graph's to read, so ``register`` is handed the reader.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from providers.base import Connection
from providers.errors import ConnectionConfigError

from . import idempotency_cli, webhooks_cli
from .connections import ConnectionRejected
from .crypto import SecretKeyError, generate_key, rotate
from .grants import granted_to
from .keys import KeyScopeError, Scopes, describe_scopes, issue_key
from .runtime import Tenancy
from .store import StoreError

DEFAULT_TENANT = "default"

GrantsLoader = Callable[[str | None], Mapping[str, Collection[str]]]
"""Reads the server's config file (a path, else ``HIREGRAPH_CONFIG``, else none) for its
grants: static connection name -> the tenants it is granted to."""
StaticLoader = Callable[[str | None], Mapping[str, Connection]]
"""Reads the same file for its static connections (``webhooks setup --static``)."""


class UsageError(Exception):
    """A command-line argument is malformed; the message says which (never its value)."""


def _pairs(items: Sequence[str] | None, what: str, *, files: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items or ():
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--{what} takes KEY=VALUE (got one without '=' for '{key[:40]}')")
        if files and value.startswith("@"):
            try:
                value = Path(value[1:]).read_text().strip()
            except OSError:
                raise UsageError(f"--{what} {key}: cannot read the file {value[1:]}") from None
        out[key] = value
    return out


def _options(items: Sequence[str] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in _pairs(items, "option", files=False).items():
        try:
            out[key] = json.loads(value)
        except ValueError:
            out[key] = value
    return out


def _when(ts: float | None) -> str:
    return "-" if ts is None else datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M:%SZ")


async def _with_tenancy(run: Callable[[Tenancy], Awaitable[int]]) -> int:
    from providers.registry import PROVIDERS

    async with httpx.AsyncClient(timeout=30.0, follow_redirects=False) as http:
        tenancy = await Tenancy.open(http, PROVIDERS)
        try:
            return await run(tenancy)
        finally:
            await tenancy.aclose()


# -- connections -------------------------------------------------------------------------
async def _connections_add(t: Tenancy, a: argparse.Namespace) -> int:
    conn = await t.connections.create(
        a.tenant,
        a.name,
        a.provider,
        _pairs(a.credential, "credential", files=True),
        base_url=a.base_url,
        options=_options(a.option),
        validate=not a.no_test,
    )
    checked = "not tested (--no-test)" if a.no_test else "credentials tested"
    print(f"connection '{conn.name}' ({conn.provider}) added for tenant '{conn.tenant}'; {checked}")
    return 0


async def _connections_list(t: Tenancy, a: argparse.Namespace) -> int:
    rows = await t.store.list_connections(a.tenant)
    for c in rows:
        where = f" {c.base_url}" if c.base_url else ""
        print(
            f"{c.tenant}\t{c.name}\t{c.provider}{where}\tversion {c.version}\tupdated {_when(c.updated_at)}"
        )
    if not rows:
        print("no stored connections", file=sys.stderr)
    return 0


async def _connections_test(t: Tenancy, a: argparse.Namespace) -> int:
    result = await t.connections.test(a.tenant, a.name)
    print(f"connection '{a.name}': {'ok' if result.ok else 'FAILED'}: {result.message}")
    return 0 if result.ok else 1


async def _connections_rotate(t: Tenancy, a: argparse.Namespace) -> int:
    conn = await t.connections.rotate(
        a.tenant, a.name, _pairs(a.credential, "credential", files=True), validate=not a.no_test
    )
    print(f"connection '{conn.name}': credentials replaced (version {conn.version})")
    return 0


async def _connections_remove(t: Tenancy, a: argparse.Namespace) -> int:
    if not await t.connections.delete(a.tenant, a.name):
        print(f"tenant '{a.tenant}' has no connection named '{a.name}'", file=sys.stderr)
        return 1
    print(f"connection '{a.name}' removed")
    return 0


# -- keys ----------------------------------------------------------------------------------
def _granted(tenant: str, a: argparse.Namespace) -> frozenset[str]:
    """The static connections the server's config grants to ``tenant`` (none without one)."""
    load_grants: GrantsLoader = a.load_grants
    return granted_to(load_grants(a.config), tenant)


async def _keys_create(t: Tenancy, a: argparse.Namespace) -> int:
    scopes = Scopes(a.tenant, tuple(a.connection or ()), a.read_only, a.admin, tuple(a.origin or ()))
    granted = _granted(a.tenant, a) if scopes.connections else frozenset()
    issued = await issue_key(t.store, scopes, a.label or "", granted=granted)
    print(issued.key)
    print(
        f"key {issued.record.id}: {describe_scopes(scopes)}. This is the only time the key is shown.",
        file=sys.stderr,
    )
    return 0


async def _keys_list(t: Tenancy, a: argparse.Namespace) -> int:
    for k in await t.store.list_keys(a.tenant):
        state = f"revoked {_when(k.revoked_at)}" if k.revoked_at else "live"
        scopes = Scopes(k.tenant, k.connections, k.read_only, k.admin, k.origins)
        print(f"{k.id}\t{state}\t{k.label or '-'}\t{describe_scopes(scopes)}\tcreated {_when(k.created_at)}")
    return 0


async def _keys_revoke(t: Tenancy, a: argparse.Namespace) -> int:
    if not await t.store.revoke_key(a.id):
        print(f"no live key with id '{a.id[:40]}'", file=sys.stderr)
        return 1
    print(f"key {a.id} revoked (workers stop accepting it within a few seconds)")
    return 0


# -- secrets and schema ----------------------------------------------------------------------
async def _secrets_rotate(t: Tenancy, _: argparse.Namespace) -> int:
    count = await rotate(t.store, t.box)
    print(f"re-encrypted {count} stored secret(s) with the first key of HIREGRAPH_SECRET_KEYS")
    return 0


async def _db_migrate(t: Tenancy, _: argparse.Namespace) -> int:
    versions = await t.store.applied_versions()
    print(f"{t.store.backend} schema at version {max(versions, default=0)}")
    return 0


def _runner(
    command: Callable[[Tenancy, argparse.Namespace], Awaitable[int]],
) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return asyncio.run(_with_tenancy(lambda t: command(t, args)))
        except (
            ConnectionConfigError,
            ConnectionRejected,
            KeyScopeError,
            SecretKeyError,
            StoreError,
            UsageError,
        ) as exc:
            print(f"hiregraph: {exc}", file=sys.stderr)
            return 2

    return run


def _generate_key(_: argparse.Namespace) -> int:
    print(generate_key())
    return 0


def _webhooks_setup(load_static: StaticLoader | None) -> Callable[[argparse.Namespace], int]:
    stored = _runner(lambda t, a: webhooks_cli.setup(t, a.tenant or DEFAULT_TENANT, a.name, a.public_url))

    def run(a: argparse.Namespace) -> int:
        if not a.static:
            return stored(a)
        if a.tenant is not None:
            print("hiregraph: --static and --tenant exclude each other", file=sys.stderr)
            return 2
        if load_static is None:
            print("hiregraph: this command cannot read the server's config file here", file=sys.stderr)
            return 2
        from providers.registry import PROVIDERS

        try:
            connections = load_static(a.config)
            return asyncio.run(webhooks_cli.setup_static(connections, a.name, a.public_url, PROVIDERS))
        except ConnectionConfigError as exc:
            print(f"hiregraph: {exc}", file=sys.stderr)
            return 2

    return run


def register(subparsers: Any, load_grants: GrantsLoader, load_static: StaticLoader | None = None) -> None:
    """Add ``connections``, ``keys``, ``secrets`` and ``db`` to ``hiregraph``'s subcommands;
    ``keys create`` reads the config's grants with ``load_grants``, ``connections webhooks
    setup --static`` its connections with ``load_static``."""
    conns = subparsers.add_parser("connections", help="stored connections (per tenant)")
    csub = conns.add_subparsers(dest="connections_command", required=True)

    def named(name: str, help_text: str, run: Callable[[Tenancy, argparse.Namespace], Awaitable[int]]) -> Any:
        p = csub.add_parser(name, help=help_text)
        p.add_argument("name")
        p.add_argument("--tenant", default=DEFAULT_TENANT)
        p.set_defaults(run=_runner(run))
        return p

    add = named("add", "add a connection (its credentials are tested first)", _connections_add)
    add.add_argument("--provider", required=True)
    add.add_argument("--base-url")
    add.add_argument(
        "--credential", action="append", metavar="KEY=VALUE", help="repeatable; VALUE @file reads a file"
    )
    add.add_argument("--option", action="append", metavar="KEY=VALUE", help="a provider option (JSON value)")
    add.add_argument("--no-test", action="store_true", help="store without the test call")
    rot = named("rotate", "replace a connection's credentials", _connections_rotate)
    rot.add_argument("--credential", action="append", metavar="KEY=VALUE", required=True)
    rot.add_argument("--no-test", action="store_true")
    named("test", "make one cheap call with the stored credentials", _connections_test)
    named("remove", "delete a connection and its tokens", _connections_remove)
    hooks = csub.add_parser("webhooks", help="the provider's own webhooks to a connection")
    hsub = hooks.add_subparsers(dest="webhooks_command", required=True)
    hsetup = hsub.add_parser("setup", help="register them with the provider, or print how to")
    hsetup.add_argument("name")
    hsetup.add_argument("--tenant", help=f"a stored connection's tenant (default: {DEFAULT_TENANT})")
    hsetup.add_argument(
        "--static",
        action="store_true",
        help="a static connection of the server's config file, not a stored one",
    )
    hsetup.add_argument("--config", help="with --static: the server's TOML file (default: $HIREGRAPH_CONFIG)")
    hsetup.add_argument("--public-url", required=True, help="this server's public URL (https)")
    hsetup.set_defaults(run=_webhooks_setup(load_static))
    lst = csub.add_parser("list", help="list stored connections (never their credentials)")
    lst.add_argument("--tenant", help="only this tenant's")
    lst.set_defaults(run=_runner(_connections_list))

    keys = subparsers.add_parser("keys", help="API keys")
    ksub = keys.add_subparsers(dest="keys_command", required=True)
    create = ksub.add_parser("create", help="create a key and print it (once)")
    create.add_argument("--tenant", required=True)
    create.add_argument(
        "--connection",
        action="append",
        help="repeatable: a stored connection of the tenant, or a static one the config grants "
        "to it; none: all the tenant's connections",
    )
    create.add_argument(
        "--config", help="the server's TOML file, for its grants (default: $HIREGRAPH_CONFIG)"
    )
    create.add_argument("--read-only", action="store_true")
    create.add_argument("--admin", action="store_true")
    create.add_argument("--origin", action="append", help="an allowed browser origin (CORS); repeatable")
    create.add_argument("--label")
    create.set_defaults(run=_runner(_keys_create), load_grants=load_grants)
    klist = ksub.add_parser("list", help="list keys (ids and scopes, never the keys)")
    klist.add_argument("--tenant")
    klist.set_defaults(run=_runner(_keys_list))
    revoke = ksub.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("id")
    revoke.set_defaults(run=_runner(_keys_revoke))

    secrets = subparsers.add_parser("secrets", help="the keys that encrypt stored credentials")
    ssub = secrets.add_subparsers(dest="secrets_command", required=True)
    ssub.add_parser("generate-key", help="print a new Fernet key").set_defaults(run=_generate_key)
    ssub.add_parser("rotate", help="re-encrypt every stored secret with the first key").set_defaults(
        run=_runner(_secrets_rotate)
    )

    db = subparsers.add_parser("db", help="the tenancy database")
    dsub = db.add_subparsers(dest="db_command", required=True)
    dsub.add_parser("migrate", help="apply pending migrations").set_defaults(run=_runner(_db_migrate))

    idem = subparsers.add_parser("idempotency", help="writes whose outcome is unknown (docs/errors.md)")
    isub = idem.add_subparsers(dest="idempotency_command", required=True)
    unknown = isub.add_parser("unknown", help="list the idempotency keys of writes with an unknown outcome")
    unknown.add_argument("--tenant", help="only this tenant's")
    unknown.set_defaults(run=_runner(idempotency_cli.unknown))
    cleared = isub.add_parser("clear", help="the write was not applied: free its key for a new write")
    idempotency_cli.add_key_arguments(cleared)
    cleared.set_defaults(run=_runner(idempotency_cli.clear))
    done = isub.add_parser("done", help="the write was applied: retries answer this record")
    idempotency_cli.add_key_arguments(done)
    done.add_argument("--record-id", required=True, help="the id of the record the write made or changed")
    done.set_defaults(run=_runner(idempotency_cli.done))
