"""How the Workable simulator names sandbox records, so tests can translate ids both ways.

Workable ids are short lowercase hex strings and jobs have an uppercase ``shortcode``; the
simulator uses the hex encoding of the sandbox id (``"app_000001"`` -> ``"6170705f303030303031"``),
which keeps id order (keyset paging relies on it). A Workable candidate *is* an application,
so a sandbox application's id names a Workable candidate. Stages are named by a slug of their
name, unique within their job; form fields by their name (a question by its hex id); tags by
their name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...records import JobFormFieldRecord, JobInterviewStageRecord, Record, Resource, TagRecord
from ..mapping import stage_id

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource


def hex_id(sandbox_id: str) -> str:
    return sandbox_id.encode().hex()


def from_hex(workable_id: str) -> str:
    try:
        return bytes.fromhex(workable_id).decode()
    except (ValueError, UnicodeDecodeError):
        return ""


def shortcode(job_id: str) -> str:
    return hex_id(job_id).upper()


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "stage"


QUESTION_TYPES = frozenset({"single_select", "multi_select", "number", "other"})
"""Sandbox form-field types Workable can only carry as job questions, not as form fields."""


class IdCodec:
    """Translation between sandbox ids and the ids the Workable adapter reports."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.slugs: dict[str, str] = {}
        by_job: dict[str, set[str]] = {}
        stages = sorted(dataset.records(R.JOB_INTERVIEW_STAGE), key=_position)
        for stage in stages:
            assert isinstance(stage, JobInterviewStageRecord)
            taken = by_job.setdefault(stage.job_id or "", set())
            base = slug = slugify(stage.name or "")
            n = 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            self.slugs[stage.id] = slug
        self.tag_names: dict[str, str] = {
            t.id: t.name or t.id for t in dataset.records(R.TAG) if isinstance(t, TagRecord)
        }
        self._reverse: dict[tuple[Resource, str], str] = {}
        for resource in (R.JOB_INTERVIEW_STAGE, R.JOB_FORM_FIELD, R.TAG):
            for record in dataset.records(resource):
                self._reverse[(resource, self.adapter_id(resource, record.id))] = record.id

    def learn_tags(self) -> None:
        """Name the tags a write created since the codec was built."""
        for tag in self.dataset.records(R.TAG):
            if tag.id not in self.tag_names and isinstance(tag, TagRecord):
                self.tag_names[tag.id] = tag.name or tag.id
                self._reverse[(R.TAG, self.tag_names[tag.id])] = tag.id

    def adapter_id(self, resource: Resource, sandbox_id: str) -> str:
        """The id the Workable adapter gives the record ``sandbox_id`` of ``resource``."""
        if resource is R.JOB:
            return shortcode(sandbox_id)
        if resource is R.TAG:
            return self.tag_names[sandbox_id]
        if resource is R.JOB_INTERVIEW_STAGE:
            stage = self.dataset.get(R.JOB_INTERVIEW_STAGE, sandbox_id)
            assert isinstance(stage, JobInterviewStageRecord)
            return stage_id(shortcode(stage.job_id or ""), self.slugs[sandbox_id])
        if resource is R.JOB_FORM_FIELD:
            return self.form_field_id(self._field(sandbox_id))
        return hex_id(sandbox_id)

    def sandbox_id(self, resource: Resource, adapter_id: str) -> str:
        """The inverse of ``adapter_id``."""
        if resource is R.JOB:
            return from_hex(adapter_id.lower())
        if resource in (R.JOB_INTERVIEW_STAGE, R.JOB_FORM_FIELD, R.TAG):
            return self._reverse.get((resource, adapter_id), "")
        return from_hex(adapter_id)

    def _field(self, sandbox_id: str) -> JobFormFieldRecord:
        field = self.dataset.get(R.JOB_FORM_FIELD, sandbox_id)
        assert isinstance(field, JobFormFieldRecord)
        return field

    def form_field_id(self, field: JobFormFieldRecord) -> str:
        code = shortcode(field.job_id or "")
        if field.group_id:
            return f"{code}:{field.group_id}.{field.name}"
        if field.type is not None and field.type.value in QUESTION_TYPES:
            return f"{code}:question:{hex_id(field.id)}"
        return f"{code}:{field.name}"


def _position(record: Record) -> tuple[str, int, str]:
    assert isinstance(record, JobInterviewStageRecord)
    return (record.job_id or "", record.position or 0, record.id)
