"""A person's fields as data (``kit/mapping.py``), for an API that keeps one e-mail address, one
phone number and a first and last name: read into the unified lists (:class:`Single`: any list
field the wire holds as one value), rendered back from their primary or first entry (the
simulator), one URL of a kind, a source by name, read back from a write's body (:func:`person_input`) and written into one
(:func:`person_body`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast

from ..http import CallContext
from ..records import EmailAddress, PhoneNumber, Record, Resource, Source, Url
from ..writes import CandidateInput, CandidateUpdate
from .mapping import NO_CTX, Ctx, Fn, Json, Wire, fn, get_path, put_path
from .writing import write_refusal


def _keys(path: str) -> tuple[str, ...]:
    return tuple(path.split("."))


def at_path(path: str, value: Any) -> Json:
    """``{"a": {"b": value}}`` for the path ``a.b`` (what a field's ``back`` renders)."""
    out: Json = {}
    put_path(out, _keys(path), value)
    return out


def primary_email(emails: Iterable[EmailAddress]) -> str | None:
    """The primary address of ``emails``, else the first, else None."""
    return next((e.email for e in sorted(emails, key=lambda e: not e.is_primary)), None)


def one_email(address: str | None) -> tuple[EmailAddress, ...]:
    """A payload's one address as the record's ``emails`` (primary), none when it is blank."""
    return (EmailAddress(email=address, is_primary=True),) if address else ()


def joined(*parts: str | None) -> str | None:
    """The non-blank ``parts`` joined by a space (a full name), None when all are blank."""
    return " ".join(p for p in parts if p) or None


def _first(values: Sequence[Any]) -> Any:
    return values[0]


def primary_first(emails: Sequence[EmailAddress]) -> EmailAddress:
    """The primary address, else the first."""
    return next((e for e in emails if e.is_primary), emails[0])


@dataclass(frozen=True)
class Single:
    """A list field the wire holds as one value at ``path`` (an empty or absent one: no item;
    ``also``: a key read where ``path`` has none): read through ``make`` into a one-item tuple;
    rendered at ``path`` as the item ``take`` picks (through ``value`` back to the wire's value,
    an id encoded as ``resource``), else ``empty`` (``omit``: not rendered at all)."""

    path: str
    make: Callable[[Any], Any] | None = None
    value: Callable[[Any], Any] | None = None
    take: Callable[[Sequence[Any]], Any] = _first
    resource: Resource | None = None
    empty: Any = ""
    also: str | None = None
    omit: bool = False

    @cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.path.split("."))

    def read(self, payload: Any, ctx: Ctx = NO_CTX) -> tuple[Any, ...]:
        """The field read from ``payload`` alone (inside another field's read)."""
        values: Json = {}
        self.read_into("", payload, ctx, values)
        return cast("tuple[Any, ...]", values[""])

    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None:
        found = get_path(payload, self.keys) or (get_path(payload, (self.also,)) if self.also else None)
        values[name] = ((self.make(found) if self.make else found),) if found else ()

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None:
        items = getattr(record, name) or ()
        if not items:
            if not self.omit:
                put_path(out, self.keys, self.empty)
            return
        found = self.take(items)
        found = self.value(found) if self.value else found
        put_path(out, self.keys, wire.encode(self.resource, str(found)) if self.resource else found)


def email_at(path: str = "email", empty: Any = None) -> Single:
    """``emails`` from the one address at ``path``, rendered back as the primary address
    (``empty`` for none)."""
    return Single(
        path,
        make=lambda e: EmailAddress(email=e, is_primary=True),
        value=lambda e: e.email,
        take=primary_first,
        empty=empty,
    )


def phone_at(path: str = "phoneNumber", also: str | None = None, empty: Any = None) -> Single:
    """``phones`` from the one number at ``path`` (or ``also``); rendered from the first
    (``empty`` for none)."""
    return Single(
        path, make=lambda n: PhoneNumber(number=n), value=lambda p: p.number, also=also, empty=empty
    )


def name_of(first: str = "firstName", last: str = "lastName") -> Fn:
    """``name`` as the first and last names at those paths joined (read only: the names render
    themselves)."""
    return fn(lambda p: joined(get_path(p, _keys(first)), get_path(p, _keys(last))))


def person_input(
    body: Mapping[str, Any],
    *,
    first: str = "firstName",
    last: str = "lastName",
    email: str = "email",
    phone: str = "phoneNumber",
    urls: tuple[str, Sequence[str]] | None = None,
    cleared: bool = False,
) -> dict[str, Any]:
    """The neutral person fields (``CandidateInput`` / ``CandidateUpdate`` keywords) of a write's
    JSON body, for a simulator: the names as given, an e-mail, a phone and (``urls``: where and
    of which kinds) URLs where the body has them as text; a field absent is left out (or None for
    the names), so that an update leaves it. ``cleared``: an e-mail or phone key present with no
    value (null, empty) is no e-mail or phone (``()``), as an API whose update clears by null."""
    out: dict[str, Any] = {"first_name": body.get(first), "last_name": body.get(last)}
    if isinstance(found := body.get(email), str) or (cleared and email in body):
        out["emails"] = one_email(found)
    if isinstance(found := body.get(phone), str) or (cleared and phone in body):
        out["phones"] = (PhoneNumber(number=found),) if found or not cleared else ()
    if urls is not None and isinstance(web := body.get(urls[0]), Mapping):
        out["urls"] = tuple(Url(url=u, type=k) for k in urls[1] if isinstance(u := web.get(k), str))
    return out


def url_at(path: str, type: str, field: str = "urls", any_type: bool = False) -> Fn:
    """The record's ``field`` (``urls``, ``job_posting_urls``) from the one URL at ``path``,
    of ``type``; rendered back from the first of that type (``any_type``: the first)."""
    keys = tuple(path.split("."))

    def back(r: Any, _w: Wire) -> Json:
        urls = [u.url for u in getattr(r, field) if any_type or u.type == type]
        return at_path(path, urls[0] if urls else None)

    return fn(lambda o: (Url(url=u, type=type),) if (u := get_path(o, keys)) else (), back)


def person_body(
    given: CandidateInput | CandidateUpdate,
    ctx: CallContext,
    who: str,
    *,
    first: str = "firstName",
    last: str = "lastName",
    email: str = "email",
    phone: str = "phoneNumber",
) -> Json:
    """The body fields of the person ``given`` (the adapter side of :func:`person_input`), for an
    API that keeps one e-mail address and one phone number: more than one is refused, and so is
    an update's empty list, which would clear the value in a way no source documents. ``who``
    names the person in refusals (``a <Provider> candidate``)."""
    out: Json = {}
    if given.first_name is not None:
        out[first] = given.first_name
    if given.last_name is not None:
        out[last] = given.last_name
    lists = (("emails", email, "e-mail address"), ("phones", phone, "phone number"))
    for name, wire, what in lists:
        values = getattr(given, name)
        if values is None or (not values and isinstance(given, CandidateInput)):
            continue
        if not values:
            raise write_refusal(ctx, f"{who}'s {what} cannot be cleared", f"input.{name}")
        if len(values) > 1:
            raise write_refusal(ctx, f"{who} has one {what}", f"input.{name}")
        out[wire] = values[0].email if name == "emails" else values[0].number
    return out


def source_at(path: str) -> Fn:
    """``source`` named by the text at ``path`` (no source id), rendered back as its name."""
    return fn(
        lambda o: Source(name=n) if (n := get_path(o, _keys(path))) else None,
        lambda r, _w: at_path(path, r.source.name if r.source else None),
    )
