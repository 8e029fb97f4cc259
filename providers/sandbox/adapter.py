"""The sandbox adapter: the generated dataset served through the full adapter contract.

It supports everything: listing, getting and by-parent listing of all 17 resources, every
filter natively and both sorts on every timestamped resource. Each method call counts as one
upstream request (``latency_ms`` adds a simulated round trip to each), so the gateway's
batching behaves, and can be measured, exactly as against a real provider.

It takes every write of ``providers/writes`` too (``write_methods.py``, ``writes.py``): each
is one call and one change to the connection's own account. Connections with the same seed and
size share the generated dataset until one writes: it then forks its own copy (records are
shared until written), so no write ever shows through another connection, another tenant's
included. Reads through the connection see a write at once.

Listing semantics: filters as defined in ``providers.query.Filter`` (a candidate's ``job_id``
means "has an application to that job", its ``tags`` "carries every listed tag name"); the
order is id order, or the requested timestamp, ascending or descending, ties in id order;
the cursor is an offset into that filtered and sorted sequence.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from operator import attrgetter
from typing import Any, ClassVar, Final

import httpx
from pydantic import BaseModel, ConfigDict, Field

from ..base import Connection, ProviderAdapter
from ..filters import RESOURCE_FILTERS, matches
from ..metering import upstream_call
from ..query import Filter, FilterName, ListQuery, Page, Sort, SortField
from ..records import (
    ApplicationRecord,
    Record,
    Resource,
    TimestampedRecord,
)
from ..relations import CHILD_RELATIONS
from .calls import CALL_MODEL
from .dataset import Dataset, dataset
from .write_methods import SandboxWrites

R = Resource
F = FilterName

_SORTS: Final = frozenset(Sort(f, descending) for f in SortField for descending in (False, True))

# Filters answered by a dataset index: (resource, filter) -> index key (see dataset.INDEX_KEYS).
_FILTER_INDEXES: Final[dict[tuple[Resource, FilterName], str]] = {
    (R.ACTIVITY, F.CANDIDATE_ID): "candidate",
    (R.APPLICATION, F.CANDIDATE_ID): "candidate",
    (R.APPLICATION, F.JOB_ID): "job",
    (R.APPLICATION, F.STAGE_ID): "stage",
    (R.ATTACHMENT, F.CANDIDATE_ID): "candidate",
    (R.ATTACHMENT, F.APPLICATION_ID): "application",
    (R.ATTACHMENT, F.JOB_ID): "job",
    (R.CANDIDATE, F.EMAIL): "email",
    (R.CANDIDATE, F.JOB_ID): "job",
    (R.EEOC, F.CANDIDATE_ID): "candidate",
    (R.INTERVIEW, F.CANDIDATE_ID): "candidate",
    (R.INTERVIEW, F.APPLICATION_ID): "application",
    (R.INTERVIEW, F.STAGE_ID): "stage",
    (R.JOB_FORM_FIELD, F.JOB_ID): "job",
    (R.JOB_INTERVIEW_STAGE, F.JOB_ID): "job",
    (R.OFFER, F.CANDIDATE_ID): "candidate",
    (R.OFFER, F.APPLICATION_ID): "application",
    (R.OFFER, F.JOB_ID): "job",
    (R.SCORECARD, F.CANDIDATE_ID): "candidate",
    (R.SCORECARD, F.APPLICATION_ID): "application",
    (R.USER, F.EMAIL): "email",
}
# Filters that are not about the record's own fields (``providers.filters.matches`` cannot apply them).
_NOT_LOCAL: Final[dict[Resource, frozenset[FilterName]]] = {R.CANDIDATE: frozenset({F.JOB_ID, F.TAGS})}
_SELECTION_CACHE_SIZE: Final = 32
_NOT_PAYLOAD: Final = frozenset({"remote_id", "remote_data", "embedded"})


class SandboxOptions(BaseModel):
    """Options of a sandbox connection."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    seed: int = 42
    """Which dataset: the same seed always gives the same records."""
    size: int = Field(2000, ge=1, le=1_000_000)
    """How many candidates (the rest scales with it)."""
    latency_ms: float = Field(0, ge=0)
    """Simulated round-trip time added to every call."""
    actor_id: str | None = None
    """The user writes are made as when a mutation names none (the sandbox needs none)."""


class SandboxAdapter(SandboxWrites, ProviderAdapter):
    """The built-in demo account; every ``list_*``, ``get_*`` and ``list_*_by_*_ids`` method is
    generated from the resource list below the class."""

    name = "sandbox"
    title = "Sandbox"
    options_model = SandboxOptions
    max_batch_size = 500
    max_page_size = 500
    call_model = CALL_MODEL
    native_filters = RESOURCE_FILTERS
    native_sorts: ClassVar[Mapping[Resource, frozenset[Sort]]] = {
        r: _SORTS for r in Resource if issubclass(r.record_type, TimestampedRecord)
    }
    fields: ClassVar[Mapping[Resource, frozenset[str]]] = {r: r.field_names() for r in Resource}
    write_fields: ClassVar[Mapping[str, frozenset[str]]] = {
        # No e-mail templates in the sandbox: a rejection sends no e-mail.
        "reject_application": frozenset({"applicationId", "rejectReasonId", "note"}),
        # Files are stored as given: the gateway fetches a URL and passes the bytes.
        "upload_attachment": frozenset(
            {"candidateId", "applicationId", "fileName", "attachmentType", "file", "url"}
        ),
    }
    write_required: ClassVar[Mapping[str, frozenset[str]]] = {
        "create_candidate": frozenset({"firstName", "lastName"}),
    }

    def __init__(self, connection: Connection, http: httpx.AsyncClient | None = None) -> None:
        super().__init__(connection, http)
        self.settings: SandboxOptions = self.options
        self._dataset: Dataset | None = None
        self._selections: OrderedDict[tuple[Resource, Filter, Sort | None], Sequence[Record]] = OrderedDict()
        self._selections_version = 0

    async def warm_up(self) -> None:
        # Generating takes seconds at large sizes: in a worker thread, so the event loop (and
        # every other request) goes on meanwhile.
        if self._dataset is None:
            self._dataset = await asyncio.to_thread(dataset, self.settings.seed, self.settings.size)

    def writable(self) -> Dataset:
        """The connection's own account, forked from the shared dataset on the first write; it
        lives as long as the adapter (the process, for a configured connection)."""
        data = self.dataset
        if not data.writable:
            data = self._dataset = data.fork()
        return data

    @property
    def dataset(self) -> Dataset:
        """The connection's dataset, generated (or taken from the shared cache) on first use."""
        if self._dataset is None:
            self._dataset = dataset(self.settings.seed, self.settings.size)
        return self._dataset

    def raw_record(self, record: Record) -> Any:
        """The sandbox has no wire format of its own: its "payload" is the record itself, as
        JSON (built only when ``remoteData`` is asked for)."""
        payload = record.model_dump(mode="json", exclude=set(_NOT_PAYLOAD))
        if "from_" in payload:
            payload["from"] = payload.pop("from_")
        answers = self.dataset.answers.get(record.id) if isinstance(record, ApplicationRecord) else None
        if answers:
            payload["answers"] = [{"question": q, "answer": a} for q, a in answers]
        return payload

    async def _round_trip(self) -> None:
        if self.settings.latency_ms > 0:
            await asyncio.sleep(self.settings.latency_ms / 1000)

    # -- the three operations, for any resource ----------------------------------------------
    def _call(self, resource: Resource, operation: str) -> AbstractContextManager[None]:
        return upstream_call(self.name, self.connection.name, resource.value, operation)

    async def list_records(self, resource: Resource, query: ListQuery) -> Page[Record]:
        with self._call(resource, "list"):
            await self._round_trip()
            if query.page_size < 1:
                raise ValueError(f"page_size must be at least 1, not {query.page_size}")
            size = min(query.page_size, self.max_page_size)
            start = _offset(query.cursor)
            rows = self._selection(resource, query.filter, query.sort)
            end = start + size
            return Page(records=rows[start:end], next_cursor=str(end) if end < len(rows) else None)

    async def get_records(self, resource: Resource, ids: Sequence[str]) -> list[Record | None]:
        with self._call(resource, "get"):
            await self._round_trip()
            self._check_batch(ids)
            by_id = self.dataset.by_id(resource)
            return [by_id.get(i) for i in ids]

    async def list_records_by_parent(
        self, resource: Resource, parent: str, ids: Sequence[str]
    ) -> dict[str, list[Record]]:
        with self._call(resource, f"by {parent}"):
            await self._round_trip()
            self._check_batch(ids)
            index = self.dataset.children(resource, parent)
            return {i: list(index.get(i, ())) for i in ids}

    def _check_batch(self, ids: Sequence[str]) -> None:
        if isinstance(ids, str):
            raise TypeError("ids must be a sequence of ids, not one string")
        if len(ids) > self.max_batch_size:
            raise ValueError(f"at most {self.max_batch_size} ids per call, not {len(ids)}")

    # -- filtering and sorting ----------------------------------------------------------------
    def _selection(self, resource: Resource, flt: Filter, sort: Sort | None) -> Sequence[Record]:
        """The records of ``resource`` passing ``flt``, in ``sort`` order (recent ones cached)."""
        refused = flt.active() - RESOURCE_FILTERS[resource]
        if refused:
            names = ", ".join(sorted(refused))
            raise self._unsupported(resource, f"filtering {resource.plural} by {names}")
        if sort is not None and not self.sorts_natively(resource, sort):
            raise self._unsupported(resource, f"sorting {resource.plural} by {sort.field}")
        data = self.dataset
        if not flt.active() and sort is None:
            return data.records(resource)
        if self._selections_version != data.version:
            # A write changed the dataset: every cached selection may be stale.
            self._selections.clear()
            self._selections_version = data.version
        key = (resource, flt, sort)
        try:
            cached = self._selections.get(key)
        except TypeError:  # a filter built with a list for tags: fine, just not cacheable
            return _sorted(_filtered(data, resource, flt), sort)
        if cached is not None:
            self._selections.move_to_end(key)
            return cached
        selection = self._selections[key] = _sorted(_filtered(data, resource, flt), sort)
        if len(self._selections) > _SELECTION_CACHE_SIZE:
            self._selections.popitem(last=False)
        return selection


def _sorted(rows: Sequence[Record], sort: Sort | None) -> tuple[Record, ...]:
    if sort is None:
        return tuple(rows)
    # sorted() is stable, also with reverse=True: ties keep id order either way.
    return tuple(sorted(rows, key=attrgetter(sort.field.value), reverse=sort.descending))


def _offset(cursor: str | None) -> int:
    if cursor is None:
        return 0
    if not (isinstance(cursor, str) and cursor.isascii() and cursor.isdigit()):
        raise ValueError(f"malformed sandbox cursor {cursor!r}")
    return int(cursor)


def _filtered(data: Dataset, resource: Resource, flt: Filter) -> Sequence[Record]:
    active = flt.active()
    # Each pool is exactly the records passing one filter, in id order: start from the smallest.
    pools: list[Sequence[Record]] = []
    for name in active:
        index = _FILTER_INDEXES.get((resource, name))
        if index is not None:
            value = getattr(flt, name.value)
            pools.append(
                data.children(resource, index).get(value.casefold() if name is F.EMAIL else value, ())
            )
    if resource is R.CANDIDATE and flt.tags is not None:
        pools.extend(_tagged(data, tag) for tag in flt.tags)
    local = active - _NOT_LOCAL.get(resource, frozenset())
    if not pools:
        return [r for r in data.records(resource) if matches(resource, r, flt, local)]
    pools.sort(key=len)
    others = [{r.id for r in pool} for pool in pools[1:]]
    return [
        r for r in pools[0] if all(r.id in other for other in others) and matches(resource, r, flt, local)
    ]


def _tagged(data: Dataset, tag_name: str) -> Sequence[Record]:
    """The candidates carrying a tag called ``tag_name`` (case-insensitive), in id order."""
    wanted = tag_name.casefold()
    tag_ids = [t.id for t in data.records(R.TAG) if (getattr(t, "name", None) or "").casefold() == wanted]
    index = data.children(R.CANDIDATE, "tag")
    if len(tag_ids) == 1:
        return index.get(tag_ids[0], ())
    merged = {r.id: r for tag_id in tag_ids for r in index.get(tag_id, ())}
    return [merged[i] for i in sorted(merged)]


# -- the per-resource methods the contract names, generated --------------------------------------
def _named(function: Callable[..., Awaitable[Any]], name: str, doc: str) -> Callable[..., Awaitable[Any]]:
    function.__name__ = name
    function.__qualname__ = f"{SandboxAdapter.__name__}.{name}"
    function.__doc__ = doc
    return function


def _list_method(resource: Resource) -> Callable[..., Awaitable[Any]]:
    async def method(self: SandboxAdapter, query: ListQuery) -> Page[Record]:
        return await self.list_records(resource, query)

    return _named(method, f"list_{resource.plural}", f"A page of {resource.plural}.")


def _get_method(resource: Resource) -> Callable[..., Awaitable[Any]]:
    async def method(self: SandboxAdapter, ids: Sequence[str]) -> list[Record | None]:
        return await self.get_records(resource, ids)

    return _named(
        method, f"get_{resource.plural}", f"The {resource.plural} with these ids (None if unknown)."
    )


def _by_parent_method(resource: Resource, parent: str) -> Callable[..., Awaitable[Any]]:
    async def method(self: SandboxAdapter, ids: Sequence[str]) -> dict[str, list[Record]]:
        return await self.list_records_by_parent(resource, parent, ids)

    name = f"list_{resource.plural}_by_{parent}_ids"
    return _named(method, name, f"The {resource.plural} of each {parent} id ([] when none).")


def _install() -> None:
    for resource in Resource:
        methods = [_list_method(resource), _get_method(resource)]
        methods += [_by_parent_method(resource, parent) for parent in CHILD_RELATIONS.get(resource, ())]
        for method in methods:
            setattr(SandboxAdapter, method.__name__, method)


_install()
