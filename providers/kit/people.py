"""A person's fields as data (``kit/mapping.py``), for an API that keeps one e-mail address, one
phone number and a first and last name: read into the unified lists, rendered back from their
primary or first entry (the simulator), and read back from a write's body (:func:`person_input`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..records import EmailAddress, PhoneNumber, Url
from .mapping import Fn, Json, fn, get_path, put_path


def _keys(path: str) -> tuple[str, ...]:
    return tuple(path.split("."))


def _at(path: str, value: Any) -> Json:
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


def email_at(path: str = "email") -> Fn:
    """``emails`` from the one address at ``path``, rendered back as the primary address."""
    return fn(
        lambda p: one_email(get_path(p, _keys(path))),
        lambda r, _w: _at(path, primary_email(r.emails)),
    )


def phone_at(path: str = "phoneNumber") -> Fn:
    """``phones`` from the one number at ``path``; rendered from the first."""
    return fn(
        lambda p: (PhoneNumber(number=v),) if (v := get_path(p, _keys(path))) else (),
        lambda r, _w: _at(path, r.phones[0].number if r.phones else None),
    )


def name_of(first: str = "firstName", last: str = "lastName") -> Fn:
    """``name`` as the first and last names at those paths joined (read only: the names render
    themselves)."""
    return fn(lambda p: joined(get_path(p, _keys(first)), get_path(p, _keys(last))))


def typed_urls(path: str, kinds: Sequence[str]) -> Fn:
    """URLs kept in an object by kind (``{"linkedin": ..., "website": ...}`` at ``path``), each
    a URL of that type; rendered from the URLs of those types."""
    return fn(
        lambda p: tuple(Url(url=u, type=k) for k in kinds if (u := get_path(p, (*_keys(path), k)))),
        lambda r, _w: _at(path, {u.type: u.url for u in r.urls if u.type in kinds}),
    )


def person_input(
    body: Mapping[str, Any],
    *,
    first: str = "firstName",
    last: str = "lastName",
    email: str = "email",
    phone: str = "phoneNumber",
    urls: tuple[str, Sequence[str]] | None = None,
) -> dict[str, Any]:
    """The neutral person fields (``CandidateInput`` / ``CandidateUpdate`` keywords) of a write's
    JSON body, for a simulator: the names as given, an e-mail, a phone and (``urls``: where and
    of which kinds) URLs where the body has them as text; a field absent is left out (or None for
    the names), so that an update leaves it."""
    out: dict[str, Any] = {"first_name": body.get(first), "last_name": body.get(last)}
    if isinstance(found := body.get(email), str):
        out["emails"] = one_email(found)
    if isinstance(found := body.get(phone), str):
        out["phones"] = (PhoneNumber(number=found),)
    if urls is not None and isinstance(web := body.get(urls[0]), Mapping):
        out["urls"] = tuple(Url(url=u, type=k) for k in urls[1] if isinstance(u := web.get(k), str))
    return out
