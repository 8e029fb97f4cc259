"""A person's fields as data (``kit/mapping.py``), for an API that keeps one e-mail address, one
phone number and a first and last name: read into the unified lists, rendered back from their
first entry (the simulator), read back from a write's body (:func:`person_input`), and
written into one (:func:`person_body`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..http import CallContext
from ..records import EmailAddress, PhoneNumber, Url
from ..writes import CandidateInput, CandidateUpdate
from .mapping import Fn, Json, fn, get_path, put_path
from .writekit import refusal


def _keys(path: str) -> tuple[str, ...]:
    return tuple(path.split("."))


def joined(*parts: str | None) -> str | None:
    """The parts given, joined by a space (None: none)."""
    return " ".join(x for x in parts if x) or None


def full_name(first: str = "firstName", last: str = "lastName") -> Fn:
    """The name, joined from the first and last names at ``first`` and ``last`` (read only: the
    first and last names render themselves)."""
    return fn(lambda p: joined(get_path(p, _keys(first)), get_path(p, _keys(last))))


def _first(path: str, value: Any) -> Json:
    out: Json = {}
    put_path(out, _keys(path), value)
    return out


def one_email(path: str = "email") -> Fn:
    """The one e-mail address at ``path``, the primary one; rendered from the first."""
    return fn(
        lambda p: (EmailAddress(email=v, is_primary=True),) if (v := get_path(p, _keys(path))) else (),
        lambda r, _w: _first(path, r.emails[0].email if r.emails else None),
    )


def one_phone(path: str = "phoneNumber") -> Fn:
    """The one phone number at ``path``; rendered from the first."""
    return fn(
        lambda p: (PhoneNumber(number=v),) if (v := get_path(p, _keys(path))) else (),
        lambda r, _w: _first(path, r.phones[0].number if r.phones else None),
    )


def typed_urls(path: str, kinds: Sequence[str]) -> Fn:
    """URLs kept in an object by kind (``{"linkedin": ..., "website": ...}`` at ``path``), each
    a URL of that type; rendered from the URLs of those types."""
    return fn(
        lambda p: tuple(Url(url=u, type=k) for k in kinds if (u := get_path(p, (*_keys(path), k)))),
        lambda r, _w: _first(path, {u.type: u.url for u in r.urls if u.type in kinds}),
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
        out["emails"] = (EmailAddress(email=found, is_primary=True),)
    if isinstance(found := body.get(phone), str):
        out["phones"] = (PhoneNumber(number=found),)
    if urls is not None and isinstance(web := body.get(urls[0]), Mapping):
        out["urls"] = tuple(Url(url=u, type=k) for k in urls[1] if isinstance(u := web.get(k), str))
    return out


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
            raise refusal(ctx, f"input.{name}", f"{who}'s {what} cannot be cleared")
        if len(values) > 1:
            raise refusal(ctx, f"input.{name}", f"{who} has one {what}")
        out[wire] = values[0].email if name == "emails" else values[0].number
    return out
