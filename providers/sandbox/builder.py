"""Plumbing the generator shares: the clock, id allocation and fast record construction.

Time is kept as whole seconds relative to :data:`REFERENCE` (negative = in the past) while
generating, and turned into aware UTC datetimes only when a record is built, so that nothing
depends on the wall clock.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, tzinfo
from typing import Any, Final, TypeVar

from pydantic import BaseModel

from ..records import RECORD_TYPES, Record, Resource

REFERENCE: Final = datetime(2026, 6, 1, tzinfo=UTC)
"""'Now' in the sandbox: every past event is before it, scheduled interviews come after it."""
_REFERENCE_TS: Final = REFERENCE.timestamp()

MINUTE: Final = 60
HOUR: Final = 3600
DAY: Final = 86400
SPAN: Final = 730 * DAY
"""How far back candidates go (about two years)."""

M = TypeVar("M", bound=BaseModel)

PREFIXES: Final[dict[Resource, str]] = {
    Resource.ACTIVITY: "act",
    Resource.APPLICATION: "app",
    Resource.ATTACHMENT: "att",
    Resource.CANDIDATE: "cand",
    Resource.DEPARTMENT: "dept",
    Resource.EEOC: "eeoc",
    Resource.INTERVIEW: "int",
    Resource.JOB: "job",
    Resource.JOB_FORM_FIELD: "field",
    Resource.JOB_INTERVIEW_STAGE: "stage",
    Resource.OFFER: "offer",
    Resource.OFFICE: "office",
    Resource.ORGANIZATION: "org",
    Resource.REJECT_REASON: "rr",
    Resource.SCORECARD: "sc",
    Resource.TAG: "tag",
    Resource.USER: "user",
}


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects: it would
    only rescan them over and over (about a third of the generation time)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def at(t: int, _from: Callable[[float, tzinfo], datetime] = datetime.fromtimestamp) -> datetime:
    """The aware UTC datetime ``t`` seconds after the reference (before it when negative)."""
    return _from(_REFERENCE_TS + t, UTC)


def constructor(model: type[M]) -> Callable[..., M]:
    """A trusted-data constructor for ``model``: what ``model.model_construct(**values)`` does
    (defaults filled in, ``model_fields_set`` = the given names, no validation), about three
    times faster because the per-field alias and default lookups are done once, here. Records
    built with the same keywords share one ``model_fields_set`` set (a large dataset would
    otherwise spend a kilobyte per record on identical sets): frozen models never change it,
    and ``model_copy`` copies it before updating.

    Falls back to ``model_construct`` itself for a model the shortcut does not cover, or when
    the shortcut and ``model_construct`` disagree on a probe (a future pydantic, say).
    """
    make = _maker(model)
    if make is None:
        return model.model_construct

    def build(**values: Any) -> M:
        return make(values)

    return build


def _maker(model: type[M]) -> Callable[[dict[str, Any]], M] | None:
    """``constructor``'s shortcut, taking (and keeping) the values dict; None where it does not apply."""
    fields = model.model_fields
    simple = (
        not model.__pydantic_root_model__
        and not model.__pydantic_post_init__
        and model.model_config.get("extra") != "allow"
        and not model.__private_attributes__
        and all(
            f.alias is None and f.validation_alias is None and f.default_factory is None
            for f in fields.values()
        )
    )
    if not simple:
        return None
    # Every field, in declaration order (as model_construct orders __dict__); required ones
    # hold a placeholder until the caller's value replaces it.
    defaults = {name: None if f.is_required() else f.default for name, f in fields.items()}
    new = model.__new__
    set_attribute = object.__setattr__
    fields_sets: dict[tuple[str, ...], set[str]] = {}

    def make(values: dict[str, Any]) -> M:
        instance = new(model)
        state = defaults.copy()
        state.update(values)
        names = tuple(values)
        fields_set = fields_sets.get(names)
        if fields_set is None:
            fields_set = fields_sets[names] = set(names)
        set_attribute(instance, "__dict__", state)
        set_attribute(instance, "__pydantic_fields_set__", fields_set)
        set_attribute(instance, "__pydantic_extra__", None)
        set_attribute(instance, "__pydantic_private__", None)
        return instance

    probe: dict[str, Any] = {name: f"probe-{name}" for name, f in fields.items() if f.is_required()}
    fast, slow = make(dict(probe)), model.model_construct(None, **probe)
    same_state = list(vars(fast).items()) == list(vars(slow).items())
    if fast != slow or fast.model_fields_set != slow.model_fields_set or not same_state:
        return None
    return make


def _slow_maker(model: type[M]) -> Callable[[dict[str, Any]], M]:
    def make(values: dict[str, Any]) -> M:
        return model.model_construct(None, **values)

    return make


class Tables:
    """The records being generated, one list per resource, and their ids."""

    def __init__(self, seed: int, widths: dict[Resource, int]) -> None:
        self.rng = random.Random(seed)
        self._random = self.rng.random
        self.rows: dict[Resource, list[Record]] = {r: [] for r in Resource}
        self._formats = {r: f"{PREFIXES[r]}_{{:0{widths[r]}d}}".format for r in Resource}
        self._make = {r: _maker(RECORD_TYPES[r]) or _slow_maker(RECORD_TYPES[r]) for r in Resource}

    def next_id(self, resource: Resource) -> str:
        """The id the next record of ``resource`` will get (ids count from 1, in creation order)."""
        return self._formats[resource](len(self.rows[resource]) + 1)

    def add(self, resource: Resource, **values: Any) -> Record:
        """Build a record (``remote_id`` = ``id``) and append it; ``id`` must be ``next_id``."""
        values["remote_id"] = values["id"]
        record = self._make[resource](values)
        self.rows[resource].append(record)
        return record

    def pick(self, items: tuple[Any, ...] | list[Any]) -> Any:
        return items[int(self._random() * len(items))]

    def between(self, low: int, high: int) -> int:
        """A whole number in [low, high]."""
        return low + int(self._random() * (high - low + 1))
