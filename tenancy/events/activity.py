"""The sandbox's live hiring activity: a background task that changes the marked sandbox
connections' accounts at a steady rate and logs each change as an event.

``HIREGRAPH_SANDBOX_ACTIVITY``    which sandbox connections: comma-separated static names,
                                  ``tenant/name`` of stored ones, or ``*`` for all; overrides
                                  the config file's ``[sandbox_activity] connections`` (default:
                                  the embedded default's ``sandbox``, none with a config file)
``HIREGRAPH_SANDBOX_ACTIVITY_S``  seconds between two changes of a connection (default 3;
                                  0 turns the activity off)

Each change is made by the sandbox's own write methods (``providers/sandbox/activity.py``),
so reads see it at once, and logged like a write, with ``source: sandbox``. Shutdown waits
for the change under way to land and be logged: it never stops between the two.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from random import Random
from typing import Any, Final

from providers.base import ProviderAdapter
from providers.errors import ConnectionConfigError, ProviderError
from providers.sandbox.activity import SandboxActivity
from providers.sandbox.adapter import SandboxAdapter

from ..store import StoreError
from .service import EventService
from .types import Event, EventSource, EventType, LogScope

log = logging.getLogger("hiregraph.events.activity")

ACTIVITY_ENV: Final = "HIREGRAPH_SANDBOX_ACTIVITY"
ACTIVITY_INTERVAL_ENV: Final = "HIREGRAPH_SANDBOX_ACTIVITY_S"
DEFAULT_INTERVAL_S: Final = 3.0
STOP_WAIT_S: Final = 10.0
"""How long shutdown waits for the change under way before it cancels it."""


class ActivitySettingsError(ConnectionConfigError):
    """A malformed activity setting (the message names it)."""


@dataclass(frozen=True)
class ActivitySettings:
    connections: tuple[str, ...] = ()
    """Static names, ``tenant/name`` of stored connections, or ``*``: which get activity."""
    interval_s: float = DEFAULT_INTERVAL_S
    """Seconds between two changes of one connection; 0: no activity."""
    seed: int | None = None
    """Draws the same changes every run (tests); None: different each run."""

    @property
    def enabled(self) -> bool:
        return bool(self.connections) and self.interval_s > 0

    def wants(self, tenant: str, name: str) -> bool:
        return "*" in self.connections or (f"{tenant}/{name}" if tenant else name) in self.connections

    def with_env(self, environ: Mapping[str, str]) -> ActivitySettings:
        """These settings, with the environment's overriding them."""
        found = self
        names = environ.get(ACTIVITY_ENV)
        if names is not None:
            found = replace(found, connections=tuple(n.strip() for n in names.split(",") if n.strip()))
        raw = environ.get(ACTIVITY_INTERVAL_ENV, "").strip()
        if raw:
            found = replace(found, interval_s=interval(raw, ACTIVITY_INTERVAL_ENV))
        return found

    @classmethod
    def from_table(cls, raw: Any, where: str) -> ActivitySettings:
        """From a config file's ``[sandbox_activity]`` table (``connections``, ``interval_s``, ``seed``)."""
        if not isinstance(raw, Mapping) or set(raw) - {"connections", "interval_s", "seed"}:
            raise ActivitySettingsError(f"{where}: [sandbox_activity] takes connections, interval_s and seed")
        names = raw.get("connections", [])
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise ActivitySettingsError(f"{where}: [sandbox_activity] connections must be a list of names")
        seed = raw.get("seed")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise ActivitySettingsError(f"{where}: [sandbox_activity] seed must be an integer")
        return cls(
            connections=tuple(names),
            interval_s=interval(
                raw.get("interval_s", DEFAULT_INTERVAL_S), f"{where}: [sandbox_activity] interval_s"
            ),
            seed=seed,
        )


def interval(raw: Any, name: str) -> float:
    try:
        value = float(raw) if not isinstance(raw, bool) else -1.0
    except (TypeError, ValueError):
        value = -1.0
    if not 0 <= value < float("inf"):
        raise ActivitySettingsError(f"{name} must be a number of seconds, 0 or more (0: no activity)")
    return value


Targets = Callable[[], Awaitable[Sequence[tuple[LogScope, ProviderAdapter]]]]
"""The connections to animate now, each with its log (re-read every round)."""


class LiveActivity:
    def __init__(self, events: EventService, settings: ActivitySettings, targets: Targets) -> None:
        self.events = events
        self.settings = settings
        self.targets = targets
        self._activities: dict[LogScope, SandboxActivity] = {}
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None and self.settings.enabled:
            self._task = asyncio.create_task(self._run())

    async def round(self) -> list[Event]:
        """One change in every target sandbox connection, each logged; the events added."""
        added: list[Event] = []
        for scope, adapter in await self.targets():
            if not isinstance(adapter, SandboxAdapter):
                continue
            try:
                added += await self._change(scope, adapter)
            except (ProviderError, StoreError) as exc:
                log.warning("the sandbox activity of '%s' failed: %s", scope.connection, exc)
        return added

    async def _change(self, scope: LogScope, adapter: SandboxAdapter) -> list[Event]:
        activity = self._activities.get(scope)
        if activity is None or activity.adapter is not adapter:
            activity = self._activities[scope] = SandboxActivity(adapter, self._rng(scope))
        added = []
        for happened in await activity.step():
            event = await self.events.poller.record_change(
                scope, EventType(happened.event), happened.resource, happened.record, EventSource.SANDBOX
            )
            if event is not None:
                added.append(event)
        return added

    def _rng(self, scope: LogScope) -> Random:
        if self.settings.seed is None:
            return Random()
        return Random(f"{self.settings.seed}:{scope.tenant}/{scope.connection}")

    async def _run(self) -> None:
        # An interval first: a server just started shows its account as generated.
        while not await self._stopped_within(self.settings.interval_s):
            try:
                await self.round()
            except StoreError as exc:
                log.warning("a sandbox activity round failed: %s", exc)
            except Exception:
                # A bug must not end the activity silently: reported, and the next round runs.
                log.exception("a sandbox activity round failed")

    async def _stopped_within(self, seconds: float) -> bool:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), seconds)
        return self._stop.is_set()

    async def aclose(self) -> None:
        """Stop after the change under way (if any) has landed and been logged."""
        self._stop.set()
        task, self._task = self._task, None
        if task is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(task), STOP_WAIT_S)
        except TimeoutError:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
