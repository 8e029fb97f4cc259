"""What polling remembers between runs, in the tenancy store: per record, a hash of its
content and the few fields an event type is derived from; per resource, the watermark.

Both survive a restart, so a restarted poller neither replays old changes as new events nor
misses the ones made while it was down.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from providers.records import Resource

from ..store import Store
from .types import LogScope


@dataclass(frozen=True)
class Snapshot:
    hash: str
    watched: Mapping[str, Any]
    """The fields event types are derived from (``derive.py``), as JSON values."""


@dataclass(frozen=True)
class Watermark:
    baseline: float
    """When polling this resource began (epoch s): records created later are new."""
    watermark: float
    """The latest ``updated_at`` seen (epoch s); the next poll lists records updated after it."""


class PollState:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def snapshots(self, scope: LogScope, resource: Resource, ids: Sequence[str]) -> dict[str, Snapshot]:
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        rows = await self.store.fetch(
            "SELECT record_id, hash, watched FROM event_snapshots "
            f"WHERE tenant = ? AND connection = ? AND resource = ? AND record_id IN ({marks})",
            (scope.tenant, scope.connection, resource.value, *ids),
        )
        return {r[0]: Snapshot(r[1], json.loads(r[2])) for r in rows}

    async def put_snapshot(
        self, scope: LogScope, resource: Resource, record_id: str, snapshot: Snapshot, now: float
    ) -> None:
        await self.store.execute(
            "INSERT INTO event_snapshots (tenant, connection, resource, record_id, hash, watched, seen_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, connection, resource, record_id) "
            "DO UPDATE SET hash = excluded.hash, watched = excluded.watched, seen_at = excluded.seen_at",
            (
                scope.tenant,
                scope.connection,
                resource.value,
                record_id,
                snapshot.hash,
                json.dumps(dict(snapshot.watched), sort_keys=True),
                now,
            ),
        )

    async def watermark(self, scope: LogScope, resource: Resource) -> Watermark | None:
        rows = await self.store.fetch(
            "SELECT baseline, watermark FROM event_watermarks WHERE tenant = ? AND connection = ? AND resource = ?",
            (scope.tenant, scope.connection, resource.value),
        )
        return Watermark(float(rows[0][0]), float(rows[0][1])) if rows else None

    async def put_watermark(self, scope: LogScope, resource: Resource, mark: Watermark, now: float) -> None:
        await self.store.execute(
            "INSERT INTO event_watermarks (tenant, connection, resource, baseline, watermark, polled_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, connection, resource) "
            # Never backwards, whichever of two pollers writes last.
            "DO UPDATE SET watermark = CASE WHEN excluded.watermark > event_watermarks.watermark "
            "THEN excluded.watermark ELSE event_watermarks.watermark END, polled_at = excluded.polled_at",
            (scope.tenant, scope.connection, resource.value, mark.baseline, mark.watermark, now),
        )
