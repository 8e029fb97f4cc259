"""``GET /jobs/{shortcode}/application_form`` to JobFormField records
(https://workable.readme.io/reference/jobsshortcodeapplication_form).

Ids are job-scoped: ``<shortcode>:<key>`` for a form field, ``<shortcode>:<group>.<key>`` for a
field inside a ``complex`` group and ``<shortcode>:question:<id>`` for a question. ``name`` is
what an application submits: the field key (a candidate attribute) or the question id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from ..kit.mapping import At, Ctx, Fn, RecordMap, Table, fn
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


def _field_id(f: WorkableFormField, ctx: Ctx) -> str:
    group = ctx.get("group")
    return f"{ctx['parent']}:{group.key}.{f.key}" if group else f"{ctx['parent']}:{f.key}"


def _group(f: WorkableFormField, ctx: Ctx) -> tuple[str | None, str | None]:
    group = ctx.get("group")
    return (f"{ctx['parent']}:{group.key}", group.label) if group else (None, None)


def _question_type(q: WorkableQuestion) -> FormFieldType | None:
    if q.type == "multiple_choice":
        return FormFieldType.SINGLE_SELECT if q.single_answer else FormFieldType.MULTI_SELECT
    return QUESTION_TYPE.get(q.type, FormFieldType.OTHER) if q.type else None


def _options(q: WorkableQuestion) -> tuple[FormFieldOption, ...]:
    if q.type not in ("multiple_choice", "dropdown"):
        return ()
    return tuple(FormFieldOption(label=c.body, value=c.id) for c in q.choices)


_JOB, _INDEX = Fn(lambda _p, ctx: ctx["parent"]), Fn(lambda _p, ctx: ctx["index"])

FIELD: Final = RecordMap(
    JobFormFieldRecord,
    {
        "id": Fn(_field_id),
        "name": At("key"),
        "job_id": _JOB,
        "label": At("label"),
        "index": _INDEX,
        "is_required": At("required"),
        "type": Table("type", FIELD_TYPE, FormFieldType.OTHER, raw="raw_type"),
        "group_id": Fn(lambda f, ctx: _group(f, ctx)[0]),
        "group_name": Fn(lambda f, ctx: _group(f, ctx)[1]),
    },
)
"""A form field (``parent``: the job's shortcode; ``group``: the ``complex`` field it is in)."""

QUESTION: Final = RecordMap(
    JobFormFieldRecord,
    {
        "id": Fn(lambda q, ctx: f"{ctx['parent']}:question:{q.id}"),
        "name": At("id"),
        "job_id": _JOB,
        "label": At("body"),
        "index": _INDEX,
        "is_required": At("required"),
        "type": fn(_question_type),
        "raw_type": At("type"),
        "options": fn(_options),
    },
)


def to_job_form_fields(form: WorkableApplicationForm, shortcode: str) -> list[JobFormFieldRecord]:
    """Form fields then questions, in form order. A ``complex`` field (education, experience)
    contributes its sub-fields, grouped under it, each indexed within the group."""
    out: list[JobFormFieldRecord] = []
    for index, f in enumerate(form.form_fields):
        if f.type == "complex" and f.fields:
            out.extend(
                FIELD.read(sub, {"parent": shortcode, "index": i, "group": f})
                for i, sub in enumerate(f.fields)
            )
        else:
            out.append(FIELD.read(f, {"parent": shortcode, "index": index}))
    questions = enumerate(form.questions, start=len(form.form_fields))  # numbered after the fields
    out.extend(QUESTION.read(q, {"parent": shortcode, "index": n}) for n, q in questions)
    return out
