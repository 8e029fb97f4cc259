"""Every check a write passes before any upstream write, in the order a client fixes them.

0. what no provider can be sent, checked as the input is read (as GraphQL checks a
   variable's type, whatever the connection): an id that cannot be one, a lone surrogate in
   a text (``check_values``, ``check_actor``);
1. what the provider offers: the mutation and each input field given, else
   NOT_SUPPORTED_BY_PROVIDER naming the field;
2. what it needs: the operation's and the provider's required fields, else BAD_USER_INPUT
   naming the field; an acting user where the provider needs one (``actorId``);
3. what the account says, read through the request's loaders: an application's stage must be
   one of its job's stages; an application must answer its job's required form fields
   (``JobFormField.isRequired``), and ``onDuplicateCandidate`` is applied by e-mail; a new
   candidate must give each custom field the account requires (``required_custom_fields``).

Field names are dotted GraphQL input paths (``input.candidate.firstName``), the error's
``extensions.field``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Final, cast

import strawberry
from strawberry.types.base import has_object_definition

from gateway.errors import BadUserInput, NotSupportedByGateway
from graph.context import Context
from providers.base import ProviderAdapter
from providers.errors import ProviderRefusedInput
from providers.paths import encoding_problem, id_problem
from providers.query import Filter, FilterName, ListQuery
from providers.records import (
    ApplicationRecord,
    CandidateRecord,
    FormFieldType,
    JobFormFieldRecord,
    JobInterviewStageRecord,
    Resource,
)
from providers.writes import (
    BY_MUTATION,
    Actor,
    ApplicationInput,
    CustomFieldValue,
    OnDuplicate,
    StageMove,
    WriteOperation,
    input_fields,
    required_fields,
    supports,
)

from .given import set_fields

R = Resource

STANDARD_FORM_FIELDS: Final = frozenset({"first_name", "last_name", "email", "phone"})
"""Form fields a candidate's own data answers (``JobFormField.name``)."""
_TRUTHS: Final = frozenset({"true", "false", "yes", "no", "1", "0"})


def _camel(name: str) -> str:
    head, *rest = name.replace("-", "_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def refused_field(adapter: type[ProviderAdapter], op: WriteOperation, refusal: ProviderRefusedInput) -> str:
    """The input path of the first field the provider's refusal names that the mutation takes
    (``email_addresses`` -> ``input.emails``), or "" when it names none of them."""
    taken = set(input_fields(adapter, op))
    for reason in refusal.reasons:
        if not reason.field:
            continue
        name = adapter.write_error_fields.get(reason.field) or _camel(reason.field)
        if name == "actorId":  # the mutation's argument, not an input field
            return name
        if name in taken:
            return f"input.{name}"
    return ""


def _provider(adapter: type[ProviderAdapter]) -> str:
    return adapter.title or adapter.name


def unknown_record(adapter: type[ProviderAdapter], op: WriteOperation, given: frozenset[str]) -> BadUserInput:
    """The provider's 404 to a write (nothing was written): an id the input gives names no
    record of the account. That is the client's input, as an unknown id is on the connections
    whose checks or simulators refuse it first, not a record gone while resolving a relationship
    (NOT_FOUND). The field is named when the input gives one id; with several, which one the
    provider could not find is not said, so each is listed."""
    ids = [f"input.{f}" for f in op.fields if f in given and (f == "id" or f.endswith("Id"))]
    if len(ids) == 1:
        return BadUserInput(f"{_provider(adapter)} has no record with the id `{ids[0]}` gives", field=ids[0])
    return BadUserInput(f"{_provider(adapter)} has no record with one of the ids given ({', '.join(ids)})")


def _is_id(kind: Any) -> bool:
    """Whether an input field's strawberry type is ``ID`` or ``ID | None``."""
    return kind is strawberry.ID or getattr(kind, "of_type", None) is strawberry.ID


def _check_text(value: str, field: str, is_id: bool, **extensions: str) -> None:
    # a text may hold a newline (or any control character its provider takes)
    problem = id_problem(value) if is_id else encoding_problem(value)
    if problem is not None:
        what = "a valid id" if is_id else "text that can be sent"
        raise BadUserInput(f"`{field}` is not {what}: it {problem}", field=field, **extensions)


def check_values(value: Any, prefix: str = "input.") -> None:
    """Every id and text of the GraphQL input object ``value`` (nested ones and list items
    too) is one a provider can be sent, else BAD_USER_INPUT naming the field (the message
    never echoes the value). An id is held to the rule of a read's id argument
    (``providers/paths.id_problem``: not empty, no slash, no control character, at most 256
    characters), so every connection answers an odd one alike, before any call; a text may
    not hold a lone surrogate, which no UTF-8 body can carry: it failed the upstream request's
    JSON or the answer echoing it (INTERNAL_SERVER_ERROR), and the sandbox stored it, after
    which every read of the record failed."""
    for name, inner, f in set_fields(value, prefix):
        items = enumerate(inner) if isinstance(inner, list) else [(None, inner)]
        for i, item in items:
            where = name if i is None else f"{name}.{i}"
            if has_object_definition(item):
                check_values(item, f"{where}.")
            elif isinstance(item, str):
                _check_text(item, where, _is_id(f.type))


def check_actor(actor_id: str | None) -> None:
    """``actorId``, when given, is held to the rule of every other id (``check_values``)."""
    if actor_id is not None:
        _check_text(actor_id, "actorId", is_id=True, argument="actorId")


def check_offered(adapter: type[ProviderAdapter], op: WriteOperation, given: frozenset[str]) -> None:
    if not supports(adapter, op):
        raise NotSupportedByGateway(
            f"{_provider(adapter)} does not support {op.mutation}", provider=adapter.name, field=op.mutation
        )
    taken = set(input_fields(adapter, op))
    for name in sorted(n for n in given if "." not in n and n not in taken):
        raise NotSupportedByGateway(
            f"{_provider(adapter)} does not take `{name}` in {op.mutation}",
            provider=adapter.name,
            field=f"input.{name}",
        )


def check_required(
    adapter: type[ProviderAdapter], op: WriteOperation, given: frozenset[str], prefix: str = "input."
) -> None:
    for name in required_fields(adapter, op):
        if name not in given:
            raise BadUserInput(
                f"{op.mutation} on {_provider(adapter)} needs `{name}`", field=f"{prefix}{name}"
            )


def check_inline_candidate(adapter: type[ProviderAdapter], given: frozenset[str]) -> None:
    """An inline candidate is created as ``createCandidate`` creates one: the same fields."""
    create = BY_MUTATION["createCandidate"]
    inner = frozenset(n.removeprefix("candidate.") for n in given if n.startswith("candidate."))
    if adapter.inline_candidate_fields is not None:  # a person is made only with an application
        _check_inline_fields(adapter, inner)
        return
    taken = set(input_fields(adapter, create))
    for name in sorted(n for n in inner if "." not in n and n not in taken):
        raise NotSupportedByGateway(
            f"{_provider(adapter)} does not take `{name}` for a new candidate",
            provider=adapter.name,
            field=f"input.candidate.{name}",
        )
    check_required(adapter, create, inner, prefix="input.candidate.")


def _check_inline_fields(adapter: type[ProviderAdapter], inner: frozenset[str]) -> None:
    taken = adapter.inline_candidate_fields or frozenset()
    for name in sorted(n for n in inner if "." not in n and n not in taken):
        raise NotSupportedByGateway(
            f"{_provider(adapter)} does not take `{name}` for a new candidate",
            provider=adapter.name,
            field=f"input.candidate.{name}",
        )
    for name in BY_MUTATION["createCandidate"].fields:
        if name in adapter.inline_candidate_required and name not in inner:
            raise BadUserInput(
                f"createApplication on {_provider(adapter)} needs `{name}` for a new candidate",
                field=f"input.candidate.{name}",
            )


def acting_user(adapter: ProviderAdapter, actor_id: str | None) -> Actor | None:
    chosen = actor_id or adapter.default_actor()
    if chosen is None and adapter.actor_required:
        raise BadUserInput(
            f"{_provider(type(adapter))} writes on behalf of a user: pass `actorId`, or set the "
            "connection's `actor_id` option",
            argument="actorId",
            field="actorId",
        )
    return None if chosen is None else Actor(chosen)


async def check_custom_fields(
    ctx: Context, op: WriteOperation, given: Sequence[CustomFieldValue], prefix: str = "input."
) -> None:
    """Each custom field the account requires for ``op`` is given a value; asked only of a
    provider that takes ``customFields`` there (nobody else could give one)."""
    adapter = ctx.adapter
    if "customFields" not in input_fields(type(adapter), op):
        return
    valued = {f.name for f in given if f.value.strip()}
    for key in await adapter.required_custom_fields(op):
        if key not in valued:
            raise BadUserInput(
                f"the account requires the custom field `{key[:100]}`", field=f"{prefix}customFields.{key}"
            )


async def check_stage(ctx: Context, move: StageMove) -> None:
    adapter = ctx.adapter
    if not adapter.can_get(R.APPLICATION) or not adapter.can_list_children(R.JOB_INTERVIEW_STAGE, "job"):
        return  # the provider checks it itself
    app = cast("ApplicationRecord | None", await ctx.loaders.load(R.APPLICATION, move.application_id))
    if app is None:
        raise BadUserInput(
            f"there is no application '{move.application_id[:100]}'", field="input.applicationId"
        )
    stages = await ctx.loaders.children(R.JOB_INTERVIEW_STAGE, "job").load(app.job_id or "")
    if move.stage_id not in {cast("JobInterviewStageRecord", s).id for s in stages}:
        raise BadUserInput(
            f"stage '{move.stage_id[:100]}' is not one of the application's job's stages",
            field="input.stageId",
        )


async def prepare_application(ctx: Context, given: ApplicationInput) -> ApplicationInput:
    """``given`` with ``onDuplicateCandidate`` applied, after its job's form is checked."""
    if (given.candidate_id is None) == (given.candidate is None):
        raise BadUserInput("give exactly one of `candidateId` and `candidate`", field="input.candidateId")
    if (
        given.candidate is not None
        and given.on_duplicate is not OnDuplicate.CREATE
        and given.candidate.emails
    ):
        existing = await _by_email(ctx, [e.email for e in given.candidate.emails])
        if existing is not None:
            if given.on_duplicate is OnDuplicate.FAIL:
                raise BadUserInput(
                    "a candidate with this e-mail address exists already",
                    field="input.candidate.emails",
                    existingCandidateId=existing,
                )
            given = replace(given, candidate_id=existing, candidate=None)
    if given.candidate is not None:  # created with the application
        create = BY_MUTATION["createCandidate"]
        await check_custom_fields(ctx, create, given.candidate.custom_fields, "input.candidate.")
    await _check_form(ctx, given)
    return given


async def _by_email(ctx: Context, emails: Sequence[str]) -> str | None:
    adapter = ctx.adapter
    if not adapter.filters_natively(R.CANDIDATE, FilterName.EMAIL):
        raise NotSupportedByGateway(
            f"{_provider(type(adapter))} cannot find candidates by e-mail: pass "
            "`onDuplicateCandidate: CREATE`, or look the candidate up first",
            provider=adapter.name,
            field="input.onDuplicateCandidate",
        )
    for email in emails:
        page = await ctx.loaders.page(R.CANDIDATE, ListQuery(Filter(email=email), None, 1, None))
        if page.records:
            return page.records[0].id
    return None


async def _check_form(ctx: Context, given: ApplicationInput) -> None:
    adapter = ctx.adapter
    if not adapter.can_list_children(R.JOB_FORM_FIELD, "job"):
        return
    if not adapter.application_form:
        return  # added to the job without its form: nothing of the form to demand
    fields = cast(
        "Sequence[JobFormFieldRecord]",
        await ctx.loaders.children(R.JOB_FORM_FIELD, "job").load(given.job_id),
    )
    if not fields:
        return
    by_name = {f.name: f for f in fields if f.name}
    answers: dict[str, str | None] = {}
    for i, answer in enumerate(given.answers):
        field = by_name.get(answer.question)
        if field is None:
            raise BadUserInput(
                f"the job's form has no field `{answer.question[:100]}`", field=f"input.answers.{i}.question"
            )
        _check_value(field, answer.answer, f"input.answers.{i}.answer")
        answers[answer.question] = answer.answer
    candidate = await _candidate_data(ctx, given)
    for field in fields:
        if not field.is_required or not field.name or (answers.get(field.name) or "").strip():
            continue
        if field.name in STANDARD_FORM_FIELDS and _standard_answered(field.name, candidate):
            continue
        raise BadUserInput(
            f"the job's form requires `{field.name}` ({field.label or field.name})",
            field=f"input.answers.{field.name}",
        )


def _check_value(field: JobFormFieldRecord, value: str | None, where: str) -> None:
    if value is None or not value.strip():
        return
    if field.type is FormFieldType.BOOLEAN and value.strip().lower() not in _TRUTHS:
        raise BadUserInput(f"`{field.name}` takes yes or no", field=where)
    if field.type is FormFieldType.SINGLE_SELECT and field.options:
        allowed = {o.value or o.label for o in field.options} | {o.label for o in field.options}
        if value not in allowed:
            raise BadUserInput(f"`{field.name}` takes one of its options", field=where)


async def _candidate_data(ctx: Context, given: ApplicationInput) -> Any:
    if given.candidate is not None:
        return given.candidate
    found = cast("CandidateRecord | None", await ctx.loaders.load(R.CANDIDATE, given.candidate_id))
    if found is None:
        raise BadUserInput(
            f"there is no candidate '{(given.candidate_id or '')[:100]}'", field="input.candidateId"
        )
    return found


def _standard_answered(name: str, candidate: Any) -> bool:
    if name == "email":
        return bool(candidate.emails)
    if name == "phone":
        return bool(candidate.phones)
    return bool(getattr(candidate, name, None))
