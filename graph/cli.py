"""The ``hiregraph`` command: ``serve`` and ``export-schema``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from providers.errors import ConnectionConfigError


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .app import create_app
    from .settings import load_settings

    try:
        settings = load_settings(args.config)
        app = create_app(settings)
    except ConnectionConfigError as exc:
        print(f"hiregraph: {exc}", file=sys.stderr)
        return 2
    names = ", ".join(f"{n} ({c.provider})" for n, c in settings.connections.items())
    print(f"hiregraph: connections from {settings.source}: {names}; default '{settings.default_connection}'")
    print(f"hiregraph: GraphiQL and GraphQL at http://{args.host}:{args.port}/graphql")
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def _export_schema(args: argparse.Namespace) -> int:
    from .schema import schema

    sdl = schema.as_str() + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(sdl)
    else:
        sys.stdout.write(sdl)
    return 0


def _coverage(args: argparse.Namespace) -> int:
    from providers.coverage import render_markdown
    from providers.registry import PROVIDERS

    text = render_markdown(PROVIDERS)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hiregraph", description="One typed GraphQL API over every ATS.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the GraphQL server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
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

    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    return int(args.run(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
