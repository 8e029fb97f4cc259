"""Mapping fields many providers repeat (specs of ``kit/mapping.py``): a person's one e-mail,
phone or typed URL held in a single wire attribute (read into the unified tuple, rendered back
from its primary or first entry), and a value joined from parts (a full name from first and
last, a location from city and country).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..records import EmailAddress, PhoneNumber, Url
from .mapping import Fn, Json, Wire, fn, get_path, put_path


def _keys(path: str) -> tuple[str, ...]:
    return tuple(path.split("."))


def at_path(path: str, value: Any) -> Json:
    """``{"a": {"b": value}}`` for the path ``a.b`` (what a field's ``back`` renders)."""
    out: Json = {}
    put_path(out, _keys(path), value)
    return out


def primary_email(record: Any) -> str | None:
    """A record's primary e-mail address, else its first, else None."""
    return next((e.email for e in sorted(record.emails, key=lambda e: not e.is_primary)), None)


def one_email(path: str) -> Fn:
    """``emails`` from the one address at ``path`` (primary), rendered back from the primary one."""
    keys = _keys(path)

    def read(o: Any) -> tuple[EmailAddress, ...]:
        value = get_path(o, keys)
        return (EmailAddress(email=value, is_primary=True),) if value else ()

    return fn(read, lambda r, _w: at_path(path, primary_email(r)))


def one_phone(path: str) -> Fn:
    """``phones`` from the one number at ``path``, rendered back from the first."""
    keys = _keys(path)

    def read(o: Any) -> tuple[PhoneNumber, ...]:
        value = get_path(o, keys)
        return (PhoneNumber(number=value),) if value else ()

    return fn(read, lambda r, _w: at_path(path, r.phones[0].number if r.phones else None))


def one_url(path: str, kind: str) -> Fn:
    """``urls`` from the one URL of type ``kind`` at ``path`` (a LinkedIn profile), rendered back
    from the first of that type."""
    keys = _keys(path)

    def read(o: Any) -> tuple[Url, ...]:
        value = get_path(o, keys)
        return (Url(url=value, type=kind),) if value else ()

    return fn(read, lambda r, _w: at_path(path, next((u.url for u in r.urls if u.type == kind), None)))


def joined(*paths: str, sep: str = " ", back: Callable[[Any, Wire], Mapping[str, Any]] | None = None) -> Fn:
    """The values at ``paths`` that are set, joined by ``sep`` (None: none is); ``back`` renders
    it (None: the parts' own fields do)."""
    keys = [_keys(p) for p in paths]
    return fn(lambda o: sep.join(x for x in (get_path(o, k) for k in keys) if x) or None, back)
