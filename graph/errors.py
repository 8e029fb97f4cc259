"""Every error a client can see, each with one ``extensions.code`` (docs/errors.md).

Errors are formatted here, in one place. Gateway errors carry their code and provider
errors get theirs from one table (both in gateway/errors.py); GraphQL syntax and validation
errors get theirs from where graphql-core raised them. Anything else is a bug: its message
is masked for the client and logged with the request id.
"""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError

from gateway.errors import ErrorCode, GatewayError, provider_error_code
from providers.errors import LocallyRateLimited, ProviderError, ProviderRateLimited, ProviderRefusedInput

log = logging.getLogger("hiregraph.errors")


def _provider_extensions(exc: ProviderError) -> dict[str, Any]:
    ext: dict[str, Any] = {"code": provider_error_code(exc).value, "provider": exc.provider}
    if exc.connection:
        ext["connection"] = exc.connection
    if exc.field:
        ext["field"] = exc.field
    if isinstance(exc, ProviderRateLimited | LocallyRateLimited) and exc.retry_after is not None:
        ext["retryAfter"] = exc.retry_after
    if isinstance(exc, ProviderRefusedInput) and exc.reasons:
        ext["providerErrors"] = [{"message": r.message, "field": r.field or None} for r in exc.reasons]
    return ext


def _code_of_graphql_error(error: GraphQLError) -> ErrorCode:
    message = error.message
    if message.startswith("Syntax Error"):
        return ErrorCode.GRAPHQL_PARSE_FAILED
    if message.startswith("Variable '$") or "got invalid value" in message:
        return ErrorCode.BAD_USER_INPUT
    return ErrorCode.GRAPHQL_VALIDATION_FAILED


def format_error(error: GraphQLError, request_id: str) -> dict[str, Any]:
    """The client-facing form of one error; unexpected ones are masked and logged."""
    original = error.original_error
    formatted: dict[str, Any] = {"message": error.message}
    if error.locations:
        formatted["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    if error.path is not None:
        formatted["path"] = list(error.path)
    if isinstance(original, GraphQLError):
        original = original.original_error
    if isinstance(original, GatewayError):
        formatted["message"] = original.message
        formatted["extensions"] = {"code": original.code.value, **original.extensions}
    elif isinstance(original, ProviderError):
        formatted["message"] = original.message
        formatted["extensions"] = _provider_extensions(original)
    elif original is None or error.path is None:
        # Parsing, validation and variable coercion: graphql-core's messages are safe.
        formatted["extensions"] = {"code": _code_of_graphql_error(error).value}
    else:
        log.error(
            "unexpected error in request %s at %s",
            request_id,
            error.path,
            exc_info=(type(original), original, original.__traceback__),
        )
        formatted["message"] = "Internal server error"
        formatted["extensions"] = {"code": ErrorCode.INTERNAL_SERVER_ERROR.value, "requestId": request_id}
    return formatted


def request_error(error: GatewayError) -> dict[str, Any]:
    """An error raised before execution started (no path, no locations)."""
    return {"message": error.message, "extensions": {"code": error.code.value, **error.extensions}}
