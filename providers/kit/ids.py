"""Reads keyed by ids, for an adapter's hand-written quirks and its derived reads: which ids can
name a record at all (an API of integer ids), many records listed through an ids filter
(``?candidate_ids=1,2,3``), and records by the id of the record that carries or owns them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator

from ..records import Record
from .resources import Endpoints, read_records

if TYPE_CHECKING:
    from .adapter import HttpAdapter


def is_integer(value: str) -> bool:
    """Whether ``value`` is an integer id (ASCII digits only: ``"٣"`` is a digit, not an id)."""
    return value.isascii() and value.isdigit()


def _integer_text(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and is_integer(value):
        return value
    raise ValueError("an id of this provider is an integer")


IntegerId = Annotated[str, BeforeValidator(_integer_text)]
"""A wire model's integer id, as the string records carry (an integer, or its digits; anything
else, ``true`` included, is an invalid answer)."""


def only_valid_ids(cls: type[HttpAdapter], valid: Callable[[str], bool]) -> None:
    """Give ``cls``'s derived reads by id and by parent id only the ids ``valid`` accepts: any
    other id names no record (None, no children) and never reaches a URL. Call it after the
    class is made (its derived methods are installed then); written methods are left alone."""

    def gets(method: Any) -> Any:
        async def get(self: HttpAdapter, ids: Sequence[str]) -> list[Any]:
            found = iter(await method(self, [i for i in ids if valid(i)]))
            return [next(found) if valid(i) else None for i in ids]

        return get

    def children(method: Any) -> Any:
        async def by_parent(self: HttpAdapter, ids: Sequence[str]) -> dict[str, Any]:
            found = await method(self, [i for i in ids if valid(i)])
            return {i: found.get(i, []) for i in ids}

        return by_parent

    for name, method in list(vars(cls).items()):
        if getattr(method, "derived", False) and name.startswith("get_"):
            setattr(cls, name, gets(method))
        elif getattr(method, "derived", False) and name.endswith("_ids"):
            setattr(cls, name, children(method))


async def listed_by_ids(
    a: HttpAdapter,
    e: Endpoints,
    param: str,
    ids: Sequence[str],
    *,
    page_size: int | None = None,
    operation: str = "list",
) -> list[Record]:
    """The records of ``e``'s list filtered by ``param`` (``?param=1,2,3``): each batch of the
    adapter's ``max_batch_size`` distinct ids read whole (``page_size`` a page), concurrently."""
    assert e.list is not None

    async def batch(part: Sequence[str]) -> list[Record]:
        params = {**e.params, param: ",".join(part)}
        ctx = a.ctx(e.resource, operation)
        found = await a.fetch_all(
            e.model, e.list or "", ctx, params=params, page_size=page_size, field=e.items
        )
        return await read_records(a, e, found)

    return [r for part in await a.in_batches(batch, list(dict.fromkeys(ids))) for r in part]


def grouped(records: Sequence[Record], attribute: str, ids: Sequence[str]) -> dict[str, list[Any]]:
    """Per id of ``ids``, the records whose ``attribute`` is that id (children by parent)."""
    out: dict[str, list[Any]] = {i: [] for i in ids}
    for r in records:
        out.get(getattr(r, attribute) or "", []).append(r)
    return out


def embedded_by_id(
    records: Sequence[Record | None], kind: type[Record], ids: Sequence[str]
) -> dict[str, list[Any]]:
    """Per id of ``ids``, the records of type ``kind`` its record (of ``records``) carries
    embedded (none for an id without a record)."""
    by_id = {r.id: [e for e in r.embedded if isinstance(e, kind)] for r in records if r is not None}
    return {i: by_id.get(i, []) for i in ids}
