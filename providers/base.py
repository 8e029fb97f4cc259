"""The one adapter interface every provider implements.

An adapter is a subclass of :class:`ProviderAdapter` that defines, for each resource the
provider serves, some of these coroutine methods (names follow the resource's plural)::

    async def list_candidates(self, query: ListQuery) -> Page[CandidateRecord]
    async def get_candidates(self, ids: Sequence[str]) -> Sequence[CandidateRecord | None]
    async def list_applications_by_candidate_ids(
        self, ids: Sequence[str]) -> Mapping[str, Sequence[ApplicationRecord]]

Writes follow the same rule (``providers/writes``): ``async def create_candidate(self, input:
CandidateInput, actor: Actor | None) -> CandidateRecord`` and the other methods of
``providers.writes.OPERATIONS``; a provider without the method answers NOT_SUPPORTED_BY_PROVIDER.

A method that is not defined is not supported: capabilities are read from the class, so
docs, the coverage matrix and the errors never disagree with the code. ``get_*`` results
align with ``ids`` (None where the provider has no such record). Parent keys are listed in
``providers/relations.py``. Everything a provider cannot do natively is done (or refused)
by the gateway in one place, ``resolvers/listing.py``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar, cast

import httpx
from pydantic import BaseModel, ConfigDict, ValidationError

from . import acceptance
from .auth import AuthScheme, Basic, BearerHeader, QueryKey, SharedTokenAuth
from .calls import CallModel
from .errors import ConnectionConfigError, ProviderError, UnsupportedOperation, WriteOutcomeUnknown
from .query import Filter, FilterName, ListQuery, Page, Sort
from .records import Record, Resource
from .relations import CHILD_RELATIONS, PARENT_FILTERS
from .resilience.policy import RateLimit
from .webhooks import WebhookScheme

if TYPE_CHECKING:
    from .http import UpstreamHttp
    from .simulation import Simulation
    from .writes import WriteOperation


S = TypeVar("S", bound=AuthScheme)

_log = logging.getLogger("hiregraph.errors")
"""Where the gateway logs unexpected errors (``graph/errors.py``): one a write turns into an
unknown outcome is logged here instead."""


@dataclass(frozen=True)
class IssuedToken:
    """An access token as a token endpoint issued it."""

    access_token: str = field(repr=False)
    expires_in: float
    """Seconds it stays valid, from when it was issued."""


class TokenSource(Protocol):
    """The hook through which whoever builds an adapter gives it tokens kept elsewhere (tenancy:
    encrypted in its store, shared by every worker) without knowing the provider.

    The source gets a current token, saves a new one when it had to ask for it (``renew``: the
    adapter's own request to its token endpoint) and invalidates one the API refused. Saving is
    not a separate call because it must stay tied to the renewal it follows: the source lets one
    worker renew at a time, and the others read what that one saved."""

    async def access_token(
        self, renew: Callable[[], Awaitable[IssuedToken]], *, refused: str | None = None
    ) -> str:
        """A current token; ``refused``: one the API just answered 401 to (replace it)."""
        ...


class NoSettings(BaseModel):
    """Credentials or options of a provider that takes none."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class Connection:
    """A named account at a provider, as configured (see ``graph/settings.py``)."""

    name: str
    provider: str
    base_url: str | None = None
    credentials: Mapping[str, Any] = field(default_factory=dict, repr=False)
    options: Mapping[str, Any] = field(default_factory=dict)


def _describe_validation(error: ValidationError, what: str) -> str:
    # Pydantic's own message echoes the input; a credential must never be echoed.
    parts = []
    for err in error.errors():
        where = ".".join(str(p) for p in err["loc"]) or what
        if err["type"] == "missing":
            parts.append(f"missing {what} '{where}'")
        elif err["type"] == "extra_forbidden":
            parts.append(f"unknown {what} '{where}'")
        elif err["type"] == "value_error":
            # Raised by our own validators, whose messages never quote the input.
            parts.append(f"invalid {what}s: {err['msg'].removeprefix('Value error, ')}")
        else:
            parts.append(f"invalid {what} '{where}' ({err['type']})")
    return "; ".join(parts)


class ProviderAdapter:
    """Base of every provider adapter; see the module docstring for the method contract."""

    name: ClassVar[str]
    """The registry key and the ``provider`` value in a connection's config."""
    title: ClassVar[str] = ""
    docs_url: ClassVar[str] = ""
    credentials_model: ClassVar[type[BaseModel]] = NoSettings
    options_model: ClassVar[type[BaseModel]] = NoSettings
    default_base_url: ClassVar[str | None] = None
    max_batch_size: ClassVar[int] = 50
    """How many ids one get-many or by-parent call may carry."""
    max_page_size: ClassVar[int] = 100
    native_filters: ClassVar[Mapping[Resource, frozenset[FilterName]]] = {}
    native_sorts: ClassVar[Mapping[Resource, frozenset[Sort]]] = {}
    fields: ClassVar[Mapping[Resource, frozenset[str]]] = {}
    listing_lacks: ClassVar[Mapping[Resource, frozenset[FilterName]]] = {}
    """Filters the gateway cannot decide on this provider's listed records because its listing
    does not carry what they test (an id the list answer leaves out): refused, never answered
    with a wrong empty page."""
    """The unified fields (spec names) the provider fills, per resource it lists or gets."""
    webhooks: ClassVar[WebhookScheme | None] = None
    """How the provider's own webhooks are signed and read (``providers/webhooks.py``); None
    for a provider that sends none. The secret is the optional ``webhook_secret`` credential."""
    auth_schemes: ClassVar[tuple[AuthScheme, ...]] = ()
    """How the provider authenticates (``providers/auth.py``), in the order they are tried;
    none for a provider without credentials."""
    rate_limit: ClassVar[RateLimit | None] = None
    """The provider's documented request rate per credential (None: undocumented)."""
    call_model: ClassVar[CallModel | None] = None
    """How few upstream calls can serve a response (``providers/calls.py``): the bench's
    theoretical minimum (``bench/minimum.py``). None: the bench does not measure the provider."""
    cpu_probe_first: ClassVar[int | None] = None
    """``first`` for the bench's gateway-CPU row (candidates -> applications -> job), chosen so
    the query makes about 25 upstream calls (``bench/upstream_cpu.py``); None: not measured."""
    write_fields: ClassVar[Mapping[str, frozenset[str]]] = {}
    """Per write method (``create_candidate``): the input fields (GraphQL names) it takes; a
    method not listed takes every field of its operation. Any other field given is refused
    with NOT_SUPPORTED_BY_PROVIDER before any call."""
    write_required: ClassVar[Mapping[str, frozenset[str]]] = {}
    """Per write method: input fields the provider needs beyond the operation's own."""
    inline_candidate_fields: ClassVar[frozenset[str] | None] = None
    """The fields of a new candidate given inline to ``createApplication`` (``input.candidate``)
    for a provider that makes a person only with an application (no ``createCandidate``);
    None: the fields ``createCandidate`` takes."""
    inline_candidate_required: ClassVar[frozenset[str]] = frozenset()
    """With :attr:`inline_candidate_fields`, those an inline candidate must give."""
    write_error_fields: ClassVar[Mapping[str, str]] = {}
    """The provider's names for fields in its refusals (``email_addresses``) mapped to the
    input field they come from (``emails``), where camel-casing the provider's name does not
    give it; ``resolvers/writes`` names the input field of a refused write from them."""
    actor_required: ClassVar[bool] = False
    """Whether every write must name an acting user (the connection's ``actor_id`` option or
    the mutation's ``actorId``); without one a write is refused before any call."""
    application_form: ClassVar[bool] = True
    """Whether ``create_application`` applies through the job's application form, so the
    form's required questions must be answered; False for a provider that adds a candidate to
    a job without one (Ashby's ``application.create``)."""
    attachment_by_url: ClassVar[bool] = False
    """Whether ``upload_attachment`` takes a URL and lets the provider fetch it; otherwise the
    gateway fetches it (public addresses only) and passes the bytes."""
    coverage_notes: ClassVar[tuple[str, ...]] = ()
    """Known gaps the field and filter lists cannot show (a field filled only on a read by id,
    a bound on a fan-out...), one Markdown sentence each: docs/coverage.md prints them."""

    def __init__(self, connection: Connection, http: httpx.AsyncClient | None = None) -> None:
        self.connection = connection
        self.http = http
        self.base_url = (connection.base_url or self.default_base_url or "").rstrip("/")
        self.credentials = self._validate(self.credentials_model, connection.credentials, "credential")
        self.options = self._validate(self.options_model, connection.options, "option")

    def _validate(self, model: type[BaseModel], data: Mapping[str, Any], what: str) -> Any:
        try:
            return model.model_validate(dict(data))
        except ValidationError as exc:
            detail = _describe_validation(exc, what)
            raise ConnectionConfigError(
                f"connection '{self.connection.name}' ({self.name}): {detail}"
            ) from None

    async def aclose(self) -> None:
        """Release what the adapter holds (nothing by default)."""

    def upstreams(self) -> Sequence[UpstreamHttp]:
        """The HTTP clients the adapter sends through, each once (none: an in-process provider).

        Whoever builds the adapter attaches the connection's upstream discipline to them
        (``providers/resilience/binding.py``), and tenancy shares stored OAuth tokens through
        their auth; listing them here keeps both from guessing at the adapter's attributes."""
        return ()

    def share_tokens(self, source: TokenSource) -> int:
        """Take OAuth tokens from ``source`` in every auth that obtains its own; how many."""
        shared = 0
        for upstream in self.upstreams():
            if isinstance(upstream.auth, SharedTokenAuth):
                upstream.auth.share(source, upstream.client)
                shared += 1
        return shared

    def static_auth(self) -> httpx.Auth | None:
        """The auth of the first declared key or token scheme (``Basic``, ``BearerHeader``,
        ``QueryKey``) whose credential the connection gives; None if it gives none of them."""
        for scheme in self.auth_schemes:
            if isinstance(scheme, Basic | BearerHeader | QueryKey):
                auth = scheme.auth(self.credentials)
                if auth is not None:
                    return auth
        return None

    @classmethod
    def auth_scheme(cls, kind: type[S]) -> S | None:
        """The declared scheme of this kind, if the provider offers it."""
        return next((s for s in cls.auth_schemes if isinstance(s, kind)), None)

    async def warm_up(self) -> None:
        """Build at start-up what the first request would otherwise pay for (nothing by default)."""

    @classmethod
    def simulation(cls) -> Simulation | None:
        """The provider's in-process simulator (``providers/simulation.py``), if it has one."""
        return None

    def raw_record(self, record: Record) -> Any:
        """What ``remoteData`` shows: the provider's payload for this record, as received."""
        return record.remote_data

    # -- capabilities, read from the class ---------------------------------------------
    @classmethod
    def _method(cls, name: str) -> Callable[..., Awaitable[Any]] | None:
        return cast("Callable[..., Awaitable[Any]] | None", getattr(cls, name, None))

    @classmethod
    def can_list(cls, resource: Resource) -> bool:
        return cls._method(f"list_{resource.plural}") is not None

    @classmethod
    def can_get(cls, resource: Resource) -> bool:
        return cls._method(f"get_{resource.plural}") is not None

    @classmethod
    def can_list_children(cls, resource: Resource, parent: str) -> bool:
        if cls._method(f"list_{resource.plural}_by_{parent}_ids") is not None:
            return True
        by_filter = PARENT_FILTERS.get(parent)
        return by_filter is not None and cls.can_list(resource) and cls.filters_natively(resource, by_filter)

    @classmethod
    def serves(cls, resource: Resource) -> bool:
        return cls.can_list(resource) or cls.can_get(resource) or bool(cls.child_relations(resource))

    @classmethod
    def supported_fields(cls, resource: Resource) -> frozenset[str]:
        if not cls.serves(resource):
            return frozenset()
        return cls.fields.get(resource, frozenset())

    @classmethod
    def filters_natively(cls, resource: Resource, name: FilterName) -> bool:
        return name in cls.native_filters.get(resource, frozenset())

    @classmethod
    def sorts_natively(cls, resource: Resource, sort: Sort) -> bool:
        return sort in cls.native_sorts.get(resource, frozenset())

    @classmethod
    def child_relations(cls, resource: Resource) -> tuple[str, ...]:
        return tuple(p for p in CHILD_RELATIONS.get(resource, ()) if cls.can_list_children(resource, p))

    def write_refusal(self) -> Exception | None:
        """Why this adapter takes no write at all, checked before anything else (None: it may)."""
        return None

    async def required_custom_fields(self, op: WriteOperation) -> Sequence[str]:
        """The keys of the custom fields the account requires for ``op`` (``CustomFieldValue.name``),
        checked before the write is sent; only asked where the provider takes ``customFields``.
        A provider reads them as an account table, once per connection and kept (none: no read)."""
        return ()

    def default_actor(self) -> str | None:
        """The acting user the connection's options name (``actor_id``), if any."""
        actor = getattr(self.options, "actor_id", None)
        return actor if isinstance(actor, str) and actor else None

    # -- the generic entry points the loaders and the gateway use ------------------------
    def _unsupported(self, resource: Resource, what: str) -> UnsupportedOperation:
        return UnsupportedOperation(
            f"{self.title or self.name} does not support {what}",
            provider=self.name,
            connection=self.connection.name,
            resource=resource.value,
            operation=what,
        )

    async def write(self, method_name: str, resource: Resource, input: object, actor: Any) -> Record:
        """Perform the write ``method_name`` (a ``providers.writes`` operation's method). Any
        error after the provider accepted one of its write requests is ``WriteOutcomeUnknown``
        (``providers/acceptance.py``): something was written, whatever failed after it."""
        method = getattr(self, method_name, None)
        if method is None:
            raise self._unsupported(resource, method_name.replace("_", " "))
        with acceptance.watching() as answered:
            try:
                return cast("Record", await method(input, actor))
            except WriteOutcomeUnknown:
                raise
            except Exception as exc:
                if not answered.accepted:
                    raise
                raise self._accepted_unknown(answered, exc) from exc

    def _accepted_unknown(self, answered: acceptance.Acceptance, exc: Exception) -> WriteOutcomeUnknown:
        if isinstance(exc, ProviderError):
            why = exc.message
        else:
            # A bug reading the answer: the client is told the write's outcome, not the bug,
            # which no longer reaches the gateway's log of unexpected errors, so it is logged here.
            _log.error("an error after %s accepted a write", self.name, exc_info=exc)
            why = "an internal error while reading it"
        title = self.title or self.name
        if answered.failed_after:
            message = f"{title} accepted part of the write, but a later request of it failed ({why})"
        else:
            message = f"{title} accepted the write, but its result could not be read ({why})"
        return WriteOutcomeUnknown(message, provider=self.name, connection=self.connection.name)

    async def list(self, resource: Resource, query: ListQuery) -> Page[Record]:
        method = getattr(self, f"list_{resource.plural}", None)
        if method is None:
            raise self._unsupported(resource, f"listing {resource.plural}")
        return cast("Page[Record]", await method(query))

    async def get_many(self, resource: Resource, ids: Sequence[str]) -> Sequence[Record | None]:
        method = getattr(self, f"get_{resource.plural}", None)
        if method is None:
            raise self._unsupported(resource, f"getting {resource.plural} by id")
        if isinstance(ids, str):  # a str is a Sequence[str] too: one id passed by mistake
            raise TypeError("get_many takes a sequence of ids, not one id")
        unique = list(dict.fromkeys(ids))
        if len(unique) == len(ids):
            return cast("Sequence[Record | None]", await method(ids))
        # A repeated id is read once, whatever the provider's own method does with repeats.
        found = dict(zip(unique, cast("Sequence[Record | None]", await method(unique)), strict=True))
        return [found[i] for i in ids]

    async def list_children(
        self, resource: Resource, parent: str, ids: Sequence[str]
    ) -> Mapping[str, Sequence[Record]]:
        method = getattr(self, f"list_{resource.plural}_by_{parent}_ids", None)
        if method is not None:
            return cast("Mapping[str, Sequence[Record]]", await method(ids))
        by_filter = PARENT_FILTERS.get(parent)
        if by_filter is None or not self.can_list_children(resource, parent):
            raise self._unsupported(resource, f"{resource.plural} by {parent}")
        # No batch endpoint: one filtered listing per parent, all in parallel.
        results = await asyncio.gather(*(self._list_all(resource, by_filter, i) for i in ids))
        return dict(zip(ids, results, strict=True))

    async def _list_all(self, resource: Resource, by: FilterName, value: str) -> Sequence[Record]:
        out: list[Record] = []
        cursor: str | None = None
        while True:
            by_parent: dict[str, Any] = {by.value: value}
            query = ListQuery(Filter(**by_parent), None, self.max_page_size, cursor)
            page = await self.list(resource, query)
            out.extend(page.records)
            if page.next_cursor is None:
                return out
            cursor = page.next_cursor
