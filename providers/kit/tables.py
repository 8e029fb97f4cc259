"""Account tables (departments, users, statuses...): a list an adapter reads whole, keeps for
its ``tables_ttl_s`` and picks from (``Endpoints(whole=True, kept=True)``), declared in one line."""

from __future__ import annotations

from typing import Any

from ..records import Resource
from .resources import Endpoints


def account_table(resource: Resource, model: Any, read: Any, path: str, **more: Any) -> Endpoints:
    """The :class:`Endpoints` of ``resource`` listed at ``path``, read whole and kept;
    ``more``: any other part of the declaration (``paged=False`` for one unpaged answer,
    ``params``, ``maps``, ``children``...)."""
    return Endpoints(resource, model, read, list=path, whole=True, kept=True, **more)
