"""Every error a client can see, each with one ``extensions.code`` (docs/errors.md).

Provider errors are mapped here, in one place; gateway errors carry their code; GraphQL
syntax and validation errors get theirs from where graphql-core raised them. Anything
else is a bug: its message is masked for the client and logged with the request id.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import Any, Final

from graphql import GraphQLError

from providers.errors import (
    LocallyRateLimited,
    ProviderAuthError,
    ProviderBadInput,
    ProviderError,
    ProviderNotFound,
    ProviderRateLimited,
    ProviderResponseInvalid,
    ProviderTimeout,
    ProviderUnavailable,
    UnsupportedOperation,
    UpstreamBudgetExceeded,
)

log = logging.getLogger("hiregraph.errors")


class ErrorCode(StrEnum):
    BAD_REQUEST = "BAD_REQUEST"
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    UNKNOWN_CONNECTION = "UNKNOWN_CONNECTION"
    NOT_SUPPORTED_BY_PROVIDER = "NOT_SUPPORTED_BY_PROVIDER"
    NOT_FOUND = "NOT_FOUND"
    UPSTREAM_AUTH_FAILED = "UPSTREAM_AUTH_FAILED"
    UPSTREAM_RATE_LIMITED = "UPSTREAM_RATE_LIMITED"
    UPSTREAM_TIMEOUT = "UPSTREAM_TIMEOUT"
    UPSTREAM_UNAVAILABLE = "UPSTREAM_UNAVAILABLE"
    UPSTREAM_INVALID_RESPONSE = "UPSTREAM_INVALID_RESPONSE"
    UPSTREAM_BUDGET_EXCEEDED = "UPSTREAM_BUDGET_EXCEEDED"
    RATE_LIMITED = "RATE_LIMITED"
    QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
    QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


class GatewayError(Exception):
    """An error the gateway raises on purpose; its message is safe to show."""

    code: ErrorCode = ErrorCode.BAD_USER_INPUT

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.message = message
        self.extensions = extensions


class BadRequest(GatewayError):
    """The HTTP request itself is unusable (body, method, content type)."""

    code = ErrorCode.BAD_REQUEST


class BadUserInput(GatewayError):
    """An argument is out of range or malformed (``first`` over the cap, a foreign cursor)."""

    code = ErrorCode.BAD_USER_INPUT


class UnknownConnection(GatewayError):
    code = ErrorCode.UNKNOWN_CONNECTION


class QueryTooComplex(GatewayError):
    """The document breaks a static limit (depth, aliases, tokens, size); nothing was fetched."""

    code = ErrorCode.QUERY_TOO_COMPLEX


class QueryTooCostly(GatewayError):
    """The operation's estimated cost is over the limit; nothing was fetched."""

    code = ErrorCode.QUERY_TOO_COSTLY


class Unauthenticated(GatewayError):
    code = ErrorCode.UNAUTHENTICATED


class Forbidden(GatewayError):
    code = ErrorCode.FORBIDDEN


class NotSupportedByGateway(GatewayError):
    """The provider cannot do it natively and doing it here would mean an unbounded scan."""

    code = ErrorCode.NOT_SUPPORTED_BY_PROVIDER


_PROVIDER_CODES: Final[tuple[tuple[type[ProviderError], ErrorCode], ...]] = (
    (UpstreamBudgetExceeded, ErrorCode.UPSTREAM_BUDGET_EXCEEDED),
    (LocallyRateLimited, ErrorCode.RATE_LIMITED),
    (ProviderBadInput, ErrorCode.BAD_USER_INPUT),
    (ProviderAuthError, ErrorCode.UPSTREAM_AUTH_FAILED),
    (ProviderNotFound, ErrorCode.NOT_FOUND),
    (ProviderRateLimited, ErrorCode.UPSTREAM_RATE_LIMITED),
    (ProviderTimeout, ErrorCode.UPSTREAM_TIMEOUT),
    (ProviderUnavailable, ErrorCode.UPSTREAM_UNAVAILABLE),
    (ProviderResponseInvalid, ErrorCode.UPSTREAM_INVALID_RESPONSE),
    (UnsupportedOperation, ErrorCode.NOT_SUPPORTED_BY_PROVIDER),
)


def _provider_extensions(exc: ProviderError) -> dict[str, Any]:
    code = next((c for cls, c in _PROVIDER_CODES if isinstance(exc, cls)), ErrorCode.UPSTREAM_UNAVAILABLE)
    ext: dict[str, Any] = {"code": code.value, "provider": exc.provider}
    if exc.connection:
        ext["connection"] = exc.connection
    if isinstance(exc, ProviderRateLimited | LocallyRateLimited) and exc.retry_after is not None:
        ext["retryAfter"] = exc.retry_after
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
