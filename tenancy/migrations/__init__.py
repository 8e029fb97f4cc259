"""The versioned schema, applied in order and recorded in ``schema_migrations``.

Each migration is a module ``mNNNN_<name>.py`` with a ``STATEMENTS`` tuple. The SQL is the
same for SQLite and PostgreSQL, so it keeps to the types both spell alike (TEXT, INTEGER,
BIGINT, DOUBLE PRECISION). A released migration is never edited: add the next one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from . import m0001_initial, m0002_events, m0003_idempotency


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: Final[tuple[Migration, ...]] = (
    Migration(1, "initial", m0001_initial.STATEMENTS),
    Migration(2, "events", m0002_events.STATEMENTS),
    Migration(3, "idempotency", m0003_idempotency.STATEMENTS),
)

BOOTSTRAP: Final = (
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at DOUBLE PRECISION NOT NULL)"
)
"""The one table that has to exist before versions can be compared."""
