"""Filter inputs the resources share."""

from __future__ import annotations

from datetime import datetime

import strawberry


@strawberry.input(description="Bounds on when records were created or last changed (exclusive, UTC).")
class TimeRangeFilter:
    created_after: datetime | None = strawberry.field(
        default=None, description="Only records created strictly after this time."
    )
    created_before: datetime | None = strawberry.field(
        default=None, description="Only records created strictly before this time."
    )
    updated_after: datetime | None = strawberry.field(
        default=None, description="Only records changed strictly after this time."
    )
    updated_before: datetime | None = strawberry.field(
        default=None, description="Only records changed strictly before this time."
    )
