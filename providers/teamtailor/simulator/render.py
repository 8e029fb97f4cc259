"""Sandbox records as Teamtailor JSON:API documents (``kit/jsonapi_serve.py``): the adapter's
mappings inverted (``RecordMap.render``), attribute names dasherized, ids as Teamtailor numbers
(a tag is its name), with Teamtailor's links, and ``include=`` served as Teamtailor serves it
(linkage only for included relationships, each included object once)."""

from __future__ import annotations

from typing import Any, Final

from ...kit.jsonapi_serve import Documents, sandbox_number
from ...kit.mapping import Json, RecordMap
from ...records import Record, Resource
from ..mapping import ACTIVITY, ATTACHMENT, KINDS, ORGANIZATION, PICKED, QUESTION

R = Resource
number = sandbox_number
"""A sandbox id's Teamtailor id: its number (``cand_000042`` -> ``42``)."""

MAPS: Final[dict[str, RecordMap[Any]]] = {
    found.template["type"]: found
    for found in (*(k.map for k in KINDS.values()), ATTACHMENT, ACTIVITY, ORGANIZATION, QUESTION, PICKED)
}
"""Each JSON:API type's mapping (of a form field's two types the last, ``picked-questions``, is
what one is listed as)."""


class Renderer(Documents):
    maps = MAPS
    dashed = True
    named = frozenset({R.TAG})

    def object(self, record: Record, kind: str | None = None) -> Json:
        out = super().object(record, kind)
        if out["type"] == "stages":
            out["attributes"]["stage-type"] = self.stage_type(record)
        return out

    def stage_type(self, stage: Record) -> str:
        """A sandbox stage's ``stage-type``: its job's first is the inbox, its last the hire (the
        sandbox hires into a job's last stage)."""
        job = getattr(stage, "job_id", None) or ""
        ordered = sorted(self.data.children(R.JOB_INTERVIEW_STAGE, "job").get(job, ()), key=_position)
        if ordered and ordered[-1].id == stage.id:
            return "Hired"
        return "Inbox" if ordered and ordered[0].id == stage.id else "In process"


def _position(stage: Record) -> int:
    return getattr(stage, "position", None) or 0
