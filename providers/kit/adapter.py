"""The base of every HTTP provider adapter: one ``UpstreamHttp`` per connection and the reads
every API is made of, written once.

A provider declares its API on the class (``paging``, ``fan_out_limit``, ``default_headers``,
where list and single answers hold their payload) and overrides a hook only for a real quirk:

- :meth:`HttpAdapter.account_base_url`: a default base URL that depends on the account
  (Workable's subdomain);
- :meth:`HttpAdapter.upstream_auth`: an auth other than the declared key or token schemes
  (Greenhouse v3's client-credentials exchange);
- :meth:`HttpAdapter.upstream_headers`: headers that depend on the credentials (Workable's
  partner id);
- :meth:`HttpAdapter.call`: a transport other than ``GET`` + JSON (Ashby's RPC ``POST``);
- :meth:`HttpAdapter.items_of` / :meth:`HttpAdapter.record_of`: an envelope to check (Lever,
  Workable).

Everything else is here: the call context, one record by id (404 is None), one page or every
page of a list through the declared :class:`~providers.kit.paging.Paginator`, per-id fan-out
and the client's lifecycle.
"""

from __future__ import annotations

import asyncio
import importlib
import string
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

import httpx

from ..base import Connection, ProviderAdapter
from ..cache import Cached
from ..errors import ConnectionConfigError, ProviderBadInput, ProviderNotFound
from ..http import CallContext, UpstreamHttp, parse
from ..query import ListQuery
from ..records import Record, Resource
from .fanout import chunks, map_limited
from .paging import Paginator, at_base_url, is_path_cursor
from .resources import Endpoints, install

if TYPE_CHECKING:
    from ..simulation import Simulation

A = TypeVar("A")
M = TypeVar("M")
R = TypeVar("R", bound=Record)
T = TypeVar("T")

OWN_CLIENT_TIMEOUT_S = 30.0
"""The timeout of the client an adapter makes when it is given none (tests, scripts); the
connection's policy caps every call further (``UpstreamHttp``)."""


class HttpAdapter(ProviderAdapter):
    """An adapter over one HTTP API; see the module docstring for what a provider declares.
    ``resources`` (``kit/resources.py``) derives the read methods a provider does not write."""

    paging: ClassVar[Paginator]
    """How the API's lists page. A scheme that resolves next-page URLs is declared with a
    blank base URL and gets the connection's (``kit.paging.at_base_url``)."""
    fan_out_limit: ClassVar[int | None] = None
    """Per-id calls of one fan-out in flight at once (None: only the connection's policy caps
    them, see ``kit.fanout``)."""
    default_headers: ClassVar[Mapping[str, str]] = {"Accept": "application/json"}
    items_field: ClassVar[str | None] = None
    """Where a list answer holds its items (None: the answer is the list)."""
    record_field: ClassVar[str | None] = None
    """Where a single-record answer holds the record (None: the answer is the record)."""
    resources: ClassVar[Sequence[Endpoints]] = ()
    """Per resource, its endpoints (``kit/resources.py``): the read methods, filters, sorts
    and fields a provider does not write itself are derived from them."""
    tables_ttl_s: ClassVar[float] = 300.0
    """How long reads declared ``kept`` (account tables) are kept."""
    account_url: ClassVar[str | None] = None
    """The account's base URL from the connection's options (``https://{subdomain}.example.com``);
    each ``{option}`` is required unless the connection gives ``base_url``. The options model
    validates the values (one URL-safe label), so none can move the host or the path."""
    shares_reads_in_flight: ClassVar[bool] = False
    """Whether loaders that need the same read at once share one request: for a provider
    whose one answer serves several relationships (JazzHR's applicant detail carries a
    candidate's tags and its applications, which two loaders ask for at once)."""

    def __init__(self, connection: Connection, http: httpx.AsyncClient | None = None) -> None:
        super().__init__(connection, http)
        self.base_url = self.account_base_url()
        self._own_client = http is None
        self.upstream = UpstreamHttp(
            http if http is not None else httpx.AsyncClient(timeout=OWN_CLIENT_TIMEOUT_S),
            base_url=self.base_url,
            auth=self.upstream_auth(),
            headers=self.upstream_headers(),
            provider=self.name,
            connection=connection.name,
        )
        self.paginator = at_base_url(self.paging, self.upstream.base_url)
        self.tables: Cached[str, Any] = Cached(self.tables_ttl_s)
        """Account tables and per-parent reads declared ``kept``."""
        self._in_flight: dict[tuple[str, str], asyncio.Future[tuple[Any, httpx.Response]]] = {}
        """Reads under way, shared by whoever asks for the same one meanwhile; an answer is
        dropped as soon as it is in (a ``Cached`` would keep up to 1,024 bodies)."""

    @classmethod
    def simulation(cls) -> Simulation | None:
        """The provider folder's ``simulator.SIMULATION``, imported only when it is asked for
        (a server with no demo never loads a simulator); None where the folder has none."""
        package = cls.__module__.rpartition(".")[0]
        if not package:
            return None
        try:
            module = importlib.import_module(f"{package}.simulator")
        except ModuleNotFoundError as exc:
            if exc.name != f"{package}.simulator":
                raise  # the simulator exists and failed to import: that is a bug to see
            return None
        return cast("Simulation", module.SIMULATION)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "resources" in cls.__dict__:
            install(cls)

    @classmethod
    def endpoints(cls, resource: Resource) -> Endpoints:
        """The declared endpoints of ``resource``."""
        return next(e for e in cls.resources if e.resource is resource)

    # -- the connection: overridden for an account's quirks --------------------------------
    def account_base_url(self) -> str:
        """The base URL this connection calls: the configured one, else :attr:`account_url`
        filled from the connection's options, else the class default."""
        if self.base_url or self.account_url is None:
            return self.base_url
        names = [name for _, name, _, _ in string.Formatter().parse(self.account_url) if name]
        values = {name: getattr(self.options, name, None) for name in names}
        missing = next((name for name, value in values.items() if value in (None, "")), None)
        if missing is not None:
            raise ConnectionConfigError(
                f"connection '{self.connection.name}' ({self.name}): missing option '{missing}'"
            )
        return self.account_url.format(**values)

    def upstream_auth(self) -> httpx.Auth | None:
        """The auth of every call: by default the declared key or token scheme given."""
        return self.static_auth()

    def upstream_headers(self) -> dict[str, str]:
        """The headers of every call."""
        return dict(self.default_headers)

    async def aclose(self) -> None:
        if self._own_client:
            await self.upstream.client.aclose()

    def upstreams(self) -> Sequence[UpstreamHttp]:
        return (self.upstream,)

    def ctx(self, resource: Resource | str, operation: str) -> CallContext:
        """Who calls what, for the errors of these calls."""
        return self.upstream.context(
            resource.value if isinstance(resource, Resource) else resource, operation
        )

    # -- the wire: overridden for a transport or an envelope ---------------------------------
    async def call(
        self, path: str, ctx: CallContext, params: Mapping[str, Any] | None = None
    ) -> tuple[Any, httpx.Response]:
        """One read: ``GET path?params``, the decoded JSON answer and the response. With
        :attr:`shares_reads_in_flight`, a read already under way for the same path and
        parameters is shared (the answer is not kept after it)."""
        if not self.shares_reads_in_flight:
            return await self.upstream.get_json(path, params=params, ctx=ctx)
        key = (path, repr(sorted((params or {}).items())))
        task = self._in_flight.get(key)
        if task is None:
            task = asyncio.ensure_future(self.upstream.get_json(path, params=params, ctx=ctx))
            self._in_flight[key] = task
            task.add_done_callback(lambda done: self._landed(key, done))
        # shielded: one caller giving up does not cancel the read for the others
        return await asyncio.shield(task)

    def _landed(self, key: tuple[str, str], task: asyncio.Future[Any]) -> None:
        if self._in_flight.get(key) is task:
            del self._in_flight[key]
        if not task.cancelled():
            task.exception()  # retrieved here too: every caller may have given up

    def items_of(self, body: Any, ctx: CallContext, field: str | None) -> Any:
        """The items of a list answer, at ``field`` (None: at :attr:`items_field`)."""
        where = field or self.items_field
        if where is None:
            return body
        return body.get(where) if isinstance(body, Mapping) else None

    def record_of(self, body: Any, ctx: CallContext) -> Any:
        """The record of a single-record answer (None: there is none)."""
        if self.record_field is None:
            return body
        return body.get(self.record_field) if isinstance(body, Mapping) else None

    # -- reads ---------------------------------------------------------------------------
    async def fetch(
        self, model: Any, path: str, ctx: CallContext, params: Mapping[str, Any] | None = None
    ) -> Any:
        """The whole answer of one read, validated against ``model`` (any type pydantic takes)."""
        body, _ = await self.call(path, ctx, params)
        return parse(model, body, ctx)

    async def fetch_one(
        self, model: type[M], path: str, ctx: CallContext, params: Mapping[str, Any] | None = None
    ) -> M | None:
        """One record by id; None when the API has no such record (404, or an empty answer)."""
        try:
            body, _ = await self.call(path, ctx, params)
        except ProviderNotFound:
            return None
        record = self.record_of(body, ctx)
        return None if record is None else parse(model, record, ctx)

    async def fetch_page(
        self,
        model: type[M],
        path: str,
        ctx: CallContext,
        *,
        params: Mapping[str, Any] | None = None,
        cursor: str | None = None,
        page_size: int | None = None,
        field: str | None = None,
    ) -> tuple[list[M], str | None]:
        """One page of a list and the cursor of the next (None: the last). From ``cursor``, the
        page it names; ``page_size`` None sends no size on the first page (the API's default)."""
        params = dict(params or {})
        if cursor is not None or page_size is not None:
            request = self.paginator.request(cursor, page_size or self.paginator.max_size)
            if request.path is not None:
                # A next-page path carries every filter of the first request.
                if not is_path_cursor(request.path):
                    raise ctx.error(ProviderBadInput, f"invalid page cursor for {self.title or self.name}")
                path, params = request.path, {}
            else:
                params.update(request.params)
        body, response = await self.call(path, ctx, params or None)
        items: list[M] = parse(list[model], self.items_of(body, ctx, field), ctx)  # type: ignore[valid-type]
        return items, self.paginator.next_cursor(body, response)

    async def fetch_query_page(
        self,
        model: type[M],
        path: str,
        ctx: CallContext,
        query: ListQuery,
        *,
        params: Mapping[str, Any] | None = None,
        field: str | None = None,
    ) -> tuple[list[M], str | None]:
        """The page a client's list query asks for (its cursor and page size)."""
        return await self.fetch_page(
            model, path, ctx, params=params, cursor=query.cursor, page_size=query.page_size, field=field
        )

    async def fetch_all(
        self,
        model: type[M],
        path: str,
        ctx: CallContext,
        *,
        params: Mapping[str, Any] | None = None,
        page_size: int | None = None,
        field: str | None = None,
    ) -> list[M]:
        """Every page of a list, in order (for short lists and one parent's children)."""
        out: list[M] = []
        cursor: str | None = None
        while True:
            items, cursor = await self.fetch_page(
                model, path, ctx, params=params, cursor=cursor, page_size=page_size, field=field
            )
            out.extend(items)
            if cursor is None:
                return out

    async def fan_out(self, fn: Callable[[A], Awaitable[T]], items: Iterable[A]) -> list[T]:
        """``[await fn(x) for x in items]``, concurrently, at most :attr:`fan_out_limit` at once."""
        return await map_limited(fn, items, self.fan_out_limit)

    async def in_batches(self, fn: Callable[[Sequence[A]], Awaitable[T]], ids: Sequence[A]) -> list[T]:
        """``fn`` over ``ids`` cut into batches of :attr:`max_batch_size` (an ids filter's most),
        concurrently."""
        return await self.fan_out(fn, chunks(ids, self.max_batch_size))


def pick(records: Iterable[R], ids: Sequence[str]) -> list[R | None]:
    """The records of ``ids``, in their order (None where absent): a get-many answered from a
    whole list (an account's stages, tags, reasons...)."""
    by_id = {r.id: r for r in records}
    return [by_id.get(i) for i in ids]
