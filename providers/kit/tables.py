"""Account tables in a provider's declarations: a resource the API lists whole in one answer
(departments, offices, users...), read once, kept ``tables_ttl_s`` and picked from by id, and
the lookups a payload needs when it names such records by name rather than by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..records import Record, Resource
from .mapping import Ctx, RecordMap
from .resources import Endpoints, Prepare, Read, whole_table


def account_table(
    resource: Resource,
    model: Any,
    read: RecordMap[Any] | Read,
    path: str,
    items: str | None = None,
    *,
    paged: bool = False,
    **more: Any,
) -> Endpoints:
    """An account table at ``path`` (its items at ``items``): read whole (one answer, or every
    page when ``paged``), kept, picked from by id (``more``: the rest of its :class:`Endpoints`:
    ``params``, ``maps``, ``children``...)."""
    return Endpoints(
        resource, model, read, list=path, items=items, whole=True, kept=True, paged=paged, **more
    )


def ids_by_name(rows: Sequence[Record]) -> dict[str, str]:
    """A table's ids by name (records without a name left out)."""
    return {name: r.id for r in rows if (name := getattr(r, "name", None))}


def by_name(**tables: Resource) -> Prepare:
    """A ``prepare`` giving a batch of payloads, per context key, the ids by name of an account
    table's records (a job naming its department by name): ``by_name(departments=DEPARTMENT)``."""

    async def prepare(adapter: Any, _payloads: Sequence[Any]) -> Ctx:
        return {
            key: ids_by_name(await whole_table(adapter, adapter.endpoints(r))) for key, r in tables.items()
        }

    return prepare
