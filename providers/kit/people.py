"""Mapping helpers for the people fields most APIs carry flat: one e-mail address, a first and
a last name, one phone number, one URL of a kind, a source by name (``kit/mapping.py`` specs and the functions
under them)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..records import EmailAddress, PhoneNumber, Source, Url
from .mapping import Fn, Json, Wire, fn, get_path, put_path


def primary_email(emails: Iterable[EmailAddress]) -> str | None:
    """The primary address of ``emails``, else the first, else None."""
    return next((e.email for e in sorted(emails, key=lambda e: not e.is_primary)), None)


def one_email(address: str | None) -> tuple[EmailAddress, ...]:
    """A payload's one address as the record's ``emails`` (primary), none when it is blank."""
    return (EmailAddress(email=address, is_primary=True),) if address else ()


def joined(*parts: str | None) -> str | None:
    """The non-blank ``parts`` joined by a space (a full name), None when all are blank."""
    return " ".join(p for p in parts if p) or None


def email_at(path: str) -> Fn:
    """``emails`` from the one address at ``path``, rendered back as the primary address."""
    keys = tuple(path.split("."))

    def back(r: Any, _w: Wire) -> Json:
        out: Json = {}
        put_path(out, keys, primary_email(r.emails))
        return out

    return fn(lambda o: one_email(get_path(o, keys)), back)


def name_of(first: str, last: str) -> Fn:
    """``name`` as the first and last names at those paths joined (read only: the names render it)."""
    firsts, lasts = tuple(first.split(".")), tuple(last.split("."))
    return fn(lambda o: joined(get_path(o, firsts), get_path(o, lasts)))


def _put(path: str, value: Any) -> Json:
    out: Json = {}
    put_path(out, tuple(path.split(".")), value)
    return out


def phone_at(path: str) -> Fn:
    """``phones`` from the one number at ``path``, rendered back from the first."""
    keys = tuple(path.split("."))
    return fn(
        lambda o: (PhoneNumber(number=n),) if (n := get_path(o, keys)) else (),
        lambda r, _w: _put(path, r.phones[0].number if r.phones else None),
    )


def url_at(path: str, type: str, field: str = "urls", any_type: bool = False) -> Fn:
    """The record's ``field`` (``urls``, ``job_posting_urls``) from the one URL at ``path``,
    of ``type``; rendered back from the first of that type (``any_type``: the first)."""
    keys = tuple(path.split("."))

    def back(r: Any, _w: Wire) -> Json:
        urls = [u.url for u in getattr(r, field) if any_type or u.type == type]
        return _put(path, urls[0] if urls else None)

    return fn(lambda o: (Url(url=u, type=type),) if (u := get_path(o, keys)) else (), back)


def source_at(path: str) -> Fn:
    """``source`` named by the text at ``path`` (no source id), rendered back as its name."""
    keys = tuple(path.split("."))
    return fn(
        lambda o: Source(name=n) if (n := get_path(o, keys)) else None,
        lambda r, _w: _put(path, r.source.name if r.source else None),
    )
