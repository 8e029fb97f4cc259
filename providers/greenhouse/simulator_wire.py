"""The simulator's wire helpers: id encoding, timestamps, enum tables, and the renderer base.

Sandbox records are rendered as Greenhouse Harvest v1 JSON (the simulator's payloads).

Shapes follow the documented examples in ``shared/fixtures/providers/greenhouse`` key for key;
values Greenhouse has no place for are left out, and values it has no word for keep the
sandbox's own (the adapter then reports ``OTHER`` plus that raw value).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final, cast

from ..records import (
    ApplicationRecord,
    AttachmentRecord,
    EeocRecord,
    JobInterviewStageRecord,
    JobRecord,
    OfferRecord,
    OfferStatus,
    RejectReasonRecord,
    Resource,
    ScorecardRecord,
    TagRecord,
    UserRecord,
)
from .mapping import ATTACHMENT_TYPE, VISIBILITY
from .mapping_jobs import FORM_FIELD_TYPE, INTERVIEW_STATUS, JOB_STATUS, OVERALL_RECOMMENDATION

if TYPE_CHECKING:
    from ..sandbox import Dataset

R = Resource
JSON = dict[str, Any]
_NUMBERED = re.compile(r"^[A-Za-z]+_0*(\d+)$")


def _inverse(table: Mapping[str, Any]) -> dict[Any, str]:
    out: dict[Any, str] = {}
    for raw, unified in table.items():
        out.setdefault(unified, raw)
    return out


SIM_JOB_STATUS: Final = _inverse(JOB_STATUS)
SIM_INTERVIEW_STATUS: Final = _inverse(INTERVIEW_STATUS)
SIM_RECOMMENDATION: Final = _inverse(OVERALL_RECOMMENDATION)
SIM_FORM_TYPE: Final = _inverse(FORM_FIELD_TYPE)
SIM_ATTACHMENT_TYPE: Final = _inverse(ATTACHMENT_TYPE)
SIM_VISIBILITY: Final = _inverse(VISIBILITY)
SIM_OFFER_STATUS: Final[dict[OfferStatus, str]] = {
    OfferStatus.ACCEPTED: "accepted",
    OfferStatus.DECLINED: "rejected",
    OfferStatus.DEPRECATED: "deprecated",
}
"""Every other offer state is ``unresolved`` in Greenhouse."""


def encode_id(sandbox_id: str) -> int:
    """The Greenhouse integer for a sandbox id (``cand_000042`` -> 42; ids are per resource)."""
    match = _NUMBERED.match(sandbox_id)
    if match is None:
        raise ValueError(f"not a sandbox id: {sandbox_id!r}")
    return int(match.group(1))


def ts(value: datetime | None) -> str | None:
    if value is None:
        return None
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def _raw(enum_value: Any, table: Mapping[Any, str], raw: str | None) -> str | None:
    if enum_value is None:
        return None
    return (
        table.get(enum_value) or raw or str(enum_value.value if hasattr(enum_value, "value") else enum_value)
    )


def render_attachment(a: AttachmentRecord) -> JSON:
    """An attachment as candidates and applications embed it."""
    return {
        "filename": a.file_name,
        "url": a.file_url,
        "type": _raw(a.attachment_type, SIM_ATTACHMENT_TYPE, a.raw_attachment_type),
        "created_at": ts(a.created_at),
    }


class RendererBase:
    """The indexes the nested objects need, and the small shared objects."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.users = cast("Mapping[str, UserRecord]", data.by_id(R.USER))
        self.stages = cast("Mapping[str, JobInterviewStageRecord]", data.by_id(R.JOB_INTERVIEW_STAGE))
        self.jobs = cast("Mapping[str, JobRecord]", data.by_id(R.JOB))
        self.reasons = cast("Mapping[str, RejectReasonRecord]", data.by_id(R.REJECT_REASON))
        self.tags = cast("Mapping[str, TagRecord]", data.by_id(R.TAG))
        self.applications = cast("Mapping[str, ApplicationRecord]", data.by_id(R.APPLICATION))
        self.attachments = cast("Mapping[str, AttachmentRecord]", data.by_id(R.ATTACHMENT))
        self.eeoc_application: dict[str, str] = {}
        """sandbox EEOC id -> the sandbox application it is filed under (Greenhouse keys EEOC by application)."""
        for e in cast("Sequence[EeocRecord]", data.records(R.EEOC)):
            apps = data.children(R.APPLICATION, "candidate").get(e.candidate_id or "", ())
            if apps:
                self.eeoc_application[e.id] = apps[0].id
        self.scorecard_of: dict[tuple[str, str], str] = {
            (s.interview_id or "", s.interviewer_id or ""): s.id
            for s in cast("Sequence[ScorecardRecord]", data.records(R.SCORECARD))
        }
        self.hired = {
            o.application_id
            for o in cast("Sequence[OfferRecord]", data.records(R.OFFER))
            if o.status is OfferStatus.ACCEPTED
        }

    # -- small nested objects -----------------------------------------------------------------
    def user_stub(self, user_id: str | None) -> JSON | None:
        user = self.users.get(user_id or "")
        if user is None:
            return None
        return {
            "id": encode_id(user.id),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "name": user.name,
            "employee_id": None,
        }

    def attachment(self, a: AttachmentRecord) -> JSON:
        return render_attachment(a)

    def rejection_reason(self, r: RejectReasonRecord) -> JSON:
        return {"id": encode_id(r.id), "name": r.name, "type": {"id": 1, "name": "We rejected them"}}

    # -- resources ------------------------------------------------------------------------------
