"""``GET /jobs/{shortcode}/application_form`` to JobFormField records
(https://workable.readme.io/reference/jobsshortcodeapplication_form).

Ids are job-scoped: ``<shortcode>:<key>`` for a form field, ``<shortcode>:<group>.<key>`` for a
field inside a ``complex`` group and ``<shortcode>:question:<id>`` for a question. ``name`` is
what an application submits: the field key (a candidate attribute) or the question id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from ..records import FormFieldOption, FormFieldType, JobFormFieldRecord
from .payloads import WorkableApplicationForm, WorkableFormField, WorkableQuestion

FIELD_TYPE: Final[Mapping[str, FormFieldType]] = {
    "string": FormFieldType.SHORT_TEXT,
    "free_text": FormFieldType.LONG_TEXT,
    "file": FormFieldType.FILE,
    "boolean": FormFieldType.BOOLEAN,
    "date": FormFieldType.DATE,
}
"""``form_fields[].type`` (string, free_text, file, boolean, date, complex)."""

QUESTION_TYPE: Final[Mapping[str, FormFieldType]] = {
    "free_text": FormFieldType.LONG_TEXT,
    "short_text": FormFieldType.SHORT_TEXT,
    "boolean": FormFieldType.BOOLEAN,
    "dropdown": FormFieldType.SINGLE_SELECT,
    "numeric": FormFieldType.NUMBER,
    "date": FormFieldType.DATE,
    "file": FormFieldType.FILE,
}
"""``questions[].type``; ``multiple_choice`` depends on ``single_answer`` (see ``_question_type``)."""


def _field(
    f: WorkableFormField, shortcode: str, index: int, group: WorkableFormField | None = None
) -> JobFormFieldRecord:
    fid = f"{shortcode}:{group.key}.{f.key}" if group else f"{shortcode}:{f.key}"
    return JobFormFieldRecord(
        id=fid,
        remote_id=fid,
        remote_data=f.raw,
        name=f.key,
        job_id=shortcode,
        label=f.label,
        index=index,
        is_required=f.required,
        type=FIELD_TYPE.get(f.type, FormFieldType.OTHER) if f.type else None,
        raw_type=f.type,
        group_id=f"{shortcode}:{group.key}" if group else None,
        group_name=group.label if group else None,
    )


def _question_type(q: WorkableQuestion) -> FormFieldType | None:
    if q.type == "multiple_choice":
        return FormFieldType.SINGLE_SELECT if q.single_answer else FormFieldType.MULTI_SELECT
    return QUESTION_TYPE.get(q.type, FormFieldType.OTHER) if q.type else None


def _question(q: WorkableQuestion, shortcode: str, index: int) -> JobFormFieldRecord:
    qid = f"{shortcode}:question:{q.id}"
    with_options = q.type in ("multiple_choice", "dropdown")
    return JobFormFieldRecord(
        id=qid,
        remote_id=qid,
        remote_data=q.raw,
        name=q.id,
        job_id=shortcode,
        label=q.body,
        index=index,
        is_required=q.required,
        type=_question_type(q),
        raw_type=q.type,
        options=tuple(FormFieldOption(label=c.body, value=c.id) for c in q.choices) if with_options else (),
    )


def to_job_form_fields(form: WorkableApplicationForm, shortcode: str) -> list[JobFormFieldRecord]:
    """Form fields then questions, in form order. A ``complex`` field (education, experience)
    contributes its sub-fields, grouped under it, each indexed within the group."""
    out: list[JobFormFieldRecord] = []
    for index, f in enumerate(form.form_fields):
        if f.type == "complex" and f.fields:
            out.extend(_field(sub, shortcode, i, group=f) for i, sub in enumerate(f.fields))
        else:
            out.append(_field(f, shortcode, index))
    start = len(form.form_fields)
    out.extend(_question(q, shortcode, start + i) for i, q in enumerate(form.questions))
    return out
