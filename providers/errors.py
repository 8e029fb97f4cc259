"""Errors raised by provider adapters. The tree::

    ProviderError(provider, resource, operation)
    ├─ ProviderAuthError          401/403: the connection's credentials are wrong; never retried
    ├─ ProviderNotFound           404 on a get: the loaders turn it into null
    ├─ ProviderRateLimited        429: carries ``retry_after`` seconds when the provider said
    ├─ ProviderUnavailable        5xx, connection errors (transient)
    │  ├─ ProviderTimeout         the provider did not answer in time (or the operation's deadline passed)
    │  └─ CircuitOpen             the connection failed repeatedly; calls fail fast for a cool-down
    ├─ UpstreamBudgetExceeded     the operation used up its upstream request budget
    ├─ LocallyRateLimited         hiregraph shed the call to keep the provider's limit (``retry_after``)
    ├─ ProviderBadInput           a value cannot be sent to the provider (an id that is no URL path
    │                             segment, a forged page cursor); refused before any call
    │  ├─ WriteRefused            a write's input names what the account does not have (an unknown
    │                             id, a stage of another job); ``field`` names the input field
    │  └─ ProviderRefusedInput    the provider refused a write's input (HTTP 400/409/422); carries
    │                             the provider's own reasons, each naming its field when it said
    ├─ WriteOutcomeUnknown        a write's request may have reached the provider and no answer came
    │                             (timeout, connection lost after sending): it may or may not be done;
    │                             or the provider accepted one and what came after failed
    │                             (``providers/acceptance.py``)
    ├─ ProviderResponseInvalid    the payload failed validation against the provider's wire model
    │  └─ ProviderResponseTooLarge the body was over ``max_response_bytes``; refused unread
    └─ UnsupportedOperation       the provider has no such resource, field, relationship or filter

    ConnectionConfigError         a connection's configuration is unusable (raised at start-up)

Messages never contain credentials: they name the connection, the provider and the operation.
``graph/errors.py`` turns each class into one ``extensions.code``.
"""

from __future__ import annotations

from dataclasses import dataclass


class ProviderError(Exception):
    """Base of every error an adapter raises."""

    def __init__(
        self,
        message: str,
        *,
        provider: str = "",
        connection: str = "",
        resource: str = "",
        operation: str = "",
        field: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.provider = provider
        self.connection = connection
        self.resource = resource
        self.operation = operation
        self.field = field
        """The input field (dotted GraphQL path, e.g. ``input.stageId``) a write error is about."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, provider={self.provider!r})"


class ProviderAuthError(ProviderError):
    """The provider refused the connection's credentials (401/403)."""


class ProviderNotFound(ProviderError):
    """The provider has no record with that id (404 on a get)."""


class ProviderRateLimited(ProviderError):
    """The provider answered 429; ``retry_after`` is in seconds when it said."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: str) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ProviderUnavailable(ProviderError):
    """The provider failed transiently: 5xx or a connection error."""


class ProviderTimeout(ProviderUnavailable):
    """The provider did not answer within the deadline."""


class CircuitOpen(ProviderUnavailable):
    """The connection failed repeatedly; calls fail fast until the cool-down ends."""


class UpstreamBudgetExceeded(ProviderError):
    """The operation has used its budget of upstream requests; no more are sent."""


class LocallyRateLimited(ProviderError):
    """hiregraph refused to send the call to stay within the provider's rate limit."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: str) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ProviderBadInput(ProviderError):
    """A value the adapter was given (an id, a page cursor) cannot be sent to the provider:
    it could not be one URL path segment, or would leave the connection's base URL. Refused
    before any upstream call; ``graph/errors.py`` answers it as BAD_USER_INPUT."""


class WriteRefused(ProviderBadInput):
    """A write names something the account does not have or does not allow (an unknown
    candidate, a stage of another job, a tag to remove that the candidate lacks is *not* one:
    that is a no-op). Raised before anything is changed; ``field`` names the input field."""


@dataclass(frozen=True)
class Reason:
    """One reason a provider gave for refusing a write: its message (bounded, never the body
    whole) and the provider's name for the field it is about, when it named one."""

    message: str
    field: str = ""


class ProviderRefusedInput(ProviderBadInput):
    """The provider answered a write with a validation refusal (HTTP 400, 409 or 422): the input
    is wrong for this account, so the client must change it (BAD_USER_INPUT, not retried).
    ``reasons`` are what the provider said; ``field`` is set by the write path from them."""

    def __init__(self, message: str, *, reasons: tuple[Reason, ...] = (), **kwargs: str) -> None:
        super().__init__(message, **kwargs)
        self.reasons = reasons


class WriteOutcomeUnknown(ProviderError):
    """A write's request may have reached the provider, and no answer says whether it was
    applied (a timeout or a lost connection after sending). Never retried: the client must
    check the record before writing again (docs/errors.md)."""


class ProviderResponseInvalid(ProviderError):
    """The provider's payload did not match its documented wire format."""


class ProviderResponseTooLarge(ProviderResponseInvalid):
    """The provider's body was larger than the connection's ``max_response_bytes``; it was
    refused while streaming (or on its declared length), never buffered whole."""


class UnsupportedOperation(ProviderError):
    """The provider has no such resource, field, relationship, filter or sort."""


class ConnectionConfigError(Exception):
    """A connection is configured wrongly: unknown provider, missing credential, bad option."""
