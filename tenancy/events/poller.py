"""Synthetic events by polling: per connection and resource, list what changed since the
watermark, through the neutral ``ProviderAdapter.list``, and turn changes into events.

A resource's first poll only records when polling began (its baseline): the account's
existing records are not replayed as events. Each later poll lists records updated after the
watermark less ``overlap_s`` (so a record stamped in the same second as the watermark, or
written by a provider whose clock runs a little behind, is not missed; the content hashes
keep the re-read ones from making events again), with the provider's own ``updated_after``
filter when it has one, else by reading newest first when it can sort so, else by reading
at most ``max_pages`` pages and filtering here.

An event is appended before its snapshot is saved, and its ``dedupe`` key names the change
(record, hash before, hash after): a poll interrupted between the two makes the same event
again next time, which the log then refuses, so nothing is lost or doubled. Two workers
polling one connection are safe for the same reason (only wasteful). A provider's webhook
about a record is logged under the same key (``record_delivered``), so a change seen by
both a webhook and a poll makes one event, whichever comes first.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Final

from providers.base import ProviderAdapter
from providers.errors import ProviderError
from providers.filters import matches
from providers.query import Filter, FilterName, ListQuery, Sort, SortField
from providers.records import Record, Resource, TimestampedRecord

from .derive import WATCHED, WRITTEN, derive, snapshot
from .poll_state import PollState, Snapshot, Watermark
from .types import Event, EventSource, EventType, LogScope, NewEvent

log = logging.getLogger("hiregraph.events.poll")

DEFAULT_INTERVAL_S: Final = 60.0
DEFAULT_OVERLAP_S: Final = 5.0
DEFAULT_MAX_PAGES: Final = 20
NATIVE_PAGES_FACTOR: Final = 50
"""A poll follows a native ``updated_after`` listing for up to 50 times ``max_pages`` pages (a
bound against a provider that never ends a listing, not one an account reaches)."""
_SNAPSHOT_BATCH: Final = 200
_NEWEST_FIRST: Final = Sort(SortField.UPDATED_AT, descending=True)

Emit = Callable[[LogScope, NewEvent], Awaitable[Event | None]]


@dataclass(frozen=True)
class PollResult:
    resource: Resource
    listed: int
    events: int


def _updated(record: Record) -> float | None:
    moment = record.updated_at if isinstance(record, TimestampedRecord) else None
    return moment.timestamp() if moment is not None else None


def _change(resource: Resource, record_id: str, previous: Snapshot | None, after: Snapshot) -> str:
    """The dedupe key of a record's change: the same whoever sees it (a poll, a write, a webhook)."""
    return f"poll:{resource.value}:{record_id}:{previous.hash if previous else ''}>{after.hash}"


class Poller:
    def __init__(
        self,
        state: PollState,
        emit: Emit,
        *,
        overlap_s: float = DEFAULT_OVERLAP_S,
        max_pages: int = DEFAULT_MAX_PAGES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.state = state
        self.emit = emit
        self.overlap_s = overlap_s
        self.max_pages = max_pages
        self.clock = clock

    @staticmethod
    def resources(adapter: ProviderAdapter) -> tuple[Resource, ...]:
        """The resources polling watches that this connection can list."""
        return tuple(r for r in WATCHED if adapter.can_list(r))

    async def poll(self, scope: LogScope, adapter: ProviderAdapter) -> list[PollResult]:
        """One poll of every watched resource; a provider failure on one does not stop the rest."""
        results = []
        for resource in self.resources(adapter):
            try:
                results.append(await self.poll_resource(scope, adapter, resource))
            except ProviderError as exc:
                log.warning("polling %s of '%s' failed: %s", resource.plural, scope.connection, exc)
        return results

    async def poll_resource(
        self, scope: LogScope, adapter: ProviderAdapter, resource: Resource
    ) -> PollResult:
        now = self.clock()
        mark = await self.state.watermark(scope, resource)
        dated = "updated_at" in adapter.supported_fields(resource)
        if mark is None:
            if not dated:
                # No watermark to list from: remember every record as it is now, silently.
                for record in await self._scan(adapter, resource, None):
                    await self.state.put_snapshot(scope, resource, record.id, snapshot(resource, record), now)
            await self.state.put_watermark(scope, resource, Watermark(now, now), now)
            return PollResult(resource, 0, 0)
        since = datetime.fromtimestamp(mark.watermark - self.overlap_s, UTC) if dated else None
        records = await self._scan(adapter, resource, since)
        records.sort(key=lambda r: (_updated(r) or 0.0, r.id))
        emitted = 0
        for start in range(0, len(records), _SNAPSHOT_BATCH):
            batch = records[start : start + _SNAPSHOT_BATCH]
            before = await self.state.snapshots(scope, resource, [r.id for r in batch])
            for record in batch:
                emitted += await self._record(scope, resource, record, before.get(record.id), mark, now)
        newest = max((u for r in records if (u := _updated(r)) is not None), default=mark.watermark)
        await self.state.put_watermark(
            scope, resource, Watermark(mark.baseline, max(newest, mark.watermark)), now
        )
        return PollResult(resource, len(records), emitted)

    async def record_written(
        self, scope: LogScope, mutation: str, resource: Resource, record: Record
    ) -> Event | None:
        """The event of one of hiregraph's own writes, appended at once; the written record's
        snapshot saved with it, under the change key polling would give the same change, so the
        next poll does not report the write again (and a poll that saw it first wins)."""
        event_type = WRITTEN.get(mutation)
        if event_type is None:
            return None
        return await self.record_change(scope, event_type, resource, record, EventSource.WRITE)

    async def record_change(
        self, scope: LogScope, event_type: EventType, resource: Resource, record: Record, source: EventSource
    ) -> Event | None:
        """The event of a change hiregraph made itself (a write, the sandbox's activity), as
        :meth:`record_written` describes."""
        now = self.clock()
        if resource not in WATCHED:
            # A note or a file: its candidate's event, with nothing for polling to remember.
            owner = getattr(record, "candidate_id", None)
            if owner is None:
                return None
            details: dict[str, Any] = {resource.value: record.id}
            change = f"write:{resource.value}:{record.id}"
            return await self.emit(scope, NewEvent(event_type, owner, now, source, change, details))
        after = snapshot(resource, record)
        previous = (await self.state.snapshots(scope, resource, [record.id])).get(record.id)
        details = {"previous": dict(previous.watched)} if previous is not None else {}
        change = _change(resource, record.id, previous, after)
        event = await self.emit(scope, NewEvent(event_type, record.id, now, source, change, details))
        await self.state.put_snapshot(scope, resource, record.id, after, now)
        return event

    async def record_delivered(
        self, scope: LogScope, adapter: ProviderAdapter, new: NewEvent
    ) -> Event | None:
        """The event of a provider's webhook delivery, under the change key polling gives the
        same change: the record is read as it is now and hashed as a poll would, so whichever
        of the two sees a change first logs it and the other finds it logged (a delivery about
        a record whose content matches the last snapshot makes no event, as an unchanged
        record makes none in a poll). A record that cannot be read (a deletion, a resource
        polling does not watch, the provider failing) is logged under ``new``'s own key (the
        delivery id), as before: one event per delivery, nothing for polling to match."""
        resource = new.type.resource
        record = await self._current(adapter, resource, new.record_id)
        if record is None:
            return await self.emit(scope, new)
        now = self.clock()
        after = snapshot(resource, record)
        previous = (await self.state.snapshots(scope, resource, [new.record_id])).get(new.record_id)
        if previous is not None and previous.hash == after.hash:
            return None
        details = {**new.data, "previous": dict(previous.watched)} if previous is not None else new.data
        change = _change(resource, new.record_id, previous, after)
        event = await self.emit(scope, replace(new, dedupe=change, data=details))
        await self.state.put_snapshot(scope, resource, new.record_id, after, now)
        return event

    @staticmethod
    async def _current(adapter: ProviderAdapter, resource: Resource, record_id: str) -> Record | None:
        if resource not in WATCHED or not adapter.can_get(resource):
            return None
        try:
            (found,) = await adapter.get_many(resource, [record_id])
        except ProviderError as exc:
            log.info("a delivered %s could not be read (%s); logged by its delivery id", resource.value, exc)
            return None
        return found if found is not None and found.id == record_id else None

    async def _record(
        self,
        scope: LogScope,
        resource: Resource,
        record: Record,
        previous: Snapshot | None,
        mark: Watermark,
        now: float,
    ) -> int:
        after = snapshot(resource, record)
        if previous is not None and previous.hash == after.hash:
            return 0
        event_type, details = derive(resource, record, previous, after, mark.baseline)
        appended = 0
        if event_type is not None:
            change = _change(resource, record.id, previous, after)
            occurred = _updated(record) or now
            new = NewEvent(event_type, record.id, occurred, EventSource.POLL, change, details)
            appended = int(await self.emit(scope, new) is not None)
        await self.state.put_snapshot(scope, resource, record.id, after, now)
        return appended

    async def _scan(
        self, adapter: ProviderAdapter, resource: Resource, since: datetime | None
    ) -> list[Record]:
        """The records updated after ``since``; None: every record (a provider that does not
        date updates, where the content hashes alone tell what changed)."""
        native = since is not None and adapter.filters_natively(resource, FilterName.UPDATED_AFTER)
        newest_first = since is not None and not native and adapter.sorts_natively(resource, _NEWEST_FIRST)
        flt = Filter(updated_after=since)
        query = ListQuery(
            flt if native else Filter(), _NEWEST_FIRST if newest_first else None, adapter.max_page_size
        )
        found: list[Record] = []
        pages = 0
        # A native filter reads only what changed, so it is followed much further.
        limit = self.max_pages * NATIVE_PAGES_FACTOR if native else self.max_pages
        while pages < limit:
            page = await adapter.list(resource, query)
            pages += 1
            kept = [
                r
                for r in page.records
                if native or since is None or matches(resource, r, flt, {FilterName.UPDATED_AFTER})
            ]
            found.extend(kept)
            if page.next_cursor is None or (newest_first and len(kept) < len(page.records)):
                return found
            query = ListQuery(query.filter, query.sort, query.page_size, page.next_cursor)
        log.warning("polling %s of a connection stopped after %d pages", resource.plural, limit)
        return found
