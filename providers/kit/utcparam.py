"""A time filter sent as a query parameter in UTC, in a provider's own ``strftime`` format
(``2024-01-01 13:00:00``), and read back the same way by its simulator."""

from __future__ import annotations

from datetime import UTC, datetime

from .resources import Param


def utc_param(name: str, fmt: str, recheck: bool = True) -> Param:
    """The :class:`Param` ``name``: the filter's time in UTC written with ``fmt``; the
    simulator's ``parse`` reads it back as a UTC time. ``recheck`` (by default): the records
    are checked again, as the upstream bound is usually inclusive or coarser."""
    return Param(
        name,
        lambda value: value.astimezone(UTC).strftime(fmt),
        recheck=recheck,
        parse=lambda text: datetime.strptime(text, fmt).replace(tzinfo=UTC),
    )
