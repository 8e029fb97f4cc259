"""The ``hiregraph`` command: ``serve``, ``export-schema``, ``coverage`` and ``bench``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from providers.errors import ConnectionConfigError
from tenancy.cli import register as register_tenancy

from .settings import load_grants, load_static_connections

WEBSOCKETS = "websockets-sansio"
"""uvicorn's WebSocket protocol for subscriptions: the ``websockets`` library's sans-I/O core
(uvicorn's ``auto`` picks its legacy implementation, deprecated by websockets)."""


def _serve(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    from tenancy.layer import database_url
    from tenancy.runtime import requires_keys

    from .app import create_app
    from .settings import load_settings

    require = requires_keys(args.host)
    url = database_url(args.host)
    try:
        settings = load_settings(args.config)
        app = create_app(settings, database_url=url, require_keys=require)
    except ConnectionConfigError as exc:
        print(f"hiregraph: {exc}", file=sys.stderr)
        return 2
    names = ", ".join(f"{n} ({c.provider})" for n, c in settings.connections.items())
    print(f"hiregraph: connections from {settings.source}: {names}; default '{settings.default_connection}'")
    print(f"hiregraph: GraphiQL and GraphQL at http://{args.host}:{args.port}/graphql")
    print(app.state.tenancy.notice(args.host))
    if args.workers > 1:
        # Each worker builds its app from the factory: hand it, through the environment,
        # what was decided and validated here.
        if url:
            os.environ["HIREGRAPH_DATABASE_URL"] = url
        if require:
            os.environ["HIREGRAPH_REQUIRE_KEYS"] = "1"
        if args.config:
            os.environ["HIREGRAPH_CONFIG"] = args.config
        uvicorn.run(
            "graph.app:create_app",
            factory=True,
            workers=args.workers,
            host=args.host,
            port=args.port,
            log_level=args.log_level,
            ws=WEBSOCKETS,
        )
    else:
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, ws=WEBSOCKETS)
    return 0


def _export_schema(args: argparse.Namespace) -> int:
    from .schema import schema

    return _emit(schema.as_str() + "\n", args.output)


def _coverage(args: argparse.Namespace) -> int:
    from providers.coverage import render_markdown
    from providers.registry import PROVIDERS

    return _emit(render_markdown(PROVIDERS), args.output)


def _emit(text: str, output: str | None) -> int:
    """Write a generated document to ``output``, or to stdout without one."""
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


def _bench(args: argparse.Namespace) -> int:
    from bench.cli import main as bench_main

    return bench_main(args)


def _at_least(minimum: float, kind: type[int] | type[float] = int) -> Callable[[str], float]:
    """An argparse type: a number of ``kind`` no smaller than ``minimum`` (else a usage error)."""

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a {'whole number' if kind is int else 'number'}"
            ) from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {kind(minimum)}, not {text}")
        return value

    return parse


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hiregraph", description="One typed GraphQL API over every ATS.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the GraphQL server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers",
        type=_at_least(1),
        default=1,
        help="worker processes (share state via PostgreSQL/Redis)",
    )
    serve.add_argument(
        "--config", help="TOML file of connections (default: $HIREGRAPH_CONFIG, else the sandbox)"
    )
    serve.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"]
    )
    serve.set_defaults(run=_serve)

    export = commands.add_parser("export-schema", help="print the GraphQL SDL")
    export.add_argument("--output", "-o", help="write to this file instead of stdout")
    export.set_defaults(run=_export_schema)

    coverage = commands.add_parser("coverage", help="print the coverage matrix (docs/coverage.md)")
    coverage.add_argument("--output", "-o", help="write to this file instead of stdout")
    coverage.set_defaults(run=_coverage)

    bench = commands.add_parser("bench", help="measure upstream requests, time, CPU and memory (bench/)")
    bench.add_argument("--quick", action="store_true", help="a smaller run, under a minute")
    bench.add_argument("--output", "-o", default="bench-results", help="directory for the report")
    bench.add_argument(
        "--latency-ms", type=_at_least(0, float), default=None, help="injected upstream latency (50)"
    )
    bench.add_argument(
        "--workers",
        type=_at_least(1),
        default=None,
        help="`hiregraph serve` workers for the throughput run (1)",
    )
    bench.set_defaults(run=_bench)

    register_tenancy(commands, load_grants, load_static_connections)

    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    return int(args.run(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
