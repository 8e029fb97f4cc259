"""Field declarations for wire shapes many providers share, beside those of ``kit/mapping.py``
(each reads a payload into a unified field and renders the field back for the simulator):

- :class:`Blank` / :class:`BlankRef`: a value the wire writes as ``""`` when there is none.
- :class:`NumRef`: a :class:`~providers.kit.mapping.Ref` to a record whose ids the wire writes
  as JSON numbers.
- :class:`Single` (from ``kit/people.py``): a list field (phones, locations, hiring managers...)
  the wire holds as one value; :func:`one_email` and :func:`phone` are its e-mail and phone
  cases as ``people.email_at`` and ``people.phone_at`` with ``""`` for none.
- :class:`Listed`: a list field the wire holds as an array of values; :func:`email_list` and
  :func:`phone_list` are its e-mail (the first primary) and phone cases.
- :class:`Urls`: a record's links, one wire key per kind (``linkedin_url``, ``website``).
- :class:`AtWith`: an :class:`~providers.kit.mapping.At` rendered with constant keys beside it
  (a download link's ``method``).
- :class:`Negated`: a boolean the wire says the other way round (``do_not_email``).
- :class:`NumberTable`: a :class:`~providers.kit.mapping.Table` of numbers (a rating out of
  five), its raw field kept as text.
- :class:`SplitDate`: a timestamp sent as a day (``YYYY-MM-DD``) and a time (``HH:MM:SS``) in
  separate keys, in a zone the provider does not state (read as UTC).
- :class:`Joined`: one value written across several keys (a place's city, state and country;
  a person's first and last name).
- :class:`PayRange`: a salary range as two amounts in separate keys.
- :func:`pair_id` / :func:`split_pair` / :func:`pair_part`: the id of a record the provider
  identifies by two others (an applicant in a job: ``<applicant>:<job>``) or under a parent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any

from ..records import Compensation, EmailAddress, PhoneNumber, Record, Url
from .mapping import At, Ctx, Json, Ref, Table, Wire, get_path, merge_into, put_path
from .people import Single as Single
from .people import at_path, email_at, phone_at
from .people import primary_first as primary_first


@dataclass(frozen=True)
class Blank(At):
    """An :class:`At` whose wire writes "none" as ``""``: read as None, rendered as ``""``."""

    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None:
        super().read_into(name, payload, ctx, values)
        values[name] = values[name] or None

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None:
        value = getattr(record, name)
        put_path(out, self.keys, "" if value is None else self.wire_value(value, wire))


@dataclass(frozen=True)
class BlankRef(Blank, Ref):
    """A :class:`Blank` id of another resource."""


@dataclass(frozen=True)
class NumRef(Ref):
    """A :class:`Ref` rendered as a JSON number where the encoded id is all digits."""

    def wire_value(self, value: Any, wire: Wire) -> Any:
        found = super().wire_value(value, wire)
        return int(found) if isinstance(found, str) and found.isdigit() else found


def phone(path: str, also: str | None = None) -> Single:
    """One phone number at ``path`` (or ``also``), ``""`` for none (``people.phone_at``)."""
    return phone_at(path, also=also, empty="")


def one_email(path: str, empty: Any = "") -> Single:
    """One e-mail address at ``path``, the primary one, ``""`` for none (``people.email_at``)."""
    return email_at(path, empty=empty)


@dataclass(frozen=True)
class Listed:
    """A list field the wire holds as an array at ``path``: each item read through ``make`` (with
    its index), rendered through ``value`` in the order ``order`` gives (default: as held)."""

    path: str
    make: Callable[[Any, int], Any] = lambda value, _index: value
    value: Callable[[Any], Any] = lambda item: item
    order: Callable[[Sequence[Any]], Sequence[Any]] = lambda items: items

    @cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.path.split("."))

    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None:
        values[name] = tuple(self.make(v, i) for i, v in enumerate(get_path(payload, self.keys) or ()))

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None:
        put_path(out, self.keys, [self.value(item) for item in self.order(getattr(record, name) or ())])


def email_list(path: str) -> Listed:
    """E-mail addresses as an array, the first the primary; rendered primary first."""
    return Listed(
        path,
        make=lambda e, i: EmailAddress(email=e, is_primary=i == 0),
        value=lambda e: e.email,
        order=lambda emails: sorted(emails, key=lambda e: not e.is_primary),
    )


def phone_list(path: str) -> Listed:
    """Phone numbers as an array of strings."""
    return Listed(path, make=lambda n, _i: PhoneNumber(number=n), value=lambda p: p.number)


@dataclass(frozen=True)
class Urls:
    """Links, one wire key per kind (``{"linkedin": "linkedin_url"}``), in that order, in the
    object at ``at`` (None: the payload's own keys; the object is rendered even when empty); a
    kind with no link is rendered as ``empty``, or left out with ``omit``."""

    keys: Mapping[str, str]
    empty: Any = ""
    at: str | None = None
    omit: bool = False

    @cached_property
    def where(self) -> tuple[str, ...]:
        return tuple(self.at.split(".")) if self.at else ()

    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None:
        found = ((kind, get_path(payload, (*self.where, key))) for kind, key in self.keys.items())
        # a link that is no string is no link (the payload keeps it, in ``remoteData``)
        values[name] = tuple(Url(url=u, type=kind) for kind, u in found if u and isinstance(u, str))

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None:
        urls: Sequence[Url] = getattr(record, name) or ()
        obj: Json = {}
        for kind, key in self.keys.items():
            found = next((u.url for u in urls if u.type == kind), None)
            if found is not None or not self.omit:
                obj[key] = self.empty if found is None else found
        merge_into(out, at_path(self.at, obj) if self.at else obj)


@dataclass(frozen=True)
class AtWith(At):
    """An :class:`~providers.kit.mapping.At` rendered (null for none) together with the keys of
    ``beside``, constants the wire object around the value carries (``{"url", "method": "GET"}``)."""

    beside: Mapping[str, Any] = field(default_factory=dict)

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None:
        put_path(out, self.keys, self.wire_value(getattr(record, name), wire))
        for key, value in self.beside.items():
            put_path(out, (*self.keys[:-1], key), value)


@dataclass(frozen=True)
class Negated(At):
    """A boolean the wire says the other way round (None stays None)."""

    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None:
        super().read_into(name, payload, ctx, values)
        values[name] = None if values[name] is None else not values[name]

    def wire_value(self, value: Any, wire: Wire) -> Any:
        return None if value is None else not value


@dataclass(frozen=True)
class NumberTable(Table[Any]):
    """A :class:`~providers.kit.mapping.Table` whose wire value is a number (its ``table`` keyed
    by numbers): ``raw`` keeps it as text; rendered through the inverted table, else ``absent``
    (the record's raw value is not sent back: the wire wants a number)."""

    absent: Any = None

    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None:
        super().read_into(name, payload, ctx, values)
        if self.raw is not None and values[self.raw] is not None:
            values[self.raw] = str(values[self.raw])

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None:
        put_path(out, self.keys, self.inverse.get(getattr(record, name), self.absent))


def split_date(day: str | None, time: str | None = None) -> datetime | None:
    """``YYYY-MM-DD`` (and ``HH:MM:SS``) as UTC; an empty or zero date (``0000-00-00``) is None."""
    if not day:
        return None
    try:
        return datetime.fromisoformat(f"{day}T{time or '00:00:00'}").replace(tzinfo=UTC)
    except ValueError:
        return None


@dataclass(frozen=True)
class SplitDate:
    """A timestamp as a day at ``day`` and a time at ``time`` (None: the wire sends the day
    alone, read as midnight); rendered as ``""`` for none."""

    day: str
    time: str | None = None

    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None:
        time = get_path(payload, (self.time,)) if self.time else None
        values[name] = split_date(get_path(payload, (self.day,)), time)

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None:
        value: datetime | None = getattr(record, name)
        out[self.day] = value.date().isoformat() if value is not None else ""
        if self.time:
            out[self.time] = value.strftime("%H:%M:%S") if value is not None else ""


@dataclass(frozen=True)
class Joined:
    """The non-empty values at ``keys`` (paths) joined with ``sep`` (None: all empty), one item
    of a tuple with ``many``. Rendered by ``back`` (as an :class:`~providers.kit.mapping.Fn`'s:
    a city alone), else split back over the keys where the parts are as many, else whole in
    the first key (the others ``""``); not rendered without ``rendered`` (the keys are other
    fields')."""

    keys: tuple[str, ...]
    sep: str = ", "
    many: bool = False
    rendered: bool = True
    back: Callable[[Any, Wire], Mapping[str, Any]] | None = None

    @cached_property
    def paths(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(k.split(".")) for k in self.keys)

    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None:
        joined = self.sep.join(v for k in self.paths if (v := get_path(payload, k))) or None
        values[name] = (() if joined is None else (joined,)) if self.many else joined

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None:
        if self.back is not None:
            merge_into(out, self.back(record, wire))
            return
        if not self.rendered:
            return
        value = getattr(record, name)
        value = (value[0] if value else None) if self.many else value
        parts = value.split(self.sep) if value else []
        if len(parts) != len(self.keys):
            parts = [self.sep.join(parts), *[""] * (len(self.keys) - 1)]
        for keys, part in zip(self.paths, parts, strict=True):
            put_path(out, keys, part)


def amount(value: Any) -> Decimal | None:
    """An amount as the wire writes it (a number or its text); ``0``, ``""`` and text that is no
    number are none."""
    try:
        found = Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None
    return found or None


@dataclass(frozen=True)
class PayRange:
    """A :class:`~providers.records.Compensation` of the amounts at ``low`` and ``high`` (none
    where both are none, see :func:`amount`); rendered as their text, ``empty`` for none."""

    low: str
    high: str
    empty: Any = "0"

    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None:
        low, high = (amount(get_path(payload, (k,))) for k in (self.low, self.high))
        values[name] = Compensation(min=low, max=high) if low is not None or high is not None else None

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None:
        pay: Compensation | None = getattr(record, name)
        for key, value in ((self.low, pay and pay.min), (self.high, pay and pay.max)):
            out[key] = self.empty if value is None else str(value)


def pair_id(first: str | None, second: str | None) -> str:
    """The id of a record identified by two others (an applicant in a job: once), or resolved
    only under a parent (a note under an opportunity): ``"{first}:{second}"``, from which a
    read by id finds the parent to read again."""
    return f"{first}:{second}"


def split_pair(value: str) -> tuple[str, str] | None:
    """The two parts of a :func:`pair_id`, split at the first ``:``; None for an id not so
    composed (no ``:``, or an empty part)."""
    first, sep, second = value.partition(":")
    return (first, second) if sep and first and second else None


def pair_part(value: str, index: int) -> str | None:
    """Part ``index`` (0 or 1) of a :func:`pair_id` (None: ``value`` is no such id)."""
    return None if (parts := split_pair(value)) is None else parts[index]
