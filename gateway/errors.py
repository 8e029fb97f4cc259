"""The client-facing error codes (``extensions.code``, docs/errors.md) and the errors the
gateway raises on purpose.

They live outside graph/ so that tenancy/ and resolvers/ can raise them, and tell a provider
error's code, without depending on the GraphQL layer; graph/errors.py formats them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Final

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
    WriteOutcomeUnknown,
)


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
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    IN_PROGRESS = "IN_PROGRESS"
    WRITE_OUTCOME_UNKNOWN = "WRITE_OUTCOME_UNKNOWN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    EVENT_CURSOR_EXPIRED = "EVENT_CURSOR_EXPIRED"
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


class EventCursorExpired(GatewayError):
    """Events after the given cursor were deleted by the log's retention: resuming would skip some."""

    code = ErrorCode.EVENT_CURSOR_EXPIRED


class NotSupportedByGateway(GatewayError):
    """The provider cannot do it natively and doing it here would mean an unbounded scan."""

    code = ErrorCode.NOT_SUPPORTED_BY_PROVIDER


class IdempotencyKeyReused(GatewayError):
    """The idempotency key was first used for another write (other input, mutation or connection)."""

    code = ErrorCode.IDEMPOTENCY_KEY_REUSED


class InProgress(GatewayError):
    """A write with the same idempotency key is still under way; retry after it ends."""

    code = ErrorCode.IN_PROGRESS


class OutcomeUnknown(GatewayError):
    """A write may or may not have been applied (its request may have reached the provider
    with no answer); it is not retried, and its idempotency key stays in this state until the
    operator reconciles it."""

    code = ErrorCode.WRITE_OUTCOME_UNKNOWN


_PROVIDER_CODES: Final[tuple[tuple[type[ProviderError], ErrorCode], ...]] = (
    (WriteOutcomeUnknown, ErrorCode.WRITE_OUTCOME_UNKNOWN),
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


def provider_error_code(exc: ProviderError) -> ErrorCode:
    """The code a provider error gets, in a query and in a connection test alike (the first
    matching class wins: the more specific ones come first)."""
    return next(
        (code for cls, code in _PROVIDER_CODES if isinstance(exc, cls)), ErrorCode.UPSTREAM_UNAVAILABLE
    )
